"""Time the pure engine on one draw: `python manage.py bench_engine [--count N] [--seed S]`.

Builds N synthetic candidates (not timed), then times `draw_outcome` (pool membership, round
eligibility, the CRS and the tie-break) for each one on a single core with
`time.perf_counter`. The draw is round 397, the first Physicians with Canadian Work Experience
round, with the category written out here from docs/rules.md §5.3-§5.5 (Django is used only for the
command class; the timed work never touches it).
"""

from __future__ import annotations

import gc
import time
from datetime import UTC, date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eligibility.rules import CategoryRule, DrawRule, RoundType, draw_outcome
from eligibility.synthetic import synthetic_candidates

PHYSICIANS_2026_V1 = CategoryRule(
    slug="physicians-2026-v1",
    name="Physicians with Canadian Work Experience (2026-Version 1)",
    occupations=frozenset({"31100", "31101", "31102"}),
    months_required=12,
    continuous=False,  # the 2026-02-18 rules, in force for the round (draws/data/categories.json)
    window_years=3,
    canada_only=True,
    valid_from=date(2025, 12, 8),
)
DRAW_397 = DrawRule(
    number="397",
    held_on=date(2026, 2, 19),
    held_at=datetime(2026, 2, 19, 14, 24, 23, tzinfo=UTC),
    round_type=RoundType.CATEGORY,
    cutoff=169,
    invitations=391,
    tie_break=datetime(2026, 1, 3, 3, 25, 14, tzinfo=UTC),
    category=PHYSICIANS_2026_V1,
)


class Command(BaseCommand):
    help = "Time draw_outcome (pool, eligibility, CRS, tie-break) on synthetic candidates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=100_000, help="candidates (100,000)")
        parser.add_argument("--seed", type=int, default=0, help="synthetic data seed (0)")

    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        candidates = list(synthetic_candidates(count, seed=seed, on=DRAW_397.held_on))
        # The candidates live for the whole run: keep the collector from rescanning them
        # (generation is not part of the timed work; the engine's own garbage still counts).
        gc.collect()
        gc.freeze()
        timings: list[float] = []
        eligible = invited = in_pool = 0
        clock = time.perf_counter
        started = clock()
        for candidate in candidates:
            before = clock()
            outcome = draw_outcome(candidate, DRAW_397)
            timings.append(clock() - before)
            in_pool += outcome.in_pool
            eligible += outcome.eligible
            invited += outcome.invited is True
        total = clock() - started
        gc.unfreeze()
        timings.sort()
        n = len(timings) or 1
        mean = sum(timings) / n * 1e6
        p50 = timings[n // 2] * 1e6 if timings else 0.0
        p99 = timings[min(n - 1, n * 99 // 100)] * 1e6 if timings else 0.0
        self.stdout.write(
            f"draw {DRAW_397.number} ({PHYSICIANS_2026_V1.name}), seed {seed}\n"
            f"candidates: {len(candidates):,}\n"
            f"total: {total:.3f} s (timer overhead included)\n"
            f"per candidate: mean {mean:.1f} us, p50 {p50:.1f} us, p99 {p99:.1f} us\n"
            f"in pool: {in_pool:,}  eligible: {eligible:,}  invited: {invited:,}"
        )
