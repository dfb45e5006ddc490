"""The request type of views behind `login_required` (django-stubs' documented pattern)."""

from __future__ import annotations

from django.http import HttpRequest

from profiles.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user has signed in: `login_required` (or the view itself) has checked,
    so `user` is a User, never AnonymousUser. For mypy only: Django builds the request."""

    user: User
