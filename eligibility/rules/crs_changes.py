"""When does a CRS score change by itself? Candidate dates for `crs_score`'s next_change_on.

Covered: birthdays that change age points; the expiry of any valid language test and of any
dated ECA (the candidate's or the spouse's); the day Canadian experience (the candidate's or
the counted spouse's) completes another year or falls back as work leaves the 10-year window;
the day foreign experience changes band (1 or 3 years); the start of a new rule set; a change of
the list of certificate trades (for a certificate holder); the switch to NOC 2021 (for work in
an occupation whose skill status it changed). `crs_score` checks each date by recomputing the
score and reports the first that changes the total; `outlook.crs_projection` walks them to list
every change over a period.

Each date comes with its causes, a stable code and a sentence each (a birthday and a test
expiry may fall on the same day).
"""

from __future__ import annotations

from datetime import date

from .dates import birthday_reaching
from .facts import LEVEL_LABEL, Facts, eca_expires_on, eca_valid
from .hours import Segment, mark_crossings
from .model import Education
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
    segments: list[Segment], on: int, current: int, thresholds: tuple[int, ...], whose: str
) -> list[tuple[int, str]]:
    """Days on which the 10-year total crosses the next threshold above or the one below, with
    a sentence: "your Canadian work experience reaches 2 years"."""
    days: list[tuple[int, str]] = []
    for day, mark in mark_crossings(segments, on, current, thresholds, CRS_WINDOW_YEARS):
        if mark > current:
            days.append((day, f"{whose} reaches {_years(mark // YEAR_UNITS)}"))
        else:
            text = (
                f"{whose} falls below {_years(mark // YEAR_UNITS)} (older work leaves the 10 years)"
            )
            days.append((day, text))
    return days


def _years(count: int) -> str:
    return f"{count} year{'s' if count != 1 else ''}"


#: Why a score may change on a date: (code, sentence).
Cause = tuple[str, str]

BIRTHDAY = "birthday"
TEST_EXPIRES = "test_expires"
SPOUSE_TEST_EXPIRES = "spouse_test_expires"
CANADIAN_EXPERIENCE = "canadian_experience"
FOREIGN_EXPERIENCE = "foreign_experience"
SPOUSE_CANADIAN_EXPERIENCE = "spouse_canadian_experience"
RULE_SET = "rule_set"
CERTIFICATE_TRADES = "certificate_trades"
NOC_2021 = "noc_2021"
ECA_EXPIRES = "eca_expires"
SPOUSE_ECA_EXPIRES = "spouse_eca_expires"


#: A date on which the score may change, and why: (date, code, sentence).
Change = tuple[date, str, str]


def change_dates(facts: Facts) -> dict[date, list[Cause]]:
    """Dates after the facts' date on which the score may change, with their causes."""
    found: dict[date, list[Cause]] = {}
    for day, code, why in [
        *_personal_dates(facts),
        *_experience_dates(facts),
        *_rule_dates(facts),
    ]:
        if day > facts.on:
            causes = found.setdefault(day, [])
            if (code, why) not in causes:
                causes.append((code, why))
    return found


def _personal_dates(facts: Facts) -> list[Change]:
    """The next birthday that changes age points, and the expiry of each valid test and ECA
    (the candidate's, and the counted spouse's)."""
    candidate = facts.candidate
    changes: list[Change] = []
    current_age_points = CRS_AGE.get(facts.age, (0, 0))
    for age in range(facts.age + 1, 46):
        if CRS_AGE.get(age, (0, 0)) != current_age_points:
            changes.append(
                (birthday_reaching(candidate.birth_date, age), BIRTHDAY, f"you turn {age}")
            )
            break
    for test in facts.tests:
        changes.append((test.expires_on, TEST_EXPIRES, f"your {test.name} result expires"))
    for test in facts.spouse_tests:
        why = f"your spouse's {test.name} result expires"
        changes.append((test.expires_on, SPOUSE_TEST_EXPIRES, why))
    for expiry, level in _eca_expiries(candidate.education, facts.on):
        changes.append((expiry, ECA_EXPIRES, f"your ECA for your {level} expires"))
    spouse = candidate.spouse
    if facts.spouse_counts and spouse is not None:
        for expiry, level in _eca_expiries(spouse.education, facts.on):
            why = f"your spouse's ECA for their {level} expires"
            changes.append((expiry, SPOUSE_ECA_EXPIRES, why))
    return changes


def _eca_expiries(education: tuple[Education, ...], on: date) -> list[tuple[date, str]]:
    """(expiry, level's label) of each ECA valid on `on` whose issue date is known."""
    expiries = []
    for entry in education:
        if eca_valid(entry, on):
            expiry = eca_expires_on(entry)
            if expiry is not None:
                expiries.append((expiry, LEVEL_LABEL[entry.level]))
    return expiries


def _experience_dates(facts: Facts) -> list[Change]:
    """The days Canadian (the candidate's and the counted spouse's) and foreign experience
    reach or lose a year that changes points."""
    year_marks = tuple(years * YEAR_UNITS for years in range(1, 6))
    pools = [
        (
            CANADIAN_EXPERIENCE,
            facts.work.canadian_segments(),
            facts.canadian_units(CRS_WINDOW_YEARS),
            year_marks,
            "your Canadian work experience",
        ),
        (
            FOREIGN_EXPERIENCE,
            facts.work.foreign,
            facts.foreign_units(CRS_WINDOW_YEARS),
            (YEAR_UNITS, 3 * YEAR_UNITS),
            "your foreign work experience",
        ),
    ]
    if facts.spouse_counts and facts.spouse_work is not None:
        pools.append(
            (
                SPOUSE_CANADIAN_EXPERIENCE,
                facts.spouse_work.canadian_segments(),
                facts.spouse_canadian_units(CRS_WINDOW_YEARS),
                year_marks,
                "your spouse's Canadian work experience",
            )
        )
    return [
        (date.fromordinal(day), code, why)
        for code, segments, current, marks, whose in pools
        for day, why in _experience_changes(segments, facts.on_ord, current, marks, whose)
    ]


def _rule_dates(facts: Facts) -> list[Change]:
    """A new CRS rule set, a change of the certificate trades (for a certificate holder), the
    switch to NOC 2021 (for work whose skill status it changed)."""
    on = facts.on
    changes: list[Change] = [
        (start, RULE_SET, f"the rules change ({crs_rule_set(start).code})")
        for start in crs_rule_set_changes_after(on)
    ]
    if facts.candidate.certificate_of_qualification:
        why = "IRCC's list of certificate trades changes"
        changes += [
            (start, CERTIFICATE_TRADES, why) for start in certificate_trades_changes_after(on)
        ]
    if facts.work.not_yet_skilled or facts.work.skilled_under_noc_2016:
        changes.append((NOC_2021_FROM, NOC_2021, "IRCC switches to NOC 2021"))
    return changes
