"""Command-line arguments the benchmarks share: where the corpus comes from, where it is
unpacked and indexed, and whole-number options."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.relevance.corpus import DEFAULT_CORPUS, default_cache


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """``--corpus`` (a folder or an archive) and ``--cache`` (outside the repository)."""
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of .md/.txt files, or a .tar.* archive of one (default: %(default)s)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=default_cache(),
        help="where the corpus is unpacked and indexes are kept (default: %(default)s)",
    )


def count(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    return _at_least(text, 0)


def positive(text: str) -> int:
    """An argparse type: a whole number, 1 or more."""
    return _at_least(text, 1)


def _at_least(text: str, low: int) -> int:
    value = int(text)
    if value < low:
        raise argparse.ArgumentTypeError(f"must be {low} or more: {value}")
    return value


def names_among(known, what: str):
    """An argparse type: comma-separated names, each one of ``known`` ("unknown {what}")."""

    def parse(text: str) -> tuple[str, ...]:
        names = tuple(name.strip() for name in text.split(",") if name.strip())
        unknown = set(names) - set(known)
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {sorted(unknown)}; known: {list(known)}"
            )
        return names

    return parse
