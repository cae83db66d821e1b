"""The HTML pages: search, document, query-syntax help."""

from __future__ import annotations

import re
from dataclasses import replace

from flask import Blueprint, abort, current_app, g, render_template, request, send_file, url_for

from indexer.originals import open_original
from indexer.schema import facet_label
from search_app.engine.document_view import FIRST_MATCH_ID, highlight, render_markdown, render_plain
from search_app.engine.limits import cut_query
from search_app.engine.service import describe
from search_app.web import params
from search_app.web.backend import get_service
from search_app.web.i18n import STRINGS, language, t
from search_app.web.pages import SearchLinks, has_filters, result_range

bp = Blueprint("ui", __name__)

DOC_ID = re.compile(r"^[\w.-]{1,200}$")
HELP_EXAMPLES = (
    ("cải cách thủ tục", "help_words"),
    ('"chính phủ điện tử"', "help_phrase"),
    ("cải cách -covid", "help_exclude"),
    ("cắt giảm bao nhiêu thủ tục hành chính?", "help_question"),
    ("NĐ 60/2021", "help_docnum"),
    ('TTHC OR "thủ tục hành chính"', "help_or"),
    ('leader:"Phạm Minh Chính"', "help_leader"),
    ("topic:procedures", "help_topic"),
    ("year:2015..2020", "help_year"),
    ("period:2011-2020", "help_period"),
)
META_FIELDS = ("date", "year", "periods", "leaders", "topics", "source", "path")


@bp.get("/")
@bp.get("/search")
def search():
    """Show the search box, results, facets and pagination."""
    return render_template("search.html", **search_context("ui.search"))


@bp.get("/doc/<doc_id>")
def document(doc_id: str):
    """Show one document with the query's words marked."""
    stored = get_service().document(doc_id) if DOC_ID.match(doc_id) else None
    if stored is None:
        abort(404)
    search, _ = params.search_request(request.args, language(), _max_per_page())
    body = render_markdown(stored["markdown"]) if stored.get("markdown") else None
    body = body if body is not None else render_plain(stored.get("text") or "")
    limits = get_service().limits
    query, _ = cut_query(search.query, limits.max_query_chars)
    body, matches, marks_cut = highlight(body, query, limits.highlight_chars)
    back = params.request_args(search, g.lang_arg)
    similar = [
        (hit, url_for("ui.document", doc_id=hit.id, lang=g.lang_arg))
        for hit in get_service().similar(doc_id)
    ]
    return render_template(
        "document.html",
        doc=describe(stored),
        meta=_metadata_rows(describe(stored)),
        body=body,
        matches=matches,
        notices=[t("notice_highlight_limit")] if marks_cut and matches else [],
        query=search.query,
        first_match=FIRST_MATCH_ID,
        back_url=url_for("ui.search", **back),
        has_search=bool(set(back) - {"lang"}),
        similar=similar,
        original_url=url_for("ui.original", doc_id=stored["id"]),
        original_name=stored["path"].rsplit("/", 1)[-1],
    )


@bp.get("/doc/<doc_id>/original")
def original(doc_id: str):
    """Send the document's original file, as it is in the corpus folder now."""
    stored = get_service().document(doc_id) if DOC_ID.match(doc_id) else None
    if stored is None:
        abort(404)
    try:
        found = open_original(get_service().index_dir, stored["path"])
    except OSError:
        page = render_template(
            "error.html", title_key="not_found_title", text_key="original_missing"
        )
        return page, 404
    response = send_file(
        open(found.descriptor, "rb"),  # noqa: SIM115 - the response closes it when sent
        mimetype=found.content_type,
        as_attachment=found.disposition == "attachment",
        download_name=found.filename,
        conditional=False,
    )
    # As it is: a text file's encoding is not known to be UTF-8, so no charset is claimed.
    response.headers["Content-Type"] = found.content_type
    response.content_length = found.size  # the size of the file opened: a download's progress
    return response


@bp.get("/help")
def help_page():
    """Explain the query syntax, with examples that run."""
    examples = [
        (text, key, url_for("ui.search", q=text, lang=g.lang_arg)) for text, key in HELP_EXAMPLES
    ]
    return render_template("help.html", examples=examples)


def search_context(endpoint: str) -> dict:
    """Everything a search page renders, from the request's arguments."""
    search, errors = params.search_request(request.args, language(), _max_per_page())
    result = get_service().search(search)
    links = SearchLinks(search, g.lang_arg, lambda args: url_for(endpoint, **args))
    first, last = result_range(result)
    doc_args = params.request_args(replace(search, page=1, per_page=10), g.lang_arg)
    return {
        "search": search,
        "result": result,
        "hits": [
            (hit, url_for("ui.document", doc_id=hit.id, **doc_args), _topic_labels(hit.topics))
            for hit in result.hits
        ],
        "facets": links.facets(result),
        "chips": links.chips(result),
        "form_fields": links.hidden_fields("q", "sort"),
        "range_fields": links.hidden_fields("year_from", "year_to"),
        "clear_all_url": links.clear_all(),
        "browse_all_url": links.browse_all(),
        "first_page_url": links.first_page(),
        "pagination": links.pagination(result),
        "notices": [_notice(code) for code in result.notices] + [e.message(t) for e in errors],
        "first": first,
        "last": last,
        "seconds": _seconds(result.took_ms),
        "browsing": not search.query,
        "filtered": has_filters(search),
        "full_search_url": url_for("ui.search", **params.request_args(search, g.lang_arg)),
        "suggestion_url": _suggestion_url(endpoint, search, result),
    }


def _suggestion_url(endpoint: str, search, result) -> str | None:
    if result.suggestion is None:
        return None
    args = params.request_args(replace(search, query=result.suggestion.query, page=1), g.lang_arg)
    return url_for(endpoint, **args)


@bp.app_template_global("label")
def label(facet: str, value) -> str:
    """A facet value as the interface shows it (templates: ``label("period", p)``)."""
    return facet_label(facet, value, language())


def _topic_labels(topics: list[str]) -> list[str]:
    return [facet_label("topic", topic, language()) for topic in topics]


def _max_per_page() -> int:
    return current_app.config["REFORM_SEARCH_MAX_PER_PAGE"]


def _notice(code: str) -> str:
    key = f"notice_{code}"
    return t(key) if key in STRINGS["vi"] else code.replace("_", " ")


def _seconds(took_ms: float) -> str:
    text = f"{took_ms / 1000:.2f}"
    return text.replace(".", ",") if language() == "vi" else text


def _metadata_rows(doc: dict) -> list[tuple[str, str, str | None, str | None]]:
    """(label key, shown value, link or None, origin key or None) for the metadata table."""
    lang, rows = language(), []
    for name in META_FIELDS:
        value = doc.get(name)
        if value in (None, "", []):
            continue
        if name in ("periods", "topics"):
            value = ", ".join(facet_label(name[:-1], v, lang) for v in value)
        elif isinstance(value, list):
            value = ", ".join(value)
        link = value if name == "source" and re.match(r"^https?://", str(value)) else None
        origin = f"origin_{doc['origins'].get(name)}"
        rows.append((f"meta_{name}", str(value), link, origin if origin in STRINGS[lang] else None))
    return rows
