"""Reads for draws. Each returns a queryset or plain data with its joins stated."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from draws.models import Category, Draw


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


def categories_active_on(day: date) -> QuerySet[Category]:
    """Category versions in force on `day` (announced and not yet superseded)."""
    return Category.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
