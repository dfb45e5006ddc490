"""Public draw pages: content, filters, paging and query budgets."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from draws.models import Draw
from tests.factories import CategoryFactory, DrawFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_latest_published_draws_only(client):
    DrawFactory(number="10", min_crs=501)
    DrawFactory(number="11", status=Draw.Status.DRAFT, published_at=None)

    page = client.get(reverse("home")).content.decode()

    assert 'href="/draws/10/"' in page
    assert 'href="/draws/11/"' not in page


def test_draw_397_page_shows_its_facts_and_tie_break(client, imported_draws):
    response = client.get(reverse("draws:detail", args=["397"]))

    page = response.content.decode()
    assert "Physicians with Canadian Work Experience (2026-Version 1)" in page
    assert "391" in page
    assert "169" in page
    assert "2026-01-03 03:25:14 UTC" in page
    assert "<title>Draw #397: Physicians" in page
    assert "candidates in the pool on 2026-02-15" in page


@pytest.mark.parametrize("stored", [5, [["a", "b", "c"]], [[0, 300]], {"601-1200": 10}])
def test_a_malformed_stored_distribution_hides_it_and_the_page_still_shows(client, stored):
    """Admin refuses such values; one stored another way must not break the public page."""
    DrawFactory(number="10", pool_distribution=stored)

    response = client.get(reverse("draws:detail", args=["10"]))

    assert response.status_code == 200
    assert "IRCC did not publish the pool's distribution" in response.content.decode()


def test_a_draft_or_unknown_draw_is_not_found(client):
    draft = DrawFactory(status=Draw.Status.DRAFT, published_at=None)

    assert client.get(reverse("draws:detail", args=[draft.number])).status_code == 404
    assert client.get(reverse("draws:detail", args=["99999"])).status_code == 404


def test_the_list_filters_by_type_and_category(client):
    healthcare = CategoryFactory(family="healthcare")
    DrawFactory(number="1", round_type="cec")
    DrawFactory(number="2", round_type="pnp", name="Provincial Nominee Program")
    DrawFactory(number="3", round_type="category", category=healthcare, name="Healthcare")

    by_type = client.get(reverse("draws:list"), {"round_type": "pnp"})
    by_category = client.get(reverse("draws:list"), {"category": "healthcare"})

    assert [draw.number for draw in by_type.context["page"]] == ["2"]
    assert [draw.number for draw in by_category.context["page"]] == ["3"]


def test_an_unknown_filter_value_shows_an_error_and_every_draw(client):
    DrawFactory.create_batch(2)

    response = client.get(reverse("draws:list"), {"round_type": "lottery"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert response.context["page"].paginator.count == 2


def test_the_list_pages_by_fifty_and_keeps_the_filter(client):
    DrawFactory.create_batch(55, round_type="cec")

    first = client.get(reverse("draws:list"), {"round_type": "cec"})
    second = client.get(reverse("draws:list"), {"round_type": "cec", "page": "2"})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 5
    assert "round_type=cec&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("count", [1, 60])
def test_list_queries_do_not_grow_with_the_number_of_draws(
    client, memory_cache, django_assert_num_queries, count
):
    category = CategoryFactory()
    DrawFactory.create_batch(count, round_type="category", category=category)

    # Not cached yet: the draws' data version; the count for the pager; one page of draws
    # joined to their category; the latest sync with IRCC's feed ("Draws as of").
    with django_assert_num_queries(4):
        client.get(reverse("draws:list"))


@pytest.mark.parametrize("count", [1, 30])
def test_home_and_chart_queries_do_not_grow(client, memory_cache, django_assert_num_queries, count):
    DrawFactory.create_batch(count)

    # Not cached yet: the data version; the latest draws with their category, in one query;
    # the latest sync with IRCC's feed.
    with django_assert_num_queries(3):
        client.get(reverse("home"))
    # The data version; the chart's (date, cut-off, number) series, in one query; the sync.
    with django_assert_num_queries(3):
        client.get(reverse("draws:chart"), {"of": "cec"})


def test_the_chart_draws_one_point_per_draw_of_the_series(client, imported_draws):
    response = client.get(reverse("draws:chart"), {"of": "physicians"})

    plot = response.context["plot"]
    assert plot["count"] == Draw.objects.filter(category__family="physicians").count()
    assert len(plot["chart"].points) == plot["count"]
    assert "#397 2026-02-19: 169" in response.content.decode()
    assert "<svg" in response.content.decode()


def test_the_chart_says_when_a_series_has_no_draws(client):
    response = client.get(reverse("draws:chart"), {"of": "researchers"})

    assert "No published draws of this kind yet." in response.content.decode()


def test_pages_only_answer_get(client):
    assert client.post(reverse("draws:list")).status_code == 405


def test_the_rss_feed_lists_the_newest_draws_with_their_facts(client, imported_draws):
    response = client.get("/draws/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    feed = response.content.decode()
    assert feed.count("<item>") == 50
    assert "<title>#437 French-language proficiency" in feed
    assert "http://testserver/draws/437/" in feed


def test_the_atom_feed_filtered_by_category_has_only_that_category(client, imported_draws):
    response = client.get("/draws/feed/atom/", {"category": "physicians"})

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    physicians = Draw.objects.filter(category__family="physicians", status="published")
    assert feed.count("<entry>") == physicians.count() > 0
    assert "<title>Express Entry draws (Physicians with Canadian work experience)</title>" in feed
    assert (
        "#397 Physicians with Canadian Work Experience (2026-Version 1), 2026-02-19: 391 "
        "invitations, CRS 169" in feed
    )
    assert "January 03" not in feed
    assert "2026-01-03 03:25:14 UTC" in feed


def test_a_feed_filtered_by_round_type_and_a_bad_filter(client):
    DrawFactory(number="1", round_type="cec")
    DrawFactory(number="2", round_type="pnp", name="Provincial Nominee Program")

    feed = client.get("/draws/feed/", {"round_type": "pnp"}).content.decode()

    assert "/draws/2/" in feed
    assert "/draws/1/" not in feed
    assert client.get("/draws/feed/", {"round_type": "lottery"}).status_code == 400


@pytest.mark.parametrize("count", [1, 60])
def test_feed_queries_do_not_grow_with_the_number_of_draws(
    client, django_assert_num_queries, count
):
    DrawFactory.create_batch(count, round_type="category", category=CategoryFactory())

    # The newest published draws joined to their category, in one query.
    with django_assert_num_queries(1):
        client.get("/draws/feed/")


def test_an_empty_filter_result_says_nothing_matches_not_that_there_are_no_draws(client):
    DrawFactory(number="10", round_type="cec", category=None)

    filtered = client.get(reverse("draws:list"), {"round_type": "pnp"}).content.decode()
    nothing = client.get(reverse("draws:list"), {"round_type": "pnp"})
    Draw.objects.all().delete()
    empty = client.get(reverse("draws:list")).content.decode()

    assert "No draws match these filters." in filtered
    assert "No draws yet." not in filtered
    assert nothing.status_code == 200
    assert "No draws yet." in empty


@pytest.mark.parametrize(("asked", "drawn"), [("", "cec"), ("nonsense", "cec"), ("fsw", "fsw")])
def test_the_chart_selector_shows_the_series_drawn(client, asked, drawn):
    response = client.get(reverse("draws:chart"), {"of": asked} if asked else {})

    selector = response.context["form"]["of"]
    assert selector.value() == drawn
    assert f'<option value="{drawn}" selected>' in response.content.decode()


def test_the_chart_line_breaks_over_a_year_without_draws(client):
    for number, held_on in [("1", "2015-03-01"), ("2", "2015-06-01"), ("3", "2020-09-01")]:
        DrawFactory(
            number=number, round_type="cec", category=None, held_on=date.fromisoformat(held_on)
        )

    response = client.get(reverse("draws:chart"), {"of": "cec"})

    chart = response.context["plot"]["chart"]
    assert [len(line.split()) for line in chart.polylines] == [2, 1]
    assert response.content.decode().count('<polyline class="line"') == 2


def test_a_chart_of_a_few_months_labels_its_months(client):
    for number, held_on in [("1", "2025-06-10"), ("2", "2025-11-20")]:
        DrawFactory(
            number=number, round_type="fsw", category=None, held_on=date.fromisoformat(held_on)
        )

    chart = client.get(reverse("draws:chart"), {"of": "fsw"}).context["plot"]["chart"]

    assert [tick.label for tick in chart.x_ticks] == [
        "Jul 2025",
        "Aug 2025",
        "Sep 2025",
        "Oct 2025",
        "Nov 2025",
    ]


def test_the_chart_image_holds_no_links_and_the_draws_are_listed_after_it(client):
    DrawFactory(number="10", round_type="cec", category=None)

    page = client.get(reverse("draws:chart"), {"of": "cec"}).content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert "<a " not in svg
    assert 'href="/draws/10/"' in page[page.index("</svg>") :]


@pytest.mark.parametrize(
    ("asked", "title"),
    [
        ("2", "<title>All draws (page 2)"),
        ("1", "<title>All draws ·"),
        ("²", "<title>All draws ·"),
        ("9" * 5000, "<title>All draws ·"),
        ("abc", "<title>All draws ·"),
    ],
)
def test_the_list_title_names_the_page_asked_for(client, asked, title):
    DrawFactory.create_batch(55, round_type="cec")

    response = client.get(reverse("draws:list"), {"page": asked})

    assert response.status_code == 200
    assert title in response.content.decode()


def test_public_pages_are_served_from_the_cache_until_a_draw_changes(
    client, memory_cache, django_assert_num_queries
):
    draw = DrawFactory(number="10", min_crs=501)
    pages = [
        reverse("home"),
        reverse("draws:list"),
        reverse("draws:detail", args=["10"]),
        reverse("draws:chart") + "?of=cec",
    ]
    for page in pages:
        client.get(page)

    with django_assert_num_queries(1):  # the draws' data version, nothing else
        assert "501" in client.get(pages[0]).content.decode()
    with django_assert_num_queries(1):
        client.get(pages[1])
    with django_assert_num_queries(1):  # the draw (or its absence, a 404) with the version
        client.get(pages[2])
    with django_assert_num_queries(1):
        client.get(pages[3])

    draw.min_crs = 477
    draw.save()

    for page in pages:
        content = client.get(page).content.decode()
        assert "477" in content, page
        assert "501" not in content, page
