"""Small server-rendered SVG charts: no JavaScript, no CDN, works offline.

`line_chart` draws a series of points joined by a line (the cut-off over time), broken where
no draw was held for more than a year; `step_chart` a value that holds until its next change (a
person's projected score), with separate markers (cut-offs to compare with) and a marked day
(today). Both share the same axes, with a label on each year or, over a short span, on months.

The SVG holds no links: a chart is one image to a screen reader (role="img"), and the pages list
the same figures with their links after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
#: Points further apart than this are not joined: a straight line across years without a draw
#: would show cut-offs nobody saw.
GAP = timedelta(days=366)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    url: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[ChartPoint]
    polylines: list[str]  # one per run of points joined by the line
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_bottom: int
    markers: list[ChartPoint] | None = None  # points not on the line
    marked_x: float | None = None  # a vertical line, e.g. today


def _crs_step(span: int) -> int:
    return next((step for step in (10, 25, 50, 100, 200) if span / step <= 8), 200)


@dataclass(frozen=True)
class _Axes:
    x_of: Callable[[date], float]
    y_of: Callable[[int], float]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def _axes(first: date, last: date, values: Sequence[int]) -> _Axes:
    """Days from `first` to `last` across, `values`' range (rounded out to a step) up."""
    days = max((last - first).days, 1)
    step = _crs_step(max(values) - min(values))
    low = min(values) // step * step
    high = max(-(-max(values) // step) * step, low + step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        return round(LEFT + (day - first).days / days * plot_width, 1)

    def y_of(value: int) -> float:
        return round(TOP + (high - value) / (high - low) * plot_height, 1)

    return _Axes(
        x_of,
        y_of,
        [Tick(x_of(day), label) for day, label in _date_ticks(first, last)],
        [Tick(y_of(value), str(value)) for value in range(low, high + 1, step)],
    )


def _date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Each 1 January from `first` to `last`; over less than two years, the first of each
    month (every third one over a year), so that a short series still has dates."""
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    if len(years) >= 2:
        return [(date(year, 1, 1), str(year)) for year in years]
    months = [
        date(year, month, 1)
        for year in range(first.year, last.year + 1)
        for month in range(1, 13)
        if first <= date(year, month, 1) <= last
    ]
    every = 1 if len(months) <= 8 else 3
    return [(day, f"{day:%b %Y}") for day in months[::every]] or [(first, f"{first:%d %b %Y}")]


def _runs(series: list[tuple[date, int, str, str]]) -> list[list[tuple[date, int, str, str]]]:
    """The series cut where two neighbouring points are more than GAP apart."""
    runs = [series[:1]]
    for previous, point in pairwise(series):
        if point[0] - previous[0] > GAP:
            runs.append([])
        runs[-1].append(point)
    return runs


def line_chart(series: list[tuple[date, int, str, str]]) -> LineChart | None:
    """Lay out (day, value, label, url) points, oldest first, on fixed-size axes."""
    if not series:
        return None
    axes = _axes(series[0][0], series[-1][0], [value for _, value, _, _ in series])
    points = [
        ChartPoint(axes.x_of(day), axes.y_of(value), label, url)
        for day, value, label, url in series
    ]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polylines=[
            " ".join(f"{axes.x_of(day)},{axes.y_of(value)}" for day, value, _, _ in run)
            for run in _runs(series)
        ],
        x_ticks=axes.x_ticks,
        y_ticks=axes.y_ticks,
        plot_left=LEFT,
        plot_bottom=HEIGHT - BOTTOM,
    )


def step_chart(
    steps: list[tuple[date, int, str]],
    *,
    start: date,
    end: date,
    markers: Sequence[tuple[date, int, str, str]] = (),
    marked: date | None = None,
) -> LineChart | None:
    """A value from each step's (day, value, label) until the next step, drawn from the first
    step to `end`, on axes from `start` to `end`; `markers` are (day, value, label, url) points
    off the line, `marked` a day to draw a vertical line at."""
    if not steps:
        return None
    axes = _axes(start, end, [value for _, value, _ in steps] + [m[1] for m in markers])
    corners: list[str] = []
    for index, (day, value, _) in enumerate(steps):
        until = steps[index + 1][0] if index + 1 < len(steps) else end
        y = axes.y_of(value)
        corners += [f"{axes.x_of(day)},{y}", f"{axes.x_of(until)},{y}"]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=[
            ChartPoint(axes.x_of(day), axes.y_of(value), label, "") for day, value, label in steps
        ],
        polylines=[" ".join(corners)],
        x_ticks=axes.x_ticks,
        y_ticks=axes.y_ticks,
        plot_left=LEFT,
        plot_bottom=HEIGHT - BOTTOM,
        markers=[
            ChartPoint(axes.x_of(day), axes.y_of(value), label, url)
            for day, value, label, url in markers
        ],
        marked_x=axes.x_of(marked) if marked is not None else None,
    )
