"""Dates and times as the rest of the site writes them (ISO dates, a 24-hour clock), for the
admin and any template that uses the default formats: Django's en_CA formats use a 12-hour
clock ("2:30 p.m.")."""

DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
