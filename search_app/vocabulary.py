"""The index's own words, for "did you mean" and for regrouping unaccented queries."""

from __future__ import annotations

from indexer.analysis import fold
from indexer.schema import text_field
from search_app.glossary import current_glossary
from search_app.suggest import Speller

SPELLING_FIELD = text_field("body", "words")  # accented words and how many documents hold them
SYLLABLE_FIELD = text_field("body", "syllables_folded")
MAX_NEIGHBOURS = 8


class Vocabulary:
    """The index's words, for "did you mean" (built once per index state)."""

    def __init__(self, snapshot):
        self._snapshot = snapshot
        best: dict[str, tuple[int, str]] = {}
        for word, frequency in snapshot.iter_terms(SPELLING_FIELD):
            key = fold(word)
            if frequency > best.get(key, (0, ""))[0]:
                best[key] = (frequency, word)
        # Keys are folded words as indexed: "cai_cach" → "cải cách".
        self._spellings = {key: word.replace("_", " ") for key, (_, word) in best.items()}

    def knows(self, folded_word: str) -> bool:
        """Whether some document holds this word ("cai_cach"), with any accents."""
        return folded_word in self._spellings

    def speller(self) -> Speller:
        glossary = current_glossary()

        def spelling(syllables: tuple[str, ...]) -> str | None:
            return glossary.spelling(syllables) or self._spellings.get("_".join(syllables))

        return Speller(spelling, self._known, self._neighbours)

    def _known(self, folded_syllable: str) -> bool:
        return self._snapshot.doc_frequency(SYLLABLE_FIELD, folded_syllable) > 0

    def _neighbours(self, folded_syllable: str) -> list[str]:
        """Known syllables one edit or one swap of neighbouring letters away, commonest first."""
        if len(folded_syllable) < 3:
            return []
        found = set(self._snapshot.terms_within(SYLLABLE_FIELD, folded_syllable, 1))
        for i in range(len(folded_syllable) - 1):
            swapped = (
                folded_syllable[:i]
                + folded_syllable[i + 1]
                + folded_syllable[i]
                + folded_syllable[i + 2 :]
            )
            if self._known(swapped):
                found.add(swapped)
        frequency = self._snapshot.doc_frequency
        ranked = sorted(found, key=lambda t: -frequency(SYLLABLE_FIELD, t))
        return ranked[:MAX_NEIGHBOURS]
