from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from config.fragments import CACHED_SECONDS, cacheable_query, page_number
from draws import selectors
from draws.charts import line_chart
from draws.forms import SERIES_CHOICES, ChartForm, DrawFilterForm
from draws.models import Draw, pool_distribution_problem

DRAWS_PER_PAGE = 50


def _lazy(compute: Callable[[], Any]) -> Any:
    """A value computed when a template first reads it: on a cache hit, never."""
    return SimpleLazyObject(compute)


def _public_context(
    *, cache_query: str | None = "", data_version: str | None = None, **context: Any
) -> dict[str, Any]:
    """A public page's context: its values read lazily, under the draws' data version (read
    here unless given) and `cache_query` (see `cacheable_query`), which the page's
    `{% cache %}` block is keyed by; None keeps nothing in the cache. The cached part shows
    nothing personal; a hit costs the one query of `data_version`."""
    return {
        **context,
        "freshness": _lazy(selectors.draws_freshness),
        "data_version": data_version if data_version is not None else selectors.data_version(),
        "cache_query": cache_query,
        "cache_seconds": 0 if cache_query is None else CACHED_SECONDS,
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # On a miss, one query: the latest published draws with their category.
    latest = selectors.published_draws()[:10]
    return render(request, "draws/home.html", _public_context(latest=latest))


@require_GET
def draw_list(request: HttpRequest) -> HttpResponse:
    form = DrawFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    draws = selectors.draws_filtered(
        round_type=filters.get("round_type", ""), family=filters.get("category", "")
    )
    # On a miss, two queries: the count for the pager and one page of draws with their category.
    paginator = Paginator(draws, DRAWS_PER_PAGE)
    asked = request.GET.get("page", "")
    page = _lazy(lambda: paginator.get_page(asked))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "draws/draw_list.html",
        _public_context(
            cache_query=cacheable_query(request.GET, form),
            form=form,
            page=page,
            # For the title, outside the cached part: the page asked for (the pager's count,
            # which clamps it, is read only on a miss).
            title_page=_page_number(asked),
            query=query.urlencode(),
        ),
    )


def _page_number(asked: str) -> int | None:
    """A page number past the first as typed in the address, or None."""
    number = page_number(asked)
    return number if number is not None and number > 1 else None


@require_GET
def draw_detail(request: HttpRequest, number: str) -> HttpResponse:
    # One query on a hit: whether the draw is published, with the draws' data version; the
    # draw itself is read only to render the page (a miss).
    data_version = selectors.published_draw_data_version(number=number)
    if data_version is None:
        raise Http404("No published draw with that number.")
    draw = _lazy(lambda: selectors.draw_get_published(number=number))
    context = _public_context(
        data_version=data_version,
        number=number,
        draw=draw,
        distribution=_lazy(lambda: _distribution(draw)),
    )
    return render(request, "draws/draw_detail.html", context)


def _distribution(draw: Draw) -> list[dict[str, Any]]:
    """The pool's distribution as bars. Validated where it is entered; a row stored otherwise
    (an old row, a shell) hides the distribution instead of breaking the page."""
    valid = pool_distribution_problem(draw.pool_distribution) is None
    buckets = (draw.pool_distribution if valid else None) or []
    largest = max((count for _, _, count in buckets), default=0)
    return [
        {
            "low": low,
            "high": high,
            "count": count,
            "percent": 100 * count / largest if largest else 0,
        }
        for low, high, count in buckets
    ]


@require_GET
def cutoff_chart(request: HttpRequest) -> HttpResponse:
    asked = ChartForm(request.GET)
    series_of = (asked.cleaned_data.get("of") if asked.is_valid() else "") or "cec"
    form = ChartForm({"of": series_of})  # the selector shows the series drawn
    if series_of in Draw.RoundType.values:
        draws = selectors.draws_filtered(round_type=series_of)
    else:
        draws = selectors.draws_filtered(family=series_of)
    # On a miss, one query, oldest first, only the columns the chart needs.
    rows = draws.order_by("held_on", "held_at").values_list("held_on", "min_crs", "number")
    return render(
        request,
        "draws/chart.html",
        _public_context(
            cache_query=series_of,  # a valid series: what the chart shows, whatever was asked
            form=form,
            series_label=dict(SERIES_CHOICES)[series_of],
            plot=_lazy(lambda: _plot(rows)),
        ),
    )


def _plot(rows: Iterable[tuple[date, int, str]]) -> dict[str, Any]:
    """The chart of (date, cut-off, number) rows and how many draws it shows."""
    series = [
        (
            held_on,
            crs,
            f"#{number} {held_on:%Y-%m-%d}: {crs}",
            reverse("draws:detail", args=[number]),
        )
        for held_on, crs, number in rows
    ]
    return {"chart": line_chart(series), "count": len(series)}
