"""Builders for engine tests: candidates described the way docs/rules.md §9 describes them
(an age, CLB levels, "Canadian 2 yrs"), turned into birth dates, test scores and work periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from eligibility.rules import (
    Candidate,
    Education,
    EducationLevel,
    JobOffer,
    LanguageTest,
    MaritalStatus,
    Spouse,
    TestKind,
    WorkPeriod,
)
from eligibility.rules.dates import add_years

#: A plain evaluation date for vectors that do not name a round (after the 2025-03-25 change).
ON = date(2026, 6, 1)
DAY = timedelta(days=1)

# Minimum TEF Canada (tests after 2023-12-10) scores for NCLC 4..10: listening, reading,
# writing, speaking (docs/rules.md §3.3.4 era C).
TEF_C_MINIMUM = {
    10: (546, 546, 558, 556),
    9: (503, 503, 512, 518),
    8: (462, 462, 472, 494),
    7: (434, 434, 428, 456),
    6: (393, 393, 379, 422),
    5: (352, 352, 330, 387),
    4: (306, 306, 268, 328),
}


def born(age: int, on: date = ON) -> date:
    """A birth date giving `age` completed years on `on`, the birthday 40 days before it."""
    return add_years(on, -age) - timedelta(days=40)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type,misc]  # year, month, day and more


def celpip(listening: int, reading: int, writing: int, speaking: int, taken: date) -> LanguageTest:
    """CELPIP-General levels equal CLB levels, so this builds any CLB profile."""
    return LanguageTest(TestKind.CELPIP_GENERAL, taken, listening, reading, writing, speaking)


def clb(level: int, taken: date = ON - 100 * DAY) -> LanguageTest:
    return celpip(level, level, level, level, taken)


def ielts(
    listening: float, reading: float, writing: float, speaking: float, taken: date = ON - 100 * DAY
) -> LanguageTest:
    return LanguageTest(TestKind.IELTS_GENERAL, taken, listening, reading, writing, speaking)


def nclc(level: int, taken: date = ON - 100 * DAY) -> LanguageTest:
    """A TEF Canada (era C) result at exactly NCLC `level` in all four abilities."""
    return LanguageTest(TestKind.TEF_CANADA, taken, *TEF_C_MINIMUM[level])


def degree(level: EducationLevel, *, canadian: bool = False, years: int = 4) -> Education:
    """A credential that counts: Canadian, or foreign with an ECA."""
    return Education(level, canadian, years, eca=not canadian)


MASTERS = degree(EducationLevel.MASTERS, years=2)
BACHELORS = degree(EducationLevel.BACHELORS)
PHD = degree(EducationLevel.DOCTORAL)
TWO_YEAR = degree(EducationLevel.TWO_YEAR, years=2)
ONE_YEAR = degree(EducationLevel.ONE_YEAR, years=1)
SECONDARY = degree(EducationLevel.SECONDARY)
TWO_OR_MORE = degree(EducationLevel.TWO_OR_MORE)


def job(
    noc: str,
    start: date,
    end: date | None = None,
    *,
    country: str = "CA",
    hours: float = 40,
    **flags: Any,
) -> WorkPeriod:
    return WorkPeriod(noc, country, start, end, hours, **flags)


def years_of_work(noc: str, years: float, ending: date, country: str = "CA") -> WorkPeriod:
    """Full-time work ending on `ending`, long enough for exactly `int(years)` completed years.

    365 days a year: k x 365 days hold k x 1,564 h, at least k years and less than k + 1.
    """
    days = round(years * 365)
    return job(noc, ending - (days - 1) * DAY, ending, country=country)


def experience(
    canadian: float = 0, foreign: float = 0, on: date = ON, noc: str = "21232"
) -> tuple[WorkPeriod, ...]:
    """Canadian years ending on `on`, foreign years just before them (same occupation)."""
    periods = []
    ending = on
    if canadian:
        periods.append(years_of_work(noc, canadian, ending))
        ending = periods[-1].start - DAY
    if foreign:
        periods.append(years_of_work(noc, foreign, ending, country="IN"))
    return tuple(periods)


def person(
    age: int,
    *,
    on: date = ON,
    education: tuple[Education, ...] = (BACHELORS,),
    tests: tuple[LanguageTest, ...] = (),
    work: tuple[WorkPeriod, ...] = (),
    spouse: Spouse | None = None,
    **fields: Any,
) -> Candidate:
    marital = fields.pop("marital_status", None)
    if marital is None:
        marital = MaritalStatus.MARRIED if spouse is not None else MaritalStatus.SINGLE
    family = fields.pop("family_size", 2 if spouse is not None else 1)
    return Candidate(
        birth_date=fields.pop("birth_date", born(age, on)),
        marital_status=marital,
        spouse=spouse,
        education=education,
        language_tests=tests,
        work=work,
        family_size=family,
        **fields,
    )


def partner(
    *,
    education: tuple[Education, ...] = (),
    tests: tuple[LanguageTest, ...] = (),
    work: tuple[WorkPeriod, ...] = (),
    accompanying: bool = True,
    citizen_or_pr: bool = False,
) -> Spouse:
    return Spouse(accompanying, citizen_or_pr, education, tests, work)


def offer(noc: str = "21232", lmia: bool = True) -> JobOffer:
    return JobOffer(noc, lmia)


def factor_points(breakdown: Any, code: str) -> int:
    """Points of one factor (0 when the factor is not listed)."""
    return sum(factor.points for factor in breakdown.factors if factor.code == code)


def reason(decision: Any, code: str) -> Any:
    matches = [r for r in decision.reasons if r.code == code]
    assert matches, f"no reason {code} in {[r.code for r in decision.reasons]}"
    return matches[0]


def numbers(reason_: Any) -> dict[str, Any]:
    return dict(reason_.numbers)
