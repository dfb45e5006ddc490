"""TEF Canada's two score scales (docs/rules.md §3.3.4): old-scale results entered for any test
date, the scale decided from the numbers where they allow one, and a question where they fit
both."""

from __future__ import annotations

from datetime import date

import pytest

from eligibility.rules import (
    Ability,
    LanguageTest,
    Program,
    TefScale,
    crs_score,
    program_eligibility,
    tef_scale_problems,
)
from eligibility.rules import TestKind as Kind
from eligibility.rules.language import clb_levels, tef_scale_from_scores

from .helpers import TEF_C_MINIMUM, job, person

OLD, CURRENT = TefScale.OLD, TefScale.CURRENT
L, R, W, S = Ability.LISTENING, Ability.READING, Ability.WRITING, Ability.SPEAKING

# The old scale's minimum scores for NCLC 4..10 (listening /360, reading /300, writing and
# speaking /450), docs/rules.md §3.3.4 era A: the table IRCC's Express Entry page prints.
TEF_OLD_MINIMUM = {
    10: (316, 263, 393, 393),
    9: (298, 248, 371, 371),
    8: (280, 233, 349, 349),
    7: (249, 207, 310, 310),
    6: (217, 181, 271, 271),
    5: (181, 151, 226, 226),
    4: (145, 121, 181, 181),
}
# Era B (tests from 2019-10-01 to 2023-12-10): the same band in every ability.
TEF_B_MINIMUM = {10: 566, 9: 533, 8: 500, 7: 450, 6: 400, 5: 350, 4: 300}
ERA_C_DAY = date(2024, 6, 1)
ERA_B_DAY = date(2021, 6, 1)


def by_ability(scores: tuple[int, int, int, int]) -> dict[Ability, float]:
    return dict(zip((L, R, W, S), scores, strict=True))


def tef(scores: tuple[int, int, int, int], taken: date, scale: TefScale | None = None):
    return LanguageTest(Kind.TEF_CANADA, taken, *scores, scale=scale)


@pytest.mark.parametrize("level", range(4, 11))
@pytest.mark.parametrize(("taken", "current"), [(ERA_C_DAY, "C"), (ERA_B_DAY, "B")])
def test_old_and_current_scale_scores_of_the_same_level_give_the_same_nclc(
    level: int, taken: date, current: str
) -> None:
    current_scores = TEF_C_MINIMUM[level] if current == "C" else (TEF_B_MINIMUM[level],) * 4
    old = clb_levels(tef(TEF_OLD_MINIMUM[level], taken, OLD))
    new = clb_levels(tef(current_scores, taken, CURRENT))
    assert old == new == (level,) * 4


@pytest.mark.parametrize("level", range(5, 11))
def test_one_point_below_an_old_scale_minimum_is_the_level_below(level: int) -> None:
    below = tuple(score - 1 for score in TEF_OLD_MINIMUM[level])
    assert clb_levels(tef(below, ERA_C_DAY, OLD)) == (level - 1,) * 4  # type: ignore[arg-type]  # four scores


def test_the_audits_example_is_nclc_10_on_the_old_scale_not_4_0_6_5() -> None:
    """L316 R263 W393 S393 on a 2024-06-01 test: read on the current scale it would be NCLC
    4/below 4/6/5 (what the engine gave); the candidate says it is the old scale."""
    scores = (316, 263, 393, 393)
    assert clb_levels(tef(scores, ERA_C_DAY, OLD)) == (10, 10, 10, 10)
    assert clb_levels(tef(scores, ERA_C_DAY, CURRENT)) == (4, 0, 6, 5)


@pytest.mark.parametrize(
    ("taken", "scores", "scale"),
    [
        pytest.param(date(2019, 9, 30), (316, 263, 393, 393), OLD, id="before 2019-10-01: old"),
        pytest.param(date(2019, 10, 1), (316, 263, 393, 393), None, id="2019-10-01: fits both"),
        pytest.param(ERA_C_DAY, (361, 263, 393, 393), CURRENT, id="listening above 360"),
        pytest.param(ERA_C_DAY, (316, 301, 393, 393), CURRENT, id="reading above 300"),
        pytest.param(ERA_C_DAY, (316, 263, 451, 393), CURRENT, id="writing above 450"),
        pytest.param(ERA_C_DAY, (316, 263, 393, 451), CURRENT, id="speaking above 450"),
        pytest.param(ERA_C_DAY, (360, 300, 450, 450), None, id="every old maximum: fits both"),
    ],
)
def test_the_scale_is_decided_from_the_numbers_where_they_allow_one(
    taken: date, scores: tuple[int, int, int, int], scale: TefScale | None
) -> None:
    assert tef_scale_from_scores(taken, scores) is scale


def test_unambiguous_scores_need_no_stated_scale() -> None:
    # Reading 434 cannot be on the old scale (out of 300): current scale, era C, NCLC 7
    assert clb_levels(tef((434, 434, 428, 456), ERA_C_DAY)) == (7, 7, 7, 7)
    assert tef_scale_problems(ERA_C_DAY, by_ability((434, 434, 428, 456)), None) == {}


def test_ambiguous_scores_without_a_scale_get_a_question_not_a_guess() -> None:
    problems = tef_scale_problems(ERA_C_DAY, by_ability((316, 263, 393, 393)), None)
    assert list(problems) == ["scale"]
    assert "fit both the old scale" in problems["scale"]
    assert "say which scale" in problems["scale"]


def test_a_stated_scale_answers_the_question() -> None:
    scores = by_ability((316, 263, 393, 393))
    assert tef_scale_problems(ERA_C_DAY, scores, OLD) == {}
    assert tef_scale_problems(ERA_C_DAY, scores, CURRENT) == {}


def test_an_old_scale_result_above_an_old_maximum_is_refused_at_that_ability() -> None:
    problems = tef_scale_problems(ERA_C_DAY, by_ability((316, 350, 393, 460)), OLD)
    assert problems == {
        "reading": "On the old TEF Canada scale reading goes from 0 to 300, not 350",
        "speaking": "On the old TEF Canada scale speaking goes from 0 to 450, not 460",
    }


@pytest.mark.parametrize(
    ("taken", "refused"),
    [(date(2019, 9, 30), True), (date(2019, 10, 1), False)],
    ids=["2019-09-30", "2019-10-01"],
)
def test_the_current_scale_is_refused_before_2019_10_01(taken: date, refused: bool) -> None:
    scores = by_ability((316, 263, 393, 393))
    assert bool(tef_scale_problems(taken, scores, CURRENT)) is refused


def test_a_stored_result_without_its_scale_is_read_on_the_current_scale_and_asks() -> None:
    """Results saved before the question existed: read as before, with a note showing both
    readings, in the CRS notes and in every program decision."""
    candidate = person(
        30,
        on=ERA_C_DAY,
        tests=(tef((316, 263, 393, 393), ERA_C_DAY),),
        work=(job("21232", date(2023, 1, 1)),),
    )
    crs = crs_score(candidate, date(2024, 7, 1))
    [question] = [n for n in crs.notes if n.code == "language_test_scale_unconfirmed"]
    assert "NCLC 4/0/6/5" in question.message
    assert "NCLC 10/10/10/10" in question.message
    cec = program_eligibility(candidate, date(2024, 7, 1))[Program.CEC]
    assert "language_test_scale_unconfirmed" in {r.code for r in cec.reasons}


def test_a_stated_old_scale_changes_the_score() -> None:
    def score(scale: TefScale | None) -> int:
        candidate = person(30, on=ERA_C_DAY, tests=(tef((316, 263, 393, 393), ERA_C_DAY, scale),))
        return crs_score(candidate, date(2024, 7, 1)).total

    assert score(OLD) > score(CURRENT) == score(None)


def test_an_accompanying_spouses_unconfirmed_scale_is_asked_about_too() -> None:
    from .helpers import partner

    spouse = partner(tests=(tef((316, 263, 393, 393), ERA_C_DAY),))
    candidate = person(
        30, on=ERA_C_DAY, spouse=spouse, tests=(tef((434, 434, 428, 456), ERA_C_DAY),)
    )
    notes = [n for n in crs_score(candidate, date(2024, 7, 1)).notes]
    [question] = [n for n in notes if n.code == "language_test_scale_unconfirmed"]
    assert question.message.startswith("Your spouse's TEF Canada of 2024-06-01")
