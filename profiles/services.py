"""Writes for users and candidate profiles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from profiles.models import CandidateProfile, User


def user_sign_up(*, email: str, password: str) -> User:
    return User.objects.create_user(email=email, password=password)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account; the profile, its entries and its results go with it (CASCADE)."""
    user.delete()


def profile_get_or_create(*, user: User) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_section_save(*, profile: CandidateProfile, form: Any, formsets: Iterable[Any]) -> None:
    """Save one section (a form and/or formsets, already valid) as one transaction, and mark
    the profile as changed so stored results older than this are known to be stale."""
    if form is not None:
        form.save()
    for formset in formsets:
        formset.save()
    profile.save(update_fields=["updated_at"])
