"""The Express Entry rules engine: pure functions over the frozen dataclasses of `model`.

Standard library only, no database and no clock: every date is an argument. The rules follow
`docs/rules.md`; interpretations are stated in the docstring of the module that applies them.

Public API (the engine contract of DESIGN.md):

- `crs_score(candidate, on)` -> `CrsBreakdown`
- `program_eligibility(candidate, on)` -> `{Program: Decision}` for FSW, CEC and FST
- `category_eligibility(candidate, category_rule, on)` -> `Decision`
- `draw_outcome(candidate, draw_rule)` -> `Outcome`
- input checks: `score_problem`, `birth_date_problem`, `eca_date_problem`,
  `work_period_problems`, `noc_problem`, `test_date_problem`, `country_problem`,
  `fee_for_service_problem`, `pool_entry_problem`, `tef_scale_problems`, `scale_problem`,
  `military_service_problems`, `caf_offer_years_problem`

Reason codes are listed in `codes`; rule tables keyed by date live in `tables`.

The modules may be compiled with mypyc (`eligibility/compile_engine.py`, run by `make`). This
file stays Python so that it can refuse a compiled module older than its source before anything
imports one.
"""

# ruff: noqa: E402 (the engine's modules are imported after the stale-build check)

from __future__ import annotations

from pathlib import Path


def stale_compiled_modules(package: Path) -> list[str]:
    """Sources in `package` edited after their compiled extension was built."""
    stale = []
    for built in package.glob("*.so"):
        source = package / f"{built.name.split('.', 1)[0]}.py"
        if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
            stale.append(source.name)
    return sorted(stale)


if _stale := stale_compiled_modules(Path(__file__).parent):
    raise ImportError(
        f"The compiled engine is older than {', '.join(_stale)}: run `make engine` to rebuild "
        "it, or `make clean-engine` to run the Python source."
    )

from .categories import category_eligibility
from .crs import crs_score
from .draws import draw_outcome
from .language import clb_levels
from .model import (
    Ability,
    CafOffer,
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
    MilitaryService,
    Outcome,
    Program,
    Reason,
    ReasonStatus,
    RoundType,
    Spouse,
    TefScale,
    TestKind,
    TieBreak,
    WorkPeriod,
)
from .programs import program_eligibility
from .validation import (
    birth_date_problem,
    caf_offer_years_problem,
    country_problem,
    eca_date_problem,
    fee_for_service_problem,
    military_service_problems,
    noc_problem,
    pool_entry_problem,
    scale_problem,
    score_problem,
    tef_scale_problems,
    test_date_problem,
    work_period_problems,
)

__all__ = [
    "Ability",
    "CafOffer",
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
    "MilitaryService",
    "Outcome",
    "Program",
    "Reason",
    "ReasonStatus",
    "RoundType",
    "Spouse",
    "TefScale",
    "TestKind",
    "TieBreak",
    "WorkPeriod",
    "birth_date_problem",
    "caf_offer_years_problem",
    "category_eligibility",
    "clb_levels",
    "country_problem",
    "crs_score",
    "draw_outcome",
    "eca_date_problem",
    "fee_for_service_problem",
    "military_service_problems",
    "noc_problem",
    "pool_entry_problem",
    "program_eligibility",
    "scale_problem",
    "score_problem",
    "tef_scale_problems",
    "test_date_problem",
    "work_period_problems",
]
