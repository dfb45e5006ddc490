"""What the personal page shows besides today's verdict: what is about to change, what would
raise the score, where the score is heading, and the draws that matter. Reads only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.urls import reverse

from draws.charts import LineChart, step_chart
from draws.models import Category
from eligibility.reason_text import step_cause
from eligibility.results.reader import DrawRow, draw_rows
from eligibility.rules.dates import add_years
from eligibility.rules.improvements import Improvement, improvements
from eligibility.rules.model import Candidate, CategoryRule, Decision, Program
from eligibility.rules.outlook import (
    ComingChange,
    ScoreStep,
    coming_changes,
    crs_projection,
    profile_expiry,
)
from profiles.models import CandidateProfile

PROJECTION_YEARS = 2  # the chart's future
CHANGES_AHEAD_YEARS = 1  # the top of the page: what changes within a year
ROWS_PER_PAGE = 25

PROGRAM_NAMES = {
    Program.FSW: "the Federal Skilled Worker Program's minimum criteria",
    Program.CEC: "the Canadian Experience Class's minimum criteria",
    Program.FST: "the Federal Skilled Trades Program's minimum criteria",
}


def year_ago(today: date) -> date:
    return add_years(today, -1)


def named_decisions(
    programs: dict[Program, Decision],
    categories: Sequence[tuple[Category | CategoryRule, Decision]],
) -> list[tuple[str, Decision]]:
    """Today's decisions as `coming_changes` takes them: (what is met, the decision); the
    categories as rows or as the engine's rules (both have the version's name)."""
    named = [(PROGRAM_NAMES[program], decision) for program, decision in programs.items()]
    for category, decision in categories:
        named.append((f"the criteria of the category “{category.name}”", decision))
    return named


@dataclass(frozen=True)
class Outlook:
    changes: tuple[ComingChange, ...]
    expired_at: datetime | None  # the profile left the pool (expiry already past)
    expires_at: datetime | None
    improvements: tuple[Improvement, ...]
    projection: tuple[ScoreStep, ...]


def outlook(
    candidate: Candidate,
    *,
    today: date,
    now: datetime,
    decisions: list[tuple[str, Decision]],
) -> Outlook:
    """The engine's answers about the future, from `today` (docs/rules.md §4.11, §4.12)."""
    projection = crs_projection(candidate, today, add_years(today, PROJECTION_YEARS))
    changes = coming_changes(
        candidate, today, add_years(today, CHANGES_AHEAD_YEARS), decisions, projection
    )
    expiry = profile_expiry(candidate)
    return Outlook(
        changes=changes,
        expired_at=expiry if expiry is not None and expiry <= now else None,
        expires_at=expiry,
        improvements=improvements(candidate, today),
        projection=projection,
    )


# --- the draw table -----------------------------------------------------------------------------


def table_since(candidate: Candidate | Exception, today: date, scope: str) -> date | None:
    """The first day of the default table: the pool entry or a year ago, whichever is
    earlier; None for every draw."""
    if scope == "all":
        return None
    since = year_ago(today)
    if not isinstance(candidate, Exception) and candidate.pool_entry is not None:
        since = min(since, candidate.pool_entry.date())
    return since


def open_to_me(row: DrawRow) -> bool:
    return not row.error and row.in_pool and row.eligible


@dataclass(frozen=True)
class DrawTable:
    page: Page[DrawRow]
    stale: int
    eligible_last_year: list[DrawRow]  # rounds open to the person in the last 12 months
    since: date | None


def draw_table(
    profile: CandidateProfile,
    candidate: Candidate | Exception,
    *,
    today: date,
    filters: dict[str, Any],
    page_number: str | None,
) -> DrawTable:
    """The rows the filters keep, one page of them. The filters on verdicts ("open to me",
    "would have invited me") apply to the rows, which come from fresh stored results or the
    engine; the rest select draws. Two queries (the reader's)."""
    since = table_since(candidate, today, filters.get("scope") or "recent")
    rows = draw_rows(profile, candidate, since=since)
    last_year = year_ago(today)
    eligible = [row for row in rows.rows if row.draw.held_on >= last_year and open_to_me(row)]
    kept = [row for row in rows.rows if _kept(row, filters)]
    return DrawTable(
        page=Paginator(kept, ROWS_PER_PAGE).get_page(page_number),
        stale=rows.stale,
        eligible_last_year=eligible,
        since=since,
    )


def _kept(row: DrawRow, filters: dict[str, Any]) -> bool:
    draw = row.draw
    if filters.get("round_type") and draw.round_type != filters["round_type"]:
        return False
    if filters.get("category") and (
        draw.category is None or draw.category.family != filters["category"]
    ):
        return False
    if filters.get("open_to_me") and not open_to_me(row):
        return False
    return not (filters.get("invited") and row.invited is not True)


# --- the chart ----------------------------------------------------------------------------------


def score_chart(
    projection: tuple[ScoreStep, ...],
    eligible: list[DrawRow],
    *,
    today: date,
    profile: CandidateProfile,
) -> LineChart | None:
    """The projected score over the next two years, with the cut-offs of the rounds open to
    the person in the last twelve months, on one time axis."""
    markers = [
        (
            row.draw.held_on,
            row.draw.min_crs,
            f"#{row.draw.number} {row.draw.held_on:%Y-%m-%d} {row.draw.rule_label}: cut-off "
            f"{row.draw.min_crs}",
            reverse("eligibility:draw", args=[profile.public_id, row.draw.number]),
        )
        for row in reversed(eligible)
    ]
    steps = [
        (
            step.on,
            step.crs,
            f"{step.on:%Y-%m-%d}: {step.crs}" + (f" ({step_cause(step)})" if step.causes else ""),
        )
        for step in projection
    ]
    return step_chart(
        steps,
        start=year_ago(today),
        end=add_years(today, PROJECTION_YEARS),
        markers=markers,
        marked=today,
    )
