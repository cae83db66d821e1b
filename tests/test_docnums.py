import unicodedata

import pytest

from indexer.docnums import Reference, find_references, reference_terms
from indexer.schema import DocnumTokenizer


def parts(text: str, query: bool = False) -> list[tuple]:
    return [(r.kind, r.number, r.year, r.issuer) for r in find_references(text, query)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nghị định 60/2021/NĐ-CP", [("nd", "60", 2021, "cp")]),
        ("Nghị định số 60/2021/NĐ-CP", [("nd", "60", 2021, "cp")]),
        ("Nghị định số: 60/2021/NĐ-CP", [("nd", "60", 2021, "cp")]),
        ("NĐ 60/2021", [("nd", "60", 2021, None)]),
        ("60/2021/NĐ-CP", [("nd", "60", 2021, "cp")]),
        ("60/2021/ND-CP", [("nd", "60", 2021, "cp")]),
        ("Nghị định 60", [("nd", "60", None, None)]),
        ("Nghị quyết 30c/NQ-CP", [("nq", "30c", None, "cp")]),
        ("Quyết định số 225/QĐ-TTg", [("qd", "225", None, "ttg")]),
        ("Thông tư 01/2023/TT-BNV", [("tt", "1", 2023, "bnv")]),
        ("Chỉ thị 07/CT-TTg", [("ct", "7", None, "ttg")]),
        ("Kết luận 14-KL/TW", [("kl", "14", None, "tw")]),
        ("Nghị quyết 18-NQ/TW", [("nq", "18", None, "tw")]),
        ("18 - NQ / TW", [("nq", "18", None, "tw")]),
        ("112 / NQ - CP", [("nq", "112", None, "cp")]),
        ("Đề án 36a/QĐ-TTg", [("qd", "36a", None, "ttg")]),  # the code names the kind
        ("Thông tư liên tịch 01/2015/TTLT-BNV-BTC", [("ttlt", "1", 2015, "bnv-btc")]),
        ("Công văn số 123/BNV-CCHC", [("cv", "123", None, "bnv-cchc")]),
        ("Thông báo 45/TB-VPCP", [("tb", "45", None, "vpcp")]),
        (
            "Căn cứ Nghị định 30/2020/NĐ-CP; thay Quyết định 136/2001/QĐ-TTg.",
            [("nd", "30", 2020, "cp"), ("qd", "136", 2001, "ttg")],
        ),
    ],
)
def test_references_in_any_spelling(text, expected):
    assert parts(text) == expected
    assert parts(unicodedata.normalize("NFD", text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ngày 15/7/2021",
        "giai đoạn 2011-2020",
        "Kế hoạch 5 năm 2021-2025",  # a five-year plan
        "các Quyết định 2021 của tỉnh",  # decisions of 2021
        "đạt 26,93% kế hoạch",
        "Kế hoạch 1.200 tỷ đồng",
        "tỷ lệ 5 / 10 - nhiều",
        "nd 60/2021",  # an abbreviation in a document counts only in capitals
    ],
)
def test_what_is_not_a_reference(text):
    assert parts(text) == []


def test_a_dash_after_a_number_is_not_a_code():
    assert parts("Nghị định 60 - về việc") == [("nd", "60", None, None)]
    assert parts("Nghị định 60 - về việc", query=True) == [("nd", "60", None, None)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("nd 60/2021", [("nd", "60", 2021, None)]),
        ("nghi dinh so 60/2021/nd-cp", [("nd", "60", 2021, "cp")]),
        ("30c/nq-cp", [("nq", "30c", None, "cp")]),
    ],
)
def test_a_query_may_be_typed_lowercase_and_without_accents(query, expected):
    assert parts(query, query=True) == expected


def test_the_span_covers_the_kind_and_the_number():
    text = "Căn cứ Nghị định số 60/2021/NĐ-CP của Chính phủ"
    (reference,) = find_references(text)
    assert text[reference.start : reference.end] == "Nghị định số 60/2021/NĐ-CP"
    (coded,) = find_references("theo 60/2021/NĐ-CP")
    assert (coded.start, coded.end) == (5, 18)


def test_index_terms_are_the_generalisations_of_a_citation():
    assert Reference("nd", "60", 2021, "cp").terms() == [
        "nd:60",
        "nd:60/2021",
        "nd:60@cp",
        "nd:60/2021@cp",
    ]
    assert reference_terms("Nghị định 60") == ["nd:60", "nd:60/-", "nd:60@-", "nd:60/-@-"]


def test_the_tokenizer_yields_the_terms():
    text = "Chỉ thị 07/CT-TTg"
    assert [t.text for t in DocnumTokenizer()(text)] == reference_terms(text)
