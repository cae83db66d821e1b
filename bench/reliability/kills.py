"""Scenario 2: ``kill -9`` of the indexer at random moments of a build and of an update.

A served app runs over the index throughout. The moments are drawn (with ``--seed``)
over the length of one uninterrupted run of the same kind, measured first. After each
kill:

- orphans: the indexer's descendants (listed just before the kill) and members of its
  process group (it runs in a session of its own) still alive half a second later;
- intact: ``current`` points to a complete generation (its version file written, Whoosh
  opens it) holding the documents of before or of after the run, and the app still
  answers ``/healthz`` and a search with results;
- rerun: ``reform-search index`` again at once: refused ("another indexer is writing"),
  or run to its end. Orphans are then stopped (they are this bench's own processes) and
  a refused rerun is tried once more, so the next kill starts clean.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from bench.perf.procs import descendants
from bench.perf.server import Server
from bench.reliability import indexrun
from bench.reliability.changes import EDIT_TEXT, Markers, rewrite
from bench.reliability.client import Client

ORPHAN_GRACE = 0.5  # seconds a killed parent's workers get to notice and exit
UPDATE_SHARE = 0.1  # of the documents, edited before each update (at least 200)
COMMON_QUERY = "của"
# Kill moments, as shares of an uninterrupted run: runs vary (other processes, the page
# cache), and a moment past the end of a faster run is no kill.
MOMENTS = (0.02, 0.85)


def run_kills(corpus: Path, index: Path, log_dir: Path, args, log) -> dict:
    from indexer.corpus import corpus_files

    rng = random.Random(args.seed)
    paths = corpus_files(corpus)
    edited = sorted(rng.sample(paths, min(len(paths), max(200, int(len(paths) * UPDATE_SHARE)))))
    markers = Markers(rng.randrange(10**6))
    with Server(index, args.workers, log_dir / "kills-server.log", cache=False) as server:
        client = Client(server.base)
        documents = _generation_count(index)
        result = {}
        for kind in ("build", "update"):
            prepare = (
                (lambda: None)
                if kind == "build"
                else (lambda: _edit(corpus, edited, markers.next("k")))
            )
            prepare()
            control = indexrun.run(corpus, index, rebuild=kind == "build")
            log(f"kills: an uninterrupted {kind} takes {control.seconds:.1f} s")
            kills = []
            for number in range(args.kills):
                prepare()
                moment = rng.uniform(*MOMENTS) * control.seconds
                kills.append(_kill_once(corpus, index, client, kind, moment, documents))
                log(f"kills: {kind} {number + 1}: {_describe(kills[-1])}")
            result[kind] = {"uninterrupted_seconds": control.seconds, "kills": kills}
    return result


def _kill_once(corpus, index, client, kind, moment, documents) -> dict:
    process = indexrun.start(
        corpus,
        index,
        rebuild=kind == "build",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(moment)
    family = descendants(process.pid)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(ORPHAN_GRACE)
    orphans = sorted(set(alive(family)) | set(group_members(process.pid)))
    outcome = {
        "moment_seconds": moment,
        "finished_before_kill": finished,
        "orphans": len(orphans),
        "intact": intact(index, client, {documents}),
    }
    rerun = indexrun.run(corpus, index)
    outcome["rerun_refused"] = rerun.refused
    outcome["rerun_ok"] = rerun.ok
    outcome["rerun_seconds"] = rerun.seconds
    stop(orphans)
    if not rerun.ok:
        retry = indexrun.run(corpus, index)
        outcome["retry_ok"] = retry.ok
        outcome["retry_error"] = None if retry.ok else retry.stderr.strip()[-300:]
    return outcome


def intact(index: Path, client: Client, counts: set[int]) -> dict:
    """Whether the generation in service is complete and the app still answers."""
    on_disk = _generation_count(index)
    health = client.health()
    search = client.search(COMMON_QUERY, per_page=1)
    answers = (
        health.status == 200
        and search.status == 200
        and isinstance(search.body, dict)
        and search.body.get("total", 0) > 0
    )
    return {"index": on_disk in counts, "documents": on_disk, "app_answers": answers}


def _generation_count(index: Path) -> int | None:
    """Documents of the generation ``current`` points to; None if it is not complete."""
    from whoosh import index as whoosh_index

    from indexer.schema import VERSION_FILE, current_generation

    generation = current_generation(index)
    if generation is None or not (generation / VERSION_FILE).is_file():
        return None
    try:
        return whoosh_index.open_dir(str(generation)).doc_count()
    except Exception:  # noqa: BLE001 - any failure to open means not intact
        return None


def _edit(corpus: Path, paths: list[str], marker: str) -> None:
    """Append a new marker to each of ``paths`` (once per update: each run has work)."""
    for path in paths:
        text = (corpus / path).read_bytes()
        cut = text.find(EDIT_TEXT.split("{marker}")[0].encode())  # an earlier edit
        original = text[:cut] if cut >= 0 else text.rstrip(b"\n")
        rewrite(corpus / path, original + EDIT_TEXT.format(marker=marker).encode())


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (not gone, not a zombie)."""
    return [pid for pid in pids if _state(pid) not in (None, "Z")]


def group_members(pgid: int) -> list[int]:
    """Living processes whose process group is ``pgid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def stop(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)


def _state(pid: int) -> str | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def _describe(kill: dict) -> str:
    if kill["finished_before_kill"]:
        return f"finished before {kill['moment_seconds']:.1f} s"
    rerun = "refused" if kill["rerun_refused"] else ("ok" if kill["rerun_ok"] else "failed")
    return (
        f"killed at {kill['moment_seconds']:.1f} s, {kill['orphans']} orphans, "
        f"intact {kill['intact']['index'] and kill['intact']['app_answers']}, rerun {rerun}"
    )
