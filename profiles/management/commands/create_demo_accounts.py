from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles.models import User

STAFF_EMAIL = "staff@example.com"
STAFF_PASSWORD = "demo-staff-password"


class Command(BaseCommand):
    help = "Create (or reset) the development demo accounts and print their credentials."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only (DEBUG is off).")
        staff, _ = User.objects.get_or_create(
            email=STAFF_EMAIL, defaults={"is_staff": True, "is_superuser": True}
        )
        staff.is_staff = staff.is_superuser = staff.is_active = True
        staff.set_password(STAFF_PASSWORD)
        staff.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo staff account (admin at {settings.SITE_URL}/admin/): "
                f"{STAFF_EMAIL} / {STAFF_PASSWORD}"
            )
        )
