"""Tests for indexer.formats.web_page: saved web pages to text, title, date and address."""

from __future__ import annotations

import datetime
import logging
import random
import unicodedata

import pytest
from vietnamese_bytes import windows_1258_bytes
from web_pages import (
    CHROME,
    HEADLINE,
    PAGES,
    PARAGRAPHS,
    RELATED,
    TODAY_IN_HEADER,
    article_text,
    government_newspaper,
    head,
    provincial_portal,
)

from indexer.corpus import strip_boilerplate
from indexer.document import CorpusError
from indexer.formats import Extracted, Limits
from indexer.formats.web_page import extract_web_page

LIMITS = Limits()


def extract(html: str | bytes, limits: Limits = LIMITS) -> Extracted:
    return extract_web_page(html.encode() if isinstance(html, str) else html, limits)


def refused(raw: bytes) -> str:
    with pytest.raises(CorpusError) as caught:
        extract_web_page(raw, LIMITS)
    return str(caught.value)


def page(body: str, head_html: str = "<head><meta charset='utf-8'></head>") -> str:
    return f"<!DOCTYPE html><html>{head_html}<body>{body}</body></html>"


def article(headline: str = HEADLINE, dateline: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"<article><h1>{headline}</h1>{dateline}{paragraphs}</article>"


# --- The article's text -------------------------------------------------------------------------


def test_a_portal_page_gives_its_article_and_nothing_of_the_chrome():
    assert extract(government_newspaper()) == Extracted(
        text=article_text(),
        title=HEADLINE,
        date=datetime.date(2026, 11, 25),
        date_origin="html:dateline",
        source=None,
        encoding="html utf-8",
    )


# What each shape of page gives beside the article: a byline is the article's; WordPress
# leftovers are what indexer.corpus.strip_boilerplate removes afterwards.
EXPECTED_TEXT = {
    "government newspaper": article_text(),
    "ministry portal": article_text() + "\n\nVụ Cải cách hành chính",
    "provincial portal": article_text(),
    "wordpress auto-post": "[ad_1]\n\n" + article_text() + "\n\nSource link",
    "news site": article_text(),
    "reform portal": article_text(),
}


@pytest.mark.parametrize("shape", sorted(PAGES))
def test_every_shape_of_page_gives_the_article_title_and_date(shape):
    extracted = extract(PAGES[shape]())
    assert (extracted.text, extracted.title, extracted.date) == (
        EXPECTED_TEXT[shape],
        HEADLINE,
        datetime.date(2026, 11, 25),
    )
    assert [word for word in CHROME if word in strip_boilerplate(extracted.text)] == []


def test_boilerplate_stripping_afterwards_removes_the_auto_post_leftovers():
    text = extract(PAGES["wordpress auto-post"]()).text
    assert strip_boilerplate(text) == article_text()


def test_text_is_nfc_whatever_the_page_was_typed_in():
    html = unicodedata.normalize("NFD", page(article()))
    extracted = extract(html)
    assert (extracted.title, extracted.text) == (HEADLINE, "\n\n".join(PARAGRAPHS))


def test_line_breaks_lists_and_tables_stay_lines():
    body = (
        f"<article><h1>{HEADLINE}</h1><p>{PARAGRAPHS[0]}<br>{PARAGRAPHS[1]}</p>"
        "<ul><li>Rà soát thủ tục.</li><li>Số hóa hồ sơ.</li></ul>"
        "<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Một cửa</td><td>100%</td>"
        f"</tr></table><p>{PARAGRAPHS[2]}</p></article>"
    )
    assert extract(page(body)).text == (
        f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n\nRà soát thủ tục.\nSố hóa hồ sơ.\n\n"
        f"Chỉ tiêu | Kết quả\nMột cửa | 100%\n\n{PARAGRAPHS[2]}"
    )


def test_a_long_speech_keeps_every_paragraph_apart():
    paragraphs = [f"Đoạn {number}: {PARAGRAPHS[number % 4]}" for number in range(300)]
    body = f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{text}</p>" for text in paragraphs)
    assert extract(page(body + "</article>")).text == "\n\n".join(paragraphs)


def test_a_long_text_is_cut_after_a_whole_paragraph():
    limit = len(PARAGRAPHS[0]) + 2 + len(PARAGRAPHS[1]) + 10
    extracted = extract(page(article()), Limits(max_text_chars=limit))
    cut = len(PARAGRAPHS[0]) + 2 + len(PARAGRAPHS[1])
    assert (extracted.text, extracted.notes) == (
        f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}",
        (f"text cut at {cut:,} characters (limit {limit:,})",),
    )


# --- Title --------------------------------------------------------------------------------------


def titled(head_html: str, body: str) -> str | None:
    return extract(page(body, f"<head><meta charset='utf-8'>{head_html}</head>")).title


def headless_article() -> str:
    return "<article>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "</article>"


def test_the_headline_is_the_title_not_og_title_nor_the_site_logo():
    body = f"<header><h1 class='logo'>Báo Chính phủ</h1></header>{article()}"
    meta = '<meta property="og:title" content="Tiêu đề khác"><title>Khác - Báo Chính phủ</title>'
    assert titled(meta, body) == HEADLINE


def test_og_title_without_the_site_name_when_there_is_no_headline():
    meta = (
        f'<meta property="og:title" content="{HEADLINE} - Báo Chính phủ">'
        "<title>Trang tin tức</title>"
    )
    assert titled(meta, headless_article()) == HEADLINE


@pytest.mark.parametrize(
    ("head_html", "expected"),
    [
        # og:site_name names the site, whatever its words.
        (
            f'<meta property="og:site_name" content="VnExpress"><title>{HEADLINE} - VnExpress'
            "</title>",
            HEADLINE,
        ),
        (f"<title>{HEADLINE} | Cổng TTĐT tỉnh Hà Giang</title>", HEADLINE),
        (f"<title>{HEADLINE} – baochinhphu.vn</title>", HEADLINE),
        (f"<title>{HEADLINE} - Bộ Nội vụ</title>", HEADLINE),
        (f"<title>Cổng thông tin điện tử Chính phủ | {HEADLINE}</title>", HEADLINE),
        # No site name there: the title is kept whole.
        ("<title>Hợp tác cải cách hành chính Việt Nam - Lào</title>", None),
        ("<title>Tỉnh Hà Giang - điểm sáng cải cách hành chính</title>", None),
    ],
)
def test_the_title_element_without_the_site_name(head_html, expected):
    whole = head_html.split("<title>")[1].split("</title>")[0]
    assert titled(head_html, headless_article()) == (expected or whole)


# --- Date ---------------------------------------------------------------------------------------


def dated(body: str, head_extra: str = "") -> tuple[datetime.date | None, str | None]:
    extracted = extract(page(body, head(extra=head_extra)))
    return extracted.date, extracted.date_origin


def test_the_publication_meta_tag_not_the_update():
    metas = (
        '<meta property="article:published_time" content="2026-11-25T09:15:00+07:00">'
        '<meta property="article:modified_time" content="2026-11-30T16:00:00+07:00">'
    )
    assert dated(article(), metas) == (datetime.date(2026, 11, 25), "html:meta")


def test_an_update_stamp_alone_dates_nothing():
    metas = '<meta property="article:modified_time" content="2026-11-30T16:00:00+07:00">'
    json_ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"dateModified": "2026-11-30T16:00:00+07:00"}</script>'
    )
    assert dated(article(), metas + json_ld) == (None, None)


def test_json_ld_publication_date():
    json_ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2026-11-25T09:15:00+07:00", "dateModified": "2026-11-30"}</script>'
    )
    assert dated(article(), json_ld) == (datetime.date(2026, 11, 25), "html:meta")


@pytest.mark.parametrize(
    "dateline",
    [
        '<div class="detail-time">25/11/2026 09:15</div>',
        "<div class='meta'><time datetime='2026-11-25T09:15:00+07:00'>Hôm qua</time></div>",
        "<p class='post-date'>Thứ Tư, ngày 25 tháng 11 năm 2026</p>",
        "<span>25/11/2026 09:15 (GMT+7)</span>",
        "<div>Đăng ngày 25/11/2026 | Cập nhật 30/11/2026</div>",
    ],
)
def test_the_dateline_next_to_the_headline(dateline):
    assert dated(article(dateline=dateline)) == (datetime.date(2026, 11, 25), "html:dateline")


def chrome_with_dates() -> str:
    """A site header with today's date and a related-news list with dates, around an
    article whose text cites an older date and gives none of its own."""
    related = "".join(
        f"<li><a href='/t'>{title}</a> <span class='date'>{date}</span></li>"
        for title, date in RELATED
    )
    return (
        f"<div class='header'><span class='today'>{TODAY_IN_HEADER}</span>"
        "<a href='/'>Trang chủ</a></div>"
        f"{article()}<div class='box-news'><h3>Tin liên quan</h3><ul>{related}</ul></div>"
    )


def test_dates_of_the_chrome_and_of_the_text_never_date_the_page():
    # htmldate alone reads 2026-11-20 (the related news) or 2026-12-02 (today) here.
    assert dated(chrome_with_dates()) == (None, None)


def test_todays_date_in_a_banner_next_to_a_headless_page_is_not_its_date():
    html = provincial_portal().replace("Ngày đăng: 25/11/2026 | ", "")
    assert (extract(html).date, extract(html).date_origin) == (None, None)


@pytest.mark.parametrize(
    "head_extra",
    [
        '<meta property="article:published_time" content="2126-01-01T00:00:00+07:00">',
        '<meta property="article:published_time" content="1930-05-01T00:00:00+07:00">',
    ],
)
def test_no_date_from_the_future_or_before_1945(head_extra):
    assert dated(article(), head_extra) == (None, None)


def test_a_future_dateline_is_no_date():
    assert dated(article(dateline="<div class='time'>25/11/2126 09:15</div>")) == (None, None)


# --- Source -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head_extra", "expected"),
    [
        (
            '<link rel="canonical" href="https://baochinhphu.vn/a-102261125.htm">'
            '<meta property="og:url" content="https://baochinhphu.vn/other.htm">',
            "https://baochinhphu.vn/a-102261125.htm",
        ),
        (
            '<meta property="og:url" content="https://moha.gov.vn/tin-tuc/a.html">',
            "https://moha.gov.vn/tin-tuc/a.html",
        ),
        (
            '<link rel="canonical" href="javascript:alert(1)">'
            '<meta property="og:url" content="http://caicachhanhchinh.gov.vn/a.aspx">',
            "http://caicachhanhchinh.gov.vn/a.aspx",
        ),
        ('<link rel="canonical" href="/tin-tuc/a.html">', None),
        ('<meta property="og:url" content="file:///etc/passwd">', None),
    ],
)
def test_source_is_the_canonical_http_address(head_extra, expected):
    assert extract(page(article(), head(extra=head_extra))).source == expected


# --- Encodings ----------------------------------------------------------------------------------


def test_a_page_declared_windows_1258():
    charset = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    extracted = extract(windows_1258_bytes(provincial_portal(charset=charset)))
    assert (extracted.text, extracted.title, extracted.encoding, extracted.notes) == (
        article_text(),
        HEADLINE,
        "html cp1258",
        (),
    )


def test_an_undeclared_windows_1258_page_is_guessed_and_said_so():
    extracted = extract(windows_1258_bytes(provincial_portal(charset="")))
    assert (extracted.text, extracted.encoding, extracted.notes) == (
        article_text(),
        "html cp1258",
        ("no encoding declared: read as cp1258",),
    )


def test_utf8_bytes_under_an_old_latin_1_label_are_read_as_utf8():
    html = page(article(), "<head><meta charset='iso-8859-1'></head>")
    extracted = extract(html)
    assert (extracted.title, extracted.encoding, extracted.notes) == (
        HEADLINE,
        "html utf-8",
        ("declared cp1252, but the bytes are UTF-8: read as UTF-8",),
    )


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_decides(encoding):
    extracted = extract(page(article()).encode(encoding))
    assert (extracted.title, extracted.text) == (HEADLINE, "\n\n".join(PARAGRAPHS))


# --- Bad and hostile input ----------------------------------------------------------------------


def test_hostile_markup_never_reaches_the_text_or_the_title():
    body = (
        "<script>document.write('Mã độc trong script')</script>"
        "<style>p { content: 'Mã độc trong style' }</style>"
        f"<article><h1 onclick=\"alert('Mã độc')\">{HEADLINE}<script>alert(1)</script></h1>"
        f"<p onmouseover=\"alert('x')\">{PARAGRAPHS[0]}<img src=x onerror=\"alert('y')\"></p>"
        f"<p>{PARAGRAPHS[1]}<a href=\"javascript:alert('z')\"><img src=x></a></p>"
        "<noscript>Bật JavaScript để xem nội dung.</noscript>"
        "<iframe srcdoc='<p>Mã độc trong iframe</p>'></iframe>"
        "<svg><script>alert('svg')</script></svg><template><p>Mã độc mẫu</p></template>"
        f"<!-- Mã độc trong chú thích --><p>{PARAGRAPHS[2]}</p>"
        f"<![CDATA[ Mã độc CDATA ]]><p>{PARAGRAPHS[3]}</p></article>"
    )
    extracted = extract(page(body))
    assert (extracted.title, extracted.text) == (HEADLINE, "\n\n".join(PARAGRAPHS))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a web page: binary data"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj", "not a web page: no HTML markup"),
        ("Văn bản thường, không có thẻ HTML nào.".encode(), "not a web page: no HTML markup"),
        (b"\xff\xfe\x00\xd8", "not a web page: invalid utf-16 after its byte order mark"),
        (page("").encode(), "no article text in the web page"),
        (
            page(
                "<div class='menu'><a href='/'>Trang chủ</a></div><footer>Giấy phép số 1</footer>"
            ).encode(),
            "no article text in the web page",
        ),
    ],
)
def test_what_is_not_a_page_with_an_article_is_refused_with_a_reason(raw, reason):
    assert refused(raw) == reason


def test_random_bytes_are_refused():
    generator = random.Random(12)
    for _ in range(20):
        raw = bytes(generator.randrange(256) for _ in range(2000))
        assert refused(raw) in ("not a web page: binary data", "not a web page: no HTML markup")


def test_markup_nested_past_the_parsers_depth_is_refused():
    deep = "<div>" * 5000 + article() + "</div>" * 5000
    assert refused(page(deep).encode()) == "HTML nested deeper than 255 levels"


def test_the_libraries_log_nothing_an_application_would_show(capsys):
    """Their messages ("discarding data") say what the skipped file's reason says."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        refused(page("<div>Trang chủ</div>").encode())
        extract(government_newspaper())
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert ([record.name for record in records], capsys.readouterr().err) == ([], "")


def test_a_lead_the_article_prints_again_further_down_still_opens_the_text():
    from web_pages import LEAD

    page = government_newspaper().replace(
        f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>{LEAD}</p>"
    )
    text = extract_web_page(page.encode(), Limits()).text
    assert text.split("\n\n")[0] == LEAD


def test_a_paragraph_the_page_prints_twice_stays_twice():
    caption = "Đại biểu dự hội nghị tổng kết công tác cải cách hành chính năm 2025 tại Hà Nội."
    page = government_newspaper().replace(
        f"<p>{PARAGRAPHS[0]}</p>", f"<p>{caption}</p><p>{PARAGRAPHS[0]}</p>"
    )
    page = page.replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>{caption}</p>")
    text = extract_web_page(page.encode(), Limits()).text
    assert text.split("\n\n").count(caption) == 2
    assert "\ue000" not in text and "\ue001" not in text
