"""Speed benchmark: build, search, serve and load this project, beside SQLite FTS5 and tantivy.

    .venv/bin/python -m bench.perf.run [--corpus PATH] [--limit-docs N] [--scale N]
        [--duration 30] [--repeat 5] [--skip-build] [--skip-server]
        [--systems project,fts5,tantivy] [--json] [--cache DIR]

Run from the repository root, with nothing else busy on the machine: it prints one table.
``--corpus`` is a folder of .md/.txt files or an archive of one (default: the
vietnews-20k archive beside the repository), unpacked into the cache (outside the
repository); the benchmark indexes a folder of links to it there, so the corpus itself
is never changed. ``--limit-docs N`` takes a fixed subset of N documents; ``--scale N``
grows the corpus (or that subset) to N documents with synthetic ones (see
bench/perf/corpus.py).

In order: the project's full build (a fresh index, in a child process), a second run
with nothing changed, a run after one file changed; the search mix through the service
layer with its cache off, then on; the baselines built over the same documents and timed
on the same mix; then `reform-search serve` on a free loopback port: one changed
document until it is searchable, then the load generator's clients for --duration
seconds, and the RSS of each worker. ``--skip-build`` reuses the index (and baseline
indexes) of an earlier run and leaves the indexing rows out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

from bench.arguments import add_corpus_arguments, positive
from bench.perf import baselines
from bench.perf.corpus import (
    MUTATION_MARK,
    WorkCorpus,
    mutate,
    mutation_targets,
    restore,
    work_corpus,
)
from bench.perf.indexing import run_indexer
from bench.perf.procs import busy_processes, directory_mb
from bench.perf.queries import QUERIES_FILE, PerfQuery, load_queries
from bench.perf.report import format_report
from bench.perf.searching import Timing, project_search, time_mix, time_mixes
from bench.perf.server import Server, cache_setting, run_load, time_live_update
from bench.progress import log
from bench.relevance.corpus import Corpus, limit_corpus, open_corpus

SYSTEMS = ("project", *baselines.BASELINES)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if "tantivy" in args.systems and importlib.util.find_spec("tantivy") is None:
        parser.error("tantivy is not installed: pip install -e '.[bench]', or --systems fts5")
    queries = load_queries(args.queries)
    _warn_if_busy()
    work = _work_corpus(args)
    index_dir = args.cache / "perf" / f"index-{work.key[:16]}"
    report: dict = {
        "corpus": {
            "name": Path(args.corpus).name + (", a fixed subset" if args.limit_docs else ""),
            "documents": len(work.paths),
            "synthetic": work.synthetic,
            "key": work.key[:16],
        },
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "queries": len(queries),
        "repeat": args.repeat,
    }
    built = args.skip_build and index_dir.is_dir() and any(index_dir.iterdir())
    report["indexing"] = None if built else measure_indexing(work, index_dir)
    report["search"] = {"project": measure_project_search(index_dir, queries, args.repeat)}
    if len(args.systems) > 1:
        metadata = _metadata(index_dir)
        corpus = Corpus(work.root, work.paths, work.key)
        for system in args.systems[1:]:
            report["search"][system] = measure_baseline(
                system, corpus, metadata, args, queries, rebuild=not built
            )
    report["server"] = None if args.skip_server else measure_server(work, index_dir, queries, args)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(format_report(report, args.systems))
    return 0


# --- Measuring -------------------------------------------------------------------------------


def measure_indexing(work: WorkCorpus, index_dir: Path) -> dict:
    log(f"project: full build of {len(work.paths)} documents")
    shutil.rmtree(index_dir, ignore_errors=True)
    full = run_indexer(work.root, index_dir, rebuild=True)
    cache_mb = _cache_mb(index_dir)
    size = directory_mb(index_dir) - cache_mb  # the index alone: the cache is reported apart
    log(f"project: built in {full.seconds:.1f} s; re-indexing with nothing changed")
    unchanged = run_indexer(work.root, index_dir)
    path = mutation_targets(work)[0]
    mutate(work, path, f"{MUTATION_MARK}{os.getpid()}")
    try:
        changed = run_indexer(work.root, index_dir)
    finally:
        restore(work, path)
    run_indexer(work.root, index_dir)  # the index matches the corpus again
    log("project: a rebuild with every analysis in the cache")
    warm = run_indexer(work.root, index_dir, rebuild=True)
    log("project: re-indexing after a data-file edit")
    edited = run_indexer_after_data_edit(work.root, index_dir)
    return {
        "full": asdict(full),
        "size_mb": size,
        "analysis_cache_mb": cache_mb,
        "unchanged": asdict(unchanged),
        "one_changed": asdict(changed),
        "rebuild_cache_warm": asdict(warm),
        "data_file_edit": asdict(edited),
    }


def _cache_mb(index_dir: Path) -> float:
    """The analysis cache's files (the database and its write-ahead log), in MB."""
    from indexer.analysis_cache import CACHE_FILE

    files = index_dir.glob(CACHE_FILE + "*")
    return sum(f.stat().st_size for f in files if f.is_file()) / (1024 * 1024)


def run_indexer_after_data_edit(corpus_dir: Path, index_dir: Path):
    """Re-index as after an edit of a file under indexer/data/: the index in service is
    marked as built with other data files (its version file says so), which is all the
    indexer sees of such an edit; the repository's data files stay as they are."""
    from indexer.schema import SCHEMA_VERSION, VERSION_FILE, current_generation

    version_file = current_generation(index_dir) / VERSION_FILE
    version_file.write_text(f"{SCHEMA_VERSION}-other-data\n")
    return run_indexer(corpus_dir, index_dir)


def measure_project_search(index_dir: Path, queries: list[PerfQuery], repeat: int) -> dict:
    log(f"project: {len(queries)} queries × {repeat}, caches off, partial matching on and off")
    searches = {}
    for label, partial in (("caches_off", True), ("partial_off", False)):
        searches[label], switch = project_search(index_dir, False, partial)
    result = {
        label: _timing(timing) for label, timing in time_mixes(searches, queries, repeat).items()
    }
    log(f"project: {len(queries)} queries × {repeat}, caches on")
    search, _ = project_search(index_dir, True)
    result["caches_on"] = _timing(time_mix(search, queries, repeat))
    result["cache_switch"] = switch
    return result


def measure_baseline(system, corpus, metadata, args, queries, rebuild: bool) -> dict:
    log(f"{system}: {'building' if rebuild else 'opening'} over {len(corpus.paths)} documents")
    built = baselines.prepare(system, corpus, metadata, args.cache, rebuild)
    log(f"{system}: {len(queries)} queries × {args.repeat}")
    return {
        "build_seconds": built.seconds,
        "size_mb": built.size_mb,
        "caches_off": _timing(time_mix(built.search, queries, args.repeat)),
    }


def measure_server(work: WorkCorpus, index_dir: Path, queries, args) -> dict:
    log = args.cache / "perf" / "server.log"
    log(f"server: reform-search serve --workers {args.workers} (log: {log})")
    with Server(index_dir, args.workers, log, cache=False) as server:
        live = time_live_update(server, work)
        log(f"server: changed document searchable after {live.seconds:.1f} s")
        log(f"server: {args.clients} clients for {args.duration:g} s")
        load = run_load(server, [q.url() for q in queries], args.clients, args.duration)
    load["cache"] = "off" if cache_setting() else "on (no setting turns it off)"
    return {"live_update": asdict(live), "http": load}


def _metadata(index_dir: Path) -> dict[str, dict]:
    from search_app.engine.service import SearchService

    return {entry["path"]: entry for entry in SearchService(index_dir).documents()}


def _work_corpus(args) -> WorkCorpus:
    corpus = open_corpus(args.corpus, args.cache)
    if args.limit_docs:
        corpus = limit_corpus(corpus, args.limit_docs, set(), args.cache)
    if args.scale:
        log(f"corpus: growing {len(corpus.paths)} documents to {args.scale} (once; cached)")
    return work_corpus(corpus, args.cache, args.scale)


def _timing(timing: Timing) -> dict:
    return {
        "summary": asdict(timing.summary),
        "per_query_ms": timing.per_query_ms,
        "totals": timing.totals,
    }


def _warn_if_busy() -> None:
    for pid, name, share in busy_processes():
        log(f"warning: {name} (pid {pid}) is using {share:.0%} of a core: figures will suffer")


# --- Command line ------------------------------------------------------------------------------


def _systems(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = set(names) - set(SYSTEMS)
    if unknown:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(SYSTEMS)}")
    return ["project", *(name for name in baselines.BASELINES if name in names)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.perf.run",
        description="Speed benchmark: this project against SQLite FTS5 and tantivy.",
    )
    add_corpus_arguments(parser)
    parser.add_argument(
        "--queries",
        type=Path,
        default=QUERIES_FILE,
        help="query mix (default: bench/perf/queries.yaml)",
    )
    parser.add_argument(
        "--limit-docs", type=positive, metavar="N", help="a fixed subset of N documents"
    )
    parser.add_argument(
        "--scale",
        type=positive,
        metavar="N",
        help="grow the corpus (or the subset) to N documents",
    )
    parser.add_argument(
        "--duration", type=float, default=30.0, help="HTTP load seconds (default: 30)"
    )
    parser.add_argument("--clients", type=positive, default=8, help="HTTP clients (default: 8)")
    parser.add_argument("--workers", type=positive, default=2, help="server workers (default: 2)")
    parser.add_argument(
        "--repeat", type=positive, default=5, help="timed passes over the mix (default: 5)"
    )
    parser.add_argument(
        "--skip-build", action="store_true", help="reuse the indexes of an earlier run"
    )
    parser.add_argument("--skip-server", action="store_true", help="no server: no HTTP rows")
    parser.add_argument(
        "--systems",
        type=_systems,
        default=list(SYSTEMS),
        help="comma-separated, from: " + ", ".join(SYSTEMS) + " (the project always runs)",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
