"""Properties of the analyzer chain and of highlighting, on generated text.

The text mixes what the corpus holds (Vietnamese syllables in NFC and NFD, both tone
placements, document numbers, dates, links) with what it should survive (markup,
control characters, any Unicode). What must hold for all of it:

- every token's offsets point at the characters of the original text it was made of,
  so a highlight lands on the words the user searched for;
- the same words written in NFC or NFD, or with the other tone placement, give the
  same terms, so a query finds them however either side typed them;
- highlighted output is escaped HTML whose only tags are non-nested ``<mark>`` pairs,
  and without them it reads as the original text.
"""

import html
import itertools
import re
import unicodedata
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from indexer.analysis import (
    bigram_analyzer,
    find_syllable_runs,
    fold,
    index_terms,
    normalize,
    segment,
    syllable_analyzer,
    word_analyzer,
)
from search_app.engine.highlight import mark, merge_spans, snippets

# pyvi runs on every example of the analysis properties: keep them few.
ANALYSIS = settings(max_examples=100)
HIGHLIGHT = settings(max_examples=200)

# --- Generated text ----------------------------------------------------------------------

_WORDS = """
cải cách hành chính thủ tục Thủ tướng Chính phủ Đổi mới nghị quyết Việt Nam người dân ở ý
kiến quý đẩy mạnh tiếng khuyến nghiêng giữa ưu tiên Hà Nội điện tử một cửa liên thông thể
chế thế giới Phạm Minh Nguyễn Xuân Phúc ĐỔI MỚI
"""
SYLLABLES = _WORDS.split()
# The two tone placements of open syllables ending in oa, oe, uy: (old style, new style).
TONE_PAIRS = [
    ("hoá", "hóa"),
    ("Hoà", "Hòa"),
    ("thuỷ", "thủy"),
    ("oà", "òa"),
    ("khoẻ", "khỏe"),
    ("tuỳ", "tùy"),
    ("HOÁ", "HÓA"),
    ("loé", "lóe"),
]
# Look-alikes of Đ/đ (eth, African D), as written and as read: one Đ.
LOOKALIKES = [("Ðổi", "Đổi"), ("ðúng", "đúng"), ("Ɖiện", "Điện")]
UNITS = [
    "30/2020/NĐ-CP",
    "30c/NQ-CP",
    "136/2001/QĐ-TTg",
    "18-NQ/TW",
    "112 / NQ - CP",
    "18 - NQ / TW",
    "01/07/2019",
    "14/5/2019",
    "01-07-2019",
    "26,93%",
    "4.142",
    "2019",
    "007",
    "http://cchc.gov.vn/a?b=1&c=<2>",
    "cchc@chinhphu.gov.vn",
    "TTHC",
    "UBND",
    "covid",
    "a_b",
]
MARKUP = ["<", ">", "&", '"', "'", "&amp;", "&#39;", "<mark>", "</mark>", "<script>", "<!--"]
PUNCTUATION = list(",.;:!?…—-–/()[]“”«»_%*#")
# Letters with marks NFC cannot compose onto them (x́, ậ́), and marks with no letter.
MARKS = ["x\u0301", "q\u0323", "a\u0323\u0302\u0301", "\u0301", "e\u0301\u0301", "\u0345"]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@st.composite
def written_syllables(draw):
    """A Vietnamese syllable as written (NFC or NFD, either tone placement, any case) and
    as the index should read it (NFC, new tone placement)."""
    old, new = draw(st.sampled_from([(s, s) for s in SYLLABLES] + TONE_PAIRS + LOOKALIKES))
    old, new = draw(
        st.sampled_from([(old, new), (old.upper(), new.upper()), (old.title(), new.title())])
    )
    written = draw(st.sampled_from([old, new]))
    return draw(st.sampled_from([written, nfd(written)])), new


def syllables():
    return written_syllables().map(lambda pair: pair[0])


@st.composite
def vietnamese_texts(draw):
    """Syllables and units between spaces or punctuation: (as written, as the index reads it)."""
    pieces = draw(
        st.lists(
            st.tuples(
                written_syllables() | st.sampled_from(UNITS).map(lambda u: (u, u)),
                st.sampled_from([*SPACES, ", ", ". ", " (", ") ", "“", "” "]),
            ),
            max_size=25,
        )
    )
    written = "".join(w + separator for (w, _), separator in pieces)
    canonical = "".join(c + separator for (_, c), separator in pieces)
    return written, canonical


texts = st.lists(
    st.one_of(
        syllables(),
        syllables(),
        st.sampled_from(UNITS),
        st.sampled_from(MARKUP),
        st.sampled_from(MARKS),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(SPACES),
        st.sampled_from(SPACES),
        st.text(max_size=6),
        st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True),
    ),
    max_size=30,
).map("".join)


# --- Expectations, as the analysis module defines its tokens -----------------------------

_PIECE = re.compile(r"[^\W_]+")


def as_indexed(written: str, folded: bool) -> str:
    """What a piece of original text becomes in the index: normalised, lowercased, folded."""
    text = normalize(written).lower()
    return fold(text) if folded else text


def same_piece(term: str, written: str) -> bool:
    """A term's piece and the written piece agree; dates have one spelling (01 is 1)."""
    if term == written:
        return True
    return term.isdecimal() and written.isdecimal() and int(term) == int(written)


def same_syllable(term: str, written: str) -> bool:
    """Where NFC left a letter and marks it cannot take (ậ + ◌́), the syllable is the
    letter and its span covers the marks too: a highlight never splits a character."""
    rest = written.removeprefix(term)
    return same_piece(term, written) or (
        rest != written and all(unicodedata.category(c).startswith("M") for c in rest)
    )


def same_pieces(term: str, written: str) -> bool:
    terms, pieces = _PIECE.findall(term), _PIECE.findall(written)
    return len(terms) == len(pieces) and all(map(same_piece, terms, pieces))


def tokens(analyzer, text: str):
    return [
        (t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)
    ]


def stands_apart(text: str, syllables) -> bool:
    """The syllables are whole runs of letters and digits, each apart from the next."""
    edges = [0, *(i for _, start, end in syllables for i in (start, end)), len(text)]
    gaps = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    inner = gaps[1:-1]
    return (
        not re.search(r"[^\W_]$", gaps[0])
        and not re.match(r"[^\W_]", gaps[-1])
        and all(gap and not _PIECE.search(gap) for gap in inner)
    )


def assert_ordered_within(text: str, spans, overlapping: bool = False):
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (a, b), (c, _) in itertools.pairwise(spans):
        assert a < c if overlapping else b <= c


# --- Analysis ----------------------------------------------------------------------------


@ANALYSIS
@given(texts)
# Offsets into text that is not NFC once mapped a letter followed by a mark NFC cannot
# compose ("x\u0301") to an empty span: the word was found but its highlight lost.
@example("x\u0301 e\u0301")
@example("a\u0323\u0302\u0301b e\u0301")
def test_syllable_tokens_point_at_their_own_characters(text):
    for folded in (False, True):
        found = tokens(syllable_analyzer(folded), text)
        assert [pos for _, pos, _, _ in found] == list(range(len(found)))
        assert_ordered_within(text, [(start, end) for _, _, start, end in found])
        for term, _, start, end in found:
            written = as_indexed(text[start:end], folded)
            assert same_syllable(term, written), (term, text[start:end])


@ANALYSIS
@given(texts)
def test_word_tokens_cover_their_syllables(text):
    for folded in (False, True):
        words = tokens(word_analyzer(folded), text)
        assert_ordered_within(text, [(start, end) for _, _, start, end in words])
        for term, _, start, end in words:
            assert same_pieces(term, as_indexed(text[start:end], folded)), (term, text[start:end])
    for word in segment(text):
        for _, start, end in word.syllables:
            assert word.start <= start < end <= word.end


@ANALYSIS
@given(texts)
def test_bigram_tokens_span_two_neighbouring_syllables(text):
    pairs = tokens(bigram_analyzer(), text)
    assert_ordered_within(text, [(start, end) for _, _, start, end in pairs], overlapping=True)
    for term, _, start, end in pairs:
        assert len(term.split(" ")) == 2
        assert same_pieces(term, as_indexed(text[start:end], True)), (term, text[start:end])


@ANALYSIS
@given(vietnamese_texts())
def test_nfc_nfd_and_either_tone_placement_index_the_same_terms(written_canonical):
    written, canonical = written_canonical
    expected = index_terms(canonical)
    assert index_terms(written) == expected
    assert index_terms(nfd(written)) == expected
    assert index_terms(unicodedata.normalize("NFC", written)) == expected


@HIGHLIGHT
@given(vietnamese_texts())
def test_normalising_gives_one_spelling_and_folding_leaves_ascii(written_canonical):
    written, canonical = written_canonical
    assert normalize(written) == normalize(nfd(written)) == normalize(canonical) == canonical
    assert all(c.isascii() for c in fold(canonical) if c.isalpha())


@HIGHLIGHT
@given(texts)
# The tone moved off "á" onto "o" left a bare "a" for the second acute to join: "hóá".
@example("hoá\u0301")
# Decomposed, these were composed piece by piece, each piece a letter and its combining
# marks: a Hangul syllable's jamo and a Myanmar vowel sign (not "combining") stayed apart.
@example("가 ဦ")
def test_normalising_gives_nfc_text_that_normalising_again_leaves_alone(text):
    once = normalize(text)
    assert unicodedata.is_normalized("NFC", once)
    assert normalize(once) == once
    assert normalize(nfd(text)) == once


@ANALYSIS
@given(texts, st.data())
def test_syllable_runs_are_found_where_the_text_has_them(text, data):
    syllables = [s for word in segment(text) for s in word.syllables]
    if syllables:
        first = data.draw(st.integers(0, len(syllables) - 1))
        last = data.draw(st.integers(first, min(first + 3, len(syllables) - 1)))
        wanted = tuple(fold(s.lower()) for s, _, _ in syllables[first : last + 1])
    else:
        wanted = ("cai", "cach")
    runs = find_syllable_runs(text, [wanted])
    assert_ordered_within(text, runs, overlapping=True)
    for start, end in runs:
        assert same_pieces(" ".join(wanted), as_indexed(text[start:end], True))
    # Where the segmenter cut a syllable out of a longer run of letters and digits
    # (30/NQ-CP30: "CP", then "30"), the highlighter sees no syllable: nothing to find.
    if syllables and stands_apart(text, syllables[first : last + 1]):
        assert syllables[first][1] in {start for start, _ in runs}


# --- Highlighting ------------------------------------------------------------------------


class MarkedHTML(HTMLParser):
    """Reads highlighted HTML: its text, and which characters of it are marked."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.text, self.marked, self.open = "", [], False
        self.feed(fragment)
        self.close()
        assert not self.open, "a <mark> is never closed"

    def handle_starttag(self, tag, attrs):
        assert (tag, attrs, self.open) == ("mark", [], False), f"unexpected <{tag} {attrs}>"
        self.open = True
        self.marked.append([len(self.text), len(self.text)])

    def handle_endtag(self, tag):
        assert (tag, self.open) == ("mark", True), f"unexpected </{tag}>"
        self.open = False
        self.marked[-1][1] = len(self.text)

    def handle_data(self, data):
        self.text += data

    def handle_startendtag(self, tag, attrs):
        raise AssertionError(f"unexpected <{tag}/>")

    def handle_comment(self, data):
        raise AssertionError("unexpected comment")

    def handle_decl(self, decl):
        raise AssertionError("unexpected declaration")

    def handle_pi(self, data):
        raise AssertionError("unexpected processing instruction")

    def unknown_decl(self, data):
        raise AssertionError("unexpected declaration")


def without_marks(fragment: str) -> str:
    return html.unescape(fragment.replace("<mark>", "").replace("</mark>", ""))


@st.composite
def text_and_spans(draw, source=texts):
    text = draw(source)
    bounds = st.integers(0, len(text))
    # Spans as the index gives them: non-empty, possibly overlapping.
    spans = draw(
        st.lists(st.tuples(bounds, bounds).filter(lambda s: s[0] != s[1]).map(sorted), max_size=8)
    )
    spans = [tuple(span) for span in spans]
    return text, spans


@HIGHLIGHT
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=10))
def test_merged_spans_cover_the_same_characters_sorted_and_apart(starts_and_lengths):
    spans = [(start, start + length) for start, length in starts_and_lengths]
    merged = merge_spans(spans)
    covered = {i for start, end in spans for i in range(start, end)}
    assert {i for start, end in merged for i in range(start, end)} == covered
    for (_, b), (c, _) in itertools.pairwise(merged):
        assert b < c


@HIGHLIGHT
@given(text_and_spans(), st.data())
def test_marked_text_is_escaped_html_that_reads_as_the_original(text_spans, data):
    text, spans = text_spans
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    fragment = mark(text, spans, start, end)
    parsed = MarkedHTML(fragment)
    assert parsed.text == without_marks(fragment) == text[start:end]
    marked = {start + i for a, b in parsed.marked for i in range(a, b)}
    wanted = {i for a, b in spans for i in range(max(a, start), min(b, end))}
    assert wanted <= marked
    # What joins the spans into one mark is the spaces between them, nothing else.
    assert all(text[i] in " \t\u00a0" for i in marked - wanted)


@HIGHLIGHT
@given(text_and_spans(), st.integers(1, 4), st.integers(20, 240))
def test_snippets_are_escaped_html_slices_of_the_text_with_their_matches_marked(
    text_spans, limit, size
):
    text, spans = text_spans
    found = snippets(text, spans, limit=limit, size=size)
    assert len(found) <= limit
    for fragment in found:
        parsed = MarkedHTML(fragment)
        assert parsed.text == without_marks(fragment)
        assert parsed.text.removeprefix("…").removesuffix("…") in text
        if any(a < b for a, b in spans):
            assert parsed.marked, "a snippet without its match"
    if not any(a < b for a, b in spans) and text.strip():
        (opening,) = found
        assert text.lstrip().startswith(MarkedHTML(opening).text.removesuffix("…"))


@ANALYSIS
@given(texts, st.data())
def test_highlighted_query_words_are_marked_where_they_stand(text, data):
    syllables = [s for word in segment(text) for s in word.syllables]
    syllables = [s for s in syllables if stands_apart(text, [s])]
    if not syllables:
        return
    first = data.draw(st.integers(0, len(syllables) - 1))
    wanted = (fold(syllables[first][0].lower()),)
    fragment = mark(text, find_syllable_runs(text, [wanted]))
    parsed = MarkedHTML(fragment)
    assert parsed.text == text
    assert parsed.marked
    for a, b in parsed.marked:
        assert all(same_piece(wanted[0], p) for p in _PIECE.findall(as_indexed(text[a:b], True)))
