"""extract_pdf on PDFs made here: two printed by the system's Chromium from literal
Vietnamese (skipped without Chromium, except with CI=true), the rest written directly."""

from __future__ import annotations

import io

import pytest
from browser_support import chromium_or_skip
from pypdf import PdfReader, PdfWriter

from bench.ingest.printing import print_to_pdf
from indexer.document import CorpusError
from indexer.formats import Extracted, Limits
from indexer.formats.pdf_file import (
    DAMAGED,
    NEEDS_PASSWORD,
    NO_TEXT_LAYER,
    NOT_A_PDF,
    TRUNCATED,
    UnreadableText,
    extract_pdf,
    meaningful_title,
)
from indexer.formats.readable_text import UNREADABLE

REPORT_TITLE = "Báo cáo kết quả cải cách hành chính năm 2023"
REPORT_PAGES = (
    (
        "Năm 2023, Ủy ban nhân dân tỉnh đã rà soát, đơn giản hoá 126 thủ tục hành chính, "
        "cắt giảm 30% thời gian giải quyết hồ sơ và công khai toàn bộ quy trình nội bộ trên "
        "Cổng dịch vụ công của tỉnh để người dân, doanh nghiệp theo dõi.",
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 45,5%.",
    ),
    ("Phương hướng năm 2024: tiếp tục số hoá hồ sơ, kết quả giải quyết thủ tục hành chính.",),
)
RUNNING_HEADER = "UBND TỈNH BẮC NINH · Báo cáo số 12/BC-UBND"
REPORT_HTML = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{REPORT_TITLE}</title><style>
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{RUNNING_HEADER}"; font-size: 9pt; }}
  @bottom-center {{ content: "Trang " counter(page); font-size: 9pt; }} }}
body {{ font-family: "DejaVu Serif", serif; font-size: 13pt; }}
</style></head><body>
<h1>{REPORT_TITLE}</h1>
{"".join(f"<p>{p}</p>" for p in REPORT_PAGES[0])}
<p style="break-before: page">{REPORT_PAGES[1][0]}</p>
</body></html>"""

TABLE_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><style>
body { font-family: "DejaVu Serif", serif; font-size: 12pt; }
table { border-collapse: collapse; } th, td { border: 1px solid #000; padding: 4px 8px; }
</style></head><body>
<p>Bảng 1. Kết quả thực hiện nhiệm vụ năm 2023</p>
<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Kết quả</th></tr>
<tr><td>1</td><td>Rà soát, đơn giản hoá thủ tục hành chính</td><td>126 thủ tục</td></tr>
<tr><td>2</td><td>Cung cấp dịch vụ công trực tuyến toàn trình</td><td>45,5%</td></tr></table>
<p>Các chỉ tiêu đều đạt kế hoạch.</p>
</body></html>"""


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """The two Chromium-printed PDFs, as bytes: {"report": ..., "table": ...}."""
    chromium = chromium_or_skip()
    folder = tmp_path_factory.mktemp("pdf")
    pages = {"report": REPORT_HTML, "table": TABLE_HTML}
    return {
        name: print_to_pdf(chromium, html, folder / f"{name}.pdf").read_bytes()
        for name, html in pages.items()
    }


def written(pages: int = 1, **encrypt) -> bytes:
    """A PDF of blank pages, written by pypdf (encrypted when given passwords)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if encrypt:
        writer.encrypt(**encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hand_built(text: bytes, title: bytes = b"") -> bytes:
    """One page showing ``text`` in Helvetica with no Unicode map: its bytes are read as
    WinAnsi, as a legacy Vietnamese font's codes are by a reader without the font."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + title + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- Printed by Chromium --------------------------------------------------------------


@pytest.mark.browser
def test_two_page_report_without_header_or_page_numbers(printed):
    assert extract_pdf(printed["report"], Limits()) == Extracted(
        text="\n\n".join([REPORT_TITLE, *REPORT_PAGES[0], *REPORT_PAGES[1]]),
        title=REPORT_TITLE,
        encoding="pdf",
    )


@pytest.mark.browser
def test_table_rows_are_paragraphs_and_a_file_name_is_no_title(printed):
    # Without a <title>, Chromium writes the file's name as the PDF's title.
    assert PdfReader(io.BytesIO(printed["table"])).metadata.title.endswith(".html")
    assert extract_pdf(printed["table"], Limits()) == Extracted(
        text="Bảng 1. Kết quả thực hiện nhiệm vụ năm 2023\n\n"
        "STT Nhiệm vụ Kết quả\n\n"
        "1 Rà soát, đơn giản hoá thủ tục hành chính 126 thủ tục\n\n"
        "2 Cung cấp dịch vụ công trực tuyến toàn trình 45,5%\n\n"
        "Các chỉ tiêu đều đạt kế hoạch.",
        title=None,
        encoding="pdf",
    )


@pytest.mark.browser
def test_text_is_cut_at_the_limit_with_a_note(printed):
    extracted = extract_pdf(printed["report"], Limits(max_text_chars=20))
    assert (extracted.text, extracted.notes) == (REPORT_TITLE[:20], ("text cut at 20 characters",))


@pytest.mark.browser
def test_a_pdf_locked_against_copying_only_is_read(printed):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(printed["report"])))
    writer.encrypt(user_password="", owner_password="chủ sở hữu", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    assert (
        extract_pdf(out.getvalue(), Limits()).text == extract_pdf(printed["report"], Limits()).text
    )


@pytest.mark.browser
def test_truncated_pdf_is_refused(printed):
    for cut in (len(printed["report"]) // 2, len(printed["report"]) - 10):
        with pytest.raises(CorpusError) as refused:
            extract_pdf(printed["report"][:cut], Limits())
        assert str(refused.value) == TRUNCATED


# --- Written directly -----------------------------------------------------------------


def test_pdf_needing_a_password_is_refused():
    with pytest.raises(CorpusError) as refused:
        extract_pdf(written(user_password="mật khẩu", owner_password="x"), Limits())
    assert str(refused.value) == NEEDS_PASSWORD == "encrypted PDF: a password is needed to open it"


def test_blank_pages_have_no_text_layer():
    with pytest.raises(CorpusError) as refused:
        extract_pdf(written(pages=3), Limits())
    assert str(refused.value) == NO_TEXT_LAYER == "no text layer (scanned?)"


def test_ten_thousand_pages_are_refused_by_their_count():
    with pytest.raises(CorpusError) as refused:
        extract_pdf(written(pages=10_000), Limits(max_pages=2000))
    assert str(refused.value) == "PDF of 10,000 pages: more than the limit of 2,000"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", NOT_A_PDF),
        (b"PK\x03\x04 a zip file", NOT_A_PDF),
        (b"%PDF-1.7\nnothing here at all\n%%EOF\n", DAMAGED),
    ],
)
def test_what_is_not_a_whole_pdf_is_refused(raw, reason):
    with pytest.raises(CorpusError) as refused:
        extract_pdf(raw, Limits())
    assert str(refused.value) == reason


def test_legacy_font_mojibake_is_refused_with_its_text_for_conversion():
    # "Cộng hoà xã hội chủ nghĩa Việt Nam" in TCVN3 codes.
    raw = hand_built(b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam")
    with pytest.raises(UnreadableText) as refused:
        extract_pdf(raw, Limits())
    assert str(refused.value) == UNREADABLE
    assert refused.value.extracted == Extracted(
        text="Céng hoµ x· héi chñ nghÜa ViÖt Nam", title=None, encoding="pdf"
    )


def test_english_with_numbers_passes_with_its_title():
    raw = hand_built(b"Report 2023: 45.5% of 1,200 procedures simplified.", b"Annual reform report")
    assert extract_pdf(raw, Limits()) == Extracted(
        text="Report 2023: 45.5% of 1,200 procedures simplified.",
        title="Annual reform report",
        encoding="pdf",
    )


@pytest.mark.parametrize(
    ("value", "title"),
    [
        (
            "Báo cáo tổng kết công tác cải cách hành chính",
            "Báo cáo tổng kết công tác cải cách hành chính",
        ),
        ("  Kế hoạch\n cải cách  ", "Kế hoạch cải cách"),
        ("Microsoft Word - bao cao 2023.doc", None),
        ("bao-cao-cchc-2023.pdf", None),
        ("page.html", None),
        ("Untitled", None),
        ("Document1", None),
        ("https://example.gov.vn/bao-cao", None),
        ("Céng hoµ x· héi chñ nghÜa", None),
        ("", None),
        (None, None),
    ],
)
def test_meaningful_title(value, title):
    assert meaningful_title(value) == title
