"""Vietnamese text as the old encodings store it, for the tests of the readers that undo
them: Windows-1258 (tone marks combining) and the TCVN3/VNI font tables in reverse."""

from __future__ import annotations

import unicodedata

from indexer.formats.legacy_encoding import legacy_tables

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def windows_1258_form(text: str) -> str:
    """Spell text as Windows-1258 stores it: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(out)


def windows_1258_bytes(text: str) -> bytes:
    return windows_1258_form(text).encode("cp1258")


def legacy_form(text: str, encoding: str) -> str:
    """Text as a legacy font stores it, read as Windows-1252 characters: the data file's
    table in reverse. A toned capital, which TCVN3 lacks, is typed in lower case."""
    table = legacy_tables()[encoding]
    return "".join(
        table.get(char) or table.get(char.lower(), char)
        for char in unicodedata.normalize("NFC", text)
    )


def legacy_bytes(text: str, encoding: str) -> bytes:
    return legacy_form(text, encoding).encode("cp1252")
