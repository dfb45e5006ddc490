from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from draws.models import Occupation
from profiles.models import CandidateProfile, User

JOB = {"country": "IN", "start": "2015-01-01", "end": "2016-01-01", "hours_per_week": "40"}


class Rollback(Exception):
    """Raised to undo the benchmark's account and anything its requests wrote."""


class Command(BaseCommand):
    help = (
        "Time the requests an attacker can shape (a forged formset count, long occupation text, "
        "deep or large JSON for the API) through the whole stack, on this database, and print "
        "the median and slowest of each. Writes nothing: its account is rolled back."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args: Any, repeat: int, **options: Any) -> None:
        if not Occupation.objects.exists():
            raise CommandError("No occupations: load them first (manage.py load_noc PATH).")
        host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
        client = Client(HTTP_HOST=host.lstrip("."), raise_request_exception=False)
        secure = settings.SECURE_SSL_REDIRECT
        try:
            with transaction.atomic():
                user = User.objects.create_user(email="bench-bounds@example.invalid")
                profile = CandidateProfile.objects.create(user=user)
                client.force_login(user)
                work = reverse("profiles:edit", args=[profile.public_id, "work"])
                for label, request in self._requests(client, work, secure).items():
                    self._time(label, request, repeat)
                raise Rollback
        except Rollback:
            pass

    def _requests(self, client: Client, work: str, secure: bool) -> dict[str, Callable[[], Any]]:
        def work_post(data: dict[str, str]) -> Callable[[], Any]:
            return lambda: client.post(work, data, secure=secure)

        def api_post(body: bytes) -> Callable[[], Any]:
            return lambda: client.post(
                "/api/v1/evaluate", body, content_type="application/json", secure=secure
            )

        forged = {**_formset([{**JOB, "occupation": "21232"}]), "work-TOTAL_FORMS": "100000"}
        return {
            "work rows, TOTAL_FORMS=100000": work_post(forged),
            "occupation text, 10,000 words": work_post(_occupation(" ".join(["nurse"] * 10_000))),
            "occupation text, 1,000 words": work_post(
                _occupation(" ".join(f"w{n}" for n in range(1_000)))
            ),
            "occupation text, 16 words (the most searched)": work_post(
                _occupation(" ".join(f"w{n}" for n in range(16)))
            ),
            "API, 1,000 nested [": api_post(b"[" * 1_000 + b"]" * 1_000),
            "API, 5 MB body": api_post(b'{"birth_date": "' + b"9" * 5_000_000 + b'"}'),
        }

    def _time(self, label: str, request: Callable[[], Any], repeat: int) -> None:
        seconds, status = [], None
        for _ in range(repeat):
            start = time.perf_counter()
            status = request().status_code
            seconds.append(time.perf_counter() - start)
        self.stdout.write(
            f"{label:48} HTTP {status}  median {statistics.median(seconds) * 1000:7.1f} ms"
            f"  slowest {max(seconds) * 1000:7.1f} ms  ({repeat} runs)"
        )


def _formset(rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        "work-TOTAL_FORMS": str(len(rows)),
        "work-INITIAL_FORMS": "0",
        "work-MIN_NUM_FORMS": "0",
        "work-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        data.update({f"work-{index}-{key}": value for key, value in row.items()})
    return data


def _occupation(text: str) -> dict[str, str]:
    return _formset([{**JOB, "occupation": text}])
