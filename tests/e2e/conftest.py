"""Real Chromium for the browser tests.

Playwright drives Debian's chromium (/usr/bin/chromium, installed by the Makefile); its own
browser download does not work on these machines.
"""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # (fixtures, assertions) are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_page(browser: Browser, live_server) -> Page:
    """A page in a browser context of its own (its own cookies), on the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    return new_page(browser, live_server)


#: The password of the `site` fixture's candidate and staff.
SITE_PASSWORD = "correct horse battery staple"


@pytest.fixture
def site(imported_draws, occupations):
    """A physician candidate (doctor@example.com), staff (staff@example.com) and an evaluation
    run: what tests/e2e/site_pages.py needs to name every page. Made before the browser
    starts: inside Playwright's event loop the ORM would open a connection of its own that
    outlives the test."""
    from types import SimpleNamespace

    from draws.models import Category, Draw
    from eligibility.models import EvaluationRun
    from tests.factories import UserFactory, physician_profile

    candidate = UserFactory(email="doctor@example.com", password=SITE_PASSWORD)
    staff = UserFactory(
        email="staff@example.com", password=SITE_PASSWORD, is_staff=True, is_superuser=True
    )
    draw = Draw.objects.get(number="397")
    EvaluationRun.objects.create(draw=draw, reason="published")
    # A French-language round: not open to this physician, who has no French.
    closed = Draw.objects.filter(category__family="french").order_by("-held_on").first()
    assert closed is not None
    return SimpleNamespace(
        profile=physician_profile(user=candidate),
        staff_id=staff.pk,
        draw=draw,
        closed_draw=closed.number,
        category=Category.objects.get(slug="physicians-2026-v1"),
    )
