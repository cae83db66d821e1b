"""Is an extracted text readable, or the mojibake of a font without a Unicode map?

A PDF (or Word file) set in a legacy Vietnamese font (TCVN3's .VnTime, VNI-Times) holds the
font's 8-bit codes, and a reader without the font's Unicode map shows them as Latin-1 or
Windows-1252: "Céng hoµ x· héi chñ nghÜa" for "Cộng hoà xã hội chủ nghĩa". Other fonts give
no text at all, only glyph numbers: "(cid:123)", private-use code points, U+FFFD. Such text
would be indexed as garbage; the file is skipped instead, after any conversion from TCVN3 or
VNI (indexer.formats.legacy_encoding) has had its chance.
"""

from __future__ import annotations

import re
import unicodedata

UNREADABLE = "text is not readable Vietnamese (legacy font without a Unicode map?)"

_VIETNAMESE_LOWER = (
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
VIETNAMESE_LETTERS = frozenset(_VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper())
# Non-ASCII marks that sit inside ordinary words: "25°C", "“Đổi mới”", "2020–2025".
WORD_PUNCTUATION = frozenset("°“”‘’–—…«»•€№")

# A legacy code read as Latin-1 lands on a foreign letter or a symbol (µ · ¸ ¶ § ©) inside
# a word. Real Vietnamese has none, bar a foreign name; legacy text has them in a third of
# its words or more.
MAX_FOREIGN_WORD_SHARE = 0.1
MIN_FOREIGN_WORDS = 2
# Glyph numbers instead of characters: a few stray ones (a bullet) are tolerated.
MAX_BROKEN_CHAR_SHARE = 0.01
# Text is mostly letters and digits; a stream of punctuation is glyph indexes read as codes.
MIN_ALNUM_SHARE = 0.5

_CID = re.compile(r"\(cid:\d+\)")
_BROKEN_CATEGORIES = {"Co", "Cs", "Cn", "Cc"}


def unreadable_reason(text: str) -> str | None:
    """UNREADABLE when ``text`` is mojibake or glyph numbers, else None (empty text too)."""
    text = unicodedata.normalize("NFC", text)
    visible = "".join(text.split())
    if not visible:
        return None
    if _broken_chars(text) > MAX_BROKEN_CHAR_SHARE * len(visible):
        return UNREADABLE
    if sum(char.isalnum() for char in visible) < MIN_ALNUM_SHARE * len(visible):
        return UNREADABLE
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    foreign = sum(_has_foreign_char(word) for word in words)
    if foreign >= MIN_FOREIGN_WORDS and foreign > MAX_FOREIGN_WORD_SHARE * len(words):
        return UNREADABLE
    return None


def _broken_chars(text: str) -> int:
    glyph_numbers = sum(len(match) for match in _CID.findall(text))
    odd = sum(
        char == "\ufffd"
        or (unicodedata.category(char) in _BROKEN_CATEGORIES and not char.isspace())
        for char in text
    )
    return glyph_numbers + odd


def _has_foreign_char(word: str) -> bool:
    return any(
        not char.isascii() and char not in VIETNAMESE_LETTERS and char not in WORD_PUNCTUATION
        for char in word
    )
