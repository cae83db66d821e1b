"""Scenario 3: expensive requests beside normal ones, on ``reform-search serve``.

First the normal clients alone (the perf bench's query mix), then the same clients again
beside as many clients sending the requests of expensive.py, each phase for half of
``duration`` after a short warm-up; then the flood again on a server whose heavy-query
slots are off (every query admitted at once), to measure what the slots do. Reported:
the normal clients' p50/p95 in each phase, and every status the expensive clients got
(5xx and failed connections are failures; a 200 with a notice, a 400 or a 503 are
answers).
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
# No query reads this many postings: every query is admitted at once (slots off).
SLOTS_OFF = {"REFORM_SEARCH_HEAVY_POSTINGS": str(10**15)}


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
        beside, flooded = _beside_the_flood(server.base, normal, expensive, clients, phase)
    unlimited = Server(index, args.workers, log_dir / "flood-server-slots-off.log", cache=False)
    unlimited.environment |= SLOTS_OFF
    with unlimited as server:
        run_for(server.base, normal, clients, WARM_UP_SECONDS)
        log(f"flood: the same with the heavy-query slots off, for {phase:g} s")
        beside_off, flooded_off = _beside_the_flood(server.base, normal, expensive, clients, phase)
    return {
        "clients": clients,
        "workers": args.workers,
        "phase_seconds": phase,
        "normal_alone": latency_summary(alone),
        "normal_beside": latency_summary(beside),
        "expensive": latency_summary(flooded) | {"statuses": flooded["statuses"]},
        "slots_off": {
            "normal_beside": latency_summary(beside_off),
            "expensive": latency_summary(flooded_off) | {"statuses": flooded_off["statuses"]},
        },
    }


def _beside_the_flood(base: str, normal, expensive, clients: int, seconds: float):
    """The normal clients' results beside as many expensive ones, and the latter's."""
    with Load(base, expensive, clients, limit=seconds) as heavy:
        beside = run_for(base, normal, clients, seconds)
        return beside, heavy.result()


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
