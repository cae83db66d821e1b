"""The HTTP load generator, run as its own process so it does not share the benchmark's GIL.

    python -m bench.perf.load --base http://127.0.0.1:PORT --paths FILE
        [--clients 8] [--duration SECONDS] [--requests N]

Each client is a thread with its own ``http.client`` connection, kept alive when the
server allows it (gunicorn's sync workers close it after each response: the client then
reconnects, as a browser would). Client ``i`` cycles through the request paths from its
own starting point. It stops after ``--duration`` seconds or ``--requests`` requests in
all, whichever comes first, or when it receives SIGTERM, and prints JSON: requests,
errors (any status but 200, or a failed connection), a few error messages, the count of
each status (``"conn"`` for a failed connection), the seconds taken and every latency in ms.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import signal
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

TIMEOUT = 30.0
MAX_ERROR_SAMPLES = 5


class _Shared:
    def __init__(self, budget: int | None, deadline: float):
        self.lock = threading.Lock()
        self.budget, self.deadline = budget, deadline
        self.latencies: list[float] = []
        self.errors = 0
        self.samples: list[str] = []
        self.statuses: dict[str, int] = {}
        self.stopped = False

    def take(self) -> bool:
        """Whether one more request may start."""
        with self.lock:
            if self.stopped or time.perf_counter() >= self.deadline:
                return False
            if self.budget is not None:
                if self.budget <= 0:
                    return False
                self.budget -= 1
            return True

    def stop(self) -> None:
        self.stopped = True  # read without the lock: the handler may interrupt a holder

    def record(self, milliseconds: float, error: str | None, status: str = "200") -> None:
        with self.lock:
            self.latencies.append(milliseconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if error is not None:
                self.errors += 1
                if len(self.samples) < MAX_ERROR_SAMPLES:
                    self.samples.append(error)


def _client(host: str, port: int, paths: list[str], start: int, shared: _Shared) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    for path in itertools.islice(itertools.cycle(paths), start, None):
        if not shared.take():
            break
        began = time.perf_counter()
        error, status = None, "conn"
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            body = response.read()
            status = str(response.status)
            if response.status != 200:
                error = f"{response.status} {path}: {body[:200]!r}"
            if response.getheader("Connection", "").lower() == "close":
                connection.close()  # reopened by the next request
        except (OSError, http.client.HTTPException) as failure:
            error = f"{type(failure).__name__}: {failure} ({path})"
            connection.close()
        shared.record((time.perf_counter() - began) * 1000, error, status)
    connection.close()


def run_load(
    base: str, paths: list[str], clients: int, duration: float, requests: int | None
) -> dict:
    address = urlsplit(base)
    started = time.perf_counter()
    shared = _Shared(requests, started + duration)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: shared.stop())  # stop early, still report
    threads = [
        threading.Thread(
            target=_client,
            args=(address.hostname, address.port, paths, i * len(paths) // clients, shared),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "requests": len(shared.latencies),
        "errors": shared.errors,
        "error_samples": shared.samples,
        "statuses": shared.statuses,
        "seconds": time.perf_counter() - started,
        "latencies_ms": shared.latencies,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.perf.load")
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--paths", type=Path, required=True, help="JSON list of request paths")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--requests", type=int, help="stop after this many requests in all")
    args = parser.parse_args(argv)
    host = urlsplit(args.base).hostname or ""
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        parser.error("the load generator only targets this machine's loopback addresses")
    paths = json.loads(args.paths.read_text(encoding="utf-8"))
    result = run_load(args.base, paths, args.clients, args.duration, args.requests)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
