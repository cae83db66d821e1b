import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from indexer.writer import document_id, index_corpus
from search_app.engine.service import NoIndexError, SearchRequest, SearchService

SEEDS = {
    "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md",
    "2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md",
    "2023-11-14-phien-hop-thu-6-ban-chi-dao-cai-cach-hanh-chinh.md",
    "2024-02-02-phien-hop-thu-7-ban-chi-dao-cai-cach-hanh-chinh.md",
    "hoi-nghi-chuyen-de-cai-cach-tthc-hien-dai-hoa-chi-dao-dieu-hanh.md",
}


def search(service, query="", **filters):
    return service.search(SearchRequest(query=query, per_page=50, **filters))


def found(service, query="", **filters) -> list[str]:
    return [hit.path for hit in search(service, query, **filters).hits]


def all_snippets(result) -> str:
    return "\n".join(s for hit in result.hits for s in hit.snippets)


def test_unaccented_query_finds_the_seeds_and_marks_the_accented_original(service):
    result = search(service, "cai cach thu tuc hanh chinh")
    assert {hit.path for hit in result.hits} >= SEEDS
    assert "<mark>cải cách thủ tục hành chính</mark>" in all_snippets(result)


def test_unaccented_and_accented_queries_find_the_same_documents(service):
    assert set(found(service, "cai cach thu tuc hanh chinh")) == set(
        found(service, "cải cách thủ tục hành chính")
    )


def test_nfd_query_equals_nfc_query(service):
    query = "chuyển đổi số"
    assert found(service, unicodedata.normalize("NFD", query)) == found(service, query)


def test_tone_placement_variants_find_and_mark_both_spellings(service):
    result = search(service, "hiện đại hoá phương thức")
    doc = next(h for h in result.hits if h.path.startswith("hoi-nghi-chuyen-de"))
    marks = "\n".join(doc.snippets)
    assert "<mark>hiện đại hóa phương thức</mark>" in marks
    assert "<mark>hiện đại hoá phương thức</mark>" in marks


def test_exact_accents_rank_above_folded_matches(service):
    paths = found(service, "thể chế")
    assert paths.index("extra/the-che.md") < paths.index("extra/the-gioi.md")


def test_a_query_word_matches_inside_a_compound(service):
    # "cách" is a syllable of the compound "cải_cách"
    assert set(found(service, "cách")) >= SEEDS


def test_document_numbers_and_percentages_match_whole_and_are_marked(service):
    for query, marked in (
        ("30c/NQ-CP", "<mark>30c/NQ-CP</mark>"),
        ("136/2001/QĐ-TTg", "<mark>136/2001/QĐ-TTg</mark>"),
        ("26,93%", "<mark>26,93</mark>%"),  # marks cover the word's letters and digits
    ):
        result = search(service, query)
        assert "extra/nghi-quyet.md" in [h.path for h in result.hits]
        assert marked in all_snippets(result)
        assert result.suggestion is None


def test_one_letter_words_are_searchable(service):
    result = search(service, '"ở cấp xã"')
    assert [h.path for h in result.hits] == ["extra/nghi-quyet.md"]


def test_period_filter_includes_reviews_of_the_period(service):
    assert sorted(found(service, "thủ tục hành chính", periods=("2011-2020",))) == [
        "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md",
        "2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md",
    ]


def test_leader_topic_and_year_filters(service):
    assert found(service, "", leaders=("Mai Tiến Dũng",)) == [
        "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md"
    ]
    assert found(service, "", years=(2023,)) == [
        "2023-11-14-phien-hop-thu-6-ban-chi-dao-cai-cach-hanh-chinh.md"
    ]
    assert found(service, "", year_from=2023, year_to=2024) == [
        "2024-02-02-phien-hop-thu-7-ban-chi-dao-cai-cach-hanh-chinh.md",
        "2023-11-14-phien-hop-thu-6-ban-chi-dao-cai-cach-hanh-chinh.md",
    ]
    apparatus = set(found(service, "", topics=("apparatus",)))
    assert "2023-11-14-phien-hop-thu-6-ban-chi-dao-cai-cach-hanh-chinh.md" in apparatus
    assert "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md" not in apparatus


def test_facet_counts_follow_the_query_and_the_other_filters(service):
    result = search(service, "thủ tục hành chính", periods=("2011-2020",))
    periods = {f.value: (f.count, f.selected) for f in result.facets["period"]}
    # the period facet ignores its own filter (drill-down) …
    assert periods["2011-2020"] == (2, True)
    assert periods["2021-2030"][1] is False and periods["2021-2030"][0] >= 4
    # … the others count only the filtered results
    leaders = {f.value: f.count for f in result.facets["leader"]}
    assert leaders == {"Mai Tiến Dũng": 1, "Nguyễn Xuân Phúc": 1, "Trương Hòa Bình": 1}
    years = {f.value: f.count for f in result.facets["year"]}
    assert years == {2019: 1, 2021: 1}


def test_facets_carry_labels(service):
    topics = {f.value: f.label for f in search(service, "").facets["topic"]}
    assert topics["procedures"] == "Cải cách thủ tục hành chính"
    periods = {f.value: f.label for f in search(service, "").facets["period"]}
    assert periods["2011-2020"] == "2011–2020"


def test_browse_mode_lists_newest_first(service):
    result = search(service, "", periods=("2021-2030",))
    dated = [h.date for h in result.hits if h.date]
    assert dated == sorted(dated, reverse=True)
    assert result.hits[0].score is None


def test_sort_oldest(service):
    dated = [h.date for h in search(service, "cải cách", sort="oldest").hits if h.date]
    assert dated == sorted(dated)


def test_exclusion_phrase_and_or(service):
    assert "extra/nghi-quyet.md" not in found(service, "chương trình -30c/NQ-CP")
    assert found(service, '"thủ tục cải cách hành chính"') == [
        "hoi-nghi-chuyen-de-cai-cach-tthc-hien-dai-hoa-chi-dao-dieu-hanh.md"
    ]
    assert set(found(service, "ngựa vằn OR 30c/NQ-CP")) == {"extra/nghi-quyet.md"}


def test_malformed_query_still_returns_results_with_a_notice(service):
    result = search(service, '"cải cách hành chính')
    assert result.notices == ["unbalanced_quote"]
    assert result.total > 0


def test_pagination(service):
    everything = [h.path for h in service.search(SearchRequest("cải cách", per_page=50)).hits]
    page2 = service.search(SearchRequest("cải cách", page=2, per_page=2))
    assert [h.path for h in page2.hits] == everything[2:4]
    assert (page2.page, page2.per_page, page2.total) == (2, 2, len(everything))


def test_hostile_markup_in_documents_is_escaped(service):
    result = search(service, "mã độc")
    hit = result.hits[0]
    assert hit.path == "extra/hostile.md"
    assert hit.title_html.startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert "<img" not in all_snippets(result) and "<script" not in all_snippets(result)


def test_json_shape(service):
    data = search(service, "CCHC").to_json()
    assert sorted(data) == sorted(
        ["query", "total", "page", "per_page", "hits", "facets", "notices", "suggestion"]
        + ["took_ms"]
    )
    assert sorted(data["hits"][0]) == sorted(
        ["id", "path", "title", "date", "year", "periods", "leaders", "topics", "source"]
        + ["score", "snippets", "missing"]
    )
    assert sorted(data["facets"]) == ["leader", "period", "topic", "year"]
    assert sorted(data["facets"]["period"][0]) == ["count", "label", "selected", "value"]


def test_no_index_is_a_clear_error(tmp_path):
    with pytest.raises(NoIndexError, match="run `reform-search index`"):
        SearchService(tmp_path).search(SearchRequest("x"))


def test_an_open_service_sees_updates_and_swaps(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    service = SearchService(index)
    assert found(service, "hươu cao cổ") == []
    (corpus_copy / "new.txt").write_text("Bài mới\n\nNội dung về hươu cao cổ.", "utf-8")
    index_corpus(corpus_copy, index)
    assert found(service, "hươu cao cổ") == ["new.txt"]
    (corpus_copy / "new2.txt").write_text("Bài khác\n\nHươu cao cổ nữa.", "utf-8")
    index_corpus(corpus_copy, index, rebuild=True)
    assert sorted(found(service, "hươu cao cổ")) == ["new.txt", "new2.txt"]
    service.close()


def test_an_open_service_never_serves_deleted_or_replaced_documents(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name in "abcde":
        (corpus / f"{name}.md").write_text(f"# Bài {name}\n\nHươu cao cổ {name}.\n", "utf-8")
    index_corpus(corpus, index)
    service = SearchService(index)
    assert len(found(service, "hươu")) == 5
    (corpus / "a.md").unlink()
    index_corpus(corpus, index)
    assert sorted(found(service, "hươu")) == ["b.md", "c.md", "d.md", "e.md"]
    assert service.document(document_id("a.md")) is None
    # Edited three times: each round replaces the one before, and a commit may merge.
    for round_ in range(3):
        (corpus / "b.md").write_text(f"# Bài b, bản {round_}\n\nHươu cao cổ.\n", "utf-8")
        index_corpus(corpus, index)
        assert [h.title for h in search(service, "hươu").hits].count(f"Bài b, bản {round_}") == 1
        assert sorted(found(service, "hươu")) == ["b.md", "c.md", "d.md", "e.md"]
        assert service.document(document_id("b.md"))["title"] == f"Bài b, bản {round_}"
        assert service.stats()["documents"] == 4
    service.close()


def test_unaccented_query_gets_an_accented_suggestion(service):
    result = search(service, "thu tuc hanh chinh")
    assert (result.suggestion.query, result.suggestion.total) == ("thủ tục hành chính", 7)


def test_misspelt_query_gets_a_correction_that_finds_more(service):
    result = search(service, "cải cáhc hành chính")
    assert result.total == 0
    assert result.suggestion.query == "cải cách hành chính"
    assert result.suggestion.total > 0


def test_a_correct_accented_query_gets_no_suggestion(service):
    assert search(service, "cải cách hành chính").suggestion is None
    assert search(service, "TTHC").suggestion is None
    assert search(service, '"thu tuc" -covid').suggestion is None


def test_more_like_this_finds_related_documents_never_itself(service):
    review = next(d for d in service.documents() if d["path"].startswith("2021-03-18"))
    similar = [h.path for h in service.similar(review["id"])]
    assert review["path"] not in similar
    assert set(similar[:4]) <= SEEDS
    assert service.similar("no-such-id") == []


def test_a_page_past_the_end_is_empty_not_the_last_page(service):
    result = service.search(SearchRequest("cải cách", page=50, per_page=10))
    assert (result.page, result.hits) == (50, [])
    assert result.total > 0


def test_documents_without_a_year_are_in_no_year_bucket(service):
    years = [f.value for f in search(service, "").facets["year"]]
    assert years == sorted({2011, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024}, reverse=True)


def test_stats_report_the_served_index(service, built_index):
    stats = service.stats()
    assert stats["documents"] == 11
    assert stats["generation"].startswith("gen-")


def test_field_filters_in_the_query(service):
    assert found(service, "leader:phuc") == ["2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md"]
    assert found(service, 'cải cách leader:"Phạm Minh Chính" year:2023..2024') == [
        "2024-02-02-phien-hop-thu-7-ban-chi-dao-cai-cach-hanh-chinh.md",
        "2023-11-14-phien-hop-thu-6-ban-chi-dao-cai-cach-hanh-chinh.md",
    ]
    assert found(service, 'topic:"thu tuc" year:2019') == [
        "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md"
    ]
    assert found(service, "period:2011–2020 giao ban") == [
        "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md"
    ]
    assert found(service, "leader:nobody") == []


def test_field_filters_narrow_the_facet_counts(service):
    result = search(service, "leader:phuc")
    assert {f.value: f.count for f in result.facets["leader"]} == {
        "Nguyễn Xuân Phúc": 1,
        "Trương Hòa Bình": 1,
    }


def test_results_are_cached_until_the_index_changes(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    service = SearchService(index, cache_size=8)
    first = service.search(SearchRequest("hươu cao cổ"))
    again = service.search(SearchRequest("Hươu  cao cổ"))  # same query once normalised
    assert again.hits is first.hits  # served from the cache, not searched again
    (corpus_copy / "new.txt").write_text("Bài mới\n\nNội dung về hươu cao cổ.", "utf-8")
    index_corpus(corpus_copy, index)
    assert [h.path for h in service.search(SearchRequest("hươu cao cổ")).hits] == ["new.txt"]
    service.close()


def test_a_glossary_edit_is_not_hidden_by_the_cache(service, tmp_path, monkeypatch):
    import search_app.engine.glossary as glossary

    assert search(service, "QQQ").total == 0
    edited = tmp_path / "glossary.yaml"
    edited.write_text("entries:\n  - [QQQ, hươu cao cổ, cập nhật CSDL]\n", "utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", edited)
    assert search(service, "QQQ").total == 1


def test_a_phrase_needs_its_syllables_side_by_side_and_neighbours_rank_first(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "together.md").write_text(
        "# Một cửa\n\nTỉnh đưa bộ phận một cửa liên thông vào hoạt động.\n", "utf-8"
    )
    (corpus / "comma.md").write_text(
        "# Tin tỉnh\n\nTình trạng “một cửa, liên thông” chỉ trên giấy.\n", "utf-8"
    )
    (corpus / "apart.md").write_text(
        "# Một cửa\n\nMở thêm một cửa. Liên thông: hai việc của tỉnh trong năm.\n", "utf-8"
    )
    (corpus / "scattered.md").write_text(
        "# Tin tỉnh\n\nLiên thông dữ liệu; cửa khẩu mở thêm một tuyến.\n", "utf-8"
    )
    index_corpus(corpus, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    assert found(service, '"một cửa liên thông"') == ["together.md", "comma.md"]
    assert found(service, "mot cua lien thong")[0] == "together.md"
    assert set(found(service, "một cửa liên thông")) == {
        "together.md",
        "comma.md",
        "apart.md",
        "scattered.md",
    }


def test_a_long_word_glued_by_the_segmenter_still_matches_but_a_name_stays_whole(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # pyvi reads the query's "chuyên ngành hàng" as one word; the document says it otherwise.
    (corpus / "inspection.md").write_text(
        "# Hải quan\n\nGiảm kiểm tra chuyên ngành đối với hàng hóa xuất nhập khẩu.\n", "utf-8"
    )
    (corpus / "scattered-name.md").write_text(
        "# Tin\n\nÔng Trương kể chuyện Hòa Bình; bà Bình nói về cải cách hành chính.\n", "utf-8"
    )
    (corpus / "name.md").write_text(
        "# Tin\n\nPhó Thủ tướng Trương Hòa Bình chỉ đạo cải cách hành chính.\n", "utf-8"
    )
    index_corpus(corpus, tmp_path / "index")
    service = SearchService(tmp_path / "index")
    assert found(service, "kiểm tra chuyên ngành hàng xuất nhập khẩu") == ["inspection.md"]
    assert found(service, "Trương Hòa Bình cải cách hành chính") == ["name.md"]


def test_threads_sharing_a_service_get_the_results_one_thread_gets(built_index):
    queries = ["cải cách", "thu tuc hanh chinh", "TTHC", '"một cửa"', "cai cahc", "công chức"]
    with SearchService(built_index[1], cache_size=0) as alone:
        expected = {q: alone.search(SearchRequest(query=q)).to_json()["hits"] for q in queries}
    with SearchService(built_index[1], cache_size=0) as shared:
        # Each thread runs every query several times, all starting on a cold service.
        def run(offset: int) -> list[bool]:
            order = queries[offset:] + queries[:offset]
            return [
                shared.search(SearchRequest(query=q)).to_json()["hits"] == expected[q]
                for q in order * 5
            ]

        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = [ok for result in pool.map(run, range(4)) for ok in result]
    assert outcomes == [True] * len(queries) * 5 * 4


# --- Export: every match, in the search's order ------------------------------------------


def all_pages(service, request: SearchRequest) -> list[str]:
    """The ids of every hit, page after page, as a reader paging through would see them."""
    ids, page = [], 1
    while True:
        result = service.search(replace(request, page=page, per_page=2))
        ids += [hit.id for hit in result.hits]
        if not result.hits:
            return ids
        page += 1


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(query="cải cách"),
        SearchRequest(query="cai cach", sort="oldest"),
        SearchRequest(sort="newest"),
        SearchRequest(query="thủ tục", periods=("2011-2020",)),
    ],
    ids=["relevance", "oldest", "browsing", "filtered"],
)
def test_an_export_holds_every_match_in_the_order_of_the_pages(service, request_):
    export = service.export(request_, limit=1000)
    exported = list(export.hits)
    assert export.total == service.search(request_).total
    assert export.rows == export.total == len(exported)
    assert [hit.id for hit in exported] == all_pages(service, request_)


def test_an_export_stops_at_its_cap_and_says_how_many_there_were(service):
    request = SearchRequest(sort="newest")
    export = service.export(request, limit=2)
    assert (export.total, export.rows) == (service.search(request).total, 2)
    assert [hit.id for hit in export.hits] == all_pages(service, request)[:2]


def test_exported_hits_carry_their_marked_snippets(service):
    hit = next(service.export(SearchRequest(query="cai cach"), limit=1).hits)
    assert "<mark>" in " ".join(hit.snippets)


@pytest.mark.parametrize(
    "request_",
    [SearchRequest(query="cải cách"), SearchRequest(query="TTHC", periods=("2011-2020",))],
    ids=["words", "filtered"],
)
def test_a_search_counts_its_matches_per_year_as_the_trends_do(service, request_):
    result = service.search(request_)
    assert result.trend == service.trends([request_])
    per_year = result.trend.queries[0]
    assert per_year.total == result.total == sum(y.count for y in per_year.years) + per_year.undated
    assert "trend" not in result.to_json()
