"""The personal page's draw rows: stored results where fresh, the engine elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from draws.models import Draw
from eligibility import selectors
from eligibility.adapters import draw_rule
from eligibility.models import EligibilityResult
from eligibility.results.compute import result_row
from eligibility.results.freshness import result_is_fresh
from eligibility.results.store import RESULT_COLUMNS
from eligibility.rules.model import Candidate
from profiles.models import CandidateProfile

if TYPE_CHECKING:  # types only: django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

_TIE_BREAK_LABELS = dict(EligibilityResult.TieBreak.choices)


@dataclass(frozen=True)
class DrawRow:
    """One line of the draws table. `error` is set, and nothing else is meaningful, when the
    engine could not evaluate the profile for this draw."""

    draw: Draw
    in_pool: bool
    eligible: bool
    crs: int
    gap: int
    tie_break: StrOrPromise
    invited: bool | None
    error: str
    stored: bool
    # The unmet reasons, compact: [[code, {name: value}], ...] (EligibilityResult.reasons)
    reasons: list = field(default_factory=list)
    tie_break_code: str = ""  # `tie_break` is its label, for people


@dataclass(frozen=True)
class DrawRows:
    rows: list[DrawRow]
    stale: int  # rows the engine computed because no fresh stored result existed


def draw_rows(
    profile: CandidateProfile, candidate: Candidate | Exception, *, since: date | None = None
) -> DrawRows:
    """Every published draw held on or after `since` (all without it), newest first. Two
    queries whatever the number of draws: the draws with their category, the profile's stored
    results for them."""
    stored = selectors.results_for_profile(profile, since=since)
    rows, stale = [], 0
    now = timezone.now()
    for draw in selectors.published_draws_for_evaluation(since=since):
        result = stored.get(draw.pk)
        if result is not None and result_is_fresh(result, profile=profile, draw=draw):
            rows.append(_row(draw, result, stored=True))
            continue
        stale += 1
        values = result_row(profile.pk, draw.pk, candidate, draw_rule(draw), now)
        computed = EligibilityResult(**dict(zip(RESULT_COLUMNS, values, strict=True)))
        rows.append(_row(draw, computed, stored=False))
    return DrawRows(rows, stale)


def _row(draw: Draw, result: EligibilityResult, *, stored: bool) -> DrawRow:
    return DrawRow(
        draw,
        result.in_pool,
        result.eligible,
        result.crs,
        result.cutoff_gap,
        _TIE_BREAK_LABELS[result.tie_break],
        result.invited,
        result.error,
        stored=stored,
        reasons=result.reasons,
        tie_break_code=result.tie_break,
    )
