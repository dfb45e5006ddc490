"""Language tests: CLB/NCLC conversion (docs/rules.md §3.3), acceptance and validity (§3.1, §3.5).

TEF Canada has two score scales (docs/rules.md §3.3.4): the old one (listening out of 360, reading
300, writing and speaking 450; the only one before 2019-10-01, and the table IRCC's Express
Entry page still prints) and the current one (0-699, converted by the era of the test date).
A result's scale is the one the candidate states; when none is stated it is decided from the
numbers where they allow only one scale: a test before 2019-10-01 is on the old scale, and a
score above the old scale's maximum for its ability puts it on the current one. Scores that fit
both are a question for the candidate, never a guess: forms and the candidate JSON refuse them
without a stated scale. A stored result that predates the question is read on the current scale
(as before) and its decisions carry a note asking which scale it is.

Each ability converts independently to the highest CLB level whose minimum score it reaches;
a score below the CLB 4 minimum converts to 0, meaning "below CLB 4" (CRS gives 0 points there
and no program accepts it, so the exact level below 4 never matters).

Abilities are always handled in the order listening, reading, writing, speaking (the order of
docs/rules.md §9 and of the candidate JSON).
"""

from __future__ import annotations

from datetime import date

from .dates import add_years
from .model import Ability, LanguageTest, TefScale, TestKind
from .tables import (
    LANGUAGE_TEST_VALID_YEARS,
    PTE_CORE_ACCEPTED_FROM,
    TEF_ERA_B_FROM,
    TEF_ERA_B_TO,
)

ABILITIES: tuple[Ability, ...] = (
    Ability.LISTENING,
    Ability.READING,
    Ability.WRITING,
    Ability.SPEAKING,
)

ENGLISH = "English"
FRENCH = "French"

TEST_LANGUAGE: dict[TestKind, str] = {
    TestKind.IELTS_GENERAL: ENGLISH,
    TestKind.CELPIP_GENERAL: ENGLISH,
    TestKind.PTE_CORE: ENGLISH,
    TestKind.TEF_CANADA: FRENCH,
    TestKind.TCF_CANADA: FRENCH,
}

TEST_NAME: dict[TestKind, str] = {
    TestKind.IELTS_GENERAL: "IELTS General Training",
    TestKind.CELPIP_GENERAL: "CELPIP-General",
    TestKind.PTE_CORE: "PTE Core",
    TestKind.TEF_CANADA: "TEF Canada",
    TestKind.TCF_CANADA: "TCF Canada",
}

# Minimum score for CLB 10, 9, 8, 7, 6, 5, 4 in the order listening, reading, writing, speaking.
Thresholds = tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...]]

IELTS: Thresholds = (
    (8.5, 8.0, 7.5, 6.0, 5.5, 5.0, 4.5),
    (8.0, 7.0, 6.5, 6.0, 5.0, 4.0, 3.5),
    (7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.0),
    (7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.0),
)
PTE_CORE: Thresholds = (
    (89, 82, 71, 60, 50, 39, 28),
    (88, 78, 69, 60, 51, 42, 33),
    (90, 88, 79, 69, 60, 51, 41),
    (89, 84, 76, 68, 59, 51, 42),
)
# CELPIP levels map one to one (10, 11 and 12 are CLB 10).
CELPIP: Thresholds = (
    (10, 9, 8, 7, 6, 5, 4),
    (10, 9, 8, 7, 6, 5, 4),
    (10, 9, 8, 7, 6, 5, 4),
    (10, 9, 8, 7, 6, 5, 4),
)
TEF_ERA_C: Thresholds = (
    (546, 503, 462, 434, 393, 352, 306),
    (546, 503, 462, 434, 393, 352, 306),
    (558, 512, 472, 428, 379, 330, 268),
    (556, 518, 494, 456, 422, 387, 328),
)
_TEF_ERA_B_BANDS = (566, 533, 500, 450, 400, 350, 300)
TEF_ERA_B: Thresholds = (_TEF_ERA_B_BANDS,) * 4
# Old scale: listening 0-360, reading 0-300, writing 0-450, speaking 0-450.
TEF_ERA_A: Thresholds = (
    (316, 298, 280, 249, 217, 181, 145),
    (263, 248, 233, 207, 181, 151, 121),
    (393, 371, 349, 310, 271, 226, 181),
    (393, 371, 349, 310, 271, 226, 181),
)
#: The old scale's maximum per ability: listening, reading, writing, speaking.
TEF_OLD_SCALE_MAX: tuple[int, int, int, int] = (360, 300, 450, 450)
TCF: Thresholds = (
    (549, 523, 503, 458, 398, 369, 331),
    (549, 524, 499, 453, 406, 375, 342),
    (16, 14, 12, 10, 7, 6, 4),
    (16, 14, 12, 10, 7, 6, 4),
)


def tef_era(taken_on: date) -> str:
    """ "A", "B" or "C": the TEF Canada conversion era of a test date (docs/rules.md §3.3.4).

    2023-12-10 itself belongs to era B [INTERPRETATION stated in docs/rules.md §3.3.4].
    """
    if taken_on < TEF_ERA_B_FROM:
        return "A"
    if taken_on <= TEF_ERA_B_TO:
        return "B"
    return "C"


def tef_scale_from_scores(
    taken_on: date, scores: tuple[float, float, float, float]
) -> TefScale | None:
    """The only scale a TEF Canada result can be on, from its date and its scores (listening,
    reading, writing, speaking); None when the scores fit both scales."""
    if taken_on < TEF_ERA_B_FROM:
        return TefScale.OLD  # the current scale did not exist yet
    for score, highest in zip(scores, TEF_OLD_SCALE_MAX, strict=True):
        if score > highest:
            return TefScale.CURRENT
    return None


def _scores(test: LanguageTest) -> tuple[float, float, float, float]:
    return (test.listening, test.reading, test.writing, test.speaking)


def tef_scale(test: LanguageTest) -> TefScale | None:
    """The scale of a TEF Canada result: stated, or decided from the numbers (None: unknown)."""
    if test.scale is not None:
        return test.scale
    return tef_scale_from_scores(test.taken_on, _scores(test))


def _tef_current(taken_on: date) -> Thresholds:
    """The current-scale table of a test date (era B or C; era A before 2019-10-01)."""
    era = tef_era(taken_on)
    return TEF_ERA_C if era == "C" else TEF_ERA_B if era == "B" else TEF_ERA_A


def thresholds(test: LanguageTest) -> Thresholds:
    kind = test.test
    if kind is TestKind.IELTS_GENERAL:
        return IELTS
    if kind is TestKind.CELPIP_GENERAL:
        return CELPIP
    if kind is TestKind.PTE_CORE:
        return PTE_CORE
    if kind is TestKind.TCF_CANADA:
        return TCF
    if tef_scale(test) is TefScale.OLD:
        return TEF_ERA_A
    return _tef_current(test.taken_on)  # the current scale, or not known (see the docstring)


def _level(score: float, minimums: tuple[float, ...]) -> int:
    # Minimums run from CLB 10 down to CLB 4: the first one reached gives the level.
    level = 10
    for minimum in minimums:
        if score >= minimum:
            return level
        level -= 1
    return 0


def _levels(test: LanguageTest, table: Thresholds) -> tuple[int, int, int, int]:
    return (
        _level(test.listening, table[0]),
        _level(test.reading, table[1]),
        _level(test.writing, table[2]),
        _level(test.speaking, table[3]),
    )


def clb_levels(test: LanguageTest) -> tuple[int, int, int, int]:
    """CLB/NCLC per ability (listening, reading, writing, speaking); 0 means below CLB 4."""
    return _levels(test, thresholds(test))


def tef_scale_question(test: LanguageTest, whose: str = "Your") -> str | None:
    """For a TEF Canada result whose scale is neither stated nor decided by its numbers: the
    question to ask, with what each scale would give (None for any other result)."""
    if test.test is not TestKind.TEF_CANADA or tef_scale(test) is not None:
        return None
    current = "/".join(str(level) for level in _levels(test, _tef_current(test.taken_on)))
    old = "/".join(str(level) for level in _levels(test, TEF_ERA_A))
    return (
        f"{whose} TEF Canada of {test.taken_on.isoformat()} has scores that fit both the old scale "
        "(listening out of 360, reading 300, writing and speaking 450) and the current one "
        f"(out of 699): they are read on the current scale, NCLC {current} (listening/reading/"
        f"writing/speaking); on the old scale they would be NCLC {old}. Say in your profile "
        "which scale your results use"
    )


def expires_on(test: LanguageTest) -> date:
    """First day the result is no longer valid: valid while taken_on + 2 years > day."""
    return add_years(test.taken_on, LANGUAGE_TEST_VALID_YEARS)


def not_accepted_reason(test: LanguageTest) -> str | None:
    """Why a test is never accepted for Express Entry, whatever the date (else None)."""
    if test.test is TestKind.PTE_CORE and test.taken_on < PTE_CORE_ACCEPTED_FROM:
        return (
            f"PTE Core taken on {test.taken_on.isoformat()} is not accepted: IRCC accepts PTE "
            f"Core results from tests taken on or after {PTE_CORE_ACCEPTED_FROM.isoformat()}"
        )
    return None


class ScoredTest:
    """A language test that counts on the evaluation date, with its CLB levels."""

    __slots__ = ("_description", "_figures", "clbs", "expires_on", "language", "lowest", "test")

    def __init__(
        self, test: LanguageTest, clbs: tuple[int, int, int, int], expires: date | None = None
    ) -> None:
        self.test = test
        self.language = TEST_LANGUAGE[test.test]
        self.clbs = clbs
        self.lowest = min(clbs)
        self.expires_on = expires if expires is not None else expires_on(test)
        self._description: str | None = None
        self._figures: tuple[tuple[str, int | str], ...] | None = None

    @property
    def name(self) -> str:
        return TEST_NAME[self.test.test]

    def describe(self) -> str:
        """E.g. "IELTS General Training of 2025-03-01 (CLB L9 R8 W9 S9)" (built once: several
        programs' reasons cite the same test)."""
        if self._description is None:
            unit = "NCLC" if self.language == FRENCH else "CLB"
            listening, reading, writing, speaking = self.clbs
            self._description = (
                f"{self.name} of {self.test.taken_on.isoformat()} "
                f"({unit} L{listening} R{reading} W{writing} S{speaking})"
            )
        return self._description

    def figures(self) -> tuple[tuple[str, int | str], ...]:
        """The test and its levels as reason numbers (built once, like `describe`)."""
        if self._figures is None:
            listening, reading, writing, speaking = self.clbs
            self._figures = (
                ("test", self.test.test.value),
                ("listening", listening),
                ("reading", reading),
                ("writing", writing),
                ("speaking", speaking),
            )
        return self._figures

    def meets(self, minimums: tuple[int, int, int, int]) -> bool:
        listening, reading, writing, speaking = self.clbs
        return (
            listening >= minimums[0]
            and reading >= minimums[1]
            and writing >= minimums[2]
            and speaking >= minimums[3]
        )


def score_tests(
    tests: tuple[LanguageTest, ...], on: date
) -> tuple[tuple[ScoredTest, ...], tuple[str, ...]]:
    """The tests valid on `on` (scored), and a sentence for each test that does not count."""
    valid: list[ScoredTest] = []
    dropped: list[str] = []
    for test in tests:
        if test.test is TestKind.PTE_CORE:  # the only test with an acceptance date
            refused = not_accepted_reason(test)
            if refused is not None:
                dropped.append(refused)
                continue
        if test.taken_on > on:
            dropped.append(
                f"{TEST_NAME[test.test]} of {test.taken_on.isoformat()} was taken after "
                f"{on.isoformat()}"
            )
            continue
        end = add_years(test.taken_on, LANGUAGE_TEST_VALID_YEARS)
        if end <= on:
            dropped.append(
                f"{TEST_NAME[test.test]} of {test.taken_on.isoformat()} expired on "
                f"{end.isoformat()} (results are valid for 2 years)"
            )
            continue
        valid.append(ScoredTest(test, clb_levels(test), end))
    return tuple(valid), tuple(dropped)


def best_for_minimum(
    tests: tuple[ScoredTest, ...], minimums: tuple[int, int, int, int]
) -> tuple[ScoredTest | None, bool]:
    """The test to cite for a program minimum, and whether any test meets it.

    Either official language may satisfy a program minimum (docs/rules.md §3.4 [INTERPRETATION]).
    When several pass, the one valid longest is cited; when none passes, the one with the
    highest lowest ability (closest to passing).
    """
    if len(tests) == 1:  # the usual case: one test, nothing to choose
        only = tests[0]
        return only, only.meets(minimums)
    passing = [scored for scored in tests if scored.meets(minimums)]
    if passing:
        return max(passing, key=lambda scored: scored.expires_on), True
    if not tests:
        return None, False
    return max(tests, key=lambda scored: (scored.lowest, sum(scored.clbs))), False


def passing_until(
    tests: tuple[ScoredTest, ...], minimums: tuple[int, int, int, int]
) -> date | None:
    """First day no valid test meets `minimums` any more (None if none meets them now)."""
    ends = [scored.expires_on for scored in tests if scored.meets(minimums)]
    return max(ends) if ends else None
