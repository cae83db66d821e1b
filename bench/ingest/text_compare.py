"""How far an extracted text is from the text that was printed: characters, words, order.

Every figure is on whitespace-normalised NFC text, so a line break where the page wrapped
costs nothing; a space lost or added between two words does. The dynamic programs run a row
at a time in numpy: a 5,000-character article against its extraction takes milliseconds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np


def normalise(text: str) -> str:
    """NFC, every run of whitespace one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute: 1 each) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1)
    previous = steps.copy()
    for i, char in enumerate(a, start=1):
        substitute = previous[:-1] + (codes_b != ord(char))
        row = np.empty_like(previous)
        row[0] = i
        row[1:] = np.minimum(substitute, previous[1:] + 1)
        # An insertion chain along the row: row[j] = min over k <= j of row[k] + (j - k).
        row = np.minimum.accumulate(row - steps) + steps
        previous = row
    return int(previous[-1])


def common_subsequence(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two word lists."""
    if not a or not b:
        return 0
    vocabulary: dict[str, int] = {}
    ids_b = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in b])
    previous = np.zeros(len(b) + 1, dtype=np.int64)
    for word in a:
        matches = ids_b == vocabulary.get(word, -1)
        row = np.zeros_like(previous)
        row[1:] = np.maximum(previous[:-1] + matches, previous[1:])
        # Taking a word from b alone: a running maximum along the row.
        previous = np.maximum.accumulate(row)
    return int(previous[-1])


@dataclass(frozen=True)
class WordChanges:
    """Words of the source printed as one (glued) or one word printed as two (split)."""

    glued: int = 0
    split: int = 0

    def __add__(self, other: WordChanges) -> WordChanges:
        return WordChanges(self.glued + other.glued, self.split + other.split)


def word_changes(source: list[str], extracted: list[str]) -> WordChanges:
    """Count spaces lost and spaces added: stretches that differ only by their spaces."""
    glued = split = 0
    matcher = difflib.SequenceMatcher(None, source, extracted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or "".join(source[i1:i2]) != "".join(extracted[j1:j2]):
            continue
        source_spaces, extracted_spaces = _boundaries(source[i1:i2]), _boundaries(extracted[j1:j2])
        glued += len(source_spaces - extracted_spaces)
        split += len(extracted_spaces - source_spaces)
    return WordChanges(glued, split)


def _boundaries(words: list[str]) -> set[int]:
    """Where the spaces fall between ``words``, as offsets into the words run together."""
    offsets, end = set(), 0
    for word in words[:-1]:
        end += len(word)
        offsets.add(end)
    return offsets


@dataclass(frozen=True)
class Comparison:
    """One extraction against its source; sums over documents add up."""

    source_chars: int = 0
    edits: int = 0
    source_words: int = 0
    in_order_words: int = 0
    changes: WordChanges = WordChanges()
    source_paragraphs: int = 0
    found_paragraphs: int = 0  # source paragraphs extracted whole, as a paragraph of their own

    def __add__(self, other: Comparison) -> Comparison:
        return Comparison(
            self.source_chars + other.source_chars,
            self.edits + other.edits,
            self.source_words + other.source_words,
            self.in_order_words + other.in_order_words,
            self.changes + other.changes,
            self.source_paragraphs + other.source_paragraphs,
            self.found_paragraphs + other.found_paragraphs,
        )

    @property
    def character_error_rate(self) -> float:
        return self.edits / max(1, self.source_chars)

    @property
    def in_order_share(self) -> float:
        return self.in_order_words / max(1, self.source_words)

    @property
    def paragraph_share(self) -> float:
        return self.found_paragraphs / max(1, self.source_paragraphs)

    def per_thousand_words(self, count: int) -> float:
        return 1000 * count / max(1, self.source_words)


def compare(source: str, extracted: str) -> Comparison:
    """The figures for one document."""
    source_paragraphs = split_paragraphs(source)
    found = Counter(split_paragraphs(extracted))
    found_paragraphs = sum(min(n, found[p]) for p, n in Counter(source_paragraphs).items())
    source, extracted = normalise(source), normalise(extracted)
    source_words, extracted_words = source.split(), extracted.split()
    return Comparison(
        source_chars=len(source),
        edits=edit_distance(source, extracted),
        source_words=len(source_words),
        in_order_words=common_subsequence(source_words, extracted_words),
        changes=word_changes(source_words, extracted_words),
        source_paragraphs=len(source_paragraphs),
        found_paragraphs=found_paragraphs,
    )


def split_paragraphs(text: str) -> list[str]:
    """The text's paragraphs (separated by a blank line), each normalised."""
    return [normalise(part) for part in re.split(r"\n\s*\n", text) if part.strip()]
