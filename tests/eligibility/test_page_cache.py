"""The personal pages are served from the cache only while nothing they show could change."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from draws.models import Draw
from eligibility.results import freshness
from tests.factories import DrawFactory, physician_profile, physicians_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client, candidate, categories, memory_cache):
    profile = physician_profile(user=candidate)
    physicians_round()
    client.force_login(candidate)
    return profile


def computed(client, url: str) -> bool:
    """Whether the page was computed for this request (the fragment's template rendered)."""
    response = client.get(url)
    assert response.status_code == 200
    return "eligibility/_page.html" in [t.name for t in response.templates] or (
        "eligibility/_draw_result.html" in [t.name for t in response.templates]
    )


def page_url(profile) -> str:
    return reverse("eligibility:page", args=[profile.public_id])


def test_the_page_comes_from_the_cache_while_nothing_changed(client, owner):
    assert computed(client, page_url(owner)) is True
    assert computed(client, page_url(owner)) is False
    assert computed(client, page_url(owner) + "?scope=all") is True  # another table
    assert computed(client, page_url(owner) + "?scope=all&open_to_me=on") is True
    assert computed(client, page_url(owner) + "?open_to_me=on&scope=all") is False  # the same


def test_an_address_no_page_links_to_is_computed_each_time(client, owner):
    odd = page_url(owner) + "?utm_source=mail"

    assert computed(client, odd) is True
    assert computed(client, odd) is True  # nothing kept for it
    assert computed(client, page_url(owner)) is True


def test_saving_a_profile_section_computes_the_page_again(client, owner):
    computed(client, page_url(owner))

    client.post(
        reverse("profiles:edit", args=[owner.public_id, "other"]),
        {"family_size": "1", "settlement_funds_cad": "30000"},
    )

    assert computed(client, page_url(owner)) is True


def test_a_new_draw_or_an_edited_one_computes_the_page_again(client, owner):
    every_draw = page_url(owner) + "?scope=all"
    computed(client, every_draw)

    draw = DrawFactory(number="9500")

    assert "draw-9500" in client.get(every_draw).content.decode()
    assert computed(client, every_draw) is False
    draw.min_crs = 1
    draw.save()
    assert computed(client, every_draw) is True


def test_the_next_day_computes_the_page_again(client, owner):
    with time_machine.travel(dt.datetime(2026, 12, 7, 23, 0, tzinfo=dt.UTC), tick=False):
        computed(client, page_url(owner))
        assert computed(client, page_url(owner)) is False
    with time_machine.travel(dt.datetime(2026, 12, 8, 0, 30, tzinfo=dt.UTC), tick=False):
        assert computed(client, page_url(owner)) is True


def test_another_engine_computes_the_page_again(client, owner, monkeypatch):
    computed(client, page_url(owner))
    monkeypatch.setattr(freshness, "ENGINE_FINGERPRINT", "a-changed-engine")

    assert computed(client, page_url(owner)) is True


def test_the_why_page_is_cached_like_the_page(client, owner):
    url = reverse("eligibility:draw", args=[owner.public_id, "9397"])

    assert computed(client, url) is True
    assert computed(client, url) is False
    Draw.objects.get(number="9397").save()
    assert computed(client, url) is True


def test_one_persons_cached_page_is_never_anothers(client, owner, other_candidate):
    computed(client, page_url(owner))
    other = physician_profile(user=other_candidate, birth_date=dt.date(1960, 1, 1))
    client.force_login(other_candidate)

    assert client.get(page_url(owner)).status_code == 404
    page = client.get(page_url(other)).content.decode()
    assert str(other.public_id) in page
    assert str(owner.public_id) not in page
