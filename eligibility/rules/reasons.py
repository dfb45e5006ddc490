"""Building reasons and decisions, and projecting a decision forward in time.

Every rule function returns one `Reason`; a composer collects them into a `Decision` that is
eligible when no reason is UNMET. `project` then answers the two time questions of the
contract by re-evaluating the whole decision on a later date:

- eligible_from: from the failing reasons' `passes_on` (set only when time alone cures them),
  the latest one is tried; if the decision passes there, that is the date; if something else
  fails by then, its `passes_on` is tried next; if any failing reason cannot be cured by time,
  there is no date.
- eligible_until: the same walk over the passing reasons' `stops_on`, looking for the first
  date the decision no longer passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from .dates import ONE_DAY
from .model import Decision, Numbers, Reason, ReasonStatus
from .tables import HOURS_PER_MONTH, UNITS_PER_HOUR

MET = ReasonStatus.MET
UNMET = ReasonStatus.UNMET
NOTE = ReasonStatus.NOTE

#: How many re-evaluations `project` tries before giving up (each one moves strictly forward).
PROJECTION_STEPS = 8


def rule(
    passed: bool,
    code: str,
    message: str,
    numbers: Numbers = (),
    *,
    passes_on: date | None = None,
    stops_on: date | None = None,
) -> Reason:
    """A pass/fail reason; the dates are kept only where they mean something."""
    if passed:
        return Reason(code, message, MET, numbers, None, stops_on)
    return Reason(code, message, UNMET, numbers, passes_on, None)


def note(code: str, message: str, numbers: Numbers = ()) -> Reason:
    return Reason(code, message, NOTE, numbers)


def decide(reasons: Iterable[Reason]) -> Decision:
    collected = tuple(reasons)
    eligible = True
    for reason in collected:
        if reason.status is UNMET:
            eligible = False
            break
    return Decision(eligible, collected)


def unmet_numbers(reasons: tuple[Reason, ...]) -> list[list[object]]:
    """The failing reasons as [code, {name: value}]: what a stored result keeps (the pages
    rebuild the sentences). Here rather than beside the storage so that mypyc compiles the loop
    that every evaluated profile goes through."""
    return [[reason.code, dict(reason.numbers)] for reason in reasons if reason.status is UNMET]


def project(decision: Decision, on: date, evaluate: Callable[[date], Decision]) -> Decision:
    """`decision` with eligible_from / eligible_until filled by re-evaluating later dates."""
    if decision.eligible:
        return replace(decision, eligible_until=_walk(decision, on, evaluate, until=True))
    return replace(decision, eligible_from=_walk(decision, on, evaluate, until=False))


def _walk(
    decision: Decision, on: date, evaluate: Callable[[date], Decision], *, until: bool
) -> date | None:
    current, day = decision, on
    for _ in range(PROJECTION_STEPS):
        if until:
            dates = [r.stops_on for r in current.reasons if r.status is MET]
            known = [d for d in dates if d is not None]
            if not known:
                return None
            nxt = min(known)
        else:
            failing = [r for r in current.reasons if r.status is UNMET]
            if any(r.passes_on is None for r in failing):
                return None
            nxt = max(r.passes_on for r in failing if r.passes_on is not None)
        if nxt <= day:  # a reason that does not move forward: stop rather than loop
            nxt = day + ONE_DAY
        day = nxt
        current = evaluate(day)
        if current.eligible is not until:
            return day
    return None


# --- sentences ------------------------------------------------------------------------------


def hours_text(work_units: int) -> str:
    """Whole hours, rounded down so that a shortfall is never displayed as the target."""
    return f"{work_units // UNITS_PER_HOUR:,} h"


def months_value(work_units: int, needed_units: int | None = None) -> float:
    """Full-time-equivalent months (130 h each) to one decimal.

    Rounded to the nearest tenth, except that a total below `needed_units` is never shown as
    reaching the needed number of months (11.96 months stays "11.9", not "12.0").
    """
    tenths = (work_units * 10 * 2 + HOURS_PER_MONTH * UNITS_PER_HOUR) // (
        2 * HOURS_PER_MONTH * UNITS_PER_HOUR
    )
    if needed_units is not None and work_units < needed_units:
        needed_tenths = needed_units * 10 // (HOURS_PER_MONTH * UNITS_PER_HOUR)
        if tenths >= needed_tenths:
            tenths = needed_tenths - 1
    return tenths / 10


def hours_value(work_units: int) -> int:
    return work_units // UNITS_PER_HOUR
