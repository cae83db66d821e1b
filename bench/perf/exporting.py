"""Export benchmark: /export.csv of a large result, through the web app in this process.

    .venv/bin/python -m bench.perf.exporting --index DIR [--query "cải cách"]
        [--rows 10000] [--small 1000] [--repeat 3] [--json]

Times the query's CSV export as a client sees it (the first piece of the body, then the
last), after one untimed export has read the index in, capped at ``--rows`` rows. When the
query matches fewer documents than ``--rows``, browsing (no query: every document) is
timed too, and its export is the one whose memory is measured. Memory is measured apart
(tracemalloc slows Python down): the peak of Python allocations during an export of
``--rows`` rows and of ``--small`` rows. Rows are made and sent in batches, so the two
peaks should be about equal: memory is flat.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.arguments import positive
from bench.progress import log

TARGET_FIRST_BYTE_S = 1.0
# Memory counts as flat when the larger export's peak is at most this much above the
# smaller one's: the ranked document numbers of 10,000 rows take about 0.4 MB themselves.
FLAT_MB = 2.0


@dataclass(frozen=True)
class ExportTiming:
    query: str  # the query exported ("" = browsing)
    total: int  # documents matching it
    rows: int  # rows in the export
    bytes: int
    first_byte_s: float  # median over the repetitions
    end_s: float


@dataclass(frozen=True)
class ExportMemory:
    rows: int
    peak_mb: float  # tracemalloc's peak during the export, above what was held before


def export_client(index_dir: Path, max_rows: int):
    """A test client of the web app over ``index_dir``, exports capped at ``max_rows``."""
    from search_app import create_app

    config = {"REFORM_SEARCH_INDEX": str(index_dir), "REFORM_SEARCH_MAX_EXPORT_ROWS": max_rows}
    return create_app(config).test_client()


def timed_export(client, query: str) -> tuple[int, int, int, float, float]:
    """One CSV export: (total, rows, bytes, seconds to the first piece, seconds to the end)."""
    started = time.perf_counter()
    response = client.get("/export.csv", query_string={"q": query}, buffered=False)
    pieces = iter(response.response)
    size = len(next(pieces))
    first = time.perf_counter() - started
    for piece in pieces:
        size += len(piece)
    end = time.perf_counter() - started
    response.close()
    headers = response.headers
    return int(headers["X-Total-Count"]), int(headers["X-Export-Rows"]), size, first, end


def measure_timings(client, query: str, rows: int, repeat: int) -> list[ExportTiming]:
    """The query's export; and browsing's too when the query matches fewer than ``rows``
    (browsing matches every document)."""
    timings = [measure_timing(client, query, repeat)]
    if timings[0].total < rows and query:
        timings.append(measure_timing(client, "", repeat))
    return timings


def measure_timing(client, query: str, repeat: int) -> ExportTiming:
    total = timed_export(client, query)[0]  # untimed: reads the index in
    runs = [timed_export(client, query) for _ in range(repeat)]
    return ExportTiming(
        query=query,
        total=total,
        rows=runs[0][1],
        bytes=runs[0][2],
        first_byte_s=round(statistics.median(run[3] for run in runs), 3),
        end_s=round(statistics.median(run[4] for run in runs), 3),
    )


def measure_memory(index_dir: Path, query: str, rows: int) -> ExportMemory:
    client = export_client(index_dir, rows)
    timed_export(client, query)  # what every export needs once (index state) is read here
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        exported = timed_export(client, query)[1]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return ExportMemory(rows=exported, peak_mb=round((peak - before) / 2**20, 2))


def report(timings: list[ExportTiming], memory: list[ExportMemory]) -> str:
    small, large = memory
    growth = large.peak_mb - small.peak_mb
    flat_ok = "met" if growth <= FLAT_MB else "**missed**"
    lines = ["| export | matches | rows | CSV | first byte | whole export | rows/s |"]
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for timing in timings:
        first_ok = "met" if timing.first_byte_s <= TARGET_FIRST_BYTE_S else "**missed**"
        asked = f"“{timing.query}”" if timing.query else "browsing (no query)"
        lines.append(
            f"| {asked} | {timing.total} | {timing.rows} | {timing.bytes / 2**20:.1f} MB"
            f" | {timing.first_byte_s:.3f} s (≤ {TARGET_FIRST_BYTE_S:g} s — {first_ok})"
            f" | {timing.end_s:.2f} s | {timing.rows / timing.end_s:,.0f} |"
        )
    return "\n".join(
        [
            *lines,
            "",
            f"peak memory (tracemalloc) of the export of {memory_query(timings)}:",
            "",
            "| rows | peak | target |",
            "|---:|---:|---:|",
            f"| {small.rows} | {small.peak_mb:.2f} MB | |",
            f"| {large.rows} | {large.peak_mb:.2f} MB |"
            f" flat (≤ +{FLAT_MB:g} MB) — {flat_ok}, {growth:+.2f} MB |",
        ]
    )


def memory_query(timings: list[ExportTiming]) -> str:
    query = timings[-1].query
    return f"“{query}”" if query else "browsing (no query)"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    log(f"timing {args.rows}-row exports of {args.query!r} × {args.repeat}")
    client = export_client(args.index, args.rows)
    timings = measure_timings(client, args.query, args.rows, args.repeat)
    log("peak memory of the small and the large export (tracemalloc)")
    query = timings[-1].query  # the export with the most rows
    memory = [measure_memory(args.index, query, rows) for rows in (args.small, args.rows)]
    if args.json:
        json.dump(
            {"timings": [asdict(t) for t in timings], "memory": [asdict(m) for m in memory]},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
    else:
        print(report(timings, memory))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.perf.exporting",
        description="Time a large CSV export and compare its peak memory with a small one.",
    )
    parser.add_argument("--index", type=Path, required=True, help="an index built by the benchmark")
    parser.add_argument("--query", default="cải cách", help="query to export (default: cải cách)")
    parser.add_argument("--rows", type=positive, default=10_000, help="rows of the large export")
    parser.add_argument("--small", type=positive, default=1_000, help="rows of the small export")
    parser.add_argument("--repeat", type=positive, default=3, help="timed exports (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
