"""Celery tasks of the draws app: thin, ids and settings in, a service call."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from draws.sync import SyncBusy
from eligibility import services as eligibility_services


@shared_task(name="draws.sync_ircc_feed")
def sync_ircc_feed() -> str:
    """Bring the draws up to date with IRCC's feed: new rounds are published and re-evaluated,
    corrected rounds re-evaluated. Every attempt is a FeedSync row in the admin."""
    try:
        sync = eligibility_services.feed_sync_and_evaluate(url=settings.IRCC_FEED_URL)
    except SyncBusy:
        return "busy"
    return sync.status
