"""The personal page answers "what now?": what is about to change (on a frozen clock), what
would raise the score, where it is heading, and the draws that matter (default period,
filters, pages), with a query count that does not grow with the draws."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from draws.models import Draw
from eligibility.adapters import candidate_from_profile
from eligibility.rules import crs_score
from eligibility.rules.improvements import improvements
from profiles.selectors import profiles_with_entries
from tests.factories import DrawFactory, physician_profile

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)  # expires 2026-11-20 09:00 UTC


def at(day: dt.date):
    """Freeze the clock at noon UTC on `day` (the page takes today from timezone.localdate())."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), tick=False)


def page_url(profile, query: str = "") -> str:
    return reverse("eligibility:page", args=[profile.public_id]) + query


def crs_on(profile, day: dt.date) -> int:
    candidate = candidate_from_profile(profiles_with_entries().get(pk=profile.pk))
    return crs_score(candidate, day).total


@pytest.fixture
def physician(candidate, imported_draws):
    return physician_profile(user=candidate, pool_entry=SUBMITTED)


# --- what is about to change --------------------------------------------------------------------


def test_fourteen_days_before_expiry_the_top_of_the_page_says_so(client, candidate, physician):
    with at(dt.date(2026, 11, 6)):
        client.force_login(candidate)
        response = client.get(page_url(physician))

    changes = response.context["outlook"].changes
    expiry = next(c for c in changes if "profile_expires" in c.codes)
    assert expiry.on == dt.date(2026, 11, 20)
    page = response.content.decode()
    assert "On 2026-11-20 your Express Entry profile expires" in page
    assert page.index('id="coming"') < page.index('id="crs"')  # at the top
    assert "expired on" not in page


def test_the_day_after_expiry_the_page_says_the_profile_expired(client, candidate, physician):
    with at(dt.date(2026, 11, 21)):
        client.force_login(candidate)
        response = client.get(page_url(physician))

    assert response.context["outlook"].expired_at == dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    assert "Your Express Entry profile expired on 2026-11-20" in response.content.decode()


def test_a_test_expiry_and_a_birthday_are_dated_with_their_effect(client, candidate, physician):
    with at(dt.date(2026, 12, 1)):
        client.force_login(candidate)
        response = client.get(page_url(physician))

    page = response.content.decode()
    # Born 1992-05-17: 35 on 2027-05-17; IELTS of 2025-06-01 valid until 2027-06-01.
    birthday, expiry = (
        crs_on(physician, dt.date(2027, 5, 17)),
        crs_on(physician, dt.date(2027, 6, 1)),
    )
    before_birthday = crs_on(physician, dt.date(2027, 5, 16))
    assert f"On 2027-05-17 you turn 35: your CRS drops from {before_birthday} to {birthday}" in page
    (line,) = [line for line in page.splitlines() if "On 2027-06-01" in line]
    assert "On 2027-06-01 your IELTS General Training result of 2025-06-01 expires" in line
    assert f"your CRS drops from {birthday} to {expiry}" in line
    assert "you stop meeting the Canadian Experience Class" in line  # no valid test left


def test_without_a_submission_time_the_page_asks_for_it(client, candidate, imported_draws):
    profile = physician_profile(user=candidate, pool_entry=None)
    client.force_login(candidate)

    page = client.get(page_url(profile)).content.decode()

    assert "to see when it expires" in page


# --- improvements and the chart -----------------------------------------------------------------


def test_improvements_are_listed_with_gain_and_date(client, candidate, physician):
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        response = client.get(page_url(physician))

    listed = response.context["outlook"].improvements
    candidate_ = candidate_from_profile(profiles_with_entries().get(pk=physician.pk))
    assert listed == improvements(candidate_, dt.date(2026, 8, 25))
    page = response.content.decode()
    assert 'id="improvement-provincial_nomination"' in page
    second_year = next(item for item in listed if item.code == "canadian_experience")
    assert f"from {second_year.possible_from:%Y-%m-%d}" in page


def test_the_chart_shows_the_projection_and_the_cut_offs_with_a_table(client, candidate, physician):
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        response = client.get(page_url(physician))

    chart = response.context["chart"]
    projection = response.context["outlook"].projection
    assert len(chart.points) == len(projection)
    assert projection[0].on == dt.date(2026, 8, 25)
    eligible = response.context["table"].eligible_last_year
    assert eligible
    assert len(chart.markers) == len(eligible)
    assert all(row.draw.held_on >= dt.date(2025, 8, 25) for row in eligible)
    page = response.content.decode()
    assert '<svg class="chart projection"' in page
    assert 'role="img"' in page
    assert "<caption>Your projected CRS</caption>" in page
    assert f">{eligible[0].draw.number}</a></td>" in page  # linked to its Why? page
    assert "<script" not in page


# --- the draws that matter ----------------------------------------------------------------------


def test_the_default_table_holds_the_rounds_since_pool_entry_and_the_last_year(
    client, candidate, physician
):
    with at(dt.date(2027, 3, 1)):  # pool entry 2025-11-20 is earlier than a year ago
        client.force_login(candidate)
        response = client.get(page_url(physician))
        everything = client.get(page_url(physician, "?scope=all"))

    table = response.context["table"]
    published = Draw.objects.filter(status="published")
    assert table.since == dt.date(2025, 11, 20)
    assert table.page.paginator.count == published.filter(held_on__gte=table.since).count()
    assert len(response.context["draw_rows"]) == 25
    assert table.page.has_next()
    assert everything.context["table"].page.paginator.count == published.count()
    assert "All draws" in response.content.decode()


def test_a_year_without_pool_entry_starts_a_year_ago(client, candidate, imported_draws):
    profile = physician_profile(user=candidate, pool_entry=None)
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        table = client.get(page_url(profile)).context["table"]

    assert table.since == dt.date(2025, 8, 25)


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        (
            "?round_type=category&category=physicians",
            lambda r: r.draw.category is not None and r.draw.category.family == "physicians",
        ),
        ("?round_type=cec", lambda r: r.draw.round_type == "cec"),
        ("?open_to_me=on", lambda r: r.in_pool and r.eligible),
        ("?invited=on", lambda r: r.invited is True),
    ],
)
def test_each_filter_keeps_only_its_rows(client, candidate, physician, query, kept):
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        rows = client.get(page_url(physician, query + "&scope=all")).context["table"].page
        everything = client.get(page_url(physician, "?scope=all")).context["table"].page

    assert rows.paginator.count > 0
    assert all(kept(row) for row in rows.object_list)
    assert rows.paginator.count == sum(1 for row in everything.paginator.object_list if kept(row))


def test_the_invited_filter_finds_draw_397(client, candidate, physician):
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        rows = client.get(page_url(physician, "?invited=on&category=physicians")).context[
            "draw_rows"
        ]

    assert "397" in [row.draw.number for row in rows]


def test_pages_keep_the_filters(client, candidate, physician):
    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        response = client.get(page_url(physician, "?scope=all&round_type=cec&page=2"))

    assert response.context["table"].page.number == 2
    assert all(row.draw.round_type == "cec" for row in response.context["draw_rows"])
    assert "scope=all&amp;round_type=cec&amp;page=3#draws" in response.content.decode()


def test_a_filter_value_nobody_can_pick_is_shown_as_an_error_not_a_500(
    client, candidate, physician
):
    client.force_login(candidate)

    response = client.get(page_url(physician, "?round_type=lottery&page=zzz&scope=never"))

    assert response.status_code == 200
    assert "round_type" in response.context["table_form"].errors
    assert response.context["table"].page.number == 1


@pytest.mark.parametrize("draws", [1, 60])
def test_the_default_table_queries_do_not_grow_with_draws(
    client, candidate, categories, memory_cache, django_assert_num_queries, draws
):
    profile = physician_profile(user=candidate, pool_entry=SUBMITTED)
    DrawFactory.create_batch(draws, held_on=dt.date(2026, 8, 1))

    with at(dt.date(2026, 8, 25)):
        client.force_login(candidate)
        # session, user, the profile with the data version (the cache key); the profile
        # with its education, tests and work (with occupation); the categories in force; the
        # stored results and the published draws of the period.
        with django_assert_num_queries(10):
            response = client.get(page_url(profile, "?open_to_me=on"))
    assert response.status_code == 200
