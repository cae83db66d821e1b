"""A folder of documents as people hold them (saved web pages, text with a curator's
sidecar), indexed, searched and downloaded again through the web app."""

import contextlib
import datetime
import html
import json
import time

import docx
import pytest
import web_pages
from browser_support import chromium_or_skip
from test_pdf_file import hand_built
from vietnamese_bytes import legacy_bytes, legacy_form

import indexer.formats as formats
from bench.ingest.printing import print_to_pdf
from indexer.corpus import read_document, scan_corpus
from indexer.document import CorpusError
from indexer.formats import Limits, extract_file
from indexer.writer import index_corpus
from search_app import create_app
from search_app.engine.service import SearchRequest, SearchService

NOTICE = (
    "Thông báo kết luận của Bộ trưởng về công tác tinh giản biên chế\n\n"
    "Bộ trưởng Bộ Nội vụ Trần Quang Huy chủ trì cuộc họp về tinh giản biên chế công chức.\n"
)
SIDECAR = (
    "title: Kết luận về tinh giản biên chế\n"
    "date: 2016-05-14\n"
    "leaders: [Trần Quang Huy]\n"
    "source: https://moha.gov.vn/tin/ket-luan\n"
)


@pytest.fixture
def folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "web").mkdir(parents=True)
    (corpus / "web" / "bao-chinh-phu.html").write_text(
        web_pages.government_newspaper(
            head_html=web_pages.head(
                extra='<link rel="canonical" href="https://baochinhphu.vn/bai-102.htm">'
                '<meta property="article:published_time" content="2026-11-25T09:15:00+07:00">'
            )
        ),
        "utf-8",
    )
    (corpus / "thong-bao.txt").write_text(NOTICE, "utf-8")
    (corpus / "thong-bao.txt.yaml").write_text(SIDECAR, "utf-8")
    return corpus


def documents(index_dir) -> dict[str, dict]:
    service = SearchService(index_dir)
    try:
        return {doc["path"]: doc for doc in service.documents()}
    finally:
        service.close()


def test_a_saved_web_page_is_indexed_as_its_article_with_its_own_date_and_address(folder, tmp_path):
    report = index_corpus(folder, tmp_path / "index")
    assert report.skipped == []
    page = documents(tmp_path / "index")["web/bao-chinh-phu.html"]
    assert page["title"] == web_pages.HEADLINE
    assert (page["date"], page["source"]) == ("2026-11-25", "https://baochinhphu.vn/bai-102.htm")
    assert (page["origins"]["date"], page["origins"]["source"]) == ("file_metadata",) * 2
    service = SearchService(tmp_path / "index")
    try:
        hits = service.search(SearchRequest(query='"giấy phép con" OR "1.200 quy định"')).hits
        assert [hit.path for hit in hits] == ["web/bao-chinh-phu.html"]
        for chrome in ("Đăng nhập", "Tin liên quan", "cookie"):
            assert service.search(SearchRequest(query=f'"{chrome}"')).total == 0, chrome
    finally:
        service.close()


def test_a_sidecar_wins_field_by_field_and_says_so(folder, tmp_path):
    index_corpus(folder, tmp_path / "index")
    notice = documents(tmp_path / "index")["thong-bao.txt"]
    assert (notice["title"], notice["date"], notice["year"]) == (
        "Kết luận về tinh giản biên chế",
        "2016-05-14",
        2016,
    )
    assert notice["periods"] == ["2011-2020"]
    assert notice["source"] == "https://moha.gov.vn/tin/ket-luan"
    assert {key: notice["origins"][key] for key in ("title", "date", "year", "leaders")} == {
        "title": "sidecar",
        "date": "sidecar",
        "year": "sidecar",
        "leaders": "sidecar",
    }
    assert notice["origins"]["topics"] == "extracted"  # not in the sidecar: from the text


def test_editing_only_the_sidecar_reindexes_that_document(folder, tmp_path):
    index_corpus(folder, tmp_path / "index")
    (folder / "thong-bao.txt.yaml").write_text(SIDECAR.replace("2016-05-14", "2022-01-05"))
    report = index_corpus(folder, tmp_path / "index")
    assert (report.updated, report.unchanged) == (["thong-bao.txt"], 1)
    assert documents(tmp_path / "index")["thong-bao.txt"]["year"] == 2022
    (folder / "thong-bao.txt.yaml").unlink()
    assert index_corpus(folder, tmp_path / "index").updated == ["thong-bao.txt"]
    notice = documents(tmp_path / "index")["thong-bao.txt"]
    assert (notice["title"], notice["year"]) == (NOTICE.split("\n")[0], None)


def test_a_broken_sidecar_skips_the_file_with_its_reason_and_keeps_what_was_indexed(
    folder, tmp_path
):
    index_corpus(folder, tmp_path / "index")
    (folder / "thong-bao.txt.yaml").write_text("title: [không đóng\n")
    report = index_corpus(folder, tmp_path / "index")
    assert [path for path, _ in report.skipped] == ["thong-bao.txt"]
    assert report.skipped[0][1].startswith("broken sidecar thong-bao.txt.yaml: ")
    assert documents(tmp_path / "index")["thong-bao.txt"]["year"] == 2016


def test_a_sidecar_without_its_document_is_reported(folder):
    (folder / "da-xoa.pdf.yaml").write_text("year: 2015\n")
    scan = scan_corpus(folder)
    assert scan.skipped == [("da-xoa.pdf.yaml", "sidecar without its document: no da-xoa.pdf")]


def test_a_sidecar_with_a_wrong_value_is_refused_like_front_matter(folder):
    (folder / "thong-bao.txt.yaml").write_text("topics: [không-có]\n")
    source = read_document(folder, folder / "thong-bao.txt")
    assert source.sidecar == {"topics": ["không-có"]}
    from indexer.metadata import metadata_of

    with pytest.raises(CorpusError, match="unknown topic id"):
        metadata_of(source, source.body)


# --- The original file -------------------------------------------------------------------


@pytest.fixture
def app_over(folder, tmp_path):
    index_corpus(folder, tmp_path / "index")
    app = create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(tmp_path / "index")})
    return app, documents(tmp_path / "index")


def test_the_document_page_links_to_the_original_and_it_is_sent_as_it_is(folder, app_over):
    app, docs = app_over
    client = app.test_client()
    page = docs["web/bao-chinh-phu.html"]
    html = client.get(f"/doc/{page['id']}").get_data(as_text=True)
    assert f'href="/doc/{page["id"]}/original"' in html
    response = client.get(f"/doc/{page['id']}/original")
    sent = response.get_data()
    response.close()  # as a WSGI server does once it is sent: the file is closed then
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html"
    assert response.headers["Content-Disposition"] == "attachment; filename=bao-chinh-phu.html"
    assert response.headers["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; frame-ancestors 'none'"
    )
    assert sent == (folder / "web" / "bao-chinh-phu.html").read_bytes()
    assert response.content_length == len(sent)
    api = json.loads(client.get(f"/api/doc/{page['id']}").data)
    assert api["original_url"] == f"http://localhost/doc/{page['id']}/original"


@pytest.mark.parametrize(
    "doc_id", ["..%2F..%2Fetc%2Fpasswd", "thong-bao.txt", "%2Fetc%2Fpasswd", "khong-co-1234"]
)
def test_the_original_is_found_by_id_only(app_over, doc_id):
    app, _ = app_over
    assert app.test_client().get(f"/doc/{doc_id}/original").status_code == 404


def test_an_original_gone_from_the_folder_is_a_404_with_a_message(folder, app_over):
    app, docs = app_over
    (folder / "thong-bao.txt").unlink()
    response = app.test_client().get(f"/doc/{docs['thong-bao.txt']['id']}/original")
    assert response.status_code == 404
    assert "Tệp gốc không còn trong thư mục tài liệu." in response.get_data(as_text=True)


def test_a_link_swapped_in_for_the_original_is_not_followed(folder, tmp_path, app_over):
    app, docs = app_over
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu")
    (folder / "thong-bao.txt").unlink()
    (folder / "thong-bao.txt").symlink_to(secret)
    response = app.test_client().get(f"/doc/{docs['thong-bao.txt']['id']}/original")
    assert response.status_code == 404
    assert "mật khẩu" not in response.get_data(as_text=True)


# --- Limits ------------------------------------------------------------------------------


def test_a_file_that_takes_too_long_is_skipped_with_its_reason(monkeypatch):
    def endless(raw, limits):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(formats, "_extractor", lambda suffix: endless)
    with pytest.raises(CorpusError, match=r"^took longer than 0.2 s to read: skipped$"):
        extract_file(".pdf", b"%PDF", Limits(seconds=0.2))


def test_a_library_that_catches_every_exception_is_still_stopped(monkeypatch):
    def swallowing(raw, limits):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # what a lenient parser does
                time.sleep(0.01)
        return formats.Extracted(text="never")

    monkeypatch.setattr(formats, "_extractor", lambda suffix: swallowing)
    with pytest.raises(CorpusError, match="took longer than"):
        extract_file(".html", b"<html>", Limits(seconds=0.2))


def test_each_type_has_its_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_MAX_HTML_MB", "0.001")
    page = tmp_path / "lon.html"
    page.write_text(web_pages.government_newspaper(), "utf-8")
    with pytest.raises(CorpusError, match=r"^file too large \(.* > 1 KB limit\)$"):
        read_document(tmp_path, page)
    (tmp_path / "nho.txt").write_text(NOTICE * 10, "utf-8")
    assert read_document(tmp_path, tmp_path / "nho.txt").title.startswith("Thông báo")


def test_the_date_a_page_states_is_kept_as_a_date(folder):
    source = read_document(folder, folder / "web" / "bao-chinh-phu.html")
    assert source.facts.date == datetime.date(2026, 11, 25)


# --- PDF, Word and legacy encodings in one folder -----------------------------------------

REPORT = (
    "Báo cáo kết quả cải cách hành chính năm 2015",
    "Năm 2015, tỉnh đã rà soát và đơn giản hóa 312 thủ tục hành chính.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98 phần trăm.",
)


@pytest.fixture
def mixed_folder(tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "bao-cao-2015.txt").write_bytes(legacy_bytes("\n\n".join(REPORT), "TCVN3"))
    document = docx.Document()
    document.add_heading("Kế hoạch chuyển đổi số năm 2024", level=1)
    document.add_paragraph("Mục tiêu: 80 phần trăm dịch vụ công trực tuyến toàn trình.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Chỉ tiêu", "Mức"), ("Hồ sơ số hóa", "90")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.save(corpus / "ke-hoach.docx")
    return corpus


def test_tcvn3_text_and_a_word_plan_are_searchable_in_unicode(mixed_folder, tmp_path):
    report = index_corpus(mixed_folder, tmp_path / "index")
    assert report.skipped == []
    assert report.notes == [
        ("bao-cao-2015.txt", "not UTF-8: decoded as TCVN3 (ABC), converted to Unicode")
    ]
    docs = documents(tmp_path / "index")
    assert docs["bao-cao-2015.txt"]["title"] == REPORT[0]
    assert docs["ke-hoach.docx"]["title"] == "Kế hoạch chuyển đổi số năm 2024"
    service = SearchService(tmp_path / "index")
    try:
        found = {
            query: [hit.path for hit in service.search(SearchRequest(query=query)).hits]
            for query in ('"đơn giản hóa 312 thủ tục"', '"hồ sơ số hóa"', "don gian hoa")
        }
    finally:
        service.close()
    assert found == {
        '"đơn giản hóa 312 thủ tục"': ["bao-cao-2015.txt"],
        '"hồ sơ số hóa"': ["ke-hoach.docx"],
        "don gian hoa": ["bao-cao-2015.txt"],
    }


@pytest.mark.browser
def test_a_printed_pdf_and_one_in_a_legacy_font_are_indexed_as_their_text(tmp_path):
    chromium = chromium_or_skip()
    corpus = tmp_path / "pdf"
    corpus.mkdir()
    page = "<html><meta charset='utf-8'><body>{}</body></html>"

    def report_page(lines):
        title, *paragraphs = map(html.escape, lines)
        return page.format(f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))

    unicode_html = report_page(REPORT)
    legacy_html = report_page([legacy_form(line, "TCVN3") for line in REPORT])
    print_to_pdf(chromium, unicode_html, corpus / "bao-cao.pdf")
    print_to_pdf(chromium, legacy_html, corpus / "bao-cao-abc.pdf")
    report = index_corpus(corpus, tmp_path / "index")
    assert (report.skipped, report.notes) == ([], [("bao-cao-abc.pdf", "converted from TCVN3")])
    docs = documents(tmp_path / "index")
    assert {path: doc["title"] for path, doc in docs.items()} == {
        "bao-cao.pdf": REPORT[0],
        "bao-cao-abc.pdf": REPORT[0],
    }
    app = create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(tmp_path / "index")})
    response = app.test_client().get(f"/doc/{docs['bao-cao.pdf']['id']}/original")
    sent = response.get_data()
    response.close()
    assert (response.headers["Content-Type"], sent) == (
        "application/pdf",
        (corpus / "bao-cao.pdf").read_bytes(),
    )
    assert response.headers["Content-Disposition"] == "inline; filename=bao-cao.pdf"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )


@pytest.mark.parametrize(
    ("name", "damage", "reason"),
    [
        ("ke-hoach.docx", b"PK\x03\x04 cut short", "not a .docx"),
        ("bao-cao.pdf", b"%PDF-1.7\n1 0 obj", "truncated PDF"),
        ("trang.html", b"\x00\x01\x02\xff" * 64, "binary"),
    ],
)
def test_a_file_broken_since_it_was_indexed_keeps_its_indexed_version(
    mixed_folder, tmp_path, name, damage, reason
):
    # A PDF whose font has no Unicode map, as legacy fonts do: its TCVN3 codes converted.
    (mixed_folder / "bao-cao.pdf").write_bytes(
        hand_built(legacy_bytes("Báo cáo tổng kết năm 2019", "TCVN3"))
    )
    (mixed_folder / "trang.html").write_text(web_pages.government_newspaper(), "utf-8")
    first = index_corpus(mixed_folder, tmp_path / "index")
    assert first.skipped == []
    assert documents(tmp_path / "index")["bao-cao.pdf"]["title"] == "Báo cáo tổng kết năm 2019"
    before = documents(tmp_path / "index")[name]
    (mixed_folder / name).write_bytes(damage)
    second = index_corpus(mixed_folder, tmp_path / "index")
    assert [path for path, _ in second.skipped] == [name]
    assert reason in second.skipped[0][1]
    assert (second.updated, second.removed) == ([], [])
    assert documents(tmp_path / "index")[name] == before


def test_a_page_saved_as_htm_reads_as_the_same_page_saved_as_html(folder):
    page = (folder / "web" / "bao-chinh-phu.html").read_bytes()
    (folder / "web" / "ban-sao.htm").write_bytes(page)
    html_page = read_document(folder, folder / "web" / "bao-chinh-phu.html")
    htm_page = read_document(folder, folder / "web" / "ban-sao.htm")
    assert (htm_page.title, htm_page.body, htm_page.facts) == (
        html_page.title,
        html_page.body,
        html_page.facts,
    )


def test_vni_text_is_read_as_unicode(tmp_path):
    vni = legacy_bytes("\n\n".join(REPORT), "VNI")
    (tmp_path / "vni.txt").write_bytes(vni)
    source = read_document(tmp_path, tmp_path / "vni.txt")
    assert (source.title, source.encoding) == (REPORT[0], "vni")
    assert source.body == "\n\n".join(REPORT[1:])


def test_a_title_the_file_states_is_not_repeated_as_the_bodys_first_line(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Kế hoạch cải cách hành chính năm 2024"
    document.add_heading("Kế hoạch cải cách hành chính năm 2024", level=1)
    document.add_paragraph("Mục tiêu: giảm 20 phần trăm thời gian giải quyết thủ tục.")
    document.save(tmp_path / "ke-hoach.docx")
    source = read_document(tmp_path, tmp_path / "ke-hoach.docx")
    assert (source.title, source.body) == (
        "Kế hoạch cải cách hành chính năm 2024",
        "Mục tiêu: giảm 20 phần trăm thời gian giải quyết thủ tục.",
    )
