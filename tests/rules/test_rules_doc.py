"""docs/rules.md against the repository: every section a file cites exists, every module of the
engine is described, every `path: name` the document names exists, and every rule section says
its source, its code and its interpretations. Pure: reads files only."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"
ENGINE = ROOT / "eligibility" / "rules"

# Headings that can be cited: "## 4. ...", "#### 2.1.3 ...", "### G8 ...", "## Appendix A: ..."
NUMBERED_HEADING = re.compile(r"^#{2,4} (\d+(?:\.\d+)*)\.? ", re.MULTILINE)
GAP_HEADING = re.compile(r"^#{2,4} (G\d+) ", re.MULTILINE)
APPENDIX_HEADING = re.compile(r"^#{2,4} (Appendix [A-Z])\b", re.MULTILINE)
ANY_HEADING = re.compile(r"^#{2,4} (.*)$", re.MULTILINE)

# In this repository the section sign only ever cites the rules reference.
SECTION_CITED = re.compile(r"§(\d+(?:\.\d+)*)")
# Gaps are cited as "§12 G8", "RULES G5" / "rules.md G5", or after a section: "§5.5.1, G8".
GAP_CITED = re.compile(r"(?:§12|RULES(?:\.md)?|rules\.md)\s+(G\d+)\b|§\d+(?:\.\d+)*,\s*(G\d+)\b")
APPENDIX_CITED = re.compile(r"(?:RULES(?:\.md)?|rules\.md)\s+(Appendix [A-Z])\b")

SCANNED_SUFFIXES = {".py", ".json", ".md", ".html", ".txt", ".toml"}
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "var",
    "build",
    "staticfiles",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
}

# "`eligibility/rules/fsw.py: fsw_grid`, `FswAssessment`": a file, a name in it, more names
CODE_REFERENCE = re.compile(r"`([\w./-]+\.py):\s+([\w.]+)`((?:,\s*`[\w.]+`)*)")
MORE_NAMES = re.compile(r"`([\w.]+)`")
# Paths of this repository (the register also names files of other repositories)
FILE_MENTION = re.compile(
    r"`((?:config|docs|draws|eligibility|profiles|templates|tests)/[\w./-]+\.(?:py|json|md))[`:]"
)

# Source keys such as [IRCC-CBS] or [CAT-2026], and the labels written the same way
SOURCE_KEY = re.compile(r"\[[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)+\]")
REGISTER_ROW = re.compile(r"^\| (\[[A-Z0-9-]+\]) \|", re.MULTILINE)
LABELS = {"[SINGLE-SOURCE]"}

FIELDS = ("**Source:**", "**Code:**", "**Interpretations:**")
# Sections outside §0-§8 that describe code too; §12, §13 and §9's vector tables do not.
FIELDED_SECTIONS = {"9", "10", "11", "Appendix A"}


def citable(text: str) -> set[str]:
    """The section numbers, gap ids and appendices a document's headings make citable."""
    return (
        set(NUMBERED_HEADING.findall(text))
        | set(GAP_HEADING.findall(text))
        | set(APPENDIX_HEADING.findall(text))
    )


def citations(text: str) -> set[str]:
    """Every section, gap and appendix of the rules reference that `text` cites."""
    gaps = {first or second for first, second in GAP_CITED.findall(text)}
    return set(SECTION_CITED.findall(text)) | gaps | set(APPENDIX_CITED.findall(text))


@cache
def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def repository_text_files() -> Iterator[Path]:
    """The repository's own text files (what git tracks, give or take build output)."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder, name)
            if path.suffix in SCANNED_SUFFIXES or name == "Makefile":
                yield path


def engine_modules() -> list[Path]:
    return sorted(ENGINE.glob("*.py"))


@cache
def defined_names(path: Path) -> set[str]:
    """Top-level functions, classes and assignments of a module, and `Class.member` names."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(f"{node.name}.{member.name}")
                elif isinstance(member, ast.AnnAssign | ast.Assign):
                    names.update(f"{node.name}.{name}" for name in _assigned(member))
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            names.update(_assigned(node))
    return names


def _assigned(node: ast.AnnAssign | ast.Assign) -> list[str]:
    targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
    return [target.id for target in targets if isinstance(target, ast.Name)]


def code_references(text: str) -> set[tuple[str, str]]:
    """(file, name) for every `path: name` of the document, with the names listed after it."""
    found: set[tuple[str, str]] = set()
    for match in CODE_REFERENCE.finditer(text):
        path, first, more = match.groups()
        found.add((path, first))
        found.update((path, name) for name in MORE_NAMES.findall(more))
    return found


def sections_with_bodies(text: str) -> list[tuple[str, str, bool]]:
    """(citable id or title, body up to the next heading, whether it is a leaf) per heading."""
    headings = list(ANY_HEADING.finditer(text))
    sections = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        title = heading.group(1)
        ident = citable(heading.group(0)) or {title}
        next_ident = citable(headings[index + 1].group(0)) if index + 1 < len(headings) else set()
        (key,) = ident
        leaf = not any(child.startswith(f"{key}.") for child in next_ident)
        sections.append((key, text[heading.end() : end], leaf))
    return sections


# --- the checker itself -------------------------------------------------------------------------


def test_citations_are_read_in_every_form_the_repository_uses() -> None:
    sign = "§"  # kept out of the literal text: this file is scanned too
    text = (
        f"(RULES.md {sign}0.1, {sign}6.4) RULES {sign}7.4 RULES G5 (RULES.md {sign}5.5.1, G8) "
        f"docs/rules.md {sign}4.2-{sign}4.6, docs/rules.md {sign}12 G1, RULES.md Appendix A"
    )
    expected = {"0.1", "6.4", "7.4", "4.2", "4.6", "5.5.1", "12", "G1", "G5", "G8", "Appendix A"}
    assert citations(text) == expected


def test_a_docstring_citing_a_missing_section_is_caught() -> None:
    sign = "§"
    docstring = f'"""Interpretations (docs/rules.md {sign}99.9, {sign}12 G99)."""'
    assert citations(docstring) - citable(doc_text()) == {"99.9", "G99"}


def test_headings_make_sections_citable() -> None:
    sample = "## 2. Programs\n#### 2.1.3 The grid\n### G8 Licence\n## Appendix A: hours\n"
    assert citable(sample) == {"2", "2.1.3", "G8", "Appendix A"}


# --- the document against the repository --------------------------------------------------------


@pytest.mark.parametrize("module", engine_modules(), ids=lambda path: path.name)
def test_engine_module_docstring_cites_only_sections_the_document_has(module: Path) -> None:
    docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    assert citations(docstring) - citable(doc_text()) == set()


def test_every_citation_in_the_repository_names_a_section_the_document_has() -> None:
    available = citable(doc_text())
    missing = {
        str(path.relative_to(ROOT)): sorted(unknown)
        for path in repository_text_files()
        if (unknown := citations(path.read_text(encoding="utf-8", errors="replace")) - available)
    }
    assert missing == {}


@pytest.mark.parametrize(
    "module",
    [
        *(f"eligibility/rules/{path.name}" for path in engine_modules()),
        "draws/ircc_feed.py",
        "draws/data/categories.json",
    ],
)
def test_the_document_describes_every_engine_module_and_the_importers_rules(module: str) -> None:
    assert f"`{module}" in doc_text()


def test_every_function_the_document_names_exists() -> None:
    missing = [
        f"{path}: {name}"
        for path, name in sorted(code_references(doc_text()))
        if not (ROOT / path).is_file() or name not in defined_names(ROOT / path)
    ]
    assert missing == []


def test_every_file_the_document_names_exists() -> None:
    missing = sorted(
        path for path in set(FILE_MENTION.findall(doc_text())) if not (ROOT / path).is_file()
    )
    assert missing == []


def test_every_rule_section_gives_its_source_code_and_interpretations() -> None:
    incomplete = [
        (key, [field for field in FIELDS if field not in body])
        for key, body, leaf in sections_with_bodies(doc_text())
        if (leaf and key.split(".")[0] in {str(n) for n in range(9)}) or key in FIELDED_SECTIONS
        if any(field not in body for field in FIELDS)
    ]
    assert incomplete == []


def test_the_register_defines_every_source_key_the_repository_cites() -> None:
    text = doc_text()
    register = text[text.index("### 0.3 Sources") : text.index("## 1. Definitions")]
    defined = set(REGISTER_ROW.findall(register))
    cited = {
        key: str(path.relative_to(ROOT))
        for path in repository_text_files()
        if path.suffix in {".py", ".json", ".md"}
        for key in SOURCE_KEY.findall(path.read_text(encoding="utf-8", errors="replace"))
    }
    assert {key: where for key, where in cited.items() if key not in defined | LABELS} == {}
