"""The what-if: the profile with some factors changed, judged by the same engine and compared
with the profile as it is. Nothing is stored.

The changes are read as "had my profile been so": a test keeps its date with other scores, and
a test added (a French test, the spouse's) is dated a year ago less a day, so that it counts in
every round of the last 12 months and today alike; added work ends before the earliest job of
its kind. So the rounds of the last 12 months are judged with the same changed profile as today.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from draws.models import Category, Draw
from eligibility.adapters import category_rule, draw_rule
from eligibility.forms import WhatIfForm, test_field, yes_no
from eligibility.reason_text import factor_label
from eligibility.rules import (
    category_eligibility,
    crs_score,
    draw_outcome,
    program_eligibility,
)
from eligibility.rules.dates import add_years
from eligibility.rules.improvements import result_at
from eligibility.rules.language import ABILITIES
from eligibility.rules.model import (
    Candidate,
    CrsBreakdown,
    Decision,
    Education,
    EducationLevel,
    LanguageTest,
    Outcome,
    Program,
    Spouse,
    TestKind,
    WorkPeriod,
)

if TYPE_CHECKING:  # types only: django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

#: Years of study assumed for a credential added in the what-if (Canadian-education points).
YEARS_BY_LEVEL = {EducationLevel.ONE_YEAR: 1, EducationLevel.TWO_YEAR: 2}
#: The occupation of added work when the person has no skilled job to take it from (TEER 1).
FALLBACK_NOC = "11100"
DAYS_PER_MONTH = 365 / 12  # 12 months = 365 days, a full year of experience


@dataclass(frozen=True)
class FactorChange:
    label_before: str
    label_after: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class WhatIf:
    before: CrsBreakdown
    after: CrsBreakdown
    factors: list[FactorChange]
    sections: list[tuple[StrOrPromise, int, int]]
    programs: list[tuple[StrOrPromise, Decision, Decision]]
    categories: list[tuple[Category, Decision, Decision]]
    newly_invited: list[tuple[Draw, Outcome, Outcome]]
    no_longer_invited: list[tuple[Draw, Outcome, Outcome]]
    reported_crs_ignored: bool

    @property
    def gain(self) -> int:
        return self.after.total - self.before.total


# --- the changed candidate ----------------------------------------------------------------------


def _tests(form: WhatIfForm, data: dict[str, Any], today: date) -> tuple[LanguageTest, ...]:
    tests: list[LanguageTest] = []
    for index, test in form.tests:
        old = [Decimal(str(getattr(test, ability.value))) for ability in ABILITIES]
        new = [data.get(test_field(index, ability)) for ability in ABILITIES]
        scores = [
            value if value is not None else before for value, before in zip(new, old, strict=True)
        ]
        if scores != old:  # the same test with other results
            listening, reading, writing, speaking = (float(score) for score in scores)
            test = LanguageTest(
                test.test, test.taken_on, listening, reading, writing, speaking, test.scale
            )
        tests.append(test)
    kept = {index for index, _ in form.tests}
    tests += [test for index, test in enumerate(form.candidate.language_tests) if index not in kept]
    if data.get("french_test"):
        listening, reading, writing, speaking = (
            float(data[f"french_{ability.value}"]) for ability in ABILITIES
        )
        kind, taken_on = TestKind(data["french_test"]), added_test_date(today)
        tests.append(LanguageTest(kind, taken_on, listening, reading, writing, speaking))
    return tuple(tests)


def added_test_date(today: date) -> date:
    """A test added in the what-if counts on every date of the last 12 months and today."""
    return add_years(today, -1) + timedelta(days=1)


def _education(candidate: Candidate, data: dict[str, Any]) -> tuple[Education, ...]:
    entries = list(candidate.education)
    if data.get("eca"):
        entries = [
            entry
            if entry.canadian
            # an ECA had always: valid on every date (no issue date to check)
            else Education(entry.level, False, entry.years, data["eca"] == "yes", None)
            for entry in entries
        ]
    if data.get("education_level"):
        level = EducationLevel(data["education_level"])
        canadian = bool(data.get("education_canadian"))
        entries.append(Education(level, canadian, YEARS_BY_LEVEL.get(level, 4), eca=not canadian))
    return tuple(entries)


def _latest_skilled_noc(work: tuple[WorkPeriod, ...], country_ca: bool | None) -> str:
    """The NOC of the latest TEER 0-3 job (in Canada, abroad, or anywhere when None)."""
    jobs = [
        period
        for period in work
        if period.noc[1] in "0123" and (country_ca is None or period.in_canada == country_ca)
    ]
    if not jobs:
        return FALLBACK_NOC if country_ca is None else _latest_skilled_noc(work, None)
    return max(jobs, key=lambda period: period.start).noc


def _more_work(
    work: tuple[WorkPeriod, ...], months: int, *, in_canada: bool, today: date
) -> tuple[WorkPeriod, ...]:
    """`work` with `months` of full-time work added just before the earliest job of the same
    kind (in Canada or abroad), or ending today when there is none: it overlaps nothing of its
    kind, so every month counts."""
    if not months:
        return work
    same = [period for period in work if period.in_canada == in_canada]
    end = min(period.start for period in same) - timedelta(days=1) if same else today
    start = end - timedelta(days=round(months * DAYS_PER_MONTH) - 1)
    country = "CA" if in_canada else next((p.country for p in same), "US")
    noc = _latest_skilled_noc(work, in_canada)
    return (*work, WorkPeriod(noc, country, start, end, 40.0, authorized=True))


def _spouse(spouse: Spouse, data: dict[str, Any], today: date) -> Spouse:
    education = spouse.education
    if data.get("spouse_education_level"):
        level = EducationLevel(data["spouse_education_level"])
        education = (Education(level, False, YEARS_BY_LEVEL.get(level, 4), eca=True),)
    tests = spouse.language_tests
    if data.get("spouse_clb"):
        clb = int(data["spouse_clb"])
        tests = (result_at(TestKind.CELPIP_GENERAL, (clb, clb, clb, clb), added_test_date(today)),)
    work = _more_work(
        spouse.work, data.get("spouse_canadian_months") or 0, in_canada=True, today=today
    )
    return replace(spouse, education=education, language_tests=tests, work=work)


def whatif_candidate(form: WhatIfForm, today: date) -> Candidate:
    """The candidate with the form's changes (the form must be valid). The score IRCC shows
    is left out: it would not be the score after the changes."""
    candidate, data = form.candidate, form.cleaned_data
    work = _more_work(candidate.work, data.get("canadian_months") or 0, in_canada=True, today=today)
    work = _more_work(work, data.get("foreign_months") or 0, in_canada=False, today=today)
    spouse = candidate.spouse
    if spouse is not None and "spouse_clb" in form.fields:
        spouse = _spouse(spouse, data, today)
    return replace(
        candidate,
        language_tests=_tests(form, data, today),
        education=_education(candidate, data),
        work=work,
        spouse=spouse,
        provincial_nomination=yes_no(
            data["provincial_nomination"], candidate.provincial_nomination
        ),
        sibling_in_canada=yes_no(data["sibling_in_canada"], candidate.sibling_in_canada),
        reported_crs=None,
    )


# --- the comparison -----------------------------------------------------------------------------


def _factor_changes(before: CrsBreakdown, after: CrsBreakdown) -> list[FactorChange]:
    old = {factor.code: factor for factor in before.factors}
    new = {factor.code: factor for factor in after.factors}
    changes = []
    for code in [*old, *(code for code in new if code not in old)]:
        was, now = old.get(code), new.get(code)
        points_before, points_after = (was.points if was else 0), (now.points if now else 0)
        if points_before != points_after or (was and was.label) != (now and now.label):
            label_before = factor_label(was) if was else ""  # in the reader's language
            label_after = factor_label(now) if now else ""
            changes.append(FactorChange(label_before, label_after, points_before, points_after))
    return changes


def whatif_compare(
    candidate: Candidate,
    changed: Candidate,
    *,
    today: date,
    program_titles: dict[Program, StrOrPromise],
    categories: list[Category],
    draws: list[Draw],
) -> WhatIf:
    """The changed candidate against the candidate as is, today and in `draws` (both judged
    with their computed scores)."""
    as_is = replace(candidate, reported_crs=None)
    before, after = crs_score(as_is, today), crs_score(changed, today)
    programs_before, programs_after = (
        program_eligibility(as_is, today),
        program_eligibility(changed, today),
    )
    category_pairs = []
    for category in categories:
        rule = category_rule(category)
        pair = (
            category_eligibility(as_is, rule, today),
            category_eligibility(changed, rule, today),
        )
        if pair[0].eligible != pair[1].eligible:
            category_pairs.append((category, *pair))
    newly, no_longer = [], []
    for draw in draws:
        judged_by = draw_rule(draw)
        was, now = draw_outcome(as_is, judged_by), draw_outcome(changed, judged_by)
        if was.invited is not True and now.invited is True:
            newly.append((draw, was, now))
        elif was.invited is True and now.invited is not True:
            no_longer.append((draw, was, now))
    return WhatIf(
        before=before,
        after=after,
        factors=_factor_changes(before, after),
        sections=[
            (name, getattr(before, key), getattr(after, key))
            for name, key in (
                (_("A. Core / human capital"), "core"),
                (_("B. Spouse or partner"), "spouse"),
                (_("C. Skill transferability"), "transferability"),
                (_("D. Additional points"), "additional"),
            )
            if getattr(before, key) != getattr(after, key)
        ],
        programs=[
            (program_titles[program], programs_before[program], programs_after[program])
            for program in Program
            if programs_before[program].eligible != programs_after[program].eligible
        ],
        categories=category_pairs,
        newly_invited=newly,
        no_longer_invited=no_longer,
        reported_crs_ignored=candidate.reported_crs is not None,
    )
