"""Headers on every response: content-type sniffing off, a strict CSP, framing and CORS rules.

Pages load only this site's styles, scripts and images; no inline script is allowed.
Only ``/embed`` may be framed, and only by this site and the configured origins.
Static files (``embed.js`` among them) may be loaded by any page; what gates other sites'
use of the data is ``/api/*``, which answers browsers of the configured origins only (CORS),
none by default.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# A corpus file sent as it is: whatever it holds (a saved page's scripts) runs nothing on
# this site. Chromium shows no PDF under "sandbox", and its viewer runs apart anyway.
ORIGINAL_FILE_ENDPOINTS = {"ui.original"}
ORIGINAL_FILE_CSP = "default-src 'none'; frame-ancestors 'none'"
FRAMABLE_ENDPOINTS = {"embed.embed"}
SHARED_ENDPOINTS = {"static"}
CORS_METHODS = "GET, OPTIONS"


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.after_request(add_cors_headers)


def add_security_headers(response: Response) -> Response:
    """Set the CSP, nosniff and referrer headers; allow framing only where meant."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint in FRAMABLE_ENDPOINTS:
        ancestors = " ".join(["'self'", *current_app.config["REFORM_SEARCH_FRAME_ORIGINS"]])
    else:
        ancestors = "'none'"
        response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = f"{CSP}; frame-ancestors {ancestors}"
    if request.endpoint in ORIGINAL_FILE_ENDPOINTS and response.status_code == 200:
        sandbox = "" if response.mimetype == "application/pdf" else "sandbox; "
        response.headers["Content-Security-Policy"] = sandbox + ORIGINAL_FILE_CSP
    if request.endpoint in SHARED_ENDPOINTS:
        # Explicit, so that embed.js still loads in host pages that require it (COEP).
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def add_cors_headers(response: Response) -> Response:
    """Let the configured origins read ``/api/*`` responses."""
    if not request.path.startswith("/api/"):
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    allowed = current_app.config["REFORM_SEARCH_CORS_ORIGINS"]
    if origin and (origin in allowed or "*" in allowed):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Max-Age"] = "600"
    return response
