import pytest
from conftest import index_of

from indexer.docnums import Reference
from search_app.engine.docnum_query import highlight_sequences, reference_query, split_references
from search_app.engine.matching import AnyOf, Term
from search_app.engine.service import SearchRequest, SearchService

DOCUMENTS = {
    "full.md": (
        "# Tự chủ tài chính\n\nChính phủ ban hành Nghị định số 60/2021/NĐ-CP quy định cơ chế "
        "tự chủ tài chính của đơn vị sự nghiệp công lập.\n"
    ),
    "short.md": (
        "# Đơn vị sự nghiệp\n\nTheo Nghị định 60, đơn vị sự nghiệp công lập được giao "
        "tự chủ tài chính.\n"
    ),
    "other-number.md": (
        "# Xử phạt\n\nNghị định 61/2021/NĐ-CP sửa đổi quy định về tự chủ tài chính.\n"
    ),
    "other-year.md": ("# Hồ sơ\n\nNghị định 60/2020/NĐ-CP về tự chủ tài chính được thay thế.\n"),
    "numbers.md": (
        "# Số liệu\n\nNăm 2021 có 60 đơn vị sự nghiệp công lập tự chủ tài chính theo "
        "nghị định mới.\n"
    ),
    "program.md": (
        "# Chương trình tổng thể\n\nNghị quyết 30c/NQ-CP ban hành Chương trình tổng thể; "
        "Kết luận 14-KL/TW về chính phủ số.\n"
    ),
    "thirty.md": "# Văn bản\n\nNghị quyết 30/NQ-CP về phiên họp thường kỳ.\n",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    with SearchService(index_of(tmp_path_factory, DOCUMENTS, "docnums")) as service:
        yield service


def search(service, query):
    return service.search(SearchRequest(query=query, per_page=50))


def found(service, query) -> list[str]:
    return [hit.path for hit in search(service, query).hits]


@pytest.mark.parametrize(
    "query",
    [
        "Nghị định 60/2021/NĐ-CP",
        "Nghị định số 60/2021/NĐ-CP",
        "NĐ 60/2021",
        "60/2021/NĐ-CP",
        "nghi dinh so 60/2021/nd-cp",
        "nd 60/2021",
    ],
)
def test_every_spelling_finds_the_citation_and_the_full_number_ranks_first(service, query):
    # "Nghị định 60" agrees with 60/2021/NĐ-CP (it leaves the year out), so it is found,
    # below; 61/2021 and 60/2020 do not, nor the "60" and "2021" of numbers.md.
    assert found(service, query) == ["full.md", "short.md"]


def test_the_kind_and_number_alone_find_every_year(service):
    assert set(found(service, "Nghị định 60")) == {"full.md", "short.md", "other-year.md"}
    assert set(found(service, "nghị định số 60")) == {"full.md", "short.md", "other-year.md"}


def test_a_reference_is_required_with_the_words_around_it(service):
    assert found(service, "tự chủ tài chính NĐ 60/2021") == ["full.md", "short.md"]
    assert found(service, "phiên họp Nghị định 60") == []


def test_a_letter_suffix_is_part_of_the_number(service):
    for query in ("30c/NQ-CP", "Nghị quyết 30c", "NQ 30c", "nghi quyet so 30c/nq-cp"):
        assert found(service, query) == ["program.md"], query
    assert found(service, "Nghị quyết 30/NQ-CP") == ["thirty.md"]


def test_a_party_number_puts_the_kind_before_the_issuer(service):
    assert found(service, "Kết luận 14-KL/TW") == ["program.md"]
    assert found(service, "Kết luận số 14") == ["program.md"]


def test_an_excluded_reference_excludes_the_citations_agreeing_with_it(service):
    # "Nghị định 60" (short.md) may be 60/2020/NĐ-CP: it goes too.
    assert set(found(service, "tự chủ tài chính -60/2020/NĐ-CP")) == {
        "full.md",
        "numbers.md",
        "other-number.md",
    }


def test_the_reference_is_marked_as_the_document_writes_it(service):
    snippets = {hit.path: hit.snippets for hit in search(service, "60/2021/NĐ-CP").hits}
    assert snippets["full.md"] == [
        "Chính phủ ban hành Nghị định số <mark>60/2021/NĐ-CP</mark> quy định cơ chế tự chủ "
        "tài chính của đơn vị sự nghiệp công lập."
    ]
    bare = {hit.path: hit.snippets for hit in search(service, "Nghị định 60").hits}
    assert "Theo <mark>Nghị định 60</mark>, đơn vị" in bare["short.md"][0]
    assert "<mark>Nghị định số 60</mark>/2021/NĐ-CP" in bare["full.md"][0]


def test_references_are_split_from_the_words_of_a_query():
    texts, references = split_references("tự chủ NĐ 60/2021 đơn vị")
    assert texts == ["tự chủ ", " đơn vị"]
    assert references == [Reference("nd", "60", 2021, None, 7, 17)]


def test_a_full_reference_asks_for_agreeing_citations_closest_first():
    assert reference_query(Reference("nd", "60", 2021, "cp")) == AnyOf(
        (
            Term("docnums", "nd:60/2021@cp", 8.0),
            Term("docnums", "nd:60/2021@-", 4.0),
            Term("docnums", "nd:60/-@cp", 4.0),
            Term("docnums", "nd:60/-@-", 2.0),
        )
    )
    assert reference_query(Reference("nd", "60")) == Term("docnums", "nd:60", 8.0)


def test_highlight_sequences_of_reference_terms():
    def sequences(term):
        return {sequence for source, sequence in highlight_sequences(term) if source == "body"}

    assert sequences("nd:60/2021@cp") == {
        ("60", "2021"),
        ("60", "2021", "nd", "cp"),
        ("60", "2021", "cp"),
    }
    assert sequences("nd:60/-@-") == set()
    assert sequences("kl:14@tw") == {("14", "kl", "tw"), ("14", "tw")}
    assert sequences("nd:60") == {
        ("nd", "60"),
        ("nd", "so", "60"),
        ("nghi", "dinh", "60"),
        ("nghi", "dinh", "so", "60"),
    }
