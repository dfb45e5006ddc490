"""Thin Celery tasks: ids in, a service call, nothing else.

Every task is safe to run twice (claims and upserts), so late acknowledgement and redelivery
after a crash are harmless. Retries cover transient database and broker errors only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from eligibility import services

TRANSIENT = (OperationalError, InterfaceError, BrokerError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


class RunTask(Task):  # type: ignore[misc]
    """A task of an evaluation run: a final failure marks the run failed, visible in admin."""

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        run_id = kwargs.get("run_id") or (args[0] if args else None)
        if self.name == "eligibility.evaluate_chunk":
            run_id = services.run_id_of_chunk(chunk_id=run_id)
        if run_id is not None:
            services.run_fail(run_id=run_id, error=f"{self.name}: {exc!r}\n{einfo}")


@shared_task(name="eligibility.evaluate_draw", base=RunTask, **RETRY)
def evaluate_draw(run_id: int) -> int:
    """Plan a run and enqueue one chunk task per slice of profiles."""
    chunk_ids = services.run_plan(run_id=run_id)
    for chunk_id in chunk_ids:
        evaluate_chunk.delay(chunk_id)
    services.chunks_mark_enqueued(chunk_ids)
    return len(chunk_ids)


@shared_task(name="eligibility.evaluate_chunk", base=RunTask, **RETRY)
def evaluate_chunk(chunk_id: int) -> bool:
    return services.chunk_evaluate(chunk_id=chunk_id)


@shared_task(name="eligibility.notify_draw", **RETRY)
def notify_draw(run_id: int) -> int:
    return services.draw_notify(run_id=run_id)


@shared_task(name="eligibility.evaluate_profile", **RETRY)
def evaluate_profile(profile_id: int) -> int:
    return services.profile_evaluate(profile_id=profile_id)


@shared_task(name="eligibility.sweep_stalled_runs", **RETRY)
def sweep_stalled_runs() -> dict[str, list[int]]:
    return services.runs_sweep(
        stalled_after=timedelta(seconds=settings.EVALUATION_STALLED_AFTER_SECONDS)
    )
