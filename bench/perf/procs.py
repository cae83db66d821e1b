"""Processes as Linux shows them in /proc: resident memory, children, a free port."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

PROC = Path("/proc")


def rss_mb(pid: int) -> float | None:
    """Resident set size of ``pid`` in MB (VmRSS), None once it has gone."""
    return _status_mb(pid, "VmRSS:")


def high_water_mb(pid: int) -> float | None:
    """Peak resident set size of ``pid`` so far (VmHWM) in MB; None once it has gone."""
    return _status_mb(pid, "VmHWM:")


def _status_mb(pid: int, field: str) -> float | None:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def children(pid: int) -> list[int]:
    """The living child processes of ``pid``, by their parent id in /proc/*/stat."""
    return sorted(child for child, parent in _parents().items() if parent == pid)


def descendants(pid: int) -> list[int]:
    parents = _parents()
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [child for child, parent in parents.items() if parent == current]
        found.extend(kids)
        frontier.extend(kids)
    return sorted(found)


def busy_processes(seconds: float = 1.0, share: float = 0.25) -> list[tuple[int, str, float]]:
    """Other processes that used more than ``share`` of a core over ``seconds``:
    (pid, command name, share of one core), busiest first."""
    before = _cpu_ticks()
    time.sleep(seconds)
    after = _cpu_ticks()
    ticks = os.sysconf("SC_CLK_TCK") * seconds
    busy = [
        (pid, name, (used - before[pid][1]) / ticks)
        for pid, (name, used) in after.items()
        if pid in before and pid != os.getpid()
    ]
    return sorted((b for b in busy if b[2] > share), key=lambda b: -b[2])


def _cpu_ticks() -> dict[int, tuple[str, int]]:
    ticks = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1]
            fields = rest.split()  # from field 3 (state) on: utime and stime are 14 and 15
            ticks[int(entry.name)] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def _parents() -> dict[int, int]:
    parents = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


class TreeMemory:
    """Samples the summed RSS of a process and its descendants until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = [self.pid, *descendants(self.pid)]
            total = sum(rss or 0.0 for rss in map(rss_mb, pids))
            self.peak_mb = max(self.peak_mb, total)
            self._stop.wait(self.interval)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def directory_mb(path: Path) -> float:
    """Bytes of the files under ``path`` (links not followed), in MB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            file = Path(root) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total / (1024 * 1024)
