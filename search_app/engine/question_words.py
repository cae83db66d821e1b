"""Question and filler words (``search_app/engine/data/question_words.yaml``) taken out of a run of
query words: "Chính phủ đã cắt giảm bao nhiêu thủ tục hành chính" is searched for its
other words. Accents and case are ignored; whole words only; longest phrase first; a
question particle ("không", "chưa") only as the last word.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from indexer.analysis import fold
from indexer.yaml_data import load_yaml

QUESTION_WORDS_FILE = Path(__file__).parent / "data" / "question_words.yaml"
_ENDING = re.compile(r"[?!.,;:]+$")


@functools.cache
def _data() -> dict:
    return load_yaml(QUESTION_WORDS_FILE.read_text("utf-8"))


@functools.cache
def _phrases() -> tuple[tuple[str, ...], ...]:
    """Each phrase as its folded syllables, longest first."""
    phrases = {tuple(fold(p).lower().split()) for p in _data()["phrases"]}
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _endings() -> frozenset[str]:
    return frozenset(fold(word).lower() for word in _data()["endings"])


def without_question_words(text: str) -> str:
    """``text`` less its question and filler words; ``text`` itself when nothing else is
    left (a query of only such words is searched as typed)."""
    words = text.split()
    folded = [fold(_ENDING.sub("", word)).lower() for word in words]  # "nhiêu?" is "nhiêu"
    if len(words) > 1 and folded[-1] in _endings():
        words, folded = words[:-1], folded[:-1]  # "… qua mạng không?"
    kept, i = [], 0
    while i < len(words):
        phrase = next((p for p in _phrases() if tuple(folded[i : i + len(p)]) == p), None)
        if phrase is None:
            kept.append(words[i])
            i += 1
        else:
            i += len(phrase)
    return " ".join(kept) if kept else text
