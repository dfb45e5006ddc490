"""The profile's forms ask plainly: nothing answered for the person, everyday occupation names
understood, numbers written as people write them (issue 19)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from draws.models import OccupationTitle
from profiles.forms import OccupationField
from profiles.models import CandidateProfile, WorkExperience
from tests.factories import ProfileFactory, physician_profile
from tests.profiles.test_profile_views import formset_data, section_url

pytestmark = pytest.mark.django_db


def test_a_new_profile_has_no_marital_status_chosen_and_must_choose_one(client, candidate):
    client.force_login(candidate)
    profile = CandidateProfile.objects.create(user=candidate)

    page = client.get(section_url(profile, "about")).content.decode()
    response = client.post(section_url(profile, "about"), {"birth_date": "1990-04-02"})

    assert '<option value="" selected>Choose…</option>' in page
    assert 'value="single" selected' not in page
    assert response.context["form"].errors["marital_status"] == ["Choose your marital status."]


def test_a_saved_marital_status_is_shown(client, candidate):
    profile = ProfileFactory(user=candidate, marital_status="married")
    client.force_login(candidate)

    page = client.get(section_url(profile, "about")).content.decode()

    assert '<option value="married" selected>' in page


def test_settlement_funds_are_not_prefilled_and_may_be_left_empty(client, candidate):
    profile = ProfileFactory(user=candidate)
    client.force_login(candidate)

    page = client.get(section_url(profile, "other")).content.decode()
    response = client.post(section_url(profile, "other"), {"family_size": "1"})

    assert 'name="settlement_funds_cad"' in page
    assert 'name="settlement_funds_cad" value="0"' not in page
    assert "Leave empty for none." in page
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.settlement_funds_cad == 0


def test_the_spouse_work_asks_no_country_and_is_saved_as_work_in_canada(
    client, candidate, occupations
):
    profile = ProfileFactory(user=candidate, marital_status="married")
    client.force_login(candidate)
    job = {"occupation": "21232", "start": "2024-01-01", "hours_per_week": "40"}
    data = {
        "spouse_accompanying": "true",
        "spouse_citizen_or_pr": "false",
        **formset_data("spouse-education", []),
        **formset_data("spouse-tests", []),
        **formset_data("spouse-work", [{**job, "authorized": "true"}]),
    }

    page = client.get(section_url(profile, "spouse")).content.decode()
    response = client.post(section_url(profile, "spouse"), data)

    assert 'name="spouse-work-0-country"' not in page
    assert response.status_code == 302
    work = WorkExperience.objects.get(profile=profile)
    assert (work.person, work.country) == ("spouse", "CA")


def test_hours_are_shown_without_a_trailing_zero(client, candidate, occupations):
    profile = physician_profile(user=candidate)  # 40 hours a week
    client.force_login(candidate)

    page = client.get(section_url(profile, "work")).content.decode()

    assert 'name="work-0-hours_per_week" value="40"' in page


def test_saved_rows_have_a_delete_box_and_the_blank_row_none(client, candidate, occupations):
    profile = physician_profile(user=candidate)
    client.force_login(candidate)

    page = client.get(section_url(profile, "work")).content.decode()

    assert 'name="work-0-DELETE"' in page
    assert 'name="work-1-occupation"' in page  # the blank row, for adding without JavaScript
    assert 'name="work-1-DELETE"' not in page
    assert 'name="work-__prefix__-DELETE"' not in page


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("family doctor", "31102"),
        ("Family Doctor", "31102"),
        ("GP", "31102"),
        ("RN", "31301"),
        ("software developer", "21232"),
        ("general practitioners and family physicians", "31102"),
    ],
)
def test_everyday_occupation_titles_find_their_unit_group(occupations, typed, code):
    assert OccupationField().clean(typed).code == code


def test_everyday_titles_are_loaded_from_the_shipped_list(occupations):
    assert OccupationTitle.objects.count() > 100
    assert OccupationTitle.objects.get(title="family doctor").occupation_id == "31102"


def test_the_suggestions_offer_everyday_titles_under_their_code(client, candidate, occupations):
    profile = physician_profile(user=candidate)
    client.force_login(candidate)

    page = client.get(section_url(profile, "work")).content.decode()

    assert '<option value="31102 family doctor">' in page
    assert '<option value="31102 General practitioners and family physicians">' in page


def test_the_occupation_api_matches_everyday_titles(client, occupations):
    found = client.get("/api/v1/occupations/", {"q": "family doctor"})

    assert [row["code"] for row in found.json()["results"]] == ["31102"]


def test_the_admin_shows_a_jobs_hours_without_a_trailing_zero(client, staff, candidate):
    profile = physician_profile(user=candidate)  # 40 hours a week, stored as 40.0
    client.force_login(staff)

    page = client.get(
        reverse("admin:profiles_candidateprofile_change", args=[profile.pk])
    ).content.decode()

    hours = page.split('class="field-hours"', 1)[1].split("</td>", 1)[0]
    assert "<p>40</p>" in hours
    assert "40.0" not in page
