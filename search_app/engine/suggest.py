""" "Did you mean": an accented, corrected spelling of a query, from the index's own words.

``thu tuc hanh chinh`` → ``thủ tục hành chính``: runs of syllables are replaced, longest
first, by how the glossary writes them (names, bodies, acronyms) or else by the index's
most frequent accented word for them. A syllable the index has never seen is replaced by
a known one a typo away, preferring one that forms a known word with its neighbours
(``cai cahc`` → ``cải cách``, not ``cái các``). Numbers, dates and document numbers
(``4.0``, ``15/7/2021``, ``60/2021/NĐ-CP``) come back as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.analysis import fold, segment
from search_app.engine.query import parse_query

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
    parts = _parts(typed)
    runs = [part for part in parts if isinstance(part, list)]
    typed_runs = [list(run) for run in runs]
    for run in runs:
        for i, syllable in enumerate(list(run)):
            if not speller.known(syllable):
                run[i] = _best_neighbour(run, i, speller)
    accented = any(fold(w.text) != w.text for w in segment(typed) if not _kept(w.text))
    if accented and runs == typed_runs:
        return None  # accents typed on purpose and every word known
    suggestion = " ".join(_spelled(part, speller) for part in parts)
    as_typed = " ".join(_spelled(part, None) for part in _parts(typed))
    if suggestion.lower() in (" ".join(typed.lower().split()), as_typed):
        return None  # nothing gained: the same words, at most without their punctuation
    return suggestion


def _parts(typed: str) -> list[list[str] | str]:
    """The query as runs of folded syllables to spell, and, between them, the words
    holding a digit as typed: numbers, dates and document numbers ("4.0", "15/7/2021",
    "60/2021/NĐ-CP") have no other spelling, and their pieces are no syllables."""
    parts: list[list[str] | str] = []
    for word in segment(typed):
        if _kept(word.text):
            parts.append(typed[word.start : word.end])
            continue
        if not parts or not isinstance(parts[-1], list):
            parts.append([])
        parts[-1].extend(fold(s.lower()) for s, _, _ in word.syllables)
    return parts


def _kept(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _spelled(part: list[str] | str, speller: Speller | None) -> str:
    if isinstance(part, str):
        return part
    return " ".join(_spell(part, speller) if speller else part)


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
