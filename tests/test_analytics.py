"""Trends per year and the period comparison, counted over the search's matches
(search_app.engine.analytics through SearchService), against the hand-counted corpus."""

import numpy as np
import pytest
from analytics_corpus import (
    CHINH,
    DIGITAL,
    DOCUMENTS,
    DOCUMENTS_PER_YEAR,
    FIRST_YEAR,
    LAST_YEAR,
    ONE_STOP,
    PHUC,
)
from conftest import index_of

from search_app.engine import analytics
from search_app.engine.analytics import Association, PeriodSpan, YearCount
from search_app.engine.service import SearchRequest, SearchService


@pytest.fixture(scope="module")
def trend_service(tmp_path_factory):
    service = SearchService(index_of(tmp_path_factory, DOCUMENTS, "trends"), cache_size=0)
    yield service
    service.close()


def years(counts: dict[int, int]) -> list[YearCount]:
    """Every year of the corpus with ``counts`` matches (0 where not given)."""
    found = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        count, documents = counts.get(year, 0), DOCUMENTS_PER_YEAR.get(year, 0)
        found.append(
            YearCount(year, count, documents, round(count / documents, 6) if documents else 0.0)
        )
    return found


def test_trends_count_each_query_per_year_with_shares_of_the_year(trend_service):
    trends = trend_service.trends([SearchRequest(query=ONE_STOP), SearchRequest(query=DIGITAL)])
    assert (trends.first_year, trends.last_year) == (2009, 2023)
    assert trends.periods == [
        PeriodSpan("2001-2010", 2001, 2010),
        PeriodSpan("2011-2020", 2011, 2020),
        PeriodSpan("2021-2030", 2021, 2030),
    ]
    one_stop, digital = trends.queries
    assert (one_stop.query, one_stop.total, one_stop.undated, one_stop.notices) == (
        ONE_STOP,
        6,
        1,
        [],
    )
    assert one_stop.years == years({2009: 1, 2012: 1, 2015: 1, 2019: 1, 2021: 1})
    assert [(y.year, y.share) for y in one_stop.years if y.count] == [
        (2009, 1.0),
        (2012, 0.5),
        (2015, 1.0),
        (2019, 0.5),
        (2021, 0.5),
    ]
    assert (digital.total, digital.undated) == (4, 0)
    assert digital.years == years({2019: 1, 2021: 2, 2023: 1})


def test_a_trend_adds_up_to_the_search_total_under_filters(trend_service):
    request = SearchRequest(query=ONE_STOP, leaders=(PHUC,))
    (trend,) = trend_service.trends([request]).queries
    assert trend.years == years({2012: 1, 2015: 1, 2019: 1})
    total = trend_service.search(request).total
    assert sum(y.count for y in trend.years) + trend.undated == trend.total == total == 3


def test_trends_take_at_most_four_queries(trend_service):
    requests = [SearchRequest(query=q) for q in ("một", "cửa", "chuyển", "số", "dữ liệu")]
    trends = trend_service.trends(requests)
    assert [t.query for t in trends.queries] == ["một", "cửa", "chuyển", "số"]


def test_the_comparison_puts_both_periods_side_by_side(trend_service):
    comparison = trend_service.compare(SearchRequest(query=ONE_STOP, sort="newest"))
    assert (comparison.query, comparison.total, comparison.notices) == (ONE_STOP, 6, [])
    earlier, later = comparison.periods
    assert (earlier.period, earlier.count, earlier.documents, earlier.share) == (
        "2011-2020",
        3,
        5,
        0.6,
    )
    assert (later.period, later.count, later.documents, later.share) == ("2021-2030", 1, 4, 0.25)
    assert [h.path for h in earlier.top] == [
        "chuyen-doi-so-2019.md",
        "mot-cua-2015.md",
        "mot-cua-2012.md",
    ]
    assert [h.path for h in later.top] == ["mot-cua-2021.md"]
    assert comparison.leaders == [
        Association(
            PHUC, PHUC, {"2011-2020": 3, "2021-2030": 0}, {"2011-2020": 1.0, "2021-2030": 0.0}, -1.0
        ),
        Association(
            CHINH,
            CHINH,
            {"2011-2020": 0, "2021-2030": 1},
            {"2011-2020": 0.0, "2021-2030": 1.0},
            1.0,
        ),
    ]
    topics = [(a.value, a.counts, a.shares, a.change) for a in comparison.topics]
    assert topics == [
        (
            "procedures",
            {"2011-2020": 2, "2021-2030": 1},
            {"2011-2020": 0.666667, "2021-2030": 1.0},
            0.333333,
        ),
        (
            "e_government",
            {"2011-2020": 1, "2021-2030": 1},
            {"2011-2020": 0.333333, "2021-2030": 1.0},
            0.666667,
        ),
        (
            "apparatus",
            {"2011-2020": 1, "2021-2030": 0},
            {"2011-2020": 0.333333, "2021-2030": 0.0},
            -0.333333,
        ),
    ]


def test_the_comparison_ignores_a_period_filter_and_keeps_the_others(trend_service):
    request = SearchRequest(query=DIGITAL, periods=("2021-2030",), leaders=(CHINH,))
    comparison = trend_service.compare(request)
    assert [(p.period, p.count) for p in comparison.periods] == [("2011-2020", 0), ("2021-2030", 3)]
    assert comparison.total == 3
    assert comparison.periods[0].top == []


def test_the_analytics_functions_count_a_given_mask(trend_service):
    snapshot = trend_service.snapshot()
    mask = np.zeros(snapshot.size, dtype=bool)
    for doc in trend_service.documents():
        if doc["path"] in ("cong-vu-2023.md", "khong-ro-nam.md", "ngan-sach-2012.md"):
            mask[snapshot.document_number(doc["id"])] = True
    trend = analytics.trend(snapshot, "x", mask, ["n"])
    assert (trend.total, trend.undated, trend.notices) == (3, 1, ["n"])
    assert trend.years == years({2012: 1, 2023: 1})
    side, matches = analytics.period_side(snapshot, "2021-2030", mask)
    assert (side.count, side.documents, side.share, int(matches.sum())) == (1, 4, 0.25, 1)


def test_an_index_without_dated_documents_has_no_years(tmp_path_factory):
    undated = {"a.md": DOCUMENTS["khong-ro-nam.md"]}
    with SearchService(index_of(tmp_path_factory, undated, "undated"), cache_size=0) as service:
        trends = service.trends([SearchRequest(query=ONE_STOP)])
    assert (trends.first_year, trends.last_year, trends.periods) == (None, None, [])
    assert [(t.total, t.undated, t.years) for t in trends.queries] == [(1, 1, [])]
