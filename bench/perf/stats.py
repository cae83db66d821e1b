"""Percentiles, summaries over repetitions, targets and the printed table: pure functions.

>>> percentile([10.0, 20.0, 30.0, 40.0], 50)
25.0
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile, interpolated linearly between the two closest ranks.

    The same definition as numpy's default: rank ``p / 100 * (n - 1)`` in the sorted values.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100: {p}")
    ordered = sorted(values)
    rank = p / 100 * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    p50: float
    p95: float
    max: float
    n: int  # samples per repetition


def summarize(values: Sequence[float]) -> Summary:
    """p50, p95 and max of one set of samples."""
    return Summary(percentile(values, 50), percentile(values, 95), max(values), len(values))


def summarize_repetitions(repetitions: Sequence[Sequence[float]]) -> Summary:
    """Each statistic taken per repetition, then the median over the repetitions.

    One slow repetition (a page-cache miss, another process) moves the result less than
    pooling every sample would.
    """
    if not repetitions:
        raise ValueError("no repetitions")
    per_run = [summarize(values) for values in repetitions]
    return Summary(
        statistics.median(s.p50 for s in per_run),
        statistics.median(s.p95 for s in per_run),
        statistics.median(s.max for s in per_run),
        per_run[0].n,
    )


def ratio(value: float | None, baseline: float | None) -> float | None:
    """``value / baseline``; None when either is missing or the baseline is zero."""
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


# --- Targets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """An upper (``<=``) or lower (``>=``) bound a figure should meet."""

    op: str
    bound: float
    unit: str = ""

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value <= self.bound if self.op == "<=" else value >= self.bound

    def __str__(self) -> str:
        sign = "≤" if self.op == "<=" else "≥"
        return f"{sign} {self.bound:g}{' ' + self.unit if self.unit else ''}"


# --- Formatting ----------------------------------------------------------------------------


def format_number(value: float | None) -> str:
    """About three significant figures: ``1,234``, ``56.7``, ``8.90``; None → ``—``."""
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_ratio(value: float | None) -> str:
    """A speed ratio: ``2.5×``, ``0.40×``."""
    if value is None:
        return ""
    return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned.

    A row with a single cell is a section title, printed on its own line.
    """
    widths = [len(cell) for cell in header]
    for row in rows:
        if len(row) > 1:
            widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [cell.rjust(width) for cell, width in zip(cells, widths, strict=True)]
        return "  ".join([cells[0].ljust(widths[0]), *padded[1:]]).rstrip()

    out = [line(header), "-" * (sum(widths) + 2 * (len(widths) - 1))]
    for row in rows:
        out.append(row[0] if len(row) == 1 else line(row))
    return "\n".join(out)
