"""Reads for profiles. Ownership is decided here and nowhere else."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from profiles.access_tokens import token_digest
from profiles.models import (
    SPOUSE_STATUSES,
    AccessToken,
    CandidateProfile,
    Education,
    LanguageTest,
    Person,
    User,
    WorkExperience,
)

_OCCUPATIONS = ("job_offer_occupation", "certificate_trade", "caf_offer_occupation")
_ENTRIES = (
    "education",
    "language_tests",
    Prefetch("work", queryset=WorkExperience.objects.select_related("occupation")),
)


def profiles_with_entries() -> QuerySet[CandidateProfile]:
    """Profiles with everything the engine reads: four queries for any number of profiles
    (profiles with the occupations of their job offer, certificate and Canadian Armed Forces
    offer, then education, language tests, work with TEER)."""
    return CandidateProfile.objects.select_related(*_OCCUPATIONS).prefetch_related(*_ENTRIES)


def profile_get_for_user(
    *,
    user: User,
    profile_id: uuid.UUID,
    entries: bool = True,
    annotations: dict[str, Any] | None = None,
    columns: tuple[str, ...] = (),
) -> CandidateProfile:
    """The profile with this public id if `user` owns it; anyone else gets a 404. With its
    entries (what the engine reads) unless `entries` is False: a page served from the cache
    needs only some `columns` of the profile's row (and `annotations`, read in the same
    query), and loads the rest with `profile_with_entries` on a miss."""
    profiles = profiles_with_entries() if entries else CandidateProfile.objects.all()
    if columns:
        profiles = profiles.only(*columns)
    profile = profiles.annotate(**(annotations or {})).filter(public_id=profile_id, user=user)
    found = profile.first()
    if found is None:
        raise Http404("No such profile.")
    return found


def profile_with_entries(profile: CandidateProfile) -> CandidateProfile:
    """The profile read again with everything the engine reads (four queries)."""
    return profiles_with_entries().get(pk=profile.pk)


def profile_id_for_user(*, user: User) -> uuid.UUID | None:
    return CandidateProfile.objects.filter(user=user).values_list("public_id", flat=True).first()


def missing_section_slugs(profile: CandidateProfile) -> list[str]:
    """Sections to fill in before the engine can answer without guessing.

    Reads the prefetched `education`, `language_tests` and `work` of the profile; mirrors
    `evaluable_profiles()` below, which asks the same question in SQL.
    """
    own = Person.PRINCIPAL
    missing = []
    if profile.birth_date is None:
        missing.append("about")
    if profile.has_spouse and profile.spouse_accompanying is None:
        missing.append("spouse")
    if not any(entry.person == own for entry in profile.education.all()):
        missing.append("education")
    if not any(entry.person == own for entry in profile.language_tests.all()):
        missing.append("language")
    if not any(entry.person == own for entry in profile.work.all()):
        missing.append("work")
    return missing


def _has_own(model: type) -> Exists:
    return Exists(model.objects.filter(profile=OuterRef("pk"), person=Person.PRINCIPAL))  # type: ignore[attr-defined]  # an entry model


def evaluable_profiles() -> QuerySet[CandidateProfile]:
    """Profiles with no missing section (see `missing_section_slugs`)."""
    return (
        CandidateProfile.objects.filter(birth_date__isnull=False)
        .exclude(marital_status__in=SPOUSE_STATUSES, spouse_accompanying__isnull=True)
        .filter(_has_own(Education), _has_own(LanguageTest), _has_own(WorkExperience))
    )


def user_exists(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def user_language(*, email: str) -> str | None:
    """The language of the account with this address; None when there is no account."""
    return User.objects.filter(email__iexact=email).values_list("language", flat=True).first()


def access_tokens_for_user(*, user: User) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(user=user)


def access_token_get(*, token: str, now: datetime) -> AccessToken | None:
    """The unexpired token row of `token`, with its active user; one query."""
    row = (
        AccessToken.objects.select_related("user")
        .filter(digest=token_digest(token), user__is_active=True)
        .first()
    )
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        return None
    return row
