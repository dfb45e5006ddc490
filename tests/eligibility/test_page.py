"""The personal eligibility page and the per-draw reasons page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from draws.models import Draw
from eligibility.models import EligibilityResult
from eligibility.results.services import results_compute_for_profile
from tests.factories import (
    DrawFactory,
    LanguageTestFactory,
    ProfileFactory,
    WorkExperienceFactory,
    physician_profile,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def main(response) -> str:
    """The page's own content, without the site's header and footer."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def page_url(profile) -> str:
    return reverse("eligibility:page", args=[profile.public_id])


def draw_url(profile, number: str) -> str:
    return reverse("eligibility:draw", args=[profile.public_id, number])


@pytest.fixture
def physician(candidate, imported_draws):
    """The issue's physician: 31102 in Canada since 2024-12-01 (14 months on draw 397's date),
    profile submitted before 397's tie-break."""
    return physician_profile(user=candidate)


# --- access -------------------------------------------------------------------------------------


def url_of(view: str, profile) -> str:
    if view == "page":
        return page_url(profile)
    if view == "whatif":
        return reverse("eligibility:whatif", args=[profile.public_id])
    return draw_url(profile, "397")


VIEWS = ["page", "draw", "whatif"]


@pytest.mark.parametrize("view", VIEWS)
def test_the_owner_sees_the_page(client, candidate, physician, view):
    client.force_login(candidate)

    assert client.get(url_of(view, physician)).status_code == 200


@pytest.mark.parametrize("view", VIEWS)
def test_another_user_gets_404(client, other_candidate, physician, view):
    client.force_login(other_candidate)

    assert client.get(url_of(view, physician)).status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(client, physician, view):
    response = client.get(url_of(view, physician))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("view", VIEWS)
def test_pages_answer_get_only(client, candidate, physician, view):
    client.force_login(candidate)

    assert client.post(url_of(view, physician)).status_code == 405


def test_an_unpublished_or_unknown_draw_is_not_found(client, candidate, physician):
    draft = DrawFactory(status=Draw.Status.DRAFT, published_at=None)
    client.force_login(candidate)

    assert client.get(draw_url(physician, draft.number)).status_code == 404
    assert client.get(draw_url(physician, "123456")).status_code == 404


def test_me_leads_to_the_own_page(client, candidate, physician):
    client.force_login(candidate)

    assert client.get(reverse("eligibility:mine"))["Location"] == page_url(physician)


# --- content ------------------------------------------------------------------------------------


def test_an_incomplete_profile_lists_what_is_missing_instead_of_guessing(client, candidate):
    profile = ProfileFactory(user=candidate, birth_date=None)
    client.force_login(candidate)

    response = client.get(page_url(profile))

    page = response.content.decode()
    assert "not filled in enough" in page
    assert [s.slug for s in response.context["missing"]] == [
        "about",
        "education",
        "language",
        "work",
    ]
    assert "crs" not in response.context


def test_the_physician_is_cec_and_category_eligible_and_invited_in_draw_397(
    client, candidate, physician
):
    client.force_login(candidate)

    response = client.get(page_url(physician) + "?category=physicians")

    context = response.context
    programs = {slug: decision for _, slug, decision in context["programs"]}
    assert programs["cec"].eligible
    categories = {category.slug: decision for category, decision in context["categories"]}
    assert categories["physicians-2026-v1"].eligible
    row = next(row for row in context["draw_rows"] if row.draw.number == "397")
    assert (row.in_pool, row.eligible, row.invited) == (True, True, True)
    assert row.crs > 169
    assert f"<strong>{context['crs'].total}</strong>" in response.content.decode()
    assert '<tr id="draw-397">' in response.content.decode()


def test_ten_months_of_work_is_not_enough_and_the_page_names_the_date(
    client, candidate, imported_draws
):
    start = TODAY - dt.timedelta(days=304)  # ten months ago
    profile = physician_profile(user=candidate, start=start)
    client.force_login(candidate)

    response = client.get(page_url(profile))

    decision = {c.slug: d for c, d in response.context["categories"]}["physicians-2026-v1"]
    assert not decision.eligible
    experience = next(r for r in decision.reasons if r.status == "unmet")
    assert "12 months" in experience.message
    assert "months" in experience.message
    assert decision.eligible_from == start + dt.timedelta(days=363)
    assert (
        f"You will be eligible from {decision.eligible_from:%Y-%m-%d}" in response.content.decode()
    )


def test_the_draw_page_shows_every_reason_on_the_draw_date(client, candidate, physician):
    client.force_login(candidate)

    response = client.get(draw_url(physician, "397"))

    assert response.context["outcome"].invited is True
    assert response.context["category_decision"].eligible
    assert "Invited" in response.content.decode()


def test_stored_fresh_results_are_used_and_stale_ones_recomputed(client, candidate, physician):
    results_compute_for_profile(profile_id=physician.pk)
    stored = EligibilityResult.objects.get(profile=physician, draw__number="397")
    EligibilityResult.objects.filter(pk=stored.pk).update(crs=999)
    client.force_login(candidate)

    fresh = client.get(page_url(physician) + "?category=physicians").context["draw_rows"]
    row = next(row for row in fresh if row.draw.number == "397")
    assert (row.stored, row.crs) == (True, 999)

    physician.save()  # an edit after the evaluation makes the stored row stale
    stale = client.get(page_url(physician) + "?category=physicians").context["draw_rows"]
    row = next(row for row in stale if row.draw.number == "397")
    assert row.stored is False
    assert row.crs != 999


@pytest.mark.parametrize("draws", [1, 50])
def test_page_queries_do_not_grow_with_draws(
    client, candidate, categories, memory_cache, django_assert_num_queries, draws
):
    profile = physician_profile(user=candidate)
    DrawFactory.create_batch(draws)
    client.force_login(candidate)

    # session, user, the profile with the data version (the cache key); computing the page:
    # the profile with its education, tests and work (with occupation), the categories in
    # force, the stored results, the published draws with their category.
    with django_assert_num_queries(10):
        response = client.get(page_url(profile) + "?scope=all")
    assert response.context["table"].page.paginator.count == draws
    # From the cache: session, user, the profile with the data version, nothing else.
    with django_assert_num_queries(3):
        again = client.get(page_url(profile) + "?scope=all")
    assert main(again) == main(response)  # the page itself (the header's CSRF token changes)


@pytest.mark.parametrize("extra_entries", [0, 6])
def test_page_queries_do_not_grow_with_jobs_or_tests(
    client, candidate, categories, memory_cache, django_assert_num_queries, extra_entries
):
    profile = physician_profile(user=candidate)
    for years_back in range(1, extra_entries + 1):  # earlier jobs abroad, older tests
        WorkExperienceFactory(
            profile=profile,
            country="IN",
            start=dt.date(2024 - years_back, 1, 1),
            end=dt.date(2024 - years_back, 6, 30),
        )
        LanguageTestFactory(
            profile=profile, taken_on=dt.date(2025, 6, 1) - dt.timedelta(days=years_back)
        )
    DrawFactory.create_batch(3)
    client.force_login(candidate)

    # As above: the page computed.
    with django_assert_num_queries(10):
        response = client.get(page_url(profile))
    assert response.status_code == 200


# --- rounds not open to the person, and past rounds in the past tense ---------------------------


def test_a_round_not_open_to_the_person_shows_no_gap(client, candidate, physician):
    client.force_login(candidate)
    french = Draw.objects.filter(category__family="french").order_by("-held_on").first()

    page = client.get(page_url(physician) + "?category=french").content.decode()
    why = main(client.get(draw_url(physician, french.number)))

    row = page.split(f'<tr id="draw-{french.number}">', 1)[1].split("</tr>", 1)[0]
    gap = row.split('class="num gap">', 1)[1].split("</td>", 1)[0]
    assert "+" not in gap
    assert "—" in gap
    assert "not open to you" in gap
    assert "no gap: the round was not open to you" in why
    assert "(gap +" not in why


def test_an_open_round_still_shows_its_gap(client, candidate, physician):
    client.force_login(candidate)

    page = client.get(page_url(physician) + "?category=physicians").content.decode()

    row = page.split('<tr id="draw-397">', 1)[1].split("</tr>", 1)[0]
    assert 'class="num gap">+' in row


def test_a_past_round_speaks_of_dates_already_gone_in_the_past_tense(
    client, candidate, imported_draws
):
    # Eight months of work on draw 397's date (2026-02-19); twelve months on 2026-05-30, which
    # is past today.
    profile = physician_profile(user=candidate, start=dt.date(2025, 6, 1))
    client.force_login(candidate)

    why = main(client.get(draw_url(profile, "397")))

    assert "Your current job made you eligible from 2026-05-30, after this date." in why
    assert "You will be eligible from 2026-05-30" not in why
    assert "if your current job continues" not in why


def test_a_profile_submitted_after_the_round_names_the_instants_as_the_site_writes_them(
    client, candidate, imported_draws
):
    profile = physician_profile(
        user=candidate, pool_entry=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    )
    client.force_login(candidate)

    why = main(client.get(draw_url(profile, "397")))

    assert "Profile submitted 2026-03-01 09:00:00 UTC, not before the round at 2026-02-19" in why
    assert "T09:00:00" not in why
    assert "+00:00" not in why


def test_the_projection_chart_holds_no_links_and_its_table_links_each_round(
    client, candidate, physician
):
    client.force_login(candidate)

    page = main(client.get(page_url(physician)))

    svg = page.split('<svg class="chart projection"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg
    assert "<a " not in svg
    assert f'<a href="{draw_url(physician, "397")}">397</a>' in page
