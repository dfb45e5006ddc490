from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from eligibility.models import EligibilityResult
from profiles.models import User

pytestmark = pytest.mark.django_db


def test_demo_accounts_print_working_credentials_and_a_filled_profile(
    settings, client, imported_draws, occupations
):
    settings.DEBUG = True
    out = StringIO()

    call_command("create_demo_accounts", stdout=out)
    call_command("create_demo_accounts", stdout=out)  # again: reset, not duplicated

    assert "staff@example.com / demo-staff-password" in out.getvalue()
    # Through the login page, as a person logs in (login throttling sees every attempt).
    for email, password in [
        ("staff@example.com", "demo-staff-password"),
        ("candidate@example.com", "demo-candidate-password"),
    ]:
        response = client.post(reverse("login"), {"username": email, "password": password})
        assert response.status_code == 302, email
        assert User.objects.get(email=email).email_verified_at is not None  # alerts reach it
    assert User.objects.get(email="staff@example.com").is_staff
    result = EligibilityResult.objects.get(
        profile__user__email="candidate@example.com", draw__number="397"
    )
    assert (result.eligible, result.invited) == (True, True)


def test_demo_accounts_refuse_to_exist_in_production(settings, db):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="development only"):
        call_command("create_demo_accounts", stdout=StringIO())
