"""The speed benchmark's pure parts: percentiles, summaries, targets, the table, the mix."""

import pytest

from bench.perf.queries import MIN_QUERIES, STYLES, PerfQuery, load_queries
from bench.perf.stats import (
    Summary,
    Target,
    format_number,
    format_ratio,
    format_table,
    percentile,
    ratio,
    summarize,
    summarize_repetitions,
)


def test_percentile_interpolates_between_the_closest_ranks():
    values = [40.0, 10.0, 30.0, 20.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 50) == 25.0  # rank 1.5 → halfway between 20 and 30
    assert percentile(values, 95) == pytest.approx(38.5)  # rank 2.85
    assert percentile(values, 100) == 40.0


def test_percentile_of_one_value_is_that_value():
    assert percentile([7.0], 95) == 7.0


def test_percentile_refuses_no_values_and_bad_ranks():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summarize():
    values = [float(n) for n in range(1, 101)]  # 1..100
    assert summarize(values) == Summary(p50=50.5, p95=pytest.approx(95.05), max=100.0, n=100)


def test_summary_over_repetitions_takes_the_median_of_each_statistic():
    runs = [[1.0, 2.0, 3.0], [1.0, 2.0, 30.0], [2.0, 4.0, 6.0]]
    # p50 per run: 2, 2, 4; p95: 2.9, 27.2, 5.8; max: 3, 30, 6
    assert summarize_repetitions(runs) == Summary(p50=2.0, p95=pytest.approx(5.8), max=6.0, n=3)


def test_ratio():
    assert ratio(30.0, 60.0) == 0.5
    assert ratio(30.0, 0.0) is None
    assert ratio(None, 60.0) is None


def test_targets():
    assert Target("<=", 80, "ms").met(80.0) is True
    assert Target("<=", 80, "ms").met(80.5) is False
    assert Target(">=", 60).met(59.9) is False
    assert Target(">=", 60).met(None) is None
    assert str(Target("<=", 80, "ms")) == "≤ 80 ms"
    assert str(Target(">=", 0.5)) == "≥ 0.5"


def test_number_formats():
    assert [format_number(v) for v in (1234.5, 56.78, 8.9, 0.0, None)] == [
        "1,234",
        "56.8",
        "8.90",
        "0.00",
        "—",
    ]
    assert [format_ratio(v) for v in (0.4, 2.5, 13.7, None)] == ["0.40×", "2.50×", "14×", ""]


def test_table_aligns_columns_and_prints_section_titles_alone():
    table = format_table(
        ["measure", "project", "fts5"],
        [["search"], ["  p50, ms", "12.3", "8.10 (1.52×)"], ["  p95, ms", "140", ""]],
    )
    assert table.splitlines() == [
        "measure    project          fts5",
        "--------------------------------",
        "search",
        "  p50, ms     12.3  8.10 (1.52×)",
        "  p95, ms      140",
    ]


def test_the_query_mix_loads_with_every_style():
    queries = load_queries()
    assert len(queries) >= MIN_QUERIES
    assert {q.style for q in queries} == set(STYLES)


def test_a_query_becomes_the_api_request_of_the_page():
    query = PerfQuery(
        "x", "filtered", "cải cách", years=(2017, 2018), leaders=("Nguyễn Xuân Phúc",)
    )
    assert query.url() == (
        "/api/search?q=c%E1%BA%A3i+c%C3%A1ch&year=2017&year=2018"
        "&leader=Nguy%E1%BB%85n+Xu%C3%A2n+Ph%C3%BAc"
    )
