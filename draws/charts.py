"""A small server-rendered SVG line chart: no JavaScript, no CDN, works offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28


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
    polyline: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_bottom: int


def _crs_step(span: int) -> int:
    return next(step for step in (10, 25, 50, 100, 200) if span / step <= 8)


def line_chart(series: list[tuple[date, int, str, str]]) -> LineChart | None:
    """Lay out (day, value, label, url) points, oldest first, on fixed-size axes."""
    if not series:
        return None
    first, last = series[0][0], series[-1][0]
    days = max((last - first).days, 1)
    step = _crs_step(max(value for _, value, _, _ in series) - min(v for _, v, _, _ in series))
    low = min(value for _, value, _, _ in series) // step * step
    high = -(-max(value for _, value, _, _ in series) // step) * step
    high = max(high, low + step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        return round(LEFT + (day - first).days / days * plot_width, 1)

    def y_of(value: int) -> float:
        return round(TOP + (high - value) / (high - low) * plot_height, 1)

    points = [ChartPoint(x_of(day), y_of(value), label, url) for day, value, label, url in series]
    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    x_ticks = [Tick(x_of(date(year, 1, 1)), str(year)) for year in years]
    y_ticks = [Tick(y_of(value), str(value)) for value in range(low, high + 1, step)]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{point.x},{point.y}" for point in points),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=LEFT,
        plot_bottom=HEIGHT - BOTTOM,
    )
