"""CRS beyond the vectors: rule sets by date, notes, and the next date the score changes."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility.rules import CrsBreakdown, EducationLevel, LanguageTest, crs_score
from eligibility.rules import TestKind as Kind

from .helpers import (
    BACHELORS,
    DAY,
    MASTERS,
    clb,
    degree,
    experience,
    factor_points,
    job,
    nclc,
    offer,
    partner,
    person,
)


def codes(breakdown: CrsBreakdown) -> set[str]:
    return {note.code for note in breakdown.notes}


@pytest.mark.parametrize(
    ("on", "senior", "other"),
    [
        pytest.param(date(2016, 11, 18), 600, 600, id="RS-2015"),
        pytest.param(date(2016, 11, 19), 200, 50, id="RS-2016-11 first day"),
        pytest.param(date(2025, 3, 24), 200, 50, id="last day with job-offer points"),
        pytest.param(date(2025, 3, 25), 0, 0, id="RS-2025-03 first day"),
    ],
)
def test_job_offer_points_follow_the_rule_set_of_the_date(
    on: date, senior: int, other: int
) -> None:
    for noc, points in (("00012", senior), ("21232", other)):
        candidate = person(30, on=on, tests=(clb(9, on - 30 * DAY),), job_offer=offer(noc))
        assert factor_points(crs_score(candidate, on), "job_offer") == points


def test_job_offer_without_lmia_or_exemption_earns_nothing() -> None:
    on = date(2024, 6, 1)
    candidate = person(30, on=on, tests=(clb(9, on - 30 * DAY),), job_offer=offer(lmia=False))
    assert factor_points(crs_score(candidate, on), "job_offer") == 0


@pytest.mark.parametrize(
    ("on", "alone", "with_english"),
    [
        pytest.param(date(2017, 6, 5), 0, 0, id="before French points"),
        pytest.param(date(2017, 6, 6), 15, 30, id="RS-2017-06"),
        pytest.param(date(2020, 10, 27), 25, 50, id="RS-2020-10"),
    ],
)
def test_french_bonus_by_date(on: date, alone: int, with_english: int) -> None:
    # TCF Canada has one scale on every date (TEF changed scales in 2019 and 2023).
    french = LanguageTest(Kind.TCF_CANADA, on - 30 * DAY, 458, 453, 10, 10)
    only = person(30, on=on, tests=(french, clb(4, on - 30 * DAY)))
    both = person(30, on=on, tests=(french, clb(5, on - 30 * DAY)))
    assert factor_points(crs_score(only, on), "french_bonus") == alone
    assert factor_points(crs_score(both, on), "french_bonus") == with_english


def test_sibling_and_canadian_education_points_start_on_their_dates() -> None:
    canadian = degree(EducationLevel.ONE_YEAR, canadian=True, years=1)
    before = person(30, on=date(2016, 11, 18), education=(canadian,), sibling_in_canada=True)
    after = person(30, on=date(2017, 6, 6), education=(canadian,), sibling_in_canada=True)
    assert factor_points(crs_score(before, date(2016, 11, 18)), "canadian_education") == 0
    scored = crs_score(after, date(2017, 6, 6))
    assert factor_points(scored, "canadian_education") == 15
    assert factor_points(scored, "sibling") == 15
    assert "crs_canadian_education_assumed" in codes(scored)


def test_citizen_spouse_is_scored_as_without_a_spouse() -> None:
    on = date(2026, 6, 1)
    spouse = partner(education=(MASTERS,), tests=(clb(9),), citizen_or_pr=True)
    with_citizen = crs_score(person(29, tests=(clb(9),), spouse=spouse), on)
    single = crs_score(person(29, tests=(clb(9),)), on)
    assert with_citizen.total == single.total
    assert with_citizen.spouse == 0
    assert "crs_spouse_not_counted" in codes(with_citizen)


def test_foreign_education_without_eca_is_not_counted() -> None:
    on = date(2026, 6, 1)
    no_eca = degree(EducationLevel.MASTERS)
    no_eca = type(no_eca)(no_eca.level, False, 2, False)
    breakdown = crs_score(person(29, education=(no_eca,), tests=(clb(9),)), on)
    assert factor_points(breakdown, "education") == 0
    assert "education_without_eca" in codes(breakdown)


@pytest.mark.parametrize(
    ("on", "flagged"),
    [
        pytest.param(date(2026, 11, 2), False, id="day before"),
        pytest.param(date(2026, 11, 3), True, id="from"),
    ],
)
def test_scores_from_2026_11_03_are_estimates(on: date, flagged: bool) -> None:
    breakdown = crs_score(person(29, on=on, tests=(clb(9, on - 30 * DAY),)), on)
    assert ("crs_estimate_high_wage_unverified" in codes(breakdown)) is flagged


def test_next_change_is_the_birthday_that_lowers_age_points() -> None:
    on = date(2026, 6, 1)
    candidate = person(30, birth_date=date(1995, 9, 10), tests=(clb(9, date(2026, 1, 1)),))
    breakdown = crs_score(candidate, on)
    assert breakdown.next_change_on == date(2026, 9, 10)  # 30 -> 31: 105 -> 99


def test_next_change_is_the_language_test_expiry_when_it_comes_first() -> None:
    on = date(2026, 6, 1)
    candidate = person(25, tests=(clb(9, date(2024, 7, 1)),))
    assert crs_score(candidate, on).next_change_on == date(2026, 7, 1)


def test_next_change_is_the_day_a_second_canadian_year_is_complete() -> None:
    on = date(2026, 6, 1)
    start = on - 499 * DAY
    candidate = person(25, tests=(clb(9, date(2026, 1, 1)),), work=(job("21232", start),))
    breakdown = crs_score(candidate, on)
    assert breakdown.next_change_on == start + (2 * 364 - 1) * DAY
    later = crs_score(candidate, breakdown.next_change_on)
    assert factor_points(later, "canadian_experience") > factor_points(
        breakdown, "canadian_experience"
    )


def test_next_change_is_when_past_experience_leaves_the_window() -> None:
    on = date(2026, 6, 1)
    candidate = person(
        25, tests=(clb(9, date(2026, 1, 1)),), work=experience(canadian=1.5, on=date(2017, 12, 31))
    )
    breakdown = crs_score(candidate, on)
    assert factor_points(breakdown, "canadian_experience") == 40
    day = breakdown.next_change_on
    assert day is not None
    assert day > on
    assert crs_score(candidate, day).total < breakdown.total
    assert crs_score(candidate, day - DAY).total == breakdown.total


def test_the_language_assignment_is_reported() -> None:
    on = date(2026, 6, 1)
    breakdown = crs_score(person(30, education=(BACHELORS,), tests=(clb(9), nclc(9))), on)
    note = next(n for n in breakdown.notes if n.code == "crs_first_language")
    assert "English" in note.message
    assert "as second" in note.message
