"""Bounds on what one request may cost: query size, time, highlighting, heavy queries at once.

A search archive is shared: one pasted page of text, a query of fifty common words or a
report of five megabytes must not hold a server worker for seconds while everyone else
waits. Each bound here degrades the answer rather than failing it where it can (a query
cut with a notice, a page of hits without their snippets), and says so.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from search_app.engine.query import ParsedQuery


@dataclass(frozen=True)
class Limits:
    """The bounds of one service; the defaults are the settings' defaults."""

    max_query_chars: int = 256  # longer queries are cut at a word's end
    max_alternatives: int = 8  # OR branches kept per group
    highlight_chars: int = 100_000  # characters of a text looked through for matches
    time_budget: float = 2.0  # seconds a search may take before it stops short
    heavy_postings: int = 400_000  # postings to read that make a query heavy
    heavy_at_once: int = 1  # heavy queries evaluated at once, over all server processes
    # Documents holding most of the query follow a short list (search_app.engine.partial); off
    # only for bench/perf's baseline of what partial matching costs.
    partial_matching: bool = True

    @classmethod
    def from_settings(cls, value: Callable[[str], int]) -> Limits:
        """The limits given by the REFORM_SEARCH_* settings, ``value(name)`` reading one."""
        return cls(
            max_query_chars=value("REFORM_SEARCH_MAX_QUERY_CHARS"),
            max_alternatives=value("REFORM_SEARCH_MAX_ALTERNATIVES"),
            highlight_chars=value("REFORM_SEARCH_HIGHLIGHT_CHARS"),
            time_budget=value("REFORM_SEARCH_TIME_BUDGET_MS") / 1000,
            heavy_postings=value("REFORM_SEARCH_HEAVY_POSTINGS"),
            heavy_at_once=value("REFORM_SEARCH_HEAVY_AT_ONCE"),
        )


class OverBudget(Exception):
    """The request used up its time before it could be answered."""


class Busy(Exception):
    """Heavy queries are already running in every slot: try again in a moment."""


class Deadline:
    """The time left to a request; ``check`` raises :class:`OverBudget` once it is gone."""

    def __init__(self, seconds: float):
        self.ends = time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.ends

    def check(self) -> None:
        if self.passed:
            raise OverBudget("the search took longer than its time budget")


NO_DEADLINE = Deadline(float("inf"))


def cut_query(text: str, max_chars: int) -> tuple[str, bool]:
    """``text`` cut to at most ``max_chars`` characters, at the end of a word; and
    whether it was cut."""
    text = text or ""
    if len(text) <= max_chars:
        return text, False
    cut = text[: max_chars + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut[:max_chars]).rstrip(), True


def limit_alternatives(parsed: ParsedQuery, max_alternatives: int) -> bool:
    """Keep the first ``max_alternatives`` of each group's OR branches in ``parsed``;
    return whether any was dropped."""
    dropped = False
    for group in parsed.groups:
        if len(group) > max_alternatives:
            del group[max(1, max_alternatives) :]
            dropped = True
    return dropped


class HeavySlots:
    """At most ``count`` heavy queries at once over every process serving one index.

    Each slot is a lock file taken without waiting: a process killed in a heavy query
    frees its slot with its file descriptors. The files live in the temporary folder,
    named after the index, so servers of other indexes do not share them.
    """

    def __init__(self, index_dir: Path, count: int):
        key = hashlib.sha256(os.fsencode(Path(index_dir).resolve())).hexdigest()[:16]
        folder = Path(tempfile.gettempdir())
        self.paths = [folder / f"reform-search-{key}-heavy-{n}.lock" for n in range(count)]

    @contextmanager
    def taken(self):
        """Hold a free slot for the block, or raise :class:`Busy` at once."""
        for path in self.paths:
            handle = open(path, "a")  # noqa: SIM115 (held for the block below)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        raise Busy("the server is answering other long queries; try again in a moment")
