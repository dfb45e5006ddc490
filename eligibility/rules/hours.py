"""Experience arithmetic (docs/rules.md §1.2, §1.3, §8.1, §8.2), exact and without per-day loops.

The rule: every calendar day of a window adds min(30, sum of the weekly hours of the qualifying
periods that day) / 7 hours. To keep thresholds exact the engine never uses floats: weekly hours
are held in hundredths (`weight`), a day adds min(3000, sum of weights) *units*, and 700 units
are one hour. So 1,560 h is exactly 1,092,000 units, and 364 full-time days (52 weeks) reach it
while 363 do not.

A `Segment` is one period as ordinal day numbers: (first day, last day or None while ongoing,
weight). Totals are computed by a sweep over the start and end breakpoints, so the cost grows
with the number of periods, not with the number of days.

Projections ("when will this rule pass if current jobs continue?", "when will it stop?") use
the fact that a total over a sliding window changes by a bounded amount per day, which lets the
search jump ahead safely instead of trying every day (`first_reaching`, `first_below`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date

from .dates import add_years, window_start_ordinal
from .tables import FULL_TIME_WEEKLY

#: (first day ordinal, last day ordinal or None while ongoing, weekly hours in hundredths)
Segment = tuple[int, int | None, int]


def weight(hours_per_week: float) -> int:
    """Weekly hours in hundredths of an hour (exact for any value given to two decimals)."""
    return round(hours_per_week * 100)


def units(segments: Collection[Segment], first: int, last: int) -> int:
    """Capped work units on the days first..last (inclusive ordinals); 700 units = 1 hour.

    Ongoing segments run through `last`; days after `last` (future-dated work) never count.
    """
    if not segments:
        return 0
    events: list[tuple[int, int]] = []
    for start, end, hundredths in segments:
        if start < first:
            start = first
        if end is None or end > last:
            end = last
        if start <= end:
            events.append((start, hundredths))
            events.append((end + 1, -hundredths))
    if not events:
        return 0
    if len(events) == 2:  # one period: no sweep needed
        return (events[1][0] - events[0][0]) * min(events[0][1], FULL_TIME_WEEKLY)
    events.sort()
    total = 0
    level = 0
    previous = events[0][0]
    for day, change in events:
        if day != previous:
            if level > 0:
                total += (day - previous) * (
                    level if level < FULL_TIME_WEEKLY else FULL_TIME_WEEKLY
                )
            previous = day
        level += change
    return total


def _start(segment: Segment) -> int:
    return segment[0]


def continuous_blocks(segments: Iterable[Segment], last: int) -> list[list[Segment]]:
    """Chains of periods where each starts no later than the day after the previous one ends.

    docs/rules.md §1.3 [INTERPRETATION]: a gap of one day or more without work breaks continuity.
    Only days up to `last` exist (later starts are ignored, ongoing periods end on `last`).
    Callers pass the periods of ONE occupation.
    """
    current: list[Segment] = []
    blocks: list[list[Segment]] = []
    block_end = 0
    for start, end, hundredths in sorted((s for s in segments if s[0] <= last), key=_start):
        stop = last if end is None or end > last else end
        if current and start <= block_end + 1:
            current.append((start, stop, hundredths))
            if stop > block_end:
                block_end = stop
        else:
            current = [(start, stop, hundredths)]
            blocks.append(current)
            block_end = stop
    return blocks


def best_block_units(segments: Iterable[Segment], first: int, last: int) -> int:
    """Units of the best continuous block, counting only its days inside first..last."""
    if isinstance(segments, list) and len(segments) == 1:  # one period is one block
        return units(segments, first, last)
    best = 0
    for block in continuous_blocks(segments, last):
        found = units(block, first, last)
        if found > best:
            best = found
    return best


def max_future_level(segments: Iterable[Segment], after: int) -> int:
    """Most units a single day after `after` can add: the work still running or to come."""
    total = sum(h for _, end, h in segments if end is None or end > after)
    return min(total, FULL_TIME_WEEKLY)


def _horizon(segments: Iterable[Segment], on: int, years: int) -> int:
    """A day after which the window total repeats itself (no breakpoint left in any window).

    Past the last breakpoint plus the window and a full leap-year cycle, nothing new can
    happen, so a search that has not succeeded by then never will.
    """
    last_break = on
    for start, end, _ in segments:
        last_break = max(last_break, start, end if end is not None else start)
    return add_years(date.fromordinal(last_break), years + 4).toordinal() + 1


WindowTotal = Callable[[int], int]


def window_total(segments: list[Segment], years: int) -> WindowTotal:
    """f(day) = units of `segments` in the `years`-year window ending on `day`."""

    def total(day: int) -> int:
        return units(segments, window_start_ordinal(day, years), day)

    return total


def window_best_block(segments: list[Segment], years: int) -> WindowTotal:
    """f(day) = units of the best continuous block inside the window ending on `day`."""

    def total(day: int) -> int:
        return best_block_units(segments, window_start_ordinal(day, years), day)

    return total


def first_reaching(
    measure: WindowTotal, segments: list[Segment], on: int, target: int, years: int
) -> int | None:
    """First day after `on` on which `measure` reaches `target` (None: never, as recorded).

    Uses the periods as recorded: ongoing ones continue, dated ones end on their end date.
    Safe jumps: the window start never moves backwards, so over k days the total grows by at
    most k x (the highest level any future day can have); jumping by the shortfall divided by
    that level cannot skip the first passing day.
    """
    gain = max_future_level(segments, on)
    if gain == 0:
        return None
    horizon = _horizon(segments, on, years)
    day = on
    value = measure(day)
    while value < target:
        day += max(1, -(-(target - value) // gain))
        if day > horizon:
            return None
        value = measure(day)
    return day if day > on else None


def first_below(
    measure: WindowTotal, segments: list[Segment], on: int, target: int, years: int
) -> int | None:
    """First day after `on` on which `measure` drops below `target` (None: never).

    Safe jumps: over k days the window start moves at most k + 1 days (a skipped 29 February),
    and each dropped day held at most 3,000 units, so a surplus s is safe for s // 6000 days.
    Also, nothing leaves the window until its start passes the first worked day in it (work
    still to come only adds), so the search jumps to the last day whose window still starts on
    or before that day: work that ended years ago is not walked through day by day. And once
    only ongoing work fills the window, the total stays put (give or take a day's work): with a
    surplus of more than a day's work, it never drops.
    """
    horizon = _horizon(segments, on, years)
    day = on
    value = measure(day)
    while value >= target:
        step = (value - target) // (2 * FULL_TIME_WEEKLY) + 1
        window_start = window_start_ordinal(day, years)
        if step > 1 and _steady(segments, window_start):
            return None  # the total only varies by a day's work, less than the surplus
        first_worked = _first_worked_day(segments, window_start, day)
        if first_worked is not None:
            # the window of that day starts on first_worked or (29 February) the day before
            kept = add_years(date.fromordinal(first_worked), years).toordinal()
            step = max(step, kept - day)
        day += step
        if day > horizon:
            return None
        value = measure(day)
    return day if day > on else None


def mark_crossings(
    segments: list[Segment], on: int, value: int, marks: tuple[int, ...], years: int
) -> list[tuple[int, int]]:
    """When the `years`-year window total of `segments`, `value` on day `on`, changes step on a
    ladder of `marks`: (day, mark) for the first day after `on` it reaches the next mark above
    `value`, and for the first day it falls below the mark it holds now (the only days on which
    its step can change). Either is left out when it never happens, as recorded."""
    if not segments:
        return []
    measure = window_total(segments, years)
    crossings: list[tuple[int, int]] = []
    above = [mark for mark in marks if mark > value]
    held = [mark for mark in marks if mark <= value]
    if above:
        day = first_reaching(measure, segments, on, min(above), years)
        if day is not None:
            crossings.append((day, min(above)))
    if held:
        day = first_below(measure, segments, on, max(held), years)
        if day is not None:
            crossings.append((day, max(held)))
    return crossings


def _steady(segments: Iterable[Segment], first: int) -> bool:
    """Every period either ended before `first` or is ongoing since `first` or earlier: from
    now on a window starting on `first` or later holds the same work every day, and its total
    changes only with the window's length in days (by one day's work, 29 February)."""
    return all(
        (end is None and start <= first) or (end is not None and end < first)
        for start, end, _ in segments
    )


def _first_worked_day(segments: Iterable[Segment], first: int, last: int) -> int | None:
    """The first day in first..last that some segment covers (None: none does)."""
    found: int | None = None
    for start, end, _ in segments:
        if start <= last and (end is None or end >= first):
            day = start if start > first else first
            if found is None or day < found:
                found = day
    return found


MeasureFactory = Callable[[list[Segment], int], WindowTotal]


def pools_pass_from(
    factory: MeasureFactory, pools: Iterable[list[Segment]], on: int, target: int, years: int
) -> date | None:
    """First day after `on` on which ANY pool (e.g. one occupation) reaches `target`."""
    days = [first_reaching(factory(s, years), s, on, target, years) for s in pools]
    known = [day for day in days if day is not None]
    return date.fromordinal(min(known)) if known else None


def pools_dates(
    factory: MeasureFactory,
    pools: Iterable[list[Segment]],
    on: int,
    target: int,
    years: int,
    passed: bool,
) -> tuple[date | None, date | None]:
    """(passes_on, stops_on) of a rule met when any pool reaches `target`: for a rule that
    `passed` on `on`, the day it stops; otherwise the day it starts."""
    if passed:
        return None, pools_pass_until(factory, pools, on, target, years)
    return pools_pass_from(factory, pools, on, target, years), None


def pools_pass_until(
    factory: MeasureFactory, pools: Iterable[list[Segment]], on: int, target: int, years: int
) -> date | None:
    """First day after `on` on which NO pool meets `target` any more (None: never).

    Only the pools that pass matter: a pool below the target now (a short job in another
    occupation) cannot keep the rule passing, so it must not turn the answer into "never". The
    rule surely passes until the last passing pool falls below; on that day every pool is
    checked again, because another one may have reached the target meanwhile (work still
    running), and the search goes on from there.
    """
    measures = [(factory(segments, years), segments) for segments in pools]
    day = on
    while True:
        passing = [(measure, segments) for measure, segments in measures if measure(day) >= target]
        if not passing:
            return date.fromordinal(day) if day > on else None
        latest = day
        for measure, segments in passing:
            below = first_below(measure, segments, day, target, years)
            if below is None:  # this pool never falls below: neither does the rule
                return None
            latest = max(latest, below)
        day = latest  # strictly later than `day`: first_below only returns later days
