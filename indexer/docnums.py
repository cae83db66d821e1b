"""Document numbers read as references: one reference, however it is spelled.

A Vietnamese legal reference is a kind, a number, a year and a code naming the kind and
the issuer. ``Nghị định số 60/2021/NĐ-CP``, ``NĐ 60/2021``, ``60/2021/NĐ-CP`` and
``Nghị định 60`` all cite Nghị định 60; they agree as long as no part contradicts
another (``60/2020/NĐ-CP`` does not agree with ``60/2021/NĐ-CP``).

Each reference is indexed as its generalisations, in the ``docnums`` field::

    nd:60              the kind and number
    nd:60/2021         … with its year ("-": cited without one)
    nd:60@cp           … with its issuer ("-": cited without a code naming one)
    nd:60/2021@cp      … with both

so a query with only some of the parts finds it, and one with all of them can rank the
documents giving the same parts above those leaving them out (see
``search_app.engine.docnum_query``). The kinds and their abbreviations are data:
``indexer/data/document_kinds.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from indexer.analysis import fold, normalize
from indexer.yaml_data import load_yaml

FIELD = "docnums"
UNKNOWN = "-"  # a part the citation leaves out


@dataclass(frozen=True)
class Reference:
    """A document number: ``Reference("nd", "60", 2021, "cp")`` for 60/2021/NĐ-CP.

    ``start`` and ``end`` are where it stands in the normalised text it was read from
    (its kind's name included).
    """

    kind: str
    number: str
    year: int | None = None
    issuer: str | None = None
    start: int = 0
    end: int = 0

    def terms(self) -> list[str]:
        """The index terms of this citation: see the module's docstring."""
        base = f"{self.kind}:{self.number}"
        year = str(self.year) if self.year else UNKNOWN
        issuer = self.issuer or UNKNOWN
        return [base, f"{base}/{year}", f"{base}@{issuer}", f"{base}/{year}@{issuer}"]


@dataclass(frozen=True)
class _Kinds:
    by_name: dict[str, str]  # folded lowercase name or abbreviation → kind id
    abbreviations: frozenset[str]  # folded lowercase
    counters: frozenset[str]  # folded lowercase
    pattern: re.Pattern


@functools.cache
def _kinds() -> _Kinds:
    data = load_yaml((Path(__file__).parent / "data" / "document_kinds.yaml").read_text("utf-8"))
    by_name, abbreviations = {}, set()
    for kind, spec in data["kinds"].items():
        for name in spec["names"]:
            by_name[_key(name)] = kind
        for abbreviation in spec["abbreviations"]:
            by_name[_key(abbreviation)] = kind
            abbreviations.add(_key(abbreviation))
    counters = frozenset(_key(word) for word in data["counters"])
    return _Kinds(by_name, frozenset(abbreviations), counters, _reference_pattern(by_name))


def kind_spellings(kind: str) -> list[str]:
    """The kind's names and abbreviations, folded and lowercase: ``nd`` → nghi dinh, nd."""
    return sorted(name for name, named in _kinds().by_name.items() if named == kind)


def _key(text: str) -> str:
    return " ".join(fold(normalize(text)).lower().split())


def _reference_pattern(names) -> re.Pattern:
    # Read on folded, lowercase text (same length as the text it came from).
    kinds = "|".join(
        r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True)
    )
    return re.compile(
        rf"""
        (?<![\w/.,-])
        (?:(?P<kind>{kinds})\.?\s+(?:so\b\s*[:.]?\s*)?)?
        (?P<number>\d{{1,5}}[a-z]?)
        (?:\ ?/\ ?(?P<year>(?:19|20)\d\d))?
        (?:\ ?[/-]\ ?(?P<code>[a-z]+\d*(?:\ ?[/-]\ ?[a-z]+\d*)*))?
        (?![\w/%]|[.,]\d)
        """,
        re.VERBOSE,
    )


_CODE_SEPARATOR = re.compile(r" ?[/-] ?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NEXT_WORDS = re.compile(r"\s*(\w+)(?:\s+(\w+))?")


def find_references(text: str, query: bool = False) -> list[Reference]:
    """The references ``text`` cites, in order.

    In a document (``query=False``) an abbreviated kind before a number counts only in
    capitals ("NĐ 60/2021") and a code only when it starts with one ("NĐ-CP", not "- về");
    in a query both may be typed in any case, except a code with spaces ("112 / NQ - CP").

    >>> find_references("theo Nghị định số 60/2021/NĐ-CP")
    [Reference(kind='nd', number='60', year=2021, issuer='cp', start=5, end=31)]
    """
    kinds = _kinds()
    written = normalize(text)
    folded = fold(written).lower()
    found = []
    for match in kinds.pattern.finditer(folded):
        reference = _reference(match, written, folded, kinds, query)
        if reference is not None:
            found.append(reference)
    return found


def _reference(match: re.Match, written: str, folded: str, kinds: _Kinds, query: bool):
    named = _named_kind(match, written, kinds, query)
    code, end = match.group("code"), match.end()
    before_code = match.end("year") if match.group("year") else match.end("number")
    spaced = " " in folded[before_code:end]
    if code and (spaced or not query) and not _looks_like_a_code(written[before_code:end]):
        code, end = None, before_code
    coded, issuer = _split_code(code, kinds) if code else (None, None)
    kind = coded or named
    if kind is None:
        return None
    year = int(match.group("year")) if match.group("year") else None
    if code is None and year is None and _bare_number_is_no_reference(match, folded, end, kinds):
        return None
    start = match.start() if named else match.start("number")
    return Reference(kind, _number(match.group("number")), year, issuer, start, end)


def _named_kind(match: re.Match, written: str, kinds: _Kinds, query: bool) -> str | None:
    """The kind the word before the number names; an abbreviation in a document only in
    capitals ("NĐ 60/2021", not "nd 60")."""
    if not match.group("kind"):
        return None
    name = " ".join(match.group("kind").split())
    lowercase = not written[match.start("kind") : match.end("kind")].isupper()
    if not query and name in kinds.abbreviations and lowercase:
        return None
    return kinds.by_name[name]


def _looks_like_a_code(written: str) -> bool:
    """``/NĐ-CP``, ``-QĐ-TTg``: each part starts with a capital (``- về`` does not)."""
    parts = _CODE_SEPARATOR.split(written.strip())[1:]
    return all(part[:1].isupper() for part in parts)


def _split_code(code: str, kinds: _Kinds) -> tuple[str | None, str | None]:
    """``nd-cp`` → (nd, cp); ``kl/tw`` → (kl, tw); ``bnv-cchc`` → (None, bnv-cchc)."""
    parts = _CODE_SEPARATOR.split(code)
    if parts[0] in kinds.abbreviations:
        return kinds.by_name[parts[0]], "-".join(parts[1:]) or None
    return None, "-".join(parts)


def _number(number: str) -> str:
    """``07`` → ``7``; ``30c`` stays: leading zeros are a spelling, a letter is not."""
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    return (digits.lstrip("0") or "0") + number[len(digits) :]


def _bare_number_is_no_reference(match: re.Match, folded: str, end: int, kinds: _Kinds) -> bool:
    """A kind and a number alone are no reference when the number is a year ("các Quyết
    định 2021": of 2021) or counts something ("Kế hoạch 5 năm")."""
    if _YEAR.fullmatch(match.group("number")):
        return True
    following = _NEXT_WORDS.match(folded, end)
    if following is None:
        return False
    one, two = following.group(1), following.group(2)
    return one in kinds.counters or (two is not None and f"{one} {two}" in kinds.counters)


def reference_terms(text: str) -> list[str]:
    """The ``docnums`` terms of a document's text, in order (see :class:`Reference`).

    >>> reference_terms("Chỉ thị 07/CT-TTg")
    ['ct:7', 'ct:7/-', 'ct:7@ttg', 'ct:7/-@ttg']
    """
    return [term for reference in find_references(text) for term in reference.terms()]
