"""Federal Skilled Worker: minimum requirements and the 67-point grid (docs/rules.md §2.1).

Interpretations (the sources are silent or docs/rules.md §2.1 marks them so):

- Experience: one continuous block (§1.3: each next period of the same NOC starts no later than
  the day after the previous one ends) of 1,560 h in ONE TEER 0-3 occupation, counting only its
  days inside the 10 years before the date. Student work and self-employment are not excluded;
  unauthorized work in Canada is.
- Grid experience points: all FSW-qualifying skilled work in the 10 years, in completed years of
  1,560 h, across occupations.
- Language: the CLB 7 minimum may be met by either language (§3.4), and the grid's "first
  official language" is a language that meets that minimum whenever one does: FSW requires
  CLB 7 in the first official language and scores it, so a language failing the minimum cannot
  be the one scored as first (English CLB 10/10/10/6 with French NCLC 7: French first, 16 + 4,
  not English first, 18 + 4). Among the tests that meet it (or, when none does, among all
  valid tests, FSW then failing on language anyway) the assignment with more points is kept.
- Adaptability: "work in Canada" is authorized work in Canada in the 10-year window, 1,560 h
  for "one year": skilled (TEER 0-3) for the candidate, any TEER for the spouse, work while
  studying and self-employment included (§2.1.3 names only skill level and authorization;
  `facts.WorkPools`); the spouse items need an accompanying spouse or partner (§8.7); the
  relative item uses `sibling_in_canada`, the only relative the profile records.
- Proof of funds: exempt when "authorized to work in Canada now", read as an ongoing authorized
  Canadian job on the date (a work period in Canada, authorized, started and not ended), AND a
  qualifying job offer (TEER 0-3 with an LMIA or LMIA exemption, §2.1.2). Family size is taken
  as given.
- ECA validity (5 years) cannot be checked: the profile records only whether there is an ECA.

When the grid starts or stops passing (`passes_on` / `stops_on` of `fsw_points`): the grid is
re-scored on every day one of its time-driven inputs changes (birthdays, test validity,
experience years as work accrues or leaves the 10-year window, a year of Canadian work for the
adaptability items), in order, and the first day the verdict differs is the answer.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from . import codes
from .checks import FundsCheck, LanguageCheck
from .dates import birthday_reaching, window_text
from .facts import LEVEL_LABEL, LEVEL_RANK, Facts, eca_expires_on, education_dates
from .hours import (
    Segment,
    mark_crossings,
    pools_dates,
    window_best_block,
)
from .language import ScoredTest, expires_on
from .model import Education, EducationLevel, JobOffer, Numbers, Reason, ReasonStatus
from .reasons import hours_text, hours_value, note, rule
from .tables import (
    FSW_ADAPTABILITY_ARRANGED_EMPLOYMENT,
    FSW_ADAPTABILITY_CAP,
    FSW_ADAPTABILITY_RELATIVE,
    FSW_ADAPTABILITY_SPOUSE_LANGUAGE,
    FSW_ADAPTABILITY_SPOUSE_STUDY,
    FSW_ADAPTABILITY_SPOUSE_WORK,
    FSW_ADAPTABILITY_STUDY,
    FSW_ADAPTABILITY_WORK,
    FSW_AGE,
    FSW_ARRANGED_EMPLOYMENT,
    FSW_EDUCATION,
    FSW_EXPERIENCE,
    FSW_FIRST_LANGUAGE,
    FSW_PASS_MARK,
    FSW_SECOND_LANGUAGE,
    FSW_WINDOW_YEARS,
    YEAR_UNITS,
    is_skilled,
)

FSW_MINIMUM = (7, 7, 7, 7)


def qualifying_offer(offer: JobOffer | None, on: date) -> bool:
    """A job offer that counts for FSW and the funds exemption (docs/rules.md §2.1.2)."""
    return offer is not None and offer.lmia_exempt_or_approved and is_skilled(offer.noc, on)


class FswGrid(NamedTuple):
    """The six factors of the FSW grid, each one's points (docs/rules.md §2.1.3).

    A named tuple rather than a frozen dataclass: it is built for every FSW assessment that
    reaches the grid and used as a cache key, and a tuple is much cheaper to build and hash.
    """

    language: int
    second_language: int
    education: int
    experience: int
    experience_years: int
    age: int
    arranged_employment: int
    adaptability: int  # after the cap of 10
    adaptability_items: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return (
            self.language
            + self.second_language
            + self.education
            + self.experience
            + self.age
            + self.arranged_employment
            + self.adaptability
        )

    def numbers(self) -> tuple[tuple[str, int | float | str], ...]:
        return (
            ("language", self.language),
            ("second_language", self.second_language),
            ("education", self.education),
            ("experience", self.experience),
            ("experience_years", self.experience_years),
            ("age", self.age),
            ("arranged_employment", self.arranged_employment),
            ("adaptability", self.adaptability),
            *[("adaptability_" + name, points) for name, points in self.adaptability_items],
            ("total", self.total),
            ("pass_mark", FSW_PASS_MARK),
        )


def _language_points(tests: tuple[ScoredTest, ...]) -> tuple[int, int]:
    """Best (first, second) language points over the allowed language assignments.

    The first official language must be one that meets FSW's CLB 7 minimum when any test does
    (see the module docstring): a language below CLB 7 in some ability is never taken as first
    just because its other abilities score more.
    """
    meeting = [test for test in tests if test.lowest >= 7]  # FSW_MINIMUM: CLB 7 in all four
    points = FSW_FIRST_LANGUAGE
    best_first = best_second = 0
    for first in meeting or tests:
        listening, reading, writing, speaking = first.clbs
        first_points = points[listening] + points[reading] + points[writing] + points[speaking]
        second_points = 0
        for second in tests:
            if second.language != first.language and second.lowest >= 5:
                second_points = FSW_SECOND_LANGUAGE
        if first_points + second_points > best_first + best_second:
            best_first, best_second = first_points, second_points
    return best_first, best_second


def fsw_grid(facts: Facts, age: int | None = None) -> FswGrid:
    """The grid on the facts' date (with `age` given: as if that were the age)."""
    candidate = facts.candidate
    language, second = _language_points(facts.tests)
    years = facts.fsw_units(FSW_WINDOW_YEARS) // YEAR_UNITS
    offer = qualifying_offer(candidate.job_offer, facts.on)
    items: list[tuple[str, int]] = []
    spouse = candidate.spouse if facts.spouse_accompanies else None
    if spouse is not None:
        for test in facts.spouse_tests:
            if test.lowest >= 4:
                items.append(("spouse_language", FSW_ADAPTABILITY_SPOUSE_LANGUAGE))
                break
    if _studied_two_years_in_canada(candidate.education):
        items.append(("canadian_study", FSW_ADAPTABILITY_STUDY))
    if spouse is not None and _studied_two_years_in_canada(spouse.education):
        items.append(("spouse_canadian_study", FSW_ADAPTABILITY_SPOUSE_STUDY))
    if facts.fsw_canada_units(FSW_WINDOW_YEARS) >= YEAR_UNITS:
        items.append(("canadian_work", FSW_ADAPTABILITY_WORK))
    if spouse is not None and facts.spouse_canada_work_units(FSW_WINDOW_YEARS) >= YEAR_UNITS:
        items.append(("spouse_canadian_work", FSW_ADAPTABILITY_SPOUSE_WORK))
    if offer:
        items.append(("arranged_employment", FSW_ADAPTABILITY_ARRANGED_EMPLOYMENT))
    if candidate.sibling_in_canada:
        items.append(("relative_in_canada", FSW_ADAPTABILITY_RELATIVE))
    adaptability = 0
    for _, item_points in items:
        adaptability += item_points
    return FswGrid(
        language,
        second,
        FSW_EDUCATION[facts.education],
        FSW_EXPERIENCE[years if years < 6 else 6],
        years,
        FSW_AGE.get(facts.age if age is None else age, 0),
        FSW_ARRANGED_EMPLOYMENT if offer else 0,
        adaptability if adaptability < FSW_ADAPTABILITY_CAP else FSW_ADAPTABILITY_CAP,
        tuple(items),
    )


def _studied_two_years_in_canada(education: tuple[Education, ...]) -> bool:
    """Two academic years of full-time study in Canada: a Canadian credential of a program of
    two years or more, secondary or higher."""
    for entry in education:
        if entry.canadian and entry.years >= 2 and entry.level is not EducationLevel.NONE:
            return True
    return False


class FswAssessment:
    """Every FSW rule's numbers and verdict on one date (see `checks` for the two phases).

    The verdict checks the cheap rules first and stops at the first failure; the numbers it did
    not need (the best continuous block, the grid) are computed when an explanation asks.
    """

    __slots__ = ("_block", "_grid", "education_ok", "eligible", "facts", "funds", "language")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._block: tuple[str | None, int] | None = None
        self._grid: FswGrid | None = None
        self.language = LanguageCheck(facts.tests, FSW_MINIMUM)
        self.education_ok = LEVEL_RANK[facts.education] >= LEVEL_RANK[EducationLevel.SECONDARY]
        self.funds = FundsCheck(facts, qualifying_offer(facts.candidate.job_offer, facts.on))
        self.eligible = (
            self.language.passed
            and self.education_ok
            and self.funds.passed
            and self.block_units >= YEAR_UNITS
            and self.grid.total >= FSW_PASS_MARK
        )

    @property
    def block(self) -> tuple[str | None, int]:
        """The occupation with the best continuous block in the window, and its units."""
        if self._block is None:
            self._block = self.facts.fsw_best_block(FSW_WINDOW_YEARS)
        return self._block

    @property
    def block_noc(self) -> str | None:
        return self.block[0]

    @property
    def block_units(self) -> int:
        return self.block[1]

    @property
    def grid(self) -> FswGrid:
        if self._grid is None:
            self._grid = fsw_grid(self.facts)
        return self._grid


def experience_reason(facts: Facts, assessment: FswAssessment, project: bool) -> Reason:
    noc, found = assessment.block
    passed = found >= YEAR_UNITS
    since, until = window_text(facts.on, FSW_WINDOW_YEARS)
    where = f" in {noc}" if noc else ""
    message = (
        f"Longest continuous skilled (TEER 0-3) work in one occupation{where} between {since} "
        f"and {until}: {hours_text(found)}; 1,560 h (one year full-time) needed"
    )
    numbers: Numbers = (
        ("noc", noc or ""),
        ("hours_found", hours_value(found)),
        ("hours_needed", 1560),
        ("window_years", FSW_WINDOW_YEARS),
    )
    passes_on = stops_on = None
    if project:
        pools = facts.work.fsw_by_noc.values()
        passes_on, stops_on = pools_dates(
            window_best_block, pools, facts.on_ord, YEAR_UNITS, FSW_WINDOW_YEARS, passed
        )
    return rule(
        passed, codes.FSW_EXPERIENCE, message, numbers, passes_on=passes_on, stops_on=stops_on
    )


def education_reason(facts: Facts, assessment: FswAssessment) -> Reason:
    plain = _education_reason(facts.education, assessment.education_ok)
    passes_on, stops_on = education_dates(facts, EducationLevel.SECONDARY, assessment.education_ok)
    if passes_on is None and stops_on is None:
        return plain
    return rule(
        plain.status is ReasonStatus.MET,
        plain.code,
        plain.message,
        plain.numbers,
        passes_on=passes_on,
        stops_on=stops_on,
    )


@lru_cache(maxsize=32)
def _education_reason(level: EducationLevel, counted: bool) -> Reason:
    if counted:
        message = f"Education counted: {LEVEL_LABEL[level]} (Canadian, or foreign with an ECA)"
    else:
        message = (
            "No secondary or post-secondary credential that counts: a Canadian credential, or a "
            "foreign one with an Educational Credential Assessment (ECA), is needed"
        )
    numbers: Numbers = (("level", level.value),)
    return rule(counted, codes.FSW_EDUCATION, message, numbers)


@lru_cache(maxsize=2048)
def _points_plain(grid: FswGrid) -> Reason:
    """The grid's sentence without dates: shared by every candidate with the same points (the
    grid takes few distinct values, and a round outside the pool lists it for most)."""
    total = grid.total
    message = (
        f"FSW selection grid: {total}/100 (language {grid.language}+{grid.second_language}, "
        f"education {grid.education}, experience {grid.experience}, age {grid.age}, "
        f"arranged employment {grid.arranged_employment}, adaptability {grid.adaptability}); "
        f"{FSW_PASS_MARK} needed"
    )
    return rule(total >= FSW_PASS_MARK, codes.FSW_POINTS, message, grid.numbers())


def points_reason(facts: Facts, grid: FswGrid, project: bool) -> Reason:
    plain = _points_plain(grid)
    if not project:
        return plain
    passed = plain.status is ReasonStatus.MET
    passes_on = stops_on = None
    if passed:
        stops_on = _grid_flips_on(facts, passing=True)
    else:
        passes_on = _grid_flips_on(facts, passing=False)
    return rule(
        passed, plain.code, plain.message, plain.numbers, passes_on=passes_on, stops_on=stops_on
    )


#: Completed years at which the grid's experience points change (1, 2, 4 and 6).
EXPERIENCE_STEPS: tuple[int, ...] = tuple(
    years
    for years in range(1, len(FSW_EXPERIENCE))
    if FSW_EXPERIENCE[years] != FSW_EXPERIENCE[years - 1]
)
#: Safety bound on the grid timeline: each step moves to a strictly later change of an input,
#: and a profile has only a handful (birthdays to 47, test expiries, experience crossings).
GRID_TIMELINE_STEPS = 64


def _crossing(segments: list[Segment], on: int, value: int, marks: tuple[int, ...]) -> list[int]:
    """Days after `on` on which the 10-year total of `segments` changes step on `marks`."""
    return [day for day, _ in mark_crossings(segments, on, value, marks, FSW_WINDOW_YEARS)]


def _next_grid_input_change(facts: Facts) -> date | None:
    """The first day after the facts' date on which any time-driven input of the grid can
    change: a birthday that changes age points, a language test (the candidate's or the
    accompanying spouse's) becoming valid or expiring, a dated ECA starting or ending,
    experience years crossing 1, 2, 4 or 6 as work accrues or leaves the 10-year window, or a
    year of Canadian work (the candidate's or the accompanying spouse's) being reached or lost.
    Everything else in the grid is fixed."""
    candidate = facts.candidate
    on = facts.on
    days: list[date] = []
    points = FSW_AGE.get(facts.age, 0)
    for age in range(facts.age + 1, max(FSW_AGE) + 2):
        if FSW_AGE.get(age, 0) != points:
            days.append(birthday_reaching(candidate.birth_date, age))
            break
    tests = list(candidate.language_tests)
    if facts.spouse_accompanies and candidate.spouse is not None:
        tests.extend(candidate.spouse.language_tests)
    for test in tests:
        days.append(test.taken_on)  # a test taken later becomes valid on its date
        days.append(expires_on(test))
    for entry in candidate.education:  # a dated ECA starts and stops counting (§8.6)
        expiry = eca_expires_on(entry)
        if entry.eca and entry.eca_issued_on is not None and expiry is not None:
            days += [entry.eca_issued_on, expiry]
    year_marks = tuple(years * YEAR_UNITS for years in EXPERIENCE_STEPS)
    ordinals = _crossing(
        facts.work.fsw, facts.on_ord, facts.fsw_units(FSW_WINDOW_YEARS), year_marks
    )
    ordinals += _crossing(
        facts.work.canada_skilled,
        facts.on_ord,
        facts.fsw_canada_units(FSW_WINDOW_YEARS),
        (YEAR_UNITS,),
    )
    spouse_work = facts.spouse_work if facts.spouse_accompanies else None
    if spouse_work is not None:
        ordinals += _crossing(
            spouse_work.canada_authorized,
            facts.on_ord,
            facts.spouse_canada_work_units(FSW_WINDOW_YEARS),
            (YEAR_UNITS,),
        )
    days.extend(date.fromordinal(day) for day in ordinals)
    later = [day for day in days if day > on]
    return min(later) if later else None


def _grid_flips_on(facts: Facts, passing: bool) -> date | None:
    """The first day after the facts' date on which the grid stops passing (`passing`) or
    starts passing (not `passing`), if nothing but time changes.

    Walks the days on which an input of the grid changes (`_next_grid_input_change`), in
    order, re-scoring the grid on each: between two such days the grid cannot change, so the
    first day whose verdict differs is exact.
    """
    candidate = facts.candidate
    current = facts
    for _ in range(GRID_TIMELINE_STEPS):
        day = _next_grid_input_change(current)
        if day is None:
            return None
        current = Facts(candidate, day)
        if (fsw_grid(current).total >= FSW_PASS_MARK) is not passing:
            return day
    return None


def explain_fsw(facts: Facts, assessment: FswAssessment, project: bool) -> list[Reason]:
    reasons = [
        experience_reason(facts, assessment, project),
        assessment.language.reason(codes.FSW_LANGUAGE),
        education_reason(facts, assessment),
        points_reason(facts, assessment.grid, project),
        *assessment.funds.reasons(codes.FSW_FUNDS, project),
    ]
    if facts.uncounted_foreign_education:
        reasons.append(
            note(
                codes.EDUCATION_WITHOUT_ECA,
                "A foreign credential without an ECA valid on this date (ECAs are valid five "
                "years) does not count for FSW or CRS points",
            )
        )
    return reasons
