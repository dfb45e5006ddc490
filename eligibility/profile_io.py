"""A saved profile in and out as the candidate JSON format (DESIGN.md): "Download my
profile", "Replace my profile from a file" and `GET/PUT /api/v1/me/profile` all go through
here, so a file and the API are read, checked and written by the same code.

Reading is `parse_candidate` (every check of the format, each problem named by its field) plus
the limits of what a profile stores (`storage_problems`). Writing replaces the whole profile in
one transaction: nothing is written unless the whole file is valid.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from draws.models import Occupation
from eligibility.adapters import candidate_from_profile, profile_fields, profile_rows
from eligibility.candidate_json import CandidateFormatError, candidate_to_json, parse_candidate
from eligibility.results.services import results_recompute_for_profile
from eligibility.rules.model import Candidate, Education, WorkPeriod
from profiles.forms import MAX_ROWS
from profiles.models import CandidateProfile
from profiles.models import Education as EducationRow
from profiles.models import LanguageTest as LanguageTestRow
from profiles.models import WorkExperience as WorkExperienceRow

#: The longest program a profile records (profiles.models.Education.years).
MAX_STORED_YEARS = 12
ENTRY_MODELS = (EducationRow, LanguageTestRow, WorkExperienceRow)


def profile_as_json(profile: CandidateProfile) -> dict[str, Any] | None:
    """The profile (loaded with its entries) as candidate JSON; None while it has no birth
    date, which the format requires."""
    if profile.birth_date is None:
        return None
    return candidate_to_json(candidate_from_profile(profile))


def candidate_for_profile(data: object) -> Candidate:
    """The candidate `data` describes, checked as `evaluate_candidate` checks it and against
    what a profile can store. Raises CandidateFormatError naming every bad field."""
    known_nocs = set(Occupation.objects.values_list("code", flat=True))  # empty: none known
    candidate = parse_candidate(data, today=timezone.localdate(), known_nocs=known_nocs)
    if problems := storage_problems(candidate):
        raise CandidateFormatError(problems)
    return candidate


def storage_problems(candidate: Candidate) -> dict[str, str]:
    """What the format allows but a profile does not keep, or the profile's forms refuse: more
    than MAX_ROWS entries in a list, hours finer than a tenth, programs longer than
    MAX_STORED_YEARS, a Canadian credential with an ECA, an unknown country."""
    problems: dict[str, str] = {}
    people: list[tuple[str, Any]] = [("", candidate)]
    if candidate.spouse is not None:
        people.append(("spouse.", candidate.spouse))
    for path, person in people:
        for name in ("education", "language_tests", "work"):
            if len(getattr(person, name)) > MAX_ROWS:
                problems[f"{path}{name}"] = f"a profile keeps at most {MAX_ROWS} entries here"
        for index, entry in enumerate(person.education):
            problems |= _education_problems(entry, f"{path}education[{index}]")
        for index, period in enumerate(person.work):
            problems |= _work_problems(period, f"{path}work[{index}]")
    return problems


def _education_problems(entry: Education, path: str) -> dict[str, str]:
    problems = {}
    if entry.years > MAX_STORED_YEARS:
        problems[f"{path}.years"] = f"must be at most {MAX_STORED_YEARS} years"
    if entry.canadian and entry.eca:
        problems[f"{path}.eca"] = "must be false for a Canadian credential (it needs no ECA)"
    return problems


def _work_problems(period: WorkPeriod, path: str) -> dict[str, str]:
    problems = {}
    if round(period.hours_per_week, 1) != period.hours_per_week:
        problems[f"{path}.hours_per_week"] = "must have at most one decimal (e.g. 37.5)"
    if period.country not in countries:
        problems[f"{path}.country"] = f"{period.country} is not an ISO 3166 country code"
    return problems


@transaction.atomic
def profile_replace(*, profile: CandidateProfile, candidate: Candidate) -> None:
    """Replace everything the candidate format holds in `profile` (its draw alerts stay), in
    one transaction, then re-evaluate it against every published draw after the commit."""
    # Locked, so two replacements of one profile at once cannot mix their entries.
    locked = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    for name, value in profile_fields(candidate).items():
        setattr(locked, name, value)
    locked.save()  # a new updated_at: older stored results are stale from now on
    for model in ENTRY_MODELS:
        model.objects.filter(profile=locked).delete()
    rows = profile_rows(locked, candidate)
    for model in ENTRY_MODELS:
        model._default_manager.bulk_create([row for row in rows if type(row) is model])  # type: ignore[misc]  # rows of this model only
    results_recompute_for_profile(profile_id=locked.pk)
