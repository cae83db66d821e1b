"""Tests for indexer.corpus: finding, decoding and cleaning corpus files."""

from __future__ import annotations

import codecs
import datetime
import errno
import hashlib
import os
import socket
import threading
import unicodedata
from pathlib import Path

import pytest
from vietnamese_bytes import windows_1258_form

from indexer.corpus import (
    FRONT_MATTER_MAX_DEPTH,
    LINK_CHANGED,
    MAX_FILE_BYTES,
    OUTSIDE_LINK,
    CorpusScan,
    decoding_note,
    iter_corpus,
    looks_vietnamese,
    read_document,
    scan_corpus,
    strip_boilerplate,
)
from indexer.document import MAX_REASON_CHARS, CorpusError, SourceDocument

REPO_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

SENTENCE = "Thủ tướng Phạm Minh Chính chủ trì hội nghị về cải cách thủ tục hành chính."


def write(root: Path, name: str, content: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read(root: Path, name: str, content: bytes | str, **kwargs) -> SourceDocument:
    return read_document(root, write(root, name, content), **kwargs)


def corpus_error(root: Path, name: str, content: bytes | str, **kwargs) -> str:
    with pytest.raises(CorpusError) as caught:
        read(root, name, content, **kwargs)
    return str(caught.value)


# --- Decoding ---------------------------------------------------------------------------------


def test_utf8_text_file(tmp_path):
    raw = f"Tiêu đề bài viết\n\n{SENTENCE}\n".encode()
    assert read(tmp_path, "bai.txt", raw) == SourceDocument(
        path="bai.txt",
        title="Tiêu đề bài viết",
        body=SENTENCE,
        front_matter={},
        content_hash=hashlib.sha256(raw).hexdigest(),
        encoding="utf-8",
    )


def test_utf8_with_bom(tmp_path):
    doc = read(tmp_path, "bai.txt", codecs.BOM_UTF8 + f"Tiêu đề\n{SENTENCE}".encode())
    assert (doc.title, doc.body, doc.encoding) == ("Tiêu đề", SENTENCE, "utf-8-sig")


def test_utf8_bom_before_front_matter(tmp_path):
    doc = read(tmp_path, "bai.md", codecs.BOM_UTF8 + b"---\ntitle: T\n---\nBody")
    assert (doc.title, doc.body, doc.front_matter) == ("T", "Body", {"title": "T"})


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF16_LE + f"Tiêu đề\r\n{SENTENCE}".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + f"Tiêu đề\r\n{SENTENCE}".encode("utf-16-be"),
    ],
    ids=["le", "be"],
)
def test_utf16_with_bom(tmp_path, raw):
    doc = read(tmp_path, "bai.txt", raw)
    assert (doc.title, doc.body, doc.encoding) == ("Tiêu đề", SENTENCE, "utf-16")


def test_broken_utf16(tmp_path):
    raw = codecs.BOM_UTF16_LE + "Tiêu đề".encode("utf-16-le") + b"\x00"  # odd length
    assert corpus_error(tmp_path, "bai.txt", raw) == "cannot decode text: invalid UTF-16"


def test_windows_1258_is_decoded_to_nfc(tmp_path):
    raw = windows_1258_form(f"Tiêu đề\n{SENTENCE}").encode("cp1258")
    doc = read(tmp_path, "bai.txt", raw)
    assert (doc.title, doc.body, doc.encoding) == ("Tiêu đề", SENTENCE, "cp1258")


def test_windows_1258_combining_tone_mark(tmp_path):
    # 0xEA is "ê" and 0xF2 a combining dot below: together "ệ".
    # 0xF4 is "ô", 0xCC a combining grave accent.
    doc = read(tmp_path, "bai.txt", b"Vi\xea\xf2t Nam\nC\xf4\xf2ng ho\xcca")
    assert (doc.title, doc.body, doc.encoding) == ("Việt Nam", "Cộng hòa", "cp1258")


@pytest.mark.parametrize(
    "raw",
    [
        b"Tieu de \x81 kh\xf4ng",  # 0x81 is not a Windows-1258 byte
        b"Tieu de\x1b[0m ti\xea\xf2ng",  # an escape code: control characters are not prose
        b"\xa9\xae\xb1\xb6 \xbc\xbd\xbe \xa7\xb0",  # valid bytes, but symbols, not letters
    ],
    ids=["undefined-byte", "control-char", "no-letters"],
)
def test_undecodable_text(tmp_path, raw):
    expected = "cannot decode text: not UTF-8, UTF-16, Windows-1258 or Windows-1252"
    assert corpus_error(tmp_path, "bai.txt", raw) == expected


WESTERN_TEXTS = {
    "french": "Le ministère a présenté la réforme à Genève\n\nÇa coûte cher: naïve, Noël, cœur.",
    "german": "Die Bürger können über die Änderung abstimmen\n\nDas Gesetz gilt für Straßen.",
    # Without a "ç": "ã" and "õ" read as the Vietnamese "ă" and "ơ" in Windows-1258.
    "portuguese": "São João não põe a mão\n\nA irmã e a mãe estão lá.",
    # "ð" reads as "đ", "ý" as "ư", "þ" as a tone mark.
    "icelandic": "Við erum hér í dag\n\nÞað er ýmislegt að gera á Íslandi.",
}


@pytest.mark.parametrize("text", WESTERN_TEXTS.values(), ids=WESTERN_TEXTS.keys())
def test_western_european_8bit_text_is_not_read_as_vietnamese(tmp_path, text):
    doc = read(tmp_path, "bai.txt", text.encode("cp1252"))
    title, body = text.split("\n\n")
    assert (doc.title, doc.body, doc.encoding) == (title, body, "cp1252")


def test_vietnamese_with_a_foreign_name_is_still_windows_1258(tmp_path):
    text = f"Tiêu đề bài viết\n{SENTENCE} {SENTENCE} Ông Müller dự họp."
    doc = read(tmp_path, "bai.txt", windows_1258_form(text).encode("cp1258"))
    assert (doc.title, doc.body, doc.encoding) == ("Tiêu đề bài viết", text[17:], "cp1258")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SENTENCE, True),
        ("Việt Nam", True),
        ("Cộng hòa xã hội chủ nghĩa", True),
        ("Dien dan cai cach hanh chinh", False),  # no diacritics at all: nothing to go by
        ("Le député a été élu à Paris", False),  # only letters French and Vietnamese share
        ("Săo Joăo năo pơe a măo", False),  # Portuguese read as Windows-1258
        ("Viđ erum hér", False),  # Icelandic read as Windows-1258
        ("Über die Änderung", False),
    ],
)
def test_looks_vietnamese(text, expected):
    assert looks_vietnamese(text) is expected


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),
        ("utf-16", None),
        ("cp1258", "not UTF-8: decoded as Windows-1258"),
        ("cp1252", "not UTF-8: decoded as Windows-1252 (Western European)"),
    ],
)
def test_a_guessed_encoding_is_named(encoding, note):
    doc = SourceDocument("a.txt", "T", "", {}, "0" * 64, encoding)
    assert decoding_note(doc) == note


def test_nfd_input_is_normalised_to_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", f"---\ntitle: Cải cách hành chính\n---\n{SENTENCE}")
    doc = read(tmp_path, "bai.md", nfd)
    assert (doc.title, doc.body) == ("Cải cách hành chính", SENTENCE)


def test_crlf_and_cr_newlines(tmp_path):
    doc = read(tmp_path, "bai.txt", b"Title\r\n\r\nLine 1\r\nLine 2\rLine 3\r\n")
    assert (doc.title, doc.body) == ("Title", "Line 1\nLine 2\nLine 3")


@pytest.mark.parametrize(
    "raw",
    [b"GIF89a\x01\x00\x01\x00\x00\xff", b"PK\x03\x04\x14\x00\x00\x00", b"text\x00more"],
    ids=["gif", "zip", "nul"],
)
def test_binary_file(tmp_path, raw):
    assert corpus_error(tmp_path, "bai.txt", raw) == "not a text file (binary content)"


@pytest.mark.parametrize("raw", [b"", b" \n\t\r\n", codecs.BOM_UTF8, "\u00a0\n".encode()])
def test_empty_file(tmp_path, raw):
    assert corpus_error(tmp_path, "bai.txt", raw) == "empty file"


def test_file_over_the_limit(tmp_path):
    assert MAX_FILE_BYTES == 5 * 1024 * 1024
    reason = corpus_error(tmp_path, "bai.txt", b"x" * 100, max_bytes=10)
    assert reason == "file too large (100 bytes > 10 bytes limit)"


def test_file_over_the_limit_in_megabytes(tmp_path):
    reason = corpus_error(tmp_path, "bai.txt", b"x" * (3 * 512 * 1024), max_bytes=1024 * 1024)
    assert reason == "file too large (1.5 MB > 1 MB limit)"


def test_unsupported_file_type(tmp_path):
    assert corpus_error(tmp_path, "bai.odt", b"PK") == (
        "not a file type that is indexed (.md, .txt, .html, .htm, .pdf, .docx, .doc)"
    )


def test_path_is_posix_and_relative_to_root(tmp_path):
    doc = read(tmp_path, "2024/quy-1/bai.md", "# Tiêu đề\n\nNội dung.")
    assert doc.path == "2024/quy-1/bai.md"


def test_path_outside_root(tmp_path):
    outside = write(tmp_path, "other/bai.txt", "Tiêu đề")
    with pytest.raises(ValueError):
        read_document(tmp_path / "corpus", outside)


# --- Front matter and titles ------------------------------------------------------------------


def test_markdown_front_matter(tmp_path):
    text = (
        "---\n"
        "title: Phiên họp thứ 7\n"
        "date: 2024-02-02\n"
        "leaders:\n"
        "  - Phạm Minh Chính\n"
        "---\n"
        "\n"
        "# Một tiêu đề khác\n"
        "\n"
        "Nội dung **phiên họp**.\n"
    )
    doc = read(tmp_path, "bai.md", text)
    assert doc.front_matter == {
        "title": "Phiên họp thứ 7",
        "date": datetime.date(2024, 2, 2),
        "leaders": ["Phạm Minh Chính"],
    }
    assert (doc.title, doc.body) == (
        "Phiên họp thứ 7",
        "# Một tiêu đề khác\n\nNội dung **phiên họp**.",
    )


def test_markdown_title_from_first_heading(tmp_path):
    doc = read(tmp_path, "bai.md", "Dòng mở đầu.\n\n# Tiêu đề chính #\n\n## Mục 1\n\nNội dung.")
    assert (doc.title, doc.body) == (
        "Tiêu đề chính",
        "Dòng mở đầu.\n\n# Tiêu đề chính #\n\n## Mục 1\n\nNội dung.",
    )


def test_markdown_title_from_leading_heading_keeps_body(tmp_path):
    doc = read(tmp_path, "bai.md", "# Tiêu đề\n\nNội dung.\n")
    assert (doc.title, doc.body, doc.front_matter) == ("Tiêu đề", "# Tiêu đề\n\nNội dung.", {})


def test_markdown_title_from_first_line(tmp_path):
    doc = read(tmp_path, "bai.md", "---\ndate: 2019-05-14\n---\n\n\nDòng đầu tiên\nDòng hai")
    assert (doc.title, doc.body) == ("Dòng đầu tiên", "Dòng đầu tiên\nDòng hai")


def test_empty_front_matter_title_falls_back(tmp_path):
    doc = read(tmp_path, "bai.md", '---\ntitle: ""\n---\n# Tiêu đề\n')
    assert doc.title == "Tiêu đề"


def test_folded_front_matter_title_is_one_line(tmp_path):
    doc = read(tmp_path, "bai.md", "---\ntitle: |\n  Phiên họp\n  thứ 7\n---\nNội dung")
    assert doc.title == "Phiên họp thứ 7"


def test_front_matter_title_must_be_text(tmp_path):
    reason = corpus_error(tmp_path, "bai.md", "---\ntitle: 2023\n---\nNội dung")
    assert reason == "front matter title is not text"


def test_empty_front_matter(tmp_path):
    doc = read(tmp_path, "bai.md", "---\n---\nNội dung")
    assert (doc.title, doc.body, doc.front_matter) == ("Nội dung", "Nội dung", {})


def test_front_matter_only(tmp_path):
    doc = read(tmp_path, "bai.md", "---\ntitle: Chỉ có tiêu đề\n---\n")
    assert (doc.title, doc.body) == ("Chỉ có tiêu đề", "")


def test_broken_yaml(tmp_path):
    reason = corpus_error(tmp_path, "bai.md", "---\ntitle: [unclosed\nyear: 2020\n---\nBody")
    # libyaml's wording (PyYAML's wheels parse with it: see indexer/yaml_data.py).
    assert reason == "broken front matter: did not find expected ',' or ']' (line 3)"


def test_unclosed_front_matter(tmp_path):
    reason = corpus_error(tmp_path, "bai.md", "---\ntitle: Tiêu đề\n\nNội dung")
    assert reason == "broken front matter: no closing '---' line"


@pytest.mark.parametrize("header", ["- a\n- b", "chỉ là một câu"], ids=["list", "string"])
def test_front_matter_not_a_mapping(tmp_path, header):
    reason = corpus_error(tmp_path, "bai.md", f"---\n{header}\n---\nNội dung")
    assert reason == "front matter is not a mapping"


def test_txt_has_no_front_matter(tmp_path):
    doc = read(tmp_path, "bai.txt", "---\ntitle: x\n---\nNội dung")
    assert (doc.title, doc.body, doc.front_matter) == ("---", "title: x\n---\nNội dung", {})


def test_txt_title_is_first_non_empty_line(tmp_path):
    doc = read(tmp_path, "bai.txt", "\n\n   Tiêu đề  \n\nDòng 1\nDòng 2\n\n")
    assert (doc.title, doc.body) == ("Tiêu đề", "Dòng 1\nDòng 2")


def test_txt_single_line(tmp_path):
    doc = read(tmp_path, "bai.txt", "Chỉ một dòng")
    assert (doc.title, doc.body) == ("Chỉ một dòng", "")


def test_deeply_nested_front_matter_is_refused(tmp_path):
    nested = "[" * 10_000 + "]" * 10_000  # a RecursionError further on when it was accepted
    reason = corpus_error(tmp_path, "bai.md", f"---\ntitle: T\na: {nested}\n---\nNội dung")
    assert reason == f"broken front matter: nested more than {FRONT_MATTER_MAX_DEPTH} deep (line 3)"


def test_very_deeply_nested_front_matter_is_refused_at_once(tmp_path):
    nested = "[" * 1_000_000 + "]" * 1_000_000  # crashed the C loader; slow to parse whole
    reason = corpus_error(tmp_path, "bai.md", f"---\na: {nested}\n---\nNội dung")
    assert reason == f"broken front matter: nested more than {FRONT_MATTER_MAX_DEPTH} deep (line 2)"


def test_lists_of_names_are_within_the_depth_limit(tmp_path):
    doc = read(tmp_path, "bai.md", "---\nleaders: [Phạm Minh Chính]\nx: {a: [[1]]}\n---\nNội dung")
    assert doc.front_matter == {"leaders": ["Phạm Minh Chính"], "x": {"a": [[1]]}}


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{name}: &{name} [{','.join(['*' + prev] * 9)}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)


def test_yaml_alias_bomb_is_refused(tmp_path):
    assert len(BILLION_LAUGHS) < 400
    text = f"---\ntitle: T\nleaders: *i\n{BILLION_LAUGHS}\n---\nNội dung"
    reason = corpus_error(tmp_path, "bai.md", text)
    assert reason == "broken front matter: alias *i not allowed: write the value out (line 3)"


def test_merge_keys_are_aliases_too(tmp_path):
    text = "---\nbase: &base {year: 2019}\n<<: *base\n---\nNội dung"
    reason = corpus_error(tmp_path, "bai.md", text)
    assert reason == "broken front matter: alias *base not allowed: write the value out (line 3)"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("? [a, b]\n: c", "broken front matter: found unhashable key (line 2)"),
        ("date: 2019-13-45", "broken front matter: month must be in 1..12"),
        ("year: " + "9" * 5000, "broken front matter: Exceeds the limit (4300 digits) for integer"),
        ("title: !!python/object:os.system x", "broken front matter: could not determine a"),
    ],
    ids=["unhashable-key", "impossible-date", "huge-number", "python-tag"],
)
def test_odd_front_matter_is_a_short_reason(tmp_path, header, expected):
    reason = corpus_error(tmp_path, "bai.md", f"---\n{header}\n---\nNội dung")
    assert reason[: len(expected)] == expected
    assert len(reason) <= MAX_REASON_CHARS


def test_odd_but_valid_front_matter_is_read(tmp_path):
    long_title = "Tiêu đề " * 20_000
    text = f"---\ntitle: {long_title}\n2019: năm\nnull: x\ntrue: y\n---\nNội dung"
    doc = read(tmp_path, "bai.md", text)
    assert doc.front_matter == {"title": long_title.strip(), 2019: "năm", None: "x", True: "y"}
    assert doc.title == long_title.strip()


def test_reasons_are_one_short_line():
    assert str(CorpusError("short")) == "short"
    assert str(CorpusError("two\nlines")) == "two lines"
    reason = str(CorpusError("front matter: leaders: " + "x" * 10_000))
    assert (len(reason), reason[-1]) == (MAX_REASON_CHARS, "…")


# --- Boilerplate ------------------------------------------------------------------------------


def test_scraped_text_file_is_cleaned(tmp_path):
    scraped = (
        "Multimedia Đọc Báo in\n"
        "\n"
        "Hội nghị trực tuyến đánh giá công tác cải cách hành chính\n"
        "\n"
        "0\n"
        "365\n"
        "Hội nghị trực tuyến đánh giá công tác cải cách hành chính\n"
        "\n"
        "[ad_1]\n"
        "\n"
        f"{SENTENCE}\n"
        "\n"
        "[ad_2]\n"
        "\n"
        "Source link\n"
        "\n"
        "LEAVE A REPLY\n"
        "\n"
        "Please enter your comment!\n"
        "Please enter your name here\n"
        "\n"
        "\n"
        "Notice: x was called incorrectly. in /var/www/wp-includes/functions.php on line 5777"
    )
    doc = read(tmp_path, "bai.txt", scraped)
    assert (doc.title, doc.body) == (
        "Hội nghị trực tuyến đánh giá công tác cải cách hành chính",
        SENTENCE,
    )


def test_markdown_body_is_cleaned(tmp_path):
    doc = read(tmp_path, "bai.md", f"---\ntitle: T\n---\n{SENTENCE}\n\n[ad_2]\n\nTin khác\n- x")
    assert doc.body == SENTENCE


def test_only_boilerplate(tmp_path):
    reason = corpus_error(tmp_path, "bai.txt", "[ad_1]\n\nSource link\n")
    assert reason == "no article text, only web boilerplate"


@pytest.mark.parametrize("marker", ["[ad_1]", "[ad_2]", "[ad_12]", "Source link", "  [ad_1]  "])
def test_ad_markers_and_source_link(marker):
    text = f"Tiêu đề\n\n{marker}\n\nĐoạn một.\n\n{marker}\n\nĐoạn hai."
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một.\n\nĐoạn hai."


def test_comment_form_ends_the_article():
    text = "Tiêu đề\n\nĐoạn một.\n\nLEAVE A REPLY\n\nPlease enter your comment!\nBình luận"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một."


def test_comment_prompts_are_dropped():
    text = "Tiêu đề\nPlease enter your comment!\nĐoạn một.\nPlease enter your name here"
    assert strip_boilerplate(text) == "Tiêu đề\nĐoạn một."


def test_reader_comments_section_ends_the_article():
    text = "Tiêu đề\n\nĐoạn một.\n\nLan Anh\n\u00a0\n\n\nÝ kiến bạn đọc\n\n\nBình luận của bạn đọc"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một.\n\nLan Anh"


def test_see_replies_glued_to_author():
    text = "Tiêu đề\n\nĐoạn một./.\n\nTạ HươngXem phản hồi\n\nXem phản hồi"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một./.\n\nTạ Hương"


@pytest.mark.parametrize(
    "heading", ["Tin khác", "Tin cùng chuyên mục", "Tin liên quan", "Các tin khác"]
)
def test_related_links_heading_ends_the_article(heading):
    text = f"Tiêu đề\n\nĐoạn một.\n\n{heading}\nBài liên quan 1\n\nBài liên quan 2"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một."


@pytest.mark.parametrize(
    "notice",
    [
        "Notice: amp_has_paired_endpoint was called incorrectly. (This message was added in "
        "version 2.1.1.) in /home/site/public_html/wp-includes/functions.php on line 5777",
        "Warning: Undefined array key 1 in /srv/www/index.php on line 12",
        "Deprecated: Function create_function() is deprecated in /srv/a.php on line 3",
        "PHP Fatal error: Allowed memory size exhausted in /srv/b.php on line 90",
    ],
    ids=["notice", "warning", "deprecated", "fatal"],
)
def test_php_notices(notice):
    text = f"{notice}\nTiêu đề\n\nĐoạn một.\n\n{notice}\n"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một."


def test_site_chrome_line():
    assert strip_boilerplate("Multimedia Đọc Báo in\n\nTiêu đề\n\nĐoạn.") == "Tiêu đề\n\nĐoạn."


def test_counters_and_repeated_title():
    prose = "Đoạn một của bài viết này đủ dài để là văn xuôi."
    text = f"Tiêu đề bài\n\n0\n365\nTiêu đề bài\n\n[ad_1]\n\n{prose}"
    expected = f"Tiêu đề bài\n\n{prose}"
    assert strip_boilerplate(text) == expected


def test_magazine_teaser_after_the_end():
    text = (
        "Tiêu đề\n\nĐoạn một.\n\nLan Anh\n\n"
        "(E-magazine) Kiến tạo kinh tế nông nghiệp, nông thôn\n"
        "Đắk Lắk không chỉ nằm trong khu vực có hệ sinh thái tự nhiên phong phú."
    )
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một.\n\nLan Anh"


def test_blank_lines_are_collapsed_and_trimmed():
    text = "\n\n  \nTiêu đề\n\n\n\u00a0\n\nĐoạn một.  \n\n\n"
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một.  "


def test_markdown_structure_is_kept():
    text = "# Tiêu đề\n\n## Mục 1\n\n- ý một\n- ý hai\n\n| Năm | Số |\n|---|---|\n| 2023 | 57 |"
    assert strip_boilerplate(text) == text


def test_real_content_is_kept():
    """Lines that only resemble boilerplate are article text and must survive."""
    text = (
        "Tin khác biệt về cải cách hành chính\n"
        "\n"
        "Đây là tin khác với những gì đã đưa: Tin khác\n"
        "\n"
        "Tin khác biệt lớn nhất là thủ tục được cắt giảm.\n"
        "Theo Source link trên Cổng thông tin, số liệu được cập nhật hằng tháng.\n"
        "Source: Văn phòng Chính phủ\n"
        "Bạn đọc có thể bấm Xem phản hồi để đọc thêm.\n"
        "Ý kiến bạn đọc được tổng hợp gửi Ban Chỉ đạo.\n"
        "Warning: hệ thống sẽ tạm dừng từ 22 giờ.\n"
        "Notice: hồ sơ nộp trước ngày 15/9.\n"
        "[ad_1] là mã quảng cáo, không phải nội dung.\n"
        "Kết quả năm 2023 theo từng quý:\n"
        "2023\n"
        "57\n"
        "Tiêu đề phụ\n"
        "Tiêu đề phụ\n"
        "(E-magazine) là một dạng bài viết dài của báo điện tử."
    )
    assert strip_boilerplate(text) == text


def test_cut_marker_as_title_is_kept():
    text = "(E-magazine) Kiến tạo kinh tế nông nghiệp, nông thôn\n\nĐắk Lắk có 49/53 dân tộc."
    assert strip_boilerplate(text) == text


def test_nfd_boilerplate_is_recognised():
    text = unicodedata.normalize("NFD", "Tiêu đề\n\nĐoạn một.\n\nTin cùng chuyên mục\nBài khác")
    assert strip_boilerplate(text) == "Tiêu đề\n\nĐoạn một."


# --- Finding files ----------------------------------------------------------------------------


def test_iter_corpus_finds_text_files_sorted(tmp_path):
    root = tmp_path / "corpus"
    for name in ["b.txt", "a.md", "sub/c.md", "sub/z/d.txt", "UPPER.MD", "notes.odt"]:
        write(root, name, "Tiêu đề")
    for name in [".hidden.md", ".git/config.txt", "sub/.drafts/e.md"]:
        write(root, name, "Tiêu đề")
    found = [path.relative_to(root).as_posix() for path in iter_corpus(root)]
    assert found == ["UPPER.MD", "a.md", "b.txt", "sub/c.md", "sub/z/d.txt"]


def test_iter_corpus_yields_paths_under_root(tmp_path):
    write(tmp_path, "a.md", "Tiêu đề")
    assert list(iter_corpus(tmp_path)) == [tmp_path / "a.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_iter_corpus_follows_no_link_out_of_root(tmp_path):
    root = tmp_path / "corpus"
    inside = write(root, "a.md", "Tiêu đề")
    outside = write(tmp_path, "secret/b.md", "Bí mật")
    (root / "link-inside.md").symlink_to(inside)
    (root / "link-outside.md").symlink_to(outside)
    (root / "linked-dir").symlink_to(outside.parent, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "broken.md").symlink_to(root / "missing.md")
    found = [path.relative_to(root).as_posix() for path in iter_corpus(root)]
    assert found == ["a.md", "link-inside.md"]


def test_iter_corpus_missing_root(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(iter_corpus(tmp_path / "missing"))


# --- Odd entries ------------------------------------------------------------------------------

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


def corpus_with_one_good_file(tmp_path) -> Path:
    root = tmp_path / "corpus"
    write(root, "good.md", "# Tiêu đề\n\nNội dung.")
    return root


@needs_links
def test_a_link_loop_is_reported_and_the_scan_goes_on(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    (root / "self.txt").symlink_to("self.txt")
    (root / "sub").mkdir()
    (root / "sub" / "a.md").symlink_to("b.md")
    (root / "sub" / "b.md").symlink_to("a.md")
    assert scan_corpus(root) == CorpusScan(
        files=["good.md"],
        skipped=[
            ("self.txt", "link loop: the link leads back to itself"),
            ("sub/a.md", "link loop: the link leads back to itself"),
            ("sub/b.md", "link loop: the link leads back to itself"),
        ],
    )
    assert corpus_error_of(root, "self.txt") == LINK_CHANGED


def corpus_error_of(root: Path, name: str) -> str:
    with pytest.raises(CorpusError) as caught:
        read_document(root, root / name)
    return str(caught.value)


def test_an_unreadable_folder_is_reported_and_the_scan_goes_on(tmp_path, monkeypatch):
    root = corpus_with_one_good_file(tmp_path)
    locked = write(root, "locked/a.md", "Tiêu đề").parent
    write(root, "z/b.md", "Tiêu đề")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            # Run as root, which reads any folder: refuse it as the system would otherwise.
            deny_listing(monkeypatch, locked)
        scan = scan_corpus(root)
    finally:
        locked.chmod(0o755)
    assert scan == CorpusScan(
        files=["good.md", "z/b.md"],
        skipped=[("locked/", "cannot read folder: Permission denied")],
        unread_folders=["locked"],
    )


def deny_listing(monkeypatch, folder: Path) -> None:
    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_an_unreadable_corpus_folder_is_an_error(tmp_path, monkeypatch):
    root = corpus_with_one_good_file(tmp_path)
    deny_listing(monkeypatch, root)
    with pytest.raises(PermissionError):
        scan_corpus(root)  # taken as empty, an update would remove every document


def make_with_bytes_name(root: Path, name: bytes, folder: bool = False) -> None:
    path = os.path.join(os.fsencode(root), name)
    try:
        if folder:
            os.mkdir(path)
            with open(os.path.join(path, b"a.md"), "wb") as handle:
                handle.write("Tiêu đề".encode())
        else:
            with open(path, "wb") as handle:
                handle.write("Tiêu đề".encode())
    except OSError:
        pytest.skip("this file system only takes UTF-8 names")


def test_names_that_are_not_utf8_are_reported(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    make_with_bytes_name(root, b"bad\xff.txt")
    make_with_bytes_name(root, b"th\xe1ng-5", folder=True)
    make_with_bytes_name(root, b"other\xff.odt")  # not a corpus file: nothing to say
    assert scan_corpus(root) == CorpusScan(
        files=["good.md"],
        skipped=[
            ("bad\\xff.txt", "file name is not valid UTF-8"),
            ("th\\xe1ng-5/", "folder name is not valid UTF-8"),
        ],
    )
    bad = Path(os.fsdecode(os.path.join(os.fsencode(root), b"bad\xff.txt")))
    with pytest.raises(CorpusError, match="file name is not valid UTF-8"):
        read_document(root, bad)


def test_tab_and_newline_in_names_are_read(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    write(root, "a\tb.md", "# Tiêu đề\n\nNội dung.")
    write(root, "dòng\nmới/c.txt", "Tiêu đề\nNội dung.")
    assert scan_corpus(root) == CorpusScan(
        files=["a\tb.md", "dòng\nmới/c.txt", "good.md"], skipped=[]
    )
    assert read_document(root, root / "a\tb.md").path == "a\tb.md"
    assert read_document(root, root / "dòng\nmới" / "c.txt").path == "dòng\nmới/c.txt"


@needs_links
def test_a_link_out_of_the_corpus_is_reported_and_never_read(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    secret = write(tmp_path, "secret/p.txt", "Bí mật\n\nMật khẩu")
    (root / "p.txt").symlink_to(secret)
    (root / "sub").mkdir()
    (root / "sub" / "q.md").symlink_to("../../secret/p.txt")
    assert scan_corpus(root) == CorpusScan(
        files=["good.md"], skipped=[("p.txt", OUTSIDE_LINK), ("sub/q.md", OUTSIDE_LINK)]
    )
    assert corpus_error_of(root, "p.txt") == OUTSIDE_LINK
    assert corpus_error_of(root, "sub/q.md") == OUTSIDE_LINK


@needs_links
def test_a_link_changed_after_the_scan_is_checked_again(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    write(root, "sub/c.md", "Tiêu đề")
    secret = write(tmp_path, "secret/c.md", "Bí mật")
    (root / "link.md").symlink_to(root / "good.md")
    assert scan_corpus(root).files == ["good.md", "link.md", "sub/c.md"]
    (root / "link.md").unlink()
    (root / "link.md").symlink_to(secret)
    (root / "sub" / "c.md").unlink()
    (root / "sub").rmdir()
    (root / "sub").symlink_to(secret.parent, target_is_directory=True)
    assert corpus_error_of(root, "link.md") == OUTSIDE_LINK
    assert corpus_error_of(root, "sub/c.md") == OUTSIDE_LINK


@needs_links
def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path, monkeypatch):
    root = corpus_with_one_good_file(tmp_path)
    secret = write(tmp_path, "secret/c.md", "Bí mật")
    (root / "link.md").symlink_to(secret)
    (root / "sub").symlink_to(secret.parent, target_is_directory=True)
    # As if each link appeared between resolving the path and opening it.
    monkeypatch.setattr(os.path, "realpath", lambda path, **_: os.path.abspath(path))
    assert corpus_error_of(root, "link.md") == LINK_CHANGED
    assert corpus_error_of(root, "sub/c.md") == LINK_CHANGED


@needs_links
def test_entries_that_are_not_files_are_reported(tmp_path):
    root = corpus_with_one_good_file(tmp_path)
    (root / "dangling.md").symlink_to(root / "missing.md")
    (root / "dangling.odt").symlink_to(root / "missing.odt")  # not a corpus file: no word
    os.mkfifo(root / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(os.fspath(root / "sock.md"))
    write(root, "folder.md/inner.txt", "Tiêu đề")
    write(tmp_path, "elsewhere/x.md", "Tiêu đề")
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    os.mkfifo(root / ".hidden.md")  # hidden names are passed over without a word
    assert scan_corpus(root) == CorpusScan(
        files=["folder.md/inner.txt", "good.md"],
        skipped=[
            ("dangling.md", "broken link: what it points to does not exist"),
            ("folder.md/", "a folder, not a file: the files in it are read"),
            ("linked", "link to a folder: not followed"),
            ("loop", "link to a folder: not followed"),
            ("pipe.txt", "not a regular file: a named pipe (FIFO)"),
            ("sock.md", "not a regular file: a socket"),
        ],
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_reading_a_fifo_never_waits(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    reasons = []

    def read_pipe():
        reasons.append(corpus_error_of(tmp_path, "pipe.txt"))

    reader = threading.Thread(target=read_pipe, daemon=True)  # left behind if it hangs
    reader.start()
    reader.join(timeout=10)
    assert reasons == ["not a regular file: a named pipe (FIFO)"]


def test_reading_a_folder_named_like_a_document(tmp_path):
    (tmp_path / "folder.md").mkdir()
    assert corpus_error_of(tmp_path, "folder.md") == "not a regular file: a folder"


# --- The repository's corpus ------------------------------------------------------------------


def repo_corpus_files() -> list[Path]:
    return list(iter_corpus(REPO_CORPUS)) if REPO_CORPUS.is_dir() else []


def test_repo_corpus_is_not_empty():
    assert repo_corpus_files() != []


@pytest.mark.parametrize("path", repo_corpus_files(), ids=lambda path: path.name)
def test_repo_corpus_file_is_clean(path):
    doc = read_document(REPO_CORPUS, path)
    assert isinstance(doc.title, str)
    assert doc.title == doc.title.strip() != ""
    assert doc.body != ""
    for marker in ["[ad_", "Source link", "LEAVE A REPLY", "Please enter your", "Xem phản hồi"]:
        assert marker not in doc.body
    if path.suffix == ".md":
        # Curated files are stored clean: stripping boilerplate must not change a thing.
        raw = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", raw)
        assert doc.body == raw.split("\n---\n", 1)[1].strip("\n")


def test_hashing_never_blocks_on_a_fifo_nor_reads_through_a_link_out(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from indexer.corpus import content_hash

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_bytes(b"Tieu de\n\nNoi dung.")
    os.mkfifo(corpus / "swapped.txt")  # a file replaced by a FIFO after the scan
    (tmp_path / "secret.txt").write_text("bí mật", "utf-8")
    (corpus / "out.txt").symlink_to(tmp_path / "secret.txt")
    with ThreadPoolExecutor(1) as pool:
        hashes = pool.submit(
            lambda: [content_hash(corpus, name) for name in ("ok.txt", "swapped.txt", "out.txt")]
        ).result(timeout=10)
    assert hashes == [hashlib.sha256(b"Tieu de\n\nNoi dung.").hexdigest(), "", ""]
