"""The site in English and French: the language a visitor gets, the switcher, the account's
language, and cached pages kept apart by language."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from profiles import tokens
from profiles.models import User
from tests.eligibility.test_page_cache import computed, page_url
from tests.factories import DrawFactory, physician_profile, physicians_round

pytestmark = pytest.mark.django_db

FRENCH_NAV = "Rondes d'invitations"  # "Draws" in the French catalogue
ENGLISH_NAV = ">Draws<"


def switch_language(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_a_visitor_gets_english_by_default(client):
    page = client.get("/").content.decode()

    assert '<html lang="en">' in page
    assert ENGLISH_NAV in page


def test_a_browser_asking_for_french_gets_french(client):
    response = client.get("/", headers={"accept-language": "fr-CA,fr;q=0.9,en;q=0.5"})

    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert FRENCH_NAV in page
    assert response["Content-Language"] == "fr"


def test_the_switcher_keeps_the_choice_for_the_visit(client):
    response = switch_language(client, "fr", next_url="/draws/")

    assert response.status_code == 302
    assert response["Location"] == "/draws/"
    assert FRENCH_NAV in client.get("/").content.decode()
    switch_language(client, "en")
    assert ENGLISH_NAV in client.get("/").content.decode()


def test_every_page_offers_the_other_language(client):
    assert 'name="language" value="fr" lang="fr">Français</button>' in (
        client.get("/").content.decode()
    )
    switch_language(client, "fr")
    assert 'name="language" value="en" lang="en">English</button>' in (
        client.get("/").content.decode()
    )


def test_an_unknown_language_changes_nothing(client):
    response = switch_language(client, "xx")

    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_switcher_only_answers_post(client):
    assert client.get(reverse("set_language")).status_code == 405


def test_a_signed_in_persons_choice_is_saved_on_the_account(client, candidate):
    client.force_login(candidate)

    switch_language(client, "fr")

    candidate.refresh_from_db()
    assert candidate.language == "fr"


def test_the_accounts_language_wins_on_another_device(client, candidate):
    User.objects.filter(pk=candidate.pk).update(language="fr")
    client.force_login(candidate)  # a fresh browser: no language cookie, an English browser

    page = client.get("/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="fr">' in page
    assert FRENCH_NAV in page


def test_an_account_made_in_french_is_french(client):
    switch_language(client, "fr")
    token = tokens.sign_up_token("new@example.com")
    client.post(
        reverse("signup_confirm", args=[token]),
        {
            "new_password1": "a long unusual passphrase",
            "new_password2": "a long unusual passphrase",
        },
    )

    assert User.objects.get(email="new@example.com").language == "fr"


def test_a_cached_public_page_is_never_served_in_the_other_language(client, memory_cache):
    english = client.get("/").content.decode()
    switch_language(client, "fr")
    french = client.get("/").content.decode()
    switch_language(client, "en")
    english_again = client.get("/").content.decode()

    # "Latest draws" is inside the page's cached block
    assert "<h2>Latest draws</h2>" in english
    assert "<h2>Dernières rondes</h2>" in french
    assert "<h2>Latest draws</h2>" in english_again


def test_the_cached_personal_page_is_kept_per_language(client, candidate, categories, memory_cache):
    profile = physician_profile(user=candidate)
    physicians_round()
    client.force_login(candidate)
    assert computed(client, page_url(profile)) is True
    assert computed(client, page_url(profile)) is False

    switch_language(client, "fr")

    assert computed(client, page_url(profile)) is True  # not the English copy
    assert computed(client, page_url(profile)) is False
    switch_language(client, "en")
    assert computed(client, page_url(profile)) is False  # the English copy is still there


def test_a_signed_in_persons_switch_needs_the_csrf_token(candidate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)

    assert switch_language(client, "fr").status_code == 403
    candidate.refresh_from_db()
    assert candidate.language == "en"


def test_a_visitors_page_holds_no_csrf_token(client):
    assert "csrfmiddlewaretoken" not in client.get("/").content.decode()


def test_account_emails_go_in_the_owners_language(client, candidate):
    from django.core import mail

    User.objects.filter(pk=candidate.pk).update(language="fr")

    client.post(reverse("signup"), {"email": candidate.email})  # an English visitor

    (message,) = mail.outbox
    assert message.subject == "Quelqu'un a tenté de s'inscrire avec votre adresse"
    assert "Si c'était vous, connectez-vous" in message.body


def test_a_sign_up_link_goes_in_the_visitors_language(client):
    from django.core import mail

    switch_language(client, "fr")
    client.post(reverse("signup"), {"email": "nouveau@example.com"})

    assert mail.outbox[0].subject == "Confirmez votre adresse pour utiliser le Suivi Entrée express"


@pytest.mark.parametrize("url", ["/", "/draws/", "/draws/10/", "/draws/chart/"])
def test_every_cached_public_page_in_french_is_the_same_with_english_cached_first(
    client, memory_cache, url
):
    DrawFactory(number="10", min_crs=501)
    switch_language(client, "fr")
    french_alone = client.get(url).content.decode()
    cache.clear()

    switch_language(client, "en")
    client.get(url)  # the English page now in the cache
    switch_language(client, "fr")
    french_after_english = client.get(url).content.decode()

    assert 'lang="fr"' in french_alone
    assert french_after_english == french_alone
