"""Experience arithmetic (docs/rules.md §1.2, §1.3) against a day-by-day reference.

The engine sweeps over period breakpoints and jumps ahead when projecting; the reference below
is the plain per-day loop of docs/rules.md Appendix A in exact integers, so any shortcut that
drops or double-counts a day fails these properties.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.rules.dates import add_years, age_on, window_start
from eligibility.rules.hours import (
    Segment,
    best_block_units,
    continuous_blocks,
    first_below,
    first_reaching,
    mark_crossings,
    pools_pass_until,
    units,
    weight,
    window_best_block,
    window_total,
)
from eligibility.rules.tables import YEAR_UNITS

BASE = date(2024, 1, 1).toordinal()  # a leap year inside the range exercises 29 February


def day_units(segments: list[Segment], day: int) -> int:
    level = sum(h for start, end, h in segments if start <= day and (end is None or day <= end))
    return min(level, 3000)


def reference_units(segments: list[Segment], first: int, last: int) -> int:
    return sum(day_units(segments, day) for day in range(first, last + 1))


class Reference:
    """Day-by-day levels with prefix sums, so each window total is one subtraction."""

    def __init__(self, segments: list[Segment], first: int, last: int) -> None:
        self.first = first
        self.prefix = [0]
        for day in range(first, last + 1):
            self.prefix.append(self.prefix[-1] + day_units(segments, day))

    def between(self, low: int, high: int) -> int:
        low = max(low, self.first)
        if high < low:
            return 0
        return self.prefix[high - self.first + 1] - self.prefix[low - self.first]

    def window(self, day: int, years: int) -> int:
        return self.between(add_years(date.fromordinal(day), -years).toordinal(), day)


segments_strategy = st.lists(
    st.tuples(
        st.integers(0, 1400),
        st.one_of(st.none(), st.integers(0, 500)),
        st.sampled_from([500, 1500, 2000, 2250, 3000, 4000]),
    ).map(lambda t: (BASE + t[0], None if t[1] is None else BASE + t[0] + t[1], t[2])),
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(segments_strategy, st.integers(0, 1500), st.integers(0, 800))
def test_units_equal_the_day_by_day_sum(segments: list[Segment], first: int, length: int) -> None:
    low = BASE + first
    assert units(segments, low, low + length) == reference_units(segments, low, low + length)


@settings(max_examples=80, deadline=None)
@given(segments_strategy, st.integers(0, 1500), st.sampled_from([1, 2, 3]))
def test_first_reaching_finds_the_first_passing_day(
    segments: list[Segment], offset: int, years: int
) -> None:
    on = BASE + offset
    target = 1560 * 700 * years // 3 + 1
    measure = window_total(segments, years)
    if measure(on) >= target:
        return
    found = first_reaching(measure, segments, on, target, years)
    horizon = on + 366 * (years + 6)
    reference = Reference(segments, BASE - 366 * 4, horizon)
    expected = next(
        (d for d in range(on + 1, horizon) if reference.window(d, years) >= target), None
    )
    assert found == expected


@settings(max_examples=80, deadline=None)
@given(segments_strategy, st.integers(0, 1500), st.sampled_from([1, 2, 3]))
def test_first_below_finds_the_first_failing_day(
    segments: list[Segment], offset: int, years: int
) -> None:
    on = BASE + offset
    target = 1560 * 700 * years // 4
    measure = window_total(segments, years)
    if measure(on) < target:
        return
    found = first_below(measure, segments, on, target, years)
    horizon = on + 366 * (years + 6)
    reference = Reference(segments, BASE - 366 * 4, horizon)
    expected = next(
        (d for d in range(on + 1, horizon) if reference.window(d, years) < target), None
    )
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(segments_strategy, st.integers(0, 1500))
def test_first_reaching_for_continuous_blocks(segments: list[Segment], offset: int) -> None:
    on = BASE + offset
    target = 780 * 700
    measure = window_best_block(segments, 3)
    if measure(on) >= target:
        return

    # The blocks of any earlier day are the horizon's blocks cut back to that day (a chain's
    # prefix is still a chain), so per-block prefix sums give the exact reference.
    horizon = on + 366 * 9
    blocks = [
        Reference(block, BASE - 366 * 4, horizon) for block in continuous_blocks(segments, horizon)
    ]
    found = first_reaching(measure, segments, on, target, 3)
    expected = next(
        (
            d
            for d in range(on + 1, horizon)
            if max((block.window(d, 3) for block in blocks), default=0) >= target
        ),
        None,
    )
    assert found == expected


def test_364_full_time_days_make_exactly_1560_hours() -> None:
    start = date(2025, 3, 1).toordinal()
    assert units([(start, start + 363, 3000)], start, start + 363) == 1560 * 700
    assert units([(start, start + 362, 3000)], start, start + 362) < 1560 * 700


def test_concurrent_periods_are_capped_at_30_hours_a_week() -> None:
    start = date(2025, 3, 1).toordinal()
    both = [(start, None, weight(25)), (start, None, weight(20))]
    assert units(both, start, start + 6) == 7 * 3000


def test_a_gap_of_one_day_starts_a_new_block() -> None:
    a = (BASE, BASE + 9, 3000)
    joined = (BASE + 10, BASE + 19, 3000)
    gapped = (BASE + 11, BASE + 19, 3000)
    assert len(continuous_blocks([a, joined], BASE + 30)) == 1
    assert len(continuous_blocks([a, gapped], BASE + 30)) == 2
    assert best_block_units([a, gapped], BASE, BASE + 30) == 10 * 3000


def test_weight_holds_hundredths_exactly() -> None:
    assert weight(37.5) == 3750
    assert weight(22.25) == 2225
    assert weight(0.1) == 10


def test_windows_start_on_the_same_date_and_29_february_becomes_28() -> None:
    assert window_start(date(2026, 2, 19), 3) == date(2023, 2, 19)
    assert window_start(date(2028, 2, 29), 3) == date(2025, 2, 28)


def test_age_changes_on_the_birthday() -> None:
    assert age_on(date(1995, 3, 17), date(2026, 3, 16)) == 30
    assert age_on(date(1995, 3, 17), date(2026, 3, 17)) == 31
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26


# --- several pools (one per occupation): the rule passes while any pool passes ---------------


def reference_pools_until(
    pools: list[list[Segment]], on: int, target: int, years: int
) -> int | None:
    horizon = on + 366 * (years + 6)
    references = [Reference(pool, BASE - 366 * 4, horizon) for pool in pools]
    return next(
        (
            day
            for day in range(on + 1, horizon)
            if all(reference.window(day, years) < target for reference in references)
        ),
        None,
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(segments_strategy, min_size=1, max_size=3), st.integers(0, 1500))
def test_pools_pass_until_is_the_first_day_no_pool_passes(
    pools: list[list[Segment]], offset: int
) -> None:
    on = BASE + offset
    target = 1560 * 700 // 3
    if all(window_total(pool, 1)(on) < target for pool in pools):
        return
    found = pools_pass_until(window_total, pools, on, target, 1)
    expected = reference_pools_until(pools, on, target, 1)
    assert (found.toordinal() if found is not None else None) == expected


def test_a_short_job_in_another_occupation_does_not_erase_when_the_rule_stops() -> None:
    # 488 full-time days of one occupation, and 59 days of another that never reach the target.
    long: list[Segment] = [(date(2023, 9, 1).toordinal(), date(2024, 12, 31).toordinal(), 3000)]
    short: list[Segment] = [(date(2025, 1, 1).toordinal(), date(2025, 2, 28).toordinal(), 3000)]
    on = date(2026, 6, 1).toordinal()
    alone = pools_pass_until(window_total, [long], on, 1560 * 700, 3)
    assert alone == date(2027, 1, 4)
    assert pools_pass_until(window_total, [long, short], on, 1560 * 700, 3) == alone
    assert pools_pass_until(window_total, [short, long], on, 1560 * 700, 3) == alone


@settings(max_examples=80, deadline=None)
@given(segments_strategy, st.integers(0, 1500), st.sampled_from([1, 3]))
def test_first_below_for_continuous_blocks_and_ongoing_work(
    segments: list[Segment], offset: int, years: int
) -> None:
    """The jumps over ended work and the stop once only ongoing work fills the window."""
    on = BASE + offset
    target = 780 * 700 * years // 2
    measure = window_best_block(segments, years)
    if measure(on) < target:
        return
    found = first_below(measure, segments, on, target, years)
    horizon = on + 366 * (years + 6)
    expected = next((d for d in range(on + 1, horizon) if measure(d) < target), None)
    assert found == expected


YEAR = YEAR_UNITS  # a year of full-time work


def test_mark_crossings_gives_the_next_mark_reached_and_the_held_mark_lost() -> None:
    # Full time from BASE for 18 months, then nothing: it holds the 1-year mark on day 400,
    # never reaches 2 years, and falls below 1 year as the oldest work leaves a 2-year window.
    end = BASE + 547
    segments: list[Segment] = [(BASE, end, 3000)]
    on = BASE + 400
    value = window_total(segments, 2)(on)
    crossings = mark_crossings(segments, on, value, (YEAR, 2 * YEAR), 2)
    assert crossings == [(first_below(window_total(segments, 2), segments, on, YEAR, 2), YEAR)]
    assert crossings[0][0] > end


def test_mark_crossings_of_ongoing_work_reaches_the_next_mark_and_keeps_the_held_one() -> None:
    segments: list[Segment] = [(BASE, None, 3000)]
    on = BASE + 400
    value = window_total(segments, 10)(on)
    crossings = mark_crossings(segments, on, value, (YEAR, 2 * YEAR), 10)
    reached = first_reaching(window_total(segments, 10), segments, on, 2 * YEAR, 10)
    assert crossings == [(reached, 2 * YEAR)]


def test_mark_crossings_without_work_is_empty() -> None:
    assert mark_crossings([], BASE, 0, (YEAR,), 10) == []
