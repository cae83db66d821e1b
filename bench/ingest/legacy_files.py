"""Text files in the legacy Vietnamese encodings, TCVN3 (ABC) and VNI, encoded with the
project's own tables (indexer/data/legacy_encodings.yaml, read from Unicode to legacy).

A legacy file holds bytes that show as Windows-1252 characters. TCVN3 has no capital
letters with a tone mark: a typist wrote their lower-case codes (the capitals fonts drew
them as capitals), so the file says "ở" where the article says "Ở", and the reader cannot
know better outside an all-capitals line. A character neither table nor code page can
hold (a Chinese name, a zero-width space) cannot be in such a file at all: it is left out
of the file and of the text the file should give.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata

MODULE = "indexer.formats.legacy_encoding"
NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}


def encoder_problem() -> str | None:
    """Why legacy files cannot be made here, or None."""
    if importlib.util.find_spec(MODULE) is None:
        return f"not available yet: no TCVN3/VNI conversion ({MODULE})"
    return None


def encode(text: str, encoding: str) -> tuple[bytes, str]:
    """(the file's bytes, the text they can give back) of ``text`` in "tcvn3" or "vni"."""
    table, legacy_signs = _table(NAMES[encoding])
    written, kept = [], []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            written.append(table[char])
            kept.append(char)
        elif char.lower() in table and char.lower() != char:
            written.append(table[char.lower()])  # a capital the encoding cannot write
            kept.append(char)
        elif char.isascii() or (_in_code_page(char) and char not in legacy_signs):
            written.append(char)
            kept.append(char)
    return "".join(written).encode("cp1252"), "".join(kept)


@functools.cache
def _table(name: str) -> tuple[dict[str, str], frozenset[str]]:
    from indexer.formats.legacy_encoding import legacy_tables

    table = legacy_tables()[name]
    return table, frozenset("".join(table.values()))


def _in_code_page(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return char.isprintable()
