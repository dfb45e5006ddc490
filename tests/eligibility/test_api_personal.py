"""The personal API (/api/v1/me/...): who may call it, the profile in and out, today's verdict
and the per-draw answers, never stale, never another person's."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from eligibility.models import EligibilityResult
from eligibility.results.services import results_compute_for_profile
from profiles.models import AccessToken, CandidateProfile, WorkExperience
from profiles.services import access_token_revoke
from tests.factories import (
    DrawFactory,
    OccupationFactory,
    ProfileFactory,
    access_token,
    physician_profile,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "docs" / "candidate-example.json").read_text())
PERSONAL = [
    ("get", "/api/v1/me/profile"),
    ("put", "/api/v1/me/profile"),
    ("get", "/api/v1/me/eligibility"),
    ("get", "/api/v1/me/draws/"),
    ("get", "/api/v1/me/draws/1001/"),
]


def call(client, method: str, url: str, token: str | None = None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "put":
        return client.put(
            url, data=json.dumps(body or {}), content_type="application/json", **headers
        )
    return client.get(url, **headers)


@pytest.fixture
def physician(candidate):
    """Alice's profile, a family physician in Canada, and draw #1001 (a CEC round)."""
    DrawFactory(number="1001", held_on=dt.date(2026, 2, 1))
    return physician_profile(user=candidate)


@pytest.fixture
def token(candidate) -> str:
    return access_token(candidate)


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "url"), PERSONAL)
def test_without_a_token_every_personal_endpoint_is_a_401(client, physician, method, url):
    response = call(client, method, url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "errors": {"request": "Authentication credentials were not provided."}
    }


@pytest.mark.parametrize(("method", "url"), PERSONAL)
def test_a_revoked_token_is_refused(client, candidate, physician, token, method, url):
    access_token_revoke(user=candidate, public_id=AccessToken.objects.get().public_id)

    response = call(client, method, url, token, EXAMPLE)

    assert response.status_code == 401
    assert response.json() == {"errors": {"request": "Invalid or expired token."}}


@pytest.mark.parametrize(("method", "url"), PERSONAL)
def test_an_expired_token_is_refused(client, candidate, physician, method, url):
    expired = access_token(candidate, expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = call(client, method, url, expired, EXAMPLE)

    assert response.status_code == 401
    assert response.json() == {"errors": {"request": "Invalid or expired token."}}


@pytest.mark.parametrize(("method", "url"), [p for p in PERSONAL if p[0] == "get"])
def test_another_persons_token_never_reaches_this_profile(
    client, physician, other_candidate, method, url
):
    response = call(client, method, url, access_token(other_candidate))

    # Bob has no profile: every personal answer is a 404, and nothing of Alice's shows.
    assert response.status_code == 404
    assert "profile" in json.dumps(response.json())
    assert physician.birth_date.isoformat() not in response.content.decode()


def test_another_persons_put_writes_their_own_profile_only(client, physician, other_candidate):
    response = call(client, "put", "/api/v1/me/profile", access_token(other_candidate), EXAMPLE)

    assert response.status_code == 200
    assert CandidateProfile.objects.get(user=other_candidate).birth_date == dt.date(1992, 5, 17)
    physician.refresh_from_db()
    assert physician.work.count() == 1  # Alice's profile is untouched


@pytest.mark.parametrize(("method", "url"), PERSONAL)
def test_a_forged_token_is_refused(client, physician, token, method, url):
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert call(client, method, url, forged, EXAMPLE).status_code == 401


def test_the_sites_session_works_too(client, candidate, physician):
    client.force_login(candidate)

    assert client.get("/api/v1/me/eligibility").status_code == 200


def test_with_the_session_a_put_needs_the_csrf_token(candidate, physician):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(candidate)

    response = browser.put(
        "/api/v1/me/profile", data=json.dumps(EXAMPLE), content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"]["request"]


@pytest.mark.parametrize(("method", "url"), PERSONAL)
def test_personal_answers_are_private_and_never_stored(client, physician, token, method, url):
    response = call(client, method, url, token, EXAMPLE)

    assert response.status_code in {200, 400}
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_a_token_never_reaches_the_logs(client, physician, token, caplog):
    caplog.set_level(logging.DEBUG)
    revoked = access_token(physician.user)
    access_token_revoke(user=physician.user, public_id=AccessToken.objects.first().public_id)

    for sent in (token, revoked, token + "x"):
        call(client, "get", "/api/v1/me/draws/9999/", sent)
        call(client, "get", "/api/v1/me/eligibility?page=x", sent)

    assert caplog.records  # the 401s and 404s were logged
    assert not any(sent in caplog.text for sent in (token, revoked, token[4:]))


def test_tokens_are_stored_only_as_digests(candidate, token):
    row = AccessToken.objects.get()

    assert token not in {row.digest, row.name, row.prefix}
    assert row.prefix == token[:8]
    assert len(row.digest) == 64


def test_using_a_token_records_when(client, physician, token):
    call(client, "get", "/api/v1/me/profile", token)

    assert AccessToken.objects.get().last_used_at is not None


def test_each_token_has_its_own_rate_limit(client, candidate, physician, token, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "api-personal", "2/minute")
    for _ in range(2):
        assert call(client, "get", "/api/v1/me/profile", token).status_code == 200

    limited = call(client, "get", "/api/v1/me/profile", token)
    other_token = call(client, "get", "/api/v1/me/profile", access_token(candidate))

    assert limited.status_code == 429
    assert "throttled" in limited.json()["errors"]["request"]
    assert other_token.status_code == 200


# --- the profile in and out ---------------------------------------------------------------------


def test_get_profile_answers_the_candidate_format(client, physician, token):
    data = call(client, "get", "/api/v1/me/profile", token).json()

    assert data["birth_date"] == "1992-05-17"
    assert data["work"][0]["noc"] == "31102"
    assert data["work"][0]["end"] is None
    assert data["pool_entry"] == "2025-11-20T09:00:00Z"


def test_an_empty_profile_is_a_404_until_it_has_a_birth_date(client, candidate, token):
    ProfileFactory(user=candidate, birth_date=None)

    response = call(client, "get", "/api/v1/me/profile", token)

    assert response.status_code == 404
    assert "birth date" in response.json()["errors"]["request"]


@pytest.fixture
def physicians_occupations(db):
    OccupationFactory(code="31102")


def test_put_replaces_the_whole_profile_and_answers_it(
    client, candidate, token, physicians_occupations, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(user=candidate, draw_alerts=True)

    with django_capture_on_commit_callbacks() as callbacks:
        response = call(client, "put", "/api/v1/me/profile", token, EXAMPLE)

    assert response.status_code == 200
    assert (
        response.json()
        == {**EXAMPLE, **response.json()}
        == call(client, "get", "/api/v1/me/profile", token).json()
    )
    profile.refresh_from_db()
    assert profile.marital_status == "married"
    assert profile.spouse_accompanying is True
    assert profile.work.count() == 2
    assert profile.education.count() == 2
    assert profile.draw_alerts is True  # not part of the format: kept
    assert len(callbacks) == 1  # the re-evaluation, after the commit


def test_a_put_with_bad_fields_names_each_and_changes_nothing(
    client, physician, token, physicians_occupations
):
    before = call(client, "get", "/api/v1/me/profile", token).json()
    body = {
        **EXAMPLE,
        "favourite_colour": "blue",
        "work": [{**EXAMPLE["work"][0], "hours_per_week": 37.25}, EXAMPLE["work"][1]],
    }

    response = call(client, "put", "/api/v1/me/profile", token, body)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"favourite_colour"}  # the format's checks first
    body.pop("favourite_colour")
    response = call(client, "put", "/api/v1/me/profile", token, body)
    assert response.json() == {
        "errors": {"work[0].hours_per_week": "must have at most one decimal (e.g. 37.5)"}
    }
    assert call(client, "get", "/api/v1/me/profile", token).json() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"work": [{**EXAMPLE["work"][0], "noc": "99999"}]}, "work[0].noc"),
        ({"work": [{**EXAMPLE["work"][0], "country": "ZZ"}]}, "work[0].country"),
        ({"work": [EXAMPLE["work"][0]] * 21}, "work"),
        ({"education": [{**EXAMPLE["education"][0], "years": 14}]}, "education[0].years"),
        (
            {"education": [{**EXAMPLE["education"][0], "canadian": True, "eca": True}]},
            "education[0].eca",
        ),
        ({"birth_date": None}, "birth_date"),
    ],
)
def test_what_a_profile_cannot_keep_is_refused_at_its_field(
    client, physician, token, physicians_occupations, change, field
):
    response = call(client, "put", "/api/v1/me/profile", token, {**EXAMPLE, **change})

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert WorkExperience.objects.filter(profile=physician).count() == 1


def test_a_put_over_64_kib_is_refused_before_it_is_read(client, physician, token):
    response = client.put(
        "/api/v1/me/profile",
        data=b'{"birth_date": "' + b"9" * 100_000 + b'"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 413
    assert response.json() == {"errors": {"body": "The body is larger than 64 KiB."}}


def test_a_first_put_makes_the_profile(client, candidate, token, physicians_occupations):
    assert call(client, "put", "/api/v1/me/profile", token, EXAMPLE).status_code == 200

    assert CandidateProfile.objects.get(user=candidate).language_tests.count() == 2


# --- answers ------------------------------------------------------------------------------------


def test_eligibility_is_todays_verdict(client, physician, token, categories):
    verdict = call(client, "get", "/api/v1/me/eligibility", token).json()

    assert verdict["on"] == timezone.localdate().isoformat()
    assert set(verdict["programs"]) == {"fsw", "cec", "fst"}
    assert verdict["crs"]["total"] > 0
    assert verdict["crs"]["factors"]
    assert "draw" not in verdict


def test_an_incomplete_profile_is_a_409_naming_the_sections(client, candidate, token):
    ProfileFactory(user=candidate)
    DrawFactory(number="1001")

    for url in ("/api/v1/me/eligibility", "/api/v1/me/draws/", "/api/v1/me/draws/1001/"):
        response = call(client, "get", url, token)
        assert response.status_code == 409, url
        assert response.json() == {
            "errors": {"profile": "Fill in these sections first: education, language, work."}
        }


def test_draws_are_served_stored_only_while_fresh(client, physician, token):
    DrawFactory(number="1002", held_on=dt.date(2026, 3, 1))
    results_compute_for_profile(profile_id=physician.pk)

    fresh = call(client, "get", "/api/v1/me/draws/", token).json()
    physician.save()  # any change of the profile makes its stored results stale
    stale = call(client, "get", "/api/v1/me/draws/", token).json()

    assert fresh["count"] == 2
    assert [row["number"] for row in fresh["results"]] == ["1002", "1001"]
    assert all(row["stored"] for row in fresh["results"])
    assert not any(row["stored"] for row in stale["results"])
    assert [{**row, "stored": None} for row in fresh["results"]] == [
        {**row, "stored": None} for row in stale["results"]
    ]


def test_a_stored_answer_is_what_the_list_shows(client, physician, token):
    results_compute_for_profile(profile_id=physician.pk)
    EligibilityResult.objects.update(crs=123, reasons=[["cec.experience", {"months": 2}]])

    row = call(client, "get", "/api/v1/me/draws/", token).json()["results"][0]

    assert row["stored"] is True
    assert row["crs"] == 123
    assert row["tie_break"] == "not_needed"
    assert row["unmet_reasons"] == [{"code": "cec.experience", "numbers": {"months": 2}}]


def test_one_draw_has_every_reason_on_its_date(client, physician, token):
    outcome = call(client, "get", "/api/v1/me/draws/1001/", token).json()

    assert outcome["number"] == "1001"
    assert outcome["held_on"] == "2026-02-01"
    assert outcome["reasons"]
    assert all(reason["message"] for reason in outcome["reasons"])
    assert {"eligible", "invited", "crs", "cutoff", "gap", "tie_break"} <= set(outcome)


@pytest.mark.parametrize(("number", "status"), [("9999", 404), ("../1001", 404), ("1001%00", 400)])
def test_an_unknown_draw_is_a_404_and_a_nul_a_400(client, physician, token, number, status):
    assert call(client, "get", f"/api/v1/me/draws/{number}/", token).status_code == status


def test_the_draw_list_costs_the_same_queries_for_any_page_size(
    client, physician, token, settings, django_assert_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for number in range(20):
        DrawFactory(number=str(2000 + number))
    results_compute_for_profile(profile_id=physician.pk)
    call(client, "get", "/api/v1/me/draws/", token)  # records the token's last use

    for size in (1, 20):
        # The token, the profile's id, the profile with its entries (4), the published
        # draws with their category, the profile's stored results.
        with django_assert_num_queries(8):
            response = call(client, "get", f"/api/v1/me/draws/?page_size={size}", token)
        assert len(response.json()["results"]) == size


def test_data_the_engine_cannot_evaluate_is_a_409_that_says_so(client, physician, token):
    # Past the forms' checks, written straight into the database: the engine's calendar
    # arithmetic cannot reckon from a job ending on 9999-12-31.
    WorkExperience.objects.filter(profile=physician).update(end=dt.date(9999, 12, 31))

    response = call(client, "get", "/api/v1/me/eligibility", token)

    assert response.status_code == 409
    assert "could not be evaluated: ValueError" in response.json()["errors"]["profile"]
