"""What is about to change for a candidate if nothing but time passes (docs/rules.md §4.12).

- `crs_projection(candidate, on, until)`: the score today and on every later date up to `until`
  on which it changes (age steps, experience steps, test expiry, new rule sets). It walks the
  dates `crs_changes.change_dates` lists, one after another, recomputing the score on each, so
  the projection equals `crs_on` on every date: between two steps nothing can change the score.
- `coming_changes(candidate, on, until, decisions)`: the dated events a person should hear about
  before they happen: the Express Entry profile's expiry (12 months after submission,
  docs/rules.md §6.4), each valid language test's expiry (the candidate's and the spouse's,
  §3.5), each dated ECA's expiry (§8.6), birthdays that change the age points (§4.2, §8.3),
  experience crossing a band (§4.5, §4.6, §4.7), a new rule set (§0.2), and the first day a
  passing decision (a program, a category, whose version may end) stops passing or a failing
  one starts passing (§0.1). Events of the same day are one change; each says the score before
  and after it.

[INTERPRETATION] A profile submitted at an instant expires at the same instant 12 months later
(`dates.add_years_instant`); its expiry day is the date of that instant in UTC, and from that day
on a round can no longer invite it (a round on the expiry day itself at an earlier hour still
could: the day is given as the last warning, not as a verdict).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .crs import crs_total
from .crs_changes import (
    BIRTHDAY,
    CANADIAN_EXPERIENCE,
    CERTIFICATE_TRADES,
    ECA_EXPIRES,
    FOREIGN_EXPERIENCE,
    NOC_2021,
    RULE_SET,
    SPOUSE_CANADIAN_EXPERIENCE,
    SPOUSE_ECA_EXPIRES,
    SPOUSE_TEST_EXPIRES,
    TEST_EXPIRES,
    Cause,
    change_dates,
)
from .dates import ONE_DAY, add_years_instant
from .facts import LEVEL_LABEL, Facts, eca_expires_on, eca_valid
from .model import Candidate, Decision
from .tables import PROFILE_VALID_YEARS

PROFILE_EXPIRES = "profile_expires"
DECISION_STARTS = "decision_starts"
DECISION_ENDS = "decision_ends"
#: Causes of one day, the root causes first: an expiry before the programs it ends.
CAUSE_ORDER = (
    PROFILE_EXPIRES,
    TEST_EXPIRES,
    SPOUSE_TEST_EXPIRES,
    ECA_EXPIRES,
    SPOUSE_ECA_EXPIRES,
    BIRTHDAY,
    CANADIAN_EXPERIENCE,
    FOREIGN_EXPERIENCE,
    SPOUSE_CANADIAN_EXPERIENCE,
    RULE_SET,
    CERTIFICATE_TRADES,
    NOC_2021,
    DECISION_ENDS,
    DECISION_STARTS,
)


@dataclass(frozen=True, slots=True)
class ScoreStep:
    """The score from `on` until the next step, and why it changed (none for today): the
    stable codes of the causes and a sentence each, in the same order."""

    on: date
    crs: int
    codes: tuple[str, ...]
    causes: tuple[str, ...]

    @property
    def cause(self) -> str:
        """The causes as one English phrase ("" for today)."""
        return " and ".join(self.causes)


@dataclass(frozen=True, slots=True)
class ComingChange:
    """Everything that changes on one day, and the score the day before and on the day."""

    on: date
    codes: tuple[str, ...]  # stable codes of the causes, in the order of `causes`
    causes: tuple[str, ...]  # a sentence each: "your IELTS General Training result expires"
    crs_before: int
    crs_after: int

    @property
    def message(self) -> str:
        """E.g. "On 2027-05-10 your IELTS General Training result of 2025-05-10 expires: your
        CRS drops from 476 to 471"."""
        effects = []
        if PROFILE_EXPIRES in self.codes:
            effects.append("you leave the pool unless you submit a new profile")
        if self.crs_after < self.crs_before:
            effects.append(f"your CRS drops from {self.crs_before} to {self.crs_after}")
        elif self.crs_after > self.crs_before:
            effects.append(f"your CRS rises from {self.crs_before} to {self.crs_after}")
        else:
            effects.append(f"your CRS stays at {self.crs_after}")
        return f"On {self.on.isoformat()} {' and '.join(self.causes)}: {'; '.join(effects)}"


def _score(candidate: Candidate, day: date) -> tuple[int, Facts]:
    facts = Facts(candidate, day)
    return crs_total(facts)[0], facts


def crs_projection(candidate: Candidate, on: date, until: date) -> tuple[ScoreStep, ...]:
    """The score on `on`, then each date up to `until` (inclusive) on which it changes."""
    score, facts = _score(candidate, on)
    steps = [ScoreStep(on, score, (), ())]
    while True:
        dates = change_dates(facts)
        ahead = [day for day in dates if day <= until]
        if not ahead:
            return tuple(steps)
        day = min(ahead)
        total, facts = _score(candidate, day)
        if total != score:
            codes, causes = zip(*dates[day], strict=True)
            steps.append(ScoreStep(day, total, codes, causes))
            score = total


def score_on(steps: Sequence[ScoreStep], day: date) -> int:
    """The projected score on `day` (on or after the first step's date)."""
    score = steps[0].crs
    for step in steps:
        if step.on > day:
            break
        score = step.crs
    return score


def profile_expiry(candidate: Candidate) -> datetime | None:
    """The instant the Express Entry profile leaves the pool (None: no submission time)."""
    entry = candidate.pool_entry
    return add_years_instant(entry, PROFILE_VALID_YEARS) if entry is not None else None


def _events(
    candidate: Candidate,
    on: date,
    until: date,
    decisions: Sequence[tuple[str, Decision]],
) -> dict[date, list[tuple[str, str]]]:
    """(code, sentence) of the events that are not score steps, by date in (on, until]."""
    found: dict[date, list[tuple[str, str]]] = {}

    def add(day: date | None, code: str, why: str) -> None:
        if day is not None and on < day <= until:
            causes = found.setdefault(day, [])
            if (code, why) not in causes:
                causes.append((code, why))

    expiry = profile_expiry(candidate)
    if expiry is not None:
        add(
            expiry.date(),
            PROFILE_EXPIRES,
            "your Express Entry profile expires (12 months after its submission)",
        )
    for name, decision in decisions:
        if decision.eligible:
            add(decision.eligible_until, DECISION_ENDS, f"you stop meeting {name}")
        else:
            add(decision.eligible_from, DECISION_STARTS, f"you start meeting {name}")
    return found


def coming_changes(
    candidate: Candidate,
    on: date,
    until: date,
    decisions: Sequence[tuple[str, Decision]] = (),
    steps: Sequence[ScoreStep] | None = None,
) -> tuple[ComingChange, ...]:
    """Every change in (on, until], oldest first. `decisions` are (name, decision on `on`),
    e.g. ("the Canadian Experience Class", ...); `steps` a projection already computed over
    the same period (computed here when not given)."""
    if steps is None:
        steps = crs_projection(candidate, on, until)
    by_day = _events(candidate, on, until, decisions)
    facts = Facts(candidate, on)
    _add_score_causes(by_day, candidate, steps, until)
    _add_test_expiries(by_day, facts, until)
    _add_eca_expiries(by_day, facts, until)
    return tuple(_coming_change(day, by_day[day], steps) for day in sorted(by_day))


def _coming_change(day: date, causes: list[Cause], steps: Sequence[ScoreStep]) -> ComingChange:
    ordered = sorted(causes, key=lambda cause: CAUSE_ORDER.index(cause[0]))
    return ComingChange(
        on=day,
        codes=tuple(code for code, _ in ordered),
        causes=tuple(why for _, why in ordered),
        crs_before=score_on(steps, day - ONE_DAY),
        crs_after=score_on(steps, day),
    )


def _add_score_causes(
    by_day: dict[date, list[Cause]], candidate: Candidate, steps: Sequence[ScoreStep], until: date
) -> None:
    """The causes of each change of the score: birthdays, tests, experience, rule sets."""
    for step in steps[1:]:
        if step.on > until:
            break
        causes = by_day.setdefault(step.on, [])
        for cause in change_dates(Facts(candidate, step.on - ONE_DAY)).get(step.on, []):
            if cause not in causes:
                causes.append(cause)


def _add_test_expiries(by_day: dict[date, list[Cause]], facts: Facts, until: date) -> None:
    """Each valid test's expiry, even when another test keeps the score, with its date."""
    on = facts.on
    for test in (*facts.tests, *facts.spouse_tests):
        if on < test.expires_on <= until:
            whose = "your" if test in facts.tests else "your spouse's"
            code = TEST_EXPIRES if test in facts.tests else SPOUSE_TEST_EXPIRES
            cause = (code, f"{whose} {test.name} result of {test.test.taken_on} expires")
            causes = by_day.setdefault(test.expires_on, [])
            # the projection's sentence for the same test names no date: keep the precise one
            causes[:] = [c for c in causes if c[0] != code or test.name not in c[1]]
            causes.append(cause)


def _add_eca_expiries(by_day: dict[date, list[Cause]], facts: Facts, until: date) -> None:
    """Each valid, dated ECA's expiry (the candidate's, and the counted spouse's)."""
    candidate, on = facts.candidate, facts.on
    spouse = candidate.spouse
    for code, education in (
        (ECA_EXPIRES, candidate.education),
        (SPOUSE_ECA_EXPIRES, spouse.education if facts.spouse_counts and spouse else ()),
    ):
        for entry in education:
            expiry = eca_expires_on(entry)
            if eca_valid(entry, on) and expiry is not None and on < expiry <= until:
                whose = "your" if code == ECA_EXPIRES else "your spouse's"
                cause = (
                    code,
                    f"{whose} ECA of {entry.eca_issued_on} ({LEVEL_LABEL[entry.level]}) expires",
                )
                causes = by_day.setdefault(expiry, [])
                causes[:] = [c for c in causes if c[0] != code]
                causes.append(cause)
