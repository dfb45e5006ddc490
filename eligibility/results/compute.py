"""One stored result computed, with one profile's bad data contained: an engine error becomes
that profile's error result, and every other profile still gets its answer."""

from __future__ import annotations

import logging
from datetime import datetime

from eligibility.results.store import error_values, result_values
from eligibility.rules import draw_outcome
from eligibility.rules.model import Candidate, DrawRule

logger = logging.getLogger(__name__)


def result_row(
    profile_id: int,
    draw_id: int,
    candidate: Candidate | Exception,
    rule: DrawRule,
    now: datetime,
) -> tuple:
    """The result row of `candidate` in the draw of `rule`; `candidate` is the exception
    raised while building it when the profile's data could not be read."""
    if isinstance(candidate, Exception):
        return _error_row(profile_id, draw_id, candidate, now)
    try:
        return result_values(profile_id, draw_id, draw_outcome(candidate, rule), now)
    except Exception as error:  # one person's data must not stop everyone else's answer
        return _error_row(profile_id, draw_id, error, now)


def _error_row(profile_id: int, draw_id: int, error: Exception, now: datetime) -> tuple:
    logger.warning("Profile %s could not be evaluated for draw %s: %r", profile_id, draw_id, error)
    return error_values(profile_id, draw_id, error, now)
