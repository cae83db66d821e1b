"""Partial matching: documents covering most of a query that nothing matches whole.

The index holds tests/conftest.py's PARTIAL_DOCUMENTS (the ``partial_service`` fixture).
"""

import numpy as np

from search_app.engine import partial
from search_app.engine.query import ParsedQuery, Unit, parse_query
from search_app.engine.service import SearchRequest, _ranked

QUERY = "thủ tướng yêu cầu các bộ ngành đẩy mạnh cải cách thủ tục hành chính cắt giảm giấy phép con"


def search(service, query, **options):
    return service.search(SearchRequest(query=query, **options))


def missing_by_path(result) -> dict[str, list[str]]:
    return {hit.path: hit.missing for hit in result.hits}


def test_the_issue_query_finds_documents_lacking_words_ranked_by_coverage(partial_service):
    result = search(partial_service, QUERY)
    assert missing_by_path(result) == {
        "full.md": [],
        "most.md": ["cắt giảm", "giấy phép", "con"],
        "some.md": ["thủ tướng", "yêu cầu", "đẩy mạnh", "cải cách"],
    }
    assert [hit.path for hit in result.hits] == ["full.md", "most.md", "some.md"]
    assert result.notices == ["partial_matches"]
    assert result.total == 3


def test_rare_words_weigh_more_than_common_ones(partial_service):
    # "few.md" holds "thủ tướng" and the common "các bộ ngành": not half the weight.
    assert "few.md" not in missing_by_path(search(partial_service, QUERY))


def test_all_words_matches_come_first_whatever_their_score():
    matched = np.array([True, True, True, True])
    scores = np.array([1.0, 9.0, 5.0, 7.0])
    is_partial = np.array([False, True, True, True])
    covered = np.array([0.0, 2.0, 3.0, 2.0])
    ranked = _ranked(None, matched, scores, 4, "relevance", (is_partial, -covered))
    assert ranked == [0, 2, 1, 3]


def test_partial_hits_rank_by_coverage_before_score(partial_service):
    result = search(partial_service, "thủ tướng dự họp bộ ngành")
    assert [(hit.path, hit.missing) for hit in result.hits[:3]] == [
        ("few.md", []),
        ("full.md", ["họp"]),
        ("other-1.md", ["thủ tướng", "dự"]),
    ]
    assert result.hits[1].score < result.hits[2].score


def test_missing_words_keep_the_case_they_were_typed_in(partial_service):
    result = search(partial_service, "TTHC thời tiết")
    assert missing_by_path(result) == {"few.md": ["TTHC"]}


def test_no_partial_matching_when_all_words_fill_a_page(partial_service):
    result = search(partial_service, QUERY, per_page=1)
    assert [(hit.path, hit.missing) for hit in result.hits] == [("full.md", [])]
    assert result.total == 1
    assert result.notices == []


def test_later_pages_list_the_same_partial_hits(partial_service):
    first = search(partial_service, QUERY, per_page=2)
    second = search(partial_service, QUERY, per_page=2, page=2)
    assert (first.total, second.total) == (3, 3)
    assert [hit.path for hit in first.hits + second.hits] == ["full.md", "most.md", "some.md"]


def test_a_quoted_phrase_is_never_relaxed(partial_service):
    result = search(partial_service, 'thủ tướng yêu cầu đẩy mạnh cải cách "giấy phép con"')
    assert missing_by_path(result) == {"full.md": []}
    assert result.notices == []


def test_an_exclusion_is_never_relaxed(partial_service):
    result = search(partial_service, QUERY + ' -"trong năm nay"')
    assert missing_by_path(result) == {
        "full.md": [],
        "some.md": ["thủ tướng", "yêu cầu", "đẩy mạnh", "cải cách"],
    }


def test_filters_are_never_relaxed(partial_service):
    for result in (
        search(partial_service, QUERY + " year:2018"),
        search(partial_service, QUERY, years=(2018,)),
    ):
        assert missing_by_path(result) == {
            "some.md": ["thủ tướng", "yêu cầu", "đẩy mạnh", "cải cách"]
        }
        assert result.notices == ["partial_matches"]


def test_total_and_facets_count_the_partial_hits(partial_service):
    result = search(partial_service, QUERY)
    years = {facet.value: facet.count for facet in result.facets["year"]}
    assert years == {2020: 1, 2019: 1, 2018: 1}


def test_sorted_by_date_all_words_matches_still_come_first(partial_service):
    result = search(partial_service, QUERY, sort="oldest")
    assert [hit.path for hit in result.hits] == ["full.md", "some.md", "most.md"]


def test_a_query_of_one_word_is_never_partial(partial_service):
    assert search(partial_service, "xyzzy").hits == []
    assert search(partial_service, '"giấy phép con" xyzzy').hits == []


def test_trivial_words_alone_make_no_partial_hit(partial_service):
    # "các" and "bộ ngành" are in most documents: a query's rare words must be held.
    result = search(partial_service, "các bộ ngành phê duyệt quy hoạch")
    assert result.hits == []


def test_an_or_group_is_one_unit():
    parsed = ParsedQuery(groups=[[Unit("thời tiết"), Unit("ngân sách")], [Unit("thủ tướng")]])
    plan = partial.plan(parsed, lambda word: False)
    assert [part.label for part in plan.parts] == ["thời tiết OR ngân sách", "thủ tướng"]


def test_phrases_exclusions_and_one_word_leave_no_plan():
    assert partial.plan(parse_query('"cải cách" thủ tục'), lambda word: False) is None
    assert partial.plan(parse_query("cải cách -covid"), lambda word: False) is None


def test_weights_follow_rarity_and_a_word_nobody_holds_weighs_nothing():
    present = np.array(
        [[True, True, True, True], [True, False, False, False], [False, False, False, False]]
    )
    weights = partial.weights(present, 4)
    assert weights[1] > weights[0] > 0
    assert weights[2] == 0.0
    assert partial.trivial(present, 4).tolist() == [True, False, False]
