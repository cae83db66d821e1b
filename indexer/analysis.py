"""The Vietnamese analyzer chain: the one place where text becomes search terms.

Documents and queries go through the same steps:

1. ``normalize``: Unicode NFC, one tone-placement convention (``hoá`` → ``hóa``,
   ``thuỷ`` → ``thủy``), ``Đ`` look-alikes unified. Every normalised character keeps a
   pointer to where it came from, so offsets always refer to the ORIGINAL text.
2. ``segment``: pyvi word segmentation (``cải cách`` → one word), with document numbers
   (``30c/NQ-CP``), dates (``14/5/2019``) and percentages (``26,93%``) kept whole.
3. Whoosh filters lowercase (after segmentation: pyvi uses case) and, for the folded
   fields, strip accents (``cải cách`` → ``cai cach``).

Each document is indexed four ways (see ``indexer.schema``): whole words and their
syllables, each with exact accents and accent-folded. Syllables let a query word match
inside a compound and let phrases match whatever the segmenter decided.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh.analysis import Filter, LowercaseFilter, Token, Tokenizer

from indexer import pyvi_features
from reform_search import settings

# --- 1. Normalisation -------------------------------------------------------------

# Letters that look like Đ/đ but are other code points (Icelandic eth, African D).
_D_LOOKALIKES = str.maketrans({"Ð": "Đ", "Ɖ": "Đ", "ɖ": "đ", "ð": "đ"})

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# "oa", "oe", "uy" closing an open syllable carry the tone on their first vowel in the
# convention we keep (hóa, khỏe, thủy, òa, ùy). "qu" + "y" is left alone: there "u"
# belongs to the consonant (quý stays quý). Moving the tone keeps the length in NFC.
# Not before a combining mark: the bare vowel would take it and the text leave NFC.
_TONE_PLACEMENT = re.compile(
    r"(?<![^\W\d_])([bcdđghklmnprstvxBCDĐGHKLMNPRSTVX]*)"
    r"([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_]|[\u0300-\u036f])"
)
# A cheap test that keeps the substitution off the hot path for most text.
_TONE_PLACEMENT_HINT = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]")


def _move_tone(match: re.Match) -> str:
    consonants, (first, second) = match.group(1), match.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    tone = next(c for c in decomposed if c in _TONE_MARKS)
    bare = "".join(c for c in decomposed if c != tone)
    return consonants + unicodedata.normalize("NFC", first + tone) + bare


def _fix_tone_placement(text: str) -> str:
    if _TONE_PLACEMENT_HINT.search(text) is None:
        return text
    return _TONE_PLACEMENT.sub(_move_tone, text)


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, per character, the index in the original it came from."""

    text: str
    origin: tuple[int, ...] | None  # None: same length as the original, index i ↔ i
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if self.origin is None:
            return start, end
        # A span ending inside a piece NFC left in several characters ends after the piece.
        while start < end < len(self.text) and self.origin[end] == self.origin[end - 1]:
            end += 1
        orig_end = self.origin[end] if end < len(self.text) else self.original_length
        return self.origin[start], orig_end


def _joins_previous(char: str) -> bool:
    """A mark, or a Hangul vowel or final jamo: what NFC may compose with what precedes."""
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char).startswith("M")
        or "\u1161" <= char <= "\u1175"
        or "\u11a8" <= char <= "\u11c2"
    )


def normalize_with_offsets(text: str) -> Normalized:
    """Normalise ``text`` and remember where each resulting character came from."""
    if unicodedata.is_normalized("NFC", text):
        # NFC already: every step below is length-preserving, offsets are unchanged.
        return Normalized(_fix_tone_placement(text.translate(_D_LOOKALIKES)), None, len(text))
    pieces: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _joins_previous(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        pieces.append(composed)
        # Unchanged ("x" + a mark NFC cannot compose): each character is its own origin.
        origin.extend(range(i, j) if composed == text[i:j] else [i] * len(composed))
        i = j
    normalized = "".join(pieces).translate(_D_LOOKALIKES)
    return Normalized(_fix_tone_placement(normalized), tuple(origin), n)


def normalize(text: str) -> str:
    """NFC, one tone-placement convention, one Đ."""
    return normalize_with_offsets(text).text


def _build_fold_table() -> dict[int, str]:
    table = {ord(c): "d" for c in "đðɖ"} | {ord(c): "D" for c in "ĐÐƉ"}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(
            c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii() and base != chr(code):
            table[code] = base
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Strip Vietnamese accents from NFC text: ``Đổi mới`` → ``Doi moi``. Same length."""
    return text.translate(_FOLD_TABLE)


# --- 2. Segmentation ---------------------------------------------------------------

# Units kept whole, tried in this order. Letters are [^\W\d_].
_UNIT = re.compile(
    r"""
    (?P<docno>\d+\w*(?:/\w+)*/[^\W\d_]+(?:-[^\W\d_]+)+     # 30c/NQ-CP, 136/2001/QĐ-TTg
      | \d+\w*-[^\W\d_]+/[^\W\d_]+                          # 18-NQ/TW
      # Spaced, as many sites print them ("112 / NQ - CP", "18 - NQ / TW"): capitals only,
      # so ordinary text with slashes and dashes is not taken for a number.
      | \d+\w*(?:\ ?/\ ?\d+)*\ ?/\ ?[A-ZĐ][A-ZĐa-zđ]*(?:\ ?-\ ?[A-ZĐ][A-ZĐa-zđ]*)+
      | \d+\w*\ ?-\ ?[A-ZĐ]+\ ?/\ ?[A-ZĐ]+)
  | (?P<url>\w+://[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)  # links and e-mail addresses
  | (?P<number>\d+(?:[.,:/-]\d+)*(?:%|(?!\w)))               # 14/5/2019, 26,93%, 4.142
  | (?P<word>\w+)                                           # a syllable
  | (?P<punct>[^\w\s])
    """,
    re.VERBOSE,
)
_PIECE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Word:
    """One segmented word: normalised text (syllables joined by ``_``) and its syllables.

    Offsets refer to the original text given to :func:`segment`.
    """

    text: str
    start: int
    end: int
    syllables: tuple[tuple[str, int, int], ...]


@functools.cache
def _pyvi():
    # pyvi loads its CRF model when imported: do it once, on first use.
    from pyvi.ViTokenizer import ViTokenizer

    # Unpickling the model writes a temporary copy of it that is only removed by a garbage
    # collection that never comes at exit: open the tagger (it reads the file into
    # memory) and remove the copy now, or every process leaves one behind.
    model = ViTokenizer.model
    if model.tagger_ is not None:
        model.modelfile.cleanup()
    return ViTokenizer


# A unit of a line, read once from its match: (group name, text, start in the line).
_Unit = tuple[str, str, int]


def _joins(units: list[_Unit]) -> list[bool]:
    """For each unit, whether pyvi glues it to the previous one into a compound word."""
    kinds = [kind for kind, _, _ in units]
    texts = [text for _, text, _ in units]
    # pyvi's model and labels, its features built faster (checked equal to pyvi's own).
    labels = pyvi_features.labels(_pyvi(), texts)
    joins = [False]
    for i in range(1, len(units)):
        joins.append(
            labels[i] == "I_W"
            and kinds[i - 1] == "word"
            and kinds[i] == "word"
            and not texts[i][0].isdigit()
            and not texts[i - 1][0].isdigit()
            # pyvi's own rule: a capitalised syllable does not join a lowercase one
            and not (texts[i][0].istitle() and not texts[i - 1][0].istitle())
        )
    return joins


def _words_of_line(line: str, offset: int) -> list[Word]:
    units = [(m.lastgroup, m.group(), m.start()) for m in _UNIT.finditer(line)]
    if not units:
        return []
    joins = _joins(units)
    words: list[Word] = []
    group: list[_Unit] = []
    for unit, joined in zip([*units, None], [*joins, False], strict=True):
        if group and not joined:
            words.append(_make_word(group, offset))
            group = []
        if unit is not None and unit[0] != "punct":
            group.append(unit)
    return words


_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _canonical(kind: str, text: str) -> str:
    """One spelling per unit: ``01-07-2019`` → ``1/7/2019``; ``112 / NQ - CP`` → ``112/NQ-CP``."""
    if kind == "docno":
        return text.replace(" ", "")
    if kind == "number":
        date = _DATE.match(text)
        if date:
            day, month, year = date.groups()
            return f"{int(day)}/{int(month)}/{year}"
    return text


def _make_word(group: list[_Unit], offset: int) -> Word:
    spellings = []
    syllables: list[tuple[str, int, int]] = []
    for kind, text, start in group:
        start += offset
        if kind == "word" and "_" not in text:
            # Most units: a syllable, its own canonical form and its only piece.
            spellings.append(text)
            syllables.append((text, start, start + len(text)))
            continue
        canonical = _canonical(kind, text)
        spellings.append(canonical)
        # The canonical form has the same pieces, in the same order, as the original.
        pieces = zip(_PIECE.findall(canonical), _PIECE.finditer(text), strict=True)
        syllables.extend((piece, start + m.start(), start + m.end()) for piece, m in pieces)
    _, last, last_start = group[-1]
    end = offset + last_start + len(last)
    return Word("_".join(spellings), offset + group[0][2], end, tuple(syllables))


# The last texts segmented, most recent last: the indexer analyses the same body for
# several fields in a row, and hands over texts segmented in its worker processes.
_RECENT: OrderedDict[str, tuple[Word, ...]] = OrderedDict()
_RECENT_SIZE = 64


_RECENT_LOCK = threading.Lock()


def segment(text: str) -> tuple[Word, ...]:
    """Normalise and segment ``text`` into words whose offsets point into ``text``."""
    with _RECENT_LOCK:
        words = _RECENT.get(text)
    if words is None:
        words = _segment(text)
        remember_segmentation(text, words)
    return words


def remember_segmentation(text: str, words: tuple[Word, ...]) -> None:
    """Keep ``words`` as the segmentation of ``text`` (made elsewhere, e.g. in a worker)."""
    with _RECENT_LOCK:
        _RECENT[text] = words
        _RECENT.move_to_end(text)
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)


def _segment(text: str) -> tuple[Word, ...]:
    norm = normalize_with_offsets(text)
    limit, most = segment_chars(), max_words()
    words: list[Word] = []
    line_start = 0
    for line in norm.text.split("\n"):
        for piece_start, piece in line_pieces(line, limit):
            if len(words) >= most:
                break
            words.extend(_words_of_line(piece, line_start + piece_start))
        line_start += len(line) + 1
    del words[most:]
    if norm.origin is None:
        return tuple(words)
    return tuple(_remap(word, norm) for word in words)


def segment_chars() -> int:
    """The longest run of text pyvi is given at once (a setting, read when text is
    segmented so that tests and the command line can change it)."""
    return max(1, int(settings.get("REFORM_SEARCH_SEGMENT_CHARS")))


def max_words() -> int:
    """How many words of one text are segmented and indexed (a setting).

    Memory grows with the words of a text (about 600 bytes each, segmented and in their
    four forms): 5 MB of one-letter words ("a a a …") are 2.6 million words and needed
    1.8 GB. The default is above the words of any real text under the file size limit.
    """
    return max(1, int(settings.get("REFORM_SEARCH_MAX_WORDS")))


# Where a long line may be cut: after a sentence's end, else at a space.
_LAST_SENTENCE_END = re.compile(r".*[.!?…;:]\s", re.DOTALL)
_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


def line_pieces(line: str, limit: int) -> Iterator[tuple[int, str]]:
    """``line`` cut into (start, piece) of at most ``limit`` characters.

    pyvi's features take about 700 bytes per character of the text it is given at once:
    a 4.9 MB line without a line break needed 2.7 GB. Words never join across
    punctuation, so a cut after a sentence's end keeps every word; only a line with no
    sentence end in the second half of ``limit`` is cut at a space, where a compound may
    be split in two.
    """
    start = 0
    while len(line) - start > limit:
        cut = _cut_point(line[start : start + limit])
        yield start, line[start : start + cut]
        start += cut
    yield start, line[start:]


def _cut_point(window: str) -> int:
    """Where to end a piece of at most ``len(window)`` characters: after the window's last
    sentence end in its second half, else its last space, else its end (no space at all:
    no word to keep whole)."""
    half = len(window) // 2
    for pattern in (_LAST_SENTENCE_END, _LAST_SPACE):
        found = pattern.match(window, half)
        if found is not None:
            return found.end()
    return len(window)


def _remap(word: Word, norm: Normalized) -> Word:
    start, end = norm.span(word.start, word.end)
    syllables = tuple((s, *norm.span(a, b)) for s, a, b in word.syllables)
    return Word(word.text, start, end, syllables)


# --- 3. Whoosh tokenizer and filters ----------------------------------------------


class VietnameseTokenizer(Tokenizer):
    """Yields pyvi words, their syllables, or pairs of neighbouring syllables.

    >>> [t.text for t in VietnameseTokenizer()("Cải cách hành chính")]
    ['Cải_cách', 'hành_chính']
    >>> [t.text for t in VietnameseTokenizer("syllables")("Cải cách")]
    ['Cải', 'cách']
    >>> [t.text for t in VietnameseTokenizer("bigrams")("Cải cách, hành chính")]
    ['Cải cách', 'hành chính']
    """

    def __init__(self, units: str = "words"):
        if units not in ("words", "syllables", "bigrams"):
            raise ValueError(f"unknown unit {units!r}")
        self.units = units

    def __eq__(self, other):
        return type(other) is type(self) and other.units == self.units

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = segment(value)
        if self.units == "words":
            units = ((w.text, w.start, w.end) for w in words)
        elif self.units == "syllables":
            units = (s for word in words for s in word.syllables)
        else:
            units = syllable_bigrams(value, words)
        for pos, (text, start, end) in enumerate(units):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def syllable_bigrams(text: str, words) -> list[tuple[str, int, int]]:
    """Each pair of syllables that stand side by side ("cải cách"): inside one word (the
    pieces of "30c/NQ-CP" too), or between words of one sentence, across commas, quotes
    and dashes ("trên nóng, dưới lạnh" is the saying "trên nóng dưới lạnh"), but not
    across a sentence's end or a line break. A word or phrase matches where all its pairs
    occur.
    """
    pairs = []
    previous = None  # (syllable, start, end) ending the previous word
    for word in words:
        if not word.syllables:
            continue
        first = word.syllables[0]
        if previous is not None and _within_sentence(text[previous[2] : first[1]]):
            pairs.append((f"{previous[0]} {first[0]}", previous[1], first[2]))
        for (a, start, _), (b, _, end) in itertools.pairwise(word.syllables):
            pairs.append((f"{a} {b}", start, end))
        previous = word.syllables[-1]
    return pairs


_SENTENCE_END = re.compile(r"[.!?…\n]")


def _within_sentence(gap: str) -> bool:
    return gap != "" and not _SENTENCE_END.search(gap)


class AccentFoldFilter(Filter):
    """Strips Vietnamese accents, ``đ`` included: ``cải_cách`` → ``cai_cach``.

    >>> [t.text for t in (VietnameseTokenizer() | AccentFoldFilter())("Đổi mới")]
    ['Doi_moi']
    """

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


def word_analyzer(folded: bool = False):
    """Whole words, lowercased; accents kept or folded."""
    chain = VietnameseTokenizer("words") | LowercaseFilter()
    return chain | AccentFoldFilter() if folded else chain


def syllable_analyzer(folded: bool = False):
    """Single syllables, lowercased; accents kept or folded."""
    chain = VietnameseTokenizer("syllables") | LowercaseFilter()
    return chain | AccentFoldFilter() if folded else chain


def bigram_analyzer(folded: bool = True):
    """Pairs of neighbouring syllables ("cai cach"), lowercased; accents kept or folded."""
    chain = VietnameseTokenizer("bigrams") | LowercaseFilter()
    return chain | AccentFoldFilter() if folded else chain


def index_terms(text: str) -> dict[str, list[str]]:
    """The terms each form's analyzer (``indexer.schema``) makes of ``text``, in order.

    The writer hands these lists to Whoosh, which indexes a list as it is: one
    segmentation, and each distinct word lowercased and folded once, instead of the chain
    run again per form and per token. A test holds them equal to the analyzers'.
    """
    words = segment(text)
    exact = _lowercased(w.text for w in words)
    syllables = _lowercased(s for w in words for s, _, _ in w.syllables)
    bigrams = _lowercased(pair for pair, _, _ in syllable_bigrams(text, words))
    return {
        "words": exact,
        "words_folded": _folded(exact),
        "syllables_folded": _folded(syllables),
        "bigrams_folded": _folded(bigrams),
    }


def _lowercased(terms) -> list[str]:
    # A text repeats its words: one string per distinct term, not one per occurrence
    # (which took most of the memory of a long text's four forms).
    lowered: dict[str, str] = {}
    result = []
    for term in terms:
        low = lowered.get(term)
        if low is None:
            low = lowered[term] = term.lower()
        result.append(low)
    return result


def _folded(terms: list[str]) -> list[str]:
    folded = {term: fold(term) for term in set(terms)}  # a word recurs: fold it once
    return [folded[term] for term in terms]


def key_terms(text: str, limit: int = 40) -> list[tuple[str, int]]:
    """The text's most frequent content words (lowercased, as ``*_words`` fields index them)
    with their counts: compounds, acronyms and numbers, which say what a text is about.

    Stored per document so "more like this" needs no analysis at query time.
    """
    counts: dict[str, int] = {}
    for word in segment(text):
        if "_" in word.text or (len(word.text) > 1 and word.text.isupper()) or "/" in word.text:
            term = word.text.lower()
            counts[term] = counts.get(term, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


# --- Finding syllables again ---------------------------------------------------------


def find_syllable_runs(text: str, sequences) -> list[tuple[int, int]]:
    """Spans of ``text`` where a sequence of syllables (folded, lowercase, as the index
    holds them) stands, syllable after syllable, whatever separates them.

    Syllables are the runs of letters and digits the indexer cuts text into (dates and
    numbers included: "01" is "1"), found with one regular expression whose letters
    match their accented forms: no pyvi and no folding of the text, cheap enough for
    every hit shown. Where several sequences start at one place, the longest counts.
    """
    pattern = _syllable_runs_pattern(tuple(sorted({tuple(s) for s in sequences if s})))
    if pattern is None:
        return []
    if unicodedata.is_normalized("NFC", text):
        return [match.span(1) for match in pattern.finditer(text)]
    norm = normalize_with_offsets(text)
    return [norm.span(*match.span(1)) for match in pattern.finditer(norm.text)]


def _accented_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for code, base in _FOLD_TABLE.items():
        forms[base.lower()] = forms.get(base.lower(), "") + chr(code)
    return forms


_ACCENTED_FORMS = _accented_forms()  # "a" → "àáảãạăằ…ÀÁ…": what folds to it


@functools.lru_cache(maxsize=1024)
def _syllable_runs_pattern(sequences: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    def letter(c: str) -> str:
        forms = _ACCENTED_FORMS.get(c.lower())
        return f"[{re.escape(c)}{forms}]" if forms else re.escape(c)

    def piece(syllable: str) -> str:
        if syllable.isdigit():
            return "0*" + (syllable.lstrip("0") or "0")
        return "".join(map(letter, syllable))

    if not sequences:
        return None
    longest_first = sorted(sequences, key=lambda s: (-len(s), -len("".join(s))))
    runs = "|".join(r"[\W_]+".join(map(piece, sequence)) for sequence in longest_first)
    # A lookahead finds a run at every place one starts, overlapping ones included.
    return re.compile(rf"(?=(?<![^\W_])((?:{runs}))(?![^\W_]))", re.IGNORECASE)


# --- Query side --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryWord:
    """A query word in the four forms the index holds."""

    exact: str
    folded: str
    syllables: tuple[str, ...]
    folded_syllables: tuple[str, ...]


def query_words(text: str) -> list[QueryWord]:
    """Analyse query text with the same chain as documents."""
    result = []
    for word in segment(text):
        exact = word.text.lower()
        syllables = tuple(s.lower() for s, _, _ in word.syllables)
        result.append(QueryWord(exact, fold(exact), syllables, tuple(fold(s) for s in syllables)))
    return result
