"""Tests for indexer.formats.word_file: .docx read with python-docx, .doc through antiword or
catdoc. Every .docx is written here with python-docx; the .doc converters are small scripts
written here too, so that the subprocess, its time limit and its errors really run."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import stat
import struct
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from indexer.document import CorpusError
from indexer.formats import Extracted, Limits
from indexer.formats.legacy_encoding import legacy_tables
from indexer.formats.word_file import NO_CONVERTER, extract_doc, extract_docx

HEADING = "Báo cáo kết quả cải cách hành chính năm 2023"
OPENING = "Năm 2023, Ủy ban nhân dân tỉnh tiếp tục đẩy mạnh cải cách thủ tục hành chính."
CLOSING = "Những kết quả trên cho thấy tinh thần phục vụ người dân được nâng lên rõ rệt."
TABLE = [
    ("Chỉ tiêu", "Kế hoạch", "Thực hiện"),
    ("Thủ tục được đơn giản hoá", "120", "134"),
    ("Hồ sơ giải quyết đúng hạn", "95%", "97,5%"),
]
LEGACY_PARAGRAPH = "Thực hiện cơ chế một cửa ở tất cả các sở, ban, ngành và cấp huyện."
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def tcvn3(text: str) -> str:
    table = legacy_tables()["TCVN3"]
    return "".join(table.get(char) or table.get(char.lower(), char) for char in text)


def vni(text: str) -> str:
    table = legacy_tables()["VNI"]
    return "".join(table.get(char, char) for char in text)


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report(document) -> None:
    document.core_properties.title = "Báo cáo cải cách hành chính 2023"
    document.add_heading(HEADING, level=1)
    document.add_paragraph(OPENING)
    table = document.add_table(rows=len(TABLE), cols=3)
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("")
    document.add_paragraph(CLOSING)


def with_run(text: str, font: str | None):
    def build(document) -> None:
        document.add_paragraph(OPENING)
        run = document.add_paragraph().add_run(text)
        if font:
            run.font.name = font

    return build


def replace_part(raw: bytes, name: str, change) -> bytes:
    """A copy of a .docx with one part's bytes changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == name:
                data = change(data)
            if data is not None:
                target.writestr(member.filename, data)
    return out.getvalue()


def refused(extract, raw: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(CorpusError) as caught:
        extract(raw, limits or Limits())
    return str(caught.value)


# --- .docx: text ---------------------------------------------------------------------------


def test_report_paragraphs_and_table_in_document_order():
    expected_table = "\n".join(" | ".join(row) for row in TABLE)
    assert extract_docx(docx_bytes(report), Limits()) == Extracted(
        text=f"{HEADING}\n\n{OPENING}\n\n{expected_table}\n\n{CLOSING}",
        title="Báo cáo cải cách hành chính 2023",
        encoding="docx",
    )


def test_text_is_nfc_whatever_the_document_holds():
    nfd = unicodedata.normalize("NFD", OPENING)
    raw = docx_bytes(lambda document: document.add_paragraph(nfd))
    assert extract_docx(raw, Limits()).text == OPENING


@pytest.mark.parametrize(
    "title",
    ["", "   ", "Word Document", "Microsoft Word - baocao2005.doc", "Document1", "bc.docx", "1"],
)
def test_a_placeholder_title_is_no_title(title):
    def build(document) -> None:
        document.core_properties.title = title
        document.add_paragraph(OPENING)

    assert extract_docx(docx_bytes(build), Limits()).title is None


def test_a_title_typed_in_tcvn3_is_converted():
    def build(document) -> None:
        document.core_properties.title = tcvn3("Báo cáo tổng kết năm 2005")
        document.add_paragraph(OPENING)

    assert extract_docx(docx_bytes(build), Limits()).title == "Báo cáo tổng kết năm 2005"


def test_a_tcvn3_paragraph_in_vntime_is_converted():
    raw = docx_bytes(with_run(tcvn3(LEGACY_PARAGRAPH), ".VnTime"))
    assert extract_docx(raw, Limits()) == Extracted(
        text=f"{OPENING}\n\n{LEGACY_PARAGRAPH}",
        encoding="docx",
        notes=("converted from TCVN3",),
    )


def test_a_run_in_a_tcvn3_capitals_font_is_in_capitals():
    def build(document) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(tcvn3("cộng hoà xã hội chủ nghĩa việt nam")).font.name = ".VnTimeH"
        document.add_paragraph().add_run(tcvn3("Độc lập - Tự do - Hạnh phúc")).font.name = ".VnTime"

    assert extract_docx(docx_bytes(build), Limits()).text == (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_a_vni_paragraph_is_converted():
    raw = docx_bytes(with_run(vni(LEGACY_PARAGRAPH), "VNI-Times"))
    result = extract_docx(raw, Limits())
    assert (result.text, result.notes) == (
        f"{OPENING}\n\n{LEGACY_PARAGRAPH}",
        ("converted from VNI",),
    )


def test_unicode_text_left_in_a_legacy_font_is_not_converted():
    # Converted to Unicode long ago, the font never changed: common, and must stay as it is.
    raw = docx_bytes(with_run(LEGACY_PARAGRAPH, ".VnTime"))
    assert extract_docx(raw, Limits()) == Extracted(
        text=f"{OPENING}\n\n{LEGACY_PARAGRAPH}", encoding="docx"
    )


def test_soft_hyphens_are_dropped_from_unicode_text():
    raw = docx_bytes(with_run("cải cách hành\xadchính", None))
    assert extract_docx(raw, Limits()).text == f"{OPENING}\n\ncải cách hànhchính"


def test_text_beyond_the_limit_is_cut_with_a_note():
    result = extract_docx(docx_bytes(report), Limits(max_text_chars=20))
    assert (result.text, result.notes) == (HEADING[:20].rstrip(), ("text cut at 20 characters",))


def test_a_document_without_text_is_refused():
    raw = docx_bytes(lambda document: document.add_paragraph("   "))
    assert refused(extract_docx, raw) == "no text in the document (empty, or only pictures)"


# --- .docx: what is refused ----------------------------------------------------------------


def zip_bomb(path: Path, unpacked_mb: int) -> bytes:
    """A .docx-shaped zip whose document.xml is ``unpacked_mb`` MB of zeros, written in
    chunks: it costs a second, not the memory it claims."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return path.read_bytes()


@pytest.fixture
def nothing_inflated(monkeypatch):
    """Fail the test if any zip member is read."""

    def refuse(*args, **kwargs):
        raise AssertionError("a member was inflated")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", refuse)
    monkeypatch.setattr(zipfile.ZipExtFile, "read1", refuse)


def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path, nothing_inflated):
    raw = zip_bomb(tmp_path / "bomb.docx", 200)
    assert len(raw) < 2 * 1024 * 1024
    assert refused(extract_docx, raw) == "zip bomb: unpacks to 200.0 MB > 100.0 MB limit"


def test_a_member_inflating_beyond_reason_is_refused(tmp_path, nothing_inflated):
    raw = zip_bomb(tmp_path / "bomb.docx", 20)
    assert refused(extract_docx, raw).startswith("zip bomb: word/document.xml inflates ")


def test_a_zip_without_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(extract_docx, out.getvalue()) == (
        "not a .docx: no word/document.xml in the archive"
    )


def test_truncated_bytes_are_refused():
    raw = docx_bytes(report)
    assert refused(extract_docx, raw[: len(raw) // 2]).startswith(
        "not a .docx: not a zip archive (BadZipFile: "
    )


def test_random_bytes_are_refused():
    raw = random.Random(12).randbytes(5000)
    assert refused(extract_docx, raw) == (
        "not a .docx: not a zip archive (BadZipFile: File is not a zip file)"
    )


def test_a_word_97_file_named_docx_is_refused():
    assert refused(extract_docx, OLE_MAGIC + bytes(600)) == (
        "not a .docx: a Word 97-2003 file, or a password-protected document"
    )


def test_broken_xml_is_refused():
    raw = replace_part(docx_bytes(report), "word/document.xml", lambda data: data[:-40])
    assert refused(extract_docx, raw).startswith("broken .docx: XMLSyntaxError: ")


def test_a_missing_part_is_refused():
    raw = replace_part(docx_bytes(report), "word/styles.xml", lambda data: None)
    assert refused(extract_docx, raw).startswith("broken .docx: KeyError: ")


def with_dtd(raw: bytes, dtd: bytes, *, padding: int = 0) -> bytes:
    def change(data: bytes) -> bytes:
        end = data.index(b"?>") + 2
        comment = b"<!--" + b" " * padding + b"-->"
        return data[:end] + comment + dtd + data[end:].replace(b"SECRET", b"&secret;")

    return replace_part(raw, "word/document.xml", change)


def test_a_dtd_is_refused(tmp_path):
    raw = docx_bytes(lambda document: document.add_paragraph("SECRET"))
    dtd = b'<!DOCTYPE w:document [<!ENTITY secret "lol">]>'
    assert refused(extract_docx, with_dtd(raw, dtd)) == (
        "refused .docx: word/document.xml declares a DTD"
    )


def test_entities_past_the_checked_head_are_not_resolved(tmp_path):
    # Past XML_HEAD_BYTES the DTD is not looked for: python-docx's parser must not resolve it.
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu")
    raw = docx_bytes(lambda document: document.add_paragraph("Trước SECRET sau"))
    dtd = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'.encode()
    assert extract_docx(with_dtd(raw, dtd, padding=70_000), Limits()).text == "Trước"


def test_entity_expansion_past_the_checked_head_is_refused():
    laughs = b"".join(
        b'<!ENTITY l%d "%s">' % (level, (b"&l%d;" % (level - 1)) * 10 if level else b"lol")
        for level in range(9)
    )
    dtd = b"<!DOCTYPE w:document [" + laughs + b'<!ENTITY secret "&l8;">]>'
    raw = docx_bytes(lambda document: document.add_paragraph("SECRET"))
    assert refused(extract_docx, with_dtd(raw, dtd, padding=70_000)).startswith(
        "broken .docx: XMLSyntaxError: "
    )


def test_damaged_archives_only_ever_raise_corpus_error():
    raw = docx_bytes(report)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(150):
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            extract_docx(bytes(damaged), Limits())
            outcomes.add("read")
        except CorpusError:
            outcomes.add("refused")
    assert "refused" in outcomes


# --- .doc ----------------------------------------------------------------------------------


def fake_converter(folder: Path, name: str, script: str) -> Path:
    """An executable named like a converter, on a PATH of its own."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nPATH=/usr/bin:/bin\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.fixture
def path_of(monkeypatch):
    def use(folder: Path) -> None:
        monkeypatch.setenv("PATH", str(folder))

    return use


# Prints the .doc's bytes after the OLE signature: the test decides the text by the file it
# passes, and so sees that the file reached the program.
PRINT_THE_FILE = 'test "$1 $2 $3 $4" = "-m UTF-8.txt -w 0" || exit 9\ntail -c +9 "$5"\n'


def doc_with(text: str) -> bytes:
    return OLE_MAGIC + text.encode("utf-8")


def test_no_converter_installed(tmp_path, path_of):
    path_of(tmp_path / "empty")
    assert refused(extract_doc, doc_with(OPENING)) == NO_CONVERTER
    assert NO_CONVERTER == "cannot read .doc: convert to .docx (antiword or catdoc not installed)"


def test_antiword_output_becomes_paragraphs(tmp_path, path_of):
    path_of(fake_converter(tmp_path / "bin", "antiword", PRINT_THE_FILE))
    raw = doc_with(f"{HEADING}\n{OPENING}  \n\n\n{CLOSING}\n")
    assert extract_doc(raw, Limits()) == Extracted(
        text=f"{HEADING}\n\n{OPENING}\n\n{CLOSING}", encoding="doc (antiword)"
    )


def test_tcvn3_from_antiword_is_converted(tmp_path, path_of):
    path_of(fake_converter(tmp_path / "bin", "antiword", PRINT_THE_FILE))
    raw = doc_with(f"{tcvn3(HEADING)}\n{tcvn3(LEGACY_PARAGRAPH)}\n")
    assert extract_doc(raw, Limits()) == Extracted(
        text=f"{HEADING}\n\n{LEGACY_PARAGRAPH}",
        encoding="doc (antiword)",
        notes=("converted from TCVN3",),
    )


def test_catdoc_when_antiword_is_missing(tmp_path, path_of):
    script = 'test "$1 $2 $3" = "-d utf-8 -w" || exit 9\ntail -c +9 "$4"\n'
    path_of(fake_converter(tmp_path / "bin", "catdoc", script))
    assert extract_doc(doc_with(OPENING), Limits()) == Extracted(
        text=OPENING, encoding="doc (catdoc)"
    )


def test_converter_failure_gives_its_first_error_line(tmp_path, path_of):
    script = 'echo "$5 is not a Word Document." >&2\necho "second line" >&2\nexit 1\n'
    path_of(fake_converter(tmp_path / "bin", "antiword", script))
    assert refused(extract_doc, doc_with(OPENING)) == (
        "cannot read .doc: antiword: the file is not a Word Document."
    )


def test_a_converter_that_hangs_is_stopped_with_its_children(tmp_path, path_of):
    pid_file = tmp_path / "child.pid"
    script = f'sleep 60 &\necho $! > "{pid_file}"\nwait\n'
    path_of(fake_converter(tmp_path / "bin", "antiword", script))
    assert refused(extract_doc, doc_with(OPENING), Limits(seconds=0.5)) == (
        "cannot read .doc: antiword took more than 0.5 s"
    )
    assert not process_alive(int(pid_file.read_text()))


def process_alive(pid: int) -> bool:
    for _ in range(100):  # killed at once; gone as soon as it is reaped
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        if Path(f"/proc/{pid}/stat").exists() and ") Z " in Path(f"/proc/{pid}/stat").read_text():
            return False  # a zombie: dead, waiting for its new parent to reap it
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return True


def test_endless_output_is_cut_at_the_limit(tmp_path, path_of):
    path_of(fake_converter(tmp_path / "bin", "antiword", "yes 'cải cách hành chính'\n"))
    result = extract_doc(doc_with(""), Limits(max_text_chars=100, seconds=10))
    assert (len(result.text), result.notes) == (100, ("text cut at 100 characters",))


def test_a_docx_named_doc_is_read_as_docx(tmp_path, path_of):
    path_of(tmp_path / "empty")
    assert extract_doc(docx_bytes(report), Limits()).encoding == "docx"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"{\\rtf1\\ansi Bao cao}", "an RTF file (open it in Word and save it as .docx)"),
        (b"<html><body>Bao cao</body></html>", "a web page or XML file saved with a .doc name"),
        (b"Bao cao", "unknown format"),
    ],
)
def test_what_is_not_a_word_97_file_is_named(raw, reason):
    assert refused(extract_doc, raw) == f"not a Word 97-2003 file: {reason}"


def test_antiword_failing_hands_over_to_catdoc(tmp_path, path_of):
    folder = fake_converter(tmp_path / "bin", "antiword", "echo 'cannot read it' >&2\nexit 1\n")
    fake_converter(folder, "catdoc", 'tail -c +9 "$4"\n')
    path_of(folder)
    assert extract_doc(doc_with(OPENING), Limits()) == Extracted(
        text=OPENING, encoding="doc (catdoc)"
    )


def test_when_every_converter_fails_the_first_reason_is_given(tmp_path, path_of):
    folder = fake_converter(tmp_path / "bin", "antiword", "kill -SEGV $$\n")
    fake_converter(folder, "catdoc", "echo 'catdoc: unknown format' >&2\nexit 2\n")
    path_of(folder)
    assert refused(extract_doc, doc_with(OPENING)) == (
        "cannot read .doc: antiword: crashed (signal 11)"
    )


# --- A real Word 97 file -------------------------------------------------------------------
# The smallest file Word 97-2003 could have written: a compound file (the OLE2 container)
# with a WordDocument stream (the file information block, then the text) and a 1Table stream
# (the piece table that says where the text is, and an empty style sheet). Built from the
# published layouts ([MS-CFB], [MS-DOC]), as a check that the real programs read what we
# pass them.

SECTOR = 512
END_OF_CHAIN, FREE_SECTOR, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
TEXT_OFFSET = 1024  # where the text starts in the WordDocument stream


def word_97(text: str, *, eight_bit: bool) -> bytes:
    """A .doc holding text, one paragraph a line: in Windows-1252 bytes (as files typed in
    the TCVN3 fonts were) or in UTF-16."""
    body = text.replace("\n", "\r") + "\r"
    data = body.encode("cp1252" if eight_bit else "utf-16-le")
    # A piece's position is doubled, with bit 30 set, for 8-bit text.
    piece_at = TEXT_OFFSET * 2 | 0x40000000 if eight_bit else TEXT_OFFSET
    clx = struct.pack("<BI", 2, 16) + struct.pack("<IIHIH", 0, len(body), 0, piece_at, 0)
    style_sheet = struct.pack("<10H", 18, 0, 10, *([0] * 7))
    fib = bytearray(TEXT_OFFSET)
    struct.pack_into("<HHH", fib, 0, 0xA5EC, 0x00C1, 0x0409)  # Word 97, English (US)
    struct.pack_into("<HH", fib, 0x0A, 0x0200 | 0x1000, 0x00BF)  # text tables in 1Table
    struct.pack_into("<II", fib, 0x18, TEXT_OFFSET, TEXT_OFFSET + len(data))
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<I", fib, 64, TEXT_OFFSET + len(data))
    struct.pack_into("<I", fib, 76, len(body))  # characters of main text
    struct.pack_into("<H", fib, 152, 93)  # (position, length) pairs that follow
    struct.pack_into("<II", fib, 154 + 1 * 8, len(clx), len(style_sheet))
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    return compound_file({"WordDocument": bytes(fib) + data, "1Table": clx + style_sheet})


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file of 512-byte sectors; each stream padded to 4,096 bytes, so
    that none goes to the mini stream."""
    sectors: list[bytes] = []
    fat: list[int] = []

    def add_chain(data: bytes) -> int:
        start = len(sectors)
        data += bytes(-len(data) % SECTOR)
        count = len(data) // SECTOR
        for index in range(count):
            sectors.append(data[index * SECTOR : (index + 1) * SECTOR])
            fat.append(len(sectors) if index < count - 1 else END_OF_CHAIN)
        return start

    entries = [("Root Entry", 5, END_OF_CHAIN, 0)]
    for name, data in streams.items():
        data += bytes(max(0, 4096 - len(data)))
        entries.append((name, 2, add_chain(data), len(data)))
    # The directory is a tree ordered by name length: the root's child is the longest
    # name, each shorter one the left sibling of the next.
    order = sorted(range(1, len(entries)), key=lambda index: len(entries[index][0]))
    left = dict(zip(order[1:], order[:-1], strict=True))
    directory = b""
    for index, (name, kind, start, size) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        entry = bytearray(128)
        entry[: len(encoded)] = encoded
        child = order[-1] if kind == 5 else NO_STREAM
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 68, left.get(index, NO_STREAM), NO_STREAM, child)
        struct.pack_into("<IQ", entry, 116, start, size)
        directory += bytes(entry)
    directory_start = add_chain(directory)
    fat_start = len(sectors)
    fat.append(FAT_SECTOR)
    sectors.append(struct.pack("<128I", *fat, *([FREE_SECTOR] * (128 - len(fat)))))
    header = bytearray(SECTOR)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, directory_start, 0)
    struct.pack_into("<IIIII", header, 56, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    struct.pack_into("<109I", header, 76, fat_start, *([FREE_SECTOR] * 108))
    return bytes(header) + b"".join(sectors)


needs = {
    name: pytest.mark.skipif(shutil.which(name) is None, reason=f"{name} not installed")
    for name in ("antiword", "catdoc")
}


@pytest.mark.parametrize("program", [pytest.param(name, marks=needs[name]) for name in needs])
def test_a_real_word_97_file_through_the_real_converter(program, tmp_path, path_of):
    # Only this converter on the PATH: a script that runs the real one.
    path_of(fake_converter(tmp_path / "bin", program, f'exec {shutil.which(program)} "$@"\n'))
    raw = word_97(f"{HEADING}\n{OPENING}", eight_bit=False)
    assert extract_doc(raw, Limits()) == Extracted(
        text=f"{HEADING}\n\n{OPENING}", encoding=f"doc ({program})"
    )


@needs["antiword"]
def test_a_real_word_97_file_typed_in_tcvn3(tmp_path, path_of):
    path_of(fake_converter(tmp_path / "bin", "antiword", f'exec {shutil.which("antiword")} "$@"\n'))
    raw = word_97(tcvn3(f"{HEADING}\n{LEGACY_PARAGRAPH}"), eight_bit=True)
    assert extract_doc(raw, Limits()) == Extracted(
        text=f"{HEADING}\n\n{LEGACY_PARAGRAPH}",
        encoding="doc (antiword)",
        notes=("converted from TCVN3",),
    )


def test_the_indexers_time_limit_leaves_no_converter_running(tmp_path, path_of):
    from indexer.formats import extract_file

    pid_file = tmp_path / "pid"
    path_of(fake_converter(tmp_path / "bin", "antiword", f'echo $$ > "{pid_file}"\nsleep 30\n'))
    with pytest.raises(CorpusError, match="took (longer|more) than"):
        # The alarm of the whole file's limit, set before the converter's own deadline.
        extract_file(".doc", OLE_MAGIC + b"x" * 600, Limits(seconds=0.5))
    pid = int(pid_file.read_text())
    assert not Path(f"/proc/{pid}").exists()
