"""Scenario 1: a live ``--rebuild``, then rounds of add/edit/delete, under client load.

``reform-search serve`` follows the index directory by itself; the clients of the load
generator send the perf bench's query mix the whole time (at least ``duration``
seconds). After each round's ``reform-search index``, the changed documents are asked
for until the app shows each as it now is (the seconds from the files being written to
that are the change's visibility time; a change still not shown after
``VISIBLE_TIMEOUT`` is counted as never visible); then every document the rounds ever
changed or deleted is checked again (the stale documents of that round).
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from bench.perf.queries import load_queries
from bench.perf.server import Server
from bench.reliability import indexrun, staleness
from bench.reliability.changes import Markers, Round, apply_round, plan_round, track
from bench.reliability.client import Client
from bench.reliability.loadgen import Load

VISIBLE_TIMEOUT = 10.0  # twice the target: what is not shown by then counts as never shown
POLL_SECONDS = 0.2
TOTAL_LINE = re.compile(r"(\d+) documents in ")


def run_live(corpus: Path, index: Path, log_dir: Path, args, log) -> dict:
    rng = random.Random(args.seed)
    queries = [query.url() for query in load_queries()]
    with Server(index, args.workers, log_dir / "live-server.log", cache=True) as server:
        client = Client(server.base)
        started = time.monotonic()
        with Load(server.base, queries, args.clients) as load:
            log(f"live: {args.clients} clients; reform-search index --rebuild")
            rebuild = indexrun.run(corpus, index, rebuild=True)
            log(f"live: rebuilt in {rebuild.seconds:.0f} s; {args.rounds} rounds of changes")
            rounds = _rounds(corpus, index, client, rng, args.rounds, log)
            while time.monotonic() - started < args.duration:
                client.health()
                time.sleep(1)
            result = load.stop()
        health = client.health()
    served = health.body.get("documents") if isinstance(health.body, dict) else None
    return {
        "clients": args.clients,
        "workers": args.workers,
        "seconds": time.monotonic() - started,
        "rebuild": {"exit_code": rebuild.exit_code, "seconds": rebuild.seconds},
        "load": {key: result[key] for key in ("requests", "errors", "error_samples", "statuses")},
        "checks": {
            "requests": client.requests,
            "failures": client.failures[:20],
            "failed": len(client.failures),
        },
        "rounds": rounds,
        "documents": {"indexed": rounds[-1]["indexed"] if rounds else None, "served": served},
    }


def _rounds(corpus: Path, index: Path, client: Client, rng, count: int, log) -> list[dict]:
    from indexer.corpus import corpus_files
    from indexer.writer import document_id

    originals = corpus_files(corpus)
    markers = Markers(rng.randrange(10**6))
    live, deleted, results = {}, [], []
    for number in range(count):
        changed = plan_round(
            number,
            originals,
            live,
            rng,
            markers,
            lambda path: _title_query(client, document_id(path)),
            document_id,
        )
        apply_round(corpus, changed)
        written = time.monotonic()
        update = indexrun.run(corpus, index)
        visible = _wait_visible(client, changed, written)
        track(live, changed)
        deleted.extend(changed.deleted)
        stale = staleness.stale(client, [*live.values(), *deleted])
        total = TOTAL_LINE.search(update.stdout)
        results.append(
            {
                "round": number,
                "index_exit_code": update.exit_code,
                "index_seconds": update.seconds,
                "visible_seconds": visible,
                "stale": stale,
                "indexed": int(total.group(1)) if total else None,
            }
        )
        shown = [f"{s:.1f}" if s is not None else "never" for s in visible.values()]
        log(f"live: round {number + 1}: visible after {', '.join(shown)} s; {len(stale)} stale")
    return results


def _wait_visible(client: Client, changed: Round, written: float) -> dict[str, float | None]:
    """Seconds from ``written`` until the app shows each change; None: not within the timeout."""
    pending = {doc.doc_id: doc for doc in changed.changes}
    seen: dict[str, float | None] = {}
    while pending and time.monotonic() - written < VISIBLE_TIMEOUT:
        for doc_id, doc in list(pending.items()):
            if not staleness.problems(client, doc):
                seen[doc_id] = time.monotonic() - written
                del pending[doc_id]
        time.sleep(POLL_SECONDS)
    return seen | dict.fromkeys(pending)


def _title_query(client: Client, doc_id: str) -> str:
    """The document's title as plain words (no operators): a query that finds it."""
    answer = client.document(doc_id)
    title = answer.body.get("title", "") if isinstance(answer.body, dict) else ""
    words = [w for w in re.sub(r"[^\w]+", " ", title).split() if w not in ("OR", "AND", "NOT")]
    return " ".join(words[:12]) or doc_id
