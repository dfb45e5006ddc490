"""The verdict for a candidate given as JSON: one code path for the command line and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from draws.models import Occupation
from draws.selectors import categories_active_on, draw_get_published
from eligibility.adapters import category_rule, draw_rule
from eligibility.candidate_json import CandidateFormatError, parse_candidate, verdict_json


def verdict_for_json(data: Any, *, on: date | None = None, draw_number: str | None = None) -> dict:
    """DESIGN.md's verdict. Raises CandidateFormatError naming every bad field (including an
    unknown draw number). With a draw, everything is judged on the draw's date."""
    today = timezone.localdate()
    known_nocs = set(Occupation.objects.values_list("code", flat=True)) or None
    candidate = parse_candidate(data, today=today, known_nocs=known_nocs)
    rule = None
    if draw_number:
        draw = draw_get_published(number=draw_number)
        if draw is None:
            raise CandidateFormatError({"draw": f"no published draw is numbered {draw_number!r}"})
        rule, on = draw_rule(draw), draw.held_on
    on = on or today
    categories = [category_rule(category) for category in categories_active_on(on)]
    return verdict_json(candidate, on, categories, rule)
