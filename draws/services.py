"""Writes for draws, categories and occupations. Views, admin and commands call these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from draws.ircc_feed import FeedRound, draw_name_key, round_type_for
from draws.models import Category, CategoryDrawName, Draw, Occupation, OccupationTitle
from draws.noc_csv import NocRow


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)  # "397: min_crs 170 -> 169"
    unmapped_names: dict[str, list[str]] = field(default_factory=dict)  # name -> round numbers
    # Draws created published, or whose rule fields changed: their results need refreshing.
    rules_changed_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def _apply(instance: Any, values: Mapping[str, Any]) -> dict[str, str]:
    """Set the values that differ; describe each change by field name."""
    changed = {}
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            setattr(instance, name, value)
            changed[name] = f"{name} {old!r} -> {value!r}"
    return changed


@transaction.atomic
def occupations_load(*, rows: Iterable[NocRow]) -> UpsertCounts:
    counts = UpsertCounts()
    existing = {occupation.code: occupation for occupation in Occupation.objects.all()}
    new = []
    for row in rows:
        values = {
            "title": row.title,
            "teer": row.teer,
            "broad_category": row.broad_category,
            "broad_category_title": row.broad_category_title,
        }
        occupation = existing.get(row.code)
        if occupation is None:
            new.append(Occupation(code=row.code, **values))
        elif changes := _apply(occupation, values):
            occupation.save()
            counts.updated += 1
            counts.changes.append(f"{row.code}: {', '.join(changes.values())}")
        else:
            counts.unchanged += 1
    counts.created = len(Occupation.objects.bulk_create(new))
    return counts


@transaction.atomic
def occupation_titles_load(*, rows: Iterable[Mapping[str, str]]) -> int:
    """Replace the everyday titles with `rows` ({"code", "title"}); a title of a code that is
    not loaded is left out. Returns how many were stored."""
    codes = set(Occupation.objects.values_list("code", flat=True))
    OccupationTitle.objects.all().delete()
    titles = {
        row["title"].strip(): row["code"] for row in rows if row["code"] in codes
    }  # one occupation per title: the later row wins, as a reviewer reading the file expects
    return len(
        OccupationTitle.objects.bulk_create(
            OccupationTitle(title=title, occupation_id=code) for title, code in titles.items()
        )
    )


@transaction.atomic
def categories_load(*, rows: Iterable[Mapping[str, Any]]) -> UpsertCounts:
    """Create the shipped category versions that are missing and add missing draw names.

    Versions that already exist are left alone: staff may have corrected them in admin, and
    loading again must not undo that (their edits are in the history).
    """
    counts = UpsertCounts()
    for row in rows:
        category, created = Category.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "family": row["family"],
                "occupation_codes": sorted(row["occupations"]),
                "months_required": row["months_required"],
                "continuous": row["continuous"],
                "window_years": row["window_years"],
                "canada_only": row["canada_only"],
                "min_french_nclc": row["min_french_nclc"],
                "other_conditions": "\n".join(row["other_conditions"]),
                "min_education": row["min_education"] or "",
                "military_service_years": row["military_service_years"],
                "caf_offer_occupations": sorted(row["caf_offer_occupations"]),
                "caf_offer_min_years": row["caf_offer_min_years"],
                "valid_from": date.fromisoformat(row["valid_from"]),
                "valid_to": date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
                "notes": row["notes"],
            },
        )
        added_names = 0
        for name in row["draw_names"]:
            _, name_created = CategoryDrawName.objects.get_or_create(
                name=name, defaults={"category": category}
            )
            added_names += name_created
        if created:
            counts.created += 1
        elif added_names:
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def draw_values_from_feed(feed_round: FeedRound, category_by_name: Mapping[str, Category]) -> dict:
    """The Draw fields of a round; `category_by_name` is keyed by `draw_name_key`."""
    category = category_by_name.get(draw_name_key(feed_round.name))
    round_type = round_type_for(feed_round.name) or Draw.RoundType.CATEGORY
    # The feed's distribution lists the leaf CRS bands, then (0, 1200, total).
    *buckets, (_, _, total) = feed_round.distribution or ((0, 0, 0),)
    return {
        "held_on": feed_round.held_on,
        "held_at": feed_round.held_at,
        "held_at_note": feed_round.held_at_note,
        "name": feed_round.name,
        "round_type": round_type,
        "category": category if round_type == Draw.RoundType.CATEGORY else None,
        "programs_text": feed_round.programs_text,
        "invitations": feed_round.invitations,
        "min_crs": feed_round.cutoff,
        "tie_break_at": feed_round.tie_break,
        "distribution_as_of": feed_round.distribution_as_of,
        "pool_distribution": [list(bucket) for bucket in buckets] if buckets else None,
        "pool_total": total if buckets else None,
        "source_data": feed_round.raw,
    }


@transaction.atomic
def draws_import(*, rounds: Iterable[FeedRound]) -> UpsertCounts:
    """Upsert IRCC's rounds by number, all or nothing.

    New rounds arrive published (IRCC has published them) unless their name maps to no known
    category: those stay drafts, listed in `unmapped_names`, until staff map the name; the next
    import then publishes them.
    """
    counts = UpsertCounts()
    category_by_name = {
        draw_name_key(draw_name.name): draw_name.category
        for draw_name in CategoryDrawName.objects.select_related("category")
    }
    existing = {draw.number: draw for draw in Draw.objects.select_related("category")}
    now = timezone.now()
    for feed_round in rounds:
        values = draw_values_from_feed(feed_round, category_by_name)
        if values["round_type"] == Draw.RoundType.CATEGORY and values["category"] is None:
            counts.unmapped_names.setdefault(feed_round.name, []).append(feed_round.number)
        draw = existing.get(feed_round.number)
        mapped = values["round_type"] != Draw.RoundType.CATEGORY or values["category"]
        if draw is not None and mapped and _held_back(draw):
            values |= {"status": Draw.Status.PUBLISHED, "published_at": now}
        if draw is None:
            draw = Draw.objects.create(
                number=feed_round.number,
                source=Draw.Source.IMPORTED,
                status=Draw.Status.PUBLISHED if mapped else Draw.Status.DRAFT,
                published_at=now if mapped else None,
                **values,
            )
            counts.created += 1
            if mapped:
                counts.rules_changed_ids.append(draw.pk)
        elif changes := _apply(draw, values):
            draw._change_reason = "Imported from IRCC"  # type: ignore[attr-defined]  # django-simple-history's
            draw.save()
            counts.updated += 1
            visible = [change for name, change in changes.items() if name != "source_data"]
            counts.changes.append(f"{draw.number}: {'; '.join(visible) or 'source data'}")
            if Draw.RULE_FIELDS.intersection(changes) or "status" in changes:
                counts.rules_changed_ids.append(draw.pk)
        else:
            counts.unchanged += 1
    return counts


def _held_back(draw: Draw) -> bool:
    """An imported round kept as a draft because its name mapped to nothing."""
    return draw.source == Draw.Source.IMPORTED and draw.status == Draw.Status.DRAFT


def draw_mark_published(*, draw: Draw) -> bool:
    """Publish a draft draw, recording when. Returns False if it was already published.

    The row lock makes two staff clicking "Publish" at once publish it once; saving (rather
    than a bare UPDATE) keeps the change in the draw's history. The caller
    (eligibility.services.draw_publish) starts the re-evaluation.
    """
    with transaction.atomic():
        locked = Draw.objects.select_for_update().get(pk=draw.pk)
        if locked.status == Draw.Status.PUBLISHED:
            return False
        locked.status, locked.published_at = Draw.Status.PUBLISHED, timezone.now()
        locked._change_reason = "Published"  # type: ignore[attr-defined]  # django-simple-history's
        locked.save(update_fields=["status", "published_at", "updated_at"])
    draw.status, draw.published_at = locked.status, locked.published_at
    return True
