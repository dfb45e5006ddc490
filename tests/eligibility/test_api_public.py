"""The public API: draws, category versions and occupations, without an account."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.throttling import SimpleRateThrottle

from draws.models import Category, Draw
from tests.factories import CategoryFactory, DrawFactory, OccupationFactory, access_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def draws(db):
    physicians = CategoryFactory(slug="physicians-test", family=Category.Family.PHYSICIANS)
    return [
        DrawFactory(number="500", held_on=dt.date(2026, 1, 5), min_crs=520, invitations=3000),
        DrawFactory(
            number="501",
            held_on=dt.date(2026, 2, 5),
            round_type=Draw.RoundType.CATEGORY,
            category=physicians,
            min_crs=169,
            invitations=500,
            pool_distribution=[[601, 1200, 10], [501, 600, 900]],
            pool_total=910,
        ),
        DrawFactory(number="502", held_on=dt.date(2026, 3, 5), min_crs=480, invitations=5000),
        DrawFactory(number="503", held_on=dt.date(2026, 4, 5), status=Draw.Status.DRAFT),
    ]


def numbers(response) -> list[str]:
    return [draw["number"] for draw in response.json()["results"]]


def test_draws_are_published_ones_newest_first_with_no_account(client, draws):
    response = client.get("/api/v1/draws/")

    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert numbers(response) == ["502", "501", "500"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("round_type=category", ["501"]),
        ("category=physicians", ["501"]),
        ("since=2026-02-05", ["502", "501"]),
        ("until=2026-02-04", ["500"]),
        ("since=2026-02-01&until=2026-02-28", ["501"]),
        ("ordering=held_on", ["500", "501", "502"]),
        ("ordering=cutoff", ["501", "502", "500"]),
        ("ordering=-invitations", ["502", "500", "501"]),
        ("page_size=1&page=2", ["501"]),
    ],
)
def test_draws_filter_order_and_page(client, draws, query, expected):
    assert numbers(client.get(f"/api/v1/draws/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("round_type=lottery", "round_type"),
        ("category=astronauts", "category"),
        ("since=yesterday", "since"),
        ("since=2026-03-01&until=2026-01-01", "until"),
        ("ordering=number", "ordering"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(client, draws, query, field):
    response = client.get(f"/api/v1/draws/?{query}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_a_page_past_the_end_is_a_404_in_the_apis_shape(client, draws):
    response = client.get("/api/v1/draws/?page=99")

    assert response.status_code == 404
    assert response.json() == {"errors": {"request": "Invalid page."}}


def test_a_draw_has_its_facts_tie_break_and_pool(client, draws):
    data = client.get("/api/v1/draws/501/").json()

    assert data["category"] == {
        "slug": "physicians-test",
        "name": draws[1].category.name,
        "family": "physicians",
    }
    assert data["cutoff"] == 169
    assert data["invitations"] == 500
    assert data["tie_break_at"] == "2026-01-16T14:00:00Z"
    assert data["pool_distribution"] == [
        {"low": 601, "high": 1200, "count": 10},
        {"low": 501, "high": 600, "count": 900},
    ]


def test_a_draft_or_unknown_draw_is_a_404(client, draws):
    assert client.get("/api/v1/draws/503/").status_code == 404
    assert client.get("/api/v1/draws/9999/").status_code == 404


def test_a_malformed_stored_distribution_is_answered_empty(client, draws):
    Draw.objects.filter(number="501").update(pool_distribution={"not": "rows"})

    assert client.get("/api/v1/draws/501/").json()["pool_distribution"] == []


def test_categories_have_their_rules_and_round_names(client, categories):
    data = client.get("/api/v1/categories/?family=physicians&page_size=200").json()

    version = next(row for row in data["results"] if row["slug"] == "physicians-2026-v1")
    assert "31102" in version["occupation_codes"]
    assert version["months_required"] == 12
    assert version["draw_names"]
    assert version["valid_from"]
    assert {row["family"] for row in data["results"]} == {"physicians"}


def test_categories_in_force_on_a_day(client, categories):
    data = client.get("/api/v1/categories/?active_on=2023-07-01&page_size=200").json()

    assert data["count"] > 0
    for row in data["results"]:
        assert row["valid_from"] <= "2023-07-01"
        assert row["valid_to"] is None or row["valid_to"] >= "2023-07-01"


@pytest.mark.parametrize(
    ("q", "codes"),
    [
        ("3110", ["31100", "31101", "31102"]),
        ("family physicians", ["31102"]),
        ("PHYSICIANS", ["31101", "31102"]),
        ("astronaut", []),
    ],
)
def test_occupations_search_by_code_or_title(client, q, codes):
    OccupationFactory(code="31100", title="Specialists in clinical and laboratory medicine")
    OccupationFactory(code="31101", title="Specialists in surgery and physicians")
    OccupationFactory(code="31102", title="General practitioners and family physicians")
    OccupationFactory(code="21232", title="Software developers and programmers")

    response = client.get("/api/v1/occupations/", {"q": q})

    assert [row["code"] for row in response.json()["results"]] == codes


@pytest.mark.parametrize(
    ("q", "message"),
    [
        (" ".join(f"word{n}" for n in range(17)), "Type at most 16 words"),
        ("x" * 201, "no more than 200 characters"),
    ],
)
def test_occupation_search_keeps_the_forms_bounds(client, db, q, message):
    response = client.get("/api/v1/occupations/", {"q": q})

    assert response.status_code == 400
    assert message in response.json()["errors"]["q"]


def test_anonymous_clients_are_rate_limited_by_address(client, draws, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "api-anonymous", "2/minute")
    for _ in range(2):
        assert client.get("/api/v1/draws/").status_code == 200

    limited = client.get("/api/v1/draws/")
    other_address = client.get("/api/v1/draws/", REMOTE_ADDR="203.0.113.7")

    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert other_address.status_code == 200


def test_a_token_on_a_public_endpoint_counts_under_the_token(client, candidate, draws, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "api-anonymous", "1/minute")
    token = access_token(candidate)
    client.get("/api/v1/draws/")

    with_token = client.get("/api/v1/draws/", HTTP_AUTHORIZATION=f"Bearer {token}")
    bad_token = client.get("/api/v1/draws/", HTTP_AUTHORIZATION="Bearer eet_nonsense")

    assert with_token.status_code == 200
    assert bad_token.status_code == 401


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the data version (the cache key), the count, one page of draws with their category
        ("/api/v1/draws/", 3),
        ("/api/v1/categories/", 3),  # the count, one page, the page's round names
        ("/api/v1/occupations/", 2),  # the count, one page
    ],
)
def test_list_queries_do_not_grow_with_the_page_size(
    client, categories, settings, django_assert_num_queries, url, queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for number in range(30):
        DrawFactory(number=str(600 + number), category=None)
        OccupationFactory(code=f"{21200 + number}")

    for size in (1, 20):
        with django_assert_num_queries(queries):
            response = client.get(url, {"page_size": size})
        assert len(response.json()["results"]) == size


def test_the_draw_list_comes_from_the_cache_until_the_draws_change(
    client, django_assert_num_queries, memory_cache
):
    DrawFactory(number="601", min_crs=500)
    first = client.get("/api/v1/draws/").json()

    with django_assert_num_queries(1):  # the data version only
        assert client.get("/api/v1/draws/").json() == first
    DrawFactory(number="602", min_crs=480)
    numbers = [draw["number"] for draw in client.get("/api/v1/draws/").json()["results"]]
    assert set(numbers) == {"601", "602"}


def test_a_draw_list_query_with_unknown_parameters_is_answered_but_not_cached(
    client, django_assert_num_queries, memory_cache
):
    DrawFactory(number="601", min_crs=500)
    client.get("/api/v1/draws/", {"utm": "1"})

    with django_assert_num_queries(2):  # the count and the page, computed again
        response = client.get("/api/v1/draws/", {"utm": "1"})
    assert [draw["number"] for draw in response.json()["results"]] == ["601"]
