"""The production settings plus one URL, the benchmark's floor (`manage.py bench_pages`)."""

from config.settings import *  # noqa: F403 - everything the site runs with, unchanged

ROOT_URLCONF = "config.bench_urls"
