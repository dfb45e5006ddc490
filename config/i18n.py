"""Extracting and compiling the project's translation catalogue (locale/), one way for
`make messages`, `make test` and the test that checks the catalogue is complete.

Django's makemessages and compilemessages walk the whole tree from the current directory; the
virtualenv, Node's modules and the build directories hold other projects' catalogues and
strings, so they are left out by name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.utils.translation import get_language

BASE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES_TRANSLATED = ["fr"]  # English is the source language: its msgids are the text


def english_active() -> bool:
    """Whether the active language is English, the language the data and the engine write:
    then their own words are shown as they are."""
    return (get_language() or "en").split("-")[0] == "en"


EXTRACT_IGNORE = [
    ".venv",
    "node_modules",
    "tests",
    "build",
    "var",
    "staticfiles",
    "*.egg-info",
    "locale",
]
# The sentences are written once, with no file name or line number: moving a string in a
# template does not change the catalogue.
EXTRACT_OPTIONS = {
    "no_location": True,
    "no_obsolete": True,  # a string no longer in the code leaves the catalogue
    "ignore_patterns": EXTRACT_IGNORE,
    "verbosity": 0,
}


class MakeMessages(makemessages.Command):
    """makemessages without gettext's guesses: a new string starts empty rather than "fuzzy"
    with a neighbour's translation, which reads as done but is wrong."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]


def extract(**options: object) -> None:
    """Every marked string of the project's code and templates into locale/<lang>/...django.po
    of the current directory (the project's, as makemessages requires)."""
    call_command(MakeMessages(), locale=LANGUAGES_TRANSLATED, **{**EXTRACT_OPTIONS, **options})


def compile_catalogues() -> None:
    call_command(
        "compilemessages",
        locale=LANGUAGES_TRANSLATED,
        ignore_patterns=EXTRACT_IGNORE,
        verbosity=0,
    )


if __name__ == "__main__":
    os.chdir(BASE_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    compile_catalogues() if "--compile" in sys.argv else extract()
