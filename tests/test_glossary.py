import search_app.engine.glossary as glossary
from search_app.engine.glossary import Expansion, Glossary
from search_app.engine.service import SearchRequest

SEVENTH_SESSION = "2024-02-02-phien-hop-thu-7-ban-chi-dao-cai-cach-hanh-chinh.md"


def search(service, query):
    return service.search(SearchRequest(query=query, per_page=50))


def test_expansions_match_whole_words_case_and_accent_insensitively():
    g = Glossary([["TTHC", "thủ tục hành chính"], ["UBND", "ủy ban nhân dân"]])
    words = [("ra",), ("soat",), ("thu", "tuc"), ("hanh", "chinh")]
    assert g.expansions(words) == [Expansion(2, 4, ("TTHC",))]
    assert g.expansions([("tthc",)]) == [Expansion(0, 1, ("thủ tục hành chính",))]
    assert g.expansions([("thu",), ("tuc",)]) == []


def test_an_acronym_finds_the_spelled_out_form_and_marks_it(service):
    result = search(service, "TTHC")
    hit = next(h for h in result.hits if h.path == SEVENTH_SESSION)  # never writes "TTHC"
    assert any("<mark>thủ tục hành chính</mark>" in s for s in hit.snippets)


def test_the_spelled_out_form_finds_the_acronym_and_marks_it(service):
    for query in ("thủ tục hành chính", "thu tuc hanh chinh"):
        hit = next(h for h in search(service, query).hits if h.path == "extra/viet-tat.md")
        assert hit.snippets == ["UBND huyện rà soát <mark>TTHC</mark> và cập nhật CSDL về đất đai."]


def test_a_leader_name_variant_finds_the_full_name(service):
    paths = [h.path for h in search(service, "Thủ tướng Phúc").hits]
    assert paths[0] == "2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md"


def test_editing_the_glossary_takes_effect_without_reindexing(service, tmp_path, monkeypatch):
    assert search(service, "ĐĐĐ").total == 0
    edited = tmp_path / "glossary.yaml"
    edited.write_text("entries:\n  - [ĐĐĐ, cập nhật CSDL]\n", "utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", edited)
    assert [h.path for h in search(service, "ĐĐĐ").hits] == ["extra/viet-tat.md"]


def test_a_broken_glossary_file_means_no_aliases_not_an_error(service, tmp_path, monkeypatch):
    broken = tmp_path / "glossary.yaml"
    broken.write_text("entries: [unclosed\n", "utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", broken)
    assert SEVENTH_SESSION not in [h.path for h in search(service, "TTHC").hits]


def test_the_typed_form_ranks_above_an_alias(service):
    paths = [h.path for h in search(service, "TTHC").hits]
    assert paths.index("extra/viet-tat.md") < paths.index(SEVENTH_SESSION)
    paths = [h.path for h in search(service, "thủ tục hành chính").hits]
    assert paths[-1] == "extra/viet-tat.md"
