"""When a stored result may be shown: computed by this engine, after the last change of
everything it depends on (the profile, the draw and the draw's category version)."""

from __future__ import annotations

from datetime import date

from draws.models import Draw
from eligibility.models import EligibilityResult
from eligibility.results.fingerprint import ENGINE_FINGERPRINT
from profiles.models import CandidateProfile


def result_is_fresh(result: EligibilityResult, *, profile: CandidateProfile, draw: Draw) -> bool:
    """`draw` must come with its category (select_related): no query here."""
    if result.engine_version != ENGINE_FINGERPRINT:
        return False
    computed = result.evaluated_at
    if computed < profile.updated_at or computed < draw.updated_at:
        return False
    return draw.category is None or computed >= draw.category.updated_at


def answers_version(profile: CandidateProfile, today: date, data_version: str) -> str:
    """Everything a person's answers depend on: the engine, the profile (whose `updated_at`
    moves with every saved section), the day, and the draws and categories (`data_version`,
    from `draws.selectors`). A page cached under it is never older than its answers."""
    return (
        f"{profile.pk}|{profile.updated_at.isoformat()}|{ENGINE_FINGERPRINT}|"
        f"{today.isoformat()}|{data_version}"
    )
