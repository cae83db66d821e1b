"""The faster path to pyvi's labels gives the tagger exactly what pyvi's own features give
it, so the labels, and the words segment() makes, are pyvi's."""

import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_properties import MARKS, PUNCTUATION, SYLLABLES, UNITS, syllables

from indexer import analysis, pyvi_features
from indexer.pyvi_features import (
    as_tagger_reads,
    attributes,
    labels,
    reference_attributes,
    reference_labels,
)

REPO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def vi():
    return analysis._pyvi()


def fast(vi, texts):
    return attributes(texts, vi.bi_grams, vi.tri_grams)


# Lines as the segmenter cuts them into units: capitals, acronyms, digits, document
# numbers, dates, percentages, punctuation, one and two units.
LINES = [
    ["Thủ", "tướng", "Nguyễn", "Xuân", "Phúc", "chủ", "trì", "phiên", "họp", "."],
    ["UBND", "tỉnh", "rà", "soát", "TTHC", "và", "CSDL", "đất", "đai", "."],
    ["Nghị", "quyết", "30c/NQ-CP", "ngày", "08/11/2011", "đạt", "26,93%", "ở", "cấp", "xã"],
    ["ĐỔI", "MỚI", "VÀ", "HỘI", "NHẬP", "!"],
    ["Năm", "2019", ",", "112", "/", "NQ", "-", "CP", "(", "“", "mới", "”", ")", "…"],
    ["Ban", "chấp", "hành", "Trung", "ương", "và", "hợp", "tác", "xã"],
    ["http://cchc.gov.vn/a?b=1", "cchc@chinhphu.gov.vn", "007", "a_b", "4.142"],
    ["Phụ", "lục", "A", "và", "Đ", ":", "X", "."],  # one capital: upper and title case
    ["cải", "cách"],
    ["Hà"],
    [","],
    ["ΟΣ", "Α", "Σ", "İstanbul", "ǅ"],  # lowercasing that depends on context or grows
]


@pytest.mark.parametrize("texts", LINES, ids=[" ".join(line) for line in LINES])
def test_the_attributes_are_those_of_pyvis_features(vi, texts):
    assert fast(vi, texts) == reference_attributes(vi, texts)
    assert labels(vi, texts) == reference_labels(vi, texts)


def test_a_line_made_from_nfd_text_is_normalised_first_and_gives_pyvis_attributes(vi):
    written = unicodedata.normalize("NFD", "Đổi mới cải cách thủ tục hành chính hoá")
    texts = analysis.normalize(written).split()
    assert texts == ["Đổi", "mới", "cải", "cách", "thủ", "tục", "hành", "chính", "hóa"]
    assert fast(vi, texts) == reference_attributes(vi, texts)
    assert labels(vi, texts) == reference_labels(vi, texts)


def test_the_attributes_of_two_units_in_pyvis_order_false_features_left_out(vi):
    assert fast(vi, ["Cải", "cách"]) == [
        ("bias", "word.lower():cải", "word.istitle()", "+1:word.lower():cách", "+1:word.bi_gram()"),
        (
            "bias",
            "word.lower():cách",
            "-1:word.lower():cải",
            "-1:word.istitle()",
            "-1:word.bi_gram()",
        ),
    ]


def test_a_trigram_is_seen_from_its_first_and_last_unit(vi):
    assert fast(vi, ["hợp", "tác", "xã"]) == [
        (
            "bias",
            "word.lower():hợp",
            "+1:word.lower():tác",
            "+1:word.bi_gram()",
            "+2:word.tri_gram()",
        ),
        (
            "bias",
            "word.lower():tác",
            "-1:word.lower():hợp",
            "-1:word.bi_gram()",
            "+1:word.lower():xã",
        ),
        ("bias", "word.lower():xã", "-1:word.lower():tác", "-2:word.tri_gram()"),
    ]


def test_one_unit_digits_and_capitals(vi):
    assert fast(vi, ["2019"]) == [("bias", "word.lower():2019", "word.isdigit()")]
    assert fast(vi, ["UBND"]) == [("bias", "word.lower():ubnd", "word.isupper()")]
    assert fast(vi, []) == []


def test_the_labels_of_a_known_line(vi):
    assert labels(vi, ["cải", "cách", "hành", "chính"]) == ["B_W", "I_W", "B_W", "I_W"]
    assert labels(vi, ["UBND", "tỉnh", "Hà", "Nội"]) == ["B_W", "B_W", "B_W", "I_W"]


def test_what_the_tagger_reads_of_pyvis_dicts():
    features = [{"bias": 1.0, "a": "x", "b": True, "c": False}]
    assert as_tagger_reads(features) == [("bias", "a:x", "b")]
    with pytest.raises(ValueError, match="weights other than 0 and 1"):
        as_tagger_reads([{"bias": 0.5}])


units = st.one_of(
    syllables(),
    syllables(),
    st.sampled_from(SYLLABLES).map(str.upper),
    st.sampled_from(UNITS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(MARKS),
    st.from_regex(r"[0-9]{1,4}", fullmatch=True),
    st.text(min_size=1, max_size=5),
)


@settings(max_examples=150)
@given(st.lists(units, max_size=12))
@example(["a\x00b", "c"])  # the tagger reads a name up to a NUL, pyvi's and ours alike
@example(["Σ", "ΑΣ", "Σ"])
def test_generated_lines_give_pyvis_attributes_and_labels(texts):
    vi = analysis._pyvi()
    assert as_tagger_reads(fast(vi, texts)) == reference_attributes(vi, texts)
    assert labels(vi, texts) == reference_labels(vi, texts)


def test_segment_makes_the_same_words_as_with_pyvis_own_path():
    texts = [path.read_text(encoding="utf-8") for path in sorted(REPO_CORPUS.glob("*.md"))]
    assert len(texts) == 5
    fast_words = [analysis._segment(text) for text in texts]  # not segment(): it remembers
    with mock.patch.object(pyvi_features, "labels", reference_labels):
        pyvi_words = [analysis._segment(text) for text in texts]
    assert fast_words == pyvi_words
    assert sum(map(len, fast_words)) > 1000
