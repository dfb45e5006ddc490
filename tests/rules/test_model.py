"""The engine's value classes (`eligibility.rules.model`): their written `__init__` matches
their fields, and they behave as the frozen dataclasses they stand in for."""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import sys
from datetime import date
from importlib.machinery import ExtensionFileLoader
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

import pytest

from eligibility.rules import model
from eligibility.rules.model import Reason, ReasonStatus, WorkPeriod

VALUE_CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type)
    and dataclasses.is_dataclass(cls)
    and not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]  # set by @dataclass
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
        (statement.targets[0].attr, statement.value.id)  # type: ignore[attr-defined]  # self.x = x
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
    assert cls.__dataclass_params__.eq  # type: ignore[attr-defined]  # set by @dataclass
    assert cls.__hash__ is not None
    assert cls.__hash__ is not object.__hash__


def _reason(**changes: Any) -> Reason:
    fields = {"code": "c", "message": "m", "numbers": (("n", 1),)}
    return Reason(**{**fields, **changes})


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


def _source_model() -> ModuleType:
    """`eligibility.rules.model` run as Python source, as without a C compiler, whatever the
    build in use (the module imports only the standard library)."""
    name = "eligibility_rules_model_as_source"
    spec = importlib.util.spec_from_file_location(name, MODEL_SOURCE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses reads the module of the classes it builds
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


SOURCE_MODEL = _source_model()
BUILDS = [pytest.param(SOURCE_MODEL, id="python-source")]
if COMPILED:
    BUILDS.append(pytest.param(model, id="compiled"))


def test_the_source_build_is_really_python() -> None:
    assert isinstance(SOURCE_MODEL.Reason.__init__, FunctionType)


@pytest.mark.parametrize("build", BUILDS)
def test_a_value_class_refuses_assignment_and_deletion_and_keeps_its_hash(build) -> None:
    reason = build.Reason("c", "m", build.ReasonStatus.MET, (("n", 1),))
    job = build.WorkPeriod("31102", "CA", date(2024, 1, 1), None, 40.0)
    before = hash(reason), hash(job)
    with pytest.raises(AttributeError):
        reason.code = "changed"
    with pytest.raises(AttributeError):
        job.hours_per_week = 10.0
    with pytest.raises(AttributeError):
        del job.end
    assert (reason.code, job.hours_per_week, job.end) == ("c", 40.0, None)
    assert (hash(reason), hash(job)) == before


@pytest.mark.parametrize("name", [cls.__name__ for cls in model.VALUE_CLASSES])
def test_every_value_class_of_the_source_build_sets_a_field_once(name: str) -> None:
    """Compiled, no field has a setter (above); as Python source, a field is set once."""
    cls = getattr(SOURCE_MODEL, name)
    field = dataclasses.fields(cls)[0].name
    instance = cls.__new__(cls)  # before its __init__ has run
    setattr(instance, field, "set")
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, field, "changed")
    assert getattr(instance, field) == "set"


@pytest.mark.parametrize("build", BUILDS)
def test_replace_builds_a_new_value_in_both_builds(build) -> None:
    job = build.WorkPeriod("31102", "CA", date(2024, 1, 1), None, 40.0)
    moved = dataclasses.replace(job, country="FR")
    assert (moved.country, job.country) == ("FR", "CA")
    assert moved == build.WorkPeriod("31102", "FR", date(2024, 1, 1), None, 40.0)


def test_the_value_classes_listed_are_every_value_class() -> None:
    assert set(model.VALUE_CLASSES) == set(VALUE_CLASSES)
