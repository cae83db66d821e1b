"""The app's one SearchService, and what /healthz says about the index it serves."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Flask, current_app

from indexer.analysis import segment
from search_app.service import SearchService


def init_app(app: Flask) -> None:
    app.extensions["reform_search"] = SearchService(
        Path(app.config["REFORM_SEARCH_INDEX"]),
        max_per_page=app.config["REFORM_SEARCH_MAX_PER_PAGE"],
        cache_size=app.config["REFORM_SEARCH_CACHE_SIZE"],
    )
    # Load pyvi's model now, so `gunicorn --preload` loads it once for all workers. The
    # index itself is opened lazily, in each worker: open files must not cross a fork.
    segment("khởi động")


def get_service() -> SearchService:
    """The search service of the current app."""
    return service_of(current_app)


def service_of(app: Flask) -> SearchService:
    return app.extensions["reform_search"]


def index_status() -> dict:
    """The served index's document count and age; raises NoIndexError without one."""
    stats = get_service().stats()
    return {
        "documents": stats["documents"],
        "generation": stats["generation"],
        "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stats["updated"])),
        "age_seconds": round(max(0.0, time.time() - stats["updated"])),
    }
