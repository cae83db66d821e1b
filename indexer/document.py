"""The records passed between the indexer's steps: a file read from the corpus, and its metadata."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Where a metadata value came from, shown by `reform-search docs` so a curator can check it.
FRONT_MATTER = "front_matter"
SIDECAR = "sidecar"  # a curator's NAME.EXT.yaml beside the file
FILE_METADATA = "file_metadata"  # what the file's format states: an HTML page's own date
EXTRACTED = "extracted"
INFERRED = "inferred"


@dataclass(frozen=True)
class FileFacts:
    """What a file states about itself outside its text: a web page's publication date (read
    from its metadata) and its address."""

    date: datetime.date | None = None
    source: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """One corpus file, decoded and cleaned, before metadata extraction."""

    path: str  # POSIX path relative to the corpus root; the stable id is derived from it
    title: str | None  # front matter `title`, first Markdown heading, or first line of a .txt
    body: str  # NFC text with web boilerplate removed (Markdown source for .md files)
    front_matter: dict  # the parsed YAML header, {} when there is none
    content_hash: str  # sha256 hex of the file's raw bytes, "+" its sidecar's if it has one
    encoding: str  # how it was read: "utf-8", "cp1258", "tcvn3", "pdf", "docx", "html utf-8"
    sidecar: dict = field(default_factory=dict)  # the curator's NAME.EXT.yaml, {} when none
    facts: FileFacts = FileFacts()
    notes: tuple[str, ...] = ()  # lines for the indexer's report ("converted from TCVN3")


@dataclass(frozen=True)
class Metadata:
    """Facts about a document, each with its origin (FRONT_MATTER, EXTRACTED or INFERRED)."""

    title: str
    date: datetime.date | None = None
    year: int | None = None
    periods: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    source: str | None = None
    origins: dict[str, str] = field(default_factory=dict)


# A reason is one line of the indexer's report: never a document's content at length.
MAX_REASON_CHARS = 200


class CorpusError(Exception):
    """A file that cannot be indexed; the message is the reason shown to the user."""

    def __init__(self, reason: str):
        super().__init__(short_reason(reason))


def short_reason(reason: str) -> str:
    """``reason`` on one line of at most MAX_REASON_CHARS characters."""
    reason = " ".join(reason.split())
    if len(reason) <= MAX_REASON_CHARS:
        return reason
    return reason[: MAX_REASON_CHARS - 1].rstrip() + "…"
