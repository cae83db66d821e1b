"""The lines of text pyvi is given, cut into units exactly as ``indexer.analysis.segment``
cuts them: normalised, split at line breaks and into pieces of bounded length."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from indexer import analysis


def unit_lines(texts: Iterable[str]) -> Iterator[list[str]]:
    """The unit texts of every non-empty line (or piece of a long line) of ``texts``."""
    limit = analysis.segment_chars()
    for text in texts:
        for line in analysis.normalize(text).split("\n"):
            for _, piece in analysis.line_pieces(line, limit):
                # The segmenter's own unit pattern: the bench must see the units it sees.
                units = [match.group() for match in analysis._UNIT.finditer(piece)]
                if units:
                    yield units
