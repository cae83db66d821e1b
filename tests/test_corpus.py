"""Tests for indexer.corpus: finding, decoding and cleaning corpus files."""

from __future__ import annotations

import codecs
import datetime
import hashlib
import os
import unicodedata
from pathlib import Path

import pytest

from indexer.corpus import MAX_FILE_BYTES, iter_corpus, read_document, strip_boilerplate
from indexer.document import CorpusError, SourceDocument

REPO_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

SENTENCE = "Thủ tướng Phạm Minh Chính chủ trì hội nghị về cải cách thủ tục hành chính."
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


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


def windows_1258_form(text: str) -> str:
    """Spell text as Windows-1258 stores it: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(out)


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
    expected = "cannot decode text: not UTF-8, UTF-16 or Windows-1258"
    assert corpus_error(tmp_path, "bai.txt", raw) == expected


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
    assert corpus_error(tmp_path, "bai.pdf", b"%PDF-1.4") == "not a .md or .txt file"


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
    for name in ["b.txt", "a.md", "sub/c.md", "sub/z/d.txt", "UPPER.MD", "notes.pdf"]:
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
