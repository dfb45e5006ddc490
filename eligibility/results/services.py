"""Recomputing stored results: for every profile in a draw (a run, on the workers), or for one
profile in every published draw (after a save)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from draws.models import Draw
from eligibility import dispatch, selectors
from eligibility.adapters import draw_rule
from eligibility.models import EvaluationRun
from eligibility.results.compute import result_row
from eligibility.results.store import results_upsert
from eligibility.selectors import candidate_or_error


def results_recompute_for_draw(*, draw: Draw, reason: str) -> EvaluationRun:
    """Start a run that re-evaluates every profile against `draw`, once the transaction
    commits (a worker plans it)."""
    run = EvaluationRun.objects.create(draw=draw, reason=reason)
    dispatch.enqueue_on_commit(dispatch.EVALUATE_DRAW, run.pk)
    return run


def results_recompute_for_profile(*, profile_id: int) -> None:
    """Re-evaluate a saved profile against every published draw, after the commit."""
    dispatch.enqueue_on_commit(dispatch.EVALUATE_PROFILE, profile_id)


def results_compute_for_profile(*, profile_id: int) -> int:
    """Evaluate one profile against every published draw in one bulk write; returns the
    number of results written.

    Queries: the profile with its entries (4), the published draws with their category (1),
    the write.
    """
    profiles = selectors.profiles_for_evaluation([profile_id])
    if not profiles or not selectors.profile_is_evaluable(profiles[0]):
        return 0
    candidate = candidate_or_error(profiles[0])
    now = timezone.now()
    rows = [
        result_row(profile_id, draw.pk, candidate, draw_rule(draw), now)
        for draw in selectors.published_draws_for_evaluation()
    ]
    with transaction.atomic():
        results_upsert(rows)
    return len(rows)
