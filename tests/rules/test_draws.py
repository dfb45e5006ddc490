"""Rounds of invitations (docs/rules.md §6): vectors E1, E13-E15 of §9.4, the physician round 397,
pool membership, the tie-break to the second, and every round type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from eligibility.rules import (
    Candidate,
    CategoryRule,
    DrawRule,
    Outcome,
    ReasonStatus,
    RoundType,
    TieBreak,
    draw_outcome,
)

from .helpers import (
    DAY,
    MASTERS,
    celpip,
    clb,
    experience,
    job,
    numbers,
    person,
    reason,
    utc,
)

Category = Callable[[str], CategoryRule]
SECOND = timedelta(seconds=1)
PHYSICIANS = "Physicians with Canadian Work Experience, 2026-Version 1"


def draw_397(category: Category) -> DrawRule:
    return DrawRule(
        number="397",
        held_on=date(2026, 2, 19),
        held_at=utc(2026, 2, 19, 14, 24, 23),
        round_type=RoundType.CATEGORY,
        cutoff=169,
        invitations=391,
        tie_break=utc(2026, 1, 3, 3, 25, 14),
        category=category(PHYSICIANS),
    )


CEC_396 = DrawRule(
    number="396",
    held_on=date(2026, 2, 17),
    held_at=utc(2026, 2, 17, 11, 33, 44),
    round_type=RoundType.CEC,
    cutoff=508,
    invitations=6000,
    tie_break=utc(2025, 3, 16, 9, 35, 59),
)
CEC_404 = DrawRule(
    number="404",
    held_on=date(2026, 3, 17),
    held_at=utc(2026, 3, 17, 14, 0, 0),
    round_type=RoundType.CEC,
    cutoff=507,
    invitations=4000,
    tie_break=utc(2026, 1, 10, 0, 0, 0),
)


def cec_candidate(**fields: Any) -> Candidate:
    """CEC-eligible on 2026-02-17 (CLB 9, two years of Canadian TEER 1 work)."""
    values: dict[str, Any] = {
        "tests": (clb(9, date(2025, 6, 1)),),
        "work": (job("21232", date(2023, 1, 1)),),
    }
    values.update(fields)
    return person(30, on=date(2026, 2, 17), **values)


# --- the physicians round (draw 397) --------------------------------------------------------------


def physician(start: date, country: str = "CA", **fields: Any) -> Candidate:
    values: dict[str, Any] = {
        "education": (MASTERS,),
        "tests": (clb(9, date(2025, 5, 1)),),
        "work": (job("31102", start, country=country),),
        "pool_entry": utc(2025, 11, 20, 8, 0, 0),
    }
    values.update(fields)
    return person(38, on=date(2026, 2, 19), **values)


FOURTEEN_MONTHS = date(2024, 12, 20)
ELEVEN_MONTHS = date(2025, 3, 20)


def test_physician_with_14_months_in_canada_is_eligible_and_invited(category: Category) -> None:
    outcome = draw_outcome(physician(FOURTEEN_MONTHS), draw_397(category))
    assert (outcome.in_pool, outcome.eligible, outcome.invited) == (True, True, True)
    assert outcome.crs >= 169
    assert outcome.gap == outcome.crs - 169
    assert outcome.tie_break is TieBreak.NOT_NEEDED


def test_physician_with_11_months_is_not_eligible(category: Category) -> None:
    outcome = draw_outcome(physician(ELEVEN_MONTHS), draw_397(category))
    assert not outcome.eligible
    assert outcome.invited is False
    experience = reason(outcome, "category_experience")
    assert experience.status is ReasonStatus.UNMET
    assert "11.1 months" in experience.message
    assert "12 months (1,560 h)" in experience.message
    figures = numbers(experience)
    assert (figures["months_found"], figures["months_needed"]) == (11.1, 12)
    assert figures["hours_found"] == 1444


def test_physician_with_11_months_is_eligible_from_the_day_the_year_is_complete(
    category: Category,
) -> None:
    from eligibility.rules import category_eligibility

    rule = category(PHYSICIANS)
    decision = category_eligibility(physician(ELEVEN_MONTHS), rule, date(2026, 2, 19))
    year_complete = ELEVEN_MONTHS + 363 * DAY  # the 364th day: 52 weeks, 1,560 h
    assert year_complete == date(2026, 3, 18)
    assert reason(decision, "category_experience").passes_on == year_complete
    assert decision.eligible_from == year_complete
    assert category_eligibility(physician(ELEVEN_MONTHS), rule, year_complete).eligible


def test_physician_with_14_months_abroad_is_not_eligible(category: Category) -> None:
    outcome = draw_outcome(physician(FOURTEEN_MONTHS, country="IN"), draw_397(category))
    assert not outcome.eligible
    message = reason(outcome, "category_experience").message
    assert "No qualifying experience in Canada" in message
    assert "12 months" in message


def test_e1_family_physician_is_invited_with_crs_482(category: Category) -> None:
    e1 = person(
        34,
        on=date(2026, 2, 19),
        education=(MASTERS,),
        tests=(clb(9, date(2025, 5, 1)),),
        work=(
            *experience(foreign=4, on=date(2024, 8, 31), noc="31102"),
            job("31102", date(2024, 9, 1)),
        ),
        pool_entry=utc(2025, 6, 1, 0, 0, 0),
    )
    outcome = draw_outcome(e1, draw_397(category))
    assert outcome.invited is True
    assert numbers(reason(outcome, "category_experience"))["hours_found"] == 2301
    assert outcome.computed_crs == 482


def test_a_category_round_without_a_mapped_category_is_never_eligible(category: Category) -> None:
    unmapped = replace(draw_397(category), category=None)
    outcome = draw_outcome(physician(FOURTEEN_MONTHS), unmapped)
    assert not outcome.eligible
    assert outcome.invited is False
    assert reason(outcome, "round_category_not_mapped").status is ReasonStatus.UNMET


# --- pool membership and the tie-break (E14) ---------------------------------------------


@pytest.mark.parametrize(
    ("crs", "submitted", "in_pool", "tie_break", "invited"),
    [
        pytest.param(
            508, utc(2025, 3, 1, 10), True, TieBreak.WON, True, id="E14a at cut-off, early"
        ),
        pytest.param(508, utc(2025, 5, 1), True, TieBreak.LOST, False, id="E14b at cut-off, late"),
        pytest.param(509, utc(2026, 1, 15), True, TieBreak.NOT_NEEDED, True, id="E14c above"),
        pytest.param(
            520,
            utc(2026, 2, 17, 12),
            False,
            TieBreak.NOT_NEEDED,
            False,
            id="E14d submitted after the round",
        ),
        pytest.param(
            508, utc(2025, 1, 10), False, TieBreak.NOT_NEEDED, False, id="E14e profile expired"
        ),
        pytest.param(
            508,
            utc(2025, 3, 16, 9, 35, 59),
            True,
            TieBreak.WON,
            True,
            id="submitted exactly at the tie-break second",
        ),
        pytest.param(
            508,
            utc(2025, 3, 16, 9, 36, 0),
            True,
            TieBreak.LOST,
            False,
            id="submitted one second after the tie-break",
        ),
        pytest.param(507, utc(2025, 3, 1), True, TieBreak.NOT_NEEDED, False, id="below"),
    ],
)
def test_e14_tie_break_and_pool_entry(
    crs: int, submitted: datetime, in_pool: bool, tie_break: TieBreak, invited: bool
) -> None:
    outcome = draw_outcome(cec_candidate(reported_crs=crs, pool_entry=submitted), CEC_396)
    assert (outcome.in_pool, outcome.tie_break, outcome.invited) == (in_pool, tie_break, invited)
    assert outcome.crs == crs
    assert outcome.gap == crs - 508


def test_profile_expires_exactly_twelve_months_after_submission() -> None:
    held_at = CEC_396.held_at
    last_moment = cec_candidate(reported_crs=600, pool_entry=held_at.replace(year=2025) + SECOND)
    expired = cec_candidate(reported_crs=600, pool_entry=held_at.replace(year=2025))
    assert draw_outcome(last_moment, CEC_396).in_pool
    assert not draw_outcome(expired, CEC_396).in_pool


@pytest.mark.parametrize(
    ("submitted", "in_pool"),
    [
        pytest.param(CEC_396.held_at - SECOND, True, id="one second before the round"),
        pytest.param(CEC_396.held_at, False, id="at the round instant"),
        pytest.param(CEC_396.held_at + SECOND, False, id="one second after the round"),
    ],
)
def test_only_a_profile_submitted_before_the_round_instant_is_in_the_pool(
    submitted: datetime, in_pool: bool
) -> None:
    # docs/rules.md §0.1 and §6.4: submitted BEFORE the round date-time.
    outcome = draw_outcome(cec_candidate(reported_crs=600, pool_entry=submitted), CEC_396)
    assert outcome.in_pool is in_pool
    assert outcome.invited is in_pool
    entry = reason(outcome, "pool_entry")
    assert (entry.status is ReasonStatus.MET) is in_pool
    if not in_pool:
        assert "not before the round" in entry.message


def test_tie_without_a_submission_time_depends_on_it() -> None:
    outcome = draw_outcome(cec_candidate(reported_crs=508), CEC_396)
    assert outcome.in_pool
    assert outcome.tie_break is TieBreak.UNKNOWN_SUBMISSION
    assert outcome.invited is None
    assert reason(outcome, "pool_entry_unknown").status is ReasonStatus.NOTE
    assert "depends on when your profile was submitted" in reason(outcome, "tie_break").message


def test_tie_in_a_round_without_a_published_tie_break_is_undetermined() -> None:
    old_round = replace(CEC_396, tie_break=None)
    outcome = draw_outcome(cec_candidate(reported_crs=508, pool_entry=utc(2025, 6, 1)), old_round)
    assert outcome.tie_break is TieBreak.NOT_PUBLISHED
    assert outcome.invited is None


def test_reported_score_is_compared_and_the_difference_explained() -> None:
    candidate = cec_candidate(reported_crs=530, pool_entry=utc(2025, 6, 1))
    outcome = draw_outcome(candidate, CEC_396)
    assert outcome.crs == 530
    assert outcome.computed_crs != 530
    used = numbers(reason(outcome, "reported_crs_used"))
    assert used["difference"] == 530 - outcome.computed_crs


# --- E13, E15 ------------------------------------------------------------------------------------


def test_e13_expired_language_test_takes_the_candidate_out_of_the_pool() -> None:
    candidate = cec_candidate(tests=(clb(9, date(2024, 3, 1)),), pool_entry=utc(2025, 9, 1))
    outcome = draw_outcome(candidate, CEC_404)
    assert not outcome.in_pool
    assert outcome.invited is False
    assert reason(outcome, "pool_programs").status is ReasonStatus.UNMET


@pytest.mark.parametrize(
    ("taken", "in_pool"),
    [
        pytest.param(date(2024, 3, 16), False, id="expired the day before the round"),
        pytest.param(date(2024, 3, 17), False, id="expires on the round date"),
        pytest.param(date(2024, 3, 18), True, id="valid on its last day"),
    ],
)
def test_language_test_validity_boundary(taken: date, in_pool: bool) -> None:
    candidate = cec_candidate(tests=(clb(9, taken),), pool_entry=utc(2025, 9, 1))
    assert draw_outcome(candidate, CEC_404).in_pool is in_pool


def v18_with_birthday_on_the_round() -> Candidate:
    return person(
        31,
        birth_date=date(1995, 3, 17),
        tests=(celpip(10, 10, 10, 9, date(2025, 9, 1)),),
        work=experience(canadian=2, foreign=3, on=date(2026, 3, 17)),
        pool_entry=utc(2025, 9, 1),
    )


def test_e15_birthday_on_the_round_date_lowers_the_score_below_the_cut_off() -> None:
    outcome = draw_outcome(v18_with_birthday_on_the_round(), CEC_404)
    assert outcome.eligible
    assert outcome.computed_crs == 505
    assert outcome.invited is False


def test_e15_the_day_before_the_birthday_the_candidate_would_have_been_invited() -> None:
    day_before = replace(CEC_404, held_on=date(2026, 3, 16), held_at=utc(2026, 3, 16, 14, 0, 0))
    outcome = draw_outcome(v18_with_birthday_on_the_round(), day_before)
    assert outcome.computed_crs == 511
    assert outcome.invited is True


# --- round types ---------------------------------------------------------------------------------


def test_program_round_ignores_other_programs() -> None:
    fsw_only = person(
        30,
        tests=(clb(9, date(2025, 6, 1)),),
        work=experience(foreign=3, on=date(2026, 1, 1)),
        settlement_funds_cad=20_000,
        pool_entry=utc(2025, 6, 1),
    )
    outcome = draw_outcome(fsw_only, CEC_396)
    assert outcome.in_pool
    assert not outcome.eligible
    assert outcome.invited is False
    assert "cec_experience" in {r.code for r in outcome.reasons}


def test_pnp_round_needs_a_nomination() -> None:
    pnp = replace(CEC_396, round_type=RoundType.PNP, cutoff=700)
    nominee = cec_candidate(provincial_nomination=True, pool_entry=utc(2025, 6, 1))
    other = cec_candidate(pool_entry=utc(2025, 6, 1))
    assert draw_outcome(nominee, pnp).invited is True
    assert draw_outcome(other, pnp).eligible is False


def test_general_round_takes_any_program() -> None:
    general = replace(CEC_396, round_type=RoundType.GENERAL, cutoff=300)
    outcome = draw_outcome(cec_candidate(pool_entry=utc(2025, 6, 1)), general)
    assert outcome.eligible
    assert outcome.invited is True


def test_rounds_from_2026_11_03_are_marked_estimates() -> None:
    later = replace(
        CEC_396, held_on=date(2026, 11, 3), held_at=utc(2026, 11, 3, 12), tie_break=None
    )
    earlier = replace(later, held_on=date(2026, 11, 2), held_at=utc(2026, 11, 2, 12))
    candidate = cec_candidate(pool_entry=utc(2026, 6, 1))
    assert "crs_estimate_high_wage_unverified" in {
        r.code for r in draw_outcome(candidate, later).reasons
    }
    assert "crs_estimate_high_wage_unverified" not in {
        r.code for r in draw_outcome(candidate, earlier).reasons
    }


# --- not in the pool: every failing rule of every program is listed ------------------------------


def far_from_the_pool() -> Candidate:
    return person(
        30,
        on=date(2026, 2, 17),
        tests=(clb(6, date(2025, 6, 1)),),
        work=(job("21232", date(2025, 6, 1), country="IN"),),
        settlement_funds_cad=100,
        pool_entry=utc(2025, 9, 1),
    )


def unmet_codes(outcome: Outcome) -> list[str]:
    return [r.code for r in outcome.reasons if r.status is ReasonStatus.UNMET]


def test_not_in_the_pool_lists_every_failing_rule_of_every_program() -> None:
    general = replace(CEC_396, round_type=RoundType.GENERAL)
    outcome = draw_outcome(far_from_the_pool(), general)
    assert not outcome.in_pool
    assert outcome.invited is False
    codes = unmet_codes(outcome)
    for code in (
        "fsw_language",
        "fsw_experience",
        "fsw_points",
        "fsw_funds",
        "cec_experience",
        "fst_experience",
        "fst_offer_or_certificate",
        "fst_funds",
    ):
        assert code in codes, code
    assert len(codes) == len(set(codes))  # each rule once
    experience = numbers(reason(outcome, "fsw_experience"))
    assert (experience["hours_found"], experience["hours_needed"]) == (1122, 1560)
    assert numbers(reason(outcome, "fsw_points"))["total"] < 67
    assert numbers(reason(outcome, "fsw_funds"))["funds"] == 100
    summary = reason(outcome, "pool_programs").message
    assert numbers(reason(outcome, "pool_programs")) == {"programs": ""}  # none met
    for words in ("CLB L7 R7 W7 S7", "one continuous year", "67 grid points", "proof of funds"):
        assert words in summary, words


def test_a_program_round_does_not_repeat_the_program_reasons_of_the_pool() -> None:
    outcome = draw_outcome(far_from_the_pool(), CEC_396)
    assert not outcome.in_pool
    assert unmet_codes(outcome).count("cec_experience") == 1


def test_a_truck_driver_was_not_in_the_pool_of_a_2020_cec_round_and_is_told_why() -> None:
    """docs/rules.md §1.1, §8.11: before 2022-11-16, 73300 was NOC 2016 skill level C."""
    round_154 = DrawRule(
        number="154",
        held_on=date(2020, 6, 25),
        held_at=utc(2020, 6, 25, 14, 0, 0),
        round_type=RoundType.CEC,
        cutoff=431,
        invitations=3508,
    )
    driver = person(
        30,
        on=round_154.held_on,
        education=(MASTERS,),
        tests=(clb(9, date(2019, 9, 1)),),
        work=(job("73300", date(2018, 1, 1)),),
        pool_entry=utc(2020, 1, 10, 9, 0, 0),
    )
    cook = replace(driver, work=(job("63200", date(2018, 1, 1)),))  # NOC 2016 skill level B

    outcome = draw_outcome(driver, round_154)

    assert not outcome.in_pool
    assert not outcome.eligible
    assert not outcome.invited
    assert numbers(reason(outcome, "cec_experience"))["hours_found"] == 0
    assert numbers(reason(outcome, "noc_2016_not_skilled"))["nocs"] == "73300"
    assert draw_outcome(cook, round_154).invited


def test_outside_the_pool_a_physician_learns_fee_for_service_is_missing() -> None:
    """docs/rules.md §5.5.1: a general round lists why the Canadian work is missing, as for NOC
    2016."""
    general = replace(CEC_396, round_type=RoundType.GENERAL, cutoff=500)
    on = general.held_on
    doctor = person(
        40,
        on=on,
        education=(MASTERS,),
        tests=(clb(9, date(2025, 9, 1)),),
        work=(job("31102", date(2024, 9, 1), self_employed=True),),
        pool_entry=utc(2025, 10, 1, 9, 0, 0),
    )

    outcome = draw_outcome(doctor, general)

    assert not outcome.in_pool
    assert reason(outcome, "physician_not_fee_for_service").status is ReasonStatus.NOTE
    flagged = replace(doctor, work=(replace(doctor.work[0], fee_for_service_public=True),))
    assert draw_outcome(flagged, general).in_pool
