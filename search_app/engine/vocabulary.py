"""The index's own words, for "did you mean" and for regrouping unaccented queries.

Read per segment and kept with it (``search_app.engine.snapshot``): a commit costs only the
words of its new segments. Looking a word up asks each segment; segments are few.
"""

from __future__ import annotations

import string
from collections import Counter

from indexer.schema import text_field
from search_app.engine.glossary import current_glossary
from search_app.engine.suggest import Speller

SPELLING_FIELD = text_field("body", "words")  # accented words and how many documents hold them
SYLLABLE_FIELD = text_field("body", "syllables_folded")
MAX_NEIGHBOURS = 8
_LETTERS = string.ascii_lowercase + string.digits  # of folded syllables


class Vocabulary:
    """The index's words and syllables, by their accent-free form, with document counts."""

    def __init__(self, snapshot):
        self._words = snapshot.segment_words(SPELLING_FIELD)
        self._syllables = snapshot.segment_words(SYLLABLE_FIELD)

    def knows(self, folded_word: str) -> bool:
        """Whether some document holds this word ("cai_cach"), with any accents."""
        return any(folded_word in segment for segment in self._words)

    def spelling(self, folded_word: str) -> str | None:
        """The commonest accented form of a folded word: "cai_cach" → "cải cách"."""
        counts: Counter = Counter()
        for segment in self._words:
            for word, documents in segment.get(folded_word, ()):
                counts[word] += documents
        if not counts:
            return None
        best = min(counts, key=lambda word: (-counts[word], word))
        return best.replace("_", " ")

    def speller(self) -> Speller:
        glossary = current_glossary()

        def spelling(syllables: tuple[str, ...]) -> str | None:
            return glossary.spelling(syllables) or self.spelling("_".join(syllables))

        return Speller(spelling, self._known, self._neighbours)

    def _documents_with_syllable(self, folded_syllable: str) -> int:
        return sum(
            documents
            for segment in self._syllables
            for _, documents in segment.get(folded_syllable, ())
        )

    def _known(self, folded_syllable: str) -> bool:
        return any(folded_syllable in segment for segment in self._syllables)

    def _neighbours(self, folded_syllable: str) -> list[str]:
        """Known syllables one edit or one swap of neighbouring letters away, commonest first."""
        if len(folded_syllable) < 3:
            return []
        found = {edit for edit in _one_edit_away(folded_syllable) if self._known(edit)}
        found.discard(folded_syllable)
        ranked = sorted(found, key=lambda s: (-self._documents_with_syllable(s), s))
        return ranked[:MAX_NEIGHBOURS]


def _one_edit_away(word: str) -> set[str]:
    """Every string one deletion, insertion, replacement or neighbour swap from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts
