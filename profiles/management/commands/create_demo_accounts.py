from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from draws.models import Occupation
from eligibility.results.services import results_compute_for_profile
from profiles.models import CandidateProfile, Education, LanguageTest, User, WorkExperience

STAFF_EMAIL = "staff@example.com"
STAFF_PASSWORD = "demo-staff-password"  # noqa: S105 (a development-only demo account)
CANDIDATE_EMAIL = "candidate@example.com"
CANDIDATE_PASSWORD = "demo-candidate-password"  # noqa: S105 (a development-only demo account)


class Command(BaseCommand):
    help = (
        "Create (or reset) the development demo accounts and print their credentials: a staff "
        "account, and a candidate (a family physician in Canada) with a filled-in profile."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (DEBUG is off).")
        self._user(STAFF_EMAIL, STAFF_PASSWORD, staff=True)
        self._say("Demo staff account (admin)", STAFF_EMAIL, STAFF_PASSWORD, "/admin/")
        if not Occupation.objects.filter(code="31102").exists():
            self.stdout.write("No NOC list loaded: no demo candidate (run load_noc first).")
            return
        candidate = self._user(CANDIDATE_EMAIL, CANDIDATE_PASSWORD, staff=False)
        profile = self._physician_profile(candidate)
        results_compute_for_profile(profile_id=profile.pk)
        self._say("Demo candidate account", CANDIDATE_EMAIL, CANDIDATE_PASSWORD, "/me/")

    def _say(self, what: str, email: str, password: str, path: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"{what}: {email} / {password}  {settings.SITE_URL}{path}")
        )

    @staticmethod
    def _user(email: str, password: str, *, staff: bool) -> User:
        user, _ = User.objects.get_or_create(email=email)
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.email_verified_at = user.email_verified_at or timezone.now()  # alerts reach it
        user.set_password(password)
        user.save()
        return user

    @staticmethod
    @transaction.atomic
    def _physician_profile(user: User) -> CandidateProfile:
        """Reset on every run: a single family physician (31102) in
        Canada since 2024-12-01, licensed there, master's-level degree with an ECA, IELTS at
        CLB 9."""
        CandidateProfile.objects.filter(user=user).delete()
        profile = CandidateProfile.objects.create(
            user=user,
            birth_date=dt.date(1992, 5, 17),
            marital_status="single",
            settlement_funds_cad=25_000,
            pool_entry=dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC),
            draw_alerts=True,
            licensed_in_canada=True,
        )
        Education.objects.create(profile=profile, level="masters", years=6, eca=True)
        LanguageTest.objects.create(
            profile=profile,
            test="ielts_general",
            taken_on=dt.date(2025, 6, 1),
            listening=Decimal("8.0"),
            reading=Decimal("7.0"),
            writing=Decimal("7.0"),
            speaking=Decimal("7.0"),
        )
        WorkExperience.objects.create(
            profile=profile,
            occupation_id="31102",
            country="CA",
            start=dt.date(2024, 12, 1),
            hours_per_week=Decimal("40"),
        )
        WorkExperience.objects.create(
            profile=profile,
            occupation_id="31102",
            country="IN",
            start=dt.date(2019, 7, 1),
            end=dt.date(2024, 9, 30),
            hours_per_week=Decimal("45"),
        )
        return profile
