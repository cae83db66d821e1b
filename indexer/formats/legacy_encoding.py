"""Vietnamese typed in the legacy 8-bit encodings, TCVN3 ("ABC", the .VnTime fonts) and VNI
(the VNI-Windows fonts), turned into Unicode. The tables are data/legacy_encodings.yaml.

Such text reaches us as the Windows-1252 characters its bytes stand for: "Céng hoµ x· héi"
for "Cộng hoà xã hội". Whether a text is one of them is decided by reading it both ways: a
legacy text's words are mostly not Vietnamese syllables as they stand and mostly are once
converted; an ordinary text's words already are (Vietnamese in Unicode) or are not either
way (English, French, German, numbers and codes).

>>> convert_legacy_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
('Cộng hoà xã hội chủ nghĩa Việt Nam', 'TCVN3')
>>> convert_legacy_text("Cộng hoà xã hội chủ nghĩa Việt Nam")
('Cộng hoà xã hội chủ nghĩa Việt Nam', None)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from indexer.vntext import load_data

TCVN3 = "TCVN3"
VNI = "VNI"

# Of the words a conversion would change, this share at least must be Vietnamese syllables
# once converted: real legacy text scores 0.9 and more (names and typos make the rest)...
MIN_SYLLABLE_SHARE_AFTER = 0.8
# ...and that share must exceed the share of syllables as they stand by this much. Unicode
# Vietnamese is syllables as it stands (0.9 and more of a line; its conversion often is
# too: TCVN3 turns "cá" into "cỏ"). TCVN3 and VNI lines score 0.1-0.3 as they stand, up
# to 0.7 for a short one ("sóng" for "súng", "vô" for "vụ" are syllables too).
MIN_GAIN_TO_FIT = 0.3
# Of all the line's words, converted or not, this share at least must be syllables: the
# Norwegian "for å gå på" turns into syllables where it is converted ("ồ gồ pồ"), but its
# other words are not.
MIN_SYLLABLE_SHARE_WHOLE = 0.7
# A line decides alone with this much gain, MIN_WORDS_TO_DECIDE such words at least, and a
# Vietnamese letter that Latin-1 does not have once converted (ă, đ, ơ, ư, ạ...: the French
# "Où ?" converts to the syllable "Ó ?", but no Vietnamese text is all Latin-1).
MIN_GAIN_TO_DECIDE = 0.6
MIN_WORDS_TO_DECIDE = 2
# A line typed in capitals in TCVN3, which has no toned capitals: "CéNG HOµ" is "CỘNG HOÀ".
_CAPITALS_MIN_LETTERS = 2

_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng
# A syllable ending in a stop (c, ch, p, t) takes only the sắc or nặng tone, or none.
_STOP_TONES = frozenset(("", "\u0301", "\u0323"))
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
_CODA = "(?:ch|ng|nh|[cmnpt])"
# Vowel groups by what may follow them: nothing, a final consonant or not, a final consonant.
_OPEN_NUCLEI = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu "
    "iêu yêu oai oay oeo uây uôi ươi ươu uya uyu"
)
_NUCLEI = "a e ê i o ô ơ u ư y oa oe uê uy"
_CLOSED_NUCLEI = "ă â iê yê uô ươ oă uâ uyê oo"


def _alternation(words: str) -> str:
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


_SYLLABLE = re.compile(
    f"{_ONSET}(?:{_alternation(_OPEN_NUCLEI)}|{_alternation(_NUCLEI)}{_CODA}?"
    f"|{_alternation(_CLOSED_NUCLEI)}{_CODA})"
)
_STOP_CODA = re.compile("(?:ch|[cpt])$")
_TONE_ON_VOWEL = re.compile(f"[aeiouy][\u0302\u0306\u031b]?[{_TONE_MARKS}]")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class LegacyEncoding:
    """One encoding's table, ready to convert with."""

    name: str
    to_unicode: dict[str, str]  # legacy characters (as Windows-1252 shows them) → letter
    sequences: re.Pattern  # any legacy form, longest first ("ôù" before "ô")
    word: re.Pattern  # a word as this encoding writes it: letters and its signs ("µ", "·")
    font_prefix: str
    capitals_suffix: str | None

    def convert(self, text: str) -> str:
        """The text with every legacy form replaced by its letter, NFC; nothing is decided."""
        converted = self.sequences.sub(lambda match: self.to_unicode[match.group()], text)
        if self.name == TCVN3:
            converted = "\n".join(map(_typed_in_capitals, converted.split("\n")))
        return unicodedata.normalize("NFC", converted)


def legacy_tables() -> dict[str, dict[str, str]]:
    """Each encoding's table as the data file states it: Unicode letter → legacy characters."""
    tables = load_data("legacy_encodings.yaml")["tables"]
    return {
        name: {
            unicodedata.normalize("NFC", letter): legacy
            for case in ("lower", "upper")
            for row in cases[case]
            for letter, legacy in row.items()
        }
        for name, cases in tables.items()
    }


@functools.cache
def legacy_encodings() -> tuple[LegacyEncoding, ...]:
    """The encodings of the data file, loaded once, on first use."""
    fonts = load_data("legacy_encodings.yaml")["fonts"]
    encodings = []
    for name, table in legacy_tables().items():
        to_unicode = {legacy: letter for letter, legacy in table.items()}
        if len(to_unicode) != len(table):
            raise ValueError(f"legacy_encodings.yaml: {name} writes two letters the same way")
        forms = sorted(to_unicode, key=len, reverse=True)
        signs = "".join(sorted({char for form in forms for char in form if not char.isalpha()}))
        encodings.append(
            LegacyEncoding(
                name=name,
                to_unicode=to_unicode,
                sequences=re.compile("|".join(map(re.escape, forms))),
                word=_word_pattern(signs),
                font_prefix=fonts[name]["prefix"],
                capitals_suffix=fonts[name].get("capitals_suffix"),
            )
        )
    return tuple(encodings)


def _word_pattern(signs: str) -> re.Pattern:
    extra = f"|[{re.escape(signs)}]" if signs else ""
    return re.compile(r"(?:[^\W\d_]|[\u0300-\u036f]" + extra + ")+")


def encoding_named(name: str) -> LegacyEncoding:
    return next(encoding for encoding in legacy_encodings() if encoding.name == name)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(the encoding a font's name says its text is typed in, or None; whether it is a
    capitals font): ".VnTimeH" → ("TCVN3", True), "VNI-Times" → ("VNI", False)."""
    for encoding in legacy_encodings():
        if font and font.startswith(encoding.font_prefix):
            suffix = encoding.capitals_suffix
            return encoding.name, bool(suffix) and font.rstrip().endswith(suffix)
    return None, False


# --- Deciding ------------------------------------------------------------------------------


def decode_legacy_bytes(raw: bytes) -> tuple[str, str] | None:
    """A .txt file's bytes as TCVN3 or VNI: (Unicode NFC text, "TCVN3" or "VNI"), or None
    when they are not legacy Vietnamese.

    The whole file is judged at once (a file is typed in one encoding). UTF-8, a byte-order
    mark and binary data are never legacy text; neither is pure ASCII, which reads the same
    in every encoding. Nor are bytes that read as Vietnamese syllables at least as well in
    Windows-1258, the Vietnamese code page: its tone marks are bytes that TCVN3 reads as
    toned letters, so that a few words ("CHỦ NGHỊ") read well both ways. Newlines are left
    as they are.
    """
    if raw.startswith(_BOMS) or _CONTROL_BYTES.search(raw) or raw.isascii():
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    text = raw.decode("latin-1").translate(_WINDOWS_1252)
    decided = _best(_fits(text), decided_only=True)
    if decided is None:
        return None
    converted = encoding_named(decided).convert(text)
    if _syllable_share(_windows_1258(raw)) >= _syllable_share(converted):
        return None
    return converted, decided


def _windows_1258(raw: bytes) -> str:
    try:
        return unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return ""  # bytes Windows-1258 leaves undefined: not Windows-1258


def _syllable_share(text: str) -> float:
    words = [word for word in _WORD.findall(text) if not _is_acronym(word, word)]
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """Text from a Word or PDF file, with each line that is TCVN3 or VNI (read as Windows-1252
    characters) converted: (the text, the encoding converted from, or None when no line was).

    See :func:`line_encodings` for which lines. A line that is not converted is returned as
    it came; a converted line is NFC. When lines of both encodings are found (it happens
    when documents are pasted together), the name is "TCVN3, VNI".
    """
    if _legacy_signs().isdisjoint(text):
        return text, None  # the common case, at C speed: nothing a legacy font writes
    lines = text.split("\n")
    encodings = line_encodings(lines)
    if not any(encodings):
        return text, None
    converted = [
        line if name is None else encoding_named(name).convert(line)
        for line, name in zip(lines, encodings, strict=True)
    ]
    return "\n".join(converted), ", ".join(sorted(set(filter(None, encodings))))


@functools.cache
def _legacy_signs() -> frozenset[str]:
    """Characters the legacy tables write that no Unicode Vietnamese text holds: µ, ¸, ®,
    ñ, ø, ö … Text without one of them is not worth reading line by line (a legacy line of a
    few words always has one: "à", "á", "đ", "ư" are written with them in both encodings)."""
    vietnamese = set(unicodedata.normalize("NFC", "đĐ"))
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            letter = unicodedata.normalize("NFC", base + tone)
            vietnamese.update((letter, letter.upper()))
    written = {
        char for table in legacy_tables().values() for form in table.values() for char in form
    }
    return frozenset(char for char in written if not char.isascii() and char not in vietnamese)


def line_encodings(lines: list[str]) -> list[str | None]:
    """The encoding to convert each line (paragraph) from, or None to leave it as it is.

    Decided line by line, because a document often mixes them: a paragraph pasted from an
    old file into a Unicode one keeps its encoding. Of the words an encoding's conversion
    would change, the share that are Vietnamese syllables once converted must be at least
    MIN_SYLLABLE_SHARE_AFTER, and exceed the share that are as they stand by
    MIN_GAIN_TO_FIT: then the line fits the encoding. It decides alone with
    MIN_GAIN_TO_DECIDE, MIN_WORDS_TO_DECIDE words and a letter beyond Latin-1. A line
    that fits without deciding ("Minh T©m", "Ngµy 5/3", "Sè tuý") is converted when it fits
    the encoding most deciding lines chose; else it is left as it is.
    """
    fits = [_fits(line) for line in lines]
    decided = [_best(fit, decided_only=True) for fit in fits]
    votes = Counter(filter(None, decided))
    if not votes:
        return [None] * len(lines)
    main = votes.most_common(1)[0][0]
    return [
        name or (main if main in fit else None) for name, fit in zip(decided, fits, strict=True)
    ]


@dataclass(frozen=True)
class _Fit:
    gain: float  # share of words that are syllables once converted, less as they stand
    words_gained: int  # the same in words: the encoding that makes more of them wins
    decides: bool  # enough to decide alone


def _fits(text: str) -> dict[str, _Fit]:
    """The encodings text reads well in, by name: see :func:`line_encodings`."""
    fits = {}
    for encoding in legacy_encodings():
        pairs = [(word, encoding.convert(word)) for word in encoding.word.findall(text)]
        # Acronyms (UBND, and H§ND for HĐND) are syllables neither way and say nothing.
        pairs = [(word, converted) for word, converted in pairs if not _is_acronym(word, converted)]
        changed = [
            (word, converted) for word, converted in pairs if encoding.sequences.search(word)
        ]
        if not changed:
            continue
        before = sum(is_syllable(word) for word, _ in changed) / len(changed)
        after = sum(is_syllable(converted) for _, converted in changed) / len(changed)
        whole = sum(is_syllable(converted) for _, converted in pairs) / len(pairs)
        gain = after - before
        if (
            after >= MIN_SYLLABLE_SHARE_AFTER
            and whole >= MIN_SYLLABLE_SHARE_WHOLE
            and gain >= MIN_GAIN_TO_FIT
        ):
            beyond_latin1 = any(char > "\xff" for _, converted in changed for char in converted)
            decides = (
                gain >= MIN_GAIN_TO_DECIDE and len(changed) >= MIN_WORDS_TO_DECIDE and beyond_latin1
            )
            words_gained = round(gain * len(changed))
            fits[encoding.name] = _Fit(gain=gain, words_gained=words_gained, decides=decides)
    return fits


def _best(fits: dict[str, _Fit], *, decided_only: bool) -> str | None:
    candidates = {name: fit for name, fit in fits.items() if fit.decides or not decided_only}
    if not candidates:
        return None
    return max(candidates, key=lambda name: candidates[name].words_gained)


def is_syllable(word: str) -> bool:
    """Whether a word is spelt as a Vietnamese syllable can be: an initial consonant, a vowel
    group, a final consonant, at most one tone mark, only sắc or nặng before c, ch, p, t;
    in lower case, capitalised or in capitals ("cÊp", TCVN3 for "cấp", is none of them).

    Spelling only: "bưng" and "bứng" both pass, and so does a syllable no one says.
    """
    if not (word.islower() or word.isupper() or word[1:].islower() or len(word) == 1):
        return False
    letters = unicodedata.normalize("NFD", word.lower())
    tones = [char for char in letters if char in _TONE_MARKS]
    if len(tones) > 1 or (tones and not _TONE_ON_VOWEL.search(letters)):
        return False  # two tones, or one on a consonant ("ñ" is not "n" with ngã)
    bare = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONE_MARKS))
    if not _SYLLABLE.fullmatch(bare):
        return False
    return not _STOP_CODA.search(bare) or "".join(tones) in _STOP_TONES


def _is_acronym(word: str, converted: str) -> bool:
    if not any(char in "aeiouy" for char in unicodedata.normalize("NFD", converted.lower())):
        return True  # TP, HĐND
    return word == converted and len(word) > 1 and word.isupper()  # UBND


def _typed_in_capitals(line: str) -> str:
    # TCVN3 has no toned capitals: a line whose plain letters are all capitals was meant in
    # capitals, and shows so in the capitals fonts.
    plain = [char for char in line if char.isascii() and char.isalpha()]
    if len(plain) >= _CAPITALS_MIN_LETTERS and all(char.isupper() for char in plain):
        return line.upper()
    return line


def _windows_1252_table() -> dict[int, str]:
    # Bytes 0x80-0x9F are typographic signs in Windows-1252 ("…", "–", curly quotes); the five
    # it leaves undefined stay the Latin-1 control characters they are.
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_WINDOWS_1252 = _windows_1252_table()
