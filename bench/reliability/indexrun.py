"""`reform-search index` as a user runs it: a child process, its output, time and memory.

The child is started in a session of its own, so a timeout can stop it and every worker
process it started (by its process group id) without touching anything else.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.perf.procs import TreeMemory
from bench.perf.server import command

LOCKED_MESSAGE = "another indexer is writing"


@dataclass(frozen=True)
class IndexerRun:
    exit_code: int | None  # None: stopped at the timeout
    seconds: float
    stdout: str
    stderr: str
    peak_process_mb: float  # the largest single process (ru_maxrss of the reaped ones)
    peak_tree_mb: float  # the largest sum over the process tree, sampled

    @property
    def refused(self) -> bool:
        """Refused because another indexer held the write lock."""
        return self.exit_code != 0 and LOCKED_MESSAGE in self.stderr

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def index_command(corpus: Path, index_dir: Path, rebuild: bool = False) -> list[str]:
    args = [*command("reform-search"), "index", str(corpus), "--index", str(index_dir)]
    return [*args, "--rebuild"] if rebuild else args


def start(corpus: Path, index_dir: Path, rebuild: bool = False, **kwargs) -> subprocess.Popen:
    """The indexer started in its own session (process group = its pid)."""
    return subprocess.Popen(
        index_command(corpus, index_dir, rebuild), start_new_session=True, **kwargs
    )


def run(corpus: Path, index_dir: Path, rebuild: bool = False, timeout: float = 600) -> IndexerRun:
    """Run the indexer to its end (or ``timeout`` seconds, then stop its process group)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = start(corpus, index_dir, rebuild, stdout=out, stderr=err)
        expired = threading.Event()
        timer = threading.Timer(timeout, lambda: (expired.set(), _stop_group(process.pid)))
        timer.start()
        try:
            with TreeMemory(process.pid) as tree:
                _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        _stop_group(process.pid)  # workers a killed or stopped indexer left behind
        out.seek(0)
        err.seek(0)
        stdout, stderr = (decode_output(stream.read()) for stream in (out, err))
    return IndexerRun(
        None if expired.is_set() else process.returncode,
        seconds,
        stdout,
        stderr,
        usage.ru_maxrss / 1024,  # kilobytes on Linux
        tree.peak_mb,
    )


def decode_output(raw: bytes) -> str:
    """The command's output as text; bytes that are not UTF-8 (a file name that is not)
    keep their value as surrogates, as Python's own file names do."""
    return raw.decode("utf-8", errors="surrogateescape")


def _stop_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
