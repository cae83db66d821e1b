"""Queries as people type them: accents on some words only, whole questions."""

import pytest
from conftest import index_of

from search_app.engine.query import Unit, parse_query
from search_app.engine.service import SearchRequest, SearchService

DOCUMENTS = {
    "cai-cach.txt": (
        "Đẩy mạnh cải cách hành chính năm 2024\n\n"
        "Chính phủ đã cắt giảm 1.200 thủ tục hành chính và quy định kinh doanh. "
        "Công tác cải cách hành chính được các bộ, ngành triển khai quyết liệt."
    ),
    "hanh-cung.txt": (
        "Hành cung Lỗ Giang, bí ẩn cung điện 700 năm\n\n"
        "Cách đây 700 năm, hành cung được dựng bên sông. Người dân cai quản khu đất chính "
        "giữa làng; cách hành hương đến đây rất đông."
    ),
    "chinh-phu-so.txt": (
        "Chính phủ số phục vụ người dân\n\n"
        "Chính phủ điện tử hướng tới chính phủ số: dịch vụ công trực tuyến toàn trình."
    ),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    with SearchService(index_of(tmp_path_factory, DOCUMENTS, "typed")) as service:
        yield service


def paths(service, query: str) -> list[str]:
    return [hit.path for hit in service.search(SearchRequest(query=query)).hits]


@pytest.mark.parametrize(
    "query", ["cai cách hành chinh", "cải cach hành chinh", "cai cach hành chính"]
)
def test_accents_on_some_words_find_what_the_accented_query_finds(service, query):
    assert paths(service, "cải cách hành chính") == ["cai-cach.txt"]
    assert paths(service, query) == ["cai-cach.txt"]


def test_a_number_between_half_accented_words_stays_a_word_of_its_own(service):
    accented = paths(service, "cải cách 1.200 thủ tục")
    assert paths(service, "cai cách 1.200 thu tục") == accented == ["cai-cach.txt"]
    assert paths(service, "chinh phủ số") == paths(service, "chính phủ số") == ["chinh-phu-so.txt"]


@pytest.mark.parametrize(
    "query",
    [
        "Chính phủ đã cắt giảm bao nhiêu thủ tục hành chính?",
        "chinh phu da cat giam bao nhieu thu tuc hanh chinh",
        "tài liệu nói về cải cách hành chính",
        "cải cách hành chính là gì",
    ],
)
def test_a_question_is_searched_for_its_other_words(service, query):
    assert paths(service, query) == ["cai-cach.txt"]


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("làm thế nào để đẩy mạnh chính phủ điện tử", "đẩy mạnh chính phủ điện tử"),
        ("lam the nao de day manh chinh phu dien tu", "day manh chinh phu dien tu"),
        ("Có phải TTHC đã giảm 20% không", "TTHC đã giảm 20%"),
        ("thế nào", "thế nào"),  # nothing else: searched as typed
        ("bao nhiêu thủ tục", "thủ tục"),
        ("có thể đổi giấy phép lái xe qua mạng không?", "đổi giấy phép lái xe qua mạng"),
        ("những xã phường nào sẽ bị sáp nhập", "xã phường sẽ bị sáp nhập"),
        ("hồ sơ không giấy tờ", "hồ sơ không giấy tờ"),  # "không" asks only at the end
    ],
)
def test_question_words_are_taken_out_of_the_words_that_must_match(typed, searched):
    assert parse_query(typed).groups == [[Unit(searched)]]


def test_a_quoted_phrase_keeps_its_question_words():
    assert parse_query('"thế nào là chính phủ số"').groups == [
        [Unit("thế nào là chính phủ số", phrase=True)]
    ]


DECREE_DOCUMENTS = {
    "nghi-dinh.txt": (
        "Triển khai Nghị định số 60/2021/NĐ-CP\n\n"
        "Các bộ đẩy mạnh cải cách thủ tục theo Nghị định số 60/2021/NĐ-CP về tự chủ tài chính."
    ),
    "giay-phep.txt": (
        "Cắt giảm giấy phép con\n\nCải cách thủ tục, cắt giảm giấy phép con cho doanh nghiệp."
    ),
    "khac.txt": "Tin khác\n\nThời tiết hôm nay đẹp.",
}


@pytest.fixture(scope="module")
def decree_service(tmp_path_factory):
    with SearchService(index_of(tmp_path_factory, DECREE_DOCUMENTS, "decree")) as service:
        yield service


def test_partial_matching_never_drops_a_document_number(decree_service):
    result = decree_service.search(
        SearchRequest(query="NĐ 60/2021 đẩy mạnh cải cách thủ tục giấy phép con")
    )
    assert [(hit.path, hit.missing) for hit in result.hits] == [
        ("nghi-dinh.txt", ["giấy phép", "con"])
    ]
    assert result.notices == ["partial_matches"]
