from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from draws.ircc_feed import FeedError, parse_feed
from draws.sources import IRCC_FEED_SNAPSHOT, SourceError, read_source
from eligibility import services as eligibility_services


class Command(BaseCommand):
    help = (
        "Import IRCC's rounds feed (ee_rounds_123_en.json) from a file or URL. Upserts by round "
        "number; all or nothing: a malformed file changes no row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=str(IRCC_FEED_SNAPSHOT),
            help="a file path or an http(s) URL (default: the snapshot in draws/data)",
        )
        parser.add_argument("--timeout", type=float, default=30, help="download timeout (s)")

    def handle(self, *args: Any, source: str, timeout: float, **options: Any) -> None:
        try:
            rounds = parse_feed(read_source(source, timeout=timeout))
        except (SourceError, FeedError) as error:
            raise CommandError(str(error)) from None
        counts = eligibility_services.draws_import_and_evaluate(rounds=rounds)
        self.stdout.write(f"Draws: {counts.summary()}.")
        for change in counts.changes:
            self.stdout.write(f"  updated {change}")
        for name, numbers in sorted(counts.unmapped_names.items()):
            self.stdout.write(
                self.style.WARNING(
                    f"  unmapped round name {name!r} (rounds {', '.join(numbers)}): kept as "
                    "draft; map it to a category in admin, then import again"
                )
            )
