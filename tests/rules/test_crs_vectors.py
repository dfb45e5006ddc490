"""docs/rules.md §9.1 and §9.2: every published and derived CRS vector, with its breakdown.

Each row gives the sections A (core), B (spouse), C (transferability), D (additional) and the
total, plus the factors the vector singles out. Vectors that state CLB levels or "Canadian 2 yrs"
are built from CELPIP levels (equal to CLB) and full-time work of 365 days a year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eligibility.rules import Candidate, EducationLevel, LanguageTest, crs_score
from eligibility.rules import TestKind as Kind

from .helpers import (
    BACHELORS,
    MASTERS,
    ON,
    ONE_YEAR,
    PHD,
    SECONDARY,
    TWO_YEAR,
    celpip,
    clb,
    degree,
    experience,
    factor_points,
    ielts,
    nclc,
    offer,
    partner,
    person,
)

BEFORE_2025_03_25 = date(2025, 1, 15)
CANADIAN_BACHELORS = degree(EducationLevel.BACHELORS, canadian=True)
CANADIAN_TWO_OR_MORE = degree(EducationLevel.TWO_OR_MORE, canadian=True)


def v18(age: int, on: date = ON) -> Candidate:
    return person(
        age,
        on=on,
        tests=(celpip(10, 10, 10, 9, on.replace(day=1)),),
        work=experience(canadian=2, foreign=3, on=on),
    )


def v5(on: date) -> Candidate:
    return person(
        35,
        on=on,
        education=(MASTERS,),
        tests=(ielts(7.5, 6.5, 6.5, 6.5, on.replace(day=1)),),
        work=experience(foreign=3, on=on),
        job_offer=offer("21232"),
    )


def v16(on: date) -> Candidate:
    return person(
        44,
        on=on,
        education=(MASTERS,),
        tests=(clb(9, on.replace(day=1)),),
        work=experience(canadian=3, foreign=5, on=on),
        job_offer=offer("00012"),
    )


# (id, candidate, date, (A, B, C, D, total), {factor code: points})
VECTORS: list[tuple[str, Callable[[], Candidate], date, tuple[int, ...], dict[str, int]]] = [
    # --- §9.1 published ---
    (
        "P1 Kishore",
        lambda: person(
            26,
            education=(MASTERS,),
            tests=(ielts(8.0, 8.5, 7.0, 7.0),),
            work=experience(foreign=2.25),
        ),
        ON,
        (372, 0, 75, 0, 447),
        {
            "age": 110,
            "education": 135,
            "first_language_listening": 31,
            "first_language_reading": 34,
            "transferability_education_language": 50,
            "transferability_foreign_language": 25,
        },
    ),
    (
        "P2 Harish",
        lambda: person(
            38,
            education=(MASTERS,),
            tests=(ielts(8.0, 6.5, 7.0, 7.0),),
            work=experience(foreign=6),
            spouse=partner(education=(MASTERS,), tests=(ielts(7.0, 7.0, 6.0, 6.0),)),
        ),
        ON,
        (290, 24, 50, 0, 364),
        {"age": 55, "education": 126, "spouse_education": 10, "spouse_language": 14},
    ),
    (
        "P3",
        lambda: person(29, education=(MASTERS,), tests=(clb(9),), work=experience(foreign=3)),
        ON,
        (369, 0, 100, 0, 469),
        {"transferability_foreign_language": 50},
    ),
    (
        "P4",
        lambda: person(
            30,
            tests=(clb(10),),
            work=experience(canadian=1),
            spouse=partner(education=(BACHELORS,), tests=(clb(7),)),
        ),
        ON,
        (370, 20, 38, 0, 428),
        {"canadian_experience": 35, "spouse_language": 12},
    ),
    (
        "P5",
        lambda: person(
            32,
            education=(MASTERS,),
            tests=(ielts(8.5, 8.5, 8.5, 8.5),),
            work=experience(canadian=2),
            spouse=partner(education=(BACHELORS,), tests=(ielts(5.0, 5.0, 5.0, 5.0),)),
        ),
        ON,
        (385, 12, 50, 0, 447),
        {"canadian_experience": 46, "spouse_language": 4, "transferability_education_cap": -50},
    ),
    (
        "P6",
        lambda: person(
            29,
            education=(MASTERS,),
            tests=(ielts(8.5, 8.5, 8.5, 8.5),),
            work=experience(canadian=3),
            spouse=partner(
                education=(MASTERS,),
                tests=(ielts(5.5, 5.5, 5.5, 5.5),),
                work=experience(canadian=1),
            ),
        ),
        ON,
        (410, 19, 50, 0, 479),
        {"spouse_canadian_experience": 5, "spouse_language": 4},
    ),
    (
        "P7",
        lambda: person(
            20,
            education=(MASTERS, CANADIAN_BACHELORS),
            tests=(ielts(8.5, 8.5, 8.5, 8.5),),
            work=experience(canadian=5, foreign=3),
            sibling_in_canada=True,
        ),
        ON,
        (461, 0, 100, 45, 606),
        {"canadian_experience": 80, "canadian_education": 30, "sibling": 15},
    ),
    (
        "P8",
        lambda: person(
            28,
            education=(MASTERS,),
            tests=(ielts(8.5, 8.0, 7.5, 8.0),),
            work=experience(canadian=3),
        ),
        ON,
        (445, 0, 50, 0, 495),
        {"first_language_writing": 34},
    ),
    (
        "P9",
        lambda: person(45, education=(TWO_YEAR,), tests=(ielts(6, 6, 6, 6),)),
        ON,
        (166, 0, 13, 0, 179),
        {"age": 0},
    ),
    (
        "P10",
        lambda: person(18, education=(SECONDARY,), tests=(ielts(6, 6, 6, 6),)),
        ON,
        (197, 0, 0, 0, 197),
        {"age": 99},
    ),
    # --- §9.1 LorinserCC cases, corrected to the official grid (bachelor's is tier 1) ---
    (
        "L 29 bachelor's IELTS 7",
        lambda: person(29, tests=(ielts(7, 7, 7, 7),)),
        ON,
        (340, 0, 13, 0, 353),
        {"transferability_education_language": 13},
    ),
    (
        "L 29 bachelor's IELTS 7.5/6.5",
        lambda: person(29, tests=(ielts(7.5, 6.5, 6.5, 6.5),)),
        ON,
        (322, 0, 13, 0, 335),
        {},
    ),
    (
        "L 35 bachelor's 1 yr Canadian PN",
        lambda: person(
            35, tests=(ielts(7, 7, 7, 7),), work=experience(canadian=1), provincial_nomination=True
        ),
        ON,
        (347, 0, 26, 600, 973),
        {"provincial_nomination": 600},
    ),
    (
        "L 30 bachelor's SOL below CLB 5",
        lambda: person(30, tests=(ielts(7, 7, 7, 7), nclc(4))),
        ON,
        (335, 0, 13, 0, 348),
        {"second_language": 0},
    ),
    (
        "L 27 bachelor's Canadian 3+ yr credential",
        lambda: person(27, education=(CANADIAN_BACHELORS,), tests=(ielts(7, 7, 7, 7),)),
        ON,
        (340, 0, 13, 30, 383),
        {"canadian_education": 30},
    ),
    (
        "L 33 bachelor's sibling",
        lambda: person(33, tests=(ielts(7, 7, 7, 7),), sibling_in_canada=True),
        ON,
        (318, 0, 13, 15, 346),
        {"sibling": 15},
    ),
    (
        "L 31 bachelor's IELTS 7.5 foreign 3",
        lambda: person(31, tests=(ielts(7.5, 7.5, 7.5, 7.5),), work=experience(foreign=3)),
        ON,
        (341, 0, 38, 0, 379),
        {"transferability_foreign_language": 25},
    ),
    (
        "L 34 bachelor's 1 yr Canadian job offer after 2025-03-25",
        lambda: person(
            34, tests=(ielts(7, 7, 7, 7),), work=experience(canadian=1), job_offer=offer()
        ),
        ON,
        (353, 0, 26, 0, 379),
        {"job_offer": 0},
    ),
    (
        "L 46 bachelor's",
        lambda: person(46, tests=(ielts(7, 7, 7, 7),)),
        ON,
        (230, 0, 13, 0, 243),
        {},
    ),
    # --- §9.2 derived ---
    (
        "V3",
        lambda: person(29, tests=(clb(9),), work=experience(canadian=1)),
        ON,
        (394, 0, 38, 0, 432),
        {"transferability_education_canadian_experience": 13},
    ),
    (
        "V4",
        lambda: person(
            29,
            tests=(clb(9),),
            work=experience(canadian=1),
            spouse=partner(education=(BACHELORS,), tests=(clb(8),)),
        ),
        ON,
        (363, 20, 38, 0, 421),
        {"age": 100, "education": 112, "canadian_experience": 35},
    ),
    (
        "V5a",
        lambda: v5(BEFORE_2025_03_25),
        BEFORE_2025_03_25,
        (304, 0, 50, 50, 404),
        {"job_offer": 50},
    ),
    ("V5b = E18b", lambda: v5(ON), ON, (304, 0, 50, 0, 354), {"job_offer": 0}),
    (
        "V6",
        lambda: person(
            27,
            education=(CANADIAN_TWO_OR_MORE,),
            tests=(clb(10), nclc(7)),
            work=experience(canadian=2),
            provincial_nomination=True,
            sibling_in_canada=True,
        ),
        ON,
        (439, 0, 50, 600, 1089),
        {"second_language": 12, "french_bonus": 50, "additional_cap": -95},
    ),
    (
        "V7a",
        lambda: person(30, tests=(clb(9),), work=experience(canadian=1, foreign=3)),
        ON,
        (389, 0, 88, 0, 477),
        {"transferability_foreign_cap": -25},
    ),
    (
        "V7b",
        lambda: person(31, tests=(clb(9),), work=experience(canadian=1, foreign=3)),
        ON,
        (383, 0, 88, 0, 471),
        {"age": 99},
    ),
    (
        "V8",
        lambda: person(
            33,
            education=(TWO_YEAR,),
            tests=(ielts(6.0, 5.0, 5.5, 6.0),),
            work=experience(canadian=2, foreign=4),
            certificate_of_qualification=True,
            certificate_trade="72310",  # a listed trade (carpenters)
        ),
        ON,
        (291, 0, 100, 0, 391),
        {
            "transferability_education_language": 0,
            "transferability_education_canadian_experience": 25,
            "transferability_foreign_language": 0,
            "transferability_foreign_canadian_experience": 50,
            "transferability_certificate_language": 25,
        },
    ),
    (
        "V9",
        lambda: person(
            28,
            education=(MASTERS,),
            tests=(celpip(10, 9, 9, 10, ON.replace(day=1)),),
            work=experience(canadian=2, foreign=3),
        ),
        ON,
        (428, 0, 100, 0, 528),
        {},
    ),
    (
        "V10 French first",
        lambda: person(
            32,
            tests=(
                LanguageTest(Kind.TEF_CANADA, date(2026, 1, 10), 470, 450, 480, 500),
                ielts(5.0, 4.0, 5.0, 5.0),
            ),
            work=experience(canadian=1),
        ),
        ON,
        (344, 0, 26, 50, 420),
        {"first_language_reading": 17, "second_language": 4, "french_bonus": 50},
    ),
    (
        "V11 PTE Core",
        lambda: person(
            40,
            education=(PHD,),
            tests=(LanguageTest(Kind.PTE_CORE, date(2026, 2, 1), 75, 80, 85, 70),),
            work=experience(foreign=8),
        ),
        ON,
        (294, 0, 50, 0, 344),
        {"first_language_speaking": 17},
    ),
    (
        "V12 spouse not accompanying",
        lambda: person(
            36,
            education=(MASTERS,),
            tests=(ielts(7, 7, 7, 7),),
            work=experience(canadian=3, foreign=2),
            spouse=partner(education=(MASTERS,), tests=(clb(9),), accompanying=False),
        ),
        ON,
        (381, 0, 88, 0, 469),
        {"first_language_listening": 17},
    ),
    (
        "V13 TCF no English",
        lambda: person(
            24,
            education=(ONE_YEAR,),
            tests=(LanguageTest(Kind.TCF_CANADA, date(2026, 1, 10), 470, 460, 11, 12),),
            work=experience(canadian=1),
        ),
        ON,
        (314, 0, 26, 25, 365),
        {"french_bonus": 25, "first_language_speaking": 23},
    ),
    (
        "V14",
        lambda: person(
            45, education=(SECONDARY,), tests=(clb(7),), work=experience(canadian=5, foreign=1)
        ),
        ON,
        (178, 0, 38, 0, 216),
        {"canadian_experience": 80},
    ),
    (
        "V15 second language cap 22",
        lambda: person(
            31,
            education=(MASTERS,),
            tests=(clb(10), nclc(9)),
            work=experience(canadian=4),
            spouse=partner(education=(TWO_YEAR,), tests=(clb(9),), work=experience(canadian=2)),
        ),
        ON,
        (429, 34, 50, 50, 563),
        {"second_language": 22, "spouse_language": 20, "spouse_canadian_experience": 7},
    ),
    (
        "V16a",
        lambda: v16(BEFORE_2025_03_25),
        BEFORE_2025_03_25,
        (329, 0, 100, 200, 629),
        {"job_offer": 200},
    ),
    ("V16b", lambda: v16(ON), ON, (329, 0, 100, 0, 429), {"job_offer": 0}),
    (
        "V17",
        lambda: person(18, education=(SECONDARY,), tests=(celpip(4, 5, 5, 4, ON),)),
        ON,
        (153, 0, 0, 0, 153),
        {"first_language_listening": 6},
    ),
    ("V18a", lambda: v18(30), ON, (411, 0, 100, 0, 511), {"age": 105}),
    ("V18b", lambda: v18(31), ON, (405, 0, 100, 0, 505), {"age": 99}),
    (
        "V19 physician",
        lambda: person(
            34,
            education=(MASTERS,),
            tests=(clb(9),),
            work=experience(canadian=1, foreign=4, noc="31102"),
        ),
        ON,
        (382, 0, 100, 0, 482),
        {"age": 83, "canadian_experience": 40},
    ),
]


@pytest.mark.parametrize(
    ("build", "on", "sections", "factors"),
    [
        pytest.param(build, on, sections, factors, id=ident)
        for ident, build, on, sections, factors in VECTORS
    ],
)
def test_crs_vector_breakdown_matches_rules(
    build: Callable[[], Candidate],
    on: date,
    sections: tuple[int, int, int, int, int],
    factors: dict[str, int],
) -> None:
    breakdown = crs_score(build(), on)
    found = (
        breakdown.core,
        breakdown.spouse,
        breakdown.transferability,
        breakdown.additional,
        breakdown.total,
    )
    assert found == sections
    for code, points in factors.items():
        assert factor_points(breakdown, code) == points, code
    assert sum(factor.points for factor in breakdown.factors) == breakdown.total


def test_french_is_taken_as_first_language_when_that_scores_more() -> None:
    _, build, on, _, _ = next(row for row in VECTORS if row[0] == "V10 French first")
    notes = {note.code: note for note in crs_score(build(), on).notes}
    assert dict(notes["crs_first_language"].numbers)["first_language"] == "French"


@pytest.mark.parametrize(
    ("on", "points"),
    [
        pytest.param(date(2022, 11, 15), 0, id="NOC 2016: skill level C"),
        pytest.param(date(2022, 11, 16), 50, id="NOC 2021: TEER 3"),
    ],
)
def test_a_truck_driving_job_offer_earns_points_only_from_2022_11_16(on: date, points: int) -> None:
    candidate = person(30, on=on, tests=(clb(9, date(2022, 6, 1)),), job_offer=offer("73300"))
    assert factor_points(crs_score(candidate, on), "job_offer") == points
