from __future__ import annotations

import logging
import uuid
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
from eligibility.adapters import category_rule, draw_rule
from eligibility.results.reader import draw_rows
from eligibility.results.services import results_recompute_for_profile
from eligibility.rules import (
    category_eligibility,
    crs_score,
    draw_outcome,
    program_eligibility,
)
from eligibility.rules.model import Candidate, Decision, Program
from profiles import services as profile_services
from profiles.models import CandidateProfile
from profiles.sections import section_missing
from profiles.selectors import profile_get_for_user

logger = logging.getLogger(__name__)

PROGRAM_TITLES = {
    Program.FSW: "Federal Skilled Worker Program (FSW)",
    Program.CEC: "Canadian Experience Class (CEC)",
    Program.FST: "Federal Skilled Trades Program (FST)",
}


def _programs(candidate: Candidate, on: date) -> list[tuple[str, str, Decision]]:
    decisions = program_eligibility(candidate, on)
    return [(PROGRAM_TITLES[program], program.value, decisions[program]) for program in Program]


def _engine_error(error: Exception, profile: CandidateProfile) -> str:
    """What the person is told when the engine cannot evaluate their profile (and staff find
    in the log), instead of an error page."""
    logger.warning("The engine could not evaluate profile %s: %r", profile.pk, error)
    return f"{type(error).__name__}: {error}"


def _answers_on(candidate: Candidate | Exception, day: date) -> dict[str, Any]:
    """Today's CRS, programs and categories, from the engine; raises what the engine raised."""
    if isinstance(candidate, Exception):
        raise candidate
    categories = list(categories_active_on(day))
    return {
        "crs": crs_score(candidate, day),
        "programs": _programs(candidate, day),
        "categories": [
            (category, category_eligibility(candidate, category_rule(category), day))
            for category in categories
        ],
    }


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
        candidate = selectors.candidate_or_error(profile)
        context["today"] = today
        try:
            context |= _answers_on(candidate, today)
        except Exception as error:  # this person's data: say so, never an error page
            context["engine_error"] = _engine_error(error, profile)
        rows = draw_rows(profile, candidate)
        if rows.stale:  # computed here for want of fresh stored results: store them for next time
            results_recompute_for_profile(profile_id=profile.pk)
        context["draw_rows"] = rows.rows
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
        candidate = selectors.candidate_or_error(profile)
        rule = draw_rule(draw)
        try:
            if isinstance(candidate, Exception):
                raise candidate
            context |= {
                "outcome": draw_outcome(candidate, rule),
                "crs": crs_score(candidate, draw.held_on),
                "programs": _programs(candidate, draw.held_on),
                "category_decision": category_eligibility(candidate, rule.category, draw.held_on)
                if rule.category
                else None,
            }
        except Exception as error:  # as on the page
            context["engine_error"] = _engine_error(error, profile)
    return render(request, "eligibility/draw_result.html", context)
