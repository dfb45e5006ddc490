"""Personas and shared fixtures. Real data comes from the repository: the files the site loads
(draws/data) and older real files kept for the tests (tests/data)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from draws.models import Category, Draw
from draws.sources import CATEGORIES_JSON
from profiles.models import CandidateProfile
from tests.factories import UserFactory

TEST_DATA = Path(__file__).resolve().parent / "data"
IRCC_FEED_APRIL_2024 = TEST_DATA / "ircc" / "ee_rounds_123_en.2024-04-28.json"
IRCC_FEED_JANUARY_2023 = TEST_DATA / "ircc" / "ee_rounds_123_en.2023-01-17.json"
NOC_STATCAN_CSV = TEST_DATA / "noc" / "noc_2021_version_1.0_-_classification_structure.csv"


@pytest.fixture
def password() -> str:
    return "correct horse battery staple"


@pytest.fixture
def candidate(db, password):
    return UserFactory(email="alice@example.com", password=password)


@pytest.fixture
def other_candidate(db, password):
    return UserFactory(email="bob@example.com", password=password)


@pytest.fixture
def staff(db, password):
    return UserFactory(
        email="staff@example.com", password=password, is_staff=True, is_superuser=True
    )


@pytest.fixture
def categories(db):
    call_command("load_categories", stdout=StringIO())


@pytest.fixture
def occupations(db):
    call_command("load_noc", stdout=StringIO())


#: The rows `import_ircc_draws` wrote into an empty database, kept for the session.
_IMPORTED_DRAWS: list[tuple[type[Model], list[dict[str, Any]]]] = []
_IMPORTED_CATEGORY_SLUGS: dict[int, str] = {}


@pytest.fixture
def imported_draws(categories):
    """IRCC's 438 rounds as `import_ircc_draws` leaves them. The command runs once a session;
    later tests get a copy of the rows it wrote (draws and their history, new timestamps, the
    categories of this test), several times faster. With profiles in the database the import
    would also evaluate them, so then it runs for real."""
    if Draw.objects.exists() or CandidateProfile.objects.exists():
        call_command("import_ircc_draws", stdout=StringIO())
    elif _IMPORTED_DRAWS:
        _copy_imported_draws()
    else:
        call_command("import_ircc_draws", stdout=StringIO())
        _IMPORTED_CATEGORY_SLUGS.update(Category.objects.values_list("pk", "slug"))
        for model in (Draw, Draw.history.model):
            _IMPORTED_DRAWS.append((model, list(model._default_manager.order_by("pk").values())))


def _copy_imported_draws() -> None:
    category_ids = dict(Category.objects.values_list("slug", "pk"))
    now = timezone.now()
    for model, rows in _IMPORTED_DRAWS:
        copies = []
        for row in rows:
            copy = dict(row)
            if copy["category_id"] is not None:
                copy["category_id"] = category_ids[_IMPORTED_CATEGORY_SLUGS[copy["category_id"]]]
            for stamp in ("published_at", "history_date"):
                if copy.get(stamp) is not None:
                    copy[stamp] = now
            copies.append(model(**copy))
        model._default_manager.bulk_create(copies)  # created_at and updated_at: now (auto_now)
    # Rows written with their ids: PostgreSQL's sequences must move past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [model for model, _ in _IMPORTED_DRAWS]
        ):
            cursor.execute(statement)


@pytest.fixture
def category_rows() -> list[dict]:
    return json.loads(CATEGORIES_JSON.read_text(encoding="utf-8"))


@contextmanager
def query_budget(
    num: int, exact: bool = True, info: str | None = None
) -> Iterator[CaptureQueriesContext]:
    """pytest-django's query count check, but a failure always lists the SQL run, numbered
    (as zulip's budgets do), not only under -v: what ran is what one needs to see."""
    with CaptureQueriesContext(connection) as context:
        yield context
    done = len(context)
    if done != num if exact else done > num:
        queries = "\n\n".join(
            f"{index}. {query['sql']}" for index, query in enumerate(context.captured_queries, 1)
        )
        expected = f"{num}" if exact else f"at most {num}"
        pytest.fail(
            f"Expected {expected} queries, {done} were done{f' ({info})' if info else ''}:"
            f"\n\n{queries}"
        )


@pytest.fixture
def django_assert_num_queries():
    return query_budget


@pytest.fixture
def django_assert_max_num_queries():
    return partial(query_budget, exact=False)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness costs half a second per user; tests need no such care."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_shared_cache(settings):
    """Each test counts rate limits and emails from zero: a key prefix of its own in the shared
    cache (Redis in CI outlives a test's transaction; clearing it would empty the broker)."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }


@pytest.fixture
def memory_cache(settings):
    """A cache in this process's memory, for query budgets that must not count the shared
    cache's own queries (the database cache of `make run`, which Redis replaces in CI)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI (REQUIRE_SERVICES=1) PostgreSQL and Redis must answer: fail, never skip."""
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.exit(
            "REQUIRE_SERVICES=1 needs DATABASE_URL=postgres://... and "
            "CELERY_BROKER_URL=redis://...",
            returncode=1,
        )
    db = connection.settings_dict
    try:
        psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure to reach a service ends the run
        pytest.exit(f"A required service is unreachable: {error}", returncode=1)
