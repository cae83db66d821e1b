"""What the trend and period-comparison pages render, from the engine's counts: charts,
table rows, numbers written the reader's way, and the searches every number links to.

``link(request)`` turns a SearchRequest into the URL of its results page, so a count
always opens the documents it counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from markupsafe import Markup

from search_app.engine.analytics import Association, Comparison, Trend, Trends
from search_app.engine.service import SearchRequest
from search_app.web import charts
from search_app.web.i18n import language, t

Link = Callable[[SearchRequest], str]
MEASURES = ("share", "count")


# --- Numbers, as the reader writes them ------------------------------------------------


def format_count(number: int, lang: str) -> str:
    """12345 → "12.345" in Vietnamese, "12,345" in English."""
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_share(share: float, lang: str) -> str:
    """A fraction as a percentage: two decimals under 1 % (shares of big years are small),
    one above; a decimal comma in Vietnamese."""
    percent = share * 100
    if percent == 0:
        text = "0"
    else:
        text = f"{percent:.2f}" if percent < 1 else f"{percent:.1f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return (text.replace(".", ",") if lang == "vi" else text) + "%"


def format_change(change: float, lang: str) -> str:
    """A difference of shares in percentage points, signed: "+4,5", "−2", "0"."""
    points = round(change * 100, 1)
    text = f"{abs(points):.1f}".rstrip("0").rstrip(".")
    text = text.replace(".", ",") if lang == "vi" else text
    sign = "+" if points > 0 else "−" if points < 0 else ""
    return sign + text


# --- Trends ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    count: str
    share: str
    url: str


@dataclass(frozen=True)
class YearRow:
    year: int
    documents: str  # all documents of the year in the index
    cells: list[Cell]  # one per query


@dataclass(frozen=True)
class Column:
    """One query of the chart: its name and its search, with totals."""

    name: str
    url: str
    trends_url: str
    compare_url: str
    total: str
    undated: str


@dataclass(frozen=True)
class TrendView:
    chart: Markup | None  # None when the index holds no dated document
    columns: list[Column]
    rows: list[YearRow]
    measure: str


def trend_view(
    trends: Trends, requests: list[SearchRequest], measure: str, uid: str, links: dict
) -> TrendView:
    """The chart (bars for one query, lines for more) and its table; ``links`` holds the
    ``search``, ``trends`` and ``compare`` Link functions."""
    lang = language()
    pairs = list(zip(trends.queries, requests, strict=True))
    columns = [
        Column(
            name=query_name(trend.query),
            url=links["search"](request),
            trends_url=links["trends"](request),
            compare_url=links["compare"](request),
            total=format_count(trend.total, lang),
            undated=format_count(trend.undated, lang),
        )
        for trend, request in pairs
    ]
    rows = [
        YearRow(
            year=year.year,
            documents=format_count(year.documents, lang),
            cells=[
                _cell(trend.years[i], request, links["search"], lang) for trend, request in pairs
            ],
        )
        for i, year in enumerate(trends.queries[0].years if trends.queries else [])
    ]
    chart = _chart(trends, requests, measure, uid, links["search"]) if rows else None
    return TrendView(chart, columns, rows, measure)


def query_name(query: str) -> str:
    """How a trend's query is named: in quotes, or "all documents" for none."""
    return f"“{query}”" if query else t("all_documents")


def year_search(request: SearchRequest, year: int) -> SearchRequest:
    """The search a bar opens: the same query and filters, that year only."""
    return replace(request, years=(year,), page=1)


def _cell(year, request: SearchRequest, link: Link, lang: str) -> Cell:
    url = link(year_search(request, year.year))
    return Cell(format_count(year.count, lang), format_share(year.share, lang), url)


def _chart(trends: Trends, requests, measure: str, uid: str, link: Link) -> Markup:
    lang = language()
    series = [
        _series(trend, request, measure, link, lang)
        for trend, request in zip(trends.queries, requests, strict=True)
    ]
    bands = [
        charts.Band(span.period.replace("-", "–"), span.first, span.last) for span in trends.periods
    ]
    texts = charts.Texts(
        title=t(f"chart_title_{measure}", queries=", ".join(s.name for s in series)),
        description=" ".join(_summary(trend, lang) for trend in trends.queries),
        x_label=t("chart_x_label"),
        y_label=t(f"chart_y_{measure}"),
    )

    def tick(value: float) -> str:
        return format_share(value, lang) if measure == "share" else format_count(round(value), lang)

    whole = measure == "count"
    if len(series) == 1:
        return charts.bar_chart(series[0], bands, texts, tick, uid, whole)
    return charts.line_chart(series, bands, texts, tick, uid, whole)


def _series(trend: Trend, request, measure: str, link: Link, lang: str) -> charts.Series:
    name = query_name(trend.query)
    points = tuple(
        charts.Point(
            year=year.year,
            value=_value(year, measure),
            label=t(
                "chart_point",
                query=name,
                year=year.year,
                count=format_count(year.count, lang),
                share=format_share(year.share, lang),
                documents=format_count(year.documents, lang),
            ),
            url=link(year_search(request, year.year)),
        )
        for year in trend.years
    )
    return charts.Series(name, points)


def _value(year, measure: str) -> float | None:
    """What a year's bar or point shows; a year without any document has no share."""
    if measure == "count":
        return year.count
    return year.share if year.documents else None


def _summary(trend: Trend, lang: str) -> str:
    """One sentence per query for the chart's description: total, peak year, undated."""
    name = query_name(trend.query)
    peak = max(trend.years, key=lambda y: (y.count, -y.year), default=None)
    if peak is None or peak.count == 0:
        return t("chart_summary_none", query=name, total=format_count(trend.total, lang))
    return t(
        "chart_summary",
        query=name,
        total=format_count(trend.total, lang),
        year=peak.year,
        count=format_count(peak.count, lang),
        undated=format_count(trend.undated, lang),
    )


# --- Period comparison ----------------------------------------------------------------------


@dataclass(frozen=True)
class SideView:
    period: str
    count: str
    documents: str
    share: str
    url: str  # the search within the period
    hits: list  # (Hit, document URL)


@dataclass(frozen=True)
class AssociationRow:
    label: str
    url: str  # the search with this leader or reform area
    cells: list[Cell]  # one per period: matches holding the value, share of the matches
    change: str  # the later period's share minus the earlier's, in percentage points
    direction: str  # "up", "down" or "same"


@dataclass(frozen=True)
class ComparisonView:
    sides: list[SideView]
    leaders: list[AssociationRow]
    topics: list[AssociationRow]


def comparison_view(
    comparison: Comparison, request: SearchRequest, link: Link, doc_link: Callable
) -> ComparisonView:
    """Both periods side by side; ``doc_link(hit)`` is a top document's page."""
    lang = language()
    base = replace(request, periods=(), page=1)
    sides = [
        SideView(
            period=side.period.replace("-", "–"),
            count=format_count(side.count, lang),
            documents=format_count(side.documents, lang),
            share=format_share(side.share, lang),
            url=link(replace(base, periods=(side.period,))),
            hits=[(hit, doc_link(hit)) for hit in side.top],
        )
        for side in comparison.periods
    ]
    periods = [side.period for side in comparison.periods]
    return ComparisonView(
        sides=sides,
        leaders=[_association(a, "leaders", base, periods, link, lang) for a in comparison.leaders],
        topics=[_association(a, "topics", base, periods, link, lang) for a in comparison.topics],
    )


def _association(
    found: Association, attribute: str, base: SearchRequest, periods, link: Link, lang: str
) -> AssociationRow:
    with_value = replace(base, **{attribute: (found.value,)})
    cells = [
        Cell(
            format_count(found.counts[period], lang),
            format_share(found.shares[period], lang),
            link(replace(with_value, periods=(period,))),
        )
        for period in periods
    ]
    direction = "up" if found.change > 0 else "down" if found.change < 0 else "same"
    return AssociationRow(
        found.label, link(with_value), cells, format_change(found.change, lang), direction
    )
