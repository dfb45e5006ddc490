"""Rules shared by several programs: the language minimum and proof of funds.

Each rule is assessed first (numbers and a pass/fail, cheap) and explained on demand (the
sentence and the `Reason`). A draw outcome only needs the verdicts of the programs, so it
assesses them without writing every sentence; a program decision explains them all. Both read
the same assessment, so the verdict and its reasons cannot disagree.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import codes
from .dates import ONE_DAY
from .facts import Facts, authorized_job_in_canada
from .language import ScoredTest, best_for_minimum, passing_until
from .model import Candidate, Numbers, Reason
from .reasons import note, rule
from .tables import FUNDS_TABLES, FundsTable, funds_table, funds_table_estimated

Minimums = tuple[int, int, int, int]  # listening, reading, writing, speaking


@lru_cache(maxsize=64)
def needed_text(minimums: Minimums) -> str:
    listening, reading, writing, speaking = minimums
    return f"L{listening} R{reading} W{writing} S{speaking}"


class LanguageCheck:
    """A program's language minimum, met by any valid test (docs/rules.md §3.4 [INTERPRETATION])."""

    __slots__ = ("minimums", "passed", "tests")

    def __init__(self, tests: tuple[ScoredTest, ...], minimums: Minimums) -> None:
        self.tests = tests
        self.minimums = minimums
        self.passed = False
        for test in tests:
            if test.meets(minimums):
                self.passed = True
                break

    def needed_text(self) -> str:
        return needed_text(self.minimums)

    def shortfall(self) -> str:
        """The failing rule in a few words, for summaries such as the pool."""
        return f"CLB {needed_text(self.minimums)}"

    def stops_on(self, raised: tuple[date, Minimums] | None = None) -> date | None:
        """First day no valid test meets the minimum any more (None if none meets it now).

        `raised`: the minimum rises to the given levels from the given day (CEC, when the TEER
        2/3 work leaves the window); from then on only tests meeting the higher levels count.
        """
        until = passing_until(self.tests, self.minimums)
        if raised is None or until is None:
            return until
        day, higher = raised
        if day >= until:
            return until
        later = passing_until(self.tests, higher)  # tests meeting the higher levels meet these
        return day if later is None or later <= day else later

    def reason(
        self, code: str, suffix: str = "", *, raised: tuple[date, Minimums] | None = None
    ) -> Reason:
        cited, passed = best_for_minimum(self.tests, self.minimums)
        need = self.needed_text()
        if cited is None:
            message = f"No valid language test; CLB/NCLC {need} needed{suffix}"
            return rule(False, code, message, (("needed", need),))
        verdict = "meets" if passed else "does not meet"
        message = f"{cited.describe()} {verdict} the minimum CLB/NCLC {need}{suffix}"
        numbers: Numbers = (*cited.figures(), ("needed", need))
        stops_on = self.stops_on(raised) if passed else None  # only a met rule has one
        return rule(passed, code, message, numbers, stops_on=stops_on)


def _exemption_ends(candidate: Candidate, on: date) -> date | None:
    """The first day after `on` with no ongoing authorized job in Canada (None: never, as
    recorded). Back-to-back or overlapping jobs keep the exemption without a break."""
    day = on
    while True:
        covering = [
            period
            for period in candidate.work
            if period.country == "CA"
            and period.authorized
            and period.start <= day
            and (period.end is None or period.end >= day)
        ]
        if not covering:
            return day if day > on else None
        ends = [period.end for period in covering]
        if any(end is None for end in ends):
            return None
        day = max(end for end in ends if end is not None) + ONE_DAY


def funds_pass_on(candidate: Candidate, offer_ok: bool, day: date) -> bool:
    """The funds verdict of `FundsCheck` on another day (same rule, without the sentences)."""
    if offer_ok and authorized_job_in_canada(candidate.work, day):
        return True
    table, previous = funds_table(day)
    have = candidate.settlement_funds_cad
    if have >= table.required(candidate.family_size):
        return True
    return previous is not None and have >= previous.required(candidate.family_size)


class FundsCheck:
    """Proof of settlement funds by date and family size, or the exemption (docs/rules.md §2.1.4).

    Exempt when authorized to work in Canada now (an ongoing authorized job in Canada on the
    date [INTERPRETATION]) and holding a job offer valid for the program. Inside IRCC's grace
    window after a new table, funds meeting the previous table pass, with a warning.

    The verdict changes with time on the day a new table takes effect, the day a grace window
    ends and the day the exemption's job in Canada ends: `stops_on` checks those days in order.
    """

    __slots__ = (
        "_sentence",
        "exempt",
        "facts",
        "family_size",
        "grace",
        "have",
        "offer_ok",
        "passed",
        "previous",
        "required",
        "table",
    )

    def __init__(self, facts: Facts, offer_ok: bool) -> None:
        candidate = facts.candidate
        self.facts = facts
        self.offer_ok = offer_ok
        self._sentence: tuple[str, Numbers] | None = None
        self.table: FundsTable
        self.previous: FundsTable | None
        self.table, self.previous = funds_table(facts.on)
        self.family_size = candidate.family_size
        self.required = self.table.required(candidate.family_size)
        self.have = candidate.settlement_funds_cad
        self.exempt = offer_ok and facts.authorized_in_canada_now
        self.grace = False
        if self.exempt or self.have >= self.required:
            self.passed = True
        elif self.previous is not None and self.have >= self.previous.required(self.family_size):
            self.passed = self.grace = True
        else:
            self.passed = False

    def stops_on(self) -> date | None:
        """First day after the date on which the funds rule no longer passes (None: never as
        far as the tables on record and the recorded jobs go)."""
        if not self.passed:
            return None
        candidate = self.facts.candidate
        on = self.facts.on
        days = {table.effective_from for table in FUNDS_TABLES if table.effective_from > on}
        days.update(
            table.grace_until
            for table in FUNDS_TABLES
            if table.grace_until is not None and table.grace_until > on
        )
        if self.exempt:
            ends = _exemption_ends(candidate, on)
            if ends is not None:
                days.add(ends)
        for day in sorted(days):
            if not funds_pass_on(candidate, self.offer_ok, day):
                return day
        return None

    def reasons(self, code: str, project: bool = True) -> list[Reason]:
        """The rule, then its notes (grace period, estimated table)."""
        reasons = [self.rule_reason(code, project)]
        table, previous = self.table, self.previous
        if self.grace and previous is not None:
            reasons.append(
                note(
                    codes.FUNDS_GRACE_PERIOD,
                    f"Funds meet the {previous.label} table but not the {table.label} "
                    f"one, which profiles must meet by {table.grace_until}; update before then",
                )
            )
        if funds_table_estimated(table, self.facts.on) and not self.exempt:
            reasons.append(
                note(
                    codes.FUNDS_TABLE_ESTIMATE,
                    f"The {table.label} funds table is applied from an assumed date: the exact "
                    "day it took effect, or the table in force before it, is not on record",
                    (("table", table.label), ("from", table.effective_from.isoformat())),
                )
            )
        return reasons

    def rule_reason(self, code: str, project: bool = True) -> Reason:
        """The funds rule alone (`project`: with the day it stops passing)."""
        stops_on = self.stops_on() if project else None
        message, numbers = self.sentence()
        return rule(self.passed, code, message, numbers, stops_on=stops_on)

    def sentence(self) -> tuple[str, Numbers]:
        """The rule's sentence and figures, built once (FSW and FST may share this check)."""
        if self._sentence is not None:
            return self._sentence
        if self.exempt:
            message = (
                "Proof of funds not needed: authorized to work in Canada now (an ongoing "
                "authorized job in Canada) and a qualifying job offer"
            )
            self._sentence = (message, (("exempt", "yes"),))
            return self._sentence
        table = self.table
        numbers: Numbers = (
            ("funds", self.have),
            ("family_size", self.family_size),
            ("required", self.required),
            ("table", table.label),
        )
        previous = self.previous
        if self.grace and previous is not None and table.grace_until is not None:
            accepted = previous.required(self.family_size)
            last_day = table.grace_until - ONE_DAY
            message = (
                f"Settlement funds CAD {self.have:,} for a family of {self.family_size}: the "
                f"{previous.label} table's CAD {accepted:,} is accepted until "
                f"{last_day.isoformat()} (IRCC's grace period after the {table.label} table of "
                f"{table.effective_from}); from {table.grace_until.isoformat()} CAD "
                f"{self.required:,} is needed"
            )
            numbers += (
                ("accepted", accepted),
                ("accepted_table", previous.label),
                ("accepted_until", last_day.isoformat()),
            )
        else:
            message = (
                f"Settlement funds CAD {self.have:,} for a family of {self.family_size}; "
                f"CAD {self.required:,} needed ({table.label} table, from {table.effective_from})"
            )
        self._sentence = (message, numbers)
        return self._sentence

    def shortfall(self) -> str:
        """The failing rule in a few words, for summaries such as the pool."""
        return f"proof of funds (CAD {self.required:,} for a family of {self.family_size})"
