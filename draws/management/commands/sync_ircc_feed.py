from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from draws.models import FeedSync
from draws.sync import SyncBusy
from eligibility import services as eligibility_services


class Command(BaseCommand):
    help = (
        "Sync the draws with IRCC's rounds feed once, as the draws.sync_ircc_feed task does: "
        "new rounds are published and re-evaluated, corrected rounds re-evaluated. A broken "
        "or unreachable feed changes nothing and exits non-zero."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url", default=settings.IRCC_FEED_URL, help="the feed's address (IRCC_FEED_URL)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="download the feed even if it has not changed since the last sync",
        )

    def handle(self, *args: Any, url: str, force: bool, **options: Any) -> None:
        if not url.startswith(("http://", "https://")):
            raise CommandError(f"--url must be an http(s) URL, not {url!r}")
        try:
            sync = eligibility_services.feed_sync_and_evaluate(url=url, force=force)
        except SyncBusy as error:
            raise CommandError(str(error)) from None
        if sync.status == FeedSync.Status.FAILED:
            raise CommandError(f"Sync failed, nothing changed: {sync.error}")
        if sync.status == FeedSync.Status.NOT_MODIFIED:
            self.stdout.write("Draws: the feed has not changed since the last sync.")
            return
        self.stdout.write(
            f"Draws: created {sync.created}, updated {sync.updated}, unchanged {sync.unchanged}."
        )
        for change in filter(None, sync.changes.splitlines()):
            self.stdout.write(f"  updated {change}")
