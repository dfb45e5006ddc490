from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from draws import selectors
from draws.charts import line_chart
from draws.forms import SERIES_CHOICES, ChartForm, DrawFilterForm
from draws.models import Draw, pool_distribution_problem

DRAWS_PER_PAGE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # One query: the latest published draws with their category.
    latest = list(selectors.published_draws()[:10])
    return render(
        request,
        "draws/home.html",
        {"latest": latest, "freshness": selectors.draws_freshness()},
    )


@require_GET
def draw_list(request: HttpRequest) -> HttpResponse:
    form = DrawFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    draws = selectors.draws_filtered(
        round_type=filters.get("round_type", ""), family=filters.get("category", "")
    )
    # Two queries: the count for the pager and one page of draws with their category.
    page = Paginator(draws, DRAWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "draws/draw_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "freshness": selectors.draws_freshness(),
        },
    )


@require_GET
def draw_detail(request: HttpRequest, number: str) -> HttpResponse:
    draw = selectors.draw_get_published(number=number)
    if draw is None:
        raise Http404("No published draw with that number.")
    # Validated where it is entered; a row stored otherwise (an old row, a shell) hides the
    # distribution instead of breaking the page.
    valid = pool_distribution_problem(draw.pool_distribution) is None
    buckets = (draw.pool_distribution if valid else None) or []
    largest = max((count for _, _, count in buckets), default=0)
    rows = [
        {
            "low": low,
            "high": high,
            "count": count,
            "percent": 100 * count / largest if largest else 0,
        }
        for low, high, count in buckets
    ]
    return render(
        request,
        "draws/draw_detail.html",
        {"draw": draw, "distribution": rows, "freshness": selectors.draws_freshness()},
    )


@require_GET
def cutoff_chart(request: HttpRequest) -> HttpResponse:
    asked = ChartForm(request.GET)
    series_of = (asked.cleaned_data.get("of") if asked.is_valid() else "") or "cec"
    form = ChartForm({"of": series_of})  # the selector shows the series drawn
    if series_of in Draw.RoundType.values:
        draws = selectors.draws_filtered(round_type=series_of)
    else:
        draws = selectors.draws_filtered(family=series_of)
    # One query, oldest first, only the columns the chart needs.
    rows = draws.order_by("held_on", "held_at").values_list("held_on", "min_crs", "number")
    series = [
        (
            held_on,
            crs,
            f"#{number} {held_on:%Y-%m-%d}: {crs}",
            reverse("draws:detail", args=[number]),
        )
        for held_on, crs, number in rows
    ]
    return render(
        request,
        "draws/chart.html",
        {
            "form": form,
            "chart": line_chart(series),
            "series_label": dict(SERIES_CHOICES)[series_of],
            "count": len(series),
            "freshness": selectors.draws_freshness(),
        },
    )
