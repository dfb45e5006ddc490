"""The engine is pure (STYLE.md "Boundaries"): eligibility/rules imports only the standard
library and itself; candidate_json and synthetic add only eligibility.rules."""

from __future__ import annotations

import ast
import importlib
import os
import sys
from importlib.machinery import ExtensionFileLoader
from pathlib import Path

import pytest

ELIGIBILITY = Path(__file__).resolve().parents[2] / "eligibility"
ALLOWED = set(sys.stdlib_module_names) | {"__future__"}


def imported_modules(path: Path) -> list[str]:
    """Absolute imports of a module (relative imports stay inside its own package)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def outside(modules: list[str], *own: str) -> list[str]:
    return [
        name
        for name in modules
        if name.split(".")[0] not in ALLOWED
        and not any(name == o or name.startswith(o + ".") for o in own)
    ]


RULES_FILES = sorted((ELIGIBILITY / "rules").glob("*.py"))


def test_the_rules_package_has_modules_to_check() -> None:
    assert len(RULES_FILES) > 10


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda p: p.name)
def test_rules_module_imports_only_the_standard_library(path: Path) -> None:
    assert outside(imported_modules(path), "eligibility.rules") == []


@pytest.mark.parametrize("name", ["candidate_json.py", "synthetic.py"])
def test_json_and_synthetic_import_only_stdlib_and_the_engine(name: str) -> None:
    assert outside(imported_modules(ELIGIBILITY / name), "eligibility.rules") == []


def test_the_check_would_catch_a_django_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\nimport os\nfrom . import tables\n")
    assert outside(imported_modules(module), "eligibility.rules") == ["django.db"]


@pytest.mark.skipif(
    not os.environ.get("REQUIRE_COMPILED_ENGINE"),
    reason="CI (.ci/run) requires the compiled engine; elsewhere the Python source may run",
)
def test_ci_runs_the_compiled_engine() -> None:
    """`make` falls back to the Python source without a C compiler; CI must not."""
    modules = [f"eligibility.rules.{path.stem}" for path in RULES_FILES if path.stem != "__init__"]
    interpreted = [
        name
        for name in modules
        if not isinstance(importlib.import_module(name).__loader__, ExtensionFileLoader)
    ]
    assert interpreted == [], "not compiled; see var/compile-engine.log"


@pytest.mark.parametrize("path", ["draws/models.py", "profiles/models.py"])
def test_the_models_take_only_the_engine_vocabulary_from_eligibility(path: str) -> None:
    """STYLE.md: the models of draws and profiles never import eligibility; the engine's
    enums (standard library only) are the one exception, the source of their choices."""
    modules = imported_modules(ELIGIBILITY.parent / path)
    from_eligibility = [name for name in modules if name.split(".")[0] == "eligibility"]
    assert set(from_eligibility) <= {"eligibility.rules", "eligibility.rules.model"}
