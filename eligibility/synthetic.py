"""Deterministic synthetic candidates for benchmarks, demos and seeding (no Django, no clock).

`synthetic_candidates(count, seed=..., on=...)` yields the same candidates for the same
arguments (and the first n of a larger run equal a run of n). The mix aims at realism, not at
flattering any rule: ages 20-50, credentials with and without ECA, English and French tests (some
expired, some PTE Core taken before it was accepted), 0-4 jobs per person across real NOC 2021
unit groups (physicians, nurses, software, trades, managers, service work), in Canada and
abroad, part-time, overlapping and ongoing, some self-employed, during full-time study or without
authorization, about 35 % with a spouse or partner, some nominations and job offers, and pool
entry times within the 14 months before `on`. Every candidate passes `parse_candidate` with
`today=on`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from eligibility.rules import (
    Candidate,
    Education,
    EducationLevel,
    JobOffer,
    LanguageTest,
    MaritalStatus,
    Spouse,
    TefScale,
    TestKind,
    WorkPeriod,
)
from eligibility.rules.dates import add_years

# Real NOC 2021 unit groups, grouped by the kind of career a synthetic person follows.
CAREERS: dict[str, tuple[str, ...]] = {
    "physician": ("31100", "31101", "31102"),
    "health": ("31301", "32101", "33102", "31120", "31110", "31202"),
    "software": ("21231", "21232", "21211", "21220", "20012", "22220"),
    "engineering": ("21300", "21301", "21310", "22300"),
    "trades": ("72106", "72200", "72310", "72410", "73300", "63200", "63201", "62200"),
    "business": ("11100", "11102", "12200", "13100", "13110", "10010", "00012", "00013"),
    "education": ("41200", "41220", "42202", "43100"),
    "service": ("64100", "65200", "75101", "44101", "94100", "62020", "60020"),
}
CAREER_WEIGHTS = {
    "physician": 4,
    "health": 14,
    "software": 18,
    "engineering": 8,
    "trades": 14,
    "business": 16,
    "education": 8,
    "service": 18,
}
FOREIGN_COUNTRIES = ("IN", "PH", "NG", "CN", "GB", "FR", "BR", "MX", "PK", "IR", "US", "MA")

LEVELS = (
    (EducationLevel.SECONDARY, 8),
    (EducationLevel.ONE_YEAR, 6),
    (EducationLevel.TWO_YEAR, 12),
    (EducationLevel.BACHELORS, 36),
    (EducationLevel.TWO_OR_MORE, 10),
    (EducationLevel.MASTERS, 23),
    (EducationLevel.DOCTORAL, 5),
)
YEARS_BY_LEVEL = {
    EducationLevel.SECONDARY: 4,
    EducationLevel.ONE_YEAR: 1,
    EducationLevel.TWO_YEAR: 2,
    EducationLevel.BACHELORS: 4,
    EducationLevel.TWO_OR_MORE: 4,
    EducationLevel.MASTERS: 2,
    EducationLevel.DOCTORAL: 4,
}


def _pick(rng: random.Random, weighted: dict[str, int]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _days_before(on: date, rng: random.Random, low: int, high: int) -> date:
    return on - timedelta(days=rng.randint(low, high))


def _birth_date(rng: random.Random, on: date) -> date:
    age = min(50, max(20, round(rng.gauss(31, 6))))
    return add_years(on, -(age + 1)) + timedelta(days=rng.randint(1, 364))


def _education(rng: random.Random, on: date, spouse: bool = False) -> tuple[Education, ...]:
    levels, weights = zip(*LEVELS, strict=True)
    level = rng.choices(levels, weights=weights)[0]
    canadian = rng.random() < (0.12 if spouse else 0.2)
    eca = not canadian and rng.random() < 0.75
    # Half the ECAs carry their date, up to six years back (some have expired)
    issued = on - timedelta(days=rng.randint(30, 6 * 365)) if eca and rng.random() < 0.5 else None
    entries = [Education(level, canadian, YEARS_BY_LEVEL[level], eca, issued)]
    if rng.random() < 0.12:  # a second, Canadian, credential
        entries.append(Education(EducationLevel.TWO_YEAR, True, rng.choice((1, 2)), False))
    return tuple(entries)


def _english_test(rng: random.Random, on: date) -> LanguageTest:
    kind = rng.choices(
        (TestKind.IELTS_GENERAL, TestKind.CELPIP_GENERAL, TestKind.PTE_CORE), weights=(50, 35, 15)
    )[0]
    taken_on = _days_before(on, rng, 20, 900)  # about one in six is older than two years
    skill = rng.gauss(0, 1)

    def score(low: float, high: float, step: float) -> float:
        raw = low + (high - low) * min(1.0, max(0.0, 0.55 + 0.2 * skill + rng.gauss(0, 0.12)))
        return round(raw / step) * step

    if kind is TestKind.IELTS_GENERAL:
        values = [score(4.0, 9.0, 0.5) for _ in range(4)]
    elif kind is TestKind.CELPIP_GENERAL:
        values = [score(4, 12, 1) for _ in range(4)]
    else:
        values = [score(30, 90, 1) for _ in range(4)]
    if kind is not TestKind.IELTS_GENERAL:
        values = [int(value) for value in values]
    listening, reading, writing, speaking = values
    return LanguageTest(kind, taken_on, listening, reading, writing, speaking)


def _french_test(rng: random.Random, on: date) -> LanguageTest:
    taken_on = _days_before(on, rng, 20, 800)
    level = rng.random()
    if rng.random() < 0.6:
        values = [min(699, int(300 + 380 * level + rng.randint(-40, 40))) for _ in range(4)]
        listening, reading, writing, speaking = values
        # On the current scale: low results would otherwise fit both scales (a question)
        return LanguageTest(
            TestKind.TEF_CANADA, taken_on, listening, reading, writing, speaking, TefScale.CURRENT
        )
    reading = min(699, int(330 + 360 * level + rng.randint(-30, 30)))
    listening = min(699, int(330 + 360 * level + rng.randint(-30, 30)))
    writing = min(20, max(0, int(4 + 16 * level + rng.randint(-2, 2))))
    speaking = min(20, max(0, int(4 + 16 * level + rng.randint(-2, 2))))
    return LanguageTest(TestKind.TCF_CANADA, taken_on, listening, reading, writing, speaking)


def _work(rng: random.Random, on: date, birth_date: date, career: str) -> tuple[WorkPeriod, ...]:
    # Everyone in the pool has worked: at least one job, the first never before age 19.
    jobs = rng.choices((1, 2, 3, 4), weights=(43, 30, 18, 9))[0]
    codes = CAREERS[career]
    earliest = add_years(birth_date, 19)
    periods: list[WorkPeriod] = []
    cursor = on - timedelta(days=rng.randint(0, 150))  # the most recent job ends near `on`
    moved_to_canada = rng.random() < 0.55
    for index in range(jobs):
        length = rng.randint(120, 1800)
        end: date | None = cursor
        if index == 0 and rng.random() < 0.55:
            end = None  # still working there
        start = cursor - timedelta(days=length)
        if start < earliest:
            if periods:
                break
            start = min(cursor, max(earliest, cursor - timedelta(days=120)))
        in_canada = moved_to_canada and index < rng.randint(1, 2)
        noc = rng.choice(codes) if rng.random() < 0.85 else rng.choice(CAREERS["service"])
        hours = 40.0 if rng.random() < 0.75 else float(rng.choice((15, 20, 22.5, 25, 30)))
        self_employed = rng.random() < (0.4 if career == "physician" and in_canada else 0.04)
        student = in_canada and index > 0 and rng.random() < 0.2
        authorized = not in_canada or rng.random() > 0.03
        # Most self-employed physicians in Canada bill a provincial or territorial health plan
        fee_for_service = self_employed and in_canada and noc in CAREERS["physician"]
        fee_for_service = fee_for_service and rng.random() < 0.9
        periods.append(
            WorkPeriod(
                noc=noc,
                country="CA" if in_canada else rng.choice(FOREIGN_COUNTRIES),
                start=start,
                end=end if end is None or end <= on else on,
                hours_per_week=hours,
                self_employed=self_employed,
                full_time_student=student,
                authorized=authorized,
                fee_for_service_public=fee_for_service,
            )
        )
        # The next (older) job ends before this one starts, or overlaps it a little, or
        # leaves a gap.
        cursor = start - timedelta(days=rng.choice((1, 1, 1, 2, 15, 60, -30)))
    return tuple(periods)


def _spouse(rng: random.Random, on: date) -> Spouse:
    career = _pick(rng, CAREER_WEIGHTS)
    birth = _birth_date(rng, on)
    tests = (_english_test(rng, on),) if rng.random() < 0.6 else ()
    return Spouse(
        accompanying=rng.random() < 0.85,
        citizen_or_pr=rng.random() < 0.1,
        education=_education(rng, on, spouse=True),
        language_tests=tests,
        work=_work(rng, on, birth, career)[:2],
    )


def _candidate(rng: random.Random, on: date) -> Candidate:
    birth = _birth_date(rng, on)
    career = _pick(rng, CAREER_WEIGHTS)
    partnered = rng.random() < 0.35
    marital = (
        rng.choice((MaritalStatus.MARRIED, MaritalStatus.COMMON_LAW))
        if partnered
        else rng.choices(
            (MaritalStatus.SINGLE, MaritalStatus.DIVORCED, MaritalStatus.SEPARATED),
            weights=(90, 7, 3),
        )[0]
    )
    # Everyone in the pool has a language test: English, French, or both.
    tests: list[LanguageTest] = []
    english = rng.random() < 0.92
    if english:
        tests.append(_english_test(rng, on))
    if not english or rng.random() < 0.15:
        tests.append(_french_test(rng, on))
    children = rng.choices((0, 1, 2, 3), weights=(60, 20, 15, 5))[0]
    offer = None
    if rng.random() < 0.08:
        offer = JobOffer(rng.choice(CAREERS[career]), rng.random() < 0.7)
    entry = None
    if rng.random() < 0.95:
        seconds = rng.randint(0, 14 * 30 * 86400)
        entry = datetime.combine(on, time(12), UTC) - timedelta(seconds=seconds)
    # Drawn in the order of the fields below, as before the certificate had a trade.
    spouse = _spouse(rng, on) if partnered else None
    education = _education(rng, on)
    work = _work(rng, on, birth, career)
    nominated = rng.random() < 0.05
    certificate = career == "trades" and rng.random() < 0.3
    # A certificate is in the trade of the person's latest trade job (or, failing one, welding);
    # chosen without drawing on `rng`, so the candidates that follow stay the same.
    trades = [period.noc for period in work if period.noc in CAREERS["trades"]]
    return Candidate(
        birth_date=birth,
        marital_status=marital,
        spouse=spouse,
        education=education,
        language_tests=tuple(tests),
        work=work,
        provincial_nomination=nominated,
        certificate_of_qualification=certificate,
        sibling_in_canada=rng.random() < 0.08,
        job_offer=offer,
        settlement_funds_cad=rng.choice((0, 5000, 12000, 16000, 22000, 30000, 45000, 60000)),
        family_size=1 + (1 if partnered else 0) + children,
        pool_entry=entry,
        reported_crs=None,
        licensed_in_canada=career == "physician" and rng.random() < 0.6,
        certificate_trade=(trades[0] if trades else "72106") if certificate else None,
    )


def synthetic_candidates(count: int, *, seed: int = 0, on: date) -> Iterator[Candidate]:
    """`count` realistic, valid candidates as of `on`, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, the same for the same seed)
    for _ in range(count):
        yield _candidate(rng, on)
