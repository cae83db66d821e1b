"""The served app: ``reform-search serve`` on a free loopback port, measured from outside.

- how long one changed document takes to become searchable: the file is written, the
  ``reform-search index`` command runs, and ``/api/search`` is asked for a word only the
  change contains until it finds it;
- requests/s and latency from the load generator (a separate process), in two halves of
  equal request counts, with the RSS of every gunicorn worker after each half: memory
  after N and after 2N requests shows whether it grows with the requests served.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bench.perf.corpus import MUTATION_MARK, WorkCorpus, mutate, mutation_targets, restore
from bench.perf.procs import children, free_port, rss_mb

HOST = "127.0.0.1"
START_TIMEOUT = 180.0
VISIBLE_TIMEOUT = 120.0
POLL_SECONDS = 0.05
CACHE_SETTING = "REFORM_SEARCH_CACHE_SIZE"


def command(name: str) -> list[str]:
    """The project's command line, from the interpreter's own environment."""
    script = Path(sys.executable).with_name(name)
    return [str(script)] if script.exists() else [sys.executable, "-m", "reform_search.cli"]


def cache_setting() -> str | None:
    """The setting that sizes the served app's result cache, if the app has one."""
    from reform_search.settings import SETTINGS

    return CACHE_SETTING if CACHE_SETTING in SETTINGS else None


class Server:
    """``reform-search serve`` over ``index_dir``, stopped on leaving the ``with`` block.

    With ``cache=False`` the app's result cache is turned off through its setting when
    there is one (``cache_setting()``); otherwise the app serves as configured.
    """

    def __init__(self, index_dir: Path, workers: int, log: Path, cache: bool = False):
        self.index_dir, self.workers, self.log = index_dir, workers, log
        self.environment = dict(os.environ)
        if not cache and cache_setting():
            self.environment[CACHE_SETTING] = "0"
        self.port = free_port(HOST)
        self.base = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        serve = [
            *command("reform-search"),
            "serve",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--index",
            str(self.index_dir),
        ]
        with self.log.open("wb") as log:  # the access log: one line per request
            self.process = subprocess.Popen(
                serve, stdout=log, stderr=subprocess.STDOUT, env=self.environment
            )
        self._wait_ready()
        return self

    def __exit__(self, *exc) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of the workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {START_TIMEOUT:.0f} s")

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def worker_rss_mb(self) -> list[float]:
        return [rss for rss in map(rss_mb, self.worker_pids()) if rss is not None]

    def total(self, query: str) -> int:
        url = f"{self.base}/api/search?q={quote(query)}&per_page=1"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)["total"]


@dataclass(frozen=True)
class LiveUpdate:
    seconds: float  # file written → /api/search finds it
    index_seconds: float  # of which the `reform-search index` command


def time_live_update(server: Server, work: WorkCorpus) -> LiveUpdate:
    """Change one document, run `reform-search index`, poll the API until the change shows."""
    path = mutation_targets(work)[1]
    word = f"{MUTATION_MARK}{os.getpid()}x{int(time.time())}"
    index = [*command("reform-search"), "index", str(work.root), "--index", str(server.index_dir)]
    try:
        started = time.perf_counter()
        mutate(work, path, word)
        subprocess.run(index, check=True, capture_output=True)
        indexed = time.perf_counter() - started
        while server.total(word) == 0:
            if time.perf_counter() - started > VISIBLE_TIMEOUT:
                raise RuntimeError(f"the changed document was not found in {VISIBLE_TIMEOUT} s")
            time.sleep(POLL_SECONDS)
        return LiveUpdate(time.perf_counter() - started, indexed)
    finally:
        restore(work, path)
        subprocess.run(index, check=True, capture_output=True)


def run_load(server: Server, paths: list[str], clients: int, duration: float) -> dict:
    """Warm-up, then two halves of equal request counts; worker RSS after each half."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(paths, handle)
    try:
        # Every worker opens the index and reads its facet columns on its first requests.
        warm = _load(server, Path(handle.name), clients, duration, len(paths) * 2)
        first = _load(server, Path(handle.name), clients, duration / 2, None)
        rss_first = server.worker_rss_mb()
        second = _load(server, Path(handle.name), clients, duration, first["requests"])
        rss_second = server.worker_rss_mb()
    finally:
        os.unlink(handle.name)
    halves = (first, second)
    return {
        "clients": clients,
        "workers": server.workers,
        "warmup_requests": warm["requests"],
        "requests": sum(h["requests"] for h in halves),
        "seconds": sum(h["seconds"] for h in halves),
        "errors": sum(h["errors"] for h in halves) + warm["errors"],
        "error_samples": (warm["error_samples"] + first["error_samples"] + second["error_samples"])[
            :5
        ],
        "latencies_ms": first["latencies_ms"] + second["latencies_ms"],
        "rss_after": [
            {"requests": first["requests"], "workers_mb": rss_first},
            {"requests": first["requests"] + second["requests"], "workers_mb": rss_second},
        ],
    }


def _load(server: Server, paths: Path, clients: int, duration: float, requests: int | None):
    load = [
        sys.executable,
        "-m",
        "bench.perf.load",
        "--base",
        server.base,
        "--paths",
        str(paths),
        "--clients",
        str(clients),
        "--duration",
        str(duration),
    ]
    if requests is not None:
        load += ["--requests", str(requests)]
    finished = subprocess.run(load, check=True, capture_output=True)
    return json.loads(finished.stdout)
