"""Vietnamese text as the metadata rules compare it: one Unicode form, one tone placement.

>>> normalize("Hoá đơn điện tử, thuỷ lợi") == "Hóa đơn điện tử, thủy lợi"
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

from indexer.yaml_data import load_yaml

_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def _tone_placement_pairs() -> dict[str, str]:
    """Old-style 'oà', 'uỷ' → new-style 'òa', 'ủy' (the tone moves to the first vowel)."""
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONE_MARKS:
            old = first + unicodedata.normalize("NFC", second + mark)
            new = unicodedata.normalize("NFC", first + mark) + second
            for convert in (str.lower, str.upper, str.capitalize):
                pairs[convert(old)] = convert(new)
    return pairs


_TONE_PAIRS = _tone_placement_pairs()
# Only at a syllable's end ('hoàn' is right in both styles); 'qu' is a consonant, so 'quý'
# has no old/new variant.
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(map(re.escape, _TONE_PAIRS)) + r")(?!\w)",
)
# What the alternation can match, and a little more ('oÀ'), as two sets of letters: far
# quicker to search for, it finds most texts (and all texts normalised already) without one.
_TONE_HINT = re.compile(
    "(?<![qQ])[" + "".join(sorted({old[0] for old in _TONE_PAIRS})) + "]"
    "[" + "".join(sorted({old[1] for old in _TONE_PAIRS})) + r"](?!\w)"
)


@functools.lru_cache(maxsize=16)
def normalize(text: str) -> str:
    """NFC, and one tone placement ('hoá' → 'hóa', 'thuỷ' → 'thủy'); the length is kept.

    Each step of metadata extraction normalises what it is given, often the same text
    again: the last few results are kept (a string's hash is computed once and cached)."""
    text = unicodedata.normalize("NFC", text)
    if _TONE_HINT.search(text) is None:
        return text
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(1)], text)


def phrase_pattern(phrase: str) -> str:
    """A regex for a phrase as whole words, any run of spaces between its words."""
    return r"(?<!\w)" + phrase_words(phrase) + r"(?!\w)"


def phrase_words(phrase: str) -> str:
    """A regex for the words of a phrase, any run of spaces between them."""
    return r"\s+".join(map(re.escape, normalize(phrase).split()))


def as_written(text: str) -> str:
    """NFC with spaces collapsed; tone placement is kept, as the author wrote it."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def name_key(name: str) -> str:
    """How two spellings of a name compare: NFC, one tone placement, case and spaces folded."""
    return " ".join(normalize(name).casefold().split())


SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(text) if s.strip()]


def load_data(name: str) -> dict:
    """One of the data files under indexer/data/, parsed."""
    return load_yaml(resources.files("indexer").joinpath("data", name).read_text("utf-8"))
