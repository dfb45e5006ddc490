from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from config.fragments import cacheable_query, cached_fragment
from draws.models import Draw
from draws.selectors import categories_active_on, data_version_annotation
from eligibility import selectors
from eligibility.adapters import category_rule, draw_rule
from eligibility.forms import DrawTableForm, WhatIfForm
from eligibility.personal import draw_table, named_decisions, outlook, score_chart, year_ago
from eligibility.results.freshness import answers_version
from eligibility.results.services import results_recompute_for_profile
from eligibility.rules import (
    category_eligibility,
    crs_score,
    draw_outcome,
    program_eligibility,
)
from eligibility.rules.facts import Facts
from eligibility.rules.model import Candidate, Decision, Program
from eligibility.whatif import whatif_candidate, whatif_compare
from profiles.http import AuthenticatedHttpRequest
from profiles.models import CandidateProfile
from profiles.sections import section_missing
from profiles.selectors import profile_get_for_user, profile_with_entries
from profiles.views import own_profile_or_offer

if TYPE_CHECKING:  # types only: django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

PROGRAM_TITLES: dict[Program, StrOrPromise] = {
    Program.FSW: _("Federal Skilled Worker Program (FSW)"),
    Program.CEC: _("Canadian Experience Class (CEC)"),
    Program.FST: _("Federal Skilled Trades Program (FST)"),
}


def _programs(candidate: Candidate, on: date) -> list[tuple[StrOrPromise, str, Decision]]:
    decisions = program_eligibility(candidate, on)
    return [(PROGRAM_TITLES[program], program.value, decisions[program]) for program in Program]


def _engine_error(error: Exception, profile: CandidateProfile) -> str:
    """What the person is told when the engine cannot evaluate their profile (and staff find
    in the log), instead of an error page."""
    logger.warning("The engine could not evaluate profile %s: %r", profile.pk, error)
    return f"{type(error).__name__}: {error}"


def _answers_on(candidate: Candidate | Exception, day: date) -> dict[str, Any]:
    """Today's CRS, programs and categories, and what comes next, from the engine; raises
    what the engine raised."""
    if isinstance(candidate, Exception):
        raise candidate
    categories = [
        (category, category_eligibility(candidate, category_rule(category), day))
        for category in categories_active_on(day)
    ]
    programs = program_eligibility(candidate, day)
    return {
        "crs": crs_score(candidate, day),
        "programs": [
            (PROGRAM_TITLES[program], program.value, programs[program]) for program in Program
        ],
        "categories": categories,
        "outlook": outlook(
            candidate,
            today=day,
            now=timezone.now(),
            decisions=named_decisions(programs, categories),
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's own eligibility page (without a profile, the page offering one:
    `own_profile_or_offer`)."""
    return own_profile_or_offer(request, url_name="eligibility:page")


@login_required
@require_GET
def page(request: AuthenticatedHttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    """Today's verdict, what is about to change, what would raise the score, where it is
    heading, a what-if form and the draws that matter (filtered, paged).

    Served from the cache while nothing it depends on has changed (`answers_version`): then
    the queries are the session, the user, the profile's row and the data version. Computed,
    it reads the profile's education, tests and work, the categories in force, the stored
    results and the published draws of the table's period; none per draw.
    """
    profile = _profile_and_data_version(request, profile_id)
    today = timezone.localdate()
    query = cacheable_query(request.GET, DrawTableForm(request.GET))
    key = answers_version(profile, today, profile.data_version)  # type: ignore[attr-defined]  # annotated by the query
    body = cached_fragment(
        None if query is None else ("personal page", key, query),
        lambda: render_to_string(
            "eligibility/_page.html",
            _page_context(request, profile_with_entries(profile), today),
            request,
        ),
    )
    return render(request, "eligibility/page.html", {"profile": profile, "body": body})


def _profile_and_data_version(
    request: AuthenticatedHttpRequest, profile_id: uuid.UUID
) -> CandidateProfile:
    """What a cached page needs, in one query: the owner's profile's id, public id and last
    change (`answers_version`), and the draws' data version. A miss reads the whole profile
    again with `profile_with_entries`."""
    return profile_get_for_user(
        user=request.user,
        profile_id=profile_id,
        entries=False,
        annotations={"data_version": data_version_annotation()},
        columns=("public_id", "updated_at"),
    )


def _page_context(
    request: AuthenticatedHttpRequest, profile: CandidateProfile, today: date
) -> dict[str, Any]:
    missing = section_missing(profile)
    context: dict[str, Any] = {"profile": profile, "missing": missing, "today": today}
    if missing:
        return context
    candidate = selectors.candidate_or_error(profile)
    form = DrawTableForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    context["table_form"] = form
    try:
        context |= _answers_on(candidate, today)
    except Exception as error:  # this person's data: say so, never an error page
        context["engine_error"] = _engine_error(error, profile)
    table = draw_table(
        profile, candidate, today=today, filters=filters, page_number=request.GET.get("page")
    )
    if table.stale:  # computed here for want of fresh stored results: store them for next time
        results_recompute_for_profile(profile_id=profile.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context |= {
        "table": table,
        "draw_rows": table.page.object_list,
        "table_query": query.urlencode(),
    }
    if "outlook" in context and not isinstance(candidate, Exception):
        context["chart"] = score_chart(
            context["outlook"].projection,
            table.eligible_last_year,
            today=today,
            profile=profile,
        )
        context["whatif_form"] = WhatIfForm(
            candidate=candidate,
            spouse_counts=Facts(candidate, today).spouse_counts,
            today=today,
        )
    return context


@login_required
@require_GET
def whatif(request: AuthenticatedHttpRequest, profile_id: uuid.UUID) -> HttpResponse:
    """The profile with the form's changes, judged by the same engine; nothing is saved.

    Queries: session, user; the profile, its education, tests and work; the categories in
    force; the published draws of the last 12 months.
    """
    profile = profile_get_for_user(user=request.user, profile_id=profile_id)
    missing = section_missing(profile)
    context: dict[str, Any] = {"profile": profile, "missing": missing}
    candidate = selectors.candidate_or_error(profile) if not missing else None
    if isinstance(candidate, Exception):
        context["engine_error"] = _engine_error(candidate, profile)
    elif candidate is not None:
        today = timezone.localdate()
        form = WhatIfForm(
            request.GET or None,
            candidate=candidate,
            spouse_counts=Facts(candidate, today).spouse_counts,
            today=today,
        )
        context |= {"today": today, "whatif_form": form}
        if form.is_valid():
            try:
                context["whatif"] = whatif_compare(
                    candidate,
                    whatif_candidate(form, today),
                    today=today,
                    program_titles=PROGRAM_TITLES,
                    categories=list(categories_active_on(today)),
                    draws=selectors.published_draws_for_evaluation(since=year_ago(today)),
                )
            except Exception as error:  # as on the page
                context["engine_error"] = _engine_error(error, profile)
    return render(request, "eligibility/whatif.html", context)


@login_required
@require_GET
def draw_result(
    request: AuthenticatedHttpRequest, profile_id: uuid.UUID, number: str
) -> HttpResponse:
    """Every reason behind one draw's answer, from the engine on the draw's date; served from
    the cache as the personal page is."""
    profile = _profile_and_data_version(request, profile_id)
    draw = Draw.objects.select_related("category").filter(number=number, status="published").first()
    if draw is None:
        raise Http404("No published draw with that number.")
    key = answers_version(profile, timezone.localdate(), profile.data_version)  # type: ignore[attr-defined]  # annotated by the query
    body = cached_fragment(
        ("draw result", key, draw.pk),
        lambda: render_to_string(
            "eligibility/_draw_result.html",
            _draw_result_context(profile_with_entries(profile), draw),
            request,
        ),
    )
    context = {"profile": profile, "draw": draw, "body": body}
    return render(request, "eligibility/draw_result.html", context)


def _draw_result_context(profile: CandidateProfile, draw: Draw) -> dict[str, Any]:
    missing = section_missing(profile)
    context: dict[str, Any] = {
        "profile": profile,
        "draw": draw,
        "missing": missing,
        "today": timezone.localdate(),  # in the cache key (answers_version)
    }
    if missing:
        return context
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
    return context
