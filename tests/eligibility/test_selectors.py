"""The bulk read: on PostgreSQL rows come straight from the cursor; they must equal what the ORM
(with its converters) returns, or the engine would see other values than the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from eligibility import selectors
from profiles.models import CandidateProfile
from tests.factories import physician_profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [*selectors.ENTRY_COLUMNS, CandidateProfile])
def test_bulk_rows_equal_the_orms_converted_values(model):
    profiles = [
        physician_profile(pool_entry=dt.datetime(2025, 11, 20, 9, 0, 1, tzinfo=dt.UTC)),
        physician_profile(pool_entry=None, marital_status="married", spouse_accompanying=True),
    ]
    low, high = profiles[0].pk, profiles[-1].pk

    rows = selectors._rows(model, low, high)
    expected = list(selectors._range_values(model, low, high))

    assert rows
    assert [tuple(row) for row in rows] == expected
    types = [[type(value) for value in row] for row in rows]
    assert types == [[type(value) for value in row] for row in expected]


def recruit_profile() -> CandidateProfile:
    """E16a as a stored profile: a physician-shaped profile given a two-year diploma, twelve
    years of foreign military service, a CAF offer, a carpenter's certificate and an old-scale
    TEF result."""
    from draws.models import Occupation
    from tests.factories import LanguageTestFactory, OccupationFactory

    for code in ("42102", "72310"):
        if not Occupation.objects.filter(code=code).exists():
            OccupationFactory(code=code)
    profile = physician_profile(
        certificate_of_qualification=True,
        certificate_trade_id="72310",
        military_recognized=True,
        military_service_since=dt.date(2014, 3, 1),
        caf_offer_occupation_id="42102",
        caf_offer_years=3,
        caf_offer_full_time=True,
        settlement_funds_cad=30_000,
    )
    profile.education.update(level="two_year", years=2)
    LanguageTestFactory(
        profile=profile,
        test="tef_canada",
        taken_on=dt.date(2026, 1, 10),
        listening=316,
        reading=263,
        writing=393,
        speaking=393,
        scale="old",
    )
    return profile


def test_the_bulk_read_and_the_page_build_the_same_candidate_with_the_new_fields(
    django_assert_num_queries,
):
    from eligibility.adapters import candidate_from_profile
    from eligibility.rules import TefScale
    from profiles.selectors import profiles_with_entries

    profile = recruit_profile()
    loaded = profiles_with_entries().get(pk=profile.pk)

    with django_assert_num_queries(0):
        page = candidate_from_profile(loaded)
    [(_, bulk)] = selectors.candidates_for_evaluation([profile.pk])

    assert bulk == page
    assert page.certificate_trade == "72310"
    assert page.military_service is not None
    assert page.military_service.start == dt.date(2014, 3, 1)
    assert page.caf_offer is not None
    assert (page.caf_offer.noc, page.caf_offer.years) == ("42102", 3)
    assert [test.scale for test in page.language_tests] == [None, TefScale.OLD]


def test_e16a_stored_profile_is_eligible_for_the_shipped_military_category(categories):
    from draws.models import Category
    from eligibility.adapters import candidate_from_profile, category_rule
    from eligibility.rules import category_eligibility
    from profiles.selectors import profiles_with_entries

    profile = recruit_profile()
    candidate = candidate_from_profile(profiles_with_entries().get(pk=profile.pk))
    rule = category_rule(Category.objects.get(slug="military-2026-v1"))

    decision = category_eligibility(candidate, rule, dt.date(2026, 7, 23))

    assert decision.eligible, [r.message for r in decision.reasons if r.status.value == "unmet"]
    assert {"category_military_service", "category_caf_offer", "category_education"} <= {
        r.code for r in decision.reasons
    }
