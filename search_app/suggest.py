""" "Did you mean": an accented, corrected spelling of a query, from the index's own words.

``thu tuc hanh chinh`` → ``thủ tục hành chính``: runs of syllables are replaced, longest
first, by how the glossary writes them (names, bodies, acronyms) or else by the index's
most frequent accented word for them. A syllable the index has never seen is replaced by
a known one a typo away, preferring one that forms a known word with its neighbours
(``cai cahc`` → ``cải cách``, not ``cái các``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.analysis import fold, query_words
from search_app.query import parse_query

MAX_WORD_SYLLABLES = 6


@dataclass(frozen=True)
class Speller:
    """Where spellings come from (the service wires these to the index and glossary)."""

    # folded syllables ("thu", "tuc") → a spelling ("thủ tục"), or None
    spelling: Callable[[tuple[str, ...]], str | None]
    # is this folded syllable in the index?
    known: Callable[[str], bool]
    # known syllables a typo away from an unknown one, most frequent first
    neighbours: Callable[[str], list[str]]


def suggest(text: str, speller: Speller) -> str | None:
    """A better spelling of a plain query, or None when there is nothing to suggest."""
    parsed = parse_query(text)
    if parsed.excluded or parsed.filters or len(parsed.groups) != 1 or len(parsed.groups[0]) != 1:
        return None  # a query with syntax was typed on purpose: leave it alone
    typed = parsed.groups[0][0].text
    syllables = [s for w in query_words(typed) for s in w.folded_syllables]
    typed_syllables = list(syllables)
    for i, syllable in enumerate(typed_syllables):
        if not speller.known(syllable):
            syllables[i] = _best_neighbour(syllables, i, speller)
    if fold(typed) != typed and syllables == typed_syllables:
        return None  # accents typed on purpose and every word known
    suggestion = " ".join(_spell(syllables, speller))
    if suggestion.lower() in (" ".join(typed.lower().split()), " ".join(typed_syllables)):
        return None  # nothing gained: the same words, at most without their punctuation
    return suggestion


def _best_neighbour(syllables: list[str], i: int, speller: Speller) -> str:
    """The replacement for unknown syllable ``i`` that best fits its neighbours."""
    candidates = speller.neighbours(syllables[i])
    if not candidates:
        return syllables[i]

    def fit(candidate: str) -> int:
        trial = syllables[:i] + [candidate] + syllables[i + 1 :]
        return max(
            (
                j - k
                for k in range(max(0, i - 3), i + 1)
                for j in range(i + 1, len(trial) + 1)
                if j - k > 1 and speller.spelling(tuple(trial[k:j]))
            ),
            default=1,
        )

    return max(candidates, key=lambda c: (fit(c), -candidates.index(c)))


def _spell(syllables: list[str], speller: Speller) -> list[str]:
    words, i = [], 0
    while i < len(syllables):
        for j in range(min(len(syllables), i + MAX_WORD_SYLLABLES), i, -1):
            spelled = speller.spelling(tuple(syllables[i:j]))
            if spelled is not None:
                words.append(spelled)
                i = j
                break
        else:
            words.append(syllables[i])
            i += 1
    return words
