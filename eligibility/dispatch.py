"""Enqueueing the evaluation tasks by name. Services start work through here, so they never
import the tasks module (which imports them)."""

from __future__ import annotations

from celery import Task, current_app
from celery.exceptions import NotRegistered
from django.db import transaction

EVALUATE_DRAW = "eligibility.evaluate_draw"
EVALUATE_CHUNK = "eligibility.evaluate_chunk"
EVALUATE_PROFILE = "eligibility.evaluate_profile"
NOTIFY_DRAW = "eligibility.notify_draw"
PLAN_REMINDERS = "eligibility.plan_reminders"
SEND_REMINDERS = "eligibility.send_reminders"

#: Task arguments: ids, a chunk of ids, a date as YYYY-MM-DD (never model instances).
Argument = int | str | list[int]


def enqueue(task: str, *args: Argument) -> None:
    """Send `task` with `args` now. The registered task object is used, not send_task, so
    routing, retries and eager mode apply as for `task.delay()`."""
    _registered(task).delay(*args)


def enqueue_on_commit(task: str, *args: Argument) -> None:
    """Send `task` once the current transaction commits: a worker must find what it loads."""
    transaction.on_commit(lambda: enqueue(task, *args))


def _registered(name: str) -> Task:
    try:
        return current_app.tasks[name]
    except NotRegistered:
        # Outside a worker the tasks modules are not imported yet: Celery's autodiscovery
        # imports them on this signal, as a worker does at start-up.
        current_app.loader.import_default_modules()
        return current_app.tasks[name]
