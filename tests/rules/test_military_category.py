"""Skilled military recruits (docs/rules.md §5.5.4, vectors E16a/E16b of §9.4): a rule the
category's data states (education, years of foreign military service, a Canadian Armed Forces
offer), evaluated by the generic category evaluator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from eligibility.rules import (
    CafOffer,
    Candidate,
    CategoryRule,
    Decision,
    DrawRule,
    Education,
    EducationLevel,
    MilitaryService,
    ReasonStatus,
    RoundType,
    category_eligibility,
    draw_outcome,
)
from eligibility.rules.dates import add_years

from .helpers import TWO_YEAR, clb, job, numbers, person, reason, utc

Category = Callable[[str], CategoryRule]
MILITARY = "Skilled Military Recruits, 2026-Version 1"
ROUND_430 = date(2026, 7, 23)
DRAW_430: dict[str, Any] = dict(
    number="430",
    held_on=ROUND_430,
    held_at=utc(2026, 7, 23, 10, 19, 47),
    round_type=RoundType.CATEGORY,
    cutoff=368,
    invitations=4,
    tie_break=utc(2026, 6, 2, 20, 11, 26),
)


def recruit(service_years: int = 12, **changes: Any) -> Candidate:
    """E16a: serving continuously for `service_years` years in a recognized foreign military
    (in NOC 42102-type work abroad, which also makes him FSW-eligible: in the pool); an offer
    from the Canadian Forces Recruiting Group, full-time, 3 years, NOC 42102; a two-year
    diploma with an ECA."""
    start = add_years(ROUND_430, -service_years) - (ROUND_430 - date(2026, 7, 1))
    fields: dict[str, Any] = {
        "education": (TWO_YEAR,),
        "tests": (clb(9, date(2026, 1, 15)),),
        "work": (job("42102", start, country="GB"),),
        "settlement_funds_cad": 20_000,
        "military_service": MilitaryService(recognized=True, start=start),
        "caf_offer": CafOffer(noc="42102", years=3, full_time=True),
    }
    fields.update(changes)
    return person(35, on=ROUND_430, **fields)


def unmet(decision: Decision) -> set[str]:
    return {r.code for r in decision.reasons if r.status is ReasonStatus.UNMET}


def test_the_shipped_category_states_the_rule_as_data(category: Category) -> None:
    rule = category(MILITARY)
    assert rule.min_education is EducationLevel.TWO_YEAR
    assert rule.military_service_years == 10
    assert rule.caf_offer_occupations == {"40042", "42102", "43204"}
    assert rule.caf_offer_min_years == 3
    assert rule.other_conditions == ()
    assert not rule.occupations


def test_e16a_twelve_years_of_service_and_a_caf_offer_is_eligible(category: Category) -> None:
    decision = category_eligibility(recruit(12), category(MILITARY), ROUND_430)
    assert decision.eligible
    service = reason(decision, "category_military_service")
    assert numbers(service)["years_found"] == 12
    assert numbers(service)["years_needed"] == 10
    assert reason(decision, "category_caf_offer").status is ReasonStatus.MET
    assert reason(decision, "category_education").status is ReasonStatus.MET
    assert "Federal Skilled Worker" in reason(decision, "category_program").message


def test_e16a_in_round_430(category: Category) -> None:
    outcome = draw_outcome(recruit(12), DrawRule(**DRAW_430, category=category(MILITARY)))
    assert outcome.in_pool
    assert outcome.eligible


def test_e16b_nine_years_is_not_eligible_until_the_tenth_year(category: Category) -> None:
    candidate = recruit(9)
    decision = category_eligibility(candidate, category(MILITARY), ROUND_430)
    assert not decision.eligible
    assert unmet(decision) == {"category_military_service"}
    service = reason(decision, "category_military_service")
    assert numbers(service)["years_found"] == 9
    tenth = add_years(candidate.military_service.start, 10)  # type: ignore[union-attr]  # a recruit serves
    assert service.passes_on == tenth
    assert decision.eligible_from == tenth
    outcome = draw_outcome(candidate, DrawRule(**DRAW_430, category=category(MILITARY)))
    assert outcome.in_pool
    assert not outcome.eligible


@pytest.mark.parametrize(
    ("days_after_start", "eligible"),
    [pytest.param(-1, False, id="the day before the tenth year"), pytest.param(0, True, id="ten")],
)
def test_ten_years_of_service_are_complete_on_the_anniversary(
    category: Category, days_after_start: int, eligible: bool
) -> None:
    start = add_years(ROUND_430, -10)
    from datetime import timedelta

    service = MilitaryService(True, start - timedelta(days=days_after_start))
    candidate = recruit(12, military_service=service)
    assert category_eligibility(candidate, category(MILITARY), ROUND_430).eligible is eligible


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        pytest.param(
            {"military_service": None}, "category_military_service", "No service", id="no service"
        ),
        pytest.param(
            {"military_service": MilitaryService(False, date(2010, 1, 1))},
            "category_military_service",
            "not in a recognized",
            id="not a recognized military",
        ),
        pytest.param(
            {"military_service": MilitaryService(True, date(2010, 1, 1), date(2026, 6, 30))},
            "category_military_service",
            "ended on 2026-06-30",
            id="no longer serving",
        ),
        pytest.param({"caf_offer": None}, "category_caf_offer", "No offer", id="no offer"),
        pytest.param(
            {"caf_offer": CafOffer("21232", 3, True)},
            "category_caf_offer",
            "21232 is not one of 40042, 42102, 43204",
            id="offer in another occupation",
        ),
        pytest.param(
            {"caf_offer": CafOffer("42102", 3, False)},
            "category_caf_offer",
            "not full-time",
            id="part-time offer",
        ),
        pytest.param(
            {"caf_offer": CafOffer("43204", 2, True)},
            "category_caf_offer",
            "for 2 years",
            id="a 2-year offer",
        ),
        pytest.param(
            {"education": (Education(EducationLevel.ONE_YEAR, False, 1, True),)},
            "category_education",
            "at least a two-year",
            id="one-year credential",
        ),
        pytest.param(
            {"education": (Education(EducationLevel.TWO_YEAR, False, 2, False),)},
            "category_education",
            "has no ECA",
            id="foreign two-year credential without an ECA",
        ),
    ],
)
def test_each_condition_fails_on_its_own_with_its_reason(
    category: Category, changes: dict[str, Any], code: str, words: str
) -> None:
    decision = category_eligibility(recruit(12, **changes), category(MILITARY), ROUND_430)
    assert not decision.eligible
    assert code in unmet(decision)
    assert words in reason(decision, code).message


def test_the_rule_is_generic_any_category_can_ask_for_a_minimum_education() -> None:
    masters_only = CategoryRule(
        slug="test", name="A test category", min_education=EducationLevel.MASTERS
    )
    candidate = recruit(12)
    assert not category_eligibility(candidate, masters_only, ROUND_430).eligible
    richer = recruit(12, education=(Education(EducationLevel.MASTERS, True, 2, False),))
    assert category_eligibility(richer, masters_only, ROUND_430).eligible
    assert (
        unmet(category_eligibility(candidate, replace(masters_only, min_education=None), ROUND_430))
        == set()
    )
