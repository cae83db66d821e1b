"""For other sites: the compact /embed page for an iframe, and the OpenSearch description."""

from __future__ import annotations

from flask import Blueprint, render_template

from search_app.web.ui import search_context

bp = Blueprint("embed", __name__)

OPENSEARCH_TYPE = "application/opensearchdescription+xml"


@bp.get("/embed")
def embed():
    """Show the search box and results, compact, for an iframe."""
    return render_template("embed.html", **search_context("embed.embed"))


@bp.get("/opensearch.xml")
def opensearch():
    """Describe the search for browsers (OpenSearch 1.1)."""
    page = render_template("opensearch.xml", opensearch_type=OPENSEARCH_TYPE)
    return page, 200, {"Content-Type": OPENSEARCH_TYPE}
