"""Bounds on a request's cost: long queries, many alternatives, long documents, slow
searches and heavy queries at once, each with small limits set through the settings."""

import dataclasses

import pytest

import search_app.engine.service
from indexer.writer import document_id, index_corpus
from search_app import create_app
from search_app.engine.limits import Busy, HeavySlots, Limits, OverBudget, cut_query
from search_app.engine.query import parse_query
from search_app.engine.service import SearchRequest, SearchService

WORD = "hươu"


@pytest.fixture(scope="module")
def long_index(tmp_path_factory):
    """An index with two short articles and one long report whose only mention of the
    searched word comes after 5,000 characters."""
    corpus = tmp_path_factory.mktemp("corpus")
    for name in ("a", "b"):
        (corpus / f"{name}.md").write_text(f"# Bài {name}\n\nChuyện về {WORD} cao cổ.\n", "utf-8")
    filler = "Cải cách hành chính là nhiệm vụ trọng tâm. " * 120  # 5,160 characters
    (corpus / "long.md").write_text(f"# Báo cáo dài\n\n{filler}\n\nCuối cùng là {WORD}.\n")
    index = tmp_path_factory.mktemp("index")
    index_corpus(corpus, index)
    return index


def service_with(index, **limits) -> SearchService:
    return SearchService(index, cache_size=0, limits=dataclasses.replace(Limits(), **limits))


def test_a_long_query_is_cut_at_a_word_end():
    assert cut_query("cải cách hành chính", 12) == ("cải cách", True)
    assert cut_query("cải cách", 12) == ("cải cách", False)
    assert cut_query("x" * 20, 12) == ("x" * 12, True)


def test_the_service_searches_a_long_query_cut_and_says_so(long_index):
    service = service_with(long_index, max_query_chars=10)
    result = service.search(SearchRequest(f"{WORD} cao cổ và nhiều từ khác không có ở đâu"))
    assert result.notices == ["query_truncated"]
    assert sorted(hit.path for hit in result.hits) == ["a.md", "b.md"]  # "hươu cao"


def test_alternatives_past_the_limit_are_dropped_with_a_notice(long_index):
    service = service_with(long_index, max_alternatives=2)
    query = " OR ".join(["xyzabc", "qwerty", WORD])  # only the third finds anything
    result = service.search(SearchRequest(query))
    assert (result.total, result.notices) == (0, ["too_many_alternatives"])
    assert service_with(long_index).search(SearchRequest(query)).total == 3


def test_every_group_keeps_at_least_one_alternative():
    from search_app.engine.limits import limit_alternatives

    parsed = parse_query("a OR b OR c d")
    assert limit_alternatives(parsed, 0) is True
    assert [[unit.text for unit in group] for group in parsed.groups] == [["a"]]


def test_marks_are_looked_for_in_the_first_characters_only(long_index):
    wide = service_with(long_index).search(SearchRequest(WORD, per_page=10))
    narrow = service_with(long_index, highlight_chars=1000).search(SearchRequest(WORD))
    snippets = {hit.path: hit.snippets for hit in wide.hits}
    assert "<mark>" in snippets["long.md"][0]
    report = next(hit for hit in narrow.hits if hit.path == "long.md")
    assert report.snippets[0].startswith("Báo cáo dài\n\nCải cách hành chính là nhiệm vụ")
    assert "<mark>" not in report.snippets[0]  # the opening: no match within the limit
    assert narrow.total == 3  # the limit bounds marking, never matching


def test_a_search_out_of_time_before_matching_is_an_error(long_index):
    with pytest.raises(OverBudget):
        service_with(long_index, time_budget=0).search(SearchRequest(WORD))


def test_hits_past_the_time_budget_come_without_marks(long_index, monkeypatch):
    clock = [0.0]
    monkeypatch.setattr("search_app.engine.limits.time.monotonic", lambda: clock[0])
    ranked = search_app.engine.service._ranked

    def ranked_then_late(*args):
        clock[0] = 100.0  # matching is done; the budget runs out before the hits
        return ranked(*args)

    monkeypatch.setattr("search_app.engine.service._ranked", ranked_then_late)
    service = service_with(long_index, time_budget=2.0)
    result = service.search(SearchRequest(WORD))
    assert result.total == 3
    assert result.notices == ["time_budget"]
    assert all("<mark>" not in s for hit in result.hits for s in hit.snippets)
    assert result.suggestion is None
    # A result cut short is not cached: the next request may well complete.
    clock[0] = 0.0
    monkeypatch.setattr("search_app.engine.service._ranked", ranked)
    service._results.size = 10
    service._results.clear()
    service.search(SearchRequest(WORD))
    assert service._results.get(SearchRequest(WORD)).notices == []


def test_a_heavy_query_waits_for_no_one_it_is_refused_while_the_slot_is_taken(long_index):
    service = service_with(long_index, heavy_postings=1, heavy_at_once=1)
    other_process = HeavySlots(long_index, 1)  # the same lock files another worker takes
    with other_process.taken(), pytest.raises(Busy):
        service.search(SearchRequest(WORD))
    assert service.search(SearchRequest(WORD)).total == 3  # the slot is free again
    cheap = service_with(long_index, heavy_postings=10**9, heavy_at_once=1)
    with other_process.taken():
        assert cheap.search(SearchRequest(WORD)).total == 3  # a cheap query never waits


def app_with(index, **config):
    return create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(index)} | config)


def test_the_api_answers_503_in_its_error_shape_when_out_of_time(long_index):
    client = app_with(long_index, REFORM_SEARCH_TIME_BUDGET_MS=0).test_client()
    response = client.get(f"/api/search?q={WORD}")
    assert response.status_code == 503
    assert response.json == {
        "error": {
            "status": 503,
            "message": "the search took too long; use fewer or rarer words, or a quoted phrase",
        }
    }
    page = client.get(f"/search?q={WORD}")
    assert page.status_code == 503
    assert "Tìm kiếm quá lâu" in page.get_data(as_text=True)


def test_a_busy_heavy_query_gets_503_with_retry_after(long_index):
    app = app_with(long_index, REFORM_SEARCH_HEAVY_POSTINGS=1)
    with HeavySlots(long_index, 1).taken():
        response = app.test_client().get(f"/api/search?q={WORD}")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert response.json["error"]["status"] == 503


def test_the_api_refuses_a_query_over_the_limit_and_the_page_cuts_it(long_index):
    app = app_with(long_index, REFORM_SEARCH_MAX_QUERY_CHARS=10)
    client = app.test_client()
    response = client.get(f"/api/search?q={WORD}+cao+cổ+và+nữa")
    assert response.status_code == 400
    assert response.json["error"]["message"].startswith("invalid parameter 'q'")
    page = client.get(f"/search?q={WORD}+cao+cổ+và+nữa").get_data(as_text=True)
    assert "chỉ phần đầu được tìm" in page
    assert "Bài a" in page


def test_a_long_document_page_marks_its_beginning_and_says_so(long_index):
    client = app_with(long_index, REFORM_SEARCH_HIGHLIGHT_CHARS=1000).test_client()
    page = client.get(f"/doc/{document_id('long.md')}?q=cải+cách").get_data(as_text=True)
    assert "từ khóa chỉ được đánh dấu trong phần đầu" in page
    assert page.count("<mark") < 120  # the filler says "cải cách" 120 times
    whole = app_with(long_index).test_client()
    page = whole.get(f"/doc/{document_id('long.md')}?q=cải+cách").get_data(as_text=True)
    assert page.count("<mark") == 120
    assert "phần đầu" not in page


def test_reading_a_new_index_state_does_not_count_against_the_budget(long_index, monkeypatch):
    clock = [0.0]
    monkeypatch.setattr("search_app.engine.limits.time.monotonic", lambda: clock[0])
    read_ahead = SearchService._read_ahead

    def slow_read_ahead(self, snapshot):
        clock[0] += 100.0  # the first search after a rebuild reads the new generation
        return read_ahead(self, snapshot)

    monkeypatch.setattr(SearchService, "_read_ahead", slow_read_ahead)
    result = service_with(long_index, time_budget=2.0).search(SearchRequest(WORD))
    assert (result.total, result.notices) == (3, [])
