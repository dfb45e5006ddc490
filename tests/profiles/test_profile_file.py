"""The profile as a file: "Download my profile" and "Replace my profile from a file"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profiles.models import CandidateProfile
from tests.factories import ProfileFactory, physician_profile

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "candidate-example.json"


def download(client, profile):
    return client.get(reverse("profiles:download", args=[profile.public_id]))


def upload(client, profile, content: bytes):
    file = SimpleUploadedFile("profile.json", content, content_type="application/json")
    return client.post(reverse("profiles:upload", args=[profile.public_id]), {"file": file})


@pytest.fixture
def physician(candidate, occupations):
    return physician_profile(user=candidate)


def test_the_download_is_the_candidate_format(client, candidate, physician):
    client.force_login(candidate)

    response = download(client, physician)

    assert response["Content-Disposition"] == 'attachment; filename="express-entry-profile.json"'
    data = json.loads(response.content)
    assert data["birth_date"] == "1992-05-17"
    assert data["work"][0]["noc"] == "31102"


def test_an_empty_profile_has_nothing_to_download(client, candidate):
    profile = ProfileFactory(user=candidate, birth_date=None)
    client.force_login(candidate)

    response = download(client, profile)

    assert response.status_code == 302
    assert response["Location"] == profile.get_absolute_url()


@pytest.mark.parametrize("view", ["profiles:download", "profiles:upload"])
def test_another_person_gets_a_404(client, physician, other_candidate, view):
    client.force_login(other_candidate)

    assert client.get(reverse(view, args=[physician.public_id])).status_code == 404


@pytest.mark.parametrize("view", ["profiles:download", "profiles:upload"])
def test_anonymous_people_are_sent_to_log_in(client, physician, view):
    response = client.get(reverse(view, args=[physician.public_id]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_overview_offers_both(client, candidate, physician):
    client.force_login(candidate)

    page = client.get(physician.get_absolute_url()).content.decode()

    assert reverse("profiles:download", args=[physician.public_id]) in page
    assert reverse("profiles:upload", args=[physician.public_id]) in page


def test_a_file_replaces_the_profile(client, candidate, physician):
    client.force_login(candidate)

    response = upload(client, physician, EXAMPLE.read_bytes())

    assert response.status_code == 302
    physician.refresh_from_db()
    assert physician.marital_status == "married"
    assert physician.work.count() == 2
    assert json.loads(download(client, physician).content) == {
        **json.loads(EXAMPLE.read_text()),
        **json.loads(download(client, physician).content),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "The file is not valid JSON"),
        (b"[" * 50 + b"]" * 50, "The JSON nests deeper than 10 levels."),
        (json.dumps({"birth_date": "1992-05-17", "colour": "blue"}).encode(), "colour"),
        (
            json.dumps({"birth_date": "1992-05-17", "work": [{"noc": "99999"}]}).encode(),
            "work[0].noc",
        ),
        (b"", "The submitted file is empty."),
    ],
)
def test_an_invalid_file_says_why_and_changes_nothing(
    client, candidate, physician, content, message
):
    client.force_login(candidate)
    before = download(client, physician).content

    response = upload(client, physician, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert download(client, physician).content == before


def test_a_file_over_64_kib_is_refused_before_it_is_read(client, candidate, physician):
    client.force_login(candidate)
    before = download(client, physician).content

    response = upload(client, physician, b'{"birth_date": "' + b"9" * 200_000 + b'"}')

    assert response.status_code == 413
    assert "larger than 64 KiB" in response.content.decode()
    assert download(client, physician).content == before


# --- the round trip -----------------------------------------------------------------------------


def page_answers(client, profile) -> dict:
    """What the personal page shows: today's score, programs and categories, and every draw
    (all of them, page after page)."""
    url = reverse("eligibility:page", args=[profile.public_id])
    context = client.get(url).context
    draws, number = [], 1
    while True:
        table = client.get(url, {"scope": "all", "page": number}).context
        draws += [
            (r.draw.number, r.in_pool, r.eligible, r.crs, r.gap, r.tie_break, r.invited, r.error)
            for r in table["draw_rows"]
        ]
        if not table["table"].page.has_next():
            break
        number += 1
    return {
        "crs": [(f.code, f.points) for f in context["crs"].factors],
        "programs": [(code, d.eligible, d.reasons) for _, code, d in context["programs"]],
        "categories": [(c.slug, d.eligible, d.reasons) for c, d in context["categories"]],
        "draws": draws,
    }


def test_a_profile_exported_and_imported_into_a_new_account_gets_the_same_answers(
    client, candidate, other_candidate, imported_draws, occupations
):
    alice = physician_profile(user=candidate, marital_status="married", family_size=2)
    client.force_login(candidate)
    upload(client, alice, EXAMPLE.read_bytes())  # a spouse, two jobs: the whole format
    exported = download(client, alice).content
    alices = page_answers(client, alice)
    alices_api = client.get("/api/v1/me/eligibility").json()

    client.force_login(other_candidate)
    client.post(reverse("profiles:mine"))  # Bob's empty profile, made by its button
    bob = CandidateProfile.objects.get(user=other_candidate)
    assert upload(client, bob, exported).status_code == 302

    assert download(client, bob).content == exported
    assert page_answers(client, bob) == alices
    assert len(alices["draws"]) > 400
    assert any(draw[-2] for draw in alices["draws"])
    assert client.get("/api/v1/me/eligibility").json() == alices_api
