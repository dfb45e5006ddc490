"""Publishing draws and changing the rules they are judged by. Interface code (admin, views,
commands) and tasks call these; each change that alters answers starts a re-evaluation through
`eligibility.results`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from draws.ircc_feed import FeedRound
from draws.models import Category, Draw, FeedSync
from draws.services import UpsertCounts, draw_mark_published, draws_import
from draws.sync import feed_sync
from eligibility.models import EvaluationRun
from eligibility.results.services import results_recompute_for_draw
from profiles.models import CandidateProfile


def draw_publish(*, draw: Draw) -> bool:
    """Publish a draft draw and re-evaluate every profile against it.

    Returns False, and starts nothing, if the draw was already published.
    """
    with transaction.atomic():
        published = draw_mark_published(draw=draw)
        if published:
            results_recompute_for_draw(draw=draw, reason="published")
    return published


def draw_rules_changed(*, draw: Draw, fields: Iterable[str]) -> EvaluationRun | None:
    """Start a fresh run when a published draw's rule fields were edited."""
    changed = Draw.RULE_FIELDS.intersection(fields)
    if not draw.is_published or not changed:
        return None
    return results_recompute_for_draw(draw=draw, reason=f"edited: {', '.join(sorted(changed))}")


def category_rules_changed(*, category: Category, fields: Iterable[str]) -> list[EvaluationRun]:
    """Start a fresh run for each published draw of a category version whose rules were
    edited (its occupations, months, continuity, window, dates or round names)."""
    changed = Category.RULE_FIELDS.intersection(fields)
    if not changed:
        return []
    reason = f"category edited: {', '.join(sorted(changed))}"[:100]
    draws = Draw.objects.filter(category=category, status=Draw.Status.PUBLISHED)
    return [results_recompute_for_draw(draw=draw, reason=reason) for draw in draws]


def draws_import_and_evaluate(*, rounds: Iterable[FeedRound]) -> UpsertCounts:
    """Import IRCC's rounds; re-evaluate published rounds that are new or whose rules changed."""
    with transaction.atomic():
        counts = draws_import(rounds=rounds)
        if CandidateProfile.objects.exists():
            changed = Draw.objects.filter(
                pk__in=counts.rules_changed_ids, status=Draw.Status.PUBLISHED
            )
            for draw in changed:
                results_recompute_for_draw(draw=draw, reason="imported")
    return counts


def feed_sync_and_evaluate(*, url: str, force: bool = False) -> FeedSync:
    """Sync the draws with IRCC's feed at `url`, re-evaluating what the import publishes or
    corrects (draws_import_and_evaluate). Raises draws.sync.SyncBusy if a sync is running."""
    return feed_sync(
        url=url, force=force, import_rounds=lambda rounds: draws_import_and_evaluate(rounds=rounds)
    )
