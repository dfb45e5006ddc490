"""French as the Government of Canada writes it: "1 mai 2024", ISO short dates (AAAA-MM-JJ),
a 24-hour clock, a space between thousands and a decimal comma (Django's fr formats, with the
short date in ISO form rather than France's 01/05/2024)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
