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

    assert rows and [tuple(row) for row in rows] == expected
    types = [[type(value) for value in row] for row in rows]
    assert types == [[type(value) for value in row] for row in expected]
