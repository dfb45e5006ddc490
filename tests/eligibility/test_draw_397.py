"""Issue acceptance on the imported round: draw 397, Physicians with Canadian Work Experience
(2026-Version 1), 391 invitations, cut-off 169, tie-break 2026-01-03 03:25:14 UTC."""

from __future__ import annotations

import datetime as dt

import pytest

from draws.models import Draw
from eligibility.adapters import draw_rule
from eligibility.rules import draw_outcome
from eligibility.rules.model import (
    Candidate,
    Education,
    EducationLevel,
    LanguageTest,
    WorkPeriod,
)
from eligibility.rules.model import (
    TestKind as Kind,
)

pytestmark = pytest.mark.django_db

HELD_ON = dt.date(2026, 2, 19)


def physician(months: int, country: str = "CA") -> Candidate:
    """31102 full time for `months` months up to the draw (job still held)."""
    start = HELD_ON - dt.timedelta(days=round(months * 365.25 / 12))
    return Candidate(
        birth_date=dt.date(1990, 3, 1),
        education=(Education(EducationLevel.MASTERS, canadian=False, years=6, eca=True),),
        language_tests=(LanguageTest(Kind.CELPIP_GENERAL, dt.date(2025, 5, 1), 9, 9, 9, 9),),
        work=(WorkPeriod("31102", country, start, None, 40),),
        settlement_funds_cad=30_000,
        pool_entry=dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC),
    )


@pytest.fixture
def draw_397(imported_draws):
    return draw_rule(Draw.objects.select_related("category").get(number="397"))


def test_a_physician_with_14_months_in_canada_is_eligible_and_invited(draw_397):
    outcome = draw_outcome(physician(14), draw_397)

    assert (outcome.in_pool, outcome.eligible, outcome.invited) == (True, True, True)
    assert outcome.crs >= 169
    assert outcome.cutoff == 169


@pytest.mark.parametrize(("months", "country"), [(11, "CA"), (14, "IN")])
def test_eleven_months_or_work_abroad_is_not_eligible_naming_months_found_and_needed(
    draw_397, months, country
):
    outcome = draw_outcome(physician(months, country), draw_397)

    assert (outcome.eligible, outcome.invited) == (False, False)
    experience = next(r for r in outcome.reasons if r.code == "category_experience")
    assert "12 months (1,560 h)" in experience.message
    found = dict(experience.numbers)["months_found"]
    assert found == (0 if country != "CA" else pytest.approx(11, abs=0.3))
    assert "in Canada" in experience.message


def test_the_engine_benchmark_times_round_397_as_imported(draw_397):
    from eligibility.management.commands.bench_engine import DRAW_397

    assert draw_397 == DRAW_397  # its copy once kept the superseded continuity rule
