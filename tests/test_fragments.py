"""Cache keys of pages: one entry per page a person can choose, never one per address typed."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse

from config.fragments import CACHED_PAGES, cacheable_query
from draws.forms import DrawFilterForm
from eligibility.forms import DrawTableForm
from tests.factories import DrawFactory


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("", "page=1"),
        ("page=2", "page=2"),
        ("round_type=cec&open_to_me=on", "page=1&round_type=cec&open_to_me=on"),
        ("open_to_me=on&round_type=cec", "page=1&round_type=cec&open_to_me=on"),
        ("round_type=&page=3", "page=3&round_type="),
        (f"page={CACHED_PAGES}", f"page={CACHED_PAGES}"),
    ],
)
def test_a_query_the_page_offers_has_one_key_whatever_its_order(query, key):
    data = QueryDict(query)

    assert cacheable_query(data, DrawTableForm(data)) == key


@pytest.mark.parametrize(
    "query",
    [
        "utm_source=x",  # a parameter the page does not read
        "round_type=lottery",  # an invalid choice: the page shows the error and the value
        "open_to_me=yes",  # a checkbox as no page link writes it
        "round_type=cec&round_type=pnp",
        f"page={CACHED_PAGES + 1}",
        "page=" + "0" * 50 + "1",
        "page=²",
        "page=abc",
    ],
)
def test_any_other_query_is_served_but_not_cached(query):
    data = QueryDict(query)

    assert cacheable_query(data, DrawTableForm(data)) is None


@pytest.mark.django_db
def test_addresses_nobody_links_to_leave_nothing_in_the_cache(client, memory_cache):
    DrawFactory(number="10", min_crs=501)
    client.get(reverse("draws:list"))
    entries = live_entries()

    for n in range(5):
        response = client.get(reverse("draws:list"), {"utm": n})
        assert response.status_code == 200
        assert "501" in response.content.decode()
        client.get(reverse("draws:chart"), {"of": f"nothing-{n}"})
    client.get(reverse("draws:chart"))  # the default series, as the bad ones were shown

    assert live_entries() == entries + 1


def live_entries() -> int:
    """Entries of the in-memory cache not yet expired (a page not worth keeping is written
    with a timeout of 0, which Redis deletes and this cache marks expired)."""
    now = time.time()
    return sum(expiry > now for expiry in cache._expire_info.values())  # type: ignore[attr-defined]  # LocMemCache's own


def test_the_draw_list_filters_are_cached_by_their_choices():
    data = QueryDict("category=physicians")

    assert cacheable_query(data, DrawFilterForm(data)) == "page=1&category=physicians"
