"""FSW: the 67-point grid vectors F1-F6 (docs/rules.md §9.3) and the minimum requirements (§2.1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from eligibility.rules import (
    Candidate,
    Education,
    EducationLevel,
    LanguageTest,
    Program,
    ReasonStatus,
    WorkPeriod,
    program_eligibility,
)
from eligibility.rules.facts import Facts
from eligibility.rules.fsw import fsw_grid

from .helpers import (
    BACHELORS,
    DAY,
    MASTERS,
    ON,
    PHD,
    celpip,
    clb,
    degree,
    experience,
    ielts,
    job,
    nclc,
    numbers,
    offer,
    partner,
    person,
    reason,
)

SPOUSE_CLB_4 = partner(education=(BACHELORS,), tests=(clb(4),))
CANADIAN_TWO_YEAR_STUDY = degree(EducationLevel.TWO_YEAR, canadian=True, years=2)


def f2(**changes: Any) -> Candidate:
    fields: dict[str, Any] = {
        "tests": (clb(7),),
        "work": experience(foreign=1),
        "spouse": SPOUSE_CLB_4,
    }
    fields.update(changes)
    return person(40, **fields)


def f5(age: int) -> Candidate:
    return person(age, tests=(clb(8),), work=experience(foreign=2), spouse=SPOUSE_CLB_4)


# (id, candidate, language, second, education, experience, age, arranged, adaptability, total)
GRID_VECTORS: list[tuple[str, Callable[[], Candidate], tuple[int, ...]]] = [
    (
        "F1 P1 profile",
        lambda: person(
            26,
            education=(MASTERS,),
            tests=(ielts(8.0, 8.5, 7.0, 7.0),),
            work=experience(foreign=2.25),
        ),
        (24, 0, 23, 11, 12, 0, 0, 70),
    ),
    ("F2", f2, (16, 0, 21, 9, 7, 0, 5, 58)),
    (
        "F3 adaptability capped",
        lambda: f2(
            work=experience(foreign=6.5),
            sibling_in_canada=True,
            education=(BACHELORS, CANADIAN_TWO_YEAR_STUDY),
        ),
        (16, 0, 21, 15, 7, 0, 10, 69),
    ),
    (
        "F4",
        lambda: person(
            47,
            education=(PHD,),
            tests=(clb(9), nclc(5)),
            work=experience(canadian=1, foreign=5.5),
            job_offer=offer("21232"),
        ),
        (24, 4, 25, 15, 0, 10, 10, 88),
    ),
    ("F5 boundary 67", lambda: f5(37), (20, 0, 21, 11, 10, 0, 5, 67)),
    ("F6 boundary 66", lambda: f5(38), (20, 0, 21, 11, 9, 0, 5, 66)),
]


@pytest.mark.parametrize(
    ("build", "expected"),
    [pytest.param(build, expected, id=ident) for ident, build, expected in GRID_VECTORS],
)
def test_fsw_grid_vector_points_per_factor(
    build: Callable[[], Candidate], expected: tuple[int, ...]
) -> None:
    grid = fsw_grid(Facts(build(), ON))
    found = (
        grid.language,
        grid.second_language,
        grid.education,
        grid.experience,
        grid.age,
        grid.arranged_employment,
        grid.adaptability,
        grid.total,
    )
    assert found == expected


@pytest.mark.parametrize(
    ("build", "expected"),
    [pytest.param(build, expected, id=ident) for ident, build, expected in GRID_VECTORS],
)
def test_fsw_points_reason_passes_at_67_and_lists_every_factor(
    build: Callable[[], Candidate], expected: tuple[int, ...]
) -> None:
    points = reason(program_eligibility(build(), ON)[Program.FSW], "fsw_points")
    assert (points.status is ReasonStatus.MET) == (expected[-1] >= 67)
    figures = numbers(points)
    assert figures["total"] == expected[-1]
    assert (figures["language"], figures["education"], figures["age"]) == (
        expected[0],
        expected[2],
        expected[4],
    )


def test_fsw_lists_every_unmet_rule_not_only_the_first() -> None:
    nobody = person(30, education=(), tests=(clb(6),), work=())
    decision = program_eligibility(nobody, ON)[Program.FSW]
    unmet = {r.code for r in decision.reasons if r.status is ReasonStatus.UNMET}
    assert unmet == {"fsw_experience", "fsw_language", "fsw_education", "fsw_points", "fsw_funds"}
    assert decision.eligible is False
    assert decision.eligible_from is None


def test_fsw_eligible_with_a_continuous_year_abroad_and_funds() -> None:
    candidate = person(30, tests=(clb(9),), work=experience(foreign=3), settlement_funds_cad=16_000)
    decision = program_eligibility(candidate, ON)[Program.FSW]
    assert decision.eligible
    assert numbers(reason(decision, "fsw_experience"))["hours_found"] >= 1560


def test_fsw_one_day_gap_breaks_the_continuous_year() -> None:
    # 200 + 200 full-time days in the same NOC: 857 h each side of the gap.
    end = date(2024, 1, 1) + 199 * DAY
    first = job("21232", date(2024, 1, 1), end, country="IN")
    joined = job("21232", end + DAY, end + 200 * DAY, country="IN")
    gapped = job("21232", end + 2 * DAY, end + 201 * DAY, country="IN")
    base: dict[str, Any] = {"tests": (clb(9),), "settlement_funds_cad": 20_000}
    continuous = program_eligibility(person(30, work=(first, joined), **base), ON)[Program.FSW]
    broken = program_eligibility(person(30, work=(first, gapped), **base), ON)[Program.FSW]
    assert reason(continuous, "fsw_experience").status is ReasonStatus.MET
    assert reason(broken, "fsw_experience").status is ReasonStatus.UNMET
    assert numbers(reason(broken, "fsw_experience"))["hours_found"] == 857


def test_fsw_ignores_unauthorized_work_in_canada() -> None:
    candidate = person(
        30,
        tests=(clb(9),),
        work=(job("21232", date(2023, 1, 1), None, authorized=False),),
        settlement_funds_cad=20_000,
    )
    assert not program_eligibility(candidate, ON)[Program.FSW].eligible


def test_fsw_foreign_education_without_eca_does_not_count() -> None:
    candidate = person(
        30,
        education=(Education(EducationLevel.MASTERS, canadian=False, years=2, eca=False),),
        tests=(clb(9),),
        work=experience(foreign=3),
        settlement_funds_cad=20_000,
    )
    decision = program_eligibility(candidate, ON)[Program.FSW]
    assert reason(decision, "fsw_education").status is ReasonStatus.UNMET
    assert "education_without_eca" in {r.code for r in decision.reasons}


def test_fsw_funds_exempt_with_an_ongoing_authorized_job_in_canada_and_an_offer() -> None:
    candidate = person(
        30,
        tests=(clb(9),),
        work=(*experience(foreign=3, on=date(2025, 1, 1)), job("64100", date(2025, 2, 1))),
        job_offer=offer("21232"),
    )
    funds = reason(program_eligibility(candidate, ON)[Program.FSW], "fsw_funds")
    assert funds.status is ReasonStatus.MET
    assert numbers(funds) == {"exempt": "yes"}


def test_fsw_birthday_that_drops_the_grid_below_67_is_its_eligible_until() -> None:
    # F5: 67 points at 37, 66 from the 38th birthday.
    candidate = person(
        37,
        tests=(clb(8, ON - 10 * DAY),),
        work=experience(foreign=2),
        spouse=SPOUSE_CLB_4,
        settlement_funds_cad=30_000,
        family_size=2,
    )
    decision = program_eligibility(candidate, ON)[Program.FSW]
    assert decision.eligible
    birthday = candidate.birth_date.replace(year=candidate.birth_date.year + 38)
    assert reason(decision, "fsw_points").stops_on == birthday
    assert decision.eligible_until == birthday


def test_fsw_experience_stops_when_the_continuous_year_leaves_the_window_despite_other_work() -> (
    None
):
    # 21232: 2014-01-01..2016-06-30; its last 364 days leave the 10-year window on 2025-07-04.
    # The 90 days of 21231 never make a continuous year and must not hide that date.
    candidate = person(
        30,
        birth_date=date(1994, 1, 1),
        education=(MASTERS,),
        tests=(clb(9, date(2023, 12, 1)),),
        work=(
            job("21232", date(2014, 1, 1), date(2016, 6, 30), country="IN"),
            job("21231", date(2018, 1, 1), date(2018, 3, 31), country="IN"),
        ),
        settlement_funds_cad=20_000,
    )
    decision = program_eligibility(candidate, date(2024, 1, 1))[Program.FSW]
    assert decision.eligible
    assert reason(decision, "fsw_experience").stops_on == date(2025, 7, 4)
    assert decision.eligible_until == date(2025, 7, 4)


@pytest.mark.parametrize(
    ("tests", "first", "second"),
    [
        pytest.param(
            (celpip(10, 10, 10, 6, ON - 100 * DAY), nclc(7)),
            16,
            4,
            id="English misses CLB 7 in speaking: French NCLC 7 is the first language",
        ),
        pytest.param(
            (nclc(7), celpip(10, 10, 10, 6, ON - 100 * DAY)),
            16,
            4,
            id="the same whatever the order of the tests",
        ),
        pytest.param(
            (clb(9), nclc(7)), 24, 4, id="both meet CLB 7: the higher-scoring one is first"
        ),
        pytest.param(
            (celpip(10, 10, 10, 6, ON - 100 * DAY), nclc(6)),
            18,
            4,
            id="neither meets CLB 7: best points (FSW fails on language anyway)",
        ),
    ],
)
def test_fsw_grid_first_language_is_one_that_meets_the_clb_7_minimum(
    tests: tuple[LanguageTest, ...], first: int, second: int
) -> None:
    grid = fsw_grid(Facts(person(30, tests=tests), ON))
    assert (grid.language, grid.second_language) == (first, second)


# --- when the grid starts or stops passing: every time-driven change ----------------------------


def grid_person(*, tests: tuple[LanguageTest, ...], work: tuple[WorkPeriod, ...], **fields: Any):
    values: dict[str, Any] = {
        "birth_date": date(1994, 1, 1),
        "education": (BACHELORS,),
        "settlement_funds_cad": 30_000,
    }
    values.update(fields)
    return person(30, tests=tests, work=work, **values)


GRID_STOPS = [
    pytest.param(
        # 912 days of 2014-01-01..2016-06-30 hold 2 years (68 points) until 728 of them are
        # left in the 10-year window: 2014-07-04 is the last start that keeps them.
        grid_person(
            tests=(clb(9, date(2023, 6, 1)),),
            work=(job("21232", date(2014, 1, 1), date(2016, 6, 30), country="IN"),),
        ),
        date(2024, 7, 5),
        (68, 66),
        id="experience years leave the 10-year window",
    ),
    pytest.param(
        # CELPIP 9 gives 24 language points until it expires; the CELPIP 7 left gives 16.
        grid_person(
            tests=(clb(9, date(2022, 6, 1)), clb(7, date(2023, 12, 1))),
            work=(job("21232", date(2020, 1, 1), date(2023, 6, 30), country="IN"),),
        ),
        date(2024, 6, 1),
        (68, 60),
        id="the test giving the language points expires, a weaker one remains",
    ),
    pytest.param(
        # 579 days in Canada (2014-06-01..2015-12-31) give the 10 adaptability points until
        # fewer than 364 of them are in the window; the foreign years keep experience at 11.
        grid_person(
            tests=(clb(7, date(2023, 6, 1)),),
            work=(
                job("21232", date(2014, 6, 1), date(2015, 12, 31)),
                job("21232", date(2018, 1, 1), date(2019, 12, 31), country="IN"),
            ),
        ),
        date(2025, 1, 3),
        (70, 60),
        id="the year of Canadian work leaves the window",
    ),
]


@pytest.mark.parametrize(("candidate", "fails_on", "totals"), GRID_STOPS)
def test_fsw_grid_stops_on_is_the_first_day_any_time_driven_change_takes_it_below_67(
    candidate: Candidate, fails_on: date, totals: tuple[int, int]
) -> None:
    on = date(2024, 1, 1)
    decision = program_eligibility(candidate, on)[Program.FSW]
    assert decision.eligible
    assert reason(decision, "fsw_points").stops_on == fails_on
    assert decision.eligible_until == fails_on
    before, after = totals
    assert fsw_grid(Facts(candidate, fails_on - DAY)).total == before
    assert fsw_grid(Facts(candidate, fails_on)).total == after


SPOUSE_WORKING_IN_CANADA = partner(work=(job("21232", date(2025, 7, 1)),))

GRID_STARTS = [
    pytest.param(
        # 60 points; a year of Canadian work (364 days from 2025-07-01) adds 10 on 2026-06-29,
        # well before the foreign and Canadian work make 4 years (2027-04-12).
        grid_person(
            birth_date=date(1996, 1, 1),
            tests=(clb(7, date(2025, 10, 1)),),
            work=(
                job("21232", date(2023, 1, 1), date(2025, 3, 15), country="IN"),
                job("21232", date(2025, 7, 1)),
            ),
        ),
        date(2026, 6, 29),
        (60, 70),
        id="a year of Canadian work adds 10 adaptability points",
    ),
    pytest.param(
        # 66 points; the accompanying spouse's year of Canadian work adds 5.
        grid_person(
            birth_date=date(1996, 1, 1),
            education=(MASTERS,),
            tests=(clb(8, date(2025, 10, 1)),),
            work=(job("21232", date(2023, 1, 1), date(2025, 3, 15), country="IN"),),
            spouse=SPOUSE_WORKING_IN_CANADA,
        ),
        date(2026, 6, 29),
        (66, 71),
        id="the spouse's year of Canadian work adds 5",
    ),
    pytest.param(
        # 66 points with one year abroad; the second year (728 days) brings 68.
        grid_person(
            birth_date=date(1996, 1, 1),
            tests=(clb(9, date(2025, 10, 1)),),
            work=(job("21232", date(2025, 1, 1), country="IN"),),
        ),
        date(2026, 12, 29),
        (66, 68),
        id="a second year of experience",
    ),
]


@pytest.mark.parametrize(("candidate", "passes_on", "totals"), GRID_STARTS)
def test_fsw_grid_passes_on_is_the_first_day_any_time_driven_change_lifts_it_to_67(
    candidate: Candidate, passes_on: date, totals: tuple[int, int]
) -> None:
    on = date(2026, 1, 1)
    decision = program_eligibility(candidate, on)[Program.FSW]
    assert not decision.eligible
    assert reason(decision, "fsw_points").passes_on == passes_on
    assert decision.eligible_from == passes_on
    before, after = totals
    assert fsw_grid(Facts(candidate, passes_on - DAY)).total == before
    assert fsw_grid(Facts(candidate, passes_on)).total == after


@pytest.mark.parametrize(
    ("spouse_job", "points"),
    [
        pytest.param(job("65200", date(2024, 1, 1)), 5, id="TEER 5 work counts"),
        pytest.param(job("21232", date(2024, 1, 1)), 5, id="TEER 1 work counts"),
        pytest.param(job("65200", date(2024, 1, 1), authorized=False), 0, id="unauthorized"),
        pytest.param(job("65200", date(2024, 1, 1), country="IN"), 0, id="abroad"),
        pytest.param(job("65200", date(2025, 8, 1)), 0, id="under a year"),
    ],
)
def test_the_spouses_year_of_authorized_work_in_canada_adds_5_whatever_its_teer(
    spouse_job: WorkPeriod, points: int
) -> None:
    """docs/rules.md §2.1.3: the candidate's own item needs TEER 0-3; the spouse's does not."""
    candidate = person(
        30,
        tests=(clb(7),),
        work=experience(foreign=1),
        spouse=partner(work=(spouse_job,)),
    )
    items = dict(fsw_grid(Facts(candidate, date(2026, 6, 1))).adaptability_items)
    assert items.get("spouse_canadian_work", 0) == points


@pytest.mark.parametrize(
    ("own_job", "points"),
    [
        pytest.param(job("21232", date(2024, 1, 1)), 10, id="TEER 1"),
        pytest.param(
            job("21232", date(2024, 1, 1), full_time_student=True), 10, id="while studying"
        ),
        pytest.param(job("21232", date(2024, 1, 1), self_employed=True), 10, id="self-employed"),
        pytest.param(job("65200", date(2024, 1, 1)), 0, id="TEER 5"),
        pytest.param(job("21232", date(2024, 1, 1), authorized=False), 0, id="unauthorized"),
    ],
)
def test_ones_own_year_of_work_in_canada_adds_10_if_teer_0_to_3_and_authorized(
    own_job: WorkPeriod, points: int
) -> None:
    """docs/rules.md §2.1.3 names only TEER 0-3 and authorization; the CEC and CRS exclusions of
    study and self-employment (§1.4) are not FSW rules."""
    candidate = person(30, tests=(clb(7),), work=(*experience(foreign=1), own_job))
    items = dict(fsw_grid(Facts(candidate, date(2026, 6, 1))).adaptability_items)
    assert items.get("canadian_work", 0) == points
