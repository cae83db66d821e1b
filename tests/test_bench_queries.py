"""The judged query set (bench/relevance/queries.yaml) and the FTS5 queries of the baselines."""

import pytest

from bench.relevance.queries import (
    STYLES,
    Query,
    accent_pairs,
    load_needs,
    load_queries,
)
from bench.relevance.systems import fts5_or_query, fts5_query
from indexer.analysis import fold

NEW_STYLES = ("mixed_accents", "question", "docnum_variant")
MIN_PER_STYLE = 10


@pytest.fixture(scope="module")
def queries():
    return load_queries()


def test_every_style_of_the_file_is_known_and_every_known_style_is_used(queries):
    assert {q.style for q in queries} == set(STYLES)


@pytest.mark.parametrize("style", NEW_STYLES)
def test_each_new_style_has_enough_judged_queries(queries, style):
    of_style = [q for q in queries if q.style == style]
    assert len(of_style) >= MIN_PER_STYLE
    assert [q.id for q in of_style if not q.judgments] == []


def test_every_need_has_judgments_and_query_ids_are_unique(queries):
    needs = load_needs()
    assert [n for n, need in needs.items() if not need.get("judgments")] == []
    assert len({q.id for q in queries}) == len(queries)


def test_each_mixed_accent_query_pairs_with_its_accented_twin(queries):
    mixed = [q for q in queries if q.style == "mixed_accents"]
    paired = {bare.id for _, bare in accent_pairs(queries, "mixed_accents")}
    assert sorted(q.id for q in mixed if q.id not in paired) == []


def test_a_mixed_accent_query_has_some_accents_and_lacks_others(queries):
    twins = {bare.id: typed for typed, bare in accent_pairs(queries, "mixed_accents")}
    half = [q.id for q in queries if q.style == "mixed_accents" and not _half_accented(q, twins)]
    assert half == []


def test_pairs_by_style():
    texts = [
        ("accented", "thủ tục hành chính"),
        ("unaccented", "thu tuc hanh chinh"),
        ("mixed_accents", "thu tục hành chính"),
        ("misspelling", "thủ tụcc hành chính"),
    ]
    queries = [Query(f"n/{style}", "n", style, text, {"d": 2}) for style, text in texts]
    assert [(a.id, b.id) for a, b in accent_pairs(queries)] == [("n/accented", "n/unaccented")]
    assert [(a.id, b.id) for a, b in accent_pairs(queries, "mixed_accents")] == [
        ("n/accented", "n/mixed_accents")
    ]


def test_fts5_or_query_makes_every_word_and_phrase_optional():
    assert fts5_query('cải cách "một cửa" OR TTHC') == '"cải" "cách" "một cửa" OR "TTHC"'
    assert fts5_or_query('cải cách "một cửa" OR TTHC') == '"cải" OR "cách" OR "một cửa" OR "TTHC"'
    assert fts5_or_query("30c/NQ-CP AND") == '"30c/NQ-CP" OR "AND"'
    assert fts5_or_query("OR , OR") == ""


def _half_accented(query: Query, twins: dict[str, Query]) -> bool:
    """Some words as the accented twin writes them with accents, and some folded."""
    twin = twins.get(query.id)
    if twin is None:
        return False
    pairs = list(zip(query.text.split(), twin.text.split(), strict=True))
    accented = [typed == word for typed, word in pairs if fold(word) != word]
    return any(accented) and not all(accented)
