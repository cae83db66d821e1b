"""Trends per year and the 2011–2020 / 2021–2030 comparison: pages and JSON API.

The arguments are the search's (``params.search_request``), checked the same way: the
API answers a bad one with the search API's 400, a page shows it as a notice and goes on
with what was valid. ``q`` may be repeated on /trends, up to MAX_TREND_QUERIES times.
Paging does not apply here, nor does the order on /trends: those arguments are left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from flask import Blueprint, current_app, g, jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.schema import facet_label
from search_app.engine.analytics import MAX_TREND_QUERIES
from search_app.engine.service import SearchRequest, SearchResult
from search_app.web import analytics_pages, params
from search_app.web.api import api_language, refuse
from search_app.web.backend import get_service
from search_app.web.i18n import STRINGS, language, t

bp = Blueprint("analytics", __name__)

NOT_FOR_TRENDS = ("q", "page", "per_page", "sort")
NOT_FOR_COMPARE = ("q", "page", "per_page")
# The comparison shows both periods: a period filter cannot apply, and the answer says so.
PERIOD_IGNORED = "period_ignored"


@dataclass
class Asked:
    """What a trends or comparison request asks for, and what was wrong with it."""

    requests: list[SearchRequest]
    errors: list[params.ParamError]


# --- Pages ----------------------------------------------------------------------------------


@bp.get("/trends")
def trends_page():
    """Documents per year for up to four queries, as one chart with its table."""
    asked = read_request(NOT_FOR_TRENDS, MAX_TREND_QUERIES, limited=False)
    measure, measure_errors = _measure()
    trends = get_service().trends(asked.requests)
    view = analytics_pages.trend_view(trends, asked.requests, measure, "trend-chart", _links())
    notices = [e.message(t) for e in asked.errors + measure_errors]
    for trend in trends.queries:
        notices += [_query_notice(trend.query, code) for code in trend.notices]
    return render_template(
        "trends.html",
        view=view,
        queries=[r.query for r in asked.requests] + [""] * MAX_TREND_QUERIES,
        max_queries=MAX_TREND_QUERIES,
        hidden_fields=_hidden_fields(asked.requests[0], measure),
        measure_urls={m: _trends_url(asked.requests, m) for m in analytics_pages.MEASURES},
        filters=filter_text(asked.requests[0]),
        notices=notices,
    )


@bp.get("/compare")
def compare_page():
    """One query's matches in 2011–2020 beside 2021–2030."""
    asked = read_request(NOT_FOR_COMPARE, 1, limited=False)
    search = asked.requests[0]
    comparison = get_service().compare(search)
    view = analytics_pages.comparison_view(comparison, search, _search_url, _doc_url(search))
    notices = [e.message(t) for e in asked.errors]
    notices += [_notice(code) for code in _comparison_notices(search, comparison.notices)]
    return render_template(
        "compare.html",
        search=search,
        comparison=comparison,
        view=view,
        query_name=analytics_pages.query_name(search.query),
        hidden_fields=_hidden_fields(replace(search, periods=()), None),
        search_url=_search_url(search),
        trends_url=_trends_url([search], None),
        filters=filter_text(replace(search, periods=())),
        total=analytics_pages.format_count(comparison.total, language()),
        notices=notices,
    )


@bp.app_template_global("search_trend")
def search_trend(search: SearchRequest, result: SearchResult):
    """The results page's compact chart (counts per year) and its links, or None: the
    search counted its matches per year as it found them, so nothing is searched again."""
    trends = result.trend
    if trends is None or not trends.queries or trends.queries[0].total == 0:
        return None
    return analytics_pages.trend_view(trends, [search], "count", "search-trend", _links())


# --- JSON API -----------------------------------------------------------------------------


@bp.get("/api/trends")
def trends_api():
    """Each query's matching documents per year, counted and as a share of the year."""
    asked = read_request(NOT_FOR_TRENDS, MAX_TREND_QUERIES, limited=True)
    refuse(asked.errors)
    return jsonify(asdict(get_service().trends(asked.requests)))


@bp.get("/api/compare")
def compare_api():
    """One query's matches in 2011–2020 beside 2021–2030."""
    asked = read_request(NOT_FOR_COMPARE, 1, limited=True)
    refuse(asked.errors)
    search = asked.requests[0]
    data = asdict(get_service().compare(search))
    data["notices"] = _comparison_notices(search, data["notices"])
    for side in data["periods"]:
        for hit in side["top"]:
            del hit["title_html"]
    return jsonify(data)


# --- Reading the request ----------------------------------------------------------------------


def read_request(left_out: tuple[str, ...], max_queries: int, limited: bool) -> Asked:
    """One SearchRequest per ``q`` (blank ones skipped, repeats once; no ``q``: every
    document), all with the same filters. ``limited``: a query over the length limit is
    an error (the API's); otherwise the service cuts it and says so (the pages)."""
    config = current_app.config
    max_chars = config["REFORM_SEARCH_MAX_QUERY_CHARS"] if limited else None
    max_per_page = config["REFORM_SEARCH_MAX_PER_PAGE"]
    lang = api_language() if limited else language()
    rest = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k not in left_out])
    base, errors = params.search_request(rest, lang, max_per_page, max_chars)
    queries = list(dict.fromkeys(q.strip() for q in request.args.getlist("q") if q.strip()))
    if len(queries) > max_queries:
        errors.append(
            params.ParamError("q", queries[max_queries], "too_many", {"max": max_queries})
        )
        queries = queries[:max_queries]
    requests = []
    for query in queries or [""]:
        read, query_errors = params.search_request(
            MultiDict([("q", query)]), lang, max_per_page, max_chars
        )
        errors += query_errors
        requests.append(replace(base, query=read.query))
    return Asked(requests, errors)


def _measure() -> tuple[str, list[params.ParamError]]:
    """Counts or shares on /trends: shares by default, since a year with more documents
    in the index finds more of anything."""
    value = request.args.get("measure", "").strip()
    if value in analytics_pages.MEASURES:
        return value, []
    if value == "":
        return "share", []
    choices = {"choices": ", ".join(analytics_pages.MEASURES)}
    return "share", [params.ParamError("measure", value, "choice", choices)]


def _comparison_notices(search: SearchRequest, notices: list[str]) -> list[str]:
    return notices + [PERIOD_IGNORED] if search.periods else notices


# --- Links ----------------------------------------------------------------------------------


def _search_url(search: SearchRequest) -> str:
    return url_for("ui.search", **params.request_args(replace(search, page=1), g.lang_arg))


def _compare_url(search: SearchRequest) -> str:
    args = params.request_args(replace(search, page=1, per_page=SearchRequest.per_page))
    return url_for("analytics.compare_page", **args, lang=g.lang_arg)


def _trends_url(searches: list[SearchRequest], measure: str | None) -> str:
    plain = replace(
        searches[0], query="", page=1, per_page=SearchRequest.per_page, sort="relevance"
    )
    args = params.request_args(plain, g.lang_arg)
    queries = [s.query for s in searches if s.query]
    return url_for("analytics.trends_page", q=queries, **args, measure=measure)


def _doc_url(search: SearchRequest):
    def link(hit) -> str:
        return url_for("ui.document", doc_id=hit.id, q=search.query or None, lang=g.lang_arg)

    return link


def _links() -> dict:
    return {
        "search": _search_url,
        "trends": lambda search: _trends_url([search], None),
        "compare": _compare_url,
    }


def _hidden_fields(search: SearchRequest, measure: str | None) -> list[tuple[str, str]]:
    """The filters as hidden form fields, so that a new query keeps them."""
    plain = replace(search, query="", page=1, per_page=SearchRequest.per_page, sort="relevance")
    args = params.request_args(plain, g.lang_arg) | ({"measure": measure} if measure else {})
    return [
        (name, str(value))
        for name, values in args.items()
        for value in (values if isinstance(values, list) else [values])
    ]


def filter_text(search: SearchRequest) -> str:
    """The filters in force, in words: "Năm: 2019, 2020; Lãnh đạo: …" ("" for none)."""
    lang, parts = language(), []
    for facet, (_, attribute) in params.FACET_PARAMS.items():
        values = getattr(search, attribute)
        if values:
            labels = ", ".join(facet_label(facet, value, lang) for value in values)
            parts.append(f"{t('facet_' + facet)}: {labels}")
    if search.year_from is not None or search.year_to is not None:
        span = f"{search.year_from or '…'}–{search.year_to or '…'}"
        parts.append(f"{t('year_range')}: {span}")
    return "; ".join(parts)


def _notice(code: str) -> str:
    key = f"notice_{code}"
    return t(key) if key in STRINGS["vi"] else code.replace("_", " ")


def _query_notice(query: str, code: str) -> str:
    return f"{analytics_pages.query_name(query)}: {_notice(code)}"
