"""Every setting, declared once with its default and help, read from the environment.

Nothing is read at import time: call :func:`get` when the value is needed, so tests
(and the CLI's options) can override the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


class SettingError(ValueError):
    """A setting's value is not one it can take; the message names it and says why."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = {
    s.name: s
    for s in (
        Setting("REFORM_SEARCH_INDEX", "var/index", "Directory of the search index."),
        Setting(
            "REFORM_SEARCH_CORPUS",
            "corpus",
            "Folder of documents to index (.md, .txt, .html, .htm, .pdf, .docx, .doc).",
        ),
        Setting(
            "REFORM_SEARCH_MAX_TEXT_MB",
            "5",
            "Largest .md or .txt file indexed, in MB; a larger one is skipped with its reason.",
        ),
        Setting("REFORM_SEARCH_MAX_HTML_MB", "10", "Largest .html or .htm file indexed, in MB."),
        Setting("REFORM_SEARCH_MAX_PDF_MB", "100", "Largest .pdf file indexed, in MB."),
        Setting("REFORM_SEARCH_MAX_WORD_MB", "50", "Largest .docx or .doc file indexed, in MB."),
        Setting(
            "REFORM_SEARCH_MAX_PDF_PAGES",
            "2000",
            "Most pages of a PDF indexed; a longer PDF is skipped (counted before any is read).",
        ),
        Setting(
            "REFORM_SEARCH_MAX_UNPACKED_MB",
            "200",
            "Most MB a .docx may unpack to; more is taken for a zip bomb and skipped unopened.",
        ),
        Setting(
            "REFORM_SEARCH_FILE_SECONDS",
            "60",
            "Seconds the text of one file may take to extract; a slower file is skipped, and"
            " the version already indexed is kept.",
        ),
        Setting(
            "REFORM_SEARCH_CORS_ORIGINS",
            "",
            "Comma-separated origins whose pages may call /api/* from a browser (CORS);"
            " empty: none, *: any.",
        ),
        Setting(
            "REFORM_SEARCH_FRAME_ORIGINS",
            "",
            "Comma-separated origins allowed to show /embed in an iframe (besides this site).",
        ),
        Setting(
            "REFORM_SEARCH_TRUST_PROXY",
            "0",
            "Number of reverse proxies in front whose X-Forwarded-* headers are trusted; 0: none.",
        ),
        Setting(
            "REFORM_SEARCH_PUBLIC_URL",
            "",
            "The site's address as users reach it (https://host[/prefix]), used for absolute"
            " links instead of the request's Host header; empty: from the request.",
        ),
        Setting("REFORM_SEARCH_WORKERS", "2", "Number of gunicorn worker processes for `serve`."),
        Setting("REFORM_SEARCH_MAX_PER_PAGE", "100", "Largest `per_page` a request may ask for."),
        Setting(
            "REFORM_SEARCH_MAX_EXPORT_ROWS",
            "10000",
            "Most documents one export holds (/export.csv, /export.json, `search --format"
            " csv`); the total says how many matched.",
        ),
        Setting(
            "REFORM_SEARCH_SEGMENT_CHARS",
            "20000",
            "Longest run of text the word segmenter is given at once; longer lines are cut"
            " after a sentence's end (bounds the indexer's memory per file).",
        ),
        Setting(
            "REFORM_SEARCH_ANALYSIS_CACHE_MB",
            "2048",
            "Largest size of the analysis cache kept beside the index (each text's analysed"
            " forms, so a rebuild segments only new text); 0 turns it off.",
        ),
        Setting(
            "REFORM_SEARCH_MAX_WORDS",
            "600000",
            "Words of one text that are indexed; the rest is kept and shown but not searched"
            " (bounds the indexer's memory per file: 5 MB of Vietnamese is about 530,000).",
        ),
        Setting(
            "REFORM_SEARCH_CACHE_SIZE",
            "256",
            "Search results kept per server process; 0 turns the cache off.",
        ),
        Setting(
            "REFORM_SEARCH_MAX_QUERY_CHARS",
            "256",
            "Longest query searched: the API answers 400 beyond it, the pages and the"
            " command line search the query cut at a word's end, with a notice.",
        ),
        Setting(
            "REFORM_SEARCH_MAX_ALTERNATIVES",
            "8",
            "OR branches searched per group of alternatives; the rest are dropped, with a notice.",
        ),
        Setting(
            "REFORM_SEARCH_HIGHLIGHT_CHARS",
            "100000",
            "Characters of a hit's text (and of a document page) looked through for the"
            " query's words to mark: a long report costs no more than a short one.",
        ),
        Setting(
            "REFORM_SEARCH_TIME_BUDGET_MS",
            "2000",
            "Milliseconds a search may take: past it, the remaining hits come without marks"
            " (with a notice), or the request answers 503 if matching itself is not done.",
        ),
        Setting(
            "REFORM_SEARCH_HEAVY_POSTINGS",
            "400000",
            "Postings a query must read to count as heavy (a query of many common words).",
        ),
        Setting(
            "REFORM_SEARCH_HEAVY_AT_ONCE",
            "1",
            "Heavy queries matched at once over all server processes; others get 503 with"
            " Retry-After, so cheap searches always find a free worker.",
        ),
    )
}


def get(name: str, environ: dict | None = None) -> str:
    """The value of setting ``name``: the environment's if set and non-empty, else the default."""
    setting = SETTINGS[name]
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return value or setting.default


def get_list(name: str, environ: dict | None = None) -> list[str]:
    """A comma-separated setting as a list of its non-empty items."""
    return [item.strip() for item in get(name, environ).split(",") if item.strip()]
