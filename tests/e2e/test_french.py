"""The site in French, in real Chromium: a visitor switches to French and walks the home page,
a draw, sign-up, a profile section with an error and the personal page, and reads no English
sentence of the catalogue anywhere.

Playwright drives Debian's chromium (/usr/bin/chromium, installed by the Makefile).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from profiles.models import User
from tests.factories import physician_profile, physicians_round
from tests.test_translations import CATALOGUE, entries

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

_PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)[sd]|<[^>]+>")


def english_sentences() -> list[str]:
    """The pieces of the catalogue's English text long enough to be a sentence of their own
    (three words or more between placeholders and tags) whose French differs."""
    pieces = set()
    for msgid, msgstr, _fuzzy in entries(CATALOGUE):
        if msgid == msgstr:
            continue
        for piece in _PLACEHOLDER_OR_TAG.split(msgid):
            piece = " ".join(piece.split()).strip(" ,.:;()")
            if len(piece.split()) >= 3 and piece not in msgstr:
                pieces.add(piece)
    return sorted(pieces)


ENGLISH = english_sentences()


def assert_french(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    text = " ".join(page.locator("body").inner_text().split())
    assert [sentence for sentence in ENGLISH if sentence in text] == [], page.url


@pytest.fixture
def french_speaker(imported_draws, occupations, candidate):
    """Alice, whose account is in French, with a physician's profile and round 9397. Made
    before the browser starts (the ORM inside Playwright's loop would hold a connection)."""
    User.objects.filter(pk=candidate.pk).update(language="fr")
    physician_profile(user=candidate)
    physicians_round()
    return candidate


def test_a_visitor_switches_to_french_and_reads_no_english_sentence(
    french_speaker, password, page: Page
):
    assert len(ENGLISH) > 200  # the check has the catalogue to compare with
    page.goto("/")
    page.get_by_role("button", name="Français").click()
    expect(page.locator("h1")).to_have_text(
        "Rondes d'invitations d'Entrée express et votre admissibilité"
    )
    assert_french(page)

    page.locator("table.draws tbody a").first.click()
    expect(page.locator("h1")).to_contain_text("Ronde nº")
    assert_french(page)

    page.get_by_role("link", name="Créer un compte", exact=True).click()
    expect(page.locator("h1")).to_have_text("Créez votre compte")
    assert_french(page)
    page.fill('[name="email"]', "medecin@example.com")
    page.get_by_role("button", name="Créer un compte").click()
    expect(page.locator("h1")).to_have_text("Consultez vos courriels")
    assert_french(page)

    link = re.search(r"https?://[^/\s]+(/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    page.goto(link.group(1))
    expect(page.locator("h1")).to_have_text("Choisissez votre mot de passe")
    assert_french(page)
    page.fill('[name="new_password1"]', "une phrase de passe assez longue")
    page.fill('[name="new_password2"]', "une phrase de passe assez longue")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("h1")).to_have_text("Votre profil")
    assert_french(page)

    page.get_by_role("link", name="À propos de vous", exact=True).first.click()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".form-errors")).to_contain_text("Veuillez corriger")
    expect(page.locator("body")).to_contain_text("Choisissez votre état matrimonial.")
    assert_french(page)

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/accounts/login/")
    page.fill('[name="username"]', french_speaker.email)
    page.fill('[name="password"]', password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Mon admissibilité").click()
    expect(page.locator("h1")).to_have_text("Votre admissibilité")
    expect(page.locator("#crs")).to_have_text("Votre note du SCG")
    assert_french(page)
