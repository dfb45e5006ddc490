"""The profile's choices come from the engine's enums: one vocabulary, labels added here."""

from __future__ import annotations

from enum import StrEnum

import pytest
from django.core.exceptions import ImproperlyConfigured

from eligibility.rules import model as engine
from profiles import models


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
