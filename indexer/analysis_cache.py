"""The analysed forms of each text kept on disk, so a rebuild segments only new text.

Segmenting (pyvi) is most of a build's time, and a rebuild after a data-file edit (a
leader added, a topic word) changes no text. Each text's analysis (its four indexed forms,
key terms and document-number terms) is kept in ``analysis-cache.sqlite`` beside the
index, keyed by a digest of the text and of everything the analysis depends on (the
analyser's code, pyvi's version, the settings that cut text), so a changed analyser
never reuses an old entry.

Safe against a crash: SQLite commits whole transactions (a process killed mid-write
leaves the last commit), and each entry carries a checksum of its bytes; an entry that
does not match it, or does not load, is ignored and analysed again. A cache that cannot
be opened or read is left aside for the run: the build never fails because of it.

Bounded: entries record the run that last used them; after a run the least recently
used are deleted until the cache is under ``REFORM_SEARCH_ANALYSIS_CACHE_MB``.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from indexer.analysis import index_terms, key_terms, max_words, segment_chars
from indexer.docnums import reference_terms
from reform_search import settings

CACHE_FILE = "analysis-cache.sqlite"
BATCH = 64  # entries written per transaction
CHECKSUM_BYTES = 16
# The code and data an analysis depends on: a change to any gives other keys.
ANALYSER_SOURCES = ("analysis.py", "docnums.py", "vntext.py", "data/document_kinds.yaml")


@dataclass(frozen=True)
class Analysed:
    """What the index holds of one text, besides the text itself."""

    terms: dict[str, list[str]]  # form → terms in order (see analysis.index_terms)
    key_terms: list[tuple[str, int]]
    references: list[str]  # document-number terms (see docnums.reference_terms)


def analyse(text: str) -> Analysed:
    """The analysis of ``text``, made now."""
    return Analysed(index_terms(text), key_terms(text), reference_terms(text))


def cache_limit_bytes() -> int:
    """The cache's bound in bytes (a setting); 0 turns the cache off."""
    return max(0, int(settings.get("REFORM_SEARCH_ANALYSIS_CACHE_MB"))) * 1024 * 1024


class AnalysisCache:
    """Analyses by text, read from and added to one cache file; one per process."""

    def __init__(self, path: Path, version: str):
        self.path = Path(path)
        self.version = version.encode()
        self.hits = self.misses = 0
        self.pid = os.getpid()
        self._run = time.time_ns()  # entries used by a later run are kept longer
        self._pending: list[tuple[bytes, bytes]] = []
        self._used: list[bytes] = []
        self._db = _open(self.path)

    def analysed(self, text: str) -> Analysed:
        """``text``'s analysis: from the cache when it holds a sound entry, else made."""
        key = hashlib.sha256(self.version + b"\0" + text.encode("utf-8", "surrogatepass"))
        key = key.digest()
        found = self._get(key)
        if found is not None:
            self.hits += 1
            self._used.append(key)
            return found
        self.misses += 1
        made = analyse(text)
        if self._db is not None:
            self._pending.append((key, _encode(made)))
            if len(self._pending) >= BATCH:
                self.flush()
        return made

    def flush(self) -> None:
        """Write the new entries and mark the reused ones as used by this run."""
        if self._db is None or not (self._pending or self._used):
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO analyses (key, value, used) VALUES (?, ?, ?)",
                    [(key, value, self._run) for key, value in self._pending],
                )
                self._db.executemany(
                    "UPDATE analyses SET used = ? WHERE key = ?",
                    [(self._run, key) for key in self._used],
                )
        except sqlite3.Error:
            self._give_up()
        self._pending, self._used = [], []

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _get(self, key: bytes) -> Analysed | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM analyses WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._give_up()
            return None
        return _decode(row[0]) if row is not None else None

    def _give_up(self) -> None:
        """The cache file is unusable (damaged, locked too long, disk full): go on without."""
        if self._db is not None:
            self._db.close()
        self._db = None


def analyser_version() -> str:
    """A digest of what an analysis depends on (see ``ANALYSER_SOURCES``)."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for name in ANALYSER_SOURCES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    for distribution in ("pyvi", "sklearn-crfsuite", "python-crfsuite"):
        digest.update(f"{distribution}={_version_of(distribution)}\0".encode())
    digest.update(f"{segment_chars()}/{max_words()}".encode())
    return digest.hexdigest()[:16]


def prune(path: Path, limit_bytes: int) -> int:
    """Delete the least recently used entries until the cache is under ``limit_bytes``;
    the number deleted. A cache that cannot be read is deleted whole."""
    db = _open(path)
    if db is None:
        return 0
    try:
        with db:
            total = db.execute("SELECT COALESCE(SUM(LENGTH(value)), 0) FROM analyses").fetchone()
            excess, deleted = total[0] - limit_bytes, 0
            rows = db.execute(
                "SELECT key, LENGTH(value) FROM analyses ORDER BY used, key"
            ).fetchall()
            doomed = []
            for key, size in rows:
                if excess <= 0:
                    break
                doomed.append((key,))
                excess -= size
            db.executemany("DELETE FROM analyses WHERE key = ?", doomed)
            deleted = len(doomed)
        if deleted:
            db.execute("VACUUM")  # give the space back to the disk
        return deleted
    except sqlite3.Error:
        return 0
    finally:
        db.close()


def _open(path: Path) -> sqlite3.Connection | None:
    """The cache's database, created if missing; a file that is not one is replaced."""
    for attempt in range(2):
        try:
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")  # the workers write at once
            db.execute("PRAGMA synchronous=NORMAL")  # a killed process loses no commit
            db.execute(
                "CREATE TABLE IF NOT EXISTS analyses"
                " (key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)"
                " WITHOUT ROWID"
            )
            db.isolation_level = "DEFERRED"
            return db
        except sqlite3.DatabaseError:
            if attempt == 0:
                _remove(path)  # not a database (damaged or foreign): start afresh
        except (sqlite3.Error, OSError):
            return None
    return None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def _encode(analysed: Analysed) -> bytes:
    body = zlib.compress(
        marshal.dumps((analysed.terms, analysed.key_terms, analysed.references)), 1
    )
    return hashlib.blake2b(body, digest_size=CHECKSUM_BYTES).digest() + body


def _decode(value: bytes) -> Analysed | None:
    """The entry's analysis, or None when its bytes are not the ones written."""
    checksum, body = value[:CHECKSUM_BYTES], value[CHECKSUM_BYTES:]
    if hashlib.blake2b(body, digest_size=CHECKSUM_BYTES).digest() != checksum:
        return None
    try:
        terms, keys, references = marshal.loads(zlib.decompress(body))
        return Analysed(terms, [tuple(pair) for pair in keys], references)
    except (ValueError, EOFError, TypeError, zlib.error):
        return None


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"
