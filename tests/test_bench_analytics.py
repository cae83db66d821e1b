"""The analyst tools' speed benchmark, run on the test index: every kind is timed, the
search is its own baseline, and each trend is checked against its search's total."""

from bench.perf.analytics import format_report, measure
from bench.perf.queries import PerfQuery

QUERIES = [
    PerfQuery(id="cchc", style="multi", q="cải cách hành chính"),
    PerfQuery(id="tthc", style="acronym", q="TTHC"),
    PerfQuery(id="browse-period", style="filter", q="", periods=("2011-2020",)),
]


def test_the_benchmark_times_each_kind_against_the_search(built_index):
    report = measure(built_index[1], QUERIES, repeat=1)
    kinds = ["search", "trend", "trend_4_queries", "compare"]
    assert [k for k in report if k in kinds] == kinds
    assert (report["search"]["p50_ratio"], report["search"]["p95_ratio"]) == (1.0, 1.0)
    assert all(report[k]["n"] == len(QUERIES) for k in kinds)
    assert report["trend_total_differs_from_search"] == []
    table = format_report(report, documents=6, queries=len(QUERIES), repeat=1)
    assert "every trend adds up to its search's total" in table
    assert table.splitlines()[0] == "Analyst tools on 6 documents, 3 queries × 1, cache off"
