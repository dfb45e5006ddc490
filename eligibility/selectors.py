"""Reads for evaluation: the one place that knows what a bulk evaluation loads."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from draws.models import Draw
from eligibility.models import EligibilityResult
from profiles.models import CandidateProfile
from profiles.selectors import evaluable_profiles, missing_section_slugs, profiles_with_entries


def evaluable_profile_ids() -> list[int]:
    """Ids of the profiles filled in enough to evaluate, in order."""
    return list(evaluable_profiles().order_by("pk").values_list("pk", flat=True))


def profile_is_evaluable(profile: CandidateProfile) -> bool:
    return not missing_section_slugs(profile)


def profiles_for_evaluation(ids: Iterable[int]) -> list[CandidateProfile]:
    """Profiles with their entries in a fixed number of queries, whatever their count."""
    return list(profiles_with_entries().filter(pk__in=list(ids), birth_date__isnull=False))


def published_draws_for_evaluation() -> list[Draw]:
    return list(Draw.objects.filter(status=Draw.Status.PUBLISHED).select_related("category"))


def results_for_profile(profile: CandidateProfile) -> dict[int, EligibilityResult]:
    """Stored results of one profile, by draw id, in one query."""
    return {result.draw_id: result for result in EligibilityResult.objects.filter(profile=profile)}


def alert_recipients(*, draw: Draw) -> QuerySet[EligibilityResult]:
    """Results of opted-in people whom the draw concerns: eligible for it (which being
    invited implies)."""
    return (
        EligibilityResult.objects.filter(draw=draw, profile__draw_alerts=True)
        .filter(eligible=True)
        .select_related("profile__user", "draw__category")
    )
