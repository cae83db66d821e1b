"""The ingestion benchmarks: the PDF libraries' measures (bench/ingest/text_compare) on
literal strings, and bench/ingest/run's folder and scores on articles written for the test
(the real articles stay outside the repository)."""

import os

import pytest

from bench.ingest.articles import Article
from bench.ingest.chrome import leaked, words_of
from bench.ingest.folder import TYPES, ensure_type
from bench.ingest.legacy_files import encode
from bench.ingest.printing import find_chromium
from bench.ingest.score import FileScore, differences, score_type
from bench.ingest.tables import Table, with_table
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


# --- The ingestion benchmark (bench/ingest/run): its folder and its scores ----------------

ARTICLES = [
    Article(
        "train/000001",
        "Tỉnh công bố bộ thủ tục hành chính mới trong lĩnh vực đất đai",
        (
            "Ủy ban nhân dân tỉnh vừa công bố 42 thủ tục hành chính được sửa đổi, bổ sung "
            "trong lĩnh vực đất đai, áp dụng từ ngày 1/7.",
            "Theo quyết định, thời gian giải quyết hồ sơ cấp giấy chứng nhận lần đầu giảm từ "
            "30 ngày xuống còn 20 ngày làm việc, người dân có thể nộp hồ sơ trực tuyến.",
            "Giám đốc Sở Tài nguyên và Môi trường cho biết các bộ phận một cửa cấp huyện đã "
            "được tập huấn để tiếp nhận hồ sơ theo quy trình mới.",
            "Sở Nội vụ sẽ kiểm tra việc niêm yết công khai thủ tục tại trụ sở tiếp dân và trên "
            "cổng dịch vụ công của tỉnh trong quý III.",
        ),
    ),
    Article(
        "val/000002",
        "Huyện sắp xếp lại các phòng chuyên môn, giảm đầu mối",
        (
            "Huyện đã hoàn thành việc sắp xếp các phòng chuyên môn thuộc Ủy ban nhân dân huyện, "
            "giảm từ 13 xuống còn 10 đầu mối.",
            "Việc sắp xếp gắn với rà soát vị trí việc làm, bảo đảm mỗi công chức có bản mô tả "
            "công việc và khung năng lực rõ ràng.",
            "Chủ tịch huyện yêu cầu các phòng sau sáp nhập ổn định tổ chức, không để gián đoạn "
            "việc giải quyết hồ sơ của người dân và doanh nghiệp.",
            "Số biên chế dôi dư sẽ được bố trí lại theo lộ trình đến hết năm sau, ưu tiên các "
            "đơn vị còn thiếu người.",
        ),
    ),
]
HEADLINES = [
    "Thành phố đẩy mạnh chuyển đổi số trong tiếp nhận hồ sơ",
    "Công bố chỉ số hài lòng của người dân năm nay",
    "Hội nghị tổng kết công tác cải cách hành chính",
    "Tỉnh tổ chức thi tuyển công chức cấp xã",
]


NOT_A_ZIP = "not a .docx: not a zip archive (BadZipFile: File is not a zip file)"


def _scored(tmp_path, name: str):
    manifest = ensure_type(tmp_path, TYPES[name], ARTICLES, HEADLINES, seed=1)
    return manifest, score_type(tmp_path, manifest, passes=1)


def _outcomes(result) -> list[tuple[str, bool, str]]:
    return [(bad["file"], bad["skipped"], bad["reason"]) for bad in result.bad]


def test_a_clean_text_file_gives_cer_zero_and_bad_ones_are_skipped(tmp_path):
    manifest, result = _scored(tmp_path, "utf8")
    assert [entry["article"] for entry in manifest["files"]] == ["train/000001", "val/000002"]
    assert [(s.file, s.edits, s.cer) for s in result.scores] == [
        ("utf8/0001-train-000001.txt", 0, 0.0),
        ("utf8/0002-val-000002.txt", 0, 0.0),
    ]
    assert _outcomes(result) == [
        ("utf8/bad-empty.txt", True, "empty file"),
        ("utf8/bad-random-bytes.txt", True, "not a text file (binary content)"),
    ]


def test_pages_in_portal_chrome_index_no_chrome_and_bad_pages_are_skipped(tmp_path):
    manifest, result = _scored(tmp_path, "html")
    assert all(entry["chrome"]["phrases"] for entry in manifest["files"])
    assert [(s.file, s.chrome, s.cer) for s in result.scores] == [
        ("html/0001-train-000001.html", [], 0.0),
        ("html/0002-val-000002.html", [], 0.0),
    ]
    assert (result.read, dict(result.skipped), result.chrome_words) == (2, {}, 0)
    assert _outcomes(result) == [
        ("html/bad-empty.html", True, "empty file"),
        ("html/bad-random-bytes.html", True, "not a web page: binary data"),
        ("html/bad-chrome-only.html", True, "no article text in the web page"),
    ]


def test_a_type_is_made_once_and_then_reused(tmp_path):
    first = ensure_type(tmp_path, TYPES["utf8"], ARTICLES, HEADLINES, seed=1)
    (tmp_path / "utf8" / "kept.flag").write_text("")
    again = ensure_type(tmp_path, TYPES["utf8"], ARTICLES[:1], HEADLINES, seed=2)
    assert (again, (tmp_path / "utf8" / "kept.flag").is_file()) == (first, True)


def test_chrome_counts_only_what_the_article_does_not_say_itself():
    chrome = {"phrases": [["menu", "Trang chủ"], ["menu", "Thời sự"]], "patterns": []}
    chrome["patterns"] = [["page number", r"Trang \d+"]]
    source = "Bản tin Thời sự tối nay"
    extracted = "Trang chủ Thời sự Bản tin Thời sự tối nay Trang 2"
    assert leaked(extracted, source, chrome) == [
        ("menu", "Trang chủ", 1),
        ("menu", "Thời sự", 1),
        ("page number", "Trang 2", 1),
    ]
    assert words_of(leaked(extracted, source, chrome)) == 6


def test_a_table_stands_in_the_expected_text_where_the_file_has_it():
    table = Table((("Chỉ tiêu", "Năm 2016"), ("Hồ sơ trực tuyến", "12.345")), after=1)
    assert with_table("Tiêu đề", ("Mở đầu.", "Thân bài."), table) == (
        "Tiêu đề\nMở đầu.\nChỉ tiêu Năm 2016\nHồ sơ trực tuyến 12.345\nThân bài."
    )


def test_differences_name_the_words_lost_and_added():
    score = FileScore(
        "a.pdf",
        "x",
        "report",
        0,
        0,
        [],
        source="một hai ba bốn năm",
        extracted="một hai BA bốn năm sáu",
    )
    assert differences(score, context=1) == ["…hai [ba → BA] bốn…", "…năm [∅ → sáu] …"]


@pytest.mark.browser
def test_printed_reports_are_read_and_broken_ones_skipped(tmp_path):
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but there is no chromium to print the PDFs", pytrace=False)
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    manifest, result = _scored(tmp_path, "pdf")
    assert (result.read, dict(result.skipped)) == (2, {})
    assert _outcomes(result) == [
        ("pdf/bad-empty.pdf", True, "not a PDF: no %PDF- header"),
        ("pdf/bad-random-bytes.pdf", True, "not a PDF: no %PDF- header"),
        ("pdf/bad-truncated.pdf", True, "truncated PDF: no %%EOF marker at its end"),
        ("pdf/bad-corrupt.pdf", True, "damaged PDF: PDFium cannot read it"),
    ]


def test_a_clean_word_file_gives_cer_zero_and_its_header_and_page_number_stay_out(tmp_path):
    manifest, result = _scored(tmp_path, "docx")
    assert [(s.file, s.edits, s.chrome) for s in result.scores] == [
        ("docx/0001-train-000001.docx", 0, []),
        ("docx/0002-val-000002.docx", 0, []),
    ]
    assert _outcomes(result) == [
        ("docx/bad-empty.docx", True, NOT_A_ZIP),
        ("docx/bad-random-bytes.docx", True, NOT_A_ZIP),
        ("docx/bad-truncated.docx", True, NOT_A_ZIP),
    ]


def test_legacy_text_reads_back_but_for_the_capitals_tcvn3_cannot_write(tmp_path):
    _, vni = _scored(tmp_path, "vni")
    _, tcvn3 = _scored(tmp_path, "tcvn3")
    assert [s.edits for s in vni.scores] == [0, 0]
    # "Ủy ban" of each article: TCVN3 has no toned capitals, the file says "ủy ban".
    assert [s.edits for s in tcvn3.scores] == [1, 1]
    assert [s.title_twice for s in tcvn3.scores] == [False, False]


def test_a_legacy_file_leaves_out_what_neither_table_nor_code_page_holds():
    raw, kept = encode("Việt\u200bNam 中 “x”", "vni")
    assert (raw, kept) == (b"Vie\xe4tNam  \x93x\x94", "ViệtNam  “x”")
