"""The Canadian Experience Class: one year of Canadian work in three years, and the language
minimum it sets (docs/rules.md §2.2).

CEC language (docs/rules.md §2.2 [INTERPRETATION]): CLB 7 when the qualifying Canadian work in
the window is only TEER 0/1; CLB 5 as soon as TEER 2/3 work contributes (any of it in the
window). Mixed cases carry a NOTE for review. With no Canadian work at all, CLB 5 is shown as
the minimum with a remark that TEER 0/1 work needs CLB 7 (the experience rule fails anyway).
The minimum is therefore time-driven too: on the day the last TEER 2/3 work leaves the 3-year
window while TEER 0/1 work remains, it rises to CLB 7, and the language rule's `stops_on` says
so (a CLB 6 result stops passing that day).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import codes
from .checks import LanguageCheck
from .dates import add_years, window_start, window_start_ordinal
from .facts import Facts
from .hours import pools_dates, units, window_total
from .model import Numbers, Reason
from .reasons import hours_text, hours_value, note, rule
from .tables import CEC_WINDOW_YEARS, YEAR_UNITS

CEC_HIGHER = (7, 7, 7, 7)  # the CEC minimum when the experience is TEER 0/1 only


class CecAssessment:
    """CEC's numbers and verdict; the language check waits until the hours pass or an
    explanation asks (most profiles fail on the hours)."""

    __slots__ = ("_language", "eligible", "facts", "level", "mixed", "no_work", "units")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self._language: LanguageCheck | None = None
        self.units = facts.canadian_units(CEC_WINDOW_YEARS)
        self.no_work = self.units == 0
        if self.no_work:
            self.level, self.mixed = 5, False
        else:
            teer01 = facts.canadian_units_teer01(CEC_WINDOW_YEARS)
            first = facts.window_start_ordinal(CEC_WINDOW_YEARS)
            teer23 = any(
                teer >= 2 and start <= facts.on_ord and (end is None or end >= first)
                for (start, end, _), teer in facts.work.canadian
            )
            self.level = 5 if teer23 or teer01 == 0 else 7
            self.mixed = teer23 and teer01 > 0
        self.eligible = self.units >= YEAR_UNITS and self.language.passed

    @property
    def language(self) -> LanguageCheck:
        if self._language is None:
            level = self.level
            self._language = LanguageCheck(self.facts.tests, (level, level, level, level))
        return self._language

    def minimum_rises_on(self) -> date | None:
        """The first day after the date on which the minimum rises from CLB 5 to CLB 7: no
        TEER 2/3 work is left in the 3-year window while TEER 0/1 work still is (None: not
        while nothing else changes).

        A TEER 2/3 period keeps CLB 5 from its first day until the day its last day leaves the
        window; the first day after the date covered by none of these spans is the candidate.
        """
        if self.level != 5 or self.no_work:
            return None
        facts = self.facts
        spans: list[tuple[int, int | None]] = []  # (first day, first day no longer in window)
        for (start, end, _), teer in facts.work.canadian:
            if teer >= 2:
                spans.append((start, None if end is None else _leaves_window(end)))
        day = facts.on_ord + 1
        for start, leaves in sorted(spans):
            if start > day:
                break
            if leaves is None:
                return None
            day = max(day, leaves)
        first = window_start_ordinal(day, CEC_WINDOW_YEARS)
        teer01 = [segment for segment, teer in facts.work.canadian if teer <= 1]
        if units(teer01, first, day) == 0:  # no Canadian work left at all: experience fails
            return None
        return date.fromordinal(day)

    def language_reason(self, suffix: str = "") -> Reason:
        rises_on = self.minimum_rises_on()
        if rises_on is None:
            return self.language.reason(codes.CEC_LANGUAGE, suffix)
        suffix += (
            f" (CLB 7 from {rises_on.isoformat()}, when your TEER 2/3 work leaves the "
            f"{CEC_WINDOW_YEARS}-year window)"
        )
        return self.language.reason(codes.CEC_LANGUAGE, suffix, raised=(rises_on, CEC_HIGHER))


def _leaves_window(last: int) -> int:
    """The first day whose 3-year window no longer holds the day `last` (ordinals)."""
    day = add_years(date.fromordinal(last), CEC_WINDOW_YEARS).toordinal()
    while window_start_ordinal(day, CEC_WINDOW_YEARS) <= last:
        day += 1
    while window_start_ordinal(day - 1, CEC_WINDOW_YEARS) > last:
        day -= 1
    return day


@lru_cache(maxsize=1024)
def _cec_experience(found: int, on: date) -> Reason:
    """The CEC experience sentence without dates: shared by every candidate with the same
    hours on the same day (most often none)."""
    since = window_start(on, CEC_WINDOW_YEARS).isoformat()
    message = (
        f"{hours_text(found)} of qualifying Canadian work (TEER 0-3, authorized, not "
        f"self-employed, not while a full-time student) between {since} and "
        f"{on.isoformat()}; 1,560 h needed"
    )
    numbers: Numbers = (
        ("hours_found", hours_value(found)),
        ("hours_needed", 1560),
        ("window_years", CEC_WINDOW_YEARS),
    )
    return rule(found >= YEAR_UNITS, codes.CEC_EXPERIENCE, message, numbers)


def cec_experience_reason(facts: Facts, assessment: CecAssessment, project_dates: bool) -> Reason:
    found = assessment.units
    plain = _cec_experience(found, facts.on)
    if not project_dates:
        return plain
    passed = found >= YEAR_UNITS
    pools = [facts.work.canadian_segments()]
    passes_on, stops_on = pools_dates(
        window_total, pools, facts.on_ord, YEAR_UNITS, CEC_WINDOW_YEARS, passed
    )
    return rule(
        passed, plain.code, plain.message, plain.numbers, passes_on=passes_on, stops_on=stops_on
    )


def explain_cec(facts: Facts, assessment: CecAssessment, project_dates: bool) -> list[Reason]:
    suffix = " (CLB 7 if your Canadian experience is TEER 0 or 1)" if assessment.no_work else ""
    reasons = [
        cec_experience_reason(facts, assessment, project_dates),
        assessment.language_reason(suffix),
    ]
    if assessment.mixed:
        reasons.append(
            note(
                codes.CEC_MIXED_TEER,
                "Your Canadian experience mixes TEER 0/1 and TEER 2/3 jobs: CLB 5 is applied "
                "because TEER 2/3 work contributes; IRCC does not say how mixed cases are "
                "assessed, so have this checked",
            )
        )
    return reasons
