"""Thin Celery tasks: ids in, a service call, nothing else.

Every task is safe to run twice (claims and upserts), so late acknowledgement and redelivery
after a crash are harmless. Retries cover transient database and broker errors only; a run
task that still fails marks its run failed, and the sweep retries it if the error was
transient.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from eligibility import alerts, dispatch, reminders, runs
from eligibility.results.services import results_compute_for_profile

TRANSIENT = (OperationalError, InterfaceError, BrokerError)
RETRY: dict[str, Any] = {  # Any: each option has its own type in the task decorator
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


class RunTask(Task[Any, Any]):
    """A task of an evaluation run: a final failure marks the run failed, visible in admin."""

    def run_id(self, task_id_argument: int) -> int | None:
        """The run this task works for, from its one id argument."""
        raise NotImplementedError

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        argument = args[0] if args else next(iter(kwargs.values()), None)
        run_id = self.run_id(argument) if argument is not None else None
        if run_id is not None:
            runs.run_fail(
                run_id=run_id,
                error=f"{self.name}: {exc!r}\n{einfo}",
                transient=isinstance(exc, TRANSIENT),
            )


class PlanTask(RunTask):
    def run_id(self, task_id_argument: int) -> int | None:
        return task_id_argument


class ChunkTask(RunTask):
    def run_id(self, task_id_argument: int) -> int | None:
        return runs.run_id_of_chunk(chunk_id=task_id_argument)


@shared_task(name=dispatch.EVALUATE_DRAW, base=PlanTask, **RETRY)
def evaluate_draw(run_id: int) -> int:
    """Plan a run and enqueue one chunk task per slice of profiles."""
    chunk_ids = runs.run_plan(run_id=run_id)
    runs.chunks_enqueue(chunk_ids)
    return len(chunk_ids)


@shared_task(name=dispatch.EVALUATE_CHUNK, base=ChunkTask, **RETRY)
def evaluate_chunk(chunk_id: int) -> bool:
    return runs.chunk_evaluate(chunk_id=chunk_id)


@shared_task(name=dispatch.NOTIFY_DRAW, **RETRY)
def notify_draw(run_id: int) -> int:
    return alerts.draw_notify(run_id=run_id)


@shared_task(name=dispatch.EVALUATE_PROFILE, **RETRY)
def evaluate_profile(profile_id: int) -> int:
    return results_compute_for_profile(profile_id=profile_id)


@shared_task(name="eligibility.sweep_stalled_runs", **RETRY)
def sweep_stalled_runs() -> dict[str, list[int]]:
    return runs.runs_sweep(
        stalled_after=timedelta(seconds=settings.EVALUATION_STALLED_AFTER_SECONDS)
    )


@shared_task(name=dispatch.PLAN_REMINDERS, **RETRY)
def plan_reminders(day: str | None = None) -> int:
    """Daily (Celery beat): one `send_reminders` task per chunk of opted-in profiles."""
    return reminders.reminders_plan(day=date.fromisoformat(day) if day else timezone.localdate())


@shared_task(name=dispatch.SEND_REMINDERS, **RETRY)
def send_reminders(profile_ids: list[int], day: str) -> int:
    return reminders.reminders_send(profile_ids=profile_ids, day=date.fromisoformat(day))
