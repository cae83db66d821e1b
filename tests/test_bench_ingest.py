"""The PDF benchmark's measures (bench/ingest/text_compare) on literal strings."""

from bench.ingest.text_compare import (
    Comparison,
    WordChanges,
    common_subsequence,
    compare,
    edit_distance,
    word_changes,
)


def test_edit_distance():
    assert [
        edit_distance(a, b) for a, b in [("kitten", "sitting"), ("", "abc"), ("Tiếng", "Tieng")]
    ] == [3, 3, 1]


def test_common_subsequence_of_words():
    assert common_subsequence(["a", "b", "c", "d", "e"], ["b", "a", "c", "e", "d"]) == 3


def test_glued_and_split_words():
    source = ["cải", "cách", "hành", "chính"]
    assert word_changes(source, ["cải", "cáchhành", "ch", "ính"]) == WordChanges(glued=1, split=1)


def test_compare_sums_whole_figures():
    figures = compare("Cải cách\n\nhành chính năm 2020", "Cải cáchhành chính\n\nnăm 2020")
    assert figures == Comparison(
        source_chars=28,
        edits=1,
        source_words=6,
        in_order_words=4,
        changes=WordChanges(glued=1, split=0),
        source_paragraphs=2,
        found_paragraphs=0,
    )
