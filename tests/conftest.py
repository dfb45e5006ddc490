"""Personas and shared fixtures. Real data comes from the repository: the files the site loads
(draws/data) and older real files kept for the tests (tests/data)."""

from __future__ import annotations

import json
import os
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
import redis
from django.core.management import call_command

from draws.sources import CATEGORIES_JSON
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


@pytest.fixture
def imported_draws(categories):
    call_command("import_ircc_draws", stdout=StringIO())


@pytest.fixture
def category_rows() -> list[dict]:
    return json.loads(CATEGORIES_JSON.read_text(encoding="utf-8"))


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
