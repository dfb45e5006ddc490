"""Data migrations that correct shipped rows: they fix an unedited row and leave staff edits."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from draws.models import Category

pytestmark = pytest.mark.django_db

physicians_fix = importlib.import_module("draws.migrations.0002_physicians_not_continuous")


@pytest.mark.parametrize(
    ("notes", "continuous_after"),
    [
        pytest.param(physicians_fix.SHIPPED_BEFORE, False, id="shipped row: corrected"),
        pytest.param("Staff wrote this.", True, id="edited by staff: left alone"),
    ],
)
def test_the_physicians_row_loses_continuity_unless_staff_edited_it(
    categories, notes, continuous_after
):
    Category.objects.filter(slug=physicians_fix.SLUG).update(continuous=True, notes=notes)

    physicians_fix.correct(apps, None)

    assert Category.objects.get(slug=physicians_fix.SLUG).continuous is continuous_after


military_fix = importlib.import_module("draws.migrations.0006_military_rule_as_data")


@pytest.mark.parametrize(
    ("notes", "corrected"),
    [
        pytest.param(military_fix.SHIPPED_NOTES[0], True, id="shipped row citing RULES: corrected"),
        pytest.param(military_fix.SHIPPED_NOTES[1], True, id="shipped row citing docs: corrected"),
        pytest.param("Staff wrote this.", False, id="edited by staff: left alone"),
    ],
)
def test_the_military_row_gets_its_rule_as_data_unless_staff_edited_it(
    categories, notes, corrected
):
    Category.objects.filter(slug=military_fix.SLUG).update(
        other_conditions=military_fix.SHIPPED_CONDITIONS,
        notes=notes,
        min_education="",
        military_service_years=0,
        caf_offer_occupations=[],
        caf_offer_min_years=0,
    )

    before = Category.objects.get(slug=military_fix.SLUG).updated_at

    military_fix.correct(apps, None)

    row = Category.objects.get(slug=military_fix.SLUG)
    assert (row.updated_at > before) is corrected  # stored results of its draws become stale
    assert (row.military_service_years, row.caf_offer_min_years) == (
        (10, 3) if corrected else (0, 0)
    )
    assert row.min_education == ("two_year" if corrected else "")
    assert row.caf_offer_occupations == (["40042", "42102", "43204"] if corrected else [])
    assert (row.other_conditions == "") is corrected
