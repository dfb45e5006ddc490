"""A new user in real Chromium: sign up, fill in the profile, read the verdicts.

Playwright drives Debian's chromium (/usr/bin/chromium, installed by the Makefile); its own
browser download does not work on these machines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from eligibility.adapters import candidate_from_profile
from eligibility.rules import LanguageTest, crs_score
from eligibility.rules import TestKind as Kind
from profiles.selectors import profiles_with_entries
from tests.factories import physician_profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def open_section(page: Page, title: str) -> None:
    page.get_by_role("link", name="My profile", exact=True).click()  # not "Download my profile"
    page.get_by_role("link", name=title, exact=True).first.click()


def save(page: Page) -> None:
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved")


def fill_work_start(page: Page, start: dt.date) -> None:
    open_section(page, "Work history")
    page.fill('[name="work-0-start"]', start.isoformat())
    save(page)


def test_a_new_physician_signs_up_fills_the_profile_and_reads_the_verdicts(
    imported_draws, occupations, page: Page
):
    # The data fixtures come first: inside Playwright's event loop the ORM would open a
    # connection of its own that outlives the test and blocks dropping the test database.
    page.goto("/")
    page.get_by_role("link", name="Sign up", exact=True).click()
    page.fill('[name="email"]', "doctor@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    # The link in the email (its host is SITE_URL; the live server listens elsewhere).
    link = re.search(r"https?://[^/\s]+(/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    page.goto(link.group(1))
    page.fill('[name="new_password1"]', "a long enough passphrase")
    page.fill('[name="new_password2"]', "a long enough passphrase")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("h1")).to_have_text("Your profile")

    open_section(page, "About you")
    page.fill('[name="birth_date"]', "1992-05-17")
    page.select_option('[name="marital_status"]', "single")
    save(page)

    open_section(page, "Education")
    page.select_option('[name="education-0-level"]', "masters")
    page.fill('[name="education-0-years"]', "6")
    page.check('[name="education-0-eca"]')
    save(page)

    open_section(page, "Language tests")
    page.select_option('[name="tests-0-test"]', "ielts_general")
    page.fill('[name="tests-0-taken_on"]', "2025-06-01")
    for ability, score in [
        ("listening", "8.0"),
        ("reading", "7.0"),
        ("writing", "7.0"),
        ("speaking", "7.0"),
    ]:
        page.fill(f'[name="tests-0-{ability}"]', score)
    save(page)

    # A job begun on 2024-12-01 has 14 months on draw 397's date (2026-02-19).
    open_section(page, "Work history")
    page.fill('[name="work-0-occupation"]', "31102 General practitioners and family physicians")
    page.select_option('[name="work-0-country"]', "CA")
    page.fill('[name="work-0-start"]', "2024-12-01")
    page.fill('[name="work-0-hours_per_week"]', "40")
    page.select_option('[name="work-0-authorized"]', "true")
    save(page)

    open_section(page, "Express Entry profile")
    page.fill('[name="pool_entry"]', "2025-11-20T09:00:00")
    save(page)

    page.get_by_role("link", name="My eligibility").click()
    expect(page.locator("#program-cec h3")).to_contain_text("eligible")
    expect(page.locator("#program-cec h3")).not_to_contain_text("not eligible")
    expect(page.locator("#category-physicians-2026-v1 h3")).not_to_contain_text("not eligible")
    page.select_option('[name="category"]', "physicians")  # the draw table's filter
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#draw-397 .invited")).to_have_text("invited")

    page.locator("#draw-397").get_by_role("link", name="Why?").click()
    expect(page.locator(".verdict h2")).to_have_text("Invited")
    expect(page.locator(".verdict")).to_contain_text("12 months (1,560 h)")

    # Ten months of work: the category turns ineligible, naming the months and the date.
    ten_months_ago = TODAY - dt.timedelta(days=304)
    fill_work_start(page, ten_months_ago)
    page.get_by_role("link", name="My eligibility").click()
    physicians = page.locator("#category-physicians-2026-v1")
    expect(physicians.locator("h3")).to_contain_text("not eligible")
    expect(physicians).to_contain_text("12 months (1,560 h)")
    expect(physicians).to_contain_text(r"months of full-time-equivalent experience in Canada")
    eligible_from = ten_months_ago + dt.timedelta(days=363)
    expect(physicians).to_contain_text(f"You will be eligible from {eligible_from:%Y-%m-%d}")


@pytest.fixture
def what_if_score(imported_draws, candidate) -> int:
    """A physician's profile, and the score the engine gives it with listening 8.5 and a
    nomination. Made before the browser starts: inside Playwright's event loop the ORM would
    open a connection of its own that outlives the test."""
    profile = physician_profile(user=candidate)  # IELTS 8.0/7.0/7.0/7.0 of 2025-06-01
    as_is = candidate_from_profile(profiles_with_entries().get(pk=profile.pk))
    retaken = LanguageTest(Kind.IELTS_GENERAL, dt.date(2025, 6, 1), 8.5, 7.0, 7.0, 7.0)
    changed = replace(as_is, language_tests=(retaken,), provincial_nomination=True)
    return crs_score(changed, TODAY).total


def test_a_candidate_fills_the_what_if_form_and_sees_the_new_score(
    what_if_score, candidate, password, page: Page
):
    email = candidate.email
    page.goto("/accounts/login/")
    page.fill('[name="username"]', email)
    page.fill('[name="password"]', password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="My eligibility").click()
    page.fill('[name="test0_listening"]', "8.5")
    page.select_option('[name="provincial_nomination"]', "yes")
    page.get_by_role("button", name="Show the new score").click()

    expect(page.locator("h1")).to_have_text("What if…?")
    expect(page.locator(".new-crs")).to_have_text(str(what_if_score))
    expect(page.locator(".newly-invited li").first).to_contain_text("invited")
