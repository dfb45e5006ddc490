from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from eligibility.management.seeding import profiles_seed


class Command(BaseCommand):
    help = (
        "Create N realistic synthetic candidates (users with profiles, education, tests, jobs "
        "and spouses), deterministic for a seed. Running it again tops up to N; never more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            help="the day the profiles are realistic for (default today)",
        )

    def handle(self, *args: Any, count: int, seed: int, on: date | None, **options: Any) -> None:
        if count < 0:
            raise CommandError("--count must be zero or more")
        started = time.perf_counter()
        try:
            created, existing = profiles_seed(count=count, seed=seed, on=on or timezone.localdate())
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Synthetic profiles (seed {seed}): created {created}, already there {existing}, "
            f"in {time.perf_counter() - started:.1f} s."
        )
