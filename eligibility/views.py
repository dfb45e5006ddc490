from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from draws.models import Draw
from draws.selectors import categories_active_on
from eligibility import selectors
from eligibility.adapters import candidate_from_profile, category_rule, draw_rule
from eligibility.models import EligibilityResult
from eligibility.rules import (
    category_eligibility,
    crs_score,
    draw_outcome,
    program_eligibility,
)
from eligibility.rules.model import Candidate, Decision, Outcome, Program
from eligibility.rules.version import ENGINE_VERSION
from profiles import services as profile_services
from profiles.models import CandidateProfile
from profiles.sections import section_missing
from profiles.selectors import profile_get_for_user

PROGRAM_TITLES = {
    Program.FSW: "Federal Skilled Worker Program (FSW)",
    Program.CEC: "Canadian Experience Class (CEC)",
    Program.FST: "Federal Skilled Trades Program (FST)",
}


def _programs(candidate: Candidate, on: date) -> list[tuple[str, str, Decision]]:
    decisions = program_eligibility(candidate, on)
    return [(PROGRAM_TITLES[program], program.value, decisions[program]) for program in Program]


@dataclass(frozen=True)
class DrawRow:
    """One line of the draws table, from a stored result or from the engine just now."""

    draw: Draw
    in_pool: bool
    eligible: bool
    crs: int
    gap: int
    tie_break: str
    invited: bool | None
    stored: bool


def _is_fresh(result: EligibilityResult, profile: CandidateProfile, draw: Draw) -> bool:
    return (
        result.engine_version == ENGINE_VERSION
        and result.evaluated_at >= profile.updated_at
        and result.evaluated_at >= draw.updated_at
    )


def _draw_rows(profile: CandidateProfile, candidate: Candidate) -> list[DrawRow]:
    """Every published draw, newest first: stored results where fresh, the engine elsewhere.
    Two queries whatever the number of draws: the draws with categories, the results."""
    stored = selectors.results_for_profile(profile)
    rows = []
    for draw in selectors.published_draws_for_evaluation():
        result = stored.get(draw.pk)
        if result is not None and _is_fresh(result, profile, draw):
            rows.append(
                DrawRow(
                    draw,
                    result.in_pool,
                    result.eligible,
                    result.crs,
                    result.cutoff_gap,
                    result.get_tie_break_display(),
                    result.invited,
                    stored=True,
                )
            )
            continue
        outcome = draw_outcome(candidate, draw_rule(draw))
        rows.append(
            DrawRow(
                draw,
                outcome.in_pool,
                outcome.eligible,
                outcome.crs,
                outcome.gap,
                EligibilityResult.TieBreak(outcome.tie_break.value).label,
                outcome.invited,
                stored=False,
            )
        )
    return rows


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own eligibility page (the profile is created on first visit)."""
    profile = profile_services.profile_get_or_create(user=request.user)
    return redirect("eligibility:page", profile.public_id)


@login_required
@require_GET
def page(request: HttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    profile = profile_get_for_user(user=request.user, profile_id=profile_id)
    missing = section_missing(profile)
    context: dict[str, Any] = {"profile": profile, "missing": missing}
    if not missing:
        today = timezone.localdate()
        candidate = candidate_from_profile(profile)
        categories = list(categories_active_on(today))
        context |= {
            "today": today,
            "crs": crs_score(candidate, today),
            "programs": _programs(candidate, today),
            "categories": [
                (category, category_eligibility(candidate, category_rule(category), today))
                for category in categories
            ],
            "draw_rows": _draw_rows(profile, candidate),
        }
    return render(request, "eligibility/page.html", context)


@login_required
@require_GET
def draw_result(request: HttpRequest, profile_id: uuid.UUID, number: str) -> HttpResponse:
    """Every reason behind one draw's answer, from the engine on the draw's date."""
    profile = profile_get_for_user(user=request.user, profile_id=profile_id)
    draw = Draw.objects.select_related("category").filter(number=number, status="published").first()
    if draw is None:
        raise Http404("No published draw with that number.")
    missing = section_missing(profile)
    context: dict[str, Any] = {"profile": profile, "draw": draw, "missing": missing}
    if not missing:
        candidate = candidate_from_profile(profile)
        rule = draw_rule(draw)
        outcome: Outcome = draw_outcome(candidate, rule)
        context |= {
            "outcome": outcome,
            "crs": crs_score(candidate, draw.held_on),
            "programs": _programs(candidate, draw.held_on),
            "category_decision": category_eligibility(candidate, rule.category, draw.held_on)
            if rule.category
            else None,
        }
    return render(request, "eligibility/draw_result.html", context)
