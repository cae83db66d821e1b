"""PDF reports → text, read with pypdfium2 (PDFium, the PDF engine of Chromium).

Chosen by bench/ingest/pdf_libraries.py on 36 printed vietnews articles (101 pages): pypdf
and PDFium read every character in order, pdfminer.six moves a table's row numbers out of
their rows, and PDFium is about ten times faster than pypdf. PDFium also gives every line's
position, from which the page margins and the paragraphs are found (pdf_layout).

PDFium is not thread-safe: call extract_pdf from one thread of a process at a time.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata

import pypdfium2
import pypdfium2.raw as pdfium

from indexer.document import CorpusError
from indexer.formats import Extracted, Limits
from indexer.formats.pdf_layout import Line, Page, paragraphs, without_margins
from indexer.formats.readable_text import unreadable_reason

__all__ = ["UnreadableText", "extract_pdf", "meaningful_title", "unreadable_reason"]

NO_TEXT_LAYER = "no text layer (scanned?)"
NOT_A_PDF = "not a PDF: no %PDF- header"
TRUNCATED = "truncated PDF: no %%EOF marker at its end"
DAMAGED = "damaged PDF: PDFium cannot read it"
NEEDS_PASSWORD = "encrypted PDF: a password is needed to open it"
UNSUPPORTED_SECURITY = "encrypted PDF: its security handler is not supported"

# Readers look for the header and the end marker this close to the file's ends (the PDF
# specification's tolerance, which Acrobat keeps).
MARKER_WINDOW = 1024
# Pages read at least, even past the text limit: a running header is known by its repeats.
MIN_PAGES_FOR_MARGINS = 4
# Words further apart than this (in ems) sit in two cells of a table row (two paddings and
# a rule at least): justified text stretches its spaces to half an em, rarely more.
CELL_GAP_EMS = 1.2
# A symbolic font without an encoding gives its 8-bit codes as U+F000 + code.
_SYMBOL_FONT_CODES = re.compile("[\uf020-\uf0ff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INNER_SOFT_HYPHEN = re.compile("[\u00ad\u0002\ufffe](?!$)")
_CONTROL_CHARS = re.compile("[\x00-\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_NOISE = re.compile(
    r"^(?:microsoft\s+(?:word|excel|powerpoint)\s+-\s+|untitled\b|document\d*$|title$|slide\s*\d+$)",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(
    r"^\S*\.(?:docx?|pdf|html?|txt|rtf|odt|xlsx?|pptx?)$|^[\w.-]+\.\w{2,4}$", re.IGNORECASE
)
_ADDRESS = re.compile(r"^(?:https?|file)://|^[a-z]:\\", re.IGNORECASE)


class UnreadableText(CorpusError):
    """Text that is mojibake (unreadable_reason). ``extracted`` holds it all the same, for
    a caller that converts legacy encodings (TCVN3, VNI) and checks again."""

    def __init__(self, reason: str, extracted: Extracted):
        super().__init__(reason)
        self.extracted = extracted


def extract_pdf(raw: bytes, limits: Limits) -> Extracted:
    """The text of a PDF with a text layer, its margins dropped, its paragraphs rejoined.

    Raises CorpusError for a file that is not a whole PDF, needs a password, has more than
    ``limits.max_pages`` pages (checked before any page is read) or no text; UnreadableText
    for mojibake. The text is cut at ``limits.max_text_chars``, with a note saying so.
    """
    _check_markers(raw)
    document = _open(raw)
    try:
        count = len(document)
        if count > limits.max_pages:
            raise CorpusError(
                f"PDF of {count:,} pages: more than the limit of {limits.max_pages:,}"
            )
        pages = _read_pages(document, limits.max_text_chars)
        title = meaningful_title(document.get_metadata_value("Title"))
    except pypdfium2.PdfiumError as error:
        raise CorpusError(f"{DAMAGED} ({error})") from None
    finally:
        document.close()
    text = "\n\n".join(paragraphs(without_margins(pages)))
    notes = []
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        notes.append(f"text cut at {limits.max_text_chars:,} characters")
    if not text.strip():
        raise CorpusError(NO_TEXT_LAYER)
    extracted = Extracted(text=text, title=title, encoding="pdf", notes=tuple(notes))
    reason = unreadable_reason(text)
    if reason:
        raise UnreadableText(reason, extracted)
    return extracted


def meaningful_title(value: str | None) -> str | None:
    """The metadata title, unless it is empty, a file name or address, or a program's
    placeholder ("Microsoft Word - bao cao.doc", "Untitled", "Document1")."""
    title = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not any(char.isalpha() for char in title) or unreadable_reason(title):
        return None
    if _META_NOISE.match(title) or _FILE_NAME.match(title) or _ADDRESS.match(title):
        return None
    return title


def _check_markers(raw: bytes) -> None:
    if b"%PDF-" not in raw[:MARKER_WINDOW]:
        raise CorpusError(NOT_A_PDF)
    if b"%%EOF" not in raw[-MARKER_WINDOW:]:
        raise CorpusError(TRUNCATED)


def _open(raw: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium.FPDF_ERR_PASSWORD:
            raise CorpusError(NEEDS_PASSWORD) from None
        if error.err_code == pdfium.FPDF_ERR_SECURITY:
            raise CorpusError(UNSUPPORTED_SECURITY) from None
        raise CorpusError(DAMAGED) from None


def _read_pages(document: pypdfium2.PdfDocument, max_chars: int) -> list[Page]:
    """Every page's lines, until ``max_chars`` characters have been read (and enough pages
    to tell their running header from their text)."""
    pages, chars = [], 0
    for index in range(len(document)):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                lines = _page_lines(textpage)
            finally:
                textpage.close()
        finally:
            page.close()
        pages.append(lines)
        chars += sum(len(line.text) for line in lines)
        if chars > max_chars and len(pages) >= MIN_PAGES_FOR_MARGINS:
            break
    return pages


def _page_lines(textpage: pypdfium2.PdfTextPage) -> Page:
    """The page's lines in PDFium's reading order. Characters are read one by one: PDFium's
    whole-page text does not map back to character positions when it adds or drops some."""
    count = textpage.count_chars()
    chars = "".join(_char(pdfium.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    breaks = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(chars)] + [(count, count)]
    lines, start = [], 0
    for end, after in breaks:
        raw_line = chars[start:end]
        text = _clean(raw_line)
        if text.strip():
            first = start + len(raw_line) - len(raw_line.lstrip())
            last = start + len(raw_line.rstrip()) - 1
            cells = 1 + _wide_gaps(textpage, chars, first, last)
            lines.append(_line(textpage, text, first, last, cells))
        start = after
    return lines


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def _clean(text: str) -> str:
    text = _SYMBOL_FONT_CODES.sub(lambda match: chr(ord(match.group()) - 0xF000), text)
    # A soft hyphen means something only at the line's end, where pdf_layout joins the word.
    text = _INNER_SOFT_HYPHEN.sub("", text.rstrip())
    return unicodedata.normalize("NFC", _CONTROL_CHARS.sub("", text))


def _wide_gaps(textpage: pypdfium2.PdfTextPage, chars: str, first: int, last: int) -> int:
    """Spaces between table cells: wider than CELL_GAP_EMS, measured from the ink each side."""
    gaps = 0
    for index in range(first + 1, last):
        if chars[index] != " " or chars[index - 1] == " " or chars[index + 1] == " ":
            continue
        ink_before, ink_after = _box(textpage, index - 1), _box(textpage, index + 1)
        size = max(pdfium.FPDFText_GetFontSize(textpage, index - 1), 1.0)
        gaps += ink_after[0] - ink_before[2] > CELL_GAP_EMS * size
    return gaps


def _box(textpage: pypdfium2.PdfTextPage, index: int) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a character."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
    return left.value, bottom.value, right.value, top.value


def _line(textpage: pypdfium2.PdfTextPage, text: str, first: int, last: int, cells: int) -> Line:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium.FPDFText_GetCharOrigin(textpage, first, x, y)
    size = pdfium.FPDFText_GetFontSize(textpage, first)
    right = _box(textpage, last)[2]
    return Line(text=text, baseline=y.value, left=x.value, right=right, size=size, cells=cells)
