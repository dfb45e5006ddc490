"""Keeping the draws current with IRCC's feed: one sync, recorded as a FeedSync row.

A sync downloads the feed (conditionally: a 304 changes nothing), checks every round before it
changes anything, and hands the rounds to an importer that publishes new ones and re-evaluates
corrected ones. The importer is passed in by the caller (the task, the command): the draws app
knows nothing of the eligibility engine it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.mail import mail_admins
from django.db import IntegrityError, transaction
from django.utils import timezone

from draws.ircc_feed import FeedError, FeedRound, draw_name_key, parse_feed
from draws.models import Draw, FeedSync, UnknownRoundName
from draws.services import UpsertCounts
from draws.sources import Download, SourceError, download

logger = logging.getLogger(__name__)

Importer = Callable[[Sequence[FeedRound]], UpsertCounts]

#: Staff hear of failures when this many syncs in a row have failed, once per streak.
FAILURES_BEFORE_ALERT = 3


class SyncBusy(Exception):
    """Another sync is running; this one did nothing."""


def feed_sync(*, url: str, import_rounds: Importer, force: bool = False) -> FeedSync:
    """Sync the draws with the feed at `url` once and return the recorded attempt.

    Raises SyncBusy when another sync holds the lock. A download, HTTP or format problem is
    recorded as a failed sync (no row changed), not raised; anything else is recorded and
    raised, so that the task's retry and logging see it.
    """
    sync = _claim(url)
    try:
        answer = download(
            url,
            timeout=settings.IRCC_FEED_TIMEOUT_SECONDS,
            max_bytes=settings.IRCC_FEED_MAX_BYTES,
            **({} if force else _validators(url)),
        )
        if answer.not_modified:
            _finish(sync, FeedSync.Status.NOT_MODIFIED, answer)
            return sync
        rounds = parse_feed(answer.body)  # every round checked before any row changes
        with transaction.atomic():
            counts = import_rounds(rounds)
            _finish(sync, FeedSync.Status.SUCCEEDED, answer, counts)
    except (SourceError, FeedError) as error:
        _fail(sync, str(error), http_status=getattr(error, "http_status", None))
        return sync
    except Exception as error:
        _fail(sync, repr(error))
        raise
    _alert_unknown_names(counts.unmapped_names)
    return sync


def _claim(url: str) -> FeedSync:
    """Start a sync, or raise SyncBusy. A running row older than any task may live is the
    lock of a worker that died: it is marked failed first."""
    now = timezone.now()
    abandoned_before = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    FeedSync.objects.filter(status=FeedSync.Status.RUNNING, started_at__lt=abandoned_before).update(
        status=FeedSync.Status.FAILED,
        finished_at=now,
        error="Abandoned: the process running this sync stopped before it finished.",
    )
    try:
        with transaction.atomic():
            return FeedSync.objects.create(url=url, started_at=now)
    except IntegrityError:
        raise SyncBusy("Another sync of IRCC's feed is running; nothing was done.") from None


def _validators(url: str) -> dict[str, str]:
    """The ETag and Last-Modified of the last answer imported from `url`, for a conditional
    GET. None while an imported round waits for its name to be mapped: once staff map it, the
    same feed must be read again to publish that round."""
    if Draw.objects.filter(source=Draw.Source.IMPORTED, status=Draw.Status.DRAFT).exists():
        return {}
    last = (
        FeedSync.objects.filter(url=url, status=FeedSync.Status.SUCCEEDED)
        .values("etag", "last_modified")
        .first()
    )
    if last is None:
        return {}
    return {"etag": last["etag"], "last_modified": last["last_modified"]}


def _finish(
    sync: FeedSync, status: str, answer: Download, counts: UpsertCounts | None = None
) -> None:
    sync.status, sync.finished_at = status, timezone.now()
    sync.http_status = answer.http_status
    sync.etag, sync.last_modified = answer.etag[:200], answer.last_modified[:100]
    if counts is not None:
        sync.created, sync.updated = counts.created, counts.updated
        sync.unchanged = counts.unchanged
        sync.changes = "\n".join(counts.changes)
    sync.save()


def _fail(sync: FeedSync, error: str, *, http_status: int | None = None) -> None:
    logger.warning("Sync of IRCC's feed failed: %s", error)
    sync.status, sync.finished_at = FeedSync.Status.FAILED, timezone.now()
    sync.http_status, sync.error = http_status, error[:5000]
    sync.save()
    if _failures_in_a_row() == FAILURES_BEFORE_ALERT:
        mail_admins(
            f"IRCC feed: {FAILURES_BEFORE_ALERT} syncs in a row failed",
            f"The last {FAILURES_BEFORE_ALERT} attempts to read {sync.url} failed; the draws on "
            f"the site stop at what was last imported. The latest error:\n\n{error}\n\n"
            "Every attempt is listed in the admin under Feed syncs. You will not be emailed "
            "again until a sync succeeds and then fails repeatedly.",
        )


def _failures_in_a_row() -> int:
    statuses = FeedSync.objects.exclude(status=FeedSync.Status.RUNNING).values_list(
        "status", flat=True
    )[: FAILURES_BEFORE_ALERT + 1]
    count = 0
    for status in statuses:
        if status != FeedSync.Status.FAILED:
            break
        count += 1
    return count


def _alert_unknown_names(unmapped: dict[str, list[str]]) -> None:
    """Email staff once per round name that maps to nothing (its rounds stay drafts)."""
    for name, numbers in sorted(unmapped.items()):
        _, created = UnknownRoundName.objects.get_or_create(
            name=draw_name_key(name), defaults={"round_numbers": ", ".join(numbers)[:200]}
        )
        if not created:
            continue
        mail_admins(
            f"IRCC feed: unknown round name {name!r}",
            f"IRCC's feed has rounds named {name!r} (rounds {', '.join(numbers)}), which maps to "
            "no category or round type. They are kept as drafts, hidden from the site.\n\n"
            "If this is a new category version, add it (Admin → Categories) with this round "
            "name under Category draw names; the next sync publishes the rounds and "
            "re-evaluates every profile. This email is sent once per name.",
        )
