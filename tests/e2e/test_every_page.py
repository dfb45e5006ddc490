"""Every page in real Chromium on a phone (390 px) and a desktop (1280 px): nothing wider than
the screen, and axe-core finds no serious or critical problem.

axe-core comes from the npm registry, pinned in tests/e2e/package-lock.json; `make test`
installs it (`npm ci --prefix tests/e2e`). The pages are listed in tests/e2e/site_pages.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import SITE_PASSWORD
from tests.e2e.site_pages import WHO, SitePage, Who, site_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# The rules axe-core runs: WCAG 2.x A and AA and its best practices. A serious or critical
# violation fails the test, and so does any of the rules issue 19 found broken, whatever
# axe-core's impact for it (empty table headers, unnamed duplicate landmarks, a skip link that
# leads nowhere, links inside an image).
AXE_RUN = """
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
  "wcag22aa", "best-practice"]}})
  .then((results) => results.violations
    .filter((violation) => ["serious", "critical"].includes(violation.impact)
      || ["empty-table-header", "landmark-unique", "skip-link", "nested-interactive"]
        .includes(violation.id))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}: `
      + violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ")))
"""
# How much wider than the window the document is (0 when it fits).
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
WIDTHS = [390, 1280]
LOGIN = {
    "candidate": ("login", "doctor@example.com"),
    "staff": ("admin:login", "staff@example.com"),
}


def signed_in_pages(browser: Browser, live_server, width: int) -> dict[Who, Page]:
    """One browser page per persona, `width` pixels wide, each signed in as it should be."""
    pages: dict[Who, Page] = {}
    for who in WHO:
        # bypass_csp: axe-core is injected as an inline script, which the site's policy refuses
        # (test_content_security_policy.py checks the policy with it in force).
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}, bypass_csp=True
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        if who in LOGIN:
            url_name, email = LOGIN[who]
            page.goto(reverse(url_name))
            page.fill('[name="username"]', email)
            page.fill('[name="password"]', SITE_PASSWORD)
            page.locator('main [type="submit"]').click()
            page.wait_for_load_state()
        pages[who] = page
    return pages


def visit(pages: dict[Who, Page], site_page: SitePage) -> Page:
    page = pages[site_page.who]
    response = page.goto(site_page.path)
    assert response is not None, (site_page.name, site_page.path)
    assert response.status == 200, (site_page.name, site_page.path)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(site, browser, live_server, width):
    pages = signed_in_pages(browser, live_server, width)
    too_wide = {}
    for site_page in site_pages(site):
        overflow = visit(pages, site_page).evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[site_page.name] = f"{width + overflow} px"
    assert too_wide == {}, too_wide


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_problem_on_any_page(site, browser, live_server, width):
    assert AXE.exists(), f"{AXE} is missing: `make test` installs it (npm ci --prefix tests/e2e)"
    pages = signed_in_pages(browser, live_server, width)
    problems = {}
    for site_page in filter(lambda site_page: site_page.axe, site_pages(site)):
        page = visit(pages, site_page)
        page.add_script_tag(path=str(AXE))
        if found := page.evaluate(AXE_RUN):
            problems[site_page.name] = found
    assert problems == {}, "\n".join(f"{name}: {found}" for name, found in problems.items())


# Whether the admin's result table scrolls inside its box (columns out of view), and the dates
# of the list that take more than one line.
ADMIN_LIST = """
(() => {
  const box = document.querySelector(".results");
  const dates = [...document.querySelectorAll("#result_list td")]
    .filter((cell) => [...cell.classList].some((name) => /^field-\\w+_(on|at)$/.test(name)));
  const wrapped = dates.filter((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return range.getClientRects().length > 1;
  });
  return {hidden: box.scrollWidth - box.clientWidth, dates: dates.length, wrapped: wrapped.length};
})()
"""


def test_the_admin_lists_show_every_column_and_dates_on_one_line_at_1280(
    site, browser, live_server
):
    page = signed_in_pages(browser, live_server, 1280)["staff"]
    found = {}
    for name in ("admin:draws_draw_changelist", "admin:eligibility_evaluationrun_changelist"):
        page.goto(reverse(name))
        found[name] = page.evaluate(ADMIN_LIST)

    assert all(answer["dates"] > 0 for answer in found.values()), found
    assert all(answer["hidden"] == answer["wrapped"] == 0 for answer in found.values()), found
