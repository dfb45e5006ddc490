"""Settings come from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-" + "x9Qz" * 15,
    "ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "postgres://tracker@db.example.org:5432/tracker",
    "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "ENV_FILE_DISABLED": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of true/false"),
        ("SECRET_KEY", "", "SECRET_KEY must be set when DEBUG is off"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL must be a postgres:// or sqlite:/// URL"),
        ("CELERY_BROKER_URL", "amqp://guest@localhost//", "CELERY_BROKER_URL must start with"),
        ("CELERY_TASK_TIME_LIMIT", "soon", "CELERY_TASK_TIME_LIMIT must be a whole number"),
        ("SECURE_HSTS_SECONDS", "-5", "SECURE_HSTS_SECONDS must be at least 0"),
        ("IRCC_FEED_URL", "ftp://example.org/feed", "IRCC_FEED_URL must be an http(s) URL"),
        ("IRCC_SYNC_EVERY_SECONDS", "5", "IRCC_SYNC_EVERY_SECONDS must be at least 60"),
        ("IRCC_FEED_TIMEOUT_SECONDS", "900", "IRCC_FEED_TIMEOUT_SECONDS must be shorter"),
        ("REMINDERS_HOUR", "24", "REMINDERS_HOUR must be an hour from 0 to 23"),
        ("REMINDERS_HOUR", "noon", "REMINDERS_HOUR must be a whole number"),
        ("CACHE_URL", "locmemcache://", "CACHE_URL must be redis://, rediss://, dbcache://"),
        ("NUM_PROXIES", "two", "NUM_PROXIES must be a whole number"),
        ("LOGIN_FAILURE_LIMIT", "0", "LOGIN_FAILURE_LIMIT must be at least 1"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, value, message):
    result = manage("check", **{**PRODUCTION, variable: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_development_defaults_need_no_configuration():
    result = manage("check", DEBUG="true")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("enabled", "scheduled"), [("true", True), ("false", False)])
def test_the_feed_sync_is_scheduled_unless_turned_off(enabled, scheduled):
    script = (
        "from django.conf import settings; s = settings.CELERY_BEAT_SCHEDULE.get('sync-ircc-feed');"
        "print(s and (s['task'], s['schedule']))"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DEBUG="true",
        IRCC_SYNC_ENABLED=enabled,
        IRCC_SYNC_EVERY_SECONDS="600",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "('draws.sync_ircc_feed', 600.0)" if scheduled else "None"
    )


def test_reminders_are_planned_daily_at_the_configured_hour():
    script = (
        "from django.conf import settings; s = settings.CELERY_BEAT_SCHEDULE['plan-reminders'];"
        "print(s['task'], sorted(s['schedule'].hour), sorted(s['schedule'].minute))"
    )
    result = manage("shell", "-c", script, DEBUG="true", REMINDERS_HOUR="6")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "eligibility.plan_reminders [6] [0]"


CACHE_BACKEND = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"DEBUG": "true"}, "django.core.cache.backends.db.DatabaseCache"),
        (PRODUCTION, "django.core.cache.backends.redis.RedisCache"),
        (
            {**PRODUCTION, "CACHE_URL": "filecache:///var/tmp/ee-cache"},
            "django.core.cache.backends.filebased.FileBasedCache",
        ),
    ],
)
def test_the_cache_is_one_every_process_shares(env, backend):
    """Redis when the site has it, else a database table: never per-process memory."""
    result = manage("shell", "--no-imports", "-c", CACHE_BACKEND, **env)

    assert result.stdout.strip() == backend, result.stderr
