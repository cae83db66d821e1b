"""Speed of the analyst tools: trends and the period comparison, beside a page of hits.

    .venv/bin/python -m bench.perf.analytics [--corpus PATH] [--limit-docs N] [--repeat 5]
        [--json] [--cache DIR]

Times, through the service with its result cache off, every query of the speed mix
(bench/perf/queries.yaml) four ways, taking turns pass by pass: the search page's request
(the baseline, in the same process), its trend, a trend of four queries (it and the next
three of the mix) and its period comparison. Prints p50/p95 of each and their ratio to the
search. The index is the one `bench.perf.run` builds in the cache; it is built first if
missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bench.arguments import add_corpus_arguments, positive
from bench.perf.indexing import run_indexer
from bench.perf.queries import QUERIES_FILE, PerfQuery, load_queries
from bench.perf.searching import search_request, time_mixes
from bench.progress import log

TARGET_P95_MS = 100.0
TREND_QUERIES = 4


def measure(index_dir: Path, queries: list[PerfQuery], repeat: int) -> dict:
    """p50/p95/max per kind of request, and each one's ratio to the search page's."""
    from search_app.engine.service import SearchService

    service = SearchService(index_dir, cache_size=0)
    service.warm_up()
    requests = {q.id: search_request(q) for q in queries}
    ids = [q.id for q in queries]

    def others(query: PerfQuery) -> list:
        start = ids.index(query.id)
        return [requests[ids[(start + n) % len(ids)]] for n in range(TREND_QUERIES)]

    kinds = {
        "search": lambda q: service.search(requests[q.id]).total,
        "trend": lambda q: service.trends([requests[q.id]]).queries[0].total,
        f"trend_{TREND_QUERIES}_queries": lambda q: service.trends(others(q)).queries[0].total,
        "compare": lambda q: service.compare(requests[q.id]).total,
    }
    timings = time_mixes(kinds, queries, repeat)
    search = timings["search"].summary
    report = {}
    for kind, timing in timings.items():
        summary = timing.summary
        report[kind] = asdict(summary) | {
            "p50_ratio": round(summary.p50 / search.p50, 2),
            "p95_ratio": round(summary.p95 / search.p95, 2),
        }
    mismatched = [
        q.id for q in queries if timings["trend"].totals[q.id] != timings["search"].totals[q.id]
    ]
    report["trend_total_differs_from_search"] = mismatched
    return report


def format_report(report: dict, documents: int, queries: int, repeat: int) -> str:
    lines = [
        f"Analyst tools on {documents} documents, {queries} queries × {repeat}, cache off",
        f"{'request':<20} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p50 ×':>6} {'p95 ×':>6}",
    ]
    for kind, row in report.items():
        if not isinstance(row, dict):
            continue
        lines.append(
            f"{kind:<20} {row['p50']:>8.1f} {row['p95']:>8.1f} {row['max']:>8.1f}"
            f" {row['p50_ratio']:>6.2f} {row['p95_ratio']:>6.2f}"
        )
    slow = [k for k in ("trend", "compare") if report[k]["p95"] > TARGET_P95_MS]
    lines.append(
        f"target: trend and compare p95 ≤ {TARGET_P95_MS:g} ms: "
        + ("met" if not slow else "missed by " + ", ".join(slow))
    )
    differing = report["trend_total_differs_from_search"]
    lines.append(
        "every trend adds up to its search's total"
        if not differing
        else f"trend totals differ from the search for: {', '.join(differing)}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.perf.run import _work_corpus

    args = _parser().parse_args(argv)
    queries = load_queries(args.queries)
    work = _work_corpus(args)
    index_dir = args.cache / "perf" / f"index-{work.key[:16]}"
    if not (index_dir.is_dir() and any(index_dir.iterdir())):
        log(f"building the index of {len(work.paths)} documents first")
        run_indexer(work.root, index_dir, rebuild=True)
    log(f"{len(queries)} queries × {args.repeat}: search, trend, trends of 4, compare")
    report = measure(index_dir, queries, args.repeat)
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
    else:
        print(format_report(report, len(work.paths), len(queries), args.repeat))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.perf.analytics",
        description="Speed of trends and the period comparison, beside the search page.",
    )
    add_corpus_arguments(parser)
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE, help="query mix")
    parser.add_argument(
        "--limit-docs", type=positive, metavar="N", help="a fixed subset of N documents"
    )
    parser.add_argument("--scale", type=positive, metavar="N", help="grow the corpus to N")
    parser.add_argument("--repeat", type=positive, default=5, help="timed passes (default: 5)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
