"""The site's URLs plus the floor of `manage.py bench_pages`: the same middleware, session and
user lookup as a personal page, then a constant."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("signed in" if request.user.is_authenticated else "anonymous")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
