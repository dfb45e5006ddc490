"""Every page in real Chromium with the Content-Security-Policy in force: not one violation.

The browser reports each refused script, style or resource as a `securitypolicyviolation`
event and a console error; both are collected on every page, for a visitor, a candidate and
staff. Pages that run the site's own JavaScript are used as a person would (adding a row).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from draws.models import Category, Draw
from eligibility.models import EvaluationRun
from profiles.sections import SECTIONS
from tests.e2e.conftest import new_page
from tests.factories import UserFactory, physician_profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
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
        self.page.fill('[name="password"]', PASSWORD)
        self.page.locator('[type="submit"]').click()
        self.page.wait_for_load_state()
        self.check()


@pytest.fixture
def site(imported_draws, occupations):
    """A candidate, staff and a run. Made before the browser starts: inside Playwright's event
    loop the ORM would open a connection of its own that outlives the test."""
    candidate = UserFactory(email="doctor@example.com", password=PASSWORD)
    staff = UserFactory(
        email="staff@example.com", password=PASSWORD, is_staff=True, is_superuser=True
    )
    draw = Draw.objects.get(number="397")
    EvaluationRun.objects.create(draw=draw, reason="published")
    return SimpleNamespace(
        profile=physician_profile(user=candidate),
        staff_id=staff.pk,
        draw=draw,
        category=Category.objects.get(slug="physicians-2026-v1"),
    )


def test_no_page_breaks_the_content_security_policy(site, browser, live_server):
    profile, draw, category, staff_id = site.profile, site.draw, site.category, site.staff_id

    visitor = Visitor(new_page(browser, live_server))
    for path in [
        reverse("home"),
        reverse("draws:list"),
        reverse("draws:detail", args=["397"]),
        reverse("draws:chart"),
        reverse("login"),
        reverse("signup"),
        reverse("password_reset"),
        reverse("password_reset_done"),
    ]:
        visitor.visit(path)
    visitor.page.goto(reverse("signup"))
    visitor.page.fill('[name="email"]', "new@example.com")
    visitor.page.get_by_role("button", name="Sign up").click()
    expect(visitor.page.locator("h1")).to_have_text("Check your email")
    visitor.check()
    visitor.visit(re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1))

    person = Visitor(new_page(browser, live_server))
    person.log_in(reverse("login"), "doctor@example.com")
    for path in [
        reverse("account"),
        reverse("account_delete"),
        reverse("password_change"),
        reverse("profiles:overview", args=[profile.public_id]),
        *(reverse("profiles:edit", args=[profile.public_id, s.slug]) for s in SECTIONS),
        reverse("eligibility:page", args=[profile.public_id]),
        reverse("eligibility:draw", args=[profile.public_id, "397"]),
    ]:
        person.visit(path)
    # The site's own script under the policy: "Add a job" appends a blank row.
    person.visit(reverse("profiles:edit", args=[profile.public_id, "work"]))
    person.page.get_by_role("button", name="Add a job").click()
    expect(person.page.locator('[name="work-2-occupation"]')).to_be_visible()
    person.check()

    staff = Visitor(new_page(browser, live_server))
    staff.log_in(reverse("admin:login"), "staff@example.com")
    for path in [
        reverse("admin:index"),
        reverse("admin:draws_draw_changelist"),
        reverse("admin:draws_draw_changelist") + "?status__exact=draft",
        reverse("admin:draws_draw_add"),
        reverse("admin:draws_draw_change", args=[draw.pk]),
        reverse("admin:draws_draw_history", args=[draw.pk]),
        reverse("admin:draws_category_changelist"),
        reverse("admin:draws_category_add"),
        reverse("admin:draws_category_change", args=[category.pk]),
        reverse("admin:draws_occupation_changelist"),
        reverse("admin:eligibility_evaluationrun_changelist"),
        reverse("admin:eligibility_eligibilityresult_changelist"),
        reverse("admin:profiles_user_changelist"),
        reverse("admin:profiles_user_change", args=[staff_id]),
        reverse("admin:profiles_candidateprofile_changelist"),
        reverse("admin:profiles_candidateprofile_change", args=[profile.pk]),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_add"),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        staff.visit(path)
    # Admin widgets built by script: the calendar and the action bar's selection.
    staff.visit(reverse("admin:draws_draw_add"))
    staff.page.locator("#calendarlink0").click()
    expect(staff.page.locator("#calendarbox0")).to_be_visible()
    staff.visit(reverse("admin:draws_draw_changelist"))
    staff.page.locator("#action-toggle").check()
    staff.check()

    assert visitor.problems + person.problems + staff.problems == []
