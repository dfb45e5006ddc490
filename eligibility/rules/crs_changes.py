"""When does a CRS score change by itself? Candidate dates for `crs_score`'s next_change_on.

Covered: birthdays that change age points; the expiry of any valid language test (the
candidate's or the spouse's); the day Canadian experience (the candidate's or the counted
spouse's) completes another year or falls back as work leaves the 10-year window; the day
foreign experience changes band (1 or 3 years); the start of a new rule set; a change of the
list of certificate trades (for a certificate holder); the switch to NOC 2021 (for work in an
occupation whose skill status it changed). `crs_score` checks each date by recomputing the score
and reports the first that changes the total.
"""

from __future__ import annotations

from datetime import date

from .dates import birthday_reaching
from .facts import Facts
from .hours import Segment, first_below, first_reaching, window_total
from .tables import (
    CRS_AGE,
    CRS_WINDOW_YEARS,
    NOC_2021_FROM,
    YEAR_UNITS,
    certificate_trades_changes_after,
    crs_rule_set,
    crs_rule_set_changes_after,
)


def _experience_changes(
    segments: list[Segment], on: int, current: int, thresholds: tuple[int, ...]
) -> list[int]:
    """Days on which the 10-year total crosses the next threshold above or the one below."""
    measure = window_total(segments, CRS_WINDOW_YEARS)
    days: list[int] = []
    above = [t for t in thresholds if t > current]
    below = [t for t in thresholds if t <= current]
    if above:
        day = first_reaching(measure, segments, on, min(above), CRS_WINDOW_YEARS)
        if day is not None:
            days.append(day)
    if below:
        day = first_below(measure, segments, on, max(below), CRS_WINDOW_YEARS)
        if day is not None:
            days.append(day)
    return days


def change_dates(facts: Facts) -> dict[date, str]:
    """Dates after the facts' date on which the score may change, with the cause."""
    candidate = facts.candidate
    on = facts.on
    found: dict[date, str] = {}

    def add(day: date, why: str) -> None:
        if day > on and day not in found:
            found[day] = why

    current_age_points = CRS_AGE.get(facts.age, (0, 0))
    for age in range(facts.age + 1, 46):
        if CRS_AGE.get(age, (0, 0)) != current_age_points:
            add(birthday_reaching(candidate.birth_date, age), f"you turn {age}")
            break
    for test in facts.tests:
        add(test.expires_on, f"your {test.name} result expires")
    for test in facts.spouse_tests:
        add(test.expires_on, f"your spouse's {test.name} result expires")
    year_marks = tuple(years * YEAR_UNITS for years in range(1, 6))
    for day in _experience_changes(
        facts.work.canadian_segments(),
        facts.on_ord,
        facts.canadian_units(CRS_WINDOW_YEARS),
        year_marks,
    ):
        add(date.fromordinal(day), "your Canadian experience changes")
    for day in _experience_changes(
        facts.work.foreign,
        facts.on_ord,
        facts.foreign_units(CRS_WINDOW_YEARS),
        (YEAR_UNITS, 3 * YEAR_UNITS),
    ):
        add(date.fromordinal(day), "your foreign experience changes")
    if facts.spouse_counts and facts.spouse_work is not None:
        for day in _experience_changes(
            facts.spouse_work.canadian_segments(),
            facts.on_ord,
            facts.spouse_canadian_units(CRS_WINDOW_YEARS),
            year_marks,
        ):
            add(date.fromordinal(day), "your spouse's Canadian experience changes")
    for start in crs_rule_set_changes_after(on):
        add(start, f"the rules change ({crs_rule_set(start).code})")
    if candidate.certificate_of_qualification:
        for start in certificate_trades_changes_after(on):
            add(start, "IRCC's list of certificate trades changes")
    if facts.work.not_yet_skilled or facts.work.skilled_under_noc_2016:
        add(NOC_2021_FROM, "IRCC switches to NOC 2021")
    return found
