"""The one bridge between models and the engine. It runs no queries: callers pass profiles
loaded by `profiles.selectors.profiles_with_entries()` and draws with their category."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time
from operator import attrgetter
from typing import Any

from django.db.models import Model

from draws.models import Category, Draw
from eligibility.rules.model import (
    WORK_PERIOD_FIELDS,
    CafOffer,
    Candidate,
    CategoryRule,
    DrawRule,
    Education,
    EducationLevel,
    JobOffer,
    LanguageTest,
    MaritalStatus,
    MilitaryService,
    RoundType,
    Spouse,
    TefScale,
    TestKind,
    WorkPeriod,
)
from profiles.models import SPOUSE_STATUSES, CandidateProfile, Person
from profiles.models import Education as EducationRow
from profiles.models import LanguageTest as LanguageTestRow
from profiles.models import WorkExperience as WorkExperienceRow

# Enum lookups by value, without Enum.__call__'s overhead on the bulk path.
_LEVELS = {level.value: level for level in EducationLevel}
_TESTS = {kind.value: kind for kind in TestKind}
_MARITAL = {status.value: status for status in MaritalStatus}
_SCALES: dict[str, TefScale | None] = {"": None, **{scale.value: scale for scale in TefScale}}

#: The columns of profiles' WorkExperience that hold the engine's work-period fields, in the
#: engine's order (`WORK_PERIOD_FIELDS`): the occupation stands for its NOC code.
WORK_COLUMNS = tuple("occupation_id" if name == "noc" else name for name in WORK_PERIOD_FIELDS)


# tuple([...]) rather than tuple(generator): a generator resumes its frame for every entry,
# and the bulk path builds about seven entries per profile.
def _education(entries: list[Any]) -> tuple[Education, ...]:
    return tuple(
        [
            Education(
                level=_LEVELS[entry.level],
                canadian=entry.canadian,
                years=entry.years,
                eca=entry.eca,
                eca_issued_on=entry.eca_issued_on,
            )
            for entry in entries
        ]
    )


def _tests(entries: list[Any]) -> tuple[LanguageTest, ...]:
    return tuple(
        [
            LanguageTest(
                test=_TESTS[entry.test],
                taken_on=entry.taken_on,
                listening=float(entry.listening),
                reading=float(entry.reading),
                writing=float(entry.writing),
                speaking=float(entry.speaking),
                scale=_SCALES[entry.scale],
            )
            for entry in entries
        ]
    )


_ENTRY_WORK_VALUES = attrgetter(*WORK_COLUMNS)
_PERIOD_VALUES = attrgetter(*WORK_PERIOD_FIELDS)
_COUNTRY = WORK_PERIOD_FIELDS.index("country")
_HOURS = WORK_PERIOD_FIELDS.index("hours_per_week")


def _work(entries: list[Any]) -> tuple[WorkPeriod, ...]:
    # Positional arguments from one attrgetter: faster than naming each field.
    periods = []
    for entry in entries:
        values = list(_ENTRY_WORK_VALUES(entry))
        values[_COUNTRY] = str(values[_COUNTRY])  # a model's CountryField gives a Country
        values[_HOURS] = float(values[_HOURS])  # and its DecimalField a Decimal
        periods.append(WorkPeriod(*values))
    return tuple(periods)


_SPOUSE = Person.SPOUSE.value  # a plain str: an enum member's class lookup costs more


def _split(entries: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    own: list[Any] = []
    spouse: list[Any] = []
    for entry in entries:
        (spouse if entry.person == _SPOUSE else own).append(entry)
    return own, spouse


def candidate_from_profile(profile: CandidateProfile) -> Candidate:
    """Build the engine's Candidate from a profile whose entries are prefetched."""
    return candidate_from_parts(
        profile, profile.education.all(), profile.language_tests.all(), profile.work.all()
    )


def candidate_from_parts(
    profile: Any, education: Iterable[Any], tests: Iterable[Any], work: Iterable[Any]
) -> Candidate:
    """The Candidate for a profile and its entries, given as model instances or as rows with
    the same attribute names (`eligibility.selectors.candidates_for_evaluation` reads rows,
    which is several times faster in bulk than building models)."""
    own_education, spouse_education = _split(education)
    own_tests, spouse_tests = _split(tests)
    own_work, spouse_work = _split(work)
    spouse = None
    if profile.marital_status in SPOUSE_STATUSES and profile.spouse_accompanying is not None:
        spouse = Spouse(
            accompanying=profile.spouse_accompanying,
            citizen_or_pr=bool(profile.spouse_citizen_or_pr),
            education=_education(spouse_education),
            language_tests=_tests(spouse_tests),
            work=_work(spouse_work),
        )
    job_offer = None
    if profile.job_offer_occupation_id:
        job_offer = JobOffer(
            noc=profile.job_offer_occupation_id,
            lmia_exempt_or_approved=profile.job_offer_lmia_exempt_or_approved,
        )
    military_service = None
    if profile.military_service_since is not None:
        military_service = MilitaryService(
            recognized=profile.military_recognized,
            start=profile.military_service_since,
            end=profile.military_service_until,
        )
    caf_offer = None
    if profile.caf_offer_occupation_id:
        caf_offer = CafOffer(
            noc=profile.caf_offer_occupation_id,
            years=profile.caf_offer_years or 0,
            full_time=profile.caf_offer_full_time,
        )
    return Candidate(
        birth_date=profile.birth_date,
        marital_status=_MARITAL[profile.marital_status],
        spouse=spouse,
        education=_education(own_education),
        language_tests=_tests(own_tests),
        work=_work(own_work),
        provincial_nomination=profile.provincial_nomination,
        certificate_of_qualification=profile.certificate_of_qualification,
        sibling_in_canada=profile.sibling_in_canada,
        job_offer=job_offer,
        settlement_funds_cad=profile.settlement_funds_cad,
        family_size=profile.family_size,
        pool_entry=profile.pool_entry,
        reported_crs=profile.reported_crs,
        licensed_in_canada=profile.licensed_in_canada,
        certificate_trade=profile.certificate_trade_id,
        military_service=military_service,
        caf_offer=caf_offer,
    )


def category_rule(category: Category) -> CategoryRule:
    return CategoryRule(
        slug=category.slug,
        name=category.name,
        occupations=frozenset(category.occupation_codes),
        months_required=category.months_required,
        continuous=category.continuous,
        window_years=category.window_years,
        canada_only=category.canada_only,
        min_french_nclc=category.min_french_nclc,
        other_conditions=tuple(category.condition_list),
        valid_from=category.valid_from,
        valid_to=category.valid_to,
        min_education=_LEVELS[category.min_education] if category.min_education else None,
        military_service_years=category.military_service_years,
        caf_offer_occupations=frozenset(category.caf_offer_occupations),
        caf_offer_min_years=category.caf_offer_min_years,
    )


def draw_rule(draw: Draw) -> DrawRule:
    held_at = draw.held_at or datetime.combine(draw.held_on, time(), tzinfo=UTC)
    return DrawRule(
        number=draw.number,
        held_on=draw.held_on,
        held_at=held_at.astimezone(UTC),
        round_type=RoundType(draw.round_type),
        cutoff=draw.min_crs,
        invitations=draw.invitations,
        tie_break=draw.tie_break_at.astimezone(UTC) if draw.tie_break_at else None,
        category=category_rule(draw.category) if draw.category is not None else None,
    )


# --- the other way: engine candidates into rows (synthetic profiles for benchmarks) ---------


def profile_rows(profile: CandidateProfile, candidate: Candidate) -> list[Model]:
    """Unsaved entry rows describing `candidate` for an (already saved) `profile`, whose own
    fields `profile_fields` gives. Used by `seed_profiles`; the inverse of
    `candidate_from_profile`."""
    rows: list[Model] = []
    people = [(Person.PRINCIPAL, candidate.education, candidate.language_tests, candidate.work)]
    if candidate.spouse is not None:
        spouse = candidate.spouse
        people.append((Person.SPOUSE, spouse.education, spouse.language_tests, spouse.work))
    for person, education, tests, work in people:
        rows += [
            EducationRow(
                profile=profile,
                person=person,
                level=e.level.value,
                canadian=e.canadian,
                years=e.years,
                eca=e.eca,
                eca_issued_on=e.eca_issued_on,
            )
            for e in education
        ]
        rows += [
            LanguageTestRow(
                profile=profile,
                person=person,
                test=t.test.value,
                taken_on=t.taken_on,
                listening=t.listening,
                reading=t.reading,
                writing=t.writing,
                speaking=t.speaking,
                scale=t.scale.value if t.scale is not None else "",
            )
            for t in tests
        ]
        rows += [
            WorkExperienceRow(
                profile=profile,
                person=person,
                **dict(zip(WORK_COLUMNS, _PERIOD_VALUES(w), strict=True)),
            )
            for w in work
        ]
    return rows


def profile_fields(candidate: Candidate) -> dict[str, object]:
    spouse = candidate.spouse
    service = candidate.military_service
    caf_offer = candidate.caf_offer
    return {
        "birth_date": candidate.birth_date,
        "marital_status": candidate.marital_status.value,
        "spouse_accompanying": spouse.accompanying if spouse else None,
        "spouse_citizen_or_pr": spouse.citizen_or_pr if spouse else None,
        "provincial_nomination": candidate.provincial_nomination,
        "certificate_of_qualification": candidate.certificate_of_qualification,
        "sibling_in_canada": candidate.sibling_in_canada,
        "job_offer_occupation_id": candidate.job_offer.noc if candidate.job_offer else None,
        "job_offer_lmia_exempt_or_approved": bool(
            candidate.job_offer and candidate.job_offer.lmia_exempt_or_approved
        ),
        "settlement_funds_cad": candidate.settlement_funds_cad,
        "family_size": candidate.family_size,
        "pool_entry": candidate.pool_entry,
        "reported_crs": candidate.reported_crs,
        "licensed_in_canada": candidate.licensed_in_canada,
        "certificate_trade_id": candidate.certificate_trade,
        "military_recognized": bool(service and service.recognized),
        "military_service_since": service.start if service else None,
        "military_service_until": service.end if service else None,
        "caf_offer_occupation_id": caf_offer.noc if caf_offer else None,
        "caf_offer_years": caf_offer.years if caf_offer else None,
        "caf_offer_full_time": bool(caf_offer and caf_offer.full_time),
    }
