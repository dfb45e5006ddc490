"""Category-based selection (docs/rules.md §5) with the shipped category data: vectors E2, E3,
E9-E12, E16, E17, E19, E20 of §9.4, the generic evaluator's rules, and the physicians category."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from eligibility.rules import (
    Candidate,
    CategoryRule,
    Decision,
    LanguageTest,
    ReasonStatus,
    WorkPeriod,
    category_eligibility,
)
from eligibility.rules import TestKind as Kind

from .helpers import (
    BACHELORS,
    DAY,
    MASTERS,
    clb,
    ielts,
    job,
    numbers,
    person,
    reason,
)

Category = Callable[[str], CategoryRule]

HEALTHCARE_V1 = "Healthcare occupations (Version 1)"
HEALTHCARE_V2 = "Healthcare and social services occupations (Version 2)"
HEALTHCARE_2026 = "Healthcare and Social Services Occupations, 2026-Version 3"
PHYSICIANS = "Physicians with Canadian Work Experience, 2026-Version 1"
TRADES_V2 = "Trade occupations (Version 2)"
TRADES_2026 = "Trades Occupations, 2026-Version 3"
STEM_V1 = "STEM occupations (Version 1)"
FRENCH_2026 = "French-Language proficiency 2026-Version 2"
SENIOR_MANAGERS = "Senior managers with Canadian Work Experience, 2026-Version 1"
MILITARY = "Skilled Military Recruits, 2026-Version 1"


def unmet(decision: Decision) -> set[str]:
    return {r.code for r in decision.reasons if r.status is ReasonStatus.UNMET}


# --- E2: Canada-only experience ----------------------------------------------------------------


def surgeon() -> Candidate:
    return person(
        45,
        education=(BACHELORS,),
        tests=(clb(9, date(2025, 9, 1)),),
        work=(
            job("31101", date(2017, 6, 1), date(2025, 5, 31), country="IN"),
            job("31101", date(2025, 6, 1)),
        ),
    )


def test_e2_foreign_physician_years_do_not_count_for_a_canada_only_category(
    category: Category,
) -> None:
    decision = category_eligibility(surgeon(), category(PHYSICIANS), date(2026, 2, 19))
    experience = reason(decision, "category_experience")
    assert experience.status is ReasonStatus.UNMET
    assert numbers(experience)["hours_found"] == 1131
    assert experience.passes_on == date(2026, 5, 30)


@pytest.mark.parametrize(
    ("candidate", "warned"),
    [
        pytest.param(surgeon(), True, id="physician, no licence on record"),
        pytest.param(replace(surgeon(), licensed_in_canada=True), False, id="licensed"),
        pytest.param(
            person(35, tests=(clb(9, date(2025, 9, 1)),), work=(job("21232", date(2023, 1, 1)),)),
            False,
            id="not a physician",
        ),
    ],
)
def test_the_physicians_category_warns_of_a_missing_licence_without_deciding_on_it(
    category: Category, candidate: Candidate, warned: bool
) -> None:
    """docs/rules.md §5.5.1, §12 G8: licensure is unverified, so a warning, never a failing rule."""
    on = date(2026, 6, 24)
    decision = category_eligibility(candidate, category(PHYSICIANS), on)
    codes = {r.code: r.status for r in decision.reasons}
    assert ("physician_licence_unverified" in codes) is warned
    if warned:
        assert codes["physician_licence_unverified"] is ReasonStatus.NOTE
        assert decision.eligible  # the surgeon of E2 is eligible for this round all the same
    healthcare = category_eligibility(candidate, category(HEALTHCARE_2026), on)
    assert "physician_licence_unverified" not in {r.code for r in healthcare.reasons}


def test_e2_surgeon_is_eligible_for_the_june_round(category: Category) -> None:
    decision = category_eligibility(surgeon(), category(PHYSICIANS), date(2026, 6, 24))
    assert decision.eligible
    assert numbers(reason(decision, "category_experience"))["hours_found"] == 1667


# --- E3: continuous 6 months (2023-25) versus cumulative 12 months (2026) -----------------------


def pharmacist() -> Candidate:
    return person(
        30,
        tests=(clb(9, date(2025, 6, 1)),),
        work=(
            job("31120", date(2019, 1, 1), date(2020, 12, 31), country="IN"),
            job("31120", date(2024, 1, 1), date(2024, 4, 30)),
            job("31120", date(2024, 9, 1), date(2024, 12, 31)),
            job("31120", date(2025, 3, 1), date(2025, 7, 31)),
        ),
        settlement_funds_cad=20_000,
    )


def test_e3_longest_block_of_153_days_misses_the_6_month_continuous_rule(
    category: Category,
) -> None:
    decision = category_eligibility(pharmacist(), category(HEALTHCARE_V2), date(2025, 8, 19))
    assert not decision.eligible
    experience = numbers(reason(decision, "category_experience"))
    assert (experience["hours_found"], experience["hours_needed"]) == (655, 780)


def test_e3b_the_same_blocks_add_up_under_the_2026_rule(category: Category) -> None:
    decision = category_eligibility(pharmacist(), category(HEALTHCARE_2026), date(2026, 2, 20))
    assert decision.eligible
    assert numbers(reason(decision, "category_experience"))["hours_found"] == 1697


# --- E9, E10: trades by list version -----------------------------------------------------------


def test_e9_welder_abroad_meets_the_2026_trades_category(category: Category) -> None:
    welder = person(
        35,
        tests=(ielts(5.0, 3.5, 4.0, 5.0, date(2025, 6, 1)),),
        work=(job("72106", date(2021, 6, 1), date(2024, 5, 31), country="PH"),),
        certificate_of_qualification=True,
        certificate_trade="72106",
        settlement_funds_cad=16_000,
    )
    decision = category_eligibility(welder, category(TRADES_2026), date(2026, 4, 2))
    assert decision.eligible
    assert numbers(reason(decision, "category_experience"))["hours_found"] == 1825
    assert "Federal Skilled Trades" in reason(decision, "category_program").message


def cook() -> Candidate:
    return person(28, tests=(clb(7, date(2025, 1, 10)),), work=(job("63200", date(2024, 1, 1)),))


def test_e10_cook_is_eligible_for_trades_version_2(category: Category) -> None:
    decision = category_eligibility(cook(), category(TRADES_V2), date(2025, 9, 18))
    assert decision.eligible
    assert numbers(reason(decision, "category_experience"))["hours_found"] == 2687


def test_e10b_cook_is_not_in_the_2026_trades_list(category: Category) -> None:
    decision = category_eligibility(cook(), category(TRADES_2026), date(2026, 4, 2))
    assert unmet(decision) == {"category_experience"}
    assert "No qualifying experience" in reason(decision, "category_experience").message


# --- E11: STEM lists ---------------------------------------------------------------------------


def developer() -> Candidate:
    return person(
        30,
        tests=(clb(9, date(2024, 1, 5)),),
        work=(job("21232", date(2022, 1, 1), country="IN"),),
        settlement_funds_cad=20_000,
    )


def test_e11_software_developer_is_eligible_for_stem_version_1(category: Category) -> None:
    assert category_eligibility(developer(), category(STEM_V1), date(2024, 4, 11)).eligible


@pytest.mark.parametrize("slug", ["stem-2025", "stem-2026"])
def test_e11_software_developer_is_not_in_later_stem_lists(category: Category, slug: str) -> None:
    on = date(2026, 3, 1)
    candidate = person(
        30,
        on=on,
        tests=(clb(9, date(2025, 6, 1)),),
        work=(job("21232", date(2022, 1, 1), country="IN"),),
        settlement_funds_cad=20_000,
    )
    rule = category(slug)
    day = min(rule.valid_to or on, on)
    decision = category_eligibility(candidate, rule, day)
    assert "category_experience" in unmet(decision)


# --- E12: French-language proficiency ----------------------------------------------------------

FRENCH_CASES = [
    pytest.param((Kind.TEF_CANADA, 440, 430, 430, 460), False, id="E12a TEF reading NCLC 6"),
    pytest.param((Kind.TEF_CANADA, 440, 440, 430, 460), True, id="E12b TEF all NCLC 7"),
    pytest.param((Kind.TCF_CANADA, 470, 460, 11, 12), True, id="E12c TCF"),
]


@pytest.mark.parametrize(("scores", "eligible"), FRENCH_CASES)
def test_e12_french_category_needs_nclc_7_in_every_ability(
    category: Category, scores: tuple[Kind, int, int, int, int], eligible: bool
) -> None:
    kind, listening, reading, writing, speaking = scores
    french = LanguageTest(kind, date(2025, 9, 1), listening, reading, writing, speaking)
    candidate = person(
        29, tests=(clb(9, date(2025, 9, 1)), french), work=(job("21232", date(2024, 1, 1)),)
    )
    decision = category_eligibility(candidate, category(FRENCH_2026), date(2026, 3, 1))
    assert decision.eligible is eligible
    assert (reason(decision, "category_french").status is ReasonStatus.MET) is eligible


# --- E17: senior managers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noc", "eligible"),
    [pytest.param("00012", True, id="E17a"), pytest.param("00011", False, id="E17b")],
)
def test_e17_senior_managers_list(category: Category, noc: str, eligible: bool) -> None:
    manager = person(
        50, tests=(clb(7, date(2025, 6, 1)),), work=(job(noc, date(2024, 9, 1), date(2026, 2, 28)),)
    )
    decision = category_eligibility(manager, category(SENIOR_MANAGERS), date(2026, 3, 5))
    assert decision.eligible is eligible
    if eligible:
        assert numbers(reason(decision, "category_experience"))["hours_found"] == 2340


# --- E19: the program requirement follows the funds table of the date -------------------------


def nurse() -> Candidate:
    return person(
        30,
        on=date(2024, 2, 14),
        tests=(clb(9, date(2023, 12, 1)),),
        work=(job("31301", date(2021, 1, 1), country="PH"),),
        family_size=3,
        settlement_funds_cad=22_000,
    )


@pytest.mark.parametrize(
    ("on", "eligible"),
    [
        pytest.param(date(2024, 2, 14), True, id="E19a 2023 table"),
        pytest.param(date(2024, 7, 5), False, id="E19b 2024 table"),
    ],
)
def test_e19_foreign_nurse_depends_on_the_funds_table(
    category: Category, on: date, eligible: bool
) -> None:
    decision = category_eligibility(nurse(), category(HEALTHCARE_V1), on)
    assert decision.eligible is eligible
    assert reason(decision, "category_experience").status is ReasonStatus.MET
    assert (reason(decision, "category_program").status is ReasonStatus.MET) is eligible


# --- E20: list versions --------------------------------------------------------------------------


def hygienist() -> Candidate:
    return person(31, tests=(clb(7, date(2024, 6, 1)),), work=(job("32111", date(2024, 3, 1)),))


def test_e20a_dental_hygienist_is_not_in_healthcare_version_1(category: Category) -> None:
    decision = category_eligibility(hygienist(), category(HEALTHCARE_V1), date(2024, 11, 20))
    assert unmet(decision) == {"category_experience", "category_program"}
    assert numbers(reason(decision, "category_experience"))["hours_found"] == 0


def test_e20b_dental_hygienist_is_in_healthcare_version_2(category: Category) -> None:
    decision = category_eligibility(hygienist(), category(HEALTHCARE_V2), date(2025, 5, 2))
    assert decision.eligible


# --- the generic evaluator -----------------------------------------------------------------------


def test_hours_in_two_listed_codes_are_never_added(category: Category) -> None:
    candidate = person(
        30,
        tests=(clb(9, date(2026, 1, 1)),),
        work=(
            job("31301", date(2025, 1, 1), date(2025, 8, 31)),
            job("32101", date(2025, 9, 1)),
        ),
    )
    decision = category_eligibility(candidate, category(HEALTHCARE_2026), date(2026, 3, 1))
    experience = reason(decision, "category_experience")
    assert experience.status is ReasonStatus.UNMET
    assert numbers(experience)["noc"] == "31301"


def test_a_version_outside_its_dates_is_not_in_force(category: Category) -> None:
    decision = category_eligibility(cook(), category(TRADES_V2), date(2026, 3, 1))
    assert reason(decision, "category_version").status is ReasonStatus.UNMET


def test_valid_to_sets_eligible_until_the_next_day(category: Category) -> None:
    decision = category_eligibility(cook(), category(TRADES_V2), date(2025, 9, 18))
    assert reason(decision, "category_version").stops_on == date(2026, 2, 18)
    assert decision.eligible_until == date(2026, 2, 18)


def test_continuity_is_just_data() -> None:
    blocks = (
        job("31102", date(2025, 1, 1), date(2025, 6, 30)),
        job("31102", date(2025, 7, 2), None),  # one day without work: 1 July
    )
    candidate = person(40, tests=(clb(9, date(2025, 6, 1)),), work=blocks)
    base: dict[str, Any] = dict(
        slug="physicians",
        name="Physicians",
        occupations=frozenset({"31100", "31101", "31102"}),
        months_required=12,
        window_years=3,
        canada_only=True,
    )
    on = date(2026, 2, 19)
    continuous = category_eligibility(candidate, CategoryRule(continuous=True, **base), on)
    cumulative = category_eligibility(candidate, CategoryRule(continuous=False, **base), on)
    assert reason(continuous, "category_experience").status is ReasonStatus.UNMET
    assert reason(cumulative, "category_experience").status is ReasonStatus.MET
    # The ongoing block (from 2025-07-02) reaches 364 days on 2026-06-30.
    assert reason(continuous, "category_experience").passes_on == date(2025, 7, 2) + 363 * DAY


@pytest.mark.parametrize("fee_for_service", [True, False])
def test_self_employed_physician_counts_for_the_physicians_category_only_if_fee_for_service(
    category: Category, fee_for_service: bool
) -> None:
    work = job(
        "31102", date(2024, 12, 20), self_employed=True, fee_for_service_public=fee_for_service
    )
    doctor = person(40, tests=(clb(9, date(2025, 6, 1)),), work=(work,))
    decision = category_eligibility(doctor, category(PHYSICIANS), date(2026, 2, 19))
    assert decision.eligible is fee_for_service
    shown = "physician_fee_for_service" if fee_for_service else "physician_not_fee_for_service"
    assert reason(decision, shown).status is ReasonStatus.NOTE


# --- eligible_until when work in another listed occupation is too short to count ---------------


def nurse_abroad(*extra: WorkPeriod) -> Candidate:
    """FSW-eligible on 2026-06-01 through a 488-day nursing job abroad (grid 68)."""
    return person(
        30,
        education=(MASTERS,),
        tests=(clb(9, date(2026, 1, 1)),),
        work=(job("31301", date(2023, 9, 1), date(2024, 12, 31), country="PH"), *extra),
        settlement_funds_cad=20_000,
    )


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param((), id="nursing only"),
        pytest.param(
            (job("32101", date(2025, 1, 1), date(2025, 2, 28), country="PH"),),
            id="plus 59 days as a practical nurse",
        ),
    ],
)
def test_category_experience_stops_when_the_passing_occupation_leaves_the_window(
    category: Category, extra: tuple[WorkPeriod, ...]
) -> None:
    # 364 days of 2023-09-01..2024-12-31 stay in the 3-year window until 2027-01-03.
    decision = category_eligibility(
        nurse_abroad(*extra), category(HEALTHCARE_2026), date(2026, 6, 1)
    )
    assert decision.eligible
    assert reason(decision, "category_experience").stops_on == date(2027, 1, 4)
    assert decision.eligible_until == date(2027, 1, 4)
