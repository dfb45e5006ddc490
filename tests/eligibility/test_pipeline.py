"""Publishing re-evaluates every profile on real Celery workers (Redis in CI), exactly once,
even when a worker is killed in the middle of a run."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import statistics
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from draws.models import Category, Draw
from eligibility import services
from eligibility.models import DrawNotification, EligibilityResult, EvaluationRun
from profiles.models import User, WorkExperience
from tests.eligibility.workers import Worker, broker_reachable_or_fail, purge_queues, wait_for
from tests.factories import DrawFactory, physician_profile

pytestmark = [pytest.mark.pipeline, pytest.mark.django_db(transaction=True)]

TIE_BREAK = dt.datetime(2026, 1, 3, 3, 25, 14, tzinfo=dt.UTC)


@pytest.fixture
def email_dir(tmp_path: Path) -> Path:
    path = tmp_path / "emails"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def clean_broker():
    broker_reachable_or_fail()
    purge_queues()
    yield
    purge_queues()


def physicians_draft() -> Draw:
    """A draft copy of draw 397: Physicians with Canadian Work Experience, cut-off 169."""
    category = Category.objects.get(slug="physicians-2026-v1")
    return DrawFactory.create(
        number="9397",
        name=category.draw_names.first().name,  # type: ignore[union-attr]  # it has names
        round_type=Draw.RoundType.CATEGORY,
        category=category,
        held_on=dt.date(2026, 2, 19),
        held_at=dt.datetime(2026, 2, 19, 14, 24, 23, tzinfo=dt.UTC),
        tie_break_at=TIE_BREAK,
        invitations=391,
        min_crs=169,
        status=Draw.Status.DRAFT,
        published_at=None,
    )


def run_of(draw: Draw) -> EvaluationRun:
    return EvaluationRun.objects.filter(draw=draw).latest("created_at")


def completed(draw: Draw) -> bool:
    return run_of(draw).status == EvaluationRun.Status.COMPLETED


def emails_in(directory: Path) -> list[str]:
    """The messages Django's file backend wrote (one file may hold several, separated by a
    line of dashes)."""
    separator = "-" * 79
    return [
        message
        for path in sorted(directory.iterdir())
        for message in path.read_text().split(separator)
        if message.strip()
    ]


def test_publishing_evaluates_each_profile_once_and_emails_each_concerned_person_once(
    categories, email_dir
):
    eligible_alerted = [physician_profile(draw_alerts=True) for _ in range(3)]
    eligible_quiet = [physician_profile(draw_alerts=False) for _ in range(2)]
    too_recent = [physician_profile(draw_alerts=True, start=dt.date(2025, 3, 20)) for _ in range(4)]
    abroad = [physician_profile(draw_alerts=True, country="FR") for _ in range(3)]
    everyone = eligible_alerted + eligible_quiet + too_recent + abroad
    french_speaker = eligible_alerted[0].user
    User.objects.filter(pk=french_speaker.pk).update(language="fr")
    draw = physicians_draft()
    worker = Worker("pipeline", email_dir=email_dir, EVALUATION_CHUNK_SIZE="5")
    try:
        assert services.draw_publish(draw=draw) is True
        wait_for(lambda: completed(draw), timeout=90, what="the run to complete", worker=worker)
        wait_for(
            lambda: run_of(draw).alerts_done_at is not None,
            timeout=30,
            what="the alerts",
            worker=worker,
        )

        results = EligibilityResult.objects.filter(draw=draw)
        assert results.count() == len(everyone)
        assert set(results.values_list("profile_id", flat=True)) == {p.pk for p in everyone}
        assert {r.profile_id for r in results if r.eligible} == {
            p.pk for p in eligible_alerted + eligible_quiet
        }
        run = run_of(draw)
        assert (run.total, run.done, run.chunk_count, run.chunks_done) == (12, 12, 3, 3)
        emails = emails_in(email_dir)
        assert len(emails) == 3
        recipients = {p.user.email for p in eligible_alerted}
        by_recipient = {
            line.split(": ", 1)[1]: e
            for e in emails
            for line in e.splitlines()
            if line.startswith("To: ")
        }
        assert set(by_recipient) == recipients
        # Each in the recipient's language, whatever the worker's.
        french = by_recipient.pop(french_speaker.email)
        assert "D'après votre profil tel qu'il est maintenant : vous auriez été invité" in french
        assert "would have been invited" not in french
        assert all("you would have been invited" in email for email in by_recipient.values())

        # Publishing again starts nothing; a fresh run (rules edited) rewrites, never adds.
        assert services.draw_publish(draw=draw) is False
        rerun = services.draw_rules_changed(draw=draw, fields=["min_crs"])
        wait_for(
            lambda: EvaluationRun.objects.get(pk=rerun.pk).status == "completed",
            timeout=90,
            what="the second run",
            worker=worker,
        )
        wait_for(
            lambda: EvaluationRun.objects.get(pk=rerun.pk).alerts_done_at is not None,
            timeout=30,
            what="the second run's alerts",
            worker=worker,
        )
        assert EvaluationRun.objects.get(pk=rerun.pk).notified == 0
        assert EligibilityResult.objects.filter(draw=draw).count() == len(everyone)
        assert DrawNotification.objects.filter(draw=draw).count() == 3
        assert len(emails_in(email_dir)) == 3
    finally:
        worker.stop()


def test_a_profile_the_engine_cannot_evaluate_stops_nobody_elses_answer_or_alert(
    categories, email_dir
):
    alerted = [physician_profile(draw_alerts=True) for _ in range(3)]
    broken = physician_profile(draw_alerts=True)
    # Past the forms (straight into the database): a date the engine cannot reckon from.
    WorkExperience.objects.filter(profile=broken).update(end=dt.date(9999, 12, 31))
    draw = physicians_draft()
    worker = Worker("contained", email_dir=email_dir, EVALUATION_CHUNK_SIZE="2")
    try:
        services.draw_publish(draw=draw)
        wait_for(
            lambda: run_of(draw).alerts_done_at is not None,
            timeout=90,
            what="the run and its alerts",
            worker=worker,
        )
    finally:
        worker.stop()

    run = run_of(draw)
    assert (run.status, run.done, run.errors, run.notified) == ("completed", 4, 1, 3)
    results = {r.profile_id: r for r in EligibilityResult.objects.filter(draw=draw)}
    assert all(results[p.pk].eligible and not results[p.pk].error for p in alerted)
    assert "out of range" in results[broken.pk].error
    recipients = {
        line.split(": ", 1)[1]
        for email in emails_in(email_dir)
        for line in email.splitlines()
        if line.startswith("To: ")
    }
    assert recipients == {p.user.email for p in alerted}


@pytest.mark.skipif(
    not (settings.CELERY_BROKER_URL.startswith("redis") and connection.vendor == "postgresql"),
    reason="Crash safety is a property of Redis and PostgreSQL; `.ci/run` proves it there. "
    "The embedded broker and SQLite of `make run` do not promise it (README).",
)
def test_a_worker_killed_mid_run_leaves_a_run_that_completes_exactly_once(categories, email_dir):
    profiles = [physician_profile() for _ in range(300)]
    draw = physicians_draft()
    first = Worker("doomed", email_dir=email_dir, EVALUATION_CHUNK_SIZE="4")
    try:
        services.draw_publish(draw=draw)
        wait_for(
            lambda: run_of(draw).chunks_done >= 3, timeout=90, what="a few chunks", worker=first
        )
        first.kill()
    finally:
        first.stop()
    run = run_of(draw)
    assert run.status == EvaluationRun.Status.RUNNING
    assert 0 < run.done < len(profiles), "the kill must land in the middle of the run"

    second = Worker(
        "rescuer",
        email_dir=email_dir,
        beat=True,
        EVALUATION_STALLED_AFTER_SECONDS="2",
        EVALUATION_SWEEP_EVERY_SECONDS="1",
    )
    try:
        wait_for(lambda: completed(draw), timeout=120, what="the rescued run", worker=second)
    finally:
        second.stop()

    run = run_of(draw)
    assert run.done == run.total == len(profiles)
    assert run.chunks_done == run.chunk_count == 75
    results = EligibilityResult.objects.filter(draw=draw)
    assert results.count() == len(profiles)
    assert results.values("profile").distinct().count() == len(profiles)


def test_the_benchmark_command_times_a_real_run_and_prints_its_figures(
    categories, occupations, email_dir, monkeypatch
):
    from io import StringIO

    from django.core.management import call_command

    from tests.eligibility.workers import test_database_url

    # The benchmark starts its own workers from this environment: on the test database.
    monkeypatch.setenv("DATABASE_URL", test_database_url())
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{email_dir}")
    out = StringIO()

    call_command("bench_reevaluate", profiles=40, workers=1, chunk_size=15, stdout=out)

    report = out.getvalue()
    assert "Run " in report
    assert ": 40 profiles in 3 chunks, 40 results stored." in report
    figures = dict(
        line.rsplit(":", 1) for line in report.splitlines() if line and not line.startswith(" ")
    )
    assert figures["profiles evaluated"].strip() == "40"
    wall = float(figures["wall time publish->done"].split()[0])
    rate = float(figures["profiles per second"].replace(",", ""))
    assert wall > 0
    assert 40 / (wall + 0.005) - 1 <= rate <= 40 / (wall - 0.005) + 1
    assert floor_median(figures["floor: read profiles+jobs"]) >= 0
    if connection.vendor == "postgresql":  # the floors are tiny here: only the shape is checked
        assert floor_median(figures["floor: COPY 40 rows"]) >= 0
        assert float(figures["ratio wall / floors"]) > 0
    assert not Draw.objects.filter(name__startswith="Benchmark").exists()  # cleaned up


def floor_median(figure: str) -> float:
    """'0.02 s (median of 0.03, 0.02, 0.02)': the median, checked against the samples."""
    match = re.fullmatch(r" *([\d.]+) s \(median of ([\d., ]+)\)", figure)
    assert match, figure
    median, samples = match.groups()
    values = [float(value) for value in samples.split(", ")]
    assert len(values) == 3
    assert float(median) == statistics.median(values)
    return float(median)


def queued_messages() -> int:
    """Messages waiting in the worker's queues (not those a worker holds)."""
    from config.celery import app
    from tests.eligibility.workers import QUEUES

    total = 0
    with app.connection_for_write() as conn:
        for queue in QUEUES:
            # A queue never used does not exist yet (declaring it passively fails): nothing
            # waits there.
            with contextlib.suppress(Exception):
                channel: Any = conn.default_channel  # kombu's virtual channel
                total += channel.queue_declare(queue, passive=True).message_count
    return total


def test_reminders_go_once_per_change_and_threshold_on_a_real_worker(categories, email_dir):
    import time

    from eligibility import dispatch
    from eligibility.models import Reminder

    submitted = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)  # expires 2026-11-20
    opted_in = [physician_profile(pool_entry=submitted, deadline_reminders=True) for _ in range(3)]
    physician_profile(pool_entry=submitted, deadline_reminders=False)
    worker = Worker("reminders", email_dir=email_dir, EVALUATION_CHUNK_SIZE="2")
    try:
        # The beat's task on two days, the first one twice (a repeated or redelivered plan)
        for day in ("2026-11-06", "2026-11-06", "2026-11-19"):
            dispatch.enqueue(dispatch.PLAN_REMINDERS, day)
        expiry = Reminder.objects.filter(item__contains="profile_expires", sent_at__isnull=False)
        wait_for(
            lambda: expiry.filter(days_before=1).count() == 3,
            timeout=90,
            what="the reminders of both days",
            worker=worker,
        )
        wait_for(lambda: queued_messages() == 0, timeout=60, what="empty queues", worker=worker)
        time.sleep(2)  # the last task taken may still be sending
    finally:
        worker.stop()

    emails = emails_in(email_dir)
    assert len(emails) == Reminder.objects.filter(sent_at__isnull=False).count()
    assert Reminder.objects.filter(sent_at__isnull=True).count() == 0
    for profile in opted_in:
        mine = [e for e in emails if f"To: {profile.user.email}" in e]
        subjects = [line for e in mine for line in e.splitlines() if line.startswith("Subject: ")]
        assert len(subjects) == len(set(subjects)), subjects  # nothing twice
        expiring = [s for s in subjects if "Express Entry profile expires" in s]
        # (the file backend folds long headers: compare their beginnings)
        assert sorted(s.split(": ", 2)[1] for s in expiring) == ["In 14 days", "Tomorrow"]
    assert {r.profile_id for r in Reminder.objects.all()} == {p.pk for p in opted_in}
