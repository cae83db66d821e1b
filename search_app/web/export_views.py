"""Every match of a search as a download (/export.csv, /export.json), the newest as an Atom
feed (/feed.atom), and the helpers the pages use to link them and to cite a document.

The parameters are those of /api/search, validated the same way (a bad one is the API's
400); ``page`` is ignored. An export holds at most REFORM_SEARCH_MAX_EXPORT_ROWS rows, in
the search's order, written while they are read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for

from indexer.schema import facet_label
from search_app.engine.citation import cite
from search_app.engine.export_format import (
    csv_lines,
    export_filename,
    export_row,
    json_chunks,
    plain_snippet,
)
from search_app.web import params
from search_app.web.api import checked_search_request
from search_app.web.backend import get_service
from search_app.web.feed import Entry, Feed, atom_xml
from search_app.web.i18n import language, t
from search_app.web.public_url import absolute_url

bp = Blueprint("export", __name__)

SETTING = "REFORM_SEARCH_MAX_EXPORT_ROWS"
FEED_ENTRIES = 20
CAPPED_NOTICE = "export_capped"


@bp.get("/export.csv")
def csv():
    """Every match as CSV: UTF-8 with a BOM (Excel), one row per document."""
    search, export = _export()
    rows = _rows(export.hits)
    response = Response(stream_with_context(csv_lines(rows)), mimetype="text/csv")
    return _download(response, search, export, "csv")


@bp.get("/export.json")
def json():
    """Every match as one JSON object, its ``documents`` written a row at a time."""
    search, export = _export()
    capped = export.rows < export.total
    head = {
        "query": search.query,
        "total": export.total,
        "rows": export.rows,
        "capped": capped,
        "notices": export.notices + ([CAPPED_NOTICE] if capped else []),
    }
    chunks = json_chunks(head, _rows(export.hits))
    response = Response(stream_with_context(chunks), mimetype="application/json")
    return _download(response, search, export, "json")


@bp.get("/feed.atom")
def feed():
    """The newest matching documents as an Atom feed, to follow a theme."""
    search = replace(checked_search_request(), sort="newest", page=1)
    export = get_service().export(search, FEED_ENTRIES)
    indexed = datetime.fromtimestamp(get_service().stats()["updated"], UTC)
    entries = [_entry(hit, indexed) for hit in export.hits]
    canonical = params.request_args(replace(search, per_page=10))  # no lang: one id
    document = Feed(
        id=absolute_url("export.feed", **canonical),
        title=t("feed_title", query=search.query) if search.query else t("feed_title_all"),
        self_url=absolute_url("export.feed", **params.request_args(search, _lang_arg())),
        page_url=absolute_url("ui.search", **params.request_args(search, _lang_arg())),
        updated=max((entry.updated for entry in entries), default=indexed),
        author=t("site_name"),
        entries=entries,
    )
    return Response(atom_xml(document), mimetype="application/atom+xml")


def _export():
    search = checked_search_request()
    return search, get_service().export(search, current_app.config[SETTING])


def _rows(hits):
    document_url = _document_urls()
    for hit in hits:
        yield export_row(hit, document_url(hit.id))


def _document_urls():
    """id → the document page's absolute URL. Built once and completed per row: ids are
    letters, digits, '.', '-' and '_' (ui.DOC_ID), which a URL holds percent-encoded as
    url_for writes them, and 10,000 rows need not bind the URL map 10,000 times."""
    marker = "0"
    prefix = absolute_url("ui.document", doc_id=marker)[: -len(marker)]
    return lambda doc_id: prefix + quote(doc_id, safe="")


def _download(response: Response, search, export, suffix: str) -> Response:
    filename = export_filename(search.query, suffix)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Total-Count"] = str(export.total)
    response.headers["X-Export-Rows"] = str(export.rows)
    response.headers["X-Export-Capped"] = "true" if export.rows < export.total else "false"
    return response


def _entry(hit, indexed: datetime) -> Entry:
    url = absolute_url("ui.document", doc_id=hit.id)
    return Entry(
        id=url,
        title=hit.title,
        url=url,
        updated=_published(hit, indexed),
        summary=plain_snippet(hit.snippets),
        authors=tuple(hit.leaders),
        categories=tuple((topic, facet_label("topic", topic, language())) for topic in hit.topics),
    )


def _published(hit, indexed: datetime) -> datetime:
    """The document's date; 1 January of its year when only the year is known; the time
    the index last changed when neither is (such documents sort last, so a feed shows
    them only when fewer than its 20 dated documents match)."""
    try:
        return datetime.fromisoformat(hit.date or "").replace(tzinfo=UTC)
    except ValueError:
        pass  # no date, or not a whole one
    if hit.year:
        return datetime(hit.year, 1, 1, tzinfo=UTC)
    return indexed


def _lang_arg() -> str | None:
    return request.args.get("lang") if request.args.get("lang") in ("vi", "en") else None


# --- For the pages -------------------------------------------------------------------------


@bp.app_template_global("export_url")
def export_url(endpoint: str) -> str:
    """The export or feed of the search on the current page: its arguments but ``page``."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    return url_for(endpoint, **args)


@bp.app_template_global("max_export_rows")
def max_export_rows() -> int:
    return current_app.config[SETTING]


@bp.app_template_global("citation_of")
def citation_of(doc: dict):
    """The reference of a document (``describe``'s metadata) at its permanent address."""
    return cite(doc, absolute_url("ui.document", doc_id=doc["id"]), language())
