"""What one candidate's profile means on one date, derived once and shared by every rule.

`Facts(candidate, on)` converts the language tests, picks the education that counts and sorts
the work periods into the pools each purpose counts (docs/rules.md §1.4, §8). Hour totals are
computed on first use and cached, so a draw outcome (pool membership, round eligibility and the
CRS) converts and totals everything once.

Which work counts for what (docs/rules.md §1.4; interpretations marked):

- Canadian experience (CEC, CRS Canadian years, "Canada only" categories, the spouse's CRS
  years): in Canada, TEER 0-3, authorized, not while a full-time student, not self-employed,
  except physicians (31100-31102) on dates from 2023-04-25 whose work the profile marks as paid
  fee-for-service by a provincial or territorial health plan (docs/rules.md §5.5.1; a NOTE says
  whether such work was counted).
- Foreign experience (CRS foreign years): outside Canada, TEER 0-3; work while studying counts
  (docs/rules.md §1.4); self-employment abroad counts [INTERPRETATION: the rules exclude it only for
  Canadian experience].
- FSW: TEER 0-3, anywhere; work in Canada must be authorized; student work and self-employment
  are not excluded (docs/rules.md §1.4). The adaptability items (docs/rules.md §2.1.3) count
  authorized work in Canada the same way: TEER 0-3 for the candidate, any TEER for the spouse.
- FST: an eligible trade (`is_fst_trade`), anywhere; work in Canada must be authorized and not
  while a full-time student (docs/rules.md §1.4, single source); self-employment is not excluded.
- Categories: the Canadian pool above, plus the foreign pool unless the category is Canada only
  [INTERPRETATION: Canadian student work follows the program rules, so it is left out].

"Skilled" is NOC 2021 TEER 0-3 (`is_skilled`), except that on dates before 2022-11-16, when IRCC
used NOC 2016, the occupations whose status changed with NOC 2021 keep their NOC 2016 status
(docs/rules.md §1.1, §8.11; `tables.NOC_2016_SKILLED`): the 16 that were skill level C count for
nothing on those dates, and the 3 that were skill level B (54100, 64200, 55109, TEER 4 or 5 since)
count as skilled work, as NOC 2016 TEER 2/3-level work; decisions say so in a NOTE either way.
"""

from __future__ import annotations

from datetime import date

from . import codes
from .dates import add_years, age_on, window_start_ordinal
from .hours import Segment, best_block_units, units
from .language import ScoredTest, score_tests, tef_scale_question
from .model import Candidate, Education, EducationLevel, MaritalStatus, Reason, WorkPeriod
from .reasons import note
from .tables import (
    ECA_VALID_YEARS,
    PHYSICIAN_FEE_FOR_SERVICE_FROM,
    PHYSICIAN_NOCS,
    certificate_trades,
    is_fst_trade,
    is_skilled,
)

LEVEL_RANK: dict[EducationLevel, int] = {level: rank for rank, level in enumerate(EducationLevel)}
LEVEL_LABEL: dict[EducationLevel, str] = {
    EducationLevel.NONE: "less than secondary school",
    EducationLevel.SECONDARY: "secondary diploma",
    EducationLevel.ONE_YEAR: "one-year post-secondary credential",
    EducationLevel.TWO_YEAR: "two-year post-secondary credential",
    EducationLevel.BACHELORS: "bachelor's degree or 3+ year program",
    EducationLevel.TWO_OR_MORE: "two or more credentials, one of 3+ years",
    EducationLevel.MASTERS: "master's or professional degree",
    EducationLevel.DOCTORAL: "doctoral degree",
}
PARTNERED = (MaritalStatus.MARRIED, MaritalStatus.COMMON_LAW)
PHYSICIAN_FEE_FOR_SERVICE_NOTE = note(
    codes.PHYSICIAN_FEE_FOR_SERVICE,
    "Self-employed physician work in Canada is counted as Canadian experience: it was paid "
    "fee-for-service by a provincial or territorial health plan (IRCC policy for invitations "
    "from 2023-04-25)",
)
PHYSICIAN_NOT_FEE_FOR_SERVICE_NOTE = note(
    codes.PHYSICIAN_NOT_FEE_FOR_SERVICE,
    "Self-employed physician work in Canada is not counted: it counts only when paid "
    "fee-for-service by a provincial or territorial health plan, and your work history does "
    "not say so (IRCC policy for invitations from 2023-04-25)",
)


def eca_expires_on(education: Education) -> date | None:
    """The first day an ECA with a recorded date no longer counts (None: no date recorded)."""
    issued = education.eca_issued_on
    return add_years(issued, ECA_VALID_YEARS) if issued is not None else None


def eca_valid(education: Education, on: date) -> bool:
    """An ECA counts from its issue date for five years; one without a date is taken as valid
    (docs/rules.md §8.6)."""
    issued = education.eca_issued_on
    if not education.eca:
        return False
    return issued is None or issued <= on < add_years(issued, ECA_VALID_YEARS)


def counts(education: Education, on: date) -> bool:
    """A credential counts if Canadian, or foreign with an ECA valid on `on` (docs/rules.md
    §8.6)."""
    return education.canadian or eca_valid(education, on)


def education_dates(
    facts: Facts, minimum: EducationLevel, passing: bool
) -> tuple[date | None, date | None]:
    """When dated ECAs make "a credential of `minimum` or higher counts" start passing (an ECA
    issued after the date) or stop (the last one expiring, with no other credential at that
    level): (passes_on, stops_on), docs/rules.md §8.6."""
    on = facts.on
    entries = [e for e in facts.candidate.education if LEVEL_RANK[e.level] >= LEVEL_RANK[minimum]]
    if passing:
        ends: list[date] = []
        for entry in entries:
            if not counts(entry, on):
                continue
            expiry = None if entry.canadian else eca_expires_on(entry)
            if expiry is None:
                return None, None  # a credential that counts for good
            ends.append(expiry)
        return None, max(ends) if ends else None
    starts = [
        entry.eca_issued_on
        for entry in entries
        if entry.eca and entry.eca_issued_on is not None and entry.eca_issued_on > on
    ]
    return (min(starts) if starts else None), None


def highest_level(entries: tuple[Education, ...], on: date) -> EducationLevel:
    best = EducationLevel.NONE
    for entry in entries:
        if LEVEL_RANK[entry.level] > LEVEL_RANK[best] and counts(entry, on):
            best = entry.level
    return best


def is_physician_self_employment(period: WorkPeriod, on: date) -> bool:
    """Self-employed physician work in Canada, judged on a date the public policy covers."""
    return (
        period.self_employed
        and period.country == "CA"
        and period.noc in PHYSICIAN_NOCS
        and on >= PHYSICIAN_FEE_FOR_SERVICE_FROM
    )


def is_physician_fee_for_service(period: WorkPeriod, on: date) -> bool:
    """docs/rules.md §5.5.1: counted only when the profile says a health plan paid for it."""
    return period.fee_for_service_public and is_physician_self_employment(period, on)


def is_canadian_experience(period: WorkPeriod, on: date) -> bool:
    """Counts for CEC, CRS Canadian years and Canada-only categories (see module docstring)."""
    return (
        period.country == "CA"
        and period.authorized
        and not period.full_time_student
        and is_skilled(period.noc, on)
        and (not period.self_employed or is_physician_fee_for_service(period, on))
    )


def certificate_counts(candidate: Candidate, on: date) -> bool:
    """A certificate of qualification in a trade on IRCC's list of the date: the condition of
    the CRS certificate points (docs/rules.md §4.7; `tables.CERTIFICATE_TRADES`)."""
    trade = candidate.certificate_trade
    return (
        candidate.certificate_of_qualification
        and trade is not None
        and trade in certificate_trades(on).nocs
    )


def authorized_job_in_canada(work: tuple[WorkPeriod, ...], on: date) -> bool:
    """An authorized job in Canada that has started and not ended on `on`."""
    return any(
        period.country == "CA"
        and period.authorized
        and period.start <= on
        and (period.end is None or period.end >= on)
        for period in work
    )


class WorkPools:
    """One person's work periods sorted into the pools each purpose counts."""

    __slots__ = (
        "canada_authorized",
        "canada_skilled",
        "canadian",
        "canadian_all",
        "canadian_by_noc",
        "foreign",
        "foreign_by_noc",
        "fst_by_noc",
        "fsw",
        "fsw_by_noc",
        "not_yet_skilled",
        "physician_not_fee_for_service",
        "physician_self_employed",
        "skilled_under_noc_2016",
    )

    def __init__(self, work: tuple[WorkPeriod, ...], on: date) -> None:
        self.canadian: list[tuple[Segment, int]] = []  # with the TEER
        self.canadian_all: list[Segment] = []
        self.canadian_by_noc: dict[str, list[Segment]] = {}
        # Authorized work in Canada for the FSW adaptability items (docs/rules.md §2.1.3), which
        # exclude neither study nor self-employment: any TEER (the spouse's), TEER 0-3 (one's own)
        self.canada_authorized: list[Segment] = []
        self.canada_skilled: list[Segment] = []
        self.foreign: list[Segment] = []
        self.foreign_by_noc: dict[str, list[Segment]] = {}
        self.fsw: list[Segment] = []
        self.fsw_by_noc: dict[str, list[Segment]] = {}
        self.fst_by_noc: dict[str, list[Segment]] = {}
        self.physician_self_employed = False  # fee-for-service physician work counted
        self.physician_not_fee_for_service = False  # self-employed physician work left out
        # Occupations left out because they were NOC 2016 skill level C on this date, and those
        # counted because they were NOC 2016 skill level B (TEER 4 or 5 today)
        self.not_yet_skilled: set[str] = set()
        self.skilled_under_noc_2016: set[str] = set()
        for period in work:
            noc = period.noc
            teer_digit = noc[1]
            skilled = is_skilled(noc, on)
            if skilled != (teer_digit in "0123"):
                (self.skilled_under_noc_2016 if skilled else self.not_yet_skilled).add(noc)
            end = period.end
            segment = (
                period.start.toordinal(),
                end.toordinal() if end is not None else None,
                round(period.hours_per_week * 100),  # `hours.weight`, inlined: a hot loop
            )
            in_canada = period.country == "CA"
            if (
                period.self_employed
                and not period.fee_for_service_public
                and period.authorized
                and not period.full_time_student
                and is_physician_self_employment(period, on)
            ):  # the flag alone would make this work count: say so
                self.physician_not_fee_for_service = True
            if in_canada and period.authorized:
                self.canada_authorized.append(segment)
                if skilled:
                    self.canada_skilled.append(segment)
            if skilled:
                teer = int(teer_digit)
                if in_canada:
                    if is_canadian_experience(period, on):
                        self.canadian.append((segment, teer))
                        self.canadian_all.append(segment)
                        self.canadian_by_noc.setdefault(noc, []).append(segment)
                        if period.self_employed:
                            self.physician_self_employed = True
                    if period.authorized:
                        self.fsw.append(segment)
                        self.fsw_by_noc.setdefault(noc, []).append(segment)
                else:
                    self.foreign.append(segment)
                    self.foreign_by_noc.setdefault(noc, []).append(segment)
                    self.fsw.append(segment)
                    self.fsw_by_noc.setdefault(noc, []).append(segment)
            if (
                noc[0] in "6789"
                and is_fst_trade(noc, on)
                and (not in_canada or (period.authorized and not period.full_time_student))
            ):
                self.fst_by_noc.setdefault(noc, []).append(segment)

    def canadian_segments(self) -> list[Segment]:
        return self.canadian_all  # kept as a method: callers read it as "the segments"


def physician_work_notes(work: WorkPools) -> list[Reason]:
    """Whether self-employed physician work in Canada was counted, and why."""
    notes = []
    if work.physician_self_employed:
        notes.append(PHYSICIAN_FEE_FOR_SERVICE_NOTE)
    if work.physician_not_fee_for_service:
        notes.append(PHYSICIAN_NOT_FEE_FOR_SERVICE_NOTE)
    return notes


class Facts:
    """A candidate on a date: age, counted education, valid tests and experience totals."""

    __slots__ = (
        "_cache",
        "_spouse",
        "age",
        "candidate",
        "dropped_tests",
        "education",
        "on",
        "on_ord",
        "spouse_accompanies",
        "spouse_counts",
        "tests",
        "work",
    )

    def __init__(self, candidate: Candidate, on: date) -> None:
        self.candidate = candidate
        self.on = on
        self.on_ord = on.toordinal()
        self.age = age_on(candidate.birth_date, on)
        self.tests, self.dropped_tests = score_tests(candidate.language_tests, on)
        self.education = highest_level(candidate.education, on)
        self.work = WorkPools(candidate.work, on)
        spouse = candidate.spouse
        # "With spouse" columns only for an accompanying partner who is not a citizen or PR
        # (docs/rules.md §4.1, §8.7); a spouse object on a single/divorced/... profile is ignored.
        self.spouse_counts = (
            spouse is not None
            and spouse.accompanying
            and not spouse.citizen_or_pr
            and candidate.marital_status in PARTNERED
        )
        # The spouse's own facts matter only for CRS section B and FSW adaptability: they are
        # loaded on first use.
        self.spouse_accompanies = (
            spouse is not None and spouse.accompanying and candidate.marital_status in PARTNERED
        )
        self._spouse: tuple[tuple[ScoredTest, ...], EducationLevel, WorkPools | None] | None = None
        self._cache: dict[tuple[str, int], int] = {}

    # --- the accompanying spouse or partner, loaded when asked -------------------------------

    def _spouse_facts(self) -> tuple[tuple[ScoredTest, ...], EducationLevel, WorkPools | None]:
        if self._spouse is None:
            spouse = self.candidate.spouse
            if spouse is not None and self.spouse_accompanies:
                self._spouse = (
                    score_tests(spouse.language_tests, self.on)[0],
                    highest_level(spouse.education, self.on),
                    WorkPools(spouse.work, self.on),
                )
            else:
                self._spouse = ((), EducationLevel.NONE, None)
        return self._spouse

    @property
    def spouse_tests(self) -> tuple[ScoredTest, ...]:
        return self._spouse_facts()[0]

    @property
    def spouse_education(self) -> EducationLevel:
        return self._spouse_facts()[1]

    @property
    def spouse_work(self) -> WorkPools | None:
        return self._spouse_facts()[2]

    # --- facts only some rules need, computed when asked ------------------------------------

    @property
    def authorized_in_canada_now(self) -> bool:
        """An ongoing authorized job in Canada on the date (the funds-exemption reading of
        "authorized to work in Canada now")."""
        return authorized_job_in_canada(self.candidate.work, self.on)

    @property
    def scale_questions(self) -> list[str]:
        """A question for each TEF Canada result whose scale is not known (see `language`):
        the candidate's, and the counted spouse's."""
        tests = [(test, "Your") for test in self.candidate.language_tests]
        spouse = self.candidate.spouse
        if spouse is not None and self.spouse_counts:
            tests += [(test, "Your spouse's") for test in spouse.language_tests]
        questions = [tef_scale_question(test, whose) for test, whose in tests]
        return [question for question in questions if question is not None]

    @property
    def uncounted_foreign_education(self) -> bool:
        """A foreign credential without an ECA valid on the date, which therefore does not
        count."""
        return any(
            not entry.canadian
            and entry.level is not EducationLevel.NONE
            and not eca_valid(entry, self.on)
            for entry in self.candidate.education
        )

    # --- experience, in units (700 = 1 hour) ------------------------------------------------

    def window_start_ordinal(self, years: int) -> int:
        return window_start_ordinal(self.on_ord, years)

    def canadian_units(self, years: int) -> int:
        """Qualifying Canadian work in the window (all TEER 0-3 occupations together)."""
        return self._window_units("canadian", self.work.canadian_all, years)

    def canadian_units_teer01(self, years: int) -> int:
        if not self.work.canadian_all:
            return 0
        key = ("canadian01", years)
        cached = self._cache.get(key)
        if cached is None:
            segments = [segment for segment, teer in self.work.canadian if teer <= 1]
            cached = self._cache[key] = units(
                segments, self.window_start_ordinal(years), self.on_ord
            )
        return cached

    def foreign_units(self, years: int) -> int:
        return self._window_units("foreign", self.work.foreign, years)

    def fsw_units(self, years: int) -> int:
        """All FSW-qualifying skilled work in the window (the grid's experience years)."""
        return self._window_units("fsw", self.work.fsw, years)

    def fsw_best_block(self, years: int) -> tuple[str | None, int]:
        """The occupation with the best continuous block in the window, and its units."""
        first = self.window_start_ordinal(years)
        best_noc: str | None = None
        best = 0
        for noc, segments in self.work.fsw_by_noc.items():
            found = best_block_units(segments, first, self.on_ord)
            if found > best:
                best_noc, best = noc, found
        return best_noc, best

    def fst_best_trade(self, years: int) -> tuple[str | None, int]:
        """The eligible trade with the most work in the window, and its units."""
        best_noc: str | None = None
        best = 0
        for noc in self.work.fst_by_noc:
            found = self.fst_trade_units(noc, years)
            if found > best:
                best_noc, best = noc, found
        return best_noc, best

    def fst_trade_units(self, noc: str, years: int) -> int:
        """The units of work in one eligible trade in the window (0 for any other code)."""
        segments = self.work.fst_by_noc.get(noc)
        if not segments:
            return 0
        return units(segments, self.window_start_ordinal(years), self.on_ord)

    def spouse_canadian_units(self, years: int) -> int:
        spouse_work = self.spouse_work
        if spouse_work is None:
            return 0
        return self._window_units("spouse_canadian", spouse_work.canadian_all, years)

    def fsw_canada_units(self, years: int) -> int:
        """Authorized TEER 0-3 work in Canada in the window (the FSW adaptability item)."""
        return self._window_units("fsw_canada", self.work.canada_skilled, years)

    def spouse_canada_work_units(self, years: int) -> int:
        """The spouse's authorized work in Canada in the window, any TEER (the spouse's FSW
        adaptability item: unlike the candidate's own, no TEER 0-3 condition)."""
        spouse_work = self.spouse_work
        if spouse_work is None:
            return 0
        return self._window_units("spouse_canada", spouse_work.canada_authorized, years)

    def _window_units(self, name: str, segments: list[Segment], years: int) -> int:
        """Units of `segments` in the window, computed once per name and window."""
        if not segments:
            return 0
        key = (name, years)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = units(
                segments, self.window_start_ordinal(years), self.on_ord
            )
        return cached

    def window_start(self, years: int) -> date:
        return date.fromordinal(self.window_start_ordinal(years))
