"""Evaluation runs on the workers: planning a run into chunks, evaluating a chunk exactly once,
finishing, failing, and resuming what a dead worker or a failure left behind.

The database is the source of truth: every step claims its work with a conditional UPDATE, so a
redelivered or repeated task does nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from eligibility import dispatch, selectors
from eligibility.adapters import draw_rule
from eligibility.models import EvaluationChunk, EvaluationRun
from eligibility.results.compute import result_row
from eligibility.results.store import RESULT_COLUMNS, results_upsert
from profiles.models import CandidateProfile

#: A run that failed on a transient error (database or broker) is retried by the sweep this
#: many times, waiting twice as long each time from a minute up to an hour.
AUTOMATIC_RETRIES = 5
_FIRST_RETRY_AFTER = timedelta(minutes=1)
_LONGEST_RETRY_WAIT = timedelta(hours=1)


def run_plan(*, run_id: int) -> list[int]:
    """Claim a pending run, cut the evaluable profiles into chunks, and return the chunk ids
    to enqueue. A second delivery of the same message finds the run claimed and does nothing."""
    size = settings.EVALUATION_CHUNK_SIZE
    with transaction.atomic():
        claimed = EvaluationRun.objects.filter(
            pk=run_id, status=EvaluationRun.Status.PENDING
        ).update(
            status=EvaluationRun.Status.RUNNING,
            started_at=timezone.now(),
            progressed_at=timezone.now(),
        )
        if not claimed:
            return []
        ids = selectors.evaluable_profile_ids()
        chunks = EvaluationChunk.objects.bulk_create(
            EvaluationChunk(run_id=run_id, index=index, profile_ids=ids[start : start + size])
            for index, start in enumerate(range(0, len(ids), size))
        )
        EvaluationRun.objects.filter(pk=run_id).update(total=len(ids), chunk_count=len(chunks))
        if not chunks:
            _run_finish_if_done(run_id)
    return [chunk.pk for chunk in chunks]


def chunks_enqueue(chunk_ids: Sequence[int]) -> None:
    for chunk_id in chunk_ids:
        dispatch.enqueue(dispatch.EVALUATE_CHUNK, chunk_id)
    EvaluationChunk.objects.filter(pk__in=chunk_ids).update(enqueued_at=timezone.now())


def chunk_evaluate(*, chunk_id: int) -> bool:
    """Evaluate one chunk and count it, exactly once. Returns False if it was already done.
    A profile the engine cannot evaluate gets an error result; the others their answers.

    Queries: the chunk with its run, draw and category (1); the profiles and their entries as
    rows (4); then, in one transaction, the claim (1), the results (on PostgreSQL 4 when all
    are new: a probe and a COPY within a savepoint, 5 otherwise: a probe, a load table, a
    COPY, a merge and an emptying; on SQLite 1 per 500 rows), the progress counter (1) and the
    completion check (1); on PostgreSQL, when the chunk's transaction is not a caller's, first
    the asynchronous commit's setting (1).
    """
    try:  # get, not first(): first() would sort by the Meta ordering, a third of this query
        chunk = EvaluationChunk.objects.select_related("run__draw__category").get(pk=chunk_id)
    except EvaluationChunk.DoesNotExist:
        return False
    if chunk.done_at is not None:
        return False
    draw = chunk.run.draw
    rule = draw_rule(draw)
    now = timezone.now()
    rows = [
        result_row(profile_id, draw.pk, candidate, rule, now)
        for profile_id, candidate in selectors.candidates_for_evaluation(chunk.profile_ids)
    ]
    try:
        return _chunk_commit(chunk, rows)
    except IntegrityError:
        # A profile deleted since the read (its owner closed the account) has results that
        # point at nothing: the foreign key refuses them at commit. Store the others.
        ids = [row[0] for row in rows]
        kept = set(CandidateProfile.objects.filter(pk__in=ids).values_list("pk", flat=True))
        return _chunk_commit(chunk, [row for row in rows if row[0] in kept])


_ERROR_COLUMN = RESULT_COLUMNS.index("error")


def _chunk_commit(chunk: EvaluationChunk, rows: list[tuple]) -> bool:
    """Claim the chunk, write its results and count it, in one transaction."""
    now = timezone.now()  # when the chunk is done (its results carry when they were computed)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:  # inside a caller's transaction, the caller decides when it is durable
            _commit_without_waiting_for_disk()
        claimed = EvaluationChunk.objects.filter(pk=chunk.pk, done_at__isnull=True).update(
            done_at=now
        )
        if not claimed:
            return False  # another delivery of this chunk committed first
        results_upsert(rows)
        EvaluationRun.objects.filter(pk=chunk.run_id).update(
            done=F("done") + len(chunk.profile_ids),
            errors=F("errors") + sum(1 for row in rows if row[_ERROR_COLUMN]),
            chunks_done=F("chunks_done") + 1,
            progressed_at=now,
        )
        _run_finish_if_done(chunk.run_id)
    return True


def _commit_without_waiting_for_disk() -> None:
    """Let this transaction's commit return before its WAL reaches the disk (PostgreSQL's
    asynchronous commit). Waiting for that flush idled each worker at every chunk: about 6 % of
    a run's time in `bench_reevaluate`. A server crash may lose the last chunks committed this
    way, whole: their claims go with their results and counts, so the sweep finds them
    unfinished and runs them again. Only chunks use this; a profile save or an alert still
    waits for the disk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _run_finish_if_done(run_id: int) -> None:
    """Complete the run when its last chunk is counted, and send the alerts after commit.

    Runs inside the transaction that counted the chunk: the row lock taken by that counter
    makes exactly one chunk see the final count.
    """
    finished = EvaluationRun.objects.filter(
        pk=run_id, status=EvaluationRun.Status.RUNNING, chunks_done=F("chunk_count")
    ).update(status=EvaluationRun.Status.COMPLETED, finished_at=timezone.now())
    if finished:
        dispatch.enqueue_on_commit(dispatch.NOTIFY_DRAW, run_id)


def run_fail(*, run_id: int, error: str, transient: bool = False) -> None:
    """Mark the run failed with the error, visible in admin. A transient failure (the
    database or the broker unreachable) is retried by the sweep, with a capped backoff."""
    run = EvaluationRun.objects.filter(pk=run_id).values("attempts").first()
    if run is None:
        return
    retry_at = None
    if transient and run["attempts"] < AUTOMATIC_RETRIES:
        wait = min(_FIRST_RETRY_AFTER * 2 ** run["attempts"], _LONGEST_RETRY_WAIT)
        retry_at = timezone.now() + wait
    EvaluationRun.objects.filter(pk=run_id).exclude(status=EvaluationRun.Status.COMPLETED).update(
        status=EvaluationRun.Status.FAILED,
        error=error[:5000],
        finished_at=timezone.now(),
        retry_at=retry_at,
    )


def run_resume(*, run_id: int, automatic: bool = False) -> bool:
    """Take a failed run up where it stopped: planned again if it never got its chunks, its
    unfinished chunks enqueued otherwise. Returns False if the run is not failed.

    Staff resume a run after fixing the cause (admin "Retry"); the sweep resumes one that
    failed on a transient error once its wait is over (`automatic`, which counts an attempt).
    """
    with transaction.atomic():
        run = EvaluationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != EvaluationRun.Status.FAILED:
            return False
        planned = run.chunk_count > 0
        run.status = EvaluationRun.Status.RUNNING if planned else EvaluationRun.Status.PENDING
        run.finished_at, run.retry_at, run.progressed_at = None, None, timezone.now()
        run.attempts += automatic
        run.save(update_fields=["status", "finished_at", "retry_at", "progressed_at", "attempts"])
        if not planned:
            dispatch.enqueue_on_commit(dispatch.EVALUATE_DRAW, run_id)
            return True
        unfinished = list(run.chunks.filter(done_at__isnull=True).values_list("pk", flat=True))
        if not unfinished:
            _run_finish_if_done(run_id)
    if unfinished:
        chunks_enqueue(unfinished)
    return True


def runs_sweep(*, stalled_after: timedelta) -> dict[str, list[int]]:
    """Resume what a dead worker, a lost message or a transient failure left behind; the
    database is the source of truth. A run that has made no progress for `stalled_after` gets
    its unfinished chunks enqueued again (a chunk finished meanwhile is skipped by its claim);
    a pending run is planned again; a run that failed on a transient error is resumed when its
    wait is over; a completed run whose alerts never ran gets them (each alert is claimed once,
    so none is sent twice). Waiting in a long queue is progress elsewhere, not a stall."""
    now = timezone.now()
    cutoff = now - stalled_after
    pending = list(
        EvaluationRun.objects.filter(
            status=EvaluationRun.Status.PENDING, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    chunks = list(
        EvaluationChunk.objects.filter(
            run__status=EvaluationRun.Status.RUNNING,
            run__progressed_at__lt=cutoff,
            done_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    retried = [
        run_id
        for run_id in EvaluationRun.objects.filter(
            status=EvaluationRun.Status.FAILED, retry_at__lte=now
        ).values_list("pk", flat=True)
        if run_resume(run_id=run_id, automatic=True)
    ]
    unalerted = list(
        EvaluationRun.objects.filter(
            status=EvaluationRun.Status.COMPLETED,
            alerts_done_at__isnull=True,
            finished_at__lt=cutoff,
        ).values_list("pk", flat=True)
    )
    for run_id in pending:
        dispatch.enqueue(dispatch.EVALUATE_DRAW, run_id)
    for run_id in unalerted:
        dispatch.enqueue(dispatch.NOTIFY_DRAW, run_id)
    if chunks:
        # Count the resumption as progress, so the next sweep waits again before repeating it.
        EvaluationRun.objects.filter(chunks__pk__in=chunks).update(progressed_at=timezone.now())
        chunks_enqueue(chunks)
    return {"runs": pending, "chunks": chunks, "retried": retried, "alerts": unalerted}


def run_id_of_chunk(*, chunk_id: int) -> int | None:
    return EvaluationChunk.objects.filter(pk=chunk_id).values_list("run_id", flat=True).first()
