"""The three systems compared, each built over the same documents and cached.

- ``project``: this project's indexer (``index_corpus``) and search service, by relevance.
- ``whoosh``: Whoosh as installed, ``StandardAnalyzer`` on title and body, the default
  ``QueryParser`` (every word required), BM25F. No Vietnamese handling at all.
- ``fts5``: SQLite FTS5, ``unicode61 remove_diacritics 2`` on title and body, BM25.
- ``fts5_or``: the same FTS5 index and query, and when every word required finds fewer
  than a page (10) of documents, the OR of the query's words and phrases, its results
  appended after: FTS5 with the fallback an engine with partial matching is compared to.

Each returns document ids (corpus-relative paths without extension), best first. An index
lives in the cache under a name made of the system, the corpus' content key and the code
version that built it, so a change of either builds a new one and the old is removed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import whoosh
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.qparser import MultifieldParser

import indexer
from bench.progress import log
from bench.relevance.corpus import Corpus, doc_id, read_texts

SYSTEMS = ("project", "whoosh", "fts5", "fts5_or")
DEPTH = 100  # results kept per query: Recall@100 needs no more
PAGE = 10  # fewer AND results than this and fts5_or adds the OR's
BASELINE_VERSION = "1"  # bump when a baseline's build below changes

Searcher = Callable[[str, int], list[str]]


def build(name: str, corpus: Corpus, cache: Path) -> Searcher:
    """The search function of system ``name`` over ``corpus``, building its index if needed."""
    builders = {
        "project": _project,
        "whoosh": _whoosh,
        "fts5": _fts5,
        "fts5_or": lambda corpus, root: _fts5(corpus, root, or_fallback=True),
    }
    return builders[name](corpus, cache / "index")


# --- This project ---------------------------------------------------------------------


def _project(corpus: Corpus, index_root: Path) -> Searcher:
    from indexer.writer import index_corpus
    from search_app.engine.service import SearchRequest, SearchService

    index_dir = _cache_entry(index_root, "project", corpus, _indexer_code_key())
    # Incremental and atomic: a current index only costs a scan; an interrupted build restarts.
    report = index_corpus(corpus.root, index_dir, progress=_progress("project"))
    if report.added or report.updated:
        log(
            f"project: indexed {len(report.added) + len(report.updated)} documents "
            f"in {report.seconds:.0f} s"
        )
    service = SearchService(index_dir)

    def search(query: str, limit: int) -> list[str]:
        result = service.search(SearchRequest(query=query, per_page=limit))
        return [doc_id(hit.path) for hit in result.hits]  # ids from paths, not hit.id

    return search


def _indexer_code_key() -> str:
    """Digest of the indexer's code and data: what the project's index depends on."""
    package = Path(indexer.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- Plain Whoosh ---------------------------------------------------------------------


def _whoosh(corpus: Corpus, index_root: Path) -> Searcher:
    version = f"{BASELINE_VERSION}-whoosh{whoosh.versionstring()}"
    index_dir = _cache_entry(index_root, "whoosh", corpus, version)
    if not index_dir.is_dir():
        _build_aside(index_dir, lambda staging: _write_whoosh(corpus, staging))
    ix = whoosh_index.open_dir(str(index_dir))
    searcher = ix.searcher()
    parser = MultifieldParser(["title", "body"], ix.schema)  # default group: AND

    def search(query: str, limit: int) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(query), limit=limit)]

    return search


def _write_whoosh(corpus: Corpus, target: Path) -> None:
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=StandardAnalyzer()),
        body=fields.TEXT(analyzer=StandardAnalyzer()),
    )
    writer = whoosh_index.create_in(str(target), schema).writer(limitmb=256)
    tick = _progress("whoosh")
    for done, (identifier, title, body) in enumerate(read_texts(corpus), 1):
        writer.add_document(id=identifier, title=title, body=body)
        tick(done, len(corpus.paths))
    writer.commit()


# --- SQLite FTS5 ------------------------------------------------------------------------


def _fts5(corpus: Corpus, index_root: Path, or_fallback: bool = False) -> Searcher:
    version = f"{BASELINE_VERSION}-sqlite{sqlite3.sqlite_version}"
    index_dir = _cache_entry(index_root, "fts5", corpus, version)
    if not index_dir.is_dir():
        _build_aside(index_dir, lambda staging: _write_fts5(corpus, staging / "fts5.sqlite"))
    connection = sqlite3.connect(index_dir / "fts5.sqlite")

    def matching(match: str, limit: int) -> list[str]:
        if not match:
            return []
        rows = connection.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, limit)
        )
        return [row[0] for row in rows]

    def search(query: str, limit: int) -> list[str]:
        found = matching(fts5_query(query), limit)
        if or_fallback and len(found) < PAGE:
            found = list(dict.fromkeys(found + matching(fts5_or_query(query), limit)))[:limit]
        return found

    return search


def _write_fts5(corpus: Corpus, database: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
        )
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?)", read_texts(corpus))
        connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")


_QUERY_PART = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>\S+)')


def fts5_query(text: str) -> str:
    """An FTS5 query of the words and quoted phrases of ``text``, all required.

    Every word and phrase becomes an FTS5 string (so ``30c/NQ-CP`` or ``AND`` can never
    be read as syntax); ``OR`` between two parts stays an operator.
    """
    parts = _fts5_parts(text)
    # An OR needs a part on each side.
    cleaned = [
        part
        for i, part in enumerate(parts)
        if part != "OR" or (0 < i < len(parts) - 1 and parts[i - 1] != "OR")
    ]
    return " ".join(cleaned)


def fts5_or_query(text: str) -> str:
    """The FTS5 query of the words and quoted phrases of ``text``, any one enough."""
    return " OR ".join(part for part in _fts5_parts(text) if part != "OR")


def _fts5_parts(text: str) -> list[str]:
    """Each word and phrase of ``text`` as an FTS5 string, and ``OR`` where typed."""
    parts: list[str] = []
    for match in _QUERY_PART.finditer(text):
        piece = match.group("phrase") if match.group("word") is None else match.group("word")
        if piece == "OR" and match.group("word"):
            parts.append("OR")
        elif re.search(r"\w", piece):
            parts.append('"' + piece.replace('"', '""') + '"')
    return parts


# --- The cache ---------------------------------------------------------------------------


def _cache_entry(index_root: Path, system: str, corpus: Corpus, version: str) -> Path:
    """The index directory for this system, corpus and code; stale siblings are removed."""
    code = hashlib.sha256(version.encode()).hexdigest()[:12]
    prefix = f"{system}-{corpus.key[:16]}-"
    entry = index_root / f"{prefix}{code}"
    index_root.mkdir(parents=True, exist_ok=True)
    for stale in index_root.glob(prefix + "*"):
        if stale != entry:  # the same corpus indexed by older code: never used again
            shutil.rmtree(stale, ignore_errors=True)
    return entry


def _build_aside(target: Path, write: Callable[[Path], None]) -> None:
    """Write into a staging folder and rename it: an interrupted build is never used."""
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    started = time.monotonic()
    write(staging)
    staging.rename(target)
    log(f"{target.name.split('-')[0]}: built in {time.monotonic() - started:.0f} s")


def _progress(system: str) -> Callable[[int, int], None]:
    started = time.monotonic()

    def tick(done: int, total: int) -> None:
        if done % 2000 == 0 or done == total:
            log(f"{system}: {done}/{total} documents, {time.monotonic() - started:.0f} s")

    return tick
