"""Sign up, log in and out, password change and reset, account deletion."""

from __future__ import annotations

import datetime as dt
import re
import time
from importlib import import_module

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from profiles import tokens
from profiles.models import CandidateProfile, User

pytestmark = pytest.mark.django_db


def sign_up(client, email: str):
    return client.post(reverse("signup"), {"email": email})


def link_in(message: EmailMessage) -> str:
    """The path of the link in an email (links carry SITE_URL; the test client needs none)."""
    link = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert link is not None, message.body
    return link.group(1)


def test_sign_up_emails_a_link_that_makes_a_confirmed_account_and_logs_in(client, db, password):
    response = sign_up(client, "New@Example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("signup_sent")
    assert not User.objects.exists()  # nothing exists before the owner follows the link
    assert mail.outbox[0].to == ["new@example.com"]
    link = link_in(mail.outbox[0])
    form_page = client.get(link)
    assert "new@example.com" in form_page.content.decode()
    assert {"private", "no-store"} <= set(form_page["Cache-Control"].split(", "))

    response = client.post(link, {"new_password1": password, "new_password2": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:mine")
    user = User.objects.get()
    assert (user.email, user.email_verified_at is not None) == ("new@example.com", True)
    assert CandidateProfile.objects.filter(user=user).exists()  # made with the account
    assert user.check_password(password)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_answers_the_same_for_a_taken_address_and_tells_its_owner(client, candidate):
    """No sign-up enumeration: the same redirect and page whether the address has an
    account or not; its owner gets an email saying someone tried."""
    taken = sign_up(client, "ALICE@example.com")
    free = sign_up(client, "nobody@example.com")

    assert (taken.status_code, taken["Location"]) == (free.status_code, free["Location"])
    assert client.get(taken["Location"]).content == client.get(free["Location"]).content
    to_owner, to_stranger = mail.outbox
    assert to_owner.to == ["alice@example.com"]
    assert "already has an account, so nothing was changed" in to_owner.body
    assert "/accounts/signup/confirm/" not in to_owner.body
    assert "/accounts/signup/confirm/" in to_stranger.body
    assert User.objects.count() == 1


def test_the_sign_up_link_refuses_a_weak_password_and_makes_nothing(client, db):
    sign_up(client, "new@example.com")

    response = client.post(
        link_in(mail.outbox[0]), {"new_password1": "123", "new_password2": "123"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert not User.objects.exists()


def test_a_forged_or_expired_sign_up_link_is_refused(client, db, monkeypatch):
    forged = reverse("signup_confirm", args=[tokens.sign_up_token("x@example.com") + "x"])
    four_days_ago = time.time() - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: four_days_ago)
        expired = reverse("signup_confirm", args=[tokens.sign_up_token("x@example.com")])

    for link in (forged, expired):
        response = client.post(
            link, {"new_password1": "a long passphrase", "new_password2": "a long passphrase"}
        )
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert not User.objects.exists()


def test_a_sign_up_link_followed_again_sends_to_log_in(client, db, password):
    sign_up(client, "new@example.com")
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password1": password, "new_password2": password})
    client.post(reverse("logout"))

    response = client.post(link, {"new_password1": "another one", "new_password2": "another one"})

    assert response["Location"] == reverse("login")
    assert User.objects.get().check_password(password)


def test_sign_up_sends_one_address_at_most_three_emails_an_hour(client, db):
    for _ in range(5):
        assert sign_up(client, "victim@example.com")["Location"] == reverse("signup_sent")

    assert len(mail.outbox) == 3


def test_an_unconfirmed_address_is_confirmed_from_the_account_page(client, candidate):
    User.objects.filter(pk=candidate.pk).update(email_verified_at=None)
    client.force_login(candidate)
    assert "not confirmed yet" in client.get(reverse("account")).content.decode()

    client.post(reverse("address_confirmation_send"))
    response = client.get(link_in(mail.outbox[0]))

    assert response["Location"] == reverse("account")
    candidate.refresh_from_db()
    assert candidate.email_verified_at is not None


def test_a_confirmation_link_for_another_account_or_address_confirms_nothing(
    client, candidate, other_candidate
):
    User.objects.update(email_verified_at=None)
    for_bob = tokens.confirm_address_token(user_id=other_candidate.pk, email=other_candidate.email)
    old_address = tokens.confirm_address_token(user_id=candidate.pk, email="old@example.com")
    client.force_login(candidate)

    for token in (for_bob, old_address):
        response = client.get(reverse("address_confirm", args=[token]))
        assert response.status_code == 400

    assert not User.objects.filter(email_verified_at__isnull=False).exists()


def test_log_in_with_email_and_log_out(client, candidate, password):
    response = client.post(reverse("login"), {"username": candidate.email, "password": password})
    assert response.status_code == 302

    client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_with_a_message(client, candidate):
    response = client.post(reverse("login"), {"username": candidate.email, "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()


def log_in(client, email: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, candidate, password):
    guesses = [log_in(client, candidate.email, "guess").status_code for _ in range(5)]

    response = log_in(client, candidate.email, password)

    assert guesses == [200, 200, 200, 200, 429]  # the fifth wrong password locks
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_one_client_and_lifts_after_the_cool_off(client, candidate, password):
    for _ in range(5):
        log_in(client, candidate.email, "guess")

    # Someone else, elsewhere, is not locked out by a stranger's guesses.
    assert log_in(Client(), candidate.email, password, address="198.51.100.7").status_code == 302
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert log_in(client, candidate.email, password).status_code == 302


def test_a_forged_forwarded_for_does_not_reset_the_login_count(client, candidate):
    """A forged X-Forwarded-For does not give a fresh count (NUM_PROXIES is 0 by default)."""
    for number in range(5):
        client.post(
            reverse("login"),
            {"username": candidate.email, "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )

    assert log_in(client, candidate.email, "guess").status_code == 429


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


def test_deleting_the_account_deletes_its_sessions_in_every_browser(
    client, candidate, other_candidate, password
):
    elsewhere = Client()
    elsewhere.force_login(candidate)
    Client().force_login(other_candidate)
    client.force_login(candidate)

    client.post(reverse("account_delete"), {"password": password, "confirm": "on"})

    assert session_owners() == [str(other_candidate.pk)]
    assert "_auth_user_id" not in elsewhere.session
    assert elsewhere.get(reverse("account"))["Location"].startswith(reverse("login"))


def session_owners() -> list[str]:
    """The user id in every stored session, whatever the session engine's table."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = store.get_model_class().objects.all()
    return sorted(
        owner
        for session in sessions
        if (owner := store().decode(session.session_data).get("_auth_user_id"))
    )


@pytest.mark.parametrize("name", ["account", "account_delete", "password_change"])
def test_account_pages_send_anonymous_visitors_to_log_in(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
