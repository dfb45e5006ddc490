"""Every page in real Chromium with the Content-Security-Policy in force: not one violation.

The browser reports each refused script, style or resource as a `securitypolicyviolation`
event and a console error; both are collected on every page, for a visitor, a candidate and
staff (every page of tests/e2e/site_pages.py). Pages that run the site's own JavaScript are
used as a person would (adding a row).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SITE_PASSWORD, new_page
from tests.e2e.site_pages import WHO, site_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


class Visitor:
    """A browser page that records every policy violation and console error it meets."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"{self.page.url}: console: {message.text}")

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        self.check()

    def check(self) -> None:
        for violation in self.page.evaluate("window.cspViolations"):
            self.problems.append(f"{self.page.url}: violation: {violation}")

    def log_in(self, login_path: str, email: str) -> None:
        self.visit(login_path)
        self.page.fill('[name="username"]', email)
        self.page.fill('[name="password"]', SITE_PASSWORD)
        self.page.locator('main [type="submit"]').click()
        self.page.wait_for_load_state()
        self.check()


def test_no_page_breaks_the_content_security_policy(site, browser, live_server):
    profile = site.profile
    visitors = {who: Visitor(new_page(browser, live_server)) for who in WHO}
    visitors["candidate"].log_in(reverse("login"), "doctor@example.com")
    visitors["staff"].log_in(reverse("admin:login"), "staff@example.com")
    for site_page in site_pages(site):
        visitors[site_page.who].visit(site_page.path)

    # Signing up, as far as the link in the email.
    visitor = visitors["visitor"]
    visitor.page.goto(reverse("signup"))
    visitor.page.fill('[name="email"]', "new@example.com")
    visitor.page.get_by_role("button", name="Sign up").click()
    expect(visitor.page.locator("h1")).to_have_text("Check your email")
    visitor.check()
    visitor.visit(re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1))

    # The site's own script under the policy: "Add a job" appends a blank row.
    person = visitors["candidate"]
    person.visit(reverse("profiles:edit", args=[profile.public_id, "work"]))
    person.page.get_by_role("button", name="Add a job").click()
    expect(person.page.locator('[name="work-1-occupation"]')).to_be_visible()
    person.check()

    # Admin widgets built by script: the calendar and the action bar's selection.
    staff = visitors["staff"]
    staff.visit(reverse("admin:draws_draw_add"))
    staff.page.locator("#calendarlink0").click()
    expect(staff.page.locator("#calendarbox0")).to_be_visible()
    staff.visit(reverse("admin:draws_draw_changelist"))
    staff.page.locator("#action-toggle").check()
    staff.check()

    assert [problem for visitor in visitors.values() for problem in visitor.problems] == []
