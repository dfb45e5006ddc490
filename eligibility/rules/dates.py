"""Calendar arithmetic shared by every rule: years, windows and ages.

All of it is day-level and time-zone free: the engine works on calendar dates (a round's date, a
test date, a birthday). Instants (pool entry, a round's time) are compared as aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

ONE_DAY = timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """The same calendar date `years` later (negative: earlier); 29 February becomes 28 February.

    docs/rules.md §1.2: a "last N years" window starts on the same calendar date N years earlier,
    and 29 February maps to 28 February. The same convention serves test validity (2 years) and
    profile expiry (12 months).
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def add_years_instant(moment: datetime, years: int) -> datetime:
    """`add_years` for an aware instant, keeping the time of day."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


@lru_cache(maxsize=4096)
def window_start_ordinal(on_ordinal: int, years: int) -> int:
    """`window_start` on ordinals, memoised: every candidate of a round shares its windows."""
    return add_years(date.fromordinal(on_ordinal), -years).toordinal()


def window_start(on: date, years: int) -> date:
    """First day of the inclusive window of `years` years that ends on `on`."""
    return add_years(on, -years)


@lru_cache(maxsize=256)
def window_text(on: date, years: int) -> tuple[str, str]:
    """The window of `years` ending on `on` as two ISO dates, for sentences (memoised: every
    candidate of a round shares them)."""
    return window_start(on, years).isoformat(), on.isoformat()


def age_on(birth_date: date, on: date) -> int:
    """Age in completed years on `on`; it changes on the birthday itself.

    Someone born on 29 February turns a year older on 1 March in a common year (the day after
    28 February), the usual reading of "completed years" [INTERPRETATION: the sources are
    silent, docs/rules.md §8.3].
    """
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (1 if before_birthday else 0)


def birthday_in_year(birth_date: date, year: int) -> date:
    """The day the age changes in `year` (1 March for a 29 February birthday in a common year)."""
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def birthday_reaching(birth_date: date, age: int) -> date:
    """The day on which someone born on `birth_date` reaches `age` completed years."""
    return birthday_in_year(birth_date, birth_date.year + age)


def iso(day: date | None) -> str:
    """A date for a sentence: ISO 8601, or "never" for None."""
    return day.isoformat() if day is not None else "never"


def instant_text(moment: datetime) -> str:
    """An instant for a sentence, as the site writes it: 2026-02-19 14:24:23 UTC."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"
