"""The export benchmark on the test index: its figures count what was exported."""

from bench.perf.exporting import (
    ExportMemory,
    ExportTiming,
    export_client,
    measure_memory,
    measure_timings,
    report,
)


def test_a_query_with_too_few_matches_is_timed_beside_browsing(built_index, service):
    from search_app.engine.service import SearchRequest

    client = export_client(built_index[1], 9)
    timings = measure_timings(client, "TTHC", 9, repeat=1)
    totals = [service.search(SearchRequest(query=q)).total for q in ("TTHC", "")]
    assert [(t.query, t.total, t.rows) for t in timings] == [
        ("TTHC", totals[0], totals[0]),
        ("", totals[1], 9),
    ]
    assert all(0 < t.first_byte_s <= t.end_s for t in timings)


def test_memory_is_measured_for_the_rows_asked(built_index):
    assert [measure_memory(built_index[1], "", rows).rows for rows in (2, 5)] == [2, 5]


def test_the_report_says_whether_the_targets_were_met():
    timings = [
        ExportTiming("cải cách", 900, 900, 400_000, 0.2, 0.5),
        ExportTiming("", 20000, 10000, 4 * 2**20, 1.5, 2.0),
    ]
    table = report(timings, [ExportMemory(1000, 1.0), ExportMemory(10000, 3.5)])
    assert table.splitlines() == [
        "| export | matches | rows | CSV | first byte | whole export | rows/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| “cải cách” | 900 | 900 | 0.4 MB | 0.200 s (≤ 1 s — met) | 0.50 s | 1,800 |",
        "| browsing (no query) | 20000 | 10000 | 4.0 MB | 1.500 s (≤ 1 s — **missed**)"
        " | 2.00 s | 5,000 |",
        "",
        "peak memory (tracemalloc) of the export of browsing (no query):",
        "",
        "| rows | peak | target |",
        "|---:|---:|---:|",
        "| 1000 | 1.00 MB | |",
        "| 10000 | 3.50 MB | flat (≤ +2 MB) — **missed**, +2.50 MB |",
    ]
