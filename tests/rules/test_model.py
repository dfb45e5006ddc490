"""The engine's value classes (`eligibility.rules.model`): their written `__init__` matches
their fields, and they behave as the frozen dataclasses they stand in for."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from importlib.machinery import ExtensionFileLoader
from pathlib import Path

import pytest

from eligibility.rules import model
from eligibility.rules.model import Reason, ReasonStatus, WorkPeriod

VALUE_CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type)
    and dataclasses.is_dataclass(cls)
    and not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
]
COMPILED = isinstance(model.__loader__, ExtensionFileLoader)
# The source, not the class: a compiled __init__ has no signature to inspect.
MODEL_SOURCE = Path(__file__).resolve().parents[2] / "eligibility" / "rules" / "model.py"


def _source_classes() -> dict[str, ast.ClassDef]:
    tree = ast.parse(MODEL_SOURCE.read_text())
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def test_the_candidates_entries_and_the_engines_answers_are_value_classes() -> None:
    names = {cls.__name__ for cls in VALUE_CLASSES}
    assert names == {
        "Candidate",
        "Decision",
        "Education",
        "LanguageTest",
        "Outcome",
        "Reason",
        "Spouse",
        "WorkPeriod",
    }


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_a_value_class_init_sets_each_field_from_its_own_parameter_in_order(cls: type) -> None:
    node = _source_classes()[cls.__name__]
    init = next(f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
    fields = [field.name for field in dataclasses.fields(cls)]
    assert [arg.arg for arg in init.args.args[1:]] == fields
    stores = [
        (statement.targets[0].attr, statement.value.id)  # type: ignore[attr-defined]
        for statement in init.body
        if isinstance(statement, ast.Assign)
    ]
    assert stores == [(name, name) for name in fields]


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_a_value_class_declares_every_field_final(cls: type) -> None:
    node = _source_classes()[cls.__name__]
    annotations = [
        ast.unparse(statement.annotation)
        for statement in node.body
        if isinstance(statement, ast.AnnAssign)
    ]
    assert annotations
    assert all(text.startswith("Final[") for text in annotations)


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
def test_a_value_class_compares_and_hashes_by_value(cls: type) -> None:
    assert cls.__dataclass_params__.eq  # type: ignore[attr-defined]
    assert cls.__hash__ is not None
    assert cls.__hash__ is not object.__hash__


def _reason(**changes: object) -> Reason:
    fields = {"code": "c", "message": "m", "numbers": (("n", 1),)}
    return Reason(**{**fields, **changes})  # type: ignore[arg-type]


def test_equal_reasons_are_equal_and_hash_alike() -> None:
    assert _reason() == _reason()
    assert hash(_reason()) == hash(_reason())
    assert _reason() != _reason(status=ReasonStatus.MET)
    assert len({_reason(), _reason(), _reason(code="other")}) == 2


def test_defaults_and_replace_work_as_with_a_dataclass() -> None:
    job = WorkPeriod("31102", "CA", date(2024, 1, 1), None, 40.0)
    assert (job.self_employed, job.authorized, job.fee_for_service_public) == (False, True, False)
    moved = dataclasses.replace(job, country="FR")
    assert (moved.country, moved.noc, job.country) == ("FR", "31102", "CA")
    assert repr(_reason()).startswith("Reason(code='c', message='m', status=")


@pytest.mark.skipif(not COMPILED, reason="the Python source relies on mypy for immutability")
def test_a_compiled_value_class_refuses_assignment() -> None:
    reason = _reason()
    with pytest.raises(AttributeError, match="not writable"):
        reason.code = "changed"  # type: ignore[misc]
    assert reason.code == "c"
