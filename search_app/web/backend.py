"""The app's one SearchService, and what /healthz says about the index it serves."""

from __future__ import annotations

import re
import time
from pathlib import Path

from flask import Flask, current_app

from indexer.analysis import segment
from search_app.engine.limits import Limits
from search_app.engine.service import NoIndexError, SearchRequest, SearchService

LETTERS = re.compile(r"[^\W\d_]{2,}")
TEXT_SCANNED = 2000  # characters of a document looked through for a word to search
MAX_REASON_CHARS = 300


def init_app(app: Flask) -> None:
    app.extensions["reform_search"] = SearchService(
        Path(app.config["REFORM_SEARCH_INDEX"]),
        max_per_page=app.config["REFORM_SEARCH_MAX_PER_PAGE"],
        cache_size=app.config["REFORM_SEARCH_CACHE_SIZE"],
        limits=Limits.from_settings(app.config.__getitem__),
    )
    # Load pyvi's model now, so `gunicorn --preload` loads it once for all workers. The
    # index itself is opened lazily, in each worker: open files must not cross a fork.
    segment("khởi động")


def get_service() -> SearchService:
    """The search service of the current app."""
    return service_of(current_app)


def service_of(app: Flask) -> SearchService:
    return app.extensions["reform_search"]


class UnhealthyIndex(Exception):
    """The index in service is there, but searching it fails; the message says why."""


def index_status() -> dict:
    """The served index's live document count and age, once a search on it has worked;
    NoIndexError without an index, UnhealthyIndex when searching it fails."""
    service = get_service()
    try:
        documents = check_search(service)
        stats = service.stats()
    except (NoIndexError, UnhealthyIndex):
        raise
    except Exception as error:  # whatever breaks a search breaks the service
        raise UnhealthyIndex(f"searching the index failed: {_summary(error)}") from error
    return {
        "documents": documents,
        "generation": stats["generation"],
        "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stats["updated"])),
        "age_seconds": round(max(0.0, time.time() - stats["updated"])),
    }


def check_search(service: SearchService) -> int:
    """Search the index as users do, and return how many documents it serves.

    Browsing (no query) reads only per-document columns, so the newest document is then
    searched for by the longest word of its title: a rare word, whose postings are short
    to read, and which must find at least that document.
    """
    browse = service.search(SearchRequest(sort="newest", per_page=1), cached=False)
    if not browse.hits:
        return browse.total  # an empty index: nothing to search for, nothing wrong
    newest = browse.hits[0]
    word = _longest_word(newest.title) or _longest_word(_text_of(service, newest.id))
    if word is None:
        return browse.total
    found = service.search(SearchRequest(query=word, per_page=1), cached=False).total
    if found == 0:
        raise UnhealthyIndex(
            f"a search for {word!r}, a word of document {newest.id!r}, found nothing"
        )
    return browse.total


def _longest_word(text: str) -> str | None:
    # Letters only: digits, punctuation and quotes would be query syntax or numbers.
    words = LETTERS.findall(text[:TEXT_SCANNED])
    return max(words, key=len).lower() if words else None


def _text_of(service: SearchService, doc_id: str) -> str:
    stored = service.document(doc_id) or {}
    return stored.get("text") or ""


def _summary(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_REASON_CHARS]
