"""Reliability benchmark: what a running server and the indexer do when things go wrong.

    .venv/bin/python -m bench.reliability.run [--corpus PATH] [--limit-docs N]
        [--duration S] [--rounds N] [--kills N] [--json] [--only SCENARIO[,SCENARIO]]

Run from the repository root; it prints one table (or the full report as JSON). The
corpus (default: the vietnews-20k archive beside the repository) is unpacked into the
cache, outside the repository, and a fixed subset of ``--limit-docs`` documents (default
2,000; 0: all) is indexed once and cached. Every scenario works on its own folder of links
to it and its own copy of that index, on `reform-search serve --workers 2` on a free
loopback port:

- live: a live ``--rebuild``, then ``--rounds`` rounds of add/edit/delete, under
  ``--clients`` clients for at least ``--duration`` seconds (live.py);
- kills: ``kill -9`` of the indexer at ``--kills`` random moments of a build and of an
  update (kills.py);
- flood: the most expensive queries beside normal ones (flood.py);
- hostile: a corpus of hostile entries (hostile_corpus.py, hostile.py).

Figures are reported, never asserted: on a branch without the fixes some targets are
missed, and the table says which.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from bench.arguments import add_corpus_arguments, count, positive
from bench.perf.procs import busy_processes
from bench.progress import log
from bench.relevance.corpus import limit_corpus, open_corpus
from bench.reliability.flood import run_flood
from bench.reliability.hostile import run_hostile
from bench.reliability.kills import run_kills
from bench.reliability.live import run_live
from bench.reliability.report import format_report
from bench.reliability.workspace import Workspace

SCENARIOS = ("live", "kills", "flood", "hostile")
DEFAULT_LIMIT = 2000


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    for pid, name, share in busy_processes():
        log(f"warning: {name} (pid {pid}) is using {share:.0%} of a core: figures will suffer")
    corpus = open_corpus(args.corpus, args.cache)
    if args.limit_docs:
        corpus = limit_corpus(corpus, args.limit_docs, set(), args.cache)
    report: dict = {
        "corpus": {
            "name": Path(args.corpus).name + (", a fixed subset" if args.limit_docs else ""),
            "documents": len(corpus.paths),
            "key": corpus.key[:16],
        },
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "seed": args.seed,
        "settings": {
            "duration": args.duration,
            "rounds": args.rounds,
            "kills": args.kills,
            "clients": args.clients,
            "workers": args.workers,
        },
    }
    with Workspace(corpus, args.cache, os.getpid()) as work:
        if set(args.only) & {"live", "kills", "flood"}:
            work.ensure_index(log)
        if "live" in args.only:
            report["live"] = run_live(*work.scenario("live"), work.root, args, log)
        if "kills" in args.only:
            report["kills"] = run_kills(*work.scenario("kills"), work.root, args, log)
        if "flood" in args.only:
            report["flood"] = run_flood(
                corpus.root, corpus.paths, work.base_index, work.root, args, log
            )
        if "hostile" in args.only:
            report["hostile"] = run_hostile(work.root / "hostile", log)
    report["seconds"] = time.monotonic() - started
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(format_report(report))
    return 0


def _scenarios(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = set(names) - set(SCENARIOS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(SCENARIOS)}")
    return [name for name in SCENARIOS if name in names]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reliability.run",
        description="Reliability benchmark: live updates, kills, expensive queries, hostile files.",
    )
    add_corpus_arguments(parser)
    parser.add_argument(
        "--limit-docs",
        type=count,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"a fixed subset of N documents; 0: all (default: {DEFAULT_LIMIT})",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=60.0,
        help="seconds of client load in the live scenario (at least), and of the flood"
        " scenario's two phases together (default: 60)",
    )
    parser.add_argument("--rounds", type=count, default=20, help="live rounds (default: 20)")
    parser.add_argument(
        "--kills", type=count, default=10, help="kills per build and per update (default: 10)"
    )
    parser.add_argument("--clients", type=positive, default=8, help="HTTP clients (default: 8)")
    parser.add_argument("--workers", type=positive, default=2, help="server workers (default: 2)")
    parser.add_argument("--seed", type=int, default=10, help="random seed (default: 10)")
    parser.add_argument(
        "--only",
        type=_scenarios,
        default=list(SCENARIOS),
        metavar="SCENARIO",
        help="comma-separated, from: " + ", ".join(SCENARIOS) + " (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
