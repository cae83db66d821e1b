"""Exported hits as rows: CSV lines and JSON text, produced a row at a time.

Shared by the web exports and ``reform-search search --format csv``; no Flask. A row is
plain text, never HTML: the first snippet with its marks dropped and entities decoded.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from indexer.analysis import fold, normalize

COLUMNS = (
    "id",
    "title",
    "date",
    "year",
    "periods",
    "leaders",
    "topics",
    "source",
    "url",
    "score",
    "snippet",
)
LIST_SEPARATOR = "; "
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with one
# A cell starting with one of these is a formula to a spreadsheet ("=HYPERLINK(…)" in a
# title would run when the file is opened): such a cell is written after a quote mark,
# which spreadsheets show as text and hide (OWASP's advice on CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 50  # CSV rows written per piece of the response
MAX_FILENAME_CHARS = 60
_TAG = re.compile(r"<[^>]*>")


def export_row(hit, url: str) -> dict:
    """One hit as an exported row: the columns, lists as lists (JSON keeps them so)."""
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date,
        "year": hit.year,
        "periods": list(hit.periods),
        "leaders": list(hit.leaders),
        "topics": list(hit.topics),
        "source": hit.source,
        "url": url,
        "score": hit.score,
        "snippet": plain_snippet(hit.snippets),
        "missing": list(hit.missing),
    }


def plain_snippet(snippets: list[str]) -> str:
    """The first snippet as text: marks dropped, entities decoded ("" without one)."""
    return html.unescape(_TAG.sub("", snippets[0])) if snippets else ""


def csv_cell(value) -> str | int | float:
    """A value as a CSV cell: lists joined, None empty, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[dict], bom: bool = True) -> Iterator[str]:
    """The header, then the rows, as CSV text (RFC 4180: CRLF, quotes where needed),
    in pieces of ``ROWS_PER_CHUNK`` rows so that a long export streams."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield (BOM if bom else "") + _taken(buffer)
    for number, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
        if number % ROWS_PER_CHUNK == 0:
            yield _taken(buffer)
    rest = _taken(buffer)
    if rest:
        yield rest


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def json_chunks(head: dict, rows: Iterable[dict]) -> Iterator[str]:
    """``head`` with a ``documents`` array of ``rows`` after its keys, as JSON text
    written a row at a time (never the whole list in memory)."""
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield opening + ', "documents": ['  # head is never empty: it holds the total
    for number, row in enumerate(rows):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def export_filename(query: str, suffix: str) -> str:
    """A download's file name from the query: ASCII letters, digits and hyphens only
    (accents dropped), so that no browser or shell needs it quoted."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(normalize(query)).lower()).strip("-")
    if len(words) > MAX_FILENAME_CHARS:
        words = words[:MAX_FILENAME_CHARS].rsplit("-", 1)[0]
    return f"reform-search-{words or 'all'}.{suffix}"


def document_url(public_url: str, doc_id: str) -> str:
    """A document page's address under the site's public address ("" without one): the
    command line has no request to build it from."""
    return f"{public_url.rstrip('/')}/doc/{quote(doc_id)}" if public_url else ""
