"""Text out of Word files: .docx (Office Open XML) with python-docx, and Word 97-2003 .doc
through the antiword or catdoc program.

Paragraphs and tables come out in the order of the document, one paragraph a block, a table
one block with a row a line (its cells joined by " | "). Text typed in the legacy TCVN3 or
VNI fonts (.VnTime, VNI-Times: most files of 2001-2010) is converted to Unicode.

A .docx is a zip archive, checked before anything is inflated: its declared sizes against
Limits.max_unpacked_bytes (zipfile then refuses to inflate a member past its declared
size), each member's compression ratio, and the absence of a DTD in its XML.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn

from indexer.document import CorpusError
from indexer.formats import Extracted, Limits
from indexer.formats.legacy_encoding import (
    TCVN3,
    convert_legacy_text,
    encoding_named,
    font_encoding,
    line_encodings,
)

MAIN_PART = "word/document.xml"
# A member this large that inflates more than MAX_COMPRESSION_RATIO times is a zip bomb:
# Word's XML compresses 5 to 30 times, deflate at most about 1,000 times (runs of zeros).
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_MEMBERS = 10_000
# Office Open XML never declares a DTD; one is where entity tricks live ("billion laughs",
# external entities). Looked for in the first 64 KB of each XML part: a DTD comes before the
# root element. One hidden behind a longer prolog meets python-docx's parser, which
# resolves no entity (resolve_entities=False; tests/test_word_file.py pins it).
XML_HEAD_BYTES = 64 * 1024
_DTD_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Core-property titles that say nothing: what Word and python-docx put there, a file name.
_PLACEHOLDER_TITLE = re.compile(
    r"(?:microsoft word\s*-.*|word document|document\s*\d*|untitled|no title|title|tiêu đề"
    r"|.*\.(?:docx?|rtf|dot))",
    re.IGNORECASE,
)
CELL_SEPARATOR = " | "
# What a damaged archive raises while it is listed or a member read.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,  # a compression method zipfile lacks
)
SOFT_HYPHEN = "\xad"


# --- .docx ---------------------------------------------------------------------------------


def extract_docx(raw: bytes, limits: Limits) -> Extracted:
    """The text of a .docx file; CorpusError with the reason when it cannot be read."""
    check_docx_archive(raw, limits)
    try:
        document = docx.Document(io.BytesIO(raw))
        paragraphs = list(_body_paragraphs(document.element.body, limits.max_text_chars))
        title = document.core_properties.title
    except CorpusError:
        raise
    except Exception as error:
        # python-docx and lxml raise a dozen types (KeyError for a missing part, XMLSyntaxError,
        # ValueError for a template's content type...) on a broken file: one reason for all.
        raise CorpusError(f"broken .docx: {_error_text(error)}") from error
    text, notes = _render(paragraphs)
    if not text.strip():
        raise CorpusError("no text in the document (empty, or only pictures)")
    text, cut_note = _capped(text, limits.max_text_chars)
    return Extracted(
        text=text,
        title=_meaningful_title(title),
        encoding="docx",
        notes=notes + cut_note,
    )


def check_docx_archive(raw: bytes, limits: Limits) -> None:
    """Refuse what is not a .docx, or would cost too much to open, without inflating it."""
    if raw.startswith(_OLE_MAGIC):
        raise CorpusError("not a .docx: a Word 97-2003 file, or a password-protected document")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except _ZIP_ERRORS as error:
        raise CorpusError(f"not a .docx: not a zip archive ({_error_text(error)})") from error
    with archive:
        if len(members) > MAX_MEMBERS:
            raise CorpusError(f"zip bomb: {len(members):,} parts (more than {MAX_MEMBERS:,})")
        if MAIN_PART not in {member.filename for member in members}:
            raise CorpusError(f"not a .docx: no {MAIN_PART} in the archive")
        _check_sizes(members, limits)
        _check_no_dtd(archive, members)


def _check_sizes(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise CorpusError(
            f"zip bomb: unpacks to {_size(unpacked)} > {_size(limits.max_unpacked_bytes)} limit"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise CorpusError(
                f"zip bomb: {member.filename} inflates {ratio:,.0f} times "
                f"(more than {MAX_COMPRESSION_RATIO})"
            )


def _check_no_dtd(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(member) as part:
                head = part.read(XML_HEAD_BYTES)
        except _ZIP_ERRORS as error:
            raise CorpusError(f"broken .docx: {member.filename}: {_error_text(error)}") from error
        if any(mark in head for mark in _DTD_MARKS):
            raise CorpusError(f"refused .docx: {member.filename} declares a DTD")


# A paragraph as runs of text, each with the font it is typed in (None: not stated on the run).
Run = tuple[str, str | None]


@dataclass(frozen=True)
class _Paragraph:
    runs: tuple[Run, ...]
    starts_block: bool = True  # False for a table's second row onwards: one line, no blank

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def _body_paragraphs(body, max_chars: int) -> Iterator[_Paragraph]:
    """The body's paragraphs and table rows in document order, until max_chars is passed."""
    total = 0
    for paragraph in _blocks(body):
        if paragraph.text.strip():
            yield paragraph
            total += len(paragraph.text)
            if total > max_chars:
                return


def _blocks(container) -> Iterator[_Paragraph]:
    for child in container:
        if child.tag == qn("w:p"):
            yield _Paragraph(tuple(_runs(child)))
        elif child.tag == qn("w:tbl"):
            yield from _table_rows(child)
        elif child.tag in (qn("w:sdt"), qn("w:customXml"), qn("w:sdtContent")):
            # Content controls (a cover page, a form's fields) hold paragraphs and tables.
            yield from _blocks(child)


def _table_rows(table) -> Iterator[_Paragraph]:
    first = True
    for row in table.iterchildren(qn("w:tr")):
        cells = [_cell_runs(cell) for cell in row.iterchildren(qn("w:tc"))]
        cells = [cell for cell in cells if "".join(text for text, _ in cell).strip()]
        if not cells:
            continue
        runs: list[Run] = []
        for index, cell in enumerate(cells):
            if index:
                runs.append((CELL_SEPARATOR, None))
            runs.extend(cell)
        yield _Paragraph(tuple(runs), starts_block=first)
        first = False


def _cell_runs(cell) -> list[Run]:
    """A cell's paragraphs (and nested tables) on one line, joined by spaces."""
    runs: list[Run] = []
    for paragraph in _blocks(cell):
        if paragraph.text.strip():
            if runs:
                runs.append((" ", None))
            runs.extend((text.replace("\n", " "), font) for text, font in paragraph.runs)
    return runs


_SKIPPED = frozenset(
    qn(tag)
    for tag in (
        "w:del",  # tracked deletions
        "w:moveFrom",
        "w:txbxContent",  # text boxes: their paragraphs are not this paragraph's text
        "w:pPr",
        "w:rPr",
    )
)
_ALTERNATE_CONTENT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_RUN_TEXT = {
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",  # Word's optional hyphen: invisible
}


def _runs(element) -> Iterator[Run]:
    """A paragraph's runs in order, through hyperlinks, fields and tracked insertions."""
    for child in element:
        if child.tag == qn("w:r"):
            text = "".join(_run_text(child))
            if text:
                yield text, _run_font(child)
        elif child.tag not in _SKIPPED and child.tag != _ALTERNATE_CONTENT:
            yield from _runs(child)


def _run_text(run) -> Iterator[str]:
    for child in run:
        if child.tag == qn("w:t"):
            yield child.text or ""
        elif child.tag in _RUN_TEXT:
            yield _RUN_TEXT[child.tag]


def _run_font(run) -> str | None:
    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return None
    # Letters beyond ASCII (TCVN3's, VNI's) are drawn in the hAnsi font.
    return fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:ascii"))


def _render(paragraphs: list[_Paragraph]) -> tuple[str, tuple[str, ...]]:
    """The text, each paragraph converted from TCVN3 or VNI where it is typed so."""
    encodings = line_encodings([paragraph.text for paragraph in paragraphs])
    parts: list[str] = []
    for paragraph, encoding in zip(paragraphs, encodings, strict=True):
        if parts:
            parts.append("\n\n" if paragraph.starts_block else "\n")
        parts.append(_paragraph_text(paragraph, encoding))
    found = sorted(set(filter(None, encodings)))
    notes = (f"converted from {', '.join(found)}",) if found else ()
    return unicodedata.normalize("NFC", "".join(parts)), notes


def _paragraph_text(paragraph: _Paragraph, encoding: str | None) -> str:
    if encoding is None:
        # In Unicode text a soft hyphen is invisible and would split a word for search.
        return paragraph.text.replace(SOFT_HYPHEN, "").strip()
    legacy = encoding_named(encoding)
    if encoding != TCVN3:
        return legacy.convert(paragraph.text).strip()
    # TCVN3 converts letter by letter, so run by run: a run in a capitals font (.VnTimeH)
    # shows its lower-case codes as capitals.
    pieces = []
    for text, font in paragraph.runs:
        converted = legacy.convert(text)
        pieces.append(converted.upper() if font_encoding(font) == (TCVN3, True) else converted)
    return "".join(pieces).strip()


def _meaningful_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(convert_legacy_text(title)[0].split())
    title = unicodedata.normalize("NFC", title)
    letters = sum(char.isalpha() for char in title)
    if letters < 2 or _PLACEHOLDER_TITLE.fullmatch(title):
        return None
    return title


# --- .doc ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Converter:
    """A program that prints a .doc file's text as UTF-8."""

    name: str
    arguments: tuple[str, ...]  # before the file's path

    def command(self, program: str, path: str) -> list[str]:
        return [program, *self.arguments, path]


# In order of preference: antiword keeps paragraphs and reads tables; catdoc reads more
# Word 6 and 95 files.
CONVERTERS = (
    Converter("antiword", ("-m", "UTF-8.txt", "-w", "0")),  # -w 0: a paragraph on one line
    Converter("catdoc", ("-d", "utf-8", "-w")),  # -w: no wrapping
)
NO_CONVERTER = "cannot read .doc: convert to .docx (antiword or catdoc not installed)"
_DOC_NAME = "document.doc"


def extract_doc(raw: bytes, limits: Limits) -> Extracted:
    """The text of a Word 97-2003 .doc file, read by antiword or else catdoc.

    When the first converter fails on a file (antiword stops at some Word 6 and 95 files,
    and has crashed on damaged ones), the next is tried; the reason given is the first's.
    A converter that runs out of time is not followed by another: that would double it.
    """
    if raw.startswith(_ZIP_MAGIC):
        return extract_docx(raw, limits)  # a .docx named .doc
    if not raw.startswith(_OLE_MAGIC):
        raise CorpusError(f"not a Word 97-2003 file: {_what_it_is(raw)}")
    available = [
        (converter, program)
        for converter in CONVERTERS
        if (program := shutil.which(converter.name)) is not None
    ]
    if not available:
        raise CorpusError(NO_CONVERTER)
    first_failure: ConverterFailed | None = None
    for converter, program in available:
        try:
            output = _convert_doc(raw, converter, program, limits)
        except ConverterFailed as failure:
            first_failure = first_failure or failure
            continue
        return _doc_text(output.decode("utf-8", errors="replace"), converter, limits)
    raise first_failure


class ConverterFailed(CorpusError):
    """A .doc converter that exited with an error: another may read the file."""


def _doc_text(output: str, converter: Converter, limits: Limits) -> Extracted:
    text, encoding = convert_legacy_text(_paragraphs_of(output))
    if not text.strip():
        raise CorpusError("no text in the document (empty, or only pictures)")
    text, cut_note = _capped(unicodedata.normalize("NFC", text), limits.max_text_chars)
    notes = (f"converted from {encoding}",) if encoding else ()
    return Extracted(text=text, encoding=f"doc ({converter.name})", notes=notes + cut_note)


def _convert_doc(raw: bytes, converter: Converter, program: str, limits: Limits) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, _DOC_NAME)
        with open(path, "wb") as file:
            file.write(raw)
        result = run_capped(
            converter.command(program, path),
            seconds=limits.seconds,
            max_output_bytes=4 * limits.max_text_chars + 4,  # UTF-8: 4 bytes a character at most
        )
    if result.timed_out:
        raise CorpusError(f"cannot read .doc: {converter.name} took more than {limits.seconds:g} s")
    if result.returncode != 0:
        if result.returncode < 0:
            status = f"crashed (signal {-result.returncode})"
        else:
            status = f"exit status {result.returncode}"
        first_line = next(
            (line.strip() for line in result.stderr.splitlines() if line.strip()), status
        )
        # The reason names the file as the user knows it, not our temporary copy.
        first_line = first_line.replace(path, "the file").replace(_DOC_NAME, "the file")
        raise ConverterFailed(f"cannot read .doc: {converter.name}: {first_line}")
    return result.stdout


def _paragraphs_of(output: str) -> str:
    """A converter's output with a blank line between paragraphs (one a line, with -w)."""
    lines = (line.rstrip() for line in output.replace("\r\n", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line.strip())


def _what_it_is(raw: bytes) -> str:
    head = raw[:512].lstrip().lower()
    if head.startswith(b"{\\rtf"):
        return "an RTF file (open it in Word and save it as .docx)"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "a web page or XML file saved with a .doc name"
    return "unknown format"


@dataclass(frozen=True)
class RunResult:
    returncode: int  # 0 as well when the output was cut at its limit
    stdout: bytes
    stderr: str
    timed_out: bool = False


def run_capped(command: list[str], *, seconds: float, max_output_bytes: int) -> RunResult:
    """Run a program (no shell) for at most ``seconds``, keeping at most ``max_output_bytes``
    of what it prints; it is killed, with any child it started, past either limit."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, to be killed whole
    )
    output = {process.stdout: bytearray(), process.stderr: bytearray()}
    deadline = time.monotonic() + seconds
    timed_out = truncated = False
    try:
        with selectors.DefaultSelector() as selector:
            for stream in output:
                selector.register(stream, selectors.EVENT_READ)
            while selector.get_map() and not truncated:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    timed_out = True
                    break
                for key, _ in selector.select(remaining):
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        selector.unregister(key.fileobj)
                    output[key.fileobj] += chunk
                # Enough text: the rest would be cut anyway.
                truncated = len(output[process.stdout]) > max_output_bytes
    finally:
        # Whatever is left of its process group goes, also when the indexer's own time
        # limit interrupts the wait: a child could hold the pipes open.
        _kill_group(process)
        returncode = process.wait()
        for stream in output:
            stream.close()
    return RunResult(
        returncode=0 if truncated else returncode,
        stdout=bytes(output[process.stdout][:max_output_bytes]),
        stderr=output[process.stderr].decode("utf-8", errors="replace"),
        timed_out=timed_out,
    )


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group has ended already
        os.killpg(process.pid, signal.SIGKILL)


# --- Shared --------------------------------------------------------------------------------


def _capped(text: str, max_chars: int) -> tuple[str, tuple[str, ...]]:
    if len(text) <= max_chars:
        return text, ()
    return text[:max_chars].rstrip(), (f"text cut at {max_chars:,} characters",)


def _error_text(error: BaseException) -> str:
    kind = type(error).__name__
    if kind == "error":  # zlib.error, and the like: the module says what it is
        kind = f"{type(error).__module__}.{kind}"
    message = str(error).strip().split("\n")[0]
    return f"{kind}: {message}" if message else kind


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):,.1f} MB"
