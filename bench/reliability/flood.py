"""Scenario 3: expensive requests beside normal ones, on ``reform-search serve``.

First the normal clients alone (the perf bench's query mix), then the same clients again
beside as many clients sending the requests of expensive.py, each phase for half of
``duration`` after a short warm-up. Reported: the normal clients' p50/p95 in both phases,
and every status the expensive clients got (5xx and failed connections are failures; a
200 with a notice, a 400 or a 503 are answers).
"""

from __future__ import annotations

from pathlib import Path

from bench.perf.queries import load_queries
from bench.perf.server import Server
from bench.perf.stats import percentile
from bench.reliability.expensive import expensive_paths
from bench.reliability.loadgen import Load, run_for

WARM_UP_SECONDS = 5.0
LARGEST_DOCUMENTS = 8  # whose pages are asked for with highlights


def run_flood(corpus_root: Path, paths: tuple[str, ...], index: Path, log_dir, args, log) -> dict:
    from indexer.writer import document_id

    normal = [query.url() for query in load_queries()]
    largest = sorted(paths, key=lambda p: -(corpus_root / p).stat().st_size)[:LARGEST_DOCUMENTS]
    expensive = expensive_paths([document_id(path) for path in largest])
    clients, phase = max(1, args.clients // 2), args.duration / 2
    with Server(index, args.workers, log_dir / "flood-server.log", cache=False) as server:
        run_for(server.base, normal, clients, WARM_UP_SECONDS)
        log(f"flood: {clients} normal clients alone for {phase:g} s")
        alone = run_for(server.base, normal, clients, phase)
        log(f"flood: {clients} normal clients beside {clients} expensive ones for {phase:g} s")
        with Load(server.base, expensive, clients, limit=phase) as heavy:
            beside = run_for(server.base, normal, clients, phase)
            flooded = heavy.result()
    return {
        "clients": clients,
        "workers": args.workers,
        "phase_seconds": phase,
        "normal_alone": latency_summary(alone),
        "normal_beside": latency_summary(beside),
        "expensive": latency_summary(flooded) | {"statuses": flooded["statuses"]},
    }


def latency_summary(result: dict) -> dict:
    latencies = result["latencies_ms"]
    return {
        "requests": result["requests"],
        "errors": result["errors"],
        "error_samples": result["error_samples"][:3],
        "statuses": result.get("statuses", {}),
        "p50_ms": percentile(latencies, 50) if latencies else None,
        "p95_ms": percentile(latencies, 95) if latencies else None,
    }


def failures(statuses: dict[str, int]) -> int:
    """Requests answered 5xx (but 503) or not at all (``conn``)."""
    return sum(n for code, n in statuses.items() if code == "conn" or _server_error(code))


def _server_error(code: str) -> bool:
    return code.startswith("5") and code != "503"  # 503: refused on purpose, an answer
