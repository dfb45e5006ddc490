"""Writes for users and candidate profiles."""

from __future__ import annotations

from django.db import transaction

from profiles.models import User


def user_sign_up(*, email: str, password: str) -> User:
    return User.objects.create_user(email=email, password=password)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account; the profile, its history and its results go with it (CASCADE)."""
    user.delete()
