"""Writes that involve the engine. Interface code (admin, views, commands) calls these."""

from __future__ import annotations

from collections.abc import Iterable

from draws.ircc_feed import FeedRound
from draws.models import Draw
from draws.services import UpsertCounts, draw_mark_published, draws_import


def draw_publish(*, draw: Draw) -> bool:
    """Publish a draft draw. Returns False, and changes nothing, if it was already published.

    This is the one place where publishing reaches the engine: the re-evaluation of every
    profile against the draw is started here, after the transaction commits.
    """
    return draw_mark_published(draw=draw)


def draws_import_and_evaluate(*, rounds: Iterable[FeedRound]) -> UpsertCounts:
    """Import IRCC's rounds; the re-evaluation of new and corrected published rounds starts here."""
    return draws_import(rounds=rounds)
