"""Profile pages: access, each section saved on its own, and every validation message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.forms import WorkExperienceFormSet
from profiles.models import CandidateProfile, LanguageTest, WorkExperience
from tests.factories import OccupationFactory, ProfileFactory, physician_profile

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def profile(candidate):
    return ProfileFactory(user=candidate)


def overview_url(profile: CandidateProfile) -> str:
    return reverse("profiles:overview", args=[profile.public_id])


def section_url(profile: CandidateProfile, section: str) -> str:
    return reverse("profiles:edit", args=[profile.public_id, section])


def formset_data(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


# --- access -------------------------------------------------------------------------------------

PERSONAL_PAGES = [
    ("profiles:overview", []),
    ("profiles:edit", ["about"]),
    ("profiles:edit", ["work"]),
    ("profiles:edit", ["military"]),
]


@pytest.mark.parametrize(("name", "extra"), PERSONAL_PAGES)
def test_the_owner_sees_their_profile_pages(client, candidate, profile, name, extra):
    client.force_login(candidate)

    assert client.get(reverse(name, args=[profile.public_id, *extra])).status_code == 200


@pytest.mark.parametrize(("name", "extra"), PERSONAL_PAGES)
def test_another_user_gets_404(client, other_candidate, profile, name, extra):
    client.force_login(other_candidate)

    assert client.get(reverse(name, args=[profile.public_id, *extra])).status_code == 404
    assert client.post(reverse(name, args=[profile.public_id, *extra])).status_code in (404, 405)


@pytest.mark.parametrize(("name", "extra"), PERSONAL_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, profile, name, extra):
    response = client.get(reverse(name, args=[profile.public_id, *extra]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_section_is_not_found(client, candidate, profile):
    client.force_login(candidate)

    assert client.get(section_url(profile, "hobbies")).status_code == 404


def test_the_overview_answers_get_only(client, candidate, profile):
    client.force_login(candidate)

    assert client.post(overview_url(profile)).status_code == 405


@pytest.mark.parametrize("url_name", ["profiles:mine", "eligibility:mine"])
def test_without_a_profile_a_get_offers_to_create_one_and_writes_nothing(
    client, candidate, url_name
):
    client.force_login(candidate)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert "Create my profile" in response.content.decode()
    assert not CandidateProfile.objects.filter(user=candidate).exists()


@pytest.mark.parametrize(
    ("url_name", "goes_to"),
    [("profiles:mine", "profiles:overview"), ("eligibility:mine", "eligibility:page")],
)
def test_the_create_button_makes_one_profile_however_often_it_is_pressed(
    client, candidate, url_name, goes_to
):
    client.force_login(candidate)

    first = client.post(reverse(url_name))
    second = client.post(reverse(url_name))

    profile = CandidateProfile.objects.get(user=candidate)
    assert first["Location"] == second["Location"] == reverse(goes_to, args=[profile.public_id])


def test_with_a_profile_my_profile_redirects_to_it(client, candidate, profile):
    client.force_login(candidate)

    response = client.get(reverse("profiles:mine"))

    assert response["Location"] == overview_url(profile)
    assert CandidateProfile.objects.filter(user=candidate).count() == 1


def test_the_overview_lists_the_sections_to_fill_in(client, candidate, profile):
    client.force_login(candidate)

    missing = client.get(overview_url(profile)).context["missing"]

    assert [section.slug for section in missing] == ["education", "language", "work"]


# --- saving sections ---------------------------------------------------------------------------


def test_about_you_saves_on_its_own(client, candidate, profile):
    client.force_login(candidate)

    response = client.post(
        section_url(profile, "about"), {"birth_date": "1990-04-02", "marital_status": "married"}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.birth_date, profile.marital_status) == (dt.date(1990, 4, 2), "married")


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ((TODAY - dt.timedelta(days=15 * 365)).isoformat(), "You must be at least 16"),
        ("1900-01-01", "not plausible"),
        ("2999-01-01", "in the future"),
        ("not-a-date", "Enter a valid date"),
        ("", "This field is required"),
    ],
)
def test_a_bad_birth_date_is_refused_and_nothing_saved(
    client, candidate, profile, birth_date, message
):
    client.force_login(candidate)

    response = client.post(
        section_url(profile, "about"), {"birth_date": birth_date, "marital_status": "single"}
    )

    assert message in " ".join(response.context["form"].errors["birth_date"])
    profile.refresh_from_db()
    assert profile.birth_date == dt.date(1992, 5, 17)


def test_work_rows_are_added_by_code_or_title_and_removed(client, candidate, profile, occupations):
    client.force_login(candidate)
    row = {"country": "CA", "start": "2024-01-01", "hours_per_week": "40", "authorized": "true"}

    client.post(
        section_url(profile, "work"),
        formset_data(
            "work",
            [
                {**row, "occupation": "31102 General practitioners"},
                {**row, "occupation": "software developers and programmers"},
            ],
        ),
    )

    jobs = list(WorkExperience.objects.filter(profile=profile).order_by("occupation_id"))
    assert [job.occupation_id for job in jobs] == ["21232", "31102"]
    data = formset_data(
        "work",
        [
            {**row, "id": str(jobs[0].pk), "occupation": "21232", "DELETE": "on"},
            {**row, "id": str(jobs[1].pk), "occupation": "31102"},
        ],
        initial=2,
    )
    client.post(section_url(profile, "work"), data)
    assert list(
        WorkExperience.objects.filter(profile=profile).values_list("occupation_id", flat=True)
    ) == ["31102"]


def test_a_self_employed_physician_says_the_work_was_fee_for_service(
    client, candidate, profile, occupations
):
    """docs/rules.md §5.5.1: only then does the self-employment count as Canadian experience."""
    client.force_login(candidate)
    row = {"occupation": "31102", "country": "CA", "start": "2024-01-01", "hours_per_week": "40"}
    flags = {"authorized": "true", "self_employed": "on", "fee_for_service_public": "on"}

    client.post(section_url(profile, "work"), formset_data("work", [{**row, **flags}]))

    job = WorkExperience.objects.get(profile=profile)
    assert (job.self_employed, job.fee_for_service_public) == (True, True)


def test_work_in_canada_needs_an_answer_on_authorization_and_abroad_does_not(
    client, candidate, profile, occupations
):
    """docs/rules.md §8.8: unknown authorization must not count work in Canada as authorized."""
    client.force_login(candidate)
    row = {"occupation": "31102", "start": "2024-01-01", "hours_per_week": "40"}

    response = client.post(
        section_url(profile, "work"), formset_data("work", [{**row, "country": "CA"}])
    )

    errors = response.context["entry_lists"][0][1].forms[0].errors
    assert "authorized to work in Canada" in " ".join(errors["authorized"])
    assert not WorkExperience.objects.exists()

    rows = [{**row, "country": "CA", "authorized": "false"}, {**row, "country": "IN"}]
    client.post(section_url(profile, "work"), formset_data("work", rows))

    saved = WorkExperience.objects.filter(profile=profile).order_by("country")
    assert [(str(job.country), job.authorized) for job in saved] == [("CA", False), ("IN", True)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "2023-12-31"}, "end", "is before the start date"),
        ({"end": "9986-01-01"}, "end", "The end date must lie between"),
        ({"start": "1800-01-01"}, "start", "The start date must lie between 1900-01-01"),
        ({"start": (TODAY + dt.timedelta(days=3)).isoformat()}, "start", "is in the future"),
        ({"hours_per_week": "0"}, "hours_per_week", "between 1 and 80"),
        ({"hours_per_week": "81"}, "hours_per_week", "between 1 and 80"),
        ({"occupation": "99999"}, "occupation", "99999 is not a NOC 2021 occupation code"),
        ({"occupation": "3110"}, "occupation", "exactly five digits"),
        ({"occupation": "astronaut pilot chef"}, "occupation", "No NOC 2021 occupation matches"),
        ({"occupation": "engineers"}, "occupation", "Several occupations match"),
        ({"occupation": "nurse\x00"}, "occupation", "Null characters are not allowed"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        (
            {"authorized": "true", "fee_for_service_public": "on"},
            "fee_for_service_public",
            "Only self-employed physician work",
        ),
        (
            {"occupation": "21232", "authorized": "true", "self_employed": "on"}
            | {"fee_for_service_public": "on"},
            "fee_for_service_public",
            "(NOC 31100, 31101 or 31102) in Canada",
        ),
    ],
)
def test_a_bad_job_is_refused_at_its_field_and_nothing_saved(
    client, candidate, profile, occupations, changes, field, message
):
    client.force_login(candidate)
    row = {"occupation": "31102", "country": "CA", "start": "2024-01-01", "hours_per_week": "40"}

    response = client.post(section_url(profile, "work"), formset_data("work", [{**row, **changes}]))

    errors = response.context["entry_lists"][0][1].forms[0].errors
    assert message in " ".join(errors[field])
    assert "Please correct" in response.content.decode()
    assert not WorkExperience.objects.exists()


@pytest.mark.parametrize(
    ("test", "scores", "field", "message"),
    [
        ("ielts_general", {"listening": "9.5"}, "listening", "IELTS"),
        ("ielts_general", {"reading": "6.3"}, "reading", "IELTS"),
        ("celpip_general", {"speaking": "13"}, "speaking", "CELPIP"),
        ("celpip_general", {"writing": "7.5"}, "writing", "CELPIP"),
        ("pte_core", {"listening": "95"}, "listening", "PTE"),
        ("tef_canada", {"reading": "700"}, "reading", "TEF"),
        ("tcf_canada", {"writing": "21"}, "writing", "TCF"),
    ],
)
def test_scores_impossible_for_the_test_are_refused(
    client, candidate, profile, test, scores, field, message
):
    client.force_login(candidate)
    valid = {
        "ielts_general": "7.0",
        "celpip_general": "9",
        "pte_core": "70",
        "tef_canada": "450",
        "tcf_canada": "12",
    }[test]
    row = {
        "test": test,
        "taken_on": "2025-06-01",
        "listening": valid,
        "reading": valid,
        "writing": valid,
        "speaking": valid,
        **scores,
    }

    response = client.post(section_url(profile, "language"), formset_data("tests", [row]))

    errors = response.context["entry_lists"][0][1].forms[0].errors
    assert message in " ".join(errors[field])
    assert not LanguageTest.objects.exists()


def test_a_test_date_in_the_future_is_refused(client, candidate, profile):
    client.force_login(candidate)
    row = {
        "test": "celpip_general",
        "taken_on": (TODAY + dt.timedelta(days=1)).isoformat(),
        "listening": "9",
        "reading": "9",
        "writing": "9",
        "speaking": "9",
    }

    response = client.post(section_url(profile, "language"), formset_data("tests", [row]))

    assert "in the future" in " ".join(
        response.context["entry_lists"][0][1].forms[0].errors["taken_on"]
    )


def test_a_canadian_credential_with_an_eca_is_refused(client, candidate, profile):
    client.force_login(candidate)
    row = {"level": "masters", "canadian": "on", "years": "2", "eca": "on"}

    response = client.post(section_url(profile, "education"), formset_data("education", [row]))

    assert "needs no ECA" in " ".join(response.context["entry_lists"][0][1].forms[0].errors["eca"])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"eca_issued_on": "2024-03-01"}, "only for a credential with an ECA"),
        ({"eca": "on", "eca_issued_on": "2099-03-01"}, "is in the future"),
    ],
)
def test_an_eca_date_needs_an_eca_and_a_past_day(client, candidate, profile, row, message):
    client.force_login(candidate)
    data = {"level": "masters", "years": "2", **row}

    response = client.post(section_url(profile, "education"), formset_data("education", [data]))

    errors = response.context["entry_lists"][0][1].forms[0].errors["eca_issued_on"]
    assert message in " ".join(errors)
    assert not profile.education.exists()


def test_an_eca_date_is_saved_with_the_credential(client, candidate, profile):
    client.force_login(candidate)
    data = {"level": "masters", "years": "2", "eca": "on", "eca_issued_on": "2024-03-01"}

    client.post(section_url(profile, "education"), formset_data("education", [data]))

    assert str(profile.education.get().eca_issued_on) == "2024-03-01"


def test_the_spouse_section_needs_a_spouse(client, candidate, profile):
    client.force_login(candidate)
    empty = {
        **formset_data("spouse-education", []),
        **formset_data("spouse-tests", []),
        **formset_data("spouse-work", []),
    }

    response = client.post(
        section_url(profile, "spouse"),
        {"spouse_accompanying": "true", "spouse_citizen_or_pr": "false", **empty},
    )

    assert "not married or common-law" in response.content.decode()


def test_a_spouse_and_their_test_are_saved_as_the_spouse(client, candidate, profile):
    profile.marital_status = "married"
    profile.save()
    client.force_login(candidate)
    data = {
        "spouse_accompanying": "true",
        "spouse_citizen_or_pr": "false",
        **formset_data("spouse-education", [{"level": "bachelors", "years": "4", "eca": "on"}]),
        **formset_data(
            "spouse-tests",
            [
                {
                    "test": "celpip_general",
                    "taken_on": "2025-01-10",
                    "listening": "8",
                    "reading": "8",
                    "writing": "8",
                    "speaking": "8",
                }
            ],
        ),
        **formset_data("spouse-work", []),
    }

    response = client.post(section_url(profile, "spouse"), data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.spouse_accompanying is True
    assert profile.language_tests.get().person == "spouse"


def test_a_physician_records_a_canadian_licence_to_practise(client, candidate, profile):
    client.force_login(candidate)
    data = {"family_size": "1", "settlement_funds_cad": "0", "licensed_in_canada": "on"}

    client.post(section_url(profile, "other"), data)

    profile.refresh_from_db()
    assert profile.licensed_in_canada is True


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"family_size": "0"}, "family_size", "between 1 and 20"),
        ({"settlement_funds_cad": "-5"}, "settlement_funds_cad", "greater than or equal to 0"),
        ({"job_offer_occupation": "12345"}, "job_offer_occupation", "is not a NOC 2021"),
    ],
)
def test_other_factors_refuse_bad_values(client, candidate, profile, data, field, message):
    OccupationFactory(code="31102")
    client.force_login(candidate)

    response = client.post(
        section_url(profile, "other"), {"family_size": "1", "settlement_funds_cad": "0", **data}
    )

    assert message in " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"pool_entry": "2999-01-01T00:00:00"}, "pool_entry", "cannot be in the future"),
        ({"pool_entry": "2014-12-31T23:00:00"}, "pool_entry", "must lie between 2015-01-01"),
        ({"reported_crs": "1300"}, "reported_crs", "at most 1,200"),
    ],
)
def test_the_express_entry_section_refuses_bad_values(
    client, candidate, profile, data, field, message
):
    client.force_login(candidate)

    response = client.post(section_url(profile, "express-entry"), data)

    assert message in " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize("count", [1, 15])
def test_the_work_section_queries_do_not_grow_with_jobs(
    client, candidate, django_assert_num_queries, count
):
    profile = physician_profile(user=candidate)
    add_jobs(profile, count - 1)
    client.force_login(candidate)

    # session, user, profile, its education, tests and work (with occupation), the jobs of the
    # formset (with occupation), and the occupations of the suggestion list.
    with django_assert_num_queries(8):
        client.get(section_url(profile, "work"))


# --- TEF Canada's scale, the certificate's trade, military service -------------------------------


def tef_row(scale: str, scores: tuple[str, str, str, str] = ("316", "263", "393", "393")):
    listening, reading, writing, speaking = scores
    return {
        "test": "tef_canada",
        "taken_on": "2024-06-01",
        "listening": listening,
        "reading": reading,
        "writing": writing,
        "speaking": speaking,
        "scale": scale,
    }


def test_tef_scores_that_fit_both_scales_get_a_question_and_nothing_is_saved(
    client, candidate, profile
):
    client.force_login(candidate)

    response = client.post(section_url(profile, "language"), formset_data("tests", [tef_row("")]))

    assert response.status_code == 200
    errors = response.context["entry_lists"][0][1].forms[0].errors
    assert "fit both the old scale" in " ".join(errors["scale"])
    assert not LanguageTest.objects.exists()


@pytest.mark.parametrize(
    ("scale", "scores", "saved"),
    [
        pytest.param("old", ("316", "263", "393", "393"), "old", id="old scale stated"),
        pytest.param("current", ("316", "263", "393", "393"), "current", id="current stated"),
        pytest.param("", ("434", "434", "428", "456"), "", id="unambiguous: no question"),
    ],
)
def test_a_tef_result_is_saved_with_the_scale_given(
    client, candidate, profile, scale, scores, saved
):
    client.force_login(candidate)

    response = client.post(
        section_url(profile, "language"), formset_data("tests", [tef_row(scale, scores)])
    )

    assert response.status_code == 302
    assert LanguageTest.objects.get().scale == saved


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        pytest.param(
            tef_row("old", ("316", "350", "393", "393")),
            "reading",
            "0 to 300",
            id="above an old maximum",
        ),
        pytest.param(
            {**tef_row("current"), "taken_on": "2019-09-30"},
            "scale",
            "before 2019-10-01",
            id="current scale before it existed",
        ),
        pytest.param(
            {
                **tef_row("old"),
                "test": "celpip_general",
                "listening": "9",
                "reading": "9",
                "writing": "9",
                "speaking": "9",
            },
            "scale",
            "Only TEF Canada",
            id="a scale on another test",
        ),
    ],
)
def test_a_wrong_scale_is_refused_at_its_field(client, candidate, profile, row, field, message):
    client.force_login(candidate)

    response = client.post(section_url(profile, "language"), formset_data("tests", [row]))

    errors = response.context["entry_lists"][0][1].forms[0].errors
    assert message in " ".join(errors[field])
    assert not LanguageTest.objects.exists()


def test_a_certificate_needs_its_trade_which_is_then_saved(client, candidate, profile):
    OccupationFactory(code="72310", title="Carpenters")
    client.force_login(candidate)
    base = {"family_size": "1", "settlement_funds_cad": "0", "certificate_of_qualification": "on"}

    asked = client.post(section_url(profile, "other"), base)

    assert "Which trade" in " ".join(asked.context["form"].errors["certificate_trade"])
    saved = client.post(section_url(profile, "other"), {**base, "certificate_trade": "72310"})
    assert saved.status_code == 302
    profile.refresh_from_db()
    assert profile.certificate_trade_id == "72310"
    page = client.get(section_url(profile, "other"))
    assert "72310 Carpenters" in page.content.decode()


def test_a_trade_without_a_certificate_is_refused(client, candidate, profile):
    OccupationFactory(code="72310")
    client.force_login(candidate)

    response = client.post(
        section_url(profile, "other"),
        {"family_size": "1", "settlement_funds_cad": "0", "certificate_trade": "72310"},
    )

    assert "unless you hold a certificate" in " ".join(
        response.context["form"].errors["certificate_trade"]
    )


def test_military_service_and_a_caf_offer_are_saved(client, candidate, profile):
    OccupationFactory(code="42102", title="Specialized members of the Canadian Armed Forces")
    client.force_login(candidate)
    data = {
        "military_recognized": "on",
        "military_service_since": "2014-03-01",
        "caf_offer_occupation": "42102",
        "caf_offer_years": "3",
        "caf_offer_full_time": "on",
    }

    response = client.post(section_url(profile, "military"), data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.military_service_since == dt.date(2014, 3, 1)
    assert profile.military_service_until is None
    assert (profile.caf_offer_occupation_id, profile.caf_offer_years) == ("42102", 3)
    assert profile.military_recognized
    assert profile.caf_offer_full_time


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        pytest.param(
            {"military_recognized": "on"},
            "military_service_since",
            "first day",
            id="recognized without a start",
        ),
        pytest.param(
            {"military_service_since": "2999-01-01"},
            "military_service_since",
            "in the future",
            id="start in the future",
        ),
        pytest.param(
            {"military_service_since": "2014-03-01", "military_service_until": "2010-01-01"},
            "military_service_until",
            "before its start",
            id="end before start",
        ),
        pytest.param(
            {"caf_offer_years": "3"},
            "caf_offer_occupation",
            "Give the occupation",
            id="offer length without occupation",
        ),
        pytest.param(
            {"caf_offer_occupation": "42102"},
            "caf_offer_years",
            "Give the length",
            id="offer without length",
        ),
        pytest.param(
            {"caf_offer_occupation": "42102", "caf_offer_years": "0"},
            "caf_offer_years",
            "from 1 to 40",
            id="a zero-year offer",
        ),
        pytest.param(
            {"caf_offer_occupation": "4210"},
            "caf_offer_occupation",
            "five digits",
            id="a malformed occupation",
        ),
        pytest.param(
            {"military_service_since": "soon"},
            "military_service_since",
            "Enter a valid date",
            id="not a date",
        ),
    ],
)
def test_the_military_section_refuses_bad_values_at_their_field(
    client, candidate, profile, data, field, message
):
    OccupationFactory(code="42102")
    client.force_login(candidate)

    response = client.post(section_url(profile, "military"), data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    profile.refresh_from_db()
    assert profile.military_service_since is None
    assert profile.caf_offer_occupation_id is None


# --- bounds on what a request can ask ------------------------------------------------------------

JOB = {"country": "IN", "start": "2015-01-01", "end": "2016-01-01", "hours_per_week": "40"}


def add_jobs(profile: CandidateProfile, count: int) -> None:
    OccupationFactory(code="21232")
    WorkExperience.objects.bulk_create(
        WorkExperience(
            profile=profile,
            occupation_id="21232",
            country="IN",
            start=dt.date(2015, 1, 1),
            end=dt.date(2016, 1, 1),
            hours_per_week=40,
        )
        for _ in range(count)
    )


def forged_count(count: str) -> dict[str, str]:
    data = formset_data("work", [{**JOB, "occupation": "21232"}])
    data["work-TOTAL_FORMS"] = count
    return data


def test_a_forged_row_count_is_refused_before_any_row_is_built(
    client, candidate, profile, django_assert_max_num_queries
):
    client.force_login(candidate)

    # session, user, the profile with its education, tests and work: no row built, no
    # occupation looked up.
    with django_assert_max_num_queries(6):
        response = client.post(section_url(profile, "work"), forged_count("100000"))

    assert response.status_code == 400
    assert "A list holds at most 20 rows" in response.content.decode()
    assert not WorkExperience.objects.exists()


def test_the_formset_itself_builds_at_most_twenty_rows_for_a_forged_count(profile):
    formset = WorkExperienceFormSet(
        forged_count("100000"), instance=profile, prefix="work", person="principal"
    )

    assert len(formset.forms) == 20  # Django's default builds 1,020 before refusing
    assert "Please submit at most 20 forms." in formset.non_form_errors()


def test_new_rows_posted_again_and_again_never_pass_twenty_stored(client, candidate, profile):
    add_jobs(profile, 19)
    client.force_login(candidate)
    new_row = formset_data("work", [{**JOB, "occupation": "21232"}])  # rows already stored unsent

    accepted = client.post(section_url(profile, "work"), new_row)
    refused = client.post(section_url(profile, "work"), new_row)

    assert accepted.status_code == 302
    (_, formset), *_ = refused.context["entry_lists"]
    assert "A list keeps at most 20 rows" in " ".join(formset.non_form_errors())
    assert WorkExperience.objects.filter(profile=profile).count() == 20


def test_a_full_list_can_still_swap_a_row(client, candidate, profile):
    add_jobs(profile, 20)
    client.force_login(candidate)
    stored = list(WorkExperience.objects.filter(profile=profile))
    rows = [{**JOB, "occupation": "21232", "id": str(job.pk)} for job in stored]
    rows[0]["DELETE"] = "on"
    data = formset_data("work", [*rows, {**JOB, "occupation": "21232", "end": "2017-01-01"}])
    data["work-INITIAL_FORMS"] = "20"
    data["work-TOTAL_FORMS"] = "21"  # one past the maximum: refused as a count

    assert client.post(section_url(profile, "work"), data).status_code == 400
    del rows[1]  # the same swap within twenty posted rows
    data = formset_data("work", [*rows, {**JOB, "occupation": "21232", "end": "2017-01-01"}])
    data["work-INITIAL_FORMS"] = "19"

    response = client.post(section_url(profile, "work"), data)

    assert response.status_code == 302
    assert WorkExperience.objects.filter(profile=profile).count() == 20
    assert WorkExperience.objects.filter(end=dt.date(2017, 1, 1)).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (" ".join(["nurse"] * 10_000), "Type at most 200 characters"),
        (" ".join(f"w{number}" for number in range(1_000)), "Type at most 200 characters"),
        (" ".join(f"w{number}" for number in range(17)), "Type at most 16 words"),
    ],
)
def test_occupation_words_are_bounded_in_length_and_number(
    client, candidate, profile, occupations, text, message
):
    client.force_login(candidate)
    data = formset_data("work", [{**JOB, "occupation": text}])

    response = client.post(section_url(profile, "work"), data)

    (_, formset), *_ = response.context["entry_lists"]
    assert message in " ".join(formset.forms[0].errors["occupation"])


def test_rows_carry_no_hidden_profile_id(client, candidate, profile):
    add_jobs(profile, 1)
    client.force_login(candidate)

    page = client.get(section_url(profile, "work")).content.decode()

    assert 'name="work-0-id"' in page  # the row's own id, checked against the owner's rows
    assert "-profile" not in page
