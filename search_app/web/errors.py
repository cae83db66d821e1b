"""Errors as one JSON shape under /api/ (and /healthz, the exports and the feed), as a
page everywhere else.

The JSON shape, pinned by a test: ``{"error": {"status": 404, "message": "..."}}``.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from search_app.engine.limits import Busy, OverBudget
from search_app.engine.service import NoIndexError

# Seconds a client is asked to wait before sending a heavy query again.
RETRY_AFTER_BUSY = 2

JSON_PATHS = ("/api/", "/healthz", "/export.", "/feed.")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(NoIndexError, handle_no_index)
    app.register_error_handler(OverBudget, handle_over_budget)
    app.register_error_handler(Busy, handle_busy)
    app.register_error_handler(Exception, handle_unexpected_error)


def wants_json() -> bool:
    return request.path.startswith(JSON_PATHS)


def error_body(status: int, message: str) -> dict:
    """The API's one error shape (also written by the server for errors the app never
    sees, see ``search_app.web.server``)."""
    return {"error": {"status": status, "message": message}}


def error_json(status: int, message: str, headers=None):
    """The API's one error response."""
    response = jsonify(error_body(status, message))
    response.status_code = status
    if headers:
        response.headers.extend(headers)
    return response


def handle_http_error(error: HTTPException):
    """Answer an HTTP error (404, 405 …) as JSON or as the error page."""
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if wants_json():
        return error_json(error.code or 500, error.description or error.name, headers)
    key = "not_found" if error.code in (404, 405) else "error"
    page = render_template("error.html", title_key=f"{key}_title", text_key=f"{key}_text")
    return page, error.code, headers


def handle_no_index(error: NoIndexError):
    """There is no index yet: 503, saying what to do."""
    if wants_json():
        return error_json(503, "no search index yet: run `reform-search index`")
    page = render_template("error.html", title_key="no_index_title", text_key="no_index_text")
    return page, ServiceUnavailable.code


def handle_over_budget(error: OverBudget):
    """The search ran out of time before it had any answer: 503, saying what to do."""
    message = "the search took too long; use fewer or rarer words, or a quoted phrase"
    return _unavailable(message, "over_budget", [])


def handle_busy(error: Busy):
    """Every heavy-query slot is taken: 503 with Retry-After."""
    message = "the server is busy with other long searches; try again in a few seconds"
    return _unavailable(message, "busy", [("Retry-After", str(RETRY_AFTER_BUSY))])


def _unavailable(message: str, key: str, headers):
    if wants_json():
        return error_json(503, message, headers)
    page = render_template("error.html", title_key=f"{key}_title", text_key=f"{key}_text")
    return page, ServiceUnavailable.code, headers


def handle_unexpected_error(error: Exception):
    """Log a bug and answer 500 without details."""
    current_app.logger.exception("unhandled error on %s", request.path)
    return handle_http_error(InternalServerError())
