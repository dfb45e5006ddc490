"""Reads for draws. Each returns a queryset or plain data with its joins stated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from draws.models import Category, Draw, FeedSync, Occupation, OccupationTitle

#: Bounds of an occupation typed as words: the longest NOC 2021 title has 106 characters and
#: 13 words. Each word is one filter of the search, so longer text is refused, not searched.
OCCUPATION_TEXT_MAX_LENGTH = 200
OCCUPATION_TEXT_MAX_WORDS = 16


def published_draws() -> QuerySet[Draw]:
    return Draw.objects.filter(status=Draw.Status.PUBLISHED).select_related("category")


def draws_filtered(*, round_type: str = "", family: str = "") -> QuerySet[Draw]:
    draws = published_draws()
    if round_type:
        draws = draws.filter(round_type=round_type)
    if family:
        draws = draws.filter(category__family=family)
    return draws


def draw_get_published(*, number: str) -> Draw | None:
    return published_draws().filter(number=number).first()


def published_draw_data_version(*, number: str) -> str | None:
    """The draws' data version if a draw of this number is published, else None: in one query,
    all a cached draw page needs."""
    published = Draw.objects.filter(status=Draw.Status.PUBLISHED, number=number)
    versions = published.annotate(version=data_version_annotation()).values_list("version")
    found = versions.first()
    return None if found is None else str(found[0])


def occupation_text_problem(text: str) -> str | None:
    """Why `text` cannot be searched (too long, too many words, a NUL character that
    PostgreSQL refuses), or None. Checked before any query is built."""
    if len(text) > OCCUPATION_TEXT_MAX_LENGTH:
        return (
            f"Type at most {OCCUPATION_TEXT_MAX_LENGTH} characters: a NOC code, or a few words "
            "of the title."
        )
    if "\x00" in text:
        return "Null characters are not allowed."
    if len(title_words(text)) > OCCUPATION_TEXT_MAX_WORDS:
        return f"Type at most {OCCUPATION_TEXT_MAX_WORDS} words of the title, or the NOC code."
    return None


def title_words(text: str) -> list[str]:
    return list(dict.fromkeys(text.lower().split()))


def occupations_matching(text: str) -> QuerySet[Occupation]:
    """Occupations whose code starts with `text` (digits), or whose title or one of whose
    everyday titles ("family doctor") holds every word of it, by code; all of them for empty
    text. `text` must pass `occupation_text_problem`."""
    text = text.strip()
    occupations = Occupation.objects.order_by("code")
    if text.isdigit():
        return occupations.filter(code__startswith=text)
    if not text:
        return occupations
    official, everyday = Q(), OccupationTitle.objects.all()
    for word in title_words(text):
        official &= Q(title__icontains=word)
        everyday = everyday.filter(title__icontains=word)
    return occupations.filter(official | Q(code__in=everyday.values("occupation_id")))


def occupation_named(text: str) -> Occupation | None:
    """The occupation whose title or everyday title is exactly `text` (any case): "RN" is an
    everyday title, though its letters are in many official ones."""
    text = text.strip()
    named = Q(title__iexact=text) | Q(titles__title__iexact=text)
    return Occupation.objects.filter(named).distinct().first()


def categories_active_on(day: date) -> QuerySet[Category]:
    """Category versions in force on `day` (announced and not yet superseded)."""
    return Category.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


@dataclass(frozen=True)
class DrawsFreshness:
    """How current the draws are: when IRCC's feed was last read, and when the latest attempt
    failed if it did."""

    checked_at: datetime | None
    failed_at: datetime | None


def draws_freshness() -> DrawsFreshness:
    """One query while the feed is read well; two after a failed attempt."""
    finished = FeedSync.objects.exclude(status=FeedSync.Status.RUNNING).only(
        "status", "started_at", "finished_at"
    )
    latest = finished.first()
    if latest is None or latest.reached_feed:
        return DrawsFreshness(checked_at=latest.finished_at if latest else None, failed_at=None)
    reached = finished.filter(
        status__in=[FeedSync.Status.SUCCEEDED, FeedSync.Status.NOT_MODIFIED]
    ).first()
    return DrawsFreshness(
        checked_at=reached.finished_at if reached else None, failed_at=latest.started_at
    )


def _data_version_sql() -> str:
    """What `data_version` is, as one SQL expression (text)."""

    def table(model: type[Model]) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    parts = [
        f"SELECT MAX(updated_at) FROM {table(Draw)}",
        f"SELECT COUNT(*) FROM {table(Draw)}",
        f"SELECT MAX(updated_at) FROM {table(Category)}",
        f"SELECT MAX(finished_at) FROM {table(FeedSync)}",
    ]
    return " || '|' || ".join(f"COALESCE(CAST(({part}) AS TEXT), '')" for part in parts)


def data_version() -> str:
    """Changes whenever anything a page derives from the draws data changes: a draw published,
    edited or deleted, a category version edited, a sync with IRCC's feed. Pages cached under
    it are never older than the data. One query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_data_version_sql()}")
        return str(cursor.fetchone()[0])


def data_version_annotation() -> RawSQL:
    """`data_version` as an annotation, to read it in the query that loads another row."""
    return RawSQL(_data_version_sql(), ())
