"""Category-based selection: one evaluator driven by `CategoryRule` data (docs/rules.md §5).

No code is specific to a category. The rule's fields decide what is checked:

- `valid_from` / `valid_to` (both inclusive): the version must be in force on the date.
- `occupations` with `months_required` > 0: months x 130 h (12 months = 1,560 h) in ONE listed
  occupation (hours in two codes are never added, docs/rules.md §5.2), within the `window_years`
  before the date; `continuous` asks for one unbroken block (docs/rules.md §1.3: the next period of
  the same code starts no later than the day after the previous one ends), otherwise the hours
  accumulate. `canada_only` counts only qualifying Canadian work; otherwise foreign skilled
  work counts too. A rule with `months_required` 0 has no experience requirement, even if it
  lists occupations (the occupations of an offer are `caf_offer_occupations`, below).
- `min_french_nclc`: a valid TEF Canada or TCF Canada result with every ability at or above it;
  French may be the first or second official language (docs/rules.md §5.5.5).
- `min_education`: the highest credential that counts (Canadian, or foreign with an ECA,
  docs/rules.md §8.6) is at least this level.
- `military_service_years`: at least this many years of continuous service in a recognized
  foreign military, still serving on the date (years completed since the start of the current
  unbroken period of service).
- `caf_offer_occupations` (with `caf_offer_min_years`): an offer of employment from the Canadian
  Armed Forces, made by the Canadian Forces Recruiting Group, in one of these occupations, for
  continuous full-time work of at least that many years. The profile records no date for the
  offer: it is taken to be held on every date evaluated, like the job offer.
- `other_conditions`: each one is a condition the profile does not record; it is reported as
  not verifiable, which makes the candidate not eligible.
- Every category also needs eligibility under FSW, CEC or FST on the date (docs/rules.md §5.2).

The skilled military recruits category (docs/rules.md §5.5.4) is data: a two-year post-secondary
minimum, 10 years of service and a 3-year CAF offer in 40042, 42102 or 43204.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from . import codes
from .dates import ONE_DAY, add_years, age_on
from .facts import (
    LEVEL_LABEL,
    LEVEL_RANK,
    Facts,
    eca_valid,
    education_dates,
    physician_work_notes,
)
from .hours import (
    Segment,
    best_block_units,
    pools_dates,
    units,
    window_best_block,
    window_total,
)
from .language import FRENCH
from .model import (
    Candidate,
    CategoryRule,
    Decision,
    EducationLevel,
    Numbers,
    Program,
    Reason,
)
from .programs import PROGRAM_NAMES, program_on_later, programs_on
from .reasons import decide, hours_text, hours_value, months_value, note, project, rule
from .tables import HOURS_PER_MONTH, PHYSICIAN_NOCS, UNITS_PER_HOUR

# docs/rules.md §5.5.1, §12 G8: a warning, not a rule, since only a secondary source states it
PHYSICIAN_LICENCE_NOTE = note(
    codes.PHYSICIAN_LICENCE_UNVERIFIED,
    "Your profile does not say you are licensed to practise medicine in a Canadian province or "
    "territory: one secondary source says the physicians category requires it; IRCC's "
    "category page does not, so it does not decide this verdict",
)

#: A program's verdict on the date, and when it starts or stops passing (None: unknown/never).
ProgramStatus = tuple[bool, date | None, date | None]


def statuses(decisions: Mapping[Program, Decision]) -> dict[Program, ProgramStatus]:
    return {
        program: (decision.eligible, decision.eligible_from, decision.eligible_until)
        for program, decision in decisions.items()
    }


# Reasons are immutable, and several are the same for every candidate of a round (the version in
# force, "no work in a listed occupation", "eligible for CEC"): these are built once per set of
# inputs and shared, which keeps a round over many profiles from rebuilding identical sentences.


def version_rule(category: CategoryRule, on: date) -> Reason | None:
    if category.valid_from is None and category.valid_to is None:
        return None
    starts = category.valid_from
    ends = category.valid_to
    if starts is not None and on < starts:
        message = (
            f"{category.name} applies from {starts.isoformat()}; not in force on {on.isoformat()}"
        )
        return rule(False, codes.CATEGORY_VERSION, message, passes_on=starts)
    if ends is not None and on > ends:
        message = (
            f"{category.name} applied until {ends.isoformat()}; not in force on {on.isoformat()}"
        )
        return rule(False, codes.CATEGORY_VERSION, message)
    message = f"{category.name} is in force on {on.isoformat()}"
    return rule(
        True,
        codes.CATEGORY_VERSION,
        message,
        stops_on=ends + ONE_DAY if ends is not None else None,
    )


def _occupation_pools(facts: Facts, category: CategoryRule) -> dict[str, list[Segment]]:
    """Work per listed occupation that counts for this category."""
    pools: dict[str, list[Segment]] = {}
    work = facts.work
    for noc, segments in work.canadian_by_noc.items():
        if noc in category.occupations:
            pools[noc] = list(segments)
    if not category.canada_only:
        for noc, segments in work.foreign_by_noc.items():
            if noc in category.occupations:
                pools.setdefault(noc, []).extend(segments)
    return pools


def _need_text(category: CategoryRule, on: date) -> str:
    kind = "continuous " if category.continuous else ""
    return (
        f"within the {category.window_years} years before {on.isoformat()}; "
        f"{category.months_required} months "
        f"({category.months_required * HOURS_PER_MONTH:,} h) {kind}needed in one listed "
        "occupation"
    )


def _no_experience_reason(category: CategoryRule, on: date) -> Reason:
    where = "in Canada" if category.canada_only else "in Canada or abroad"
    numbers: Numbers = (
        ("months_found", 0.0),
        ("hours_found", 0),
        ("months_needed", category.months_required),
        ("hours_needed", category.months_required * HOURS_PER_MONTH),
    )
    message = f"No qualifying experience {where} in a listed occupation {_need_text(category, on)}"
    return rule(False, codes.CATEGORY_EXPERIENCE, message, numbers)


class Fixed(NamedTuple):
    """A category's reasons that are the same for every candidate on one date."""

    version: Reason | None
    no_experience: Reason
    eligible: Reason  # round summaries (draws)
    not_eligible: Reason


@lru_cache(maxsize=512)
def fixed_reasons(category: CategoryRule, on: date) -> Fixed:
    """Built once per category version and date (one hash of the rule per candidate)."""

    def summary(eligible: bool) -> Reason:
        verdict = "Eligible" if eligible else "Not eligible"
        message = f"{verdict} for {category.name}"
        return rule(eligible, codes.ROUND_ELIGIBILITY, message, (("category", category.slug),))

    return Fixed(
        version_rule(category, on),
        _no_experience_reason(category, on),
        summary(True),
        summary(False),
    )


def _best_occupation(
    facts: Facts, category: CategoryRule, pools: dict[str, list[Segment]]
) -> tuple[str, int]:
    """The listed occupation with the most experience in the category's window (the first by
    code on a tie), and its units: all of them, or its best continuous block."""
    first = facts.window_start_ordinal(category.window_years)
    best_noc = ""
    best = -1
    for noc in sorted(pools):
        segments = pools[noc]
        found = (
            best_block_units(segments, first, facts.on_ord)
            if category.continuous
            else units(segments, first, facts.on_ord)
        )
        if found > best:
            best_noc, best = noc, found
    return best_noc, best


def experience_rule(
    facts: Facts, category: CategoryRule, project_dates: bool, fixed: Fixed | None = None
) -> Reason:
    pools = _occupation_pools(facts, category)
    if not pools:  # the common case: no work in any listed occupation
        return (fixed or fixed_reasons(category, facts.on)).no_experience
    needed_hours = category.months_required * HOURS_PER_MONTH
    needed = needed_hours * UNITS_PER_HOUR
    years = category.window_years
    where = "in Canada" if category.canada_only else "in Canada or abroad"
    kind = "continuous " if category.continuous else ""
    need_text = _need_text(category, facts.on)
    measure_of = window_best_block if category.continuous else window_total
    best_noc, best = _best_occupation(facts, category, pools)
    passed = best >= needed
    months = months_value(best, needed)
    message = (
        f"{months:.1f} months of {kind}full-time-equivalent experience {where} in {best_noc} "
        f"({hours_text(best)}) {need_text}"
    )
    numbers = (
        ("noc", best_noc),
        ("months_found", months),
        ("hours_found", hours_value(best)),
        ("months_needed", category.months_required),
        ("hours_needed", needed_hours),
    )
    passes_on = stops_on = None
    if project_dates:
        passes_on, stops_on = pools_dates(
            measure_of, pools.values(), facts.on_ord, needed, years, passed
        )
    return rule(
        passed,
        codes.CATEGORY_EXPERIENCE,
        message,
        numbers,
        passes_on=passes_on,
        stops_on=stops_on,
    )


def french_rule(facts: Facts, minimum: int) -> Reason:
    french = [test for test in facts.tests if test.language == FRENCH]
    passing = [test for test in french if test.lowest >= minimum]
    if passing:
        cited = max(passing, key=lambda test: test.expires_on)
        message = f"{cited.describe()}: NCLC {minimum} or higher in all four abilities"
        return rule(
            True,
            codes.CATEGORY_FRENCH,
            message,
            (("test", cited.test.test.value), ("lowest_nclc", cited.lowest), ("needed", minimum)),
            stops_on=cited.expires_on,
        )
    if french:
        cited = max(french, key=lambda test: test.lowest)
        message = (
            f"{cited.describe()}: NCLC {minimum} needed in all four abilities, lowest is "
            f"NCLC {cited.lowest}"
        )
        numbers: tuple[tuple[str, int | float | str], ...] = (
            ("test", cited.test.test.value),
            ("lowest_nclc", cited.lowest),
            ("needed", minimum),
        )
        return rule(False, codes.CATEGORY_FRENCH, message, numbers)
    message = (
        f"No valid TEF Canada or TCF Canada result; NCLC {minimum} needed in all four abilities"
    )
    return rule(False, codes.CATEGORY_FRENCH, message, (("needed", minimum),))


def education_rule(facts: Facts, minimum: EducationLevel) -> Reason:
    """The highest credential that counts reaches `minimum` (`CategoryRule.min_education`)."""
    level = facts.education
    passed = LEVEL_RANK[level] >= LEVEL_RANK[minimum]
    message = (
        f"Highest credential that counts: {LEVEL_LABEL[level]}; at least a "
        f"{LEVEL_LABEL[minimum]} is needed (a foreign credential counts with an ECA)"
    )
    if not passed and any(
        not entry.canadian
        and not eca_valid(entry, facts.on)
        and LEVEL_RANK[entry.level] >= LEVEL_RANK[minimum]
        for entry in facts.candidate.education
    ):
        message += "; your foreign credential at that level has no ECA valid on the date"
    numbers: Numbers = (("level", level.value), ("needed", minimum.value))
    passes_on, stops_on = education_dates(facts, minimum, passed)
    return rule(
        passed,
        codes.CATEGORY_EDUCATION,
        message,
        numbers,
        passes_on=passes_on,
        stops_on=stops_on,
    )


def military_service_rule(facts: Facts, years_needed: int) -> Reason:
    """Continuous service in a recognized foreign military, still serving on the date
    (`CategoryRule.military_service_years`)."""
    service = facts.candidate.military_service
    on = facts.on
    service_needed = f"{years_needed} years of continuous service in a recognized foreign military"
    if service is None or not service.recognized:
        what = "No service" if service is None else "Your service is not"
        message = f"{what} in a recognized foreign military on record; {service_needed} needed"
        numbers_needed: Numbers = (("years_needed", years_needed),)
        return rule(False, codes.CATEGORY_MILITARY_SERVICE, message, numbers_needed)
    start, end = service.start, service.end
    years = age_on(start, on) if start <= on else 0  # completed years since the start
    numbers: Numbers = (
        ("since", start.isoformat()),
        ("years_found", years),
        ("years_needed", years_needed),
    )
    if end is not None and end < on:
        message = (
            f"Your military service ended on {end.isoformat()}: the category asks for members "
            f"still serving, with {service_needed}"
        )
        return rule(False, codes.CATEGORY_MILITARY_SERVICE, message, numbers)
    passed = years >= years_needed
    message = (
        f"{years} years of continuous service in a recognized foreign military since "
        f"{start.isoformat()}; {years_needed} needed, still serving"
    )
    reached = add_years(start, years_needed)
    passes_on = None
    if not passed and (end is None or end >= reached):
        passes_on = reached
    stops_on = end + ONE_DAY if passed and end is not None else None
    return rule(
        passed,
        codes.CATEGORY_MILITARY_SERVICE,
        message,
        numbers,
        passes_on=passes_on,
        stops_on=stops_on,
    )


def caf_offer_rule(facts: Facts, category: CategoryRule) -> Reason:
    """An offer from the Canadian Armed Forces in a listed occupation, full-time, long enough
    (`CategoryRule.caf_offer_occupations`, `caf_offer_min_years`)."""
    offer = facts.candidate.caf_offer
    listed = ", ".join(sorted(category.caf_offer_occupations))
    years_needed = category.caf_offer_min_years
    need = (
        f"an offer from the Canadian Armed Forces, made by the Canadian Forces Recruiting Group, "
        f"of continuous full-time work for at least {years_needed} years in {listed} is needed"
    )
    if offer is None:
        message = f"No offer from the Canadian Armed Forces on record; {need}"
        return rule(False, codes.CATEGORY_CAF_OFFER, message, (("years_needed", years_needed),))
    missing = []
    if offer.noc not in category.caf_offer_occupations:
        missing.append(f"its occupation {offer.noc} is not one of {listed}")
    if not offer.full_time:
        missing.append("it is not full-time")
    if offer.years < years_needed:
        missing.append(f"it is for {offer.years} years")
    numbers: Numbers = (
        ("noc", offer.noc),
        ("years", offer.years),
        ("full_time", "yes" if offer.full_time else "no"),
        ("years_needed", years_needed),
    )
    if missing:
        message = f"Offer from the Canadian Armed Forces: {'; '.join(missing)}; {need}"
        return rule(False, codes.CATEGORY_CAF_OFFER, message, numbers)
    message = (
        f"Offer from the Canadian Armed Forces (Canadian Forces Recruiting Group) in {offer.noc} "
        f"for {offer.years} years of continuous full-time work; at least {years_needed} years in "
        f"{listed} needed (the Armed Forces judge that your military training and experience "
        "match the occupation's main duties)"
    )
    return rule(True, codes.CATEGORY_CAF_OFFER, message, numbers)


def program_rule(programs: Mapping[Program, ProgramStatus]) -> Reason:
    eligible = tuple(program for program, status in programs.items() if status[0])
    # The programs' own dates say when this rule starts or stops passing.
    starts = [status[1] for status in programs.values() if status[1] is not None]
    ends = [programs[program][2] for program in eligible]
    stops_on = None
    if ends and all(end is not None for end in ends):
        stops_on = max(end for end in ends if end is not None)
    return _program_reason(eligible, min(starts) if starts else None, stops_on)


@lru_cache(maxsize=256)
def _program_reason(
    eligible: tuple[Program, ...], passes_on: date | None, stops_on: date | None
) -> Reason:
    if eligible:
        names = ", ".join(PROGRAM_NAMES[program] for program in eligible)
        message = f"Eligible for {names}"
    else:
        message = "Not eligible for FSW, CEC or FST, which every category round requires"
    numbers: Numbers = (("programs", ",".join(program.value for program in eligible)),)
    return rule(
        bool(eligible),
        codes.CATEGORY_PROGRAM,
        message,
        numbers,
        passes_on=passes_on,
        stops_on=stops_on,
    )


def category_on(
    facts: Facts,
    category: CategoryRule,
    programs: Mapping[Program, ProgramStatus],
    project_dates: bool,
    fixed: Fixed | None = None,
) -> Decision:
    """The category decision on the facts' date, given the programs' decisions that day
    (`fixed`: the category's `fixed_reasons` on that date, when the caller has them)."""
    if fixed is None:
        fixed = fixed_reasons(category, facts.on)
    requirements = _requirement_reasons(facts, category, project_dates, fixed)
    if not requirements:
        requirements.append(
            note(
                codes.CATEGORY_NO_REQUIREMENT,
                f"{category.name} has no occupation or language requirement on record",
            )
        )
    version = [fixed.version] if fixed.version is not None else []
    return decide(
        [*version, *requirements, *_physician_notes(facts, category), program_rule(programs)]
    )


def _requirement_reasons(
    facts: Facts, category: CategoryRule, project_dates: bool, fixed: Fixed
) -> list[Reason]:
    """The category's own requirements: experience, French, education, military service, an
    offer from the Canadian Armed Forces, and conditions the profile cannot show."""
    reasons: list[Reason] = []
    if category.occupations and category.months_required > 0:
        reasons.append(experience_rule(facts, category, project_dates, fixed))
    if category.min_french_nclc is not None:
        reasons.append(french_rule(facts, category.min_french_nclc))
        reasons.extend(
            note(codes.LANGUAGE_TEST_SCALE_UNCONFIRMED, text) for text in facts.scale_questions
        )
    if category.min_education is not None:
        reasons.append(education_rule(facts, category.min_education))
    if category.military_service_years:
        reasons.append(military_service_rule(facts, category.military_service_years))
    if category.caf_offer_occupations:
        reasons.append(caf_offer_rule(facts, category))
    for condition in category.other_conditions:
        reasons.append(
            rule(
                False,
                codes.CATEGORY_CONDITION_UNVERIFIABLE,
                f"Cannot be verified from your profile: {condition}",
                (("condition", condition),),
            )
        )
    return reasons


def _physician_notes(facts: Facts, category: CategoryRule) -> list[Reason]:
    """For a category listing physicians: how their work counts, and the licence warning."""
    if not category.occupations & PHYSICIAN_NOCS:
        return []
    notes = physician_work_notes(facts.work)
    candidate = facts.candidate
    physicians_only = category.occupations <= PHYSICIAN_NOCS  # not healthcare's lists
    if (
        physicians_only
        and not candidate.licensed_in_canada
        and any(period.noc in PHYSICIAN_NOCS for period in candidate.work)
    ):
        notes.append(PHYSICIAN_LICENCE_NOTE)
    return notes


def category_eligibility(candidate: Candidate, category_rule: CategoryRule, on: date) -> Decision:
    """Whether the candidate meets `category_rule` on `on`, every rule listed (docs/rules.md §5)."""

    def evaluate(day: date) -> Decision:
        facts = Facts(candidate, day)
        programs = {
            program: project(decision, day, program_on_later(candidate, program))
            for program, decision in programs_on(facts, project_dates=True).items()
        }
        return category_on(facts, category_rule, statuses(programs), project_dates=True)

    return project(evaluate(on), on, evaluate)
