"""Real Celery workers for the pipeline tests: separate processes on the configured broker,
pointed at the test database."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]
QUEUES = ("default", "evaluation", "email")


def broker_reachable_or_fail() -> None:
    """CI points CELERY_BROKER_URL at Redis: unreachable must fail the suite, never skip it."""
    url = settings.CELERY_BROKER_URL
    if url.startswith("redis"):
        try:
            redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            raise AssertionError(f"Redis broker at {url} is unreachable: {error}") from error


def purge_queues() -> None:
    with app.connection_for_write() as conn:
        for queue in QUEUES:
            # A queue that does not exist yet has nothing to purge.
            with contextlib.suppress(Exception):
                conn.default_channel.queue_purge(queue)  # type: ignore[attr-defined]  # kombu's virtual channel


def test_database_url() -> str:
    """The URL of the database the test is using, for the worker processes."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


class Worker:
    """A `celery worker` process group, started now, stopped (or killed) by the test."""

    def __init__(self, name: str, *, email_dir: Path, beat: bool = False, **env: str) -> None:
        environment = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "EMAIL_URL": f"filemail:///{email_dir}",  # environ drops one leading slash
            "ENV_FILE_DISABLED": "1",
            "DEBUG": "true",
            **env,
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--hostname",
            f"{name}@%h",
            "--queues",
            ",".join(QUEUES),
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if beat:
            command += ["--beat", "--schedule", str(email_dir.parent / f"beat-{name}")]
        self.log = email_dir.parent / f"{name}.log"
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the pool children die with it
        )

    def kill(self) -> None:
        """SIGKILL the worker and its pool: no shutdown, no acknowledgement, no cleanup."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the pool child is reparented: let it vanish
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        """Warm shutdown, then make sure no process of the group (pool children included)
        outlives the test and holds a connection to the test database."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            self.process.poll()
            time.sleep(0.05)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str, worker: Worker) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            raise AssertionError(
                f"The worker exited while waiting for {what}:\n{worker.log.read_text()}"
            )
        time.sleep(0.05)
    raise AssertionError(
        f"Timed out after {timeout}s waiting for {what}:\n{worker.log.read_text()[-3000:]}"
    )
