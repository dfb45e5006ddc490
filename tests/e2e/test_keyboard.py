"""Keyboard only, in real Chromium: the skip link, then the work section from its top to
"Save", each stop with a focus ring that shows; and the "Add a job" button's new row."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import physician_profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The focused element's name and its focus ring: an outline at least 2 px wide, in a colour
# that is not transparent.
FOCUSED = """
(() => {
  const element = document.activeElement;  // a date box when a part inside it has the focus
  const style = getComputedStyle(element);
  return {
    name: element.name || element.textContent.trim().slice(0, 40) || element.tagName,
    tag: element.tagName,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && style.outlineColor !== "rgba(0, 0, 0, 0)",
  };
})()
"""


@pytest.fixture
def work_page(occupations, candidate, password, browser, live_server) -> Page:
    """The candidate's work section, signed in. The profile is made before the browser
    starts: inside Playwright's event loop the ORM would open a connection of its own."""
    profile = physician_profile(user=candidate)
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(reverse("login"))
    page.fill('[name="username"]', candidate.email)
    page.fill('[name="password"]', password)
    page.locator('main [type="submit"]').click()
    page.goto(reverse("profiles:edit", args=[profile.public_id, "work"]))
    return page


def test_tabbing_from_the_skip_link_to_save_shows_the_focus_at_every_stop(work_page: Page):
    page = work_page
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["name"] == "Skip to the main content"
    assert first["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["name"].startswith("Save"):
            break
    names = [stop["name"] for stop in stops]
    assert names[-1] == "Save work history"
    assert names[0] == "← Your profile"  # the top of the section, past the site's header
    assert {"work-0-occupation", "work-0-start", "work-0-self_employed", "Add a job"} <= set(names)
    without_ring = [stop["name"] for stop in stops if not stop["ring"]]
    assert without_ring == [], names


def test_adding_a_job_moves_the_focus_to_its_first_field(work_page: Page):
    page = work_page
    # The saved job is there; no blank row beside the button, and no Delete box on a new row.
    expect(page.locator('[name="work-1-occupation"]')).to_have_count(0)
    expect(page.locator('[name="work-0-DELETE"]')).to_have_count(1)
    page.get_by_role("button", name="Add a job").focus()
    page.keyboard.press("Enter")
    expect(page.locator('[name="work-1-occupation"]')).to_be_focused()
    expect(page.locator('[name="work-1-DELETE"]')).to_have_count(0)
    assert page.locator('[name="work-TOTAL_FORMS"]').input_value() == "2"
