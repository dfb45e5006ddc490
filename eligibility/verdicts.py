"""The verdict for a candidate given as JSON: one code path for the command line and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from draws.models import Occupation
from draws.selectors import categories_active_on, draw_get_published
from eligibility.adapters import category_rule, draw_rule
from eligibility.candidate_json import CandidateFormatError, parse_candidate, verdict_json
from eligibility.reason_text import SITE_WORDS
from eligibility.rules.validation import EXPRESS_ENTRY_START, latest_date


def evaluation_date(text: str | None, today: date) -> date | None:
    """The `on` date a user typed (None: not given). Raises CandidateFormatError on a date
    that is not YYYY-MM-DD or lies outside the years the engine can answer for."""
    if not text:
        return None
    try:
        on = date.fromisoformat(text)
    except ValueError:
        raise CandidateFormatError(
            {"on": _("must be a date as YYYY-MM-DD, not %(value)r") % {"value": text}}
        ) from None
    last = latest_date(today)  # beyond it, a projection means nothing
    if not EXPRESS_ENTRY_START <= on <= last:
        raise CandidateFormatError(
            {
                "on": _("must be between %(first)s (Express Entry began) and %(last)s")
                % {"first": EXPRESS_ENTRY_START, "last": last}
            }
        )
    return on


def verdict_for_json(
    data: Any,
    *,
    on: str | None = None,
    draw_number: str | None = None,
    with_improvements: bool = False,
) -> dict:
    """DESIGN.md's verdict for the candidate JSON `data`, on the date `on` (YYYY-MM-DD text as
    typed; default today). Raises CandidateFormatError naming every bad field (including a bad
    date or an unknown draw number). With a draw, everything is judged on the draw's date; with
    `with_improvements`, the verdict lists the single changes that raise the score."""
    today = timezone.localdate()
    day = evaluation_date(on, today)
    known_nocs = set(Occupation.objects.values_list("code", flat=True)) or None
    candidate = parse_candidate(data, today=today, known_nocs=known_nocs)
    rule = None
    if draw_number:
        draw = draw_get_published(number=draw_number)
        if draw is None:
            raise CandidateFormatError(
                {"draw": _("no published draw is numbered %(value)r") % {"value": draw_number}}
            )
        rule, day = draw_rule(draw), draw.held_on
    day = day or today
    categories = [category_rule(category) for category in categories_active_on(day)]
    return verdict_json(candidate, day, categories, rule, with_improvements, words=SITE_WORDS)
