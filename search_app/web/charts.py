"""Charts drawn on the server as SVG: data in, markup out, no JavaScript.

A bar chart for one query, a line chart with a legend for several. Both shade the
programme periods, label their axes and wrap every bar or point in a link with an
accessible label. Sizes are in viewBox units: the chart scales to its container's width.
Colours come from classes (``static/style.css``): the site's CSP allows no inline style.
Every text is escaped here, so the result is safe to print as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 66, 12, 26, 46  # room for the y ticks, band labels, x ticks
PLOT_HEIGHT = {"bar": 110, "line": 200}
Y_TICKS = 4
MAX_X_LABELS = 12  # year labels under the axis; more would overlap on a phone
LEGEND_ROW = 20
LEGEND_CHARS = 34  # a legend entry's query is cut after this many characters
SERIES_STYLES = 4  # series-0 … series-3: a colour and a dash pattern each


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None  # what is drawn: a count or a share; None: nothing to draw (a gap)
    label: str  # the accessible label of its link (and its tooltip)
    url: str


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Band:
    """A programme period, shaded behind the data."""

    label: str
    first: int
    last: int


@dataclass(frozen=True)
class Texts:
    """The chart's words, already translated."""

    title: str
    description: str
    x_label: str
    y_label: str


@dataclass(frozen=True)
class Frame:
    """Where years and values land in the viewBox."""

    first: int
    last: int
    top_value: float
    plot_top: float
    plot_height: float

    @property
    def step(self) -> float:
        return (WIDTH - LEFT - RIGHT) / (self.last - self.first + 1)

    def x(self, year: float) -> float:
        """The middle of ``year``'s column."""
        return LEFT + (year - self.first + 0.5) * self.step

    def y(self, value: float) -> float:
        return self.plot_top + self.plot_height * (1 - value / self.top_value)

    @property
    def bottom(self) -> float:
        return self.plot_top + self.plot_height


def bar_chart(
    series: Series,
    bands: list[Band],
    texts: Texts,
    tick: Callable[[float], str],
    uid: str,
    whole: bool = False,
) -> Markup:
    """One query's values per year as bars; ``tick`` writes an axis value, ``whole``
    keeps the axis steps whole numbers, ``uid`` makes the chart's element ids unique."""
    frame = _frame(series.points, "bar", TOP, whole)
    bars = [_bar(point, frame) for point in series.points if point.value is not None]
    return _svg("bar", frame, bands, texts, tick, uid, [], bars)


def line_chart(
    many: list[Series],
    bands: list[Band],
    texts: Texts,
    tick: Callable[[float], str],
    uid: str,
    whole: bool = False,
) -> Markup:
    """Several queries' values per year as lines, told apart by colour and dashes."""
    legend = _legend(many)
    top = TOP + len(legend) * LEGEND_ROW
    frame = _frame([p for s in many for p in s.points], "line", top, whole)
    lines = [_line(index, s, frame) for index, s in enumerate(many)]
    return _svg("line", frame, bands, texts, tick, uid, legend, lines)


def nice_top(value: float, whole: bool = False) -> float:
    """The axis maximum: ``value`` rounded up so that the four steps up to it are 1, 2, 2.5
    or 5 times a power of ten; ``whole``: steps of whole numbers (counts of documents)."""
    if value <= 0:
        return float(Y_TICKS) if whole else 1.0
    power = 10 ** math.floor(math.log10(value / Y_TICKS))
    for factor in (1, 2, 2.5, 5, 10, 20):
        step = factor * power
        if whole and (step < 1 or step != int(step)):
            continue
        if step * Y_TICKS >= value * (1 - 1e-9):
            return step * Y_TICKS
    raise AssertionError("unreachable: 20 × power × 4 is above any value")  # pragma: no cover


def year_labels(first: int, last: int) -> list[int]:
    """The years written under the axis: every one, or every 2nd, 5th … so that at most
    ``MAX_X_LABELS`` show, on round years."""
    count = last - first + 1
    every = next(
        s for s in (1, 2, 5, 10, 20, 50, 100, count) if math.ceil(count / s) <= MAX_X_LABELS
    )
    return [year for year in range(first, last + 1) if year % every == 0 or every == count]


# --- Parts ----------------------------------------------------------------------------------


def _frame(points, kind: str, top: float, whole: bool) -> Frame:
    years = [p.year for p in points]
    highest = max((p.value for p in points if p.value is not None), default=0.0)
    return Frame(min(years), max(years), nice_top(highest, whole), top, PLOT_HEIGHT[kind])


def _svg(kind, frame: Frame, bands, texts: Texts, tick, uid: str, legend, data) -> Markup:
    height = frame.bottom + BOTTOM
    parts = [
        f'<svg class="chart chart-{kind}" viewBox="0 0 {WIDTH} {_n(height)}" role="img"'
        f' aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">{escape(texts.title)}</title>',
        f'<desc id="{uid}-desc">{escape(texts.description)}</desc>',
        *_bands(bands, frame),
        *_y_axis(frame, tick, texts.y_label),
        *_x_axis(frame, texts.x_label),
        *legend,
        *data,
        "</svg>",
    ]
    return Markup("\n".join(parts))


def _bands(bands: list[Band], frame: Frame) -> list[str]:
    """Each period's years shaded (cut to the chart's years), its name on top."""
    parts = []
    for index, band in enumerate(bands):
        first, last = max(band.first, frame.first), min(band.last, frame.last)
        if first > last:
            continue
        left, right = frame.x(first - 0.5), frame.x(last + 0.5)
        parts.append(
            f'<rect class="band band-{index % 2}" x="{_n(left)}" y="{_n(frame.plot_top)}"'
            f' width="{_n(right - left)}" height="{_n(frame.plot_height)}"/>'
        )
        parts.append(
            f'<text class="band-label" x="{_n((left + right) / 2)}"'
            f' y="{_n(frame.plot_top - 6)}" text-anchor="middle">{escape(band.label)}</text>'
        )
    return parts


def _y_axis(frame: Frame, tick, label: str) -> list[str]:
    parts = []
    for step in range(Y_TICKS + 1):
        value = frame.top_value * step / Y_TICKS
        y = _n(frame.y(value))
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y}" text-anchor="end"'
            f' dominant-baseline="middle">{escape(tick(value))}</text>'
        )
    middle = _n(frame.plot_top + frame.plot_height / 2)
    parts.append(
        f'<text class="axis-label" x="12" y="{middle}" text-anchor="middle"'
        f' transform="rotate(-90 12 {middle})">{escape(label)}</text>'
    )
    return parts


def _x_axis(frame: Frame, label: str) -> list[str]:
    bottom = _n(frame.bottom)
    parts = [f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>']
    for year in year_labels(frame.first, frame.last):
        parts.append(
            f'<text class="tick" x="{_n(frame.x(year))}" y="{_n(frame.bottom + 18)}"'
            f' text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<text class="axis-label" x="{_n((LEFT + WIDTH - RIGHT) / 2)}"'
        f' y="{_n(frame.bottom + 40)}" text-anchor="middle">{escape(label)}</text>'
    )
    return parts


def _bar(point: Point, frame: Frame) -> str:
    """A bar inside a link; the link also holds the whole column, so that a year with few
    documents (or none) is as easy to click or tap as any other."""
    left = frame.x(point.year - 0.5)
    top = frame.y(point.value)
    return (
        f'<a class="mark" href="{escape(point.url)}" aria-label="{escape(point.label)}">'
        f"<title>{escape(point.label)}</title>"
        f'<rect class="column" x="{_n(left)}" y="{_n(frame.plot_top)}"'
        f' width="{_n(frame.step)}" height="{_n(frame.plot_height)}"/>'
        f'<rect class="bar" x="{_n(left + frame.step * 0.15)}" y="{_n(top)}"'
        f' width="{_n(frame.step * 0.7)}" height="{_n(frame.bottom - top)}"'
        f' data-year="{point.year}"/></a>'
    )


def _line(index: int, series: Series, frame: Frame) -> str:
    """A series' line, broken where it has no value, with a linked point per value."""
    style = f"series-{index % SERIES_STYLES}"
    lines = [
        f'<polyline class="line" points="{" ".join(_xy(p, frame) for p in run)}"/>'
        for run in _runs(series.points)
    ]
    points = [
        f'<a class="mark" href="{escape(p.url)}" aria-label="{escape(p.label)}">'
        f"<title>{escape(p.label)}</title>"
        f'<circle class="point" cx="{_n(frame.x(p.year))}" cy="{_n(frame.y(p.value))}" r="4"'
        f' data-year="{p.year}"/></a>'
        for p in series.points
        if p.value is not None
    ]
    return "\n".join([f'<g class="{style}">', *lines, *points, "</g>"])


def _runs(points) -> list[list[Point]]:
    """The stretches of consecutive points that have a value."""
    runs: list[list[Point]] = [[]]
    for point in points:
        if point.value is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _xy(point: Point, frame: Frame) -> str:
    return f"{_n(frame.x(point.year))},{_n(frame.y(point.value))}"


def _legend(many: list[Series]) -> list[str]:
    """One row per query, above the plot: a sample of its line, then its words."""
    parts = []
    for index, series in enumerate(many):
        y = TOP - 8 + index * LEGEND_ROW
        name = (
            series.name
            if len(series.name) <= LEGEND_CHARS
            else series.name[: LEGEND_CHARS - 1] + "…"
        )
        parts.append(
            f'<g class="legend series-{index % SERIES_STYLES}">'
            f'<line class="line" x1="{LEFT}" x2="{LEFT + 28}" y1="{y}" y2="{y}"/>'
            f'<circle class="point" cx="{LEFT + 14}" cy="{y}" r="4"/>'
            f'<text x="{LEFT + 36}" y="{y}" dominant-baseline="middle">{escape(name)}</text></g>'
        )
    return parts


def _n(number: float) -> str:
    """A coordinate, short: 12, 12.5, 12.25."""
    return f"{number:.2f}".rstrip("0").rstrip(".")
