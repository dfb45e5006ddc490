"""Reads for evaluation: the one place that knows what a bulk evaluation loads."""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import FloatField, Model, QuerySet
from django.db.models.functions import Cast

from draws.models import Draw
from eligibility.adapters import WORK_COLUMNS, candidate_from_parts, candidate_from_profile
from eligibility.models import EligibilityResult
from eligibility.rules.model import Candidate
from profiles.models import CandidateProfile, Education, LanguageTest, WorkExperience
from profiles.selectors import evaluable_profiles, missing_section_slugs, profiles_with_entries


def evaluable_profile_ids() -> list[int]:
    """Ids of the profiles filled in enough to evaluate, in order."""
    return list(evaluable_profiles().order_by("pk").values_list("pk", flat=True))


def profile_is_evaluable(profile: CandidateProfile) -> bool:
    return not missing_section_slugs(profile)


def profiles_for_evaluation(ids: Iterable[int]) -> list[CandidateProfile]:
    """Profiles with their entries in a fixed number of queries, whatever their count."""
    return list(profiles_with_entries().filter(pk__in=list(ids), birth_date__isnull=False))


# The columns the engine reads, with the attribute names of the models, so the one adapter
# (`candidate_from_parts`) accepts these rows as it accepts model instances.
PROFILE_COLUMNS = (
    "id",
    "birth_date",
    "marital_status",
    "spouse_accompanying",
    "spouse_citizen_or_pr",
    "provincial_nomination",
    "certificate_of_qualification",
    "sibling_in_canada",
    "job_offer_occupation_id",
    "job_offer_lmia_exempt_or_approved",
    "settlement_funds_cad",
    "family_size",
    "pool_entry",
    "reported_crs",
    "licensed_in_canada",
    "certificate_trade_id",
    "military_recognized",
    "military_service_since",
    "military_service_until",
    "caf_offer_occupation_id",
    "caf_offer_years",
    "caf_offer_full_time",
)
ENTRY_COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Education: ("profile_id", "person", "level", "canadian", "years", "eca", "eca_issued_on"),
    LanguageTest: (
        "profile_id",
        "person",
        "test",
        "taken_on",
        "listening",
        "reading",
        "writing",
        "speaking",
        "scale",
    ),
    WorkExperience: ("profile_id", "person", *WORK_COLUMNS),
}


# Rows as named tuples built here: a plain values_list and tuple.__new__ cost about half of
# values_list(named=True) on the bulk path. Scores and hours arrive as floats, as the engine
# takes them, instead of Decimals.
_COLUMNS: dict[type[Model], tuple[str, ...]] = {**ENTRY_COLUMNS, CandidateProfile: PROFILE_COLUMNS}
_ROW_TYPES = {
    model: namedtuple(f"{model.__name__}Row", columns) for model, columns in _COLUMNS.items()
}
_AS_FLOAT = {"listening", "reading", "writing", "speaking", "hours_per_week"}


def _range_values(model: type[Model], low: int, high: int) -> QuerySet[Any]:
    """The evaluation columns of `model` for the profiles with ids from `low` to `high`."""
    columns = _COLUMNS[model]
    casts = {f"{name}_f": Cast(name, FloatField()) for name in columns if name in _AS_FLOAT}
    selected = [f"{name}_f" if name in _AS_FLOAT else name for name in columns]
    if model is CandidateProfile:
        rows = CandidateProfile.objects.filter(pk__gte=low, pk__lte=high, birth_date__isnull=False)
    else:
        rows = model.objects.filter(profile__gte=low, profile__lte=high)  # type: ignore[attr-defined]  # an entry model
    return rows.order_by().annotate(**casts).values_list(*selected)


@cache
def _range_sql(model: type[Model]) -> str:
    """The SQL of `_range_values(model, low, high)`, whose two parameters are the bounds."""
    sql, params = _range_values(model, -1, -2).query.sql_with_params()
    if tuple(params) != (-1, -2):  # any other parameter would be lost when the SQL is reused
        raise RuntimeError(
            f"The {model.__name__} range query must take only its two bounds, not {params}"
        )
    return sql


def _rows(model: type[Model], low: int, high: int) -> list[Any]:
    row_type = _ROW_TYPES[model]
    new = tuple.__new__
    if connection.vendor != "postgresql":
        return [new(row_type, row) for row in _range_values(model, low, high)]
    # Building the query and converting each row took a third of the read. The SQL is built
    # once, and psycopg already loads these columns as the ORM's converters would leave them
    # (floats, dates, aware datetimes).
    with connection.cursor() as cursor:
        cursor.execute(_range_sql(model), [low, high])
        return [new(row_type, row) for row in cursor.fetchall()]


def candidate_or_error(profile: CandidateProfile) -> Candidate | Exception:
    """The profile as the engine's Candidate, or the error its data raised (a value the
    engine cannot handle that got into the database): the caller stores it as an error."""
    try:
        return candidate_from_profile(profile)
    except Exception as error:
        return error


def _candidate_from_rows(
    profile: Any, education: list[Any], tests: list[Any], work: list[Any]
) -> Candidate | Exception:
    try:
        return candidate_from_parts(profile, education, tests, work)
    except Exception as error:  # as candidate_or_error
        return error


def candidates_for_evaluation(ids: Iterable[int]) -> list[tuple[int, Candidate | Exception]]:
    """(profile id, Candidate or the error its data raised) for the given profiles that have
    a birth date.

    Four queries whatever the number of profiles, reading rows rather than building models:
    this is the bulk path of every evaluation run. The rows are selected by the id range and
    then filtered here: a chunk's ids are consecutive evaluable profiles, so the range holds
    few others, and two bounds bind far faster than hundreds of IN parameters.
    """
    wanted = set(ids)
    if not wanted:
        return []
    low, high = min(wanted), max(wanted)
    entries: list[dict[int, list[Any]]] = []
    for model in ENTRY_COLUMNS:
        by_profile: dict[int, list[Any]] = defaultdict(list)
        for row in _rows(model, low, high):
            by_profile[row.profile_id].append(row)
        entries.append(by_profile)
    education, tests, work = entries
    return [
        (p.id, _candidate_from_rows(p, education[p.id], tests[p.id], work[p.id]))
        for p in _rows(CandidateProfile, low, high)
        if p.id in wanted
    ]


def published_draws_for_evaluation(*, since: date | None = None) -> list[Draw]:
    """Published draws with their category, newest first; held on or after `since` if given."""
    draws = Draw.objects.filter(status=Draw.Status.PUBLISHED).select_related("category")
    if since is not None:
        draws = draws.filter(held_on__gte=since)
    return list(draws)


def results_for_profile(
    profile: CandidateProfile, *, since: date | None = None
) -> dict[int, EligibilityResult]:
    """Stored results of one profile, by draw id, in one query; for draws held on or after
    `since` if given."""
    results = EligibilityResult.objects.filter(profile=profile)
    if since is not None:
        results = results.filter(draw__held_on__gte=since)
    return {result.draw_id: result for result in results}


def alert_recipients(*, draw: Draw) -> QuerySet[EligibilityResult]:
    """Results of opted-in people whom the draw concerns: eligible for it (which being
    invited implies), and whose address is confirmed (no alert to a mailbox that did not
    ask for it)."""
    return (
        EligibilityResult.objects.filter(draw=draw, profile__draw_alerts=True)
        .filter(eligible=True, profile__user__email_verified_at__isnull=False)
        .select_related("profile__user", "draw__category")
    )


def reminder_recipients() -> QuerySet[CandidateProfile]:
    """Profiles whose owners asked for reminders before a coming change, whose address is
    confirmed and that are filled in enough to evaluate: the one place that decides who may
    get a reminder email."""
    return evaluable_profiles().filter(
        deadline_reminders=True, user__email_verified_at__isnull=False
    )
