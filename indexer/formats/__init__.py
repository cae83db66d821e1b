"""Text out of the file types a corpus holds, one module per type: saved web pages
(web_page), PDF (pdf_file), Word (word_file); legacy_encoding turns TCVN3 and VNI text into
Unicode for all of them and for plain text.

Each module's entry point takes the file's bytes (and the limits) and returns an Extracted
record, or raises indexer.document.CorpusError with the one-line reason shown in the
indexer's report. None of them reads a path: indexer.corpus opens the file, safely, once.
"""

from __future__ import annotations

import datetime
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace

from indexer.document import CorpusError


@dataclass(frozen=True)
class Extracted:
    """The text of one file and what its format says about it."""

    text: str  # NFC plain text, "\n" newlines, a blank line between paragraphs
    title: str | None = None  # the title the file states (an HTML headline), else None
    # The file's own publication date and where it was read, e.g. "html:article:published_time".
    date: datetime.date | None = None
    date_origin: str | None = None
    source: str | None = None  # the document's address (an HTML page's canonical URL)
    encoding: str = ""  # how the text was read, for the report: "html utf-8", "pdf", "docx"
    notes: tuple[str, ...] = ()  # lines for the indexer's report ("converted from TCVN3")


@dataclass(frozen=True)
class Limits:
    """Caps on the work one file may cost; every one is a setting (reform_search.settings)."""

    max_pages: int = 2000  # PDF pages read; a longer PDF is skipped
    max_unpacked_bytes: int = 100 * 1024 * 1024  # DOCX: the zip's members, uncompressed
    max_text_chars: int = 5_000_000  # text extracted from one file
    seconds: float = 60.0  # one file's extraction; enforced by the caller (indexer.corpus)


WEB_PAGE_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
WORD_SUFFIXES = (".docx", ".doc")
FORMAT_SUFFIXES = WEB_PAGE_SUFFIXES + PDF_SUFFIXES + WORD_SUFFIXES


def extract_file(suffix: str, raw: bytes, limits: Limits) -> Extracted:
    """The text of a file of one of FORMAT_SUFFIXES, read within ``limits.seconds``."""
    with time_limit(limits.seconds):
        extracted = _legacy_converted(_extracted(suffix, raw, limits))
    if len(extracted.text) > limits.max_text_chars:
        raise CorpusError(
            f"text too long ({len(extracted.text):,} characters > {limits.max_text_chars:,})"
        )
    return extracted


def _extracted(suffix: str, raw: bytes, limits: Limits) -> Extracted:
    """What the type's extractor reads; a PDF whose text is unreadable (a legacy font with no
    Unicode map) is read again through the legacy encodings before it is refused."""
    from indexer.formats.pdf_file import UnreadableText
    from indexer.formats.readable_text import unreadable_reason

    try:
        return _extractor(suffix)(raw, limits)
    except UnreadableText as unreadable:
        converted = _legacy_converted(unreadable.extracted)
        if converted is unreadable.extracted or unreadable_reason(converted.text):
            raise
        return converted


def _legacy_converted(extracted: Extracted) -> Extracted:
    """``extracted`` with its TCVN3 or VNI lines in Unicode, and a note saying so; the same
    record when it has none (a .docx converts its runs itself, by their fonts)."""
    from indexer.formats.legacy_encoding import convert_legacy_text

    text, encoding = convert_legacy_text(extracted.text)
    if encoding is None:
        return extracted
    notes = (*extracted.notes, f"converted from {encoding}")
    return replace(extracted, text=text, notes=notes)


def _extractor(suffix: str):
    # Imported when first needed: a corpus of Markdown never loads the PDF or HTML libraries.
    if suffix in WEB_PAGE_SUFFIXES:
        from indexer.formats.web_page import extract_web_page

        return extract_web_page
    if suffix in PDF_SUFFIXES:
        from indexer.formats.pdf_file import extract_pdf

        return extract_pdf
    if suffix == ".docx":
        from indexer.formats.word_file import extract_docx

        return extract_docx
    if suffix == ".doc":
        from indexer.formats.word_file import extract_doc

        return extract_doc
    raise ValueError(f"no extractor for {suffix!r}")


class _TimeUp(BaseException):
    """Not an Exception: the libraries' own "except Exception" must not swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Raise CorpusError when the block runs longer than ``seconds``.

    An alarm signal interrupts the Python code of the PDF and HTML libraries between two
    steps. Signals reach only a process's main thread, where the indexer's workers read
    files; elsewhere (a thread of a server) the block runs unbounded.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise CorpusError(f"took longer than {seconds:g} s to read: skipped") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
