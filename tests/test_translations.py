"""The French catalogue is complete and in step with the code, and no template shows a
sentence that is not marked for translation."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

from config import i18n

CATALOGUE = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
#: Where the marked strings are: the apps, the settings and the templates.
SOURCES = ("config", "draws", "eligibility", "profiles", "templates")
TEMPLATES = settings.BASE_DIR / "templates"

#: Words shown as they are in both languages (names, abbreviations used in French as well).
UNTRANSLATED_WORDS = {"RSS", "Atom", "UTC", "IRCC", "JSON", "API", "ReDoc", "Swagger", "UI", "ID"}
#: Attributes people read (screen readers included).
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label")

#: The API reference pages: ReDoc and Swagger UI show the OpenAPI schema, written in English
#: for programmers, so these pages stay English (lang="en").
ENGLISH_ONLY: set[str] = {"api/redoc.html", "api/swagger_ui.html"}


def entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry but the header; a plural's msgid is its
    singular, its msgstr the concatenation of its forms."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current is not None:
                fields[current] += ast.literal_eval(line)
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        translation = "".join(value for key, value in fields.items() if key.startswith("msgstr"))
        plural_forms = [key for key in fields if key.startswith("msgstr[")]
        if plural_forms and any(fields[key] == "" for key in plural_forms):
            translation = ""
        found.append((fields["msgid"], translation, fuzzy))
    return found


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    catalogue = entries(CATALOGUE)

    assert len(catalogue) > 100
    assert [msgid for msgid, msgstr, _ in catalogue if not msgstr] == []
    assert [msgid for msgid, _, fuzzy in catalogue if fuzzy] == []
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")


def test_the_catalogue_compiles_without_errors():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt is not None, "gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_catalogue_holds_exactly_the_strings_marked_in_the_code(tmp_path, monkeypatch):
    """What `make messages` would extract now is what the committed catalogue holds: a string
    marked in the code but missing here (or left here after it went) fails.

    makemessages writes into the `locale` folder beside the files it reads, so it runs in a
    copy of the project made of links to the code and a copy of the catalogue."""
    project = tmp_path / "project"
    project.mkdir()
    for name in SOURCES:
        (project / name).symlink_to(settings.BASE_DIR / name)
    shutil.copytree(CATALOGUE.parent.parent.parent, project / "locale")
    monkeypatch.chdir(project)

    i18n.extract(symlinks=True)

    extracted = {msgid for msgid, _, _ in entries(project / "locale/fr/LC_MESSAGES/django.po")}
    committed = {msgid for msgid, _, _ in entries(CATALOGUE)}
    assert len(extracted) > 500  # the extraction found the project's strings
    assert sorted(extracted - committed) == [], "marked but not in the catalogue: make messages"
    assert sorted(committed - extracted) == [], "in the catalogue but no longer marked"


def unmarked_text(template: Path) -> list[str]:
    """The words of `template` a person reads that no {% translate %} or
    {% blocktranslate %} covers."""
    source = template.read_text(encoding="utf-8")
    shown: list[str] = []  # the template's own text, each tag or variable a blank
    depth = 0  # inside blocktranslate, comment or verbatim
    for token in Lexer(source).tokenize():
        if token.token_type is TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans", "comment", "verbatim"):
                depth += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment", "endverbatim"):
                depth -= 1
        shown.append(token.contents if token.token_type is TokenType.TEXT and not depth else " ")
    return _words("".join(shown), html=template.suffix == ".html")


def _words(text: str, *, html: bool) -> list[str]:
    if html:
        # scripts, styles and code (a command, a header) are not sentences
        text = re.sub(r"<(script|style|code)\b.*?</\1>", " ", text, flags=re.S | re.I)
        attributes = re.findall(
            r"\b(?:" + "|".join(READ_ATTRIBUTES) + r")=\"([^\"]*)\"", text, flags=re.I
        )
        text = " ".join([re.sub(r"<[^>]*>", " ", text), *attributes])
        text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    words = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'\u2019-]+", text)
    return [word for word in words if word not in UNTRANSLATED_WORDS]


TEMPLATE_FILES = sorted(
    path
    for path in TEMPLATES.rglob("*")
    if path.suffix in (".html", ".txt")
    and path.relative_to(TEMPLATES).as_posix() not in ENGLISH_ONLY
)


@pytest.mark.parametrize(
    "template", TEMPLATE_FILES, ids=lambda p: p.relative_to(TEMPLATES).as_posix()
)
def test_no_template_shows_an_unmarked_sentence(template):
    assert unmarked_text(template) == []


def test_the_scanner_finds_an_unmarked_sentence(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<p title="Hello there">{% translate "Draws" %} Latest draws</p>'
        "{% blocktranslate %}Fine {{ x }}{% endblocktranslate %}{# a comment #}"
    )

    assert sorted(unmarked_text(page)) == ["Hello", "Latest", "draws", "there"]
