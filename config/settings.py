"""Settings, all from the environment (see the README's Configuration table).

A bad value stops the process at start with a message naming the variable, instead of
surfacing later as a confusing runtime error.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# `make run` writes a git-ignored .env for development; real environment variables win.
# ENV_FILE_DISABLED lets tests check the settings exactly as a given environment makes them.
if not os.environ.get("ENV_FILE_DISABLED"):
    environ.Env.read_env(BASE_DIR / ".env")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = env.str(name, default=str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_url(name: str, default: str, parse: Any) -> Any:
    raw = env.str(name, default=default)
    try:
        return parse(raw)
    except Exception as error:  # django-environ raises several types for a bad URL
        raise ImproperlyConfigured(f"{name} is not a valid URL ({raw!r}): {error}") from None


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the site, used for links in emails sent by workers.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc as static files: no CDN
    "axes",
    "csp",
    "simple_history",
    "django_countries",
    "profiles",
    "draws",
    "eligibility",
]

MIDDLEWARE = [
    # First, so it compresses what every other middleware leaves. Safe against BREACH as
    # Django does it: each gzip stream carries a random-length header field ("Heal The
    # Breach"), and CSRF tokens are masked afresh in every response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented place): the language from
    # the cookie set_language writes, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RejectNullCharactersInQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's saved language wins over the cookie (profiles.User.language).
    "profiles.middleware.AccountLanguageMiddleware",
    "config.middleware.NoStoreForSignedInUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}", env.db_url_config)
}
if DATABASES["default"].get("ENGINE") not in {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}:
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:/// URL")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE plus a timeout makes
    # concurrent writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # Workers started by the pipeline tests must reach the test database: a file, not memory.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "profiles.User"
# Sessions carry their user's id in a column, so deleting an account deletes its sessions
# (profiles.models.UserSession; Django's documented way to extend the database sessions).
SESSION_ENGINE = "profiles.session_store"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "eligibility:mine"
LOGOUT_REDIRECT_URL = "home"

# django-axes first: it refuses a login for a locked-out address and client before any
# password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Canada's two official languages; English when the browser asks for neither.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# 24-hour times and ISO dates in the admin too (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: console in development, SMTP (or anything django-environ understands) in production.
_email = env_url("EMAIL_URL", "consolemail://", env.email_url_config)
EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
for _key, _value in _email.items():
    globals()[_key] = _value
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Express Entry tracker <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Staff who hear of feed problems (unknown round names, repeated sync failures): comma-separated
# addresses. Empty: nobody is emailed (the admin still lists every sync).
ADMINS = [(address, address) for address in env.list("ADMINS", default=[])]

# Security: on by default whenever DEBUG is off, so `manage.py check --deploy` is clean.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# The client's address is the connection's, unless NUM_PROXIES trusted proxies stand in front
# of the site: then it is the address the outermost of them saw (config/client_ip.py). Trusting
# X-Forwarded-For without proxies would let anyone pick the address they are counted under.
NUM_PROXIES = env_int("NUM_PROXIES", default=0)

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one address
# from one client, that pair is refused for LOGIN_LOCKOUT_MINUTES, the right password included.
# Counting the pair (not the address alone) keeps a stranger from locking someone out.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the email address)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "profiles.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # failed attempts are kept; a log of every login is not needed
AXES_ALLOWED_CORS_ORIGINS = SITE_URL
AXES_VERBOSE = False  # no start-up banner in every command's output

# Content-Security-Policy (django-csp): scripts and styles only from the site's own static
# files, nothing inline; no plugins, no framing, forms post only to the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's pages need inline scripts, which the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {
        "evaluate": env.str("EVALUATE_RATE", default="60/minute"),
        # The rest of the API: per token (or signed-in account), and per anonymous client.
        "api-personal": env.str("API_TOKEN_RATE", default="120/minute"),
        "api-anonymous": env.str("API_ANONYMOUS_RATE", default="60/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Express Entry tracker API",
    "DESCRIPTION": "Draws, category versions and occupations for anyone; your own profile "
    "and answers with a personal access token (Account → API tokens) sent as "
    '`Authorization: Bearer eet_...`. Every error is `{"errors": {where: message}}`.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request and response shapes apart: a field with a default is optional to send and
    # always answered.
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set that several fields use.
    "ENUM_NAME_OVERRIDES": {"EducationLevelEnum": "profiles.models.EducationLevel"},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery. The default broker is Celery's filesystem transport under var/, so `make run` needs
# no server; production and CI point CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if not CELERY_BROKER_URL.startswith(("filesystem://", "redis://", "rediss://", "memory://")):
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL must start with filesystem://, redis://, rediss:// or memory://, "
        f"not {CELERY_BROKER_URL!r}"
    )
# A cache that every process shares (web server processes and Celery workers), for the API's
# rate-limit counters and the sign-up email limit: Redis when the site has Redis, otherwise a
# table in the database (created by `manage.py createcachetable`). Never per-process memory,
# where each process would count on its own.
_SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
_cache_default = (
    CELERY_BROKER_URL
    if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    else "dbcache://django_cache"
)
_cache = env_url("CACHE_URL", _cache_default, env.cache_url_config)
if _cache.get("BACKEND") not in _SHARED_CACHES:
    raise ImproperlyConfigured(
        "CACHE_URL must be redis://, rediss://, dbcache://TABLE or filecache:///PATH "
        "(a cache every process shares)"
    )
CACHES = {"default": {**_cache, "KEY_PREFIX": "ee"}}

CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", default=300, minimum=10)
# Celery's Django fix-up closes the database connection around every task unless told to
# reuse it; an evaluation chunk takes a fraction of a second, so reconnecting each time would
# cost a good part of the work. The connection is still closed every this many tasks.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", default=100, minimum=0)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 5
if CELERY_BROKER_URL.startswith("filesystem://"):
    # One folder of message files per queue set; `make test` uses its own, apart from `make run`.
    _queue_dir = BASE_DIR / env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "celery"))
    # The transport lists these folders on first use; it does not create them.
    for _folder in ("queue", "processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
else:
    # Redis re-delivers an unacknowledged task after this long: it must exceed the hard time
    # limit, or a slow but healthy task would run twice at once.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
# Evaluation: profiles per chunk task, and how long a chunk may wait before the sweep
# enqueues it again (longer than the hard time limit, so a slow chunk is not doubled).
EVALUATION_CHUNK_SIZE = env_int("EVALUATION_CHUNK_SIZE", default=500, minimum=1)
EVALUATION_STALLED_AFTER_SECONDS = env_int(
    "EVALUATION_STALLED_AFTER_SECONDS", default=CELERY_TASK_TIME_LIMIT * 2, minimum=0
)
EVALUATION_SWEEP_EVERY_SECONDS = env_int("EVALUATION_SWEEP_EVERY_SECONDS", default=60, minimum=1)
# IRCC's rounds feed: Celery beat syncs the draws with it (draws.sync_ircc_feed).
IRCC_FEED_URL = env.str(
    "IRCC_FEED_URL",
    default="https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json",
)
if not IRCC_FEED_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"IRCC_FEED_URL must be an http(s) URL, not {IRCC_FEED_URL!r}")
IRCC_SYNC_ENABLED = env_bool("IRCC_SYNC_ENABLED", default=True)
IRCC_SYNC_EVERY_SECONDS = env_int("IRCC_SYNC_EVERY_SECONDS", default=1800, minimum=60)
IRCC_FEED_TIMEOUT_SECONDS = env_int("IRCC_FEED_TIMEOUT_SECONDS", default=30, minimum=1)
IRCC_FEED_MAX_BYTES = env_int("IRCC_FEED_MAX_BYTES", default=20_000_000, minimum=1000)
if IRCC_FEED_TIMEOUT_SECONDS >= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured(
        "IRCC_FEED_TIMEOUT_SECONDS must be shorter than CELERY_TASK_TIME_LIMIT minus 5 s"
    )

# Reminders before coming changes: Celery beat plans them once a day at this hour (UTC).
REMINDERS_HOUR = env_int("REMINDERS_HOUR", default=14, minimum=0)
if REMINDERS_HOUR > 23:
    raise ImproperlyConfigured(f"REMINDERS_HOUR must be an hour from 0 to 23, not {REMINDERS_HOUR}")

CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # The database is the source of truth: re-enqueue what a dead worker left behind.
    "sweep-stalled-runs": {
        "task": "eligibility.sweep_stalled_runs",
        "schedule": float(EVALUATION_SWEEP_EVERY_SECONDS),
    },
    "plan-reminders": {
        "task": "eligibility.plan_reminders",
        "schedule": crontab(hour=REMINDERS_HOUR, minute=0),
    },
}
if IRCC_SYNC_ENABLED:
    CELERY_BEAT_SCHEDULE["sync-ircc-feed"] = {
        "task": "draws.sync_ircc_feed",
        "schedule": float(IRCC_SYNC_EVERY_SECONDS),
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
WHITENOISE_AUTOREFRESH = DEBUG  # serve files as they change in development and tests
