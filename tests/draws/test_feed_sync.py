"""Syncing the draws with IRCC's feed, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from draws.models import Category, CategoryDrawName, Draw, FeedSync, UnknownRoundName
from draws.sources import IRCC_FEED_SNAPSHOT, SourceError, download
from draws.sync import SyncBusy
from eligibility import services
from eligibility.models import EvaluationRun
from tests.draws.feed_server import (
    PHYSICIANS_440,
    feed_bytes,
    feed_server,
    new_round,
    snapshot_rounds,
)
from tests.eligibility.workers import Worker, broker_reachable_or_fail, purge_queues, wait_for
from tests.factories import physician_profile

PHYSICIANS = "Physicians with Canadian Work Experience, 2026-Version 1"
UNKNOWN = "Astronauts with Canadian Work Experience, 2027-Version 1"


def with_round(number: str, name: str, **fields: str) -> bytes:
    return feed_bytes([new_round(number, name, **fields), *snapshot_rounds()])


def draws_state() -> list[tuple]:
    return list(
        Draw.objects.order_by("number").values_list("number", "status", "min_crs", "category")
    )


def sync(url: str, **options: object) -> str:
    out = StringIO()
    call_command("sync_ircc_feed", url=url, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def staff_mailbox(settings):
    settings.ADMINS = [("Staff", "staff@example.com")]
    mail.outbox.clear()
    return mail.outbox


@pytest.mark.django_db
def test_a_new_physicians_round_is_published_and_starts_one_run(imported_draws):
    physician_profile(draw_alerts=True)
    with feed_server(with_round("440", PHYSICIANS, **PHYSICIANS_440)) as server:
        output = sync(server.url)

    draw = Draw.objects.select_related("category").get(number="440")
    assert (draw.status, draw.category.slug) == (Draw.Status.PUBLISHED, "physicians-2026-v1")
    assert (draw.min_crs, draw.invitations, draw.held_on) == (198, 229, dt.date(2026, 9, 3))
    assert EvaluationRun.objects.filter(draw=draw).count() == 1
    assert EvaluationRun.objects.count() == 1  # the 438 known rounds start nothing
    record = FeedSync.objects.get()
    assert (record.status, record.http_status) == (FeedSync.Status.SUCCEEDED, 200)
    assert (record.created, record.updated, record.unchanged) == (1, 0, 438)
    assert record.etag
    assert record.finished_at
    assert "created 1, updated 0, unchanged 438" in output


@pytest.mark.django_db
def test_the_same_feed_again_is_not_modified_and_changes_nothing(imported_draws):
    physician_profile()
    with feed_server(with_round("440", PHYSICIANS, **PHYSICIANS_440)) as server:
        sync(server.url)
        before = draws_state()

        output = sync(server.url)

        assert server.requests[-1]["If-None-Match"] == FeedSync.objects.first().etag
    assert "has not changed" in output
    assert draws_state() == before
    assert EvaluationRun.objects.count() == 1
    latest = FeedSync.objects.first()
    assert (latest.status, latest.http_status) == (FeedSync.Status.NOT_MODIFIED, 304)


@pytest.mark.django_db
def test_force_downloads_again_and_finds_everything_unchanged(imported_draws):
    with feed_server(IRCC_FEED_SNAPSHOT.read_bytes()) as server:
        sync(server.url)
        output = sync(server.url, force=True)

        assert "If-None-Match" not in server.requests[-1]
    assert "created 0, updated 0, unchanged 438" in output


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({"body": IRCC_FEED_SNAPSHOT.read_bytes()[:300_000]}, "not valid JSON"),
        (
            {"body": b"<!doctype html><h1>Page not found</h1>", "content_type": "text/html"},
            "not valid JSON",
        ),
        ({"body": b"Internal error", "status": 500}, "HTTP 500"),
        ({"body": IRCC_FEED_SNAPSHOT.read_bytes(), "delay": 3}, "timed out"),
    ],
    ids=["truncated", "html-error-page", "server-error", "timeout"],
)
@pytest.mark.django_db
def test_a_broken_answer_changes_no_row_and_is_recorded_as_failed(
    imported_draws, settings, answer, error
):
    settings.IRCC_FEED_TIMEOUT_SECONDS = 1
    physician_profile()
    before = draws_state()
    with feed_server(b"") as server:
        server.serve(**answer)

        with pytest.raises(CommandError, match=error):
            sync(server.url)

    assert draws_state() == before
    assert not EvaluationRun.objects.exists()
    record = FeedSync.objects.get()
    assert record.status == FeedSync.Status.FAILED
    assert error in record.error
    assert record.http_status == answer.get("status")


@pytest.mark.django_db
def test_an_unknown_round_name_stays_a_draft_and_staff_get_one_email(imported_draws, staff_mailbox):
    with feed_server(with_round("441", UNKNOWN)) as server:
        sync(server.url)
        sync(server.url, force=True)

    draft = Draw.objects.get(number="441")
    assert (draft.status, draft.category) == (Draw.Status.DRAFT, None)
    assert len(staff_mailbox) == 1
    assert UNKNOWN in staff_mailbox[0].subject
    assert staff_mailbox[0].to == ["staff@example.com"]
    assert UnknownRoundName.objects.get().round_numbers == "441"


@pytest.mark.django_db
def test_a_held_back_round_is_published_by_the_first_sync_after_staff_map_its_name(
    imported_draws, staff_mailbox
):
    physician_profile()
    with feed_server(with_round("441", UNKNOWN)) as server:
        sync(server.url)
        CategoryDrawName.objects.create(
            name=UNKNOWN, category=Category.objects.get(slug="physicians-2026-v1")
        )

        sync(server.url)  # the same bytes: without a conditional GET, or 304 would hide them

        assert "If-None-Match" not in server.requests[-1]
    draw = Draw.objects.get(number="441")
    assert (draw.status, draw.category.slug) == (Draw.Status.PUBLISHED, "physicians-2026-v1")
    assert draw.published_at is not None
    assert EvaluationRun.objects.filter(draw=draw).count() == 1


@pytest.mark.django_db
def test_staff_are_emailed_once_when_three_syncs_in_a_row_fail(categories, staff_mailbox):
    with feed_server(b"") as server:
        server.serve(b"down", status=503)
        for _ in range(5):
            with pytest.raises(CommandError):
                sync(server.url)

    assert FeedSync.objects.filter(status=FeedSync.Status.FAILED).count() == 5
    assert len(staff_mailbox) == 1
    assert "3 syncs in a row failed" in staff_mailbox[0].subject


@pytest.mark.django_db
def test_a_success_between_failures_starts_the_count_again(categories, staff_mailbox):
    with feed_server(b"") as server:
        for answer in [503, 503, 200, 503, 503]:
            server.serve(IRCC_FEED_SNAPSHOT.read_bytes() if answer == 200 else b"x", status=answer)
            with contextlib.suppress(CommandError):
                sync(server.url)

    assert staff_mailbox == []


@pytest.mark.django_db
def test_a_sync_does_not_start_while_another_runs(categories):
    FeedSync.objects.create(url="http://127.0.0.1:9/feed", started_at=timezone.now())

    with pytest.raises(SyncBusy):
        services.feed_sync_and_evaluate(url="http://127.0.0.1:9/feed")
    with pytest.raises(CommandError, match="Another sync"):
        sync("http://127.0.0.1:9/feed")

    assert FeedSync.objects.count() == 1


@pytest.mark.django_db
def test_the_lock_of_a_dead_worker_expires_after_the_task_time_limit(categories, settings):
    started = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)
    dead = FeedSync.objects.create(url="http://127.0.0.1:9/feed", started_at=started)
    with feed_server(IRCC_FEED_SNAPSHOT.read_bytes()) as server:
        sync(server.url)

    dead.refresh_from_db()
    assert dead.status == FeedSync.Status.FAILED
    assert "Abandoned" in dead.error
    assert FeedSync.objects.first().status == FeedSync.Status.SUCCEEDED
    assert Draw.objects.count() == 438


def test_a_download_over_the_size_limit_is_refused():
    with (
        feed_server(b"x" * 5000) as server,
        pytest.raises(SourceError, match="more than the limit"),
    ):
        download(server.url, timeout=5, max_bytes=4000)


def test_a_url_that_is_not_http_is_refused_by_the_command(db):
    with pytest.raises(CommandError, match="must be an http"):
        sync("file:///etc/passwd")


def test_the_downloader_itself_refuses_a_url_that_is_not_http():
    with pytest.raises(SourceError, match=r"only http\(s\) addresses"):
        download("file:///etc/passwd", timeout=5)


@pytest.mark.django_db
def test_draw_pages_say_when_the_draws_were_last_checked(client, imported_draws):
    assert "not yet checked against IRCC" in client.get("/draws/").content.decode()
    with feed_server(IRCC_FEED_SNAPSHOT.read_bytes()) as server:
        sync(server.url)
        checked = FeedSync.objects.get().finished_at
        server.serve(b"down", status=503)
        with pytest.raises(CommandError):
            sync(server.url)

    for path in ["/", "/draws/", "/draws/397/", "/draws/chart/"]:
        page = client.get(path).content.decode()
        assert f"Draws as of {checked:%Y-%m-%d %H:%M} UTC" in page, path
        assert "could not reach IRCC" in page, path


@pytest.mark.pipeline
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_on_a_real_worker_publishes_a_new_round_and_alerts_once(
    categories, tmp_path: Path
):
    broker_reachable_or_fail()
    purge_queues()
    call_command("import_ircc_draws", stdout=StringIO())
    profile = physician_profile(draw_alerts=True)
    email_dir = tmp_path / "emails"
    email_dir.mkdir()
    from draws.tasks import sync_ircc_feed

    with feed_server(with_round("440", PHYSICIANS, **PHYSICIANS_440)) as server:
        worker = Worker("sync", email_dir=email_dir, IRCC_FEED_URL=server.url)
        try:
            sync_ircc_feed.delay()
            wait_for(
                lambda: EvaluationRun.objects.filter(
                    draw__number="440", alerts_done_at__isnull=False
                ).exists(),
                timeout=90,
                what="the new round's run and alerts",
                worker=worker,
            )
            sync_ircc_feed.delay()  # the same feed: 304, nothing new
            wait_for(
                lambda: FeedSync.objects.filter(status=FeedSync.Status.NOT_MODIFIED).exists(),
                timeout=30,
                what="the second sync",
                worker=worker,
            )
        finally:
            worker.stop()
            purge_queues()

    assert EvaluationRun.objects.get(draw__number="440").notified == 1
    emails = [path.read_text() for path in email_dir.iterdir()]
    assert len(emails) == 1
    assert "draw #440" in emails[0]
    assert f"To: {profile.user.email}" in emails[0]
