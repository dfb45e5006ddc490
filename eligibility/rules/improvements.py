"""Single changes that would raise a candidate's CRS, ranked by gain (docs/rules.md §4.11).

`improvements(candidate, on)` tries each change of `single_changes` on its own and keeps those
that raise the score, sorted by gain (largest first), then by date and code. Each one says its
gain, the new score and when it could happen: `on` for what a person can do now (a better test
result, an ECA, a nomination), or the day time alone brings it (experience reaching the next
band while current jobs continue).

How the gain is measured:

- A change a person makes now: the candidate with the change, scored on `on`, minus the
  candidate as they are, scored on `on`.
- Experience reaching the next band on a later day P: the score on P minus the score the day
  before P, so the gain is the band's own effect, not mixed with an earlier birthday or test
  expiry; the new score is the score on P. A change of the same day (rare) is included.

Changes tried (docs/rules.md §4.11 gives the reasons):

- language_<ability>: the first official language test one CLB level higher in one ability
  (CLB 4 for an ability below it); language_clb_7, language_clb_9: that test at the level or
  higher in all four abilities. A better result means a new test: it is dated `on`, of the same
  kind, each ability at the lowest score of its level (so a TEF Canada retaken now converts with
  today's table).
- french_nclc_7: a French test at NCLC 7 or higher in all four abilities, when French is not the
  first official language and no valid French test reaches it.
- renew_test_english, renew_test_french: the latest expired test of a language with no valid
  test, taken again now with the same levels.
- spouse_language_clb_7, spouse_language_clb_9: the accompanying spouse's test at the level in all
  four abilities (a CELPIP-General when the spouse has no valid test).
- eca, spouse_eca: an Educational Credential Assessment, issued on `on`, for every foreign
  credential without a valid one.
- provincial_nomination; certificate_of_qualification: a certificate in the trade on IRCC's list
  of certificate trades (docs/rules.md §4.7) in which the person worked most.
- canadian_experience, foreign_experience, spouse_canadian_experience: the next band.

Not listed, because a person cannot choose them: age, a sibling in Canada, the passing of time
other than work. A job offer has earned no points since 2025-03-25 (docs/rules.md §4.8), and a
new degree takes years: neither is tried.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .crs import crs_total, first_language_test
from .dates import ONE_DAY, add_years
from .facts import LEVEL_LABEL, LEVEL_RANK, Facts, certificate_counts, eca_valid
from .hours import Segment, first_reaching, window_total
from .language import (
    ABILITIES,
    ENGLISH,
    FRENCH,
    TEST_LANGUAGE,
    TEST_NAME,
    ScoredTest,
    clb_levels,
    not_accepted_reason,
    thresholds,
)
from .model import (
    Candidate,
    Education,
    EducationLevel,
    LanguageTest,
    Spouse,
    TefScale,
    TestKind,
)
from .tables import (
    CRS_SPOUSE_LANGUAGE,
    CRS_WINDOW_YEARS,
    LANGUAGE_TEST_VALID_YEARS,
    TEF_ERA_B_FROM,
    YEAR_UNITS,
    certificate_trades,
)

Levels = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Improvement:
    code: str
    label: str
    gain: int
    new_crs: int
    possible_from: date


@dataclass(frozen=True, slots=True)
class SingleChange:
    """One change tried: `candidate` has it made (for experience, the candidate as they are),
    scored on `possible_from` and compared with the score of `compared_on`."""

    code: str
    label: str
    candidate: Candidate
    possible_from: date
    compared_on: date


def result_at(kind: TestKind, levels: Levels, on: date) -> LanguageTest:
    """A test of `kind` taken on `on` whose abilities convert exactly to `levels` (0: below
    CLB 4): each ability at the lowest score of its level."""
    scale = None
    if kind is TestKind.TEF_CANADA:  # stated: a new result is on the scale of its date
        scale = TefScale.OLD if on < TEF_ERA_B_FROM else TefScale.CURRENT
    table = thresholds(LanguageTest(kind, on, 0.0, 0.0, 0.0, 0.0, scale))
    scores = [
        float(table[index][10 - level]) if level >= 4 else 0.0 for index, level in enumerate(levels)
    ]
    return LanguageTest(kind, on, scores[0], scores[1], scores[2], scores[3], scale)


def _raised(levels: Levels, floor: int) -> Levels:
    listening, reading, writing, speaking = levels
    return (max(listening, floor), max(reading, floor), max(writing, floor), max(speaking, floor))


def _swap_test(
    tests: tuple[LanguageTest, ...], old: LanguageTest | None, new: LanguageTest
) -> tuple[LanguageTest, ...]:
    """`tests` with `old` (the same object) replaced by `new`, or `new` added."""
    if old is None:
        return (*tests, new)
    return tuple([new if test is old else test for test in tests])


def _unit(test: ScoredTest | LanguageTest) -> str:
    language = test.language if isinstance(test, ScoredTest) else TEST_LANGUAGE[test.test]
    return "NCLC" if language == FRENCH else "CLB"


def _language_changes(candidate: Candidate, facts: Facts, on: date) -> list[SingleChange]:
    first = first_language_test(facts)
    if first is None:
        return []
    changes: list[SingleChange] = []
    kind, unit, name = first.test.test, _unit(first), first.name

    def change(code: str, label: str, levels: Levels) -> None:
        tests = _swap_test(candidate.language_tests, first.test, result_at(kind, levels, on))
        changes.append(SingleChange(code, label, replace(candidate, language_tests=tests), on, on))

    for index, ability in enumerate(ABILITIES):
        level = first.clbs[index]
        if level < 10:
            target = 4 if level < 4 else level + 1
            levels = list(first.clbs)
            levels[index] = target
            now = f"{unit} {level}" if level >= 4 else f"below {unit} 4"
            change(
                f"language_{ability.value}",
                f"{ability.value.capitalize()} {unit} {target} instead of {now} on a new {name}",
                (levels[0], levels[1], levels[2], levels[3]),
            )
    for floor in (7, 9):
        if first.lowest < floor:
            change(
                f"language_clb_{floor}",
                f"{unit} {floor} or higher in all four abilities on a new {name}",
                _raised(first.clbs, floor),
            )
    return changes


def _french_change(candidate: Candidate, facts: Facts, on: date) -> list[SingleChange]:
    first = first_language_test(facts)
    if first is not None and first.language == FRENCH:
        return []  # the first language's own changes cover it
    french = [test for test in facts.tests if test.language == FRENCH]
    best = max(french, key=lambda test: (test.lowest, sum(test.clbs)), default=None)
    if best is not None and best.lowest >= 7:
        return []
    kind = best.test.test if best is not None else TestKind.TEF_CANADA
    levels = _raised(best.clbs if best is not None else (0, 0, 0, 0), 7)
    new = result_at(kind, levels, on)
    tests = _swap_test(candidate.language_tests, best.test if best else None, new)
    label = "A French test (TEF Canada or TCF Canada) at NCLC 7 or higher in all four abilities"
    return [SingleChange("french_nclc_7", label, replace(candidate, language_tests=tests), on, on)]


def _renewals(candidate: Candidate, facts: Facts, on: date) -> list[SingleChange]:
    """The latest expired test of each language that has no valid test, taken again now."""
    valid_languages = {test.language for test in facts.tests}
    changes: list[SingleChange] = []
    for language, code in ((ENGLISH, "renew_test_english"), (FRENCH, "renew_test_french")):
        if language in valid_languages:
            continue
        expired = [
            test
            for test in candidate.language_tests
            if TEST_LANGUAGE[test.test] == language
            and add_years(test.taken_on, LANGUAGE_TEST_VALID_YEARS) <= on
            and not_accepted_reason(test) is None
        ]
        if not expired:
            continue
        latest = max(expired, key=lambda test: test.taken_on)
        new = result_at(latest.test, clb_levels(latest), on)
        tests = _swap_test(candidate.language_tests, latest, new)
        label = (
            f"A new {TEST_NAME[latest.test]} with the results of your expired one of "
            f"{latest.taken_on.isoformat()}"
        )
        changes.append(SingleChange(code, label, replace(candidate, language_tests=tests), on, on))
    return changes


def _spouse_points(test: ScoredTest) -> int:
    return sum(CRS_SPOUSE_LANGUAGE[level] for level in test.clbs)


def _spouse_changes(candidate: Candidate, facts: Facts, on: date) -> list[SingleChange]:
    spouse = candidate.spouse
    if spouse is None or not facts.spouse_counts:
        return []
    changes: list[SingleChange] = []
    best = max(facts.spouse_tests, key=_spouse_points, default=None)
    for floor in (7, 9):
        if best is not None and best.lowest >= floor:
            continue
        kind = best.test.test if best is not None else TestKind.CELPIP_GENERAL
        levels = _raised(best.clbs if best is not None else (0, 0, 0, 0), floor)
        tests = _swap_test(
            spouse.language_tests, best.test if best else None, result_at(kind, levels, on)
        )
        unit = _unit(best) if best is not None else "CLB"
        changes.append(
            SingleChange(
                f"spouse_language_clb_{floor}",
                f"Your spouse or partner's language test at {unit} {floor} or higher in all "
                "four abilities",
                replace(candidate, spouse=replace(spouse, language_tests=tests)),
                on,
                on,
            )
        )
    without = _without_eca(spouse.education, on)
    if without:
        changes.append(
            SingleChange(
                "spouse_eca",
                f"An Educational Credential Assessment (ECA) for your spouse or partner's "
                f"foreign {LEVEL_LABEL[without]}",
                replace(candidate, spouse=_spouse_with_eca(spouse, on)),
                on,
                on,
            )
        )
    return changes


def _without_eca(entries: tuple[Education, ...], on: date) -> EducationLevel | None:
    """The highest foreign credential without an ECA valid on `on` (None: there is none)."""
    found: EducationLevel | None = None
    for entry in entries:
        foreign = (
            not entry.canadian
            and entry.level is not EducationLevel.NONE
            and not eca_valid(entry, on)
        )
        if foreign and (found is None or LEVEL_RANK[entry.level] > LEVEL_RANK[found]):
            found = entry.level
    return found


def _with_eca(entries: tuple[Education, ...], on: date) -> tuple[Education, ...]:
    """Every foreign credential with an ECA valid on `on` (a new one, issued that day, where
    there is none or it has expired)."""
    return tuple(
        [
            Education(entry.level, False, entry.years, True, on)
            if not entry.canadian and not eca_valid(entry, on)
            else entry
            for entry in entries
        ]
    )


def _spouse_with_eca(spouse: Spouse, on: date) -> Spouse:
    return replace(spouse, education=_with_eca(spouse.education, on))


def _other_changes(candidate: Candidate, facts: Facts, on: date) -> list[SingleChange]:
    changes: list[SingleChange] = []
    without = _without_eca(candidate.education, on)
    if without is not None:
        changes.append(
            SingleChange(
                "eca",
                "An Educational Credential Assessment (ECA) for your foreign "
                f"{LEVEL_LABEL[without]}",
                replace(candidate, education=_with_eca(candidate.education, on)),
                on,
                on,
            )
        )
    if not candidate.provincial_nomination:
        changes.append(
            SingleChange(
                "provincial_nomination",
                "A provincial or territorial nomination (a province or territory must choose you)",
                replace(candidate, provincial_nomination=True),
                on,
                on,
            )
        )
    trade = _certificate_trade(facts)
    if trade is not None and not certificate_counts(candidate, on):
        changes.append(
            SingleChange(
                "certificate_of_qualification",
                f"A Canadian certificate of qualification in your trade ({trade})",
                replace(candidate, certificate_of_qualification=True, certificate_trade=trade),
                on,
                on,
            )
        )
    return changes


def _certificate_trade(facts: Facts) -> str | None:
    """The trade on IRCC's list of certificate trades in which the person worked most."""
    listed = certificate_trades(facts.on).nocs
    trades = [noc for noc in facts.work.fst_by_noc if noc in listed]
    return max(trades, key=lambda noc: (facts.fst_trade_units(noc, 5), noc), default=None)


def _ordinal(number: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(number, f"{number}th")


def _next_band(
    segments: list[Segment], facts: Facts, current: int, marks: tuple[int, ...]
) -> tuple[int, date] | None:
    """(years, day) of the next band the window total reaches while current work continues."""
    above = [mark for mark in marks if mark > current]
    if not above or not segments:
        return None
    target = min(above)
    measure = window_total(segments, CRS_WINDOW_YEARS)
    day = first_reaching(measure, segments, facts.on_ord, target, CRS_WINDOW_YEARS)
    return (target // YEAR_UNITS, date.fromordinal(day)) if day is not None else None


def _experience_changes(candidate: Candidate, facts: Facts) -> list[SingleChange]:
    years = tuple(n * YEAR_UNITS for n in range(1, 6))
    found: list[tuple[str, str, tuple[int, date] | None]] = [
        (
            "canadian_experience",
            "year of Canadian work experience, if your current work in Canada continues",
            _next_band(
                facts.work.canadian_segments(),
                facts,
                facts.canadian_units(CRS_WINDOW_YEARS),
                years,
            ),
        ),
        (
            "foreign_experience",
            "year of foreign work experience, if your current work abroad continues",
            _next_band(
                facts.work.foreign,
                facts,
                facts.foreign_units(CRS_WINDOW_YEARS),
                (YEAR_UNITS, 3 * YEAR_UNITS),
            ),
        ),
    ]
    spouse_work = facts.spouse_work
    if facts.spouse_counts and spouse_work is not None:
        found.append(
            (
                "spouse_canadian_experience",
                "year of Canadian work experience for your spouse or partner, if their current "
                "work in Canada continues",
                _next_band(
                    spouse_work.canadian_segments(),
                    facts,
                    facts.spouse_canadian_units(CRS_WINDOW_YEARS),
                    years,
                ),
            )
        )
    return [
        SingleChange(code, f"A {_ordinal(band[0])} {what}", candidate, band[1], band[1] - ONE_DAY)
        for code, what, band in found
        if band is not None
    ]


def single_changes(candidate: Candidate, on: date) -> list[SingleChange]:
    """Every change `improvements` tries, whether or not it raises the score."""
    facts = Facts(candidate, on)
    return [
        *_language_changes(candidate, facts, on),
        *_french_change(candidate, facts, on),
        *_renewals(candidate, facts, on),
        *_spouse_changes(candidate, facts, on),
        *_other_changes(candidate, facts, on),
        *_experience_changes(candidate, facts),
    ]


def improvements(candidate: Candidate, on: date) -> tuple[Improvement, ...]:
    """The single changes that raise the CRS, largest gain first."""
    today = crs_total(Facts(candidate, on))[0]
    found: list[Improvement] = []
    for change in single_changes(candidate, on):
        new = crs_total(Facts(change.candidate, change.possible_from))[0]
        before = today
        if change.compared_on != on:
            before = crs_total(Facts(candidate, change.compared_on))[0]
        if new > before:
            found.append(
                Improvement(change.code, change.label, new - before, new, change.possible_from)
            )
    found.sort(key=lambda item: (-item.gain, item.possible_from, item.code))
    return tuple(found)
