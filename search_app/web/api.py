"""The JSON API: the same data as the pages, in the shape of `reform-search search --json`."""

from __future__ import annotations

import functools
import re

from flask import Blueprint, abort, current_app, jsonify, request
from werkzeug.exceptions import BadRequest

from search_app.engine.citation import cite
from search_app.engine.service import describe
from search_app.web import params
from search_app.web.backend import UnhealthyIndex, get_service, index_status
from search_app.web.errors import error_json
from search_app.web.i18n import translate
from search_app.web.openapi import openapi_document
from search_app.web.public_url import absolute_url

bp = Blueprint("api", __name__)

DOC_ID = re.compile(r"^[\w.-]{1,200}$")


@bp.get("/api/search")
def search():
    """Search: hits with snippets, facets, notices and timing."""
    return jsonify(get_service().search(checked_search_request()).to_json())


@bp.get("/api/facets")
def facets():
    """Facet counts for a query and filters, without the hits."""
    result = get_service().search(checked_search_request(per_page=1))
    return jsonify(
        {"query": result.query, "total": result.total, "facets": result.to_json()["facets"]}
    )


@bp.get("/api/doc/<doc_id>")
def document(doc_id: str):
    """One document: metadata with origins, plain text, Markdown source, similar documents,
    and its citation."""
    service = get_service()
    stored = service.document(doc_id) if DOC_ID.match(doc_id) else None
    if stored is None:
        abort(404, description="no document with this id")
    url = absolute_url("ui.document", doc_id=stored["id"])
    similar = [
        {"id": hit.id, "title": hit.title, "date": hit.date, "year": hit.year}
        for hit in service.similar(doc_id)
    ]
    return jsonify(
        describe(stored)
        | {
            "text": stored.get("text") or "",
            "markdown": stored.get("markdown"),
            "url": url,
            "original_url": absolute_url("ui.original", doc_id=stored["id"]),
            "similar": similar,
            "citation": cite(describe(stored), url, api_language()).to_json(),
        }
    )


@bp.get("/api/openapi.json")
def openapi():
    """The OpenAPI description of this API."""
    config = current_app.config
    return jsonify(
        openapi_document(
            config["REFORM_SEARCH_MAX_PER_PAGE"], config["REFORM_SEARCH_MAX_QUERY_CHARS"]
        )
    )


@bp.get("/healthz")
def healthz():
    """Say whether the index in service can be searched, with its live document count and age."""
    try:
        status = index_status()
    except UnhealthyIndex as error:
        current_app.logger.error("health check failed: %s", error)
        return error_json(503, str(error))
    return jsonify({"status": "ok"} | status)


def api_language() -> str:
    """The ``lang`` argument when it is one the API speaks, else Vietnamese."""
    return request.args.get("lang") if request.args.get("lang") in ("vi", "en") else "vi"


def refuse(errors: list[params.ParamError]) -> None:
    """The API's 400 naming every bad argument, if there is any (the exports, the feed,
    the trends and the comparison answer the same way)."""
    if errors:
        english = functools.partial(translate, "en")
        raise BadRequest(
            "; ".join(f"invalid parameter '{e.name}': {e.why(english)}" for e in errors)
        )


def checked_search_request(**overrides):
    """The request's SearchRequest, or the API's 400 naming every bad argument (the
    exports and the feed take the same arguments and answer the same way)."""
    lang = api_language()
    config = current_app.config
    search, errors = params.search_request(
        request.args,
        lang,
        config["REFORM_SEARCH_MAX_PER_PAGE"],
        config["REFORM_SEARCH_MAX_QUERY_CHARS"],
    )
    refuse(errors)
    for name, value in overrides.items():
        setattr(search, name, value)
    return search
