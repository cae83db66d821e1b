"""Timing the project's indexer, each run in its own process to measure its peak memory.

The child process (``python -m bench.perf.indexing CORPUS INDEX [--rebuild]``) calls the
public ``indexer.writer.index_corpus`` and prints what it did as JSON; the parent times
it and reads its memory two ways: the largest single process (``ru_maxrss`` from
``wait4``, which covers the child and any worker processes it waited for) and the
largest sum over the process tree, sampled every 0.2 s (parallel workers add up).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.perf.procs import TreeMemory


@dataclass(frozen=True)
class IndexRun:
    seconds: float  # inside index_corpus
    wall_seconds: float  # the whole process, interpreter start and imports included
    peak_process_mb: float
    peak_tree_mb: float
    report: dict  # counts of the IndexReport


def run_indexer(corpus_dir: Path, index_dir: Path, rebuild: bool = False) -> IndexRun:
    """Run the indexer once in a child process; raise RuntimeError if it fails."""
    command = [sys.executable, "-m", "bench.perf.indexing", str(corpus_dir), str(index_dir)]
    if rebuild:
        command.append("--rebuild")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        with TreeMemory(process.pid) as tree:
            _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"indexer failed ({process.returncode}):\n{message}")
        result = json.loads(out.read())
    return IndexRun(
        seconds=result["seconds"],
        wall_seconds=wall,
        peak_process_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        peak_tree_mb=tree.peak_mb,
        report=result["report"],
    )


def _child(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.perf.indexing")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    from indexer.writer import index_corpus

    started = time.perf_counter()
    report = index_corpus(args.corpus, args.index, rebuild=args.rebuild, progress=None)
    seconds = time.perf_counter() - started
    counts = {
        name: len(value) if isinstance(value, list) else value
        for name, value in ((f.name, getattr(report, f.name)) for f in dataclasses.fields(report))
        if isinstance(value, list | int)
    }
    json.dump({"seconds": seconds, "report": counts}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(_child())
