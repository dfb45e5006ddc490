"""Input checks shared by the forms, the candidate JSON parser and the API.

Each check returns a sentence for people (or None when the value is fine) so callers can show it
next to the field. The engine itself never rejects input: it evaluates what it is given.

Score scales (docs/rules.md §3.3):

- IELTS General Training: 0 to 9 in steps of 0.5.
- CELPIP-General: whole levels 0 to 12, where 0 stands for a result below level 1 ("M" or
  "NA" on the score report) [DECISION: docs/rules.md §3.3.2 lists levels only from CLB 4 up;
  accepting 0-3 lets people record weak results, which convert to "below CLB 4"].
- PTE Core: whole numbers 10 to 90.
- TEF Canada: whole numbers 0 to 699; for tests taken before 2019-10-01 (era A, old scale) the
  per-ability maxima are listening 360, reading 300, writing 450, speaking 450. A result on the
  old scale taken later must say so (`tef_scale_problems`), and so must any result whose scores
  fit both scales: the candidate is asked, never guessed for (docs/rules.md §3.3.4).
- TCF Canada: listening and reading 0 to 699, writing and speaking 0 to 20, whole numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from datetime import date

from .dates import add_years, age_on
from .language import TEF_OLD_SCALE_MAX, TEST_NAME, tef_scale_from_scores
from .model import Ability, TefScale, TestKind
from .tables import PHYSICIAN_NOCS, TEF_ERA_B_FROM

MIN_AGE = 16
MAX_AGE = 100

#: The first day of Express Entry: no round, profile submission or category before it.
EXPRESS_ENTRY_START = date(2015, 1, 1)
#: No date a profile records (a job, a test) is older; the engine's calendar arithmetic, which
#: steps decades back and forth from these dates, stays well inside Python's years 1 to 9999.
EARLIEST_DATE = date(1900, 1, 1)
#: How far ahead a date may lie (the planned end of a job, a category version, an evaluation).
YEARS_AHEAD = 10
MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 80

_NOC = re.compile(r"[0-9]{5}")
_COUNTRY = re.compile(r"[A-Z]{2}")

_ABILITIES = (Ability.LISTENING, Ability.READING, Ability.WRITING, Ability.SPEAKING)
_TEF_OLD_SCALE_MAX = dict(zip(_ABILITIES, TEF_OLD_SCALE_MAX, strict=True))
#: The question asked when TEF Canada scores fit both scales (on the `scale` field).
TEF_SCALE_QUESTION = (
    "These TEF Canada scores fit both the old scale (listening out of 360, reading 300, writing "
    "and speaking 450) and the current one (each ability out of 699): say which scale your "
    "results use"
)
MAX_MILITARY_YEARS = 60
MAX_OFFER_YEARS = 40


def _range_text(low: float, high: float, step: str) -> str:
    return f"from {low:g} to {high:g} {step}"


def score_problem(
    test: TestKind, ability: Ability, value: object, taken_on: date | None = None
) -> str | None:
    """Why `value` cannot be a `test` score for `ability` (None when it can).

    `taken_on` matters only for TEF Canada: before 2019-10-01 the old scale applies.
    """
    name = TEST_NAME[test]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"{name} {ability.value} must be a number"
    whole = float(value).is_integer()
    if test is TestKind.IELTS_GENERAL:
        if not 0 <= value <= 9 or not float(value * 2).is_integer():
            return f"IELTS scores go {_range_text(0, 9, 'in steps of 0.5')}, not {value:g}"
        return None
    if test is TestKind.CELPIP_GENERAL:
        if not whole or not 0 <= value <= 12:
            return (
                f"CELPIP levels are whole numbers {_range_text(0, 12, '')}"
                f"(0 for M or NA), not {value:g}"
            )
        return None
    if test is TestKind.PTE_CORE:
        if not whole or not 10 <= value <= 90:
            return f"PTE Core scores are whole numbers {_range_text(10, 90, '')}, not {value:g}"
        return None
    if test is TestKind.TEF_CANADA:
        high = 699
        scale = ""
        if taken_on is not None and taken_on < TEF_ERA_B_FROM:
            high = _TEF_OLD_SCALE_MAX[ability]
            scale = f" on the scale used before {TEF_ERA_B_FROM}"
        if not whole or not 0 <= value <= high:
            return (
                f"TEF Canada {ability.value} scores{scale} are whole numbers "
                f"{_range_text(0, high, '')}, not {value:g}"
            )
        return None
    high = 20 if ability in (Ability.WRITING, Ability.SPEAKING) else 699
    if not whole or not 0 <= value <= high:
        return (
            f"TCF Canada {ability.value} scores are whole numbers {_range_text(0, high, '')}, "
            f"not {value:g}"
        )
    return None


def latest_date(today: date) -> date:
    """The last date anything may hold: YEARS_AHEAD years from today."""
    return add_years(today, YEARS_AHEAD)


def date_range_problem(value: date, earliest: date, latest: date, what: str) -> str | None:
    """Why `value` is outside the dates `what` may hold (None when it is inside)."""
    if earliest <= value <= latest:
        return None
    return f"{what} must lie between {earliest} and {latest}, not {value}"


def pool_entry_problem(submitted_on: date, today: date) -> str | None:
    """An Express Entry profile is submitted between the first day of Express Entry and now."""
    if submitted_on > today:
        return "The submission time cannot be in the future"
    return date_range_problem(submitted_on, EXPRESS_ENTRY_START, today, "The submission date")


def tef_scale_problems(
    taken_on: date, scores: dict[Ability, float], scale: TefScale | None
) -> dict[str, str]:
    """Problems of a TEF Canada result's scale, keyed by field ("scale" or an ability name).

    `scores` holds the abilities whose values are valid numbers (all four for the question).
    """
    if scale is TefScale.OLD:
        return {
            ability.value: (
                f"On the old TEF Canada scale {ability.value} goes from 0 to "
                f"{_TEF_OLD_SCALE_MAX[ability]}, not {value:g}"
            )
            for ability, value in scores.items()
            if value > _TEF_OLD_SCALE_MAX[ability]
        }
    if scale is TefScale.CURRENT:
        if taken_on < TEF_ERA_B_FROM:
            return {
                "scale": f"TEF Canada tests taken before {TEF_ERA_B_FROM} were scored on the old "
                "scale"
            }
        return {}
    if len(scores) == len(_ABILITIES):
        ordered = (
            scores[Ability.LISTENING],
            scores[Ability.READING],
            scores[Ability.WRITING],
            scores[Ability.SPEAKING],
        )
        if tef_scale_from_scores(taken_on, ordered) is None:
            return {"scale": TEF_SCALE_QUESTION}
    return {}


def scale_problem(test: TestKind, scale: TefScale | None) -> str | None:
    """Only a TEF Canada result has a choice of scale."""
    if scale is not None and test is not TestKind.TEF_CANADA:
        return f"Only TEF Canada results have two scales, not {TEST_NAME[test]}"
    return None


def military_service_problems(start: date, end: date | None, today: date) -> dict[str, str]:
    """Problems of a period of military service, keyed by field name (start, end)."""
    problems: dict[str, str] = {}
    if start > today:
        problems["start"] = f"The start of your service, {start}, is in the future"
    elif start < add_years(today, -MAX_MILITARY_YEARS):
        problems["start"] = f"A service of more than {MAX_MILITARY_YEARS} years is not plausible"
    if end is not None and end < start:
        problems["end"] = f"The end of your service, {end}, is before its start, {start}"
    elif end is not None and (
        problem := date_range_problem(end, start, latest_date(today), "The end of your service")
    ):
        problems["end"] = problem
    return problems


def caf_offer_years_problem(years: object) -> str | None:
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_OFFER_YEARS:
        return f"The length of the offer is a whole number of years, from 1 to {MAX_OFFER_YEARS}"
    return None


def birth_date_problem(birth_date: date, today: date) -> str | None:
    if birth_date > today:
        return "Birth date is in the future"
    age = age_on(birth_date, today)
    if age < MIN_AGE:
        return f"You must be at least {MIN_AGE} (you are {age})"
    if age > MAX_AGE:
        return f"An age over {MAX_AGE} ({age}) is not plausible; check the birth date"
    return None


def work_period_problems(
    start: date, end: date | None, hours_per_week: object, today: date
) -> dict[str, str]:
    """Problems of one work period, keyed by field name (start, end, hours_per_week)."""
    problems: dict[str, str] = {}
    if start > today:
        problems["start"] = f"Start date {start} is in the future"
    elif problem := date_range_problem(start, EARLIEST_DATE, today, "The start date"):
        problems["start"] = problem
    if end is not None and end < start:
        problems["end"] = f"End date {end} is before the start date {start}"
    elif end is not None and (
        problem := date_range_problem(end, start, latest_date(today), "The end date")
    ):
        problems["end"] = problem
    if (
        isinstance(hours_per_week, bool)
        or not isinstance(hours_per_week, int | float)
        or not math.isfinite(hours_per_week)
        or not MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK
    ):
        problems["hours_per_week"] = (
            f"Hours per week must be between {MIN_HOURS_PER_WEEK} and {MAX_HOURS_PER_WEEK}"
        )
    return problems


def test_date_problem(taken_on: date, today: date) -> str | None:
    if taken_on > today:
        return f"Test date {taken_on} is in the future"
    return date_range_problem(taken_on, EARLIEST_DATE, today, "The test date")


def eca_date_problem(issued_on: date, today: date) -> str | None:
    """An ECA is issued by now, and not before the date of the oldest records."""
    if issued_on > today:
        return f"The ECA date {issued_on} is in the future"
    return date_range_problem(issued_on, EARLIEST_DATE, today, "The ECA date")


def noc_problem(noc: object, known: Collection[str] | None = None) -> str | None:
    """A NOC 2021 unit group is five digits, the second one its TEER (0-5)."""
    if not isinstance(noc, str) or not _NOC.fullmatch(noc):
        return "A NOC 2021 code is five digits, e.g. 21232"
    if noc[1] not in "012345":
        return f"{noc} is not a NOC 2021 unit group (the second digit is the TEER, 0 to 5)"
    if known is not None and noc not in known:
        return f"{noc} is not a NOC 2021 unit group"
    return None


def country_problem(country: object) -> str | None:
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        return 'A country is a two-letter ISO 3166 code in capitals, "CA" for Canada'
    return None


def fee_for_service_problem(noc: str, country: str, self_employed: bool) -> str | None:
    """Only self-employed physician work in Canada is paid fee-for-service by a health plan
    (docs/rules.md §5.5.1); the flag on any other job is a mistake worth saying."""
    if self_employed and country == "CA" and noc in PHYSICIAN_NOCS:
        return None
    return (
        "only self-employed physician work (NOC 31100, 31101 or 31102) in Canada can be paid "
        "fee-for-service by a health plan"
    )
