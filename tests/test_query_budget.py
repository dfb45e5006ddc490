"""A query budget that fails names the queries it counted (tests/conftest.py)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import pytest

from profiles.models import User


def two_queries_within(budget: AbstractContextManager[object]) -> None:
    with budget:
        User.objects.count()
        User.objects.filter(email="x@example.com").exists()


@pytest.mark.django_db
def test_a_failed_budget_lists_each_query_it_counted(django_assert_num_queries) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"Expected 1 queries, 2 were done") as failure:
        two_queries_within(django_assert_num_queries(1))
    message = str(failure.value)
    assert "1. SELECT COUNT(*)" in message
    assert '2. SELECT 1 AS "a" FROM "profiles_user"' in message


@pytest.mark.django_db
def test_a_kept_budget_passes_quietly(django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(2) as context:
        User.objects.count()
    assert len(context) == 1
