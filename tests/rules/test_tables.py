"""The CRS grids cannot exceed the published maxima (docs/rules.md §4.1): A 460 with a spouse and
500 without, B 40, C 100, D 600, 1,200 in all. No separate cap exists for A or B (none could
apply), so these maxima are checked here, against the tables the engine scores with."""

from __future__ import annotations

import pytest

from eligibility.rules import tables


@pytest.mark.parametrize(("col", "core_max"), [(0, 460), (1, 500)], ids=["with spouse", "single"])
def test_section_a_tables_reach_exactly_the_published_maximum(col: int, core_max: int) -> None:
    age = max(points[col] for points in tables.CRS_AGE.values())
    education = max(points[col] for points in tables.CRS_EDUCATION.values())
    first_language = 4 * max(points[col] for points in tables.CRS_FIRST_LANGUAGE)
    second_language = min(4 * max(tables.CRS_SECOND_LANGUAGE), tables.CRS_SECOND_LANGUAGE_CAP[col])
    experience = max(points[col] for points in tables.CRS_CANADIAN_EXPERIENCE)
    assert (age, education, first_language, second_language, experience) == (
        (100, 140, 128, 22, 70) if col == 0 else (110, 150, 136, 24, 80)
    )
    assert age + education + first_language + second_language + experience == core_max


def test_section_b_tables_reach_exactly_40() -> None:
    education = max(tables.CRS_SPOUSE_EDUCATION.values())
    language = 4 * max(tables.CRS_SPOUSE_LANGUAGE)
    experience = max(tables.CRS_SPOUSE_CANADIAN_EXPERIENCE)
    assert (education, language, experience) == (10, 20, 10)
    assert education + language + experience == 40


def test_the_sections_add_up_to_1200() -> None:
    core_and_spouse = max(460 + 40, 500)  # A + B is 500 either way
    assert core_and_spouse + tables.TRANSFERABILITY_CAP + tables.ADDITIONAL_CAP == 1200


def test_no_unused_cap_constant_is_left() -> None:
    assert not hasattr(tables, "CRS_CORE_CAP")
    assert not hasattr(tables, "CRS_SPOUSE_CAP")
    assert not hasattr(tables, "CRS_MAX")
