"""The API's reference pages (Swagger UI and ReDoc) render in real Chromium, from the site's
own static files, with the Content-Security-Policy in force and not one violation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_content_security_policy import Visitor
from tests.factories import physician_profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_and_redoc_render_under_the_policy(page, live_server):
    visitor = Visitor(page)
    outside: list[str] = []  # answers from anywhere but the site (a CDN)
    page.on(
        "response",
        lambda response: (
            outside.append(response.url)
            if not response.url.startswith((live_server.url, "data:"))
            else None
        ),
    )

    visitor.visit(reverse("api-swagger-ui"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Express Entry tracker API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    page.get_by_text("/api/v1/draws/", exact=True).first.click()  # an operation opens
    expect(page.locator(".opblock-body").first).to_be_visible()
    visitor.check()

    assert visitor.problems == []

    visitor.visit(reverse("api-redoc"))
    expect(page.locator("h1").first).to_contain_text("Express Entry tracker API")
    expect(page.get_by_text("/api/v1/me/profile").first).to_be_attached()
    expect(page.get_by_role("img", name="redocly logo")).to_have_count(0)  # hidden once refused
    visitor.check()

    # ReDoc 3.14 always shows Redocly's logo from its CDN: the policy refuses it (no request
    # leaves the site) and ReDoc hides the image. Nothing else is refused.
    logo = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    assert [problem for problem in visitor.problems if logo not in problem] == []
    assert outside == []


@pytest.fixture
def candidate_profile(db):
    """Made before the browser starts (see test_content_security_policy's site fixture); the
    factory's password is the one Visitor.log_in types."""
    return physician_profile()


def test_a_token_made_on_the_account_page_works_in_swagger_ui(candidate_profile, page, live_server):
    visitor = Visitor(page)
    visitor.log_in(reverse("login"), candidate_profile.user.email)
    visitor.visit(reverse("profiles:upload", args=[candidate_profile.public_id]))

    visitor.visit(reverse("account"))
    page.fill('[name="name"]', "browser")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("code.token").inner_text()
    visitor.check()
    page.get_by_role("button", name="Log out").click()  # the token alone, from here on
    page.wait_for_load_state()

    visitor.visit(reverse("api-swagger-ui"))
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".auth-container input").first.fill(token)
    page.locator(".auth-btn-wrapper button.authorize").first.click()
    page.locator(".btn-done").first.click()
    page.locator("#operations-me-me_eligibility .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    answer = page.locator(".live-responses-table tbody .response-col_status").first
    expect(answer).to_contain_text("200")
    visitor.check()

    assert visitor.problems == []
