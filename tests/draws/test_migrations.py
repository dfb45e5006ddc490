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
