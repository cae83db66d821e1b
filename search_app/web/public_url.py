"""Absolute URLs (OpenSearch, the API's document ``url``): under the site's public address
when ``REFORM_SEARCH_PUBLIC_URL`` is set, else from the request as Flask builds them.

Built from the request, an absolute URL repeats the Host header the client sent: any
client can make the app print links to a host of its choosing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, current_app, url_for

from reform_search.settings import SettingError

SETTING = "REFORM_SEARCH_PUBLIC_URL"
EXAMPLE = "https://search.example.gov.vn/cchc"
# Printable ASCII without spaces: a URL as it is sent, non-ASCII percent-encoded.
URL_CHARACTERS = re.compile(r"[!-~]+")


def init_app(app: Flask) -> None:
    app.config[SETTING] = checked_public_url(app.config[SETTING])
    app.add_template_global(absolute_url)


def checked_public_url(value: str) -> str:
    """``value`` without its trailing slash; SettingError saying what a valid one is."""
    if value and not _is_site_address(value):
        raise SettingError(
            f"{SETTING} must be the site's address as its users reach it, http(s)://host"
            f"[:port][/prefix] without user, query or fragment, non-ASCII percent-encoded"
            f" (such as {EXAMPLE}); got {value!r}"
        )
    return value.rstrip("/")


def _is_site_address(value: str) -> bool:
    if not URL_CHARACTERS.fullmatch(value) or "?" in value or "#" in value:
        return False
    parts = urlsplit(value)
    try:
        port = parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and port != 0
    )


def absolute_url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` (templates: ``absolute_url("ui.search")``)."""
    public = current_app.config[SETTING]
    if not public:
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(public)
    current_app.inject_url_defaults(endpoint, values)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
