from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPConnection
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import timezone

from draws.models import Category, Draw, Occupation
from eligibility.adapters import profile_fields, profile_rows
from eligibility.candidate_json import parse_candidate
from eligibility.management.page_load import Figures, load
from eligibility.results.services import results_compute_for_profile
from profiles.models import CandidateProfile, User

ROOT = Path(__file__).resolve().parents[3]
CANDIDATE_JSON = ROOT / "docs" / "candidate-example.json"
BENCH_EMAIL = "bench-pages@example.invalid"
HOST = "127.0.0.1"
FLOOR = "/bench/floor/"
DRAW = "397"
ANONYMOUS_FLOOR = "floor, anonymous"
SIGNED_IN_FLOOR = "floor, signed in"
# The address the query counts come from: not the load's, whose requests fill the API's rate
# limit for 127.0.0.1 in the shared cache.
QUERY_CLIENT = f"192.0.2.{secrets.randbelow(250) + 1}"


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn and the production settings on this database, put a "
        "bounded load on each page (home, draw list, a draw, the chart, sign-up, the personal "
        "page, a 'Why?' page, the API's draw list) and on a floor (the same middleware, "
        "session and user lookup, then a constant; once anonymous, once signed in), and print "
        "per page: requests per second, median and 95th-percentile latency, bytes, queries, "
        "and how many times slower than the floor of its kind it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
        parser.add_argument("--seconds", type=float, default=10, help="load per page")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")

    def handle(
        self, *args: Any, clients: int, seconds: float, workers: int, **options: Any
    ) -> None:
        if clients < 1 or seconds <= 0 or workers < 1:
            raise CommandError("--clients, --seconds and --workers must be positive")
        self._reference_data()
        user = self._candidate()
        profile_id = CandidateProfile.objects.get(user=user).public_id
        pages = self._pages(profile_id)
        try:
            owner = Client(HTTP_HOST=HOST, REMOTE_ADDR=QUERY_CLIENT)
            owner.force_login(user)  # a session in the site's store, valid for the server too
            session = owner.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
            queries = self._queries(owner, pages)
            floors = [(ANONYMOUS_FLOOR, FLOOR, False), (SIGNED_IN_FLOOR, FLOOR, True)]
            with self._gunicorn(workers) as port:
                figures = {
                    name: self._load(port, path, cookie if signed_in else "", clients, seconds)
                    for name, path, signed_in in [*floors, *pages]
                }
            self._report(figures, queries, pages, clients, seconds, workers)
        finally:
            user.delete()  # its profile and results go with it

    # --- what the pages need ----------------------------------------------------------------

    def _reference_data(self) -> None:
        quiet = {"stdout": StringIO()}
        if not Category.objects.exists():
            call_command("load_categories", **quiet)
        if not Occupation.objects.exists():
            call_command("load_noc", **quiet)
        if not Draw.objects.filter(number=DRAW).exists():
            call_command("import_ircc_draws", **quiet)

    def _candidate(self) -> User:
        """The README's example candidate (a married family physician) with a confirmed
        address and its results stored, as a real user's would be."""
        User.objects.filter(email=BENCH_EMAIL).delete()
        user = User.objects.create_user(email=BENCH_EMAIL)
        User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now())
        data = json.loads(CANDIDATE_JSON.read_text(encoding="utf-8"))
        candidate = parse_candidate(data, today=timezone.localdate())
        profile = CandidateProfile.objects.create(user=user, **profile_fields(candidate))
        for row in profile_rows(profile, candidate):
            row.save()
        results_compute_for_profile(profile_id=profile.pk)
        return user

    def _pages(self, profile_id: object) -> list[tuple[str, str, bool]]:
        """(name, path, signed in): public pages as a visitor sees them, personal ones as
        their owner does."""
        pages = [
            ("home", "/", False),
            ("draw list", "/draws/", False),
            (f"draw {DRAW}", f"/draws/{DRAW}/", False),
            ("chart", "/draws/chart/", False),
            ("sign-up", "/accounts/signup/", False),
            ("personal page", f"/profiles/{profile_id}/eligibility/", True),
            ("'Why?' page", f"/profiles/{profile_id}/draws/{DRAW}/", True),
            ("API draw list", "/api/v1/draws/", False),
        ]
        return [page for page in pages if _exists(page[1])]

    def _queries(self, owner: Client, pages: list[tuple[str, str, bool]]) -> dict[str, int]:
        """Queries per page as the load finds it, the cache warm: counted in this process on a
        second request, signed in where the load is."""
        visitor = Client(HTTP_HOST=HOST, REMOTE_ADDR=QUERY_CLIENT)
        counts = {}
        for name, path, signed_in in pages:
            client = owner if signed_in else visitor
            client.get(path, secure=settings.SECURE_SSL_REDIRECT)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, secure=settings.SECURE_SSL_REDIRECT)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}")
            counts[name] = len(captured)
        return counts

    # --- the server ---------------------------------------------------------------------------

    @contextmanager
    def _gunicorn(self, workers: int) -> Iterator[int]:
        port = _free_port()
        db = connection.settings_dict
        database_url = (
            f"sqlite:///{db['NAME']}"
            if connection.vendor == "sqlite"
            else f"postgres://{db['USER'] or ''}@{db['HOST'] or HOST}:{db['PORT'] or 5432}/"
            f"{db['NAME']}"
        )
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.bench_settings",
            "ENV_FILE_DISABLED": "1",
            "DEBUG": "false",
            "SECRET_KEY": settings.SECRET_KEY,  # the signed-in session was made with it
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            # Plain HTTP on the loopback: no redirect to HTTPS, cookies without Secure.
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "LOG_LEVEL": "WARNING",
            # The load is one client address far above any person's rate: measure the pages.
            "API_ANONYMOUS_RATE": "1000000/minute",
            "API_TOKEN_RATE": "1000000/minute",
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ]
        # With DEBUG off, pages name static files through whitenoise's manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
        )
        server = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
        try:
            _wait_until_serving(port, server)
            yield port
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    def _load(self, port: int, path: str, cookie: str, clients: int, seconds: float) -> Figures:
        load(HOST, port, path, cookie=cookie, clients=clients, seconds=min(1.0, seconds))  # warm
        figures = load(HOST, port, path, cookie=cookie, clients=clients, seconds=seconds)
        if figures.errors:
            raise CommandError(f"{path}: {figures.errors} answers were not 200")
        return figures

    # --- the report ---------------------------------------------------------------------------

    def _report(
        self,
        figures: dict[str, Figures],
        queries: dict[str, int],
        pages: list[tuple[str, str, bool]],
        clients: int,
        seconds: float,
        workers: int,
    ) -> None:
        signed_in = {name for name, _, personal in pages if personal} | {SIGNED_IN_FLOOR}
        self.stdout.write(
            f"gunicorn {workers} sync workers, {clients} clients, {seconds:g} s a page, "
            f"{connection.vendor}, {os.cpu_count()} cores\n"
        )
        self.stdout.write(
            f"{'page':<16}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'bytes':>9}{'queries':>9}"
            f"{'x floor':>9}"
        )
        for name, result in figures.items():
            floor = figures[SIGNED_IN_FLOOR if name in signed_in else ANONYMOUS_FLOOR].per_second
            self.stdout.write(
                f"{name:<16}{result.per_second:>8.0f}{result.percentile(50) * 1000:>9.1f}"
                f"{result.percentile(95) * 1000:>9.1f}{result.body_bytes:>9,}"
                f"{queries.get(name, '-'):>9}{floor / result.per_second:>9.1f}"
            )


def _exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("gunicorn exited at start (see its output above)")
        try:
            if _status(port, FLOOR) == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise CommandError("gunicorn did not answer within 30 s")


def _status(port: int, path: str) -> int:
    connection_ = HTTPConnection(HOST, port, timeout=10)
    try:
        connection_.request("GET", path)
        response = connection_.getresponse()
        response.read()
        return response.status
    finally:
        connection_.close()
