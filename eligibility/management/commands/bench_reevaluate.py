from __future__ import annotations

import datetime as dt
import io
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

from config.celery import app
from draws.models import Category, Draw
from eligibility import selectors, services
from eligibility.models import EligibilityResult, EvaluationRun
from eligibility.results.fingerprint import ENGINE_FINGERPRINT
from eligibility.results.store import result_columns_sql
from profiles.models import CandidateProfile, WorkExperience

ROOT = Path(__file__).resolve().parents[3]
QUEUES = "default,evaluation,email"
# Each floor is the median of this many measurements: on a shared 2-core machine one read of
# the same rows varied by a fifth from one measurement to the next.
FLOOR_SAMPLES = 3


class MemorySampler(threading.Thread):
    """Samples the resident memory of the worker processes; keeps the peak of each."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.processes = [psutil.Process(pid) for pid in pids]
        self.peaks = [0] * len(pids)
        self.cpu_seconds = -self._cpu()  # counted from the start of the run
        self.running = True

    def _cpu(self) -> float:
        total = 0.0
        for process in self.processes:
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def run(self) -> None:
        while self.running:
            for index, process in enumerate(self.processes):
                try:
                    rss = sum(p.memory_info().rss for p in [process, *process.children(True)])
                except psutil.Error:
                    continue
                self.peaks[index] = max(self.peaks[index], rss)
            # A worker keeps freed memory (near its high-water mark) between chunks, so a coarse
            # sample finds the peak and takes less CPU from the run it measures.
            time.sleep(0.2)
        self.cpu_seconds += self._cpu()


class Command(BaseCommand):
    help = (
        "Publish a category draw and time the re-evaluation of every profile by W real worker "
        "processes; print the wall time, profiles per second, the workers' peak memory, and two "
        "floors measured on the same database: reading the profiles with their jobs, and "
        "COPYing as many result-shaped rows into a temporary table (each the median of "
        f"{FLOOR_SAMPLES} measurements)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profiles", type=int, required=True)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--chunk-size", type=int, default=settings.EVALUATION_CHUNK_SIZE)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--timeout", type=float, default=900)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["profiles"] < 1 or options["workers"] < 1:
            raise CommandError("--profiles and --workers must be at least 1")
        if not settings.CELERY_BROKER_URL.startswith("redis"):
            self.stderr.write(
                "Note: not on Redis; figures for the embedded broker are not production figures."
            )
        call_command(
            "seed_profiles",
            count=options["profiles"],
            seed=options["seed"],
            on=dt.date(2026, 2, 19),
            stdout=self.stdout,
        )
        total = len(selectors.evaluable_profile_ids())
        workers = self._start_workers(options["workers"], options["chunk_size"])
        try:
            wall, peaks = self._timed_run(workers, options["timeout"])
        finally:
            for worker in workers:
                os.killpg(worker.pid, signal.SIGTERM)
            for worker in workers:
                worker.wait(timeout=60)
        read_floor = _sampled(self._read_floor)
        copy_floor = None
        if connection.vendor == "postgresql":
            copy_floor = _sampled(lambda: self._copy_floor(total))
        self._report(total, options["workers"], wall, peaks, read_floor, copy_floor)

    def _start_workers(self, count: int, chunk_size: int) -> list[subprocess.Popen[bytes]]:
        env = {**os.environ, "EVALUATION_CHUNK_SIZE": str(chunk_size)}
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool",
                    "solo",
                    "--queues",
                    QUEUES,
                    "--hostname",
                    f"bench{index}@%h",
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
            for index in range(count)
        ]
        if not settings.CELERY_BROKER_URL.startswith("redis"):
            time.sleep(5)  # the filesystem transport cannot broadcast a ping
            return workers
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=1) or []) < count:
            if time.monotonic() > deadline:
                raise CommandError("The benchmark workers did not start within 60 s")
        return workers

    def _timed_run(
        self, workers: list[subprocess.Popen[bytes]], timeout: float
    ) -> tuple[float, list[int]]:
        draw = self._bench_draw()
        sampler = MemorySampler([worker.pid for worker in workers])
        sampler.start()
        started = time.perf_counter()
        published_at = timezone.now()
        services.draw_publish(draw=draw)
        run = EvaluationRun.objects.filter(draw=draw).latest("created_at")
        while run.status not in (EvaluationRun.Status.COMPLETED, EvaluationRun.Status.FAILED):
            if time.perf_counter() - started > timeout:
                raise CommandError(
                    f"The run did not finish in {timeout:.0f} s ({run.done}/{run.total})"
                )
            time.sleep(0.25)  # the run records its own end: polling only has to notice it
            run.refresh_from_db()
        wall = ((run.finished_at or timezone.now()) - published_at).total_seconds()
        sampler.running = False
        sampler.join()
        self.worker_cpu = sampler.cpu_seconds
        if run.status == EvaluationRun.Status.FAILED:
            raise CommandError(f"The run failed: {run.error}")
        self.stdout.write(
            f"Run {run.pk}: {run.done} profiles in {run.chunk_count} chunks, "
            f"{EligibilityResult.objects.filter(draw=draw).count()} results stored."
        )
        self._timeline(run)
        Draw.objects.filter(pk=draw.pk).delete()
        self._vacuum_results()
        return wall, sampler.peaks

    def _timeline(self, run: EvaluationRun) -> None:
        """Where the wall time went: planning, enqueueing the chunks, and evaluating them (the
        first chunks finish while the last are still being enqueued)."""
        chunks = run.chunks.aggregate(
            enqueued=Max("enqueued_at"), first=Min("done_at"), last=Max("done_at")
        )
        if run.started_at is None or run.finished_at is None:
            raise CommandError(f"Run {run.pk} did not finish: it has no timeline")
        marks = [
            ("publish to planned", run.created_at, run.started_at),
            ("planned to all chunks enqueued", run.started_at, chunks["enqueued"]),
            ("planned to first chunk done", run.started_at, chunks["first"]),
            ("first to last chunk done", chunks["first"], chunks["last"]),
        ]
        for label, start, end in marks:
            if start and end:
                self.stdout.write(f"  {label}: {(end - start).total_seconds():.2f} s")

    def _vacuum_results(self) -> None:
        """Reclaim the deleted benchmark results now, so that autovacuum does not run during
        the floors or the next benchmark and skew them."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {EligibilityResult._meta.db_table}")

    def _bench_draw(self) -> Draw:
        category = Category.objects.filter(slug="physicians-2026-v1").first()
        if category is None:
            raise CommandError("Load the categories first: manage.py load_categories")
        number = str(900000 + int(time.time()) % 100000)
        return Draw.objects.create(
            number=number,
            name="Benchmark: physicians",
            round_type=Draw.RoundType.CATEGORY,
            category=category,
            held_on=dt.date(2026, 2, 19),
            held_at=dt.datetime(2026, 2, 19, 14, 24, 23, tzinfo=dt.UTC),
            tie_break_at=dt.datetime(2026, 1, 3, 3, 25, 14, tzinfo=dt.UTC),
            invitations=391,
            min_crs=169,
        )

    def _read_floor(self) -> float:
        """Reading every profile with its jobs in one query, rows only (no models, no engine),
        selecting the columns of both that an evaluation reads (`selectors`). The run also
        reads education and tests, which this floor leaves out."""
        profile = ", ".join(f'p."{name}"' for name in selectors.PROFILE_COLUMNS)
        work = ", ".join(
            f'w."{name}"'
            for name in selectors.ENTRY_COLUMNS[WorkExperience]
            if name != "profile_id"
        )
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(  # our own tables' and columns' names: no outside input
                f"SELECT {profile}, {work} FROM {CandidateProfile._meta.db_table} p"  # noqa: S608
                f" LEFT JOIN {WorkExperience._meta.db_table} w ON w.profile_id = p.id"
            )
            while cursor.fetchmany(10_000):
                pass
        return time.perf_counter() - started

    def _copy_floor(self, rows: int) -> float:
        """COPYing as many result-shaped rows into a temporary table (PostgreSQL only)."""
        # A typical row in RESULT_COLUMNS order: no reasons, no error.
        line = (
            f"1\t1\tt\tt\tt\t480\t11\tnot_needed\t[]\t\t{ENGINE_FINGERPRINT}"
            "\t2026-02-19 00:00:00+00\n"
        )
        data = io.StringIO(line * rows)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE bench_results ({result_columns_sql()})")
            started = time.perf_counter()
            with cursor.copy("COPY bench_results FROM STDIN") as copy:
                while chunk := data.read(1 << 20):
                    copy.write(chunk)
            elapsed = time.perf_counter() - started
            cursor.execute("DROP TABLE bench_results")
        return elapsed

    def _report(
        self,
        total: int,
        workers: int,
        wall: float,
        peaks: list[int],
        read_floor: Sampled,
        copy_floor: Sampled | None,
    ) -> None:
        lines = [
            f"profiles evaluated:        {total:,}",
            f"worker processes:          {workers}",
            f"wall time publish->done:   {wall:.2f} s",
            f"profiles per second:       {total / wall:,.0f}",
            "peak memory per worker:    " + ", ".join(f"{peak / 2**20:.0f} MiB" for peak in peaks),
            f"worker CPU (all workers):  {self.worker_cpu:.1f} s "
            f"({self.worker_cpu * 1e6 / max(total, 1):.0f} us per profile)",
            f"floor: read profiles+jobs: {read_floor}",
        ]
        if copy_floor is None:
            lines.append("floor: COPY results:       n/a (needs PostgreSQL)")
        else:
            floors = read_floor.median + copy_floor.median
            lines += [
                f"floor: COPY {total:,} rows: {copy_floor}",
                f"ratio wall / floors:       {wall / floors:.2f}",
            ]
        self.stdout.write("\n".join(lines))


class Sampled:
    """Repeated measurements of one floor, shown as their median and all of them."""

    def __init__(self, seconds: list[float]) -> None:
        self.seconds = seconds
        self.median = statistics.median(seconds)

    def __str__(self) -> str:
        each = ", ".join(f"{value:.2f}" for value in self.seconds)
        return f"{self.median:.2f} s (median of {each})"


def _sampled(measure: Callable[[], float]) -> Sampled:
    return Sampled([measure() for _ in range(FLOOR_SAMPLES)])
