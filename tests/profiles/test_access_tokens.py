"""API tokens on the account page: made with a name and an optional expiry, shown once,
kept as a digest, revoked by their owner only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.access_tokens import MAX_TOKENS_PER_USER
from profiles.models import AccessToken
from tests.factories import access_token

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make(client, **fields):
    return client.post(reverse("access_token_create"), {"name": "my sheet", **fields})


def shown_token(response) -> str:
    token = re.search(r"eet_[\w-]{43}", response.content.decode())
    assert token is not None
    return token.group(0)


def test_a_token_is_shown_once_and_then_works(client, candidate):
    client.force_login(candidate)

    response = make(client)
    token = shown_token(response)
    account = client.get(reverse("account")).content.decode()

    assert response.status_code == 200
    assert "only this once" in response.content.decode()
    assert token not in account
    assert token[:8] in account
    assert "my sheet" in account
    client.logout()
    api = client.get("/api/v1/me/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 404  # authenticated: Alice has no profile yet


def test_the_token_page_is_never_stored_by_a_cache(client, candidate):
    client.force_login(candidate)

    assert {"private", "no-store"} <= set(make(client)["Cache-Control"].split(", "))


def test_an_expiry_ends_the_token_after_that_day(client, candidate):
    client.force_login(candidate)

    make(client, expires_on=TODAY.isoformat())

    expires_at = AccessToken.objects.get().expires_at
    assert expires_at == dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(), dt.UTC)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"expires_on": (TODAY - dt.timedelta(days=1)).isoformat()}, "Choose a day from today"),
        ({"expires_on": "3000-01-01"}, "Choose a day from today"),
        ({"expires_on": "soon"}, "Enter a valid date."),
    ],
)
def test_a_bad_token_form_makes_nothing_and_says_why(client, candidate, fields, message):
    client.force_login(candidate)

    response = make(client, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AccessToken.objects.exists()


def test_one_account_holds_a_bounded_number_of_tokens(client, candidate):
    for _ in range(MAX_TOKENS_PER_USER):
        access_token(candidate)
    client.force_login(candidate)

    response = make(client)

    assert response.status_code == 400
    assert "revoke one first" in response.content.decode()
    assert AccessToken.objects.count() == MAX_TOKENS_PER_USER


def test_revoking_a_token_stops_it(client, candidate):
    token = access_token(candidate)
    client.force_login(candidate)
    row = AccessToken.objects.get()

    response = client.post(reverse("access_token_revoke", args=[row.public_id]))

    assert response.status_code == 302
    assert not AccessToken.objects.exists()
    client.logout()
    assert client.get("/api/v1/me/profile", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_nobody_revokes_another_persons_token(client, candidate, other_candidate):
    access_token(candidate)
    client.force_login(other_candidate)

    response = client.post(
        reverse("access_token_revoke", args=[AccessToken.objects.get().public_id])
    )

    assert response.status_code == 404
    assert AccessToken.objects.count() == 1


def test_revoking_is_a_post(client, candidate):
    access_token(candidate)
    client.force_login(candidate)

    url = reverse("access_token_revoke", args=[AccessToken.objects.get().public_id])

    assert client.get(url).status_code == 405
    assert AccessToken.objects.count() == 1


@pytest.mark.parametrize("name", ["access_token_create"])
def test_anonymous_people_are_sent_to_log_in(client, db, name):
    response = client.post(reverse(name), {"name": "x"})

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_deleting_the_account_deletes_its_tokens(candidate):
    access_token(candidate)

    candidate.delete()

    assert not AccessToken.objects.exists()
