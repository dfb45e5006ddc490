"""Language tests: conversion tables (docs/rules.md §3.3), TEF eras by test date, PTE Core
acceptance, validity, and the input checks of `validation`."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility.rules import Ability, LanguageTest, birth_date_problem, score_problem
from eligibility.rules import TestKind as Kind
from eligibility.rules.language import clb_levels, score_tests
from eligibility.rules.validation import noc_problem, work_period_problems

L, R, W, S = Ability.LISTENING, Ability.READING, Ability.WRITING, Ability.SPEAKING
RECENT = date(2025, 6, 1)


def levels(kind: Kind, scores: tuple[float, float, float, float], taken: date = RECENT) -> tuple:
    return clb_levels(LanguageTest(kind, taken, *scores))


@pytest.mark.parametrize(
    ("kind", "scores", "expected"),
    [
        # IELTS: each ability has its own minimums (listening 8.5 for CLB 10, reading 8.0 ...)
        (Kind.IELTS_GENERAL, (8.5, 8.0, 7.5, 7.5), (10, 10, 10, 10)),
        (Kind.IELTS_GENERAL, (8.0, 7.0, 7.0, 7.0), (9, 9, 9, 9)),
        (Kind.IELTS_GENERAL, (7.5, 6.5, 6.5, 6.5), (8, 8, 8, 8)),
        (Kind.IELTS_GENERAL, (6.0, 6.0, 6.0, 6.0), (7, 7, 7, 7)),
        (Kind.IELTS_GENERAL, (5.5, 5.0, 5.5, 5.5), (6, 6, 6, 6)),
        (Kind.IELTS_GENERAL, (5.0, 4.0, 5.0, 5.0), (5, 5, 5, 5)),
        (Kind.IELTS_GENERAL, (4.5, 3.5, 4.0, 4.0), (4, 4, 4, 4)),
        (Kind.IELTS_GENERAL, (4.0, 3.0, 3.5, 3.5), (0, 0, 0, 0)),
        (Kind.IELTS_GENERAL, (7.0, 7.0, 7.0, 7.0), (7, 9, 9, 9)),  # V12: listening 7.0 is CLB 7
        # CELPIP: level = CLB, 10-12 -> 10, below 4 -> below CLB 4
        (Kind.CELPIP_GENERAL, (12, 11, 10, 9), (10, 10, 10, 9)),
        (Kind.CELPIP_GENERAL, (4, 3, 0, 7), (4, 0, 0, 7)),
        # PTE Core ranges (lower bounds of each CLB row)
        (Kind.PTE_CORE, (89, 88, 90, 89), (10, 10, 10, 10)),
        (Kind.PTE_CORE, (88, 87, 89, 88), (9, 9, 9, 9)),
        (Kind.PTE_CORE, (60, 60, 69, 68), (7, 7, 7, 7)),
        (Kind.PTE_CORE, (59, 59, 68, 67), (6, 6, 6, 6)),
        (Kind.PTE_CORE, (28, 33, 41, 42), (4, 4, 4, 4)),
        (Kind.PTE_CORE, (27, 32, 40, 41), (0, 0, 0, 0)),
        # TCF Canada: reading/listening on 699, writing/speaking on 20
        (Kind.TCF_CANADA, (549, 549, 16, 16), (10, 10, 10, 10)),
        (Kind.TCF_CANADA, (458, 453, 10, 10), (7, 7, 7, 7)),
        (Kind.TCF_CANADA, (457, 452, 9, 9), (6, 6, 6, 6)),
        (Kind.TCF_CANADA, (331, 342, 4, 4), (4, 4, 4, 4)),
        (Kind.TCF_CANADA, (470, 460, 11, 12), (7, 7, 7, 8)),  # V13 / E12c
    ],
)
def test_conversion_tables(
    kind: Kind, scores: tuple[float, float, float, float], expected: tuple[int, ...]
) -> None:
    assert levels(kind, scores) == expected


@pytest.mark.parametrize(
    ("taken", "scores", "expected"),
    [
        pytest.param(date(2024, 1, 1), (434, 433, 428, 456), (7, 6, 7, 7), id="era C"),
        pytest.param(
            date(2023, 12, 11), (546, 546, 558, 556), (10, 10, 10, 10), id="era C first day"
        ),
        pytest.param(
            date(2023, 12, 10), (546, 546, 558, 556), (9, 9, 9, 9), id="2023-12-10 is era B"
        ),
        pytest.param(date(2019, 10, 1), (450, 449, 566, 300), (7, 6, 10, 4), id="era B first day"),
        pytest.param(
            date(2019, 9, 30), (316, 263, 393, 393), (10, 10, 10, 10), id="era A old scale"
        ),
        pytest.param(date(2019, 9, 30), (249, 207, 310, 310), (7, 7, 7, 7), id="era A NCLC 7"),
    ],
)
def test_tef_canada_conversion_follows_the_test_date(
    taken: date, scores: tuple[int, int, int, int], expected: tuple[int, ...]
) -> None:
    assert levels(Kind.TEF_CANADA, scores, taken) == expected


def test_e12a_tef_reading_430_is_nclc_6() -> None:
    assert levels(Kind.TEF_CANADA, (440, 430, 430, 460), date(2025, 3, 1)) == (7, 6, 7, 7)


@pytest.mark.parametrize(
    ("taken", "accepted"),
    [
        pytest.param(date(2024, 1, 29), False, id="day before"),
        pytest.param(date(2024, 1, 30), True, id="first day"),
    ],
)
def test_pte_core_is_accepted_from_2024_01_30(taken: date, accepted: bool) -> None:
    test = LanguageTest(Kind.PTE_CORE, taken, 80, 80, 80, 80)
    valid, dropped = score_tests((test,), date(2025, 6, 1))
    assert bool(valid) is accepted
    assert bool(dropped) is not accepted


@pytest.mark.parametrize(
    ("on", "valid"),
    [
        pytest.param(date(2026, 2, 28), True, id="last valid day"),
        pytest.param(date(2026, 3, 1), False, id="two years later"),
    ],
)
def test_results_are_valid_for_two_years(on: date, valid: bool) -> None:
    test = LanguageTest(Kind.CELPIP_GENERAL, date(2024, 3, 1), 9, 9, 9, 9)
    assert bool(score_tests((test,), on)[0]) is valid


def test_a_test_taken_on_29_february_expires_on_28_february() -> None:
    test = LanguageTest(Kind.CELPIP_GENERAL, date(2024, 2, 29), 9, 9, 9, 9)
    assert score_tests((test,), date(2026, 2, 27))[0]
    assert not score_tests((test,), date(2026, 2, 28))[0]


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "ability", "value", "fine"),
    [
        (Kind.IELTS_GENERAL, R, 6.5, True),
        (Kind.IELTS_GENERAL, R, 6.25, False),
        (Kind.IELTS_GENERAL, R, 9.5, False),
        (Kind.IELTS_GENERAL, R, -0.5, False),
        (Kind.CELPIP_GENERAL, L, 12, True),
        (Kind.CELPIP_GENERAL, L, 0, True),
        (Kind.CELPIP_GENERAL, L, 13, False),
        (Kind.CELPIP_GENERAL, L, 7.5, False),
        (Kind.PTE_CORE, S, 10, True),
        (Kind.PTE_CORE, S, 9, False),
        (Kind.PTE_CORE, S, 91, False),
        (Kind.PTE_CORE, S, 55.5, False),
        (Kind.TEF_CANADA, W, 699, True),
        (Kind.TEF_CANADA, W, 700, False),
        (Kind.TCF_CANADA, W, 20, True),
        (Kind.TCF_CANADA, W, 21, False),
        (Kind.TCF_CANADA, R, 699, True),
        (Kind.TCF_CANADA, S, 450, False),
        (Kind.IELTS_GENERAL, L, float("nan"), False),
        (Kind.IELTS_GENERAL, L, True, False),
    ],
)
def test_score_problem(kind: Kind, ability: Ability, value: float, fine: bool) -> None:
    problem = score_problem(kind, ability, value)
    assert (problem is None) is fine
    if problem is not None:
        assert problem  # a sentence for people


def test_tef_before_october_2019_uses_the_old_scale_maxima() -> None:
    old = date(2019, 5, 1)
    assert score_problem(Kind.TEF_CANADA, R, 300, old) is None
    assert score_problem(Kind.TEF_CANADA, R, 301, old) is not None
    assert score_problem(Kind.TEF_CANADA, R, 500, date(2020, 5, 1)) is None


@pytest.mark.parametrize(
    ("birth", "fine"),
    [
        (date(2010, 6, 1), True),  # 16 today
        (date(2010, 6, 2), False),  # 15
        (date(1926, 6, 1), True),  # 100
        (date(1925, 5, 31), False),  # 101
        (date(2027, 1, 1), False),  # future
    ],
)
def test_birth_date_problem(birth: date, fine: bool) -> None:
    assert (birth_date_problem(birth, date(2026, 6, 1)) is None) is fine


def test_work_period_problems_name_each_field() -> None:
    today = date(2026, 6, 1)
    assert work_period_problems(date(2025, 1, 1), None, 40, today) == {}
    problems = work_period_problems(date(2026, 7, 1), date(2026, 6, 30), 90, today)
    assert set(problems) == {"start", "end", "hours_per_week"}
    assert set(work_period_problems(date(2025, 1, 1), None, 0.5, today)) == {"hours_per_week"}


@pytest.mark.parametrize(
    ("code", "fine"),
    [("21232", True), ("00012", True), ("2123", False), ("21A32", False), ("26999", False)],
)
def test_noc_problem_checks_five_digits_and_teer(code: str, fine: bool) -> None:
    assert (noc_problem(code) is None) is fine


def test_noc_problem_rejects_codes_unknown_to_the_list() -> None:
    assert noc_problem("21232", {"21231"}) is not None
    assert noc_problem("21232", {"21232"}) is None
