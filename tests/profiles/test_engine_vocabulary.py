"""The profile models speak the engine's vocabulary: its enums give the choices (labels added
here) and its work-period fields the columns and the job form's fields."""

from __future__ import annotations

from enum import StrEnum

import pytest
from django.core.exceptions import ImproperlyConfigured

from eligibility.adapters import WORK_COLUMNS
from eligibility.rules import model as engine
from profiles import models
from profiles.forms import WorkExperienceForm


@pytest.mark.parametrize(
    ("choices", "members"),
    [
        (models.MaritalStatus, engine.MaritalStatus),
        (models.EducationLevel, engine.EducationLevel),
        (models.TestKind, engine.TestKind),
        (models.TefScale, engine.TefScale),
    ],
    ids=lambda value: value.__name__,
)
def test_model_choices_are_the_engine_values_in_its_order(choices, members) -> None:
    assert choices.values == [member.value for member in members]
    assert choices.names == [member.name for member in members]
    assert all(label for label in choices.labels)


def test_an_engine_member_without_a_label_stops_the_import() -> None:
    class Colour(StrEnum):
        RED = "red"
        BLUE = "blue"

    with pytest.raises(ImproperlyConfigured, match="Colour"):
        models.engine_choices(Colour, {Colour.RED: "Red"})


def test_a_stored_value_compares_equal_to_the_engine_member() -> None:
    profile = models.CandidateProfile(marital_status="married")
    assert profile.marital_status == engine.MaritalStatus.MARRIED
    assert profile.has_spouse


def test_every_work_period_field_is_a_column_of_work_experience() -> None:
    columns = {field.attname for field in models.WorkExperience._meta.concrete_fields}
    assert len(WORK_COLUMNS) == len(engine.WORK_PERIOD_FIELDS)
    assert set(WORK_COLUMNS) <= columns


def test_the_job_form_asks_for_every_work_period_field_in_the_engine_order() -> None:
    # The inline formset appends its foreign key, "profile", to the form's list once used.
    asked = [name for name in WorkExperienceForm.Meta.fields if name != "profile"]
    assert asked == ["occupation" if name == "noc" else name for name in engine.WORK_PERIOD_FIELDS]
