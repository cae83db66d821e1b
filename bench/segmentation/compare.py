"""The two ways to pyvi's labels, compared: every line for differences, a subset for speed.

The reference is pyvi's own path: its feature dicts, then its model's ``predict``. The
fast path is ``indexer.pyvi_features``. Speed is timed pass by pass, the two paths taking
turns in the same process, so that other work on the machine weighs on both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from unittest import mock

from indexer import analysis, pyvi_features


@dataclass
class Differences:
    lines: int = 0
    units: int = 0
    differing_labels: int = 0  # units whose label differs (must be 0)
    differing_lines: int = 0  # lines with at least one differing label
    differing_features: int = 0  # units whose attributes, as the tagger reads them, differ


def diff(lines: Iterable[list[str]]) -> Differences:
    """Run every line through both paths and count what differs."""
    vi = analysis._pyvi()
    found = Differences()
    for texts in lines:
        reference = vi.sent2features(texts, False)
        expected = list(vi.model.predict([reference])[0])
        # pyvi_features.labels() in its two steps, to compare the attributes too.
        fast = pyvi_features.attributes(texts, vi.bi_grams, vi.tri_grams)
        got = vi.model.tagger_.tag(fast)
        differing = sum(a != b for a, b in zip(expected, got, strict=True))
        found.lines += 1
        found.units += len(texts)
        found.differing_labels += differing
        found.differing_lines += differing > 0
        found.differing_features += _differing_items(reference, fast)
    return found


def _differing_items(reference: list[dict], fast: list[tuple[str, ...]]) -> int:
    expected = pyvi_features.as_tagger_reads(reference)
    if expected == fast:
        return 0
    # The tagger reads a name only up to a NUL: compare what it reads of both.
    got = pyvi_features.as_tagger_reads(fast)
    return sum(a != b for a, b in zip(expected, got, strict=True))


def time_labels(lines: list[list[str]], repeat: int) -> dict[str, float]:
    """Median seconds of labelling ``lines``, pyvi's path and the fast one taking turns."""
    vi = analysis._pyvi()
    paths = {
        "pyvi": lambda: [pyvi_features.reference_labels(vi, texts) for texts in lines],
        "fast": lambda: [pyvi_features.labels(vi, texts) for texts in lines],
    }
    return _interleaved(paths, repeat)


def time_segment(texts: list[str], repeat: int) -> dict[str, float]:
    """Median seconds of segmenting ``texts`` whole (normalising, cutting into units,
    labelling, making words) with pyvi's path in place of the fast one, and as it is."""

    def segment_all(labelling: Callable[[], AbstractContextManager]) -> Callable[[], None]:
        def run() -> None:
            with labelling():
                for text in texts:
                    analysis._segment(text)  # not segment(): it remembers recent texts

        return run

    paths = {
        "pyvi": segment_all(
            lambda: mock.patch.object(pyvi_features, "labels", pyvi_features.reference_labels)
        ),
        "fast": segment_all(nullcontext),
    }
    return _interleaved(paths, repeat)


def _interleaved(paths: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Each path ``repeat`` times, in turns (the order swapped each pass); the medians."""
    seconds: dict[str, list[float]] = {name: [] for name in paths}
    for turn in range(repeat):
        order = list(paths) if turn % 2 == 0 else list(reversed(paths))
        for name in order:
            start = time.perf_counter()
            paths[name]()
            seconds[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in seconds.items()}
