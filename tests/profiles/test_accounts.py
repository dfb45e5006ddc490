"""Sign up, log in and out, password change and reset, account deletion."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from profiles.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_logs_the_new_user_in_and_opens_the_profile(client, password):
    response = client.post(
        reverse("signup"),
        {"email": "New@Example.com", "password1": password, "password2": password},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:mine")
    user = User.objects.get()
    assert user.email == "new@example.com"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_rejects_a_taken_email_and_a_weak_password(client, candidate):
    response = client.post(
        reverse("signup"),
        {"email": "ALICE@example.com", "password1": "123", "password2": "123"},
    )

    form = response.context["form"]
    assert "An account with this email address already exists." in form.errors["email"]
    assert form.errors["password2"]
    assert User.objects.count() == 1


def test_log_in_with_email_and_log_out(client, candidate, password):
    response = client.post(reverse("login"), {"username": candidate.email, "password": password})
    assert response.status_code == 302

    client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_with_a_message(client, candidate):
    response = client.post(reverse("login"), {"username": candidate.email, "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()


def test_password_change(client, candidate, password):
    client.force_login(candidate)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("a new long passphrase")


def test_password_reset_sends_a_link_that_sets_a_new_password(client, candidate):
    client.post(reverse("password_reset"), {"email": candidate.email})

    assert len(mail.outbox) == 1
    link = re.search(r"http://[^\s]+/password/reset/[^\s]+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another long passphrase", "new_password2": "another long passphrase"},
    )
    candidate.refresh_from_db()
    assert candidate.check_password("another long passphrase")


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)

    assert "If an account uses that address" in response.content.decode()
    assert mail.outbox == []


def test_deleting_the_account_needs_the_password_and_the_confirmation(client, candidate, password):
    client.force_login(candidate)

    refused = client.post(reverse("account_delete"), {"password": "wrong", "confirm": "on"})
    assert "That is not your password." in refused.content.decode()
    unconfirmed = client.post(reverse("account_delete"), {"password": password})
    assert unconfirmed.context["form"].errors["confirm"]
    assert User.objects.filter(pk=candidate.pk).exists()

    client.post(reverse("account_delete"), {"password": password, "confirm": "on"})

    assert not User.objects.filter(pk=candidate.pk).exists()


@pytest.mark.parametrize("name", ["account", "account_delete", "password_change"])
def test_account_pages_send_anonymous_visitors_to_log_in(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
