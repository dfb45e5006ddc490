"""The what-if form: the same engine on a changed profile, nothing saved; bad input is an error
at its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import time_machine
from django.urls import reverse

from eligibility.adapters import candidate_from_profile
from eligibility.models import EligibilityResult, Reminder
from eligibility.rules import LanguageTest, crs_score
from eligibility.rules import TestKind as Kind
from profiles.models import CandidateProfile
from profiles.models import LanguageTest as LanguageTestRow
from profiles.selectors import profiles_with_entries
from tests.factories import physician_profile

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 8, 25)
# IELTS of 2025-06-01 at 8.0/7.0/7.0/7.0 (CLB 9): these are CLB 10 in all four abilities
CLB_10 = {
    "test0_listening": "8.5",
    "test0_reading": "8.0",
    "test0_writing": "7.5",
    "test0_speaking": "7.5",
}


@pytest.fixture
def physician(candidate, imported_draws):
    return physician_profile(user=candidate)


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 8, 25, 12, tzinfo=dt.UTC), tick=False):
        yield


def whatif(client, profile, **data: str):
    url = reverse("eligibility:whatif", args=[profile.public_id])
    return client.get(url, {"submitted": "1", **data} if data else {"submitted": "1"})


def as_candidate(profile):
    return candidate_from_profile(profiles_with_entries().get(pk=profile.pk))


def test_better_scores_give_the_engines_score_of_the_changed_profile(
    client, candidate, physician, frozen
):
    client.force_login(candidate)

    response = whatif(client, physician, **CLB_10)

    result = response.context["whatif"]
    retaken = LanguageTest(Kind.IELTS_GENERAL, dt.date(2025, 6, 1), 8.5, 8.0, 7.5, 7.5)
    expected = crs_score(replace(as_candidate(physician), language_tests=(retaken,)), TODAY)
    assert result.after.total == expected.total > result.before.total
    assert result.before.total == crs_score(as_candidate(physician), TODAY).total
    changed = {f.label_after: f.difference for f in result.factors}
    assert (
        changed["First official language (English, IELTS General Training): listening CLB 10"] > 0
    )
    page = response.content.decode()
    assert f'<strong class="new-crs">{expected.total}</strong>' in page


def test_a_nomination_turns_last_years_rounds_into_invitations(
    client, candidate, physician, frozen
):
    client.force_login(candidate)

    result = whatif(client, physician, provincial_nomination="yes").context["whatif"]

    assert result.gain == 600
    assert result.newly_invited
    assert all(after.invited is True for _, _, after in result.newly_invited)
    assert all(draw.held_on >= dt.date(2025, 8, 25) for draw, _, _ in result.newly_invited)
    assert result.no_longer_invited == []


def test_more_canadian_experience_and_a_french_test_change_programs_and_score(
    client, candidate, imported_draws, frozen
):
    profile = physician_profile(user=candidate, start=TODAY - dt.timedelta(days=200))
    client.force_login(candidate)

    result = whatif(
        client,
        profile,
        canadian_months="12",
        french_test="tef_canada",
        french_listening="450",
        french_reading="450",
        french_writing="450",
        french_speaking="460",
    ).context["whatif"]

    titles = {title: after.eligible for title, _, after in result.programs}
    assert titles == {"Canadian Experience Class (CEC)": True}
    codes = {factor.label_after.split(" (")[0] for factor in result.factors}
    assert "Second official language" in codes
    assert result.gain > 0


def test_nothing_is_saved(client, candidate, physician, frozen, django_capture_on_commit_callbacks):
    client.force_login(candidate)
    before = CandidateProfile.objects.get(pk=physician.pk).updated_at

    with django_capture_on_commit_callbacks() as enqueued:
        response = whatif(
            client, physician, provincial_nomination="yes", sibling_in_canada="yes", **CLB_10
        )

    assert response.status_code == 200
    assert response.context["whatif"].gain > 0
    assert enqueued == []
    assert CandidateProfile.objects.get(pk=physician.pk).updated_at == before
    assert not CandidateProfile.objects.get(pk=physician.pk).provincial_nomination
    assert list(LanguageTestRow.objects.values_list("listening", flat=True)) == [8]
    assert not EligibilityResult.objects.exists()
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"test0_listening": "9.7"}, "test0_listening", "IELTS scores go from 0 to 9"),
        ({"test0_reading": "lots"}, "test0_reading", "Enter a number"),
        ({"french_test": "tcf_canada", "french_listening": "500"}, "french_reading", "Give the"),
        (
            {
                "french_test": "tcf_canada",
                "french_listening": "500",
                "french_reading": "500",
                "french_writing": "25",
                "french_speaking": "10",
            },
            "french_writing",
            "0 to 20",
        ),
        ({"canadian_months": "500"}, "canadian_months", "less than or equal to 120"),
        ({"education_level": "wizard"}, "education_level", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_computed(
    client, candidate, physician, frozen, data, field, message
):
    client.force_login(candidate)

    response = whatif(client, physician, **data)

    assert response.status_code == 200
    assert "whatif" not in response.context
    errors = response.context["whatif_form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert "Please correct the" in response.content.decode()


def test_the_form_starts_at_the_profiles_values(client, candidate, physician, frozen):
    client.force_login(candidate)

    response = client.get(reverse("eligibility:whatif", args=[physician.public_id]))

    form = response.context["whatif_form"]
    assert not form.is_bound
    assert "whatif" not in response.context
    assert form.initial["test0_listening"] == 8
    assert form["provincial_nomination"].value() in (
        "",
        None,
    )
    assert "spouse_clb" not in form.fields  # single: no spouse factors
    page = client.get(reverse("eligibility:page", args=[physician.public_id])).content.decode()
    assert 'name="test0_listening"' in page
    assert 'value="8.0"' in page


def test_the_whatif_queries_do_not_grow_with_draws(
    client, candidate, physician, frozen, django_assert_num_queries
):
    client.force_login(candidate)
    # session, user; the profile, its education, tests and work; the categories in force;
    # the published draws of the last 12 months.
    with django_assert_num_queries(8):
        assert whatif(client, physician, provincial_nomination="yes").status_code == 200


def test_spouse_factors_are_offered_and_change_section_b(client, candidate, imported_draws, frozen):
    from tests.factories import EducationFactory

    profile = physician_profile(
        user=candidate,
        marital_status="married",
        spouse_accompanying=True,
        spouse_citizen_or_pr=False,
        family_size=2,
    )
    EducationFactory(profile=profile, person="spouse", level="bachelors")
    client.force_login(candidate)

    result = whatif(client, profile, spouse_clb="9", spouse_canadian_months="12").context["whatif"]

    sections = {name: (before, after) for name, before, after in result.sections}
    before, after = sections["B. Spouse or partner"]
    assert after == before + 4 * 5 + 5  # CLB 9 in four abilities, one year of Canadian work
