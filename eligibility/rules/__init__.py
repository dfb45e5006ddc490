"""The Express Entry rules engine: pure functions over the frozen dataclasses of `model`.

Standard library only, no database and no clock: every date is an argument. The rules follow
`domain/RULES.md`; interpretations are stated in the docstring of the module that applies them.

Public API (the engine contract of DESIGN.md):

- `crs_score(candidate, on)` -> `CrsBreakdown`
- `program_eligibility(candidate, on)` -> `{Program: Decision}` for FSW, CEC and FST
- `category_eligibility(candidate, category_rule, on)` -> `Decision`
- `draw_outcome(candidate, draw_rule)` -> `Outcome`
- input checks: `score_problem`, `birth_date_problem`, `work_period_problems`, `noc_problem`,
  `test_date_problem`, `country_problem`

Reason codes are listed in `codes`; rule tables keyed by date live in `tables`.
"""

from __future__ import annotations

from .categories import category_eligibility
from .crs import crs_score
from .draws import draw_outcome
from .language import clb_levels
from .model import (
    Ability,
    Candidate,
    CategoryRule,
    CrsBreakdown,
    Decision,
    DrawRule,
    Education,
    EducationLevel,
    Factor,
    JobOffer,
    LanguageTest,
    MaritalStatus,
    Outcome,
    Program,
    Reason,
    ReasonStatus,
    RoundType,
    Spouse,
    TestKind,
    TieBreak,
    WorkPeriod,
)
from .programs import program_eligibility
from .validation import (
    birth_date_problem,
    country_problem,
    noc_problem,
    score_problem,
    test_date_problem,
    work_period_problems,
)

__all__ = [
    "Ability",
    "Candidate",
    "CategoryRule",
    "CrsBreakdown",
    "Decision",
    "DrawRule",
    "Education",
    "EducationLevel",
    "Factor",
    "JobOffer",
    "LanguageTest",
    "MaritalStatus",
    "Outcome",
    "Program",
    "Reason",
    "ReasonStatus",
    "RoundType",
    "Spouse",
    "TestKind",
    "TieBreak",
    "WorkPeriod",
    "birth_date_problem",
    "category_eligibility",
    "clb_levels",
    "country_problem",
    "crs_score",
    "draw_outcome",
    "noc_problem",
    "program_eligibility",
    "score_problem",
    "test_date_problem",
    "work_period_problems",
]
