import pytest

from search_app.engine.suggest import Speller, suggest

SPELLINGS = {
    ("cach", "mang"): "cách mạng",
    ("cong", "nghiep"): "công nghiệp",
    ("chinh", "phu"): "chính phủ",
    ("so",): "số",
    ("ke", "hoach"): "kế hoạch",
    ("ngay",): "ngày",
    ("nghi", "dinh"): "nghị định",
    ("tu", "chu"): "tự chủ",
    ("giai", "ngan"): "giải ngân",
    ("ty",): "tỷ",
    ("dong",): "đồng",
}
SYLLABLES = {s for key in SPELLINGS for s in key}


def speller() -> Speller:
    return Speller(SPELLINGS.get, SYLLABLES.__contains__, lambda syllable: [])


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("cach mang cong nghiep 4.0 chinh phu so", "cách mạng công nghiệp 4.0 chính phủ số"),
        ("ke hoach ngay 15/7/2021", "kế hoạch ngày 15/7/2021"),
        ("ke hoach ngay 01-07-2019", "kế hoạch ngày 01-07-2019"),
        ("giai ngan 1.200 ty dong", "giải ngân 1.200 tỷ đồng"),
        ("nghi dinh 60/2021/NĐ-CP tu chu", "nghị định 60/2021/NĐ-CP tự chủ"),
        ("nghi dinh 30c/NQ-CP", "nghị định 30c/NQ-CP"),
    ],
)
def test_numbers_dates_and_document_numbers_come_back_as_typed(typed, expected):
    assert suggest(typed, speller()) == expected


def test_nothing_to_suggest_for_a_number_alone_or_accents_typed():
    assert suggest("60/2021/NĐ-CP", speller()) is None
    assert suggest("chính phủ số 4.0", speller()) is None


def test_the_service_suggests_the_accents_and_keeps_the_numbers(tmp_path):
    from indexer.writer import index_corpus
    from search_app.engine.service import SearchRequest, SearchService

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cong-nghiep.md").write_text(
        "# Cách mạng công nghiệp 4.0\n\nCách mạng công nghiệp 4.0 và chính phủ số: kế hoạch "
        "ngày 15/7/2021 theo Nghị định 60/2021/NĐ-CP.\n",
        "utf-8",
    )
    index_corpus(corpus, tmp_path / "index")
    with SearchService(tmp_path / "index") as service:
        for typed, expected in (
            ("cach mang cong nghiep 4.0 chinh phu so", "cách mạng công nghiệp 4.0 chính phủ số"),
            ("ke hoach ngay 15/7/2021", "kế hoạch ngày 15/7/2021"),
        ):
            suggestion = service.search(SearchRequest(query=typed)).suggestion
            assert (suggestion.query if suggestion else None) == expected
