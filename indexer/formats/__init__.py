"""Text out of the file types a corpus holds, one module per type: saved web pages
(web_page), PDF (pdf_file), Word (word_file); legacy_encoding turns TCVN3 and VNI text into
Unicode for all of them and for plain text.

Each module's entry point takes the file's bytes (and the limits) and returns an Extracted
record, or raises indexer.document.CorpusError with the one-line reason shown in the
indexer's report. None of them reads a path: indexer.corpus opens the file, safely, once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


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
