"""Checks run inside a fresh clone after `make setup` (see .ci/fresh-clone)."""

from __future__ import annotations

import os
import subprocess
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.test import Client  # noqa: E402 (after django.setup)
from django.test.utils import setup_test_environment  # noqa: E402

from draws.models import Category, Draw, Occupation  # noqa: E402
from profiles.management.commands import create_demo_accounts as demo  # noqa: E402

failures: list[str] = []


def check(condition: bool, what: str) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        failures.append(what)


check(Occupation.objects.count() == 516, "516 NOC 2021 occupations")
check(
    Occupation.objects.filter(titles__title="family doctor", code="31102").exists(),
    "everyday occupation titles (family doctor: 31102)",
)
check(Category.objects.count() >= 21, "the shipped category versions")
check(Draw.objects.filter(status="published").count() >= 438, "IRCC's rounds, published")

setup_test_environment()  # the test client's host name is allowed; emails stay in memory
client = Client()


def log_in(email: str, password: str) -> bool:
    """Through the login form, as a person would (and as login throttling sees it)."""
    client.logout()
    answer = client.post("/accounts/login/", {"username": email, "password": password})
    return answer.status_code == 302


draw_page = client.get("/draws/397/").content.decode()
check("391" in draw_page and "169" in draw_page, "draw 397 shows its invitations and cut-off")
check("2026-01-03 03:25:14 UTC" in draw_page, "draw 397 shows its tie-break")

check(log_in(demo.STAFF_EMAIL, demo.STAFF_PASSWORD), "staff logs in")
check(client.get("/admin/draws/draw/").status_code == 200, "staff sees the draws in the admin")
check(log_in(demo.CANDIDATE_EMAIL, demo.CANDIDATE_PASSWORD), "the demo candidate logs in")
page = client.get("/me/", follow=True)
check(page.status_code == 200 and "CRS" in page.content.decode(), "the candidate's page answers")

pattern = "shared" + "/"  # spelled apart so this file does not match itself
tracked = subprocess.run(
    ["git", "grep", "-l", pattern, "--", ".", ":!*README.md"],
    capture_output=True,
    text=True,
).stdout.split()
check(tracked == [], f"no tracked file but provenance notes mentions {pattern!r}: {tracked}")

sys.exit(1 if failures else 0)
