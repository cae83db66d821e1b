"""The perf bench's load generator (bench/perf/load.py) as a background process.

It runs until stopped (SIGTERM: it finishes its requests in flight and reports) or for
at most ``limit`` seconds, so the load can last exactly as long as what it surrounds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path


class Load:
    def __init__(self, base: str, paths: list[str], clients: int, limit: float = 3600):
        self.base, self.paths, self.clients, self.limit = base, paths, clients, limit
        self.process: subprocess.Popen | None = None
        self._paths_file: Path | None = None

    def __enter__(self) -> Load:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(self.paths, handle)
        self._paths_file = Path(handle.name)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.perf.load",
                "--base",
                self.base,
                "--paths",
                str(self._paths_file),
                "--clients",
                str(self.clients),
                "--duration",
                str(self.limit),
            ],
            stdout=subprocess.PIPE,
        )
        return self

    def stop(self) -> dict:
        """Stop the clients; what they measured (see bench/perf/load.py)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.result()

    def result(self) -> dict:
        """What the clients measured, once they have finished by themselves. The report is
        read while waiting: it is larger than a pipe holds, and waiting first would
        leave the generator blocked writing it."""
        stdout, _ = self.process.communicate()
        if not stdout:  # stopped before it could report (still starting)
            return {
                "requests": 0,
                "errors": 0,
                "error_samples": [],
                "statuses": {},
                "seconds": 0.0,
                "latencies_ms": [],
            }
        return json.loads(stdout)

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self._paths_file is not None:
            os.unlink(self._paths_file)


def run_for(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """Load for ``seconds``, in the foreground."""
    with Load(base, paths, clients, limit=seconds) as load:
        return load.result()
