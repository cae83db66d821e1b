"""The one writer: corpus folder → index directory, incremental by content hash.

- Unchanged files are skipped, changed ones replaced, deleted ones removed, all in one
  Whoosh commit on the generation in service (a commit is atomic: until it lands,
  readers keep the previous state; an error cancels it).
- A first build, a ``rebuild`` or a schema change writes a new generation beside the
  old one and swaps the ``current`` link only once it is complete.
- A file that cannot be read is reported and skipped; if an earlier version of it is
  indexed, that version stays (nothing already indexed is lost).
- One writer at a time: a second one gets :class:`IndexLockedError` at once.
"""

from __future__ import annotations

import datetime
import fcntl
import functools
import hashlib
import multiprocessing
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.analysis import fold, key_terms, remember_segmentation, segment
from indexer.corpus import iter_corpus, read_document
from indexer.document import CorpusError, Metadata, SourceDocument
from indexer.metadata import extract_metadata
from indexer.plaintext import markdown_to_text
from indexer.schema import (
    CURRENT_LINK,
    FORMS,
    SCHEMA_VERSION,
    TEXT_SOURCES,
    VERSION_FILE,
    build_schema,
    current_generation,
    text_field,
)

LOCK_FILE = ".write.lock"
MAX_WORKERS = 2  # processes preparing documents (pyvi, metadata) beside the writer
PARALLEL_FROM = 64  # fewer files than this are prepared in this process
Progress = Callable[[int, int], None]


class IndexLockedError(Exception):
    """Another process is writing this index."""


@dataclass
class IndexReport:
    """What one run of the indexer did, for the summary line."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    rebuilt: bool = False
    total: int = 0  # documents in the index after the run
    seconds: float = 0.0


def document_id(path: str) -> str:
    """A stable, URL-safe id derived from the file's path in the corpus."""
    stem = re.sub(r"\.(md|txt)$", "", path, flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem).lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def file_fingerprint(path: str, content_hash: str) -> str:
    return f"{path}\t{content_hash}"


def index_corpus(
    corpus_dir: Path,
    index_dir: Path,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index in ``index_dir`` up to date with ``corpus_dir``."""
    started = time.monotonic()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    index_dir.mkdir(parents=True, exist_ok=True)
    with _write_lock(index_dir):
        current = current_generation(index_dir)
        if current is not None and _version_of(current) != index_version():
            rebuild = True  # other analysis or other data files: re-extract everything
        report = IndexReport(rebuilt=rebuild or current is None)
        on_disk = _scan(corpus_dir)
        if report.rebuilt:
            _build_generation(corpus_dir, index_dir, current, on_disk, report, progress)
        else:
            _update_generation(corpus_dir, current, on_disk, report, progress)
        report.total = _doc_count(current_generation(index_dir))
    report.seconds = time.monotonic() - started
    return report


# --- Planning ----------------------------------------------------------------------------


def _scan(corpus_dir: Path) -> dict[str, str]:
    """Relative path → sha256 of the bytes, for every file the corpus reader accepts."""
    found = {}
    for path in iter_corpus(corpus_dir):
        try:
            with path.open("rb") as handle:  # streamed: a huge file is never held in memory
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            digest = ""  # read_document will report why
        found[path.relative_to(corpus_dir).as_posix()] = digest
    return found


def _indexed_fingerprints(ix) -> dict[str, str]:
    with ix.reader() as reader:
        column = reader.column_reader("fingerprint")
        pairs = (column[docnum].split("\t") for docnum in reader.all_doc_ids())
        return {path: digest for path, digest in pairs}


# --- Writing -----------------------------------------------------------------------------


def _update_generation(corpus_dir, generation, on_disk, report, progress):
    ix = whoosh_index.open_dir(str(generation))
    indexed = _indexed_fingerprints(ix)
    todo = [p for p, digest in on_disk.items() if indexed.get(p) != digest]
    gone = sorted(set(indexed) - set(on_disk))
    report.unchanged = len(on_disk) - len(todo)
    if not todo and not gone:
        return
    writer = ix.writer()
    try:
        for path in gone:
            writer.delete_by_term("id", document_id(path))
            report.removed.append(path)
        for done, (path, doc) in enumerate(_documents(corpus_dir, todo, report), 1):
            if doc is not None:
                writer.update_document(**doc)
                (report.updated if path in indexed else report.added).append(path)
            if progress:
                progress(done, len(todo))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _build_generation(corpus_dir, index_dir, previous, on_disk, report, progress):
    target = _next_generation(index_dir)
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        ix = whoosh_index.create_in(str(staging), build_schema())
        writer = ix.writer(limitmb=256)
        try:
            paths = sorted(on_disk)
            for done, (path, doc) in enumerate(_documents(corpus_dir, paths, report), 1):
                if doc is None:
                    doc = _previous_version(previous, path)  # keep the last good version
                if doc is not None:
                    writer.add_document(**doc)
                    report.added.append(path)
                if progress:
                    progress(done, len(paths))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        (staging / VERSION_FILE).write_text(index_version() + "\n")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current_to(index_dir, target)
    _remove_old_generations(index_dir, keep={target.name, previous.name if previous else ""})


@dataclass(frozen=True)
class _Prepared:
    """One file made ready to index, in a worker process: its fields or why it failed, and
    the segmentation of its texts, so the writer's analysis does not run pyvi again."""

    path: str
    fields: dict | None
    reason: str | None
    segmentations: tuple[tuple[str, tuple], ...] = ()


def _documents(corpus_dir: Path, paths: list[str], report: IndexReport):
    """(path, fields or None) for each path, in order; failures go to the report.

    Reading, metadata and pyvi run in worker processes (one per core) when there are
    enough files to pay for starting them; Whoosh's writer stays in this process.
    """
    for prepared in _prepare_all(corpus_dir, paths):
        for text, words in prepared.segmentations:
            remember_segmentation(text, words)
        if prepared.reason is not None:
            report.skipped.append((prepared.path, prepared.reason))
        yield prepared.path, prepared.fields


def _prepare_all(corpus_dir: Path, paths: list[str]):
    procs = min(MAX_WORKERS, os.cpu_count() or 1)
    if procs == 1 or len(paths) < PARALLEL_FROM:
        yield from (_prepare(corpus_dir, path) for path in paths)
        return
    # fork: the workers inherit the loaded modules (and any test's monkeypatching).
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        yield from pool.imap(functools.partial(_prepare, corpus_dir), paths, chunksize=4)


def _prepare(corpus_dir: Path, path: str) -> _Prepared:
    try:
        source = read_document(corpus_dir, corpus_dir / path)
        text = markdown_to_text(source.body) if path.lower().endswith(".md") else source.body
        metadata = extract_metadata(source.front_matter, source.title, text)
    except CorpusError as error:
        return _Prepared(path, None, str(error))
    except (OSError, ValueError) as error:
        return _Prepared(path, None, f"cannot read: {error}")
    fields = _document_fields(source, metadata, text)
    texts = {fields["title"], text}
    return _Prepared(path, fields, None, tuple((t, segment(t)) for t in texts))


def _document_fields(source: SourceDocument, meta: Metadata, text: str) -> dict:
    doc = {
        "id": document_id(source.path),
        "path": source.path,
        "fingerprint": file_fingerprint(source.path, source.content_hash),
        "title": meta.title,
        "text": text,
        "markdown": source.body if source.path.lower().endswith(".md") else None,
        "date": meta.date.isoformat() if meta.date else None,
        "source": meta.source,
        "origins": dict(meta.origins),
        "key_terms": key_terms(text),
        "date_sort": _date_sort(meta.date, meta.year),
        "period": ",".join(meta.periods),
        "leader": ",".join(meta.leaders),
        "topic": ",".join(meta.topics),
    }
    if meta.year is not None:
        doc["year"] = meta.year
    for form in FORMS:
        doc[text_field("title", form)] = meta.title
        doc[text_field("body", form)] = text
    return doc


def _date_sort(date: datetime.date | None, year: int | None) -> int:
    if date is not None:
        return date.year * 10000 + date.month * 100 + date.day
    return (year or 0) * 10000


def _previous_version(generation: Path | None, path: str) -> dict | None:
    """The fields of ``path`` as indexed in ``generation``, to re-add them unchanged."""
    version = _version_of(generation) if generation is not None else None
    if version is None or version.split("-")[0] != str(SCHEMA_VERSION):
        return None  # fields of another schema cannot be re-added as they are
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        stored = searcher.document(id=document_id(path))
    return None if stored is None else _document_from_stored(stored)


def _document_from_stored(stored: dict) -> dict:
    names = ("id", "path", "title", "text", "markdown", "date", "source", "origins", "key_terms")
    doc = {name: stored.get(name) for name in names}
    # An empty hash never equals the file's: the next run retries the file.
    doc["fingerprint"] = file_fingerprint(stored["path"], "")
    year = stored.get("year") or None
    date = datetime.date.fromisoformat(stored["date"]) if stored.get("date") else None
    doc["date_sort"] = _date_sort(date, year)
    if year:
        doc["year"] = year
    for facet in ("period", "leader", "topic"):
        doc[facet] = stored.get(facet) or ""
    for source in TEXT_SOURCES:
        for form in FORMS:
            doc[text_field(source, form)] = stored["title"] if source == "title" else stored["text"]
    return doc


# --- Generations and the lock --------------------------------------------------------------


def index_version() -> str:
    """The schema version and a digest of the data files the metadata is extracted with.

    An index written with other data (a new leader, a new topic term) is rebuilt, so
    editing a data file takes effect on the next `reform-search index`.
    """
    digest = hashlib.sha256()
    for data_file in sorted((Path(__file__).parent / "data").glob("*.yaml")):
        digest.update(data_file.name.encode() + b"\0" + data_file.read_bytes())
    return f"{SCHEMA_VERSION}-{digest.hexdigest()[:12]}"


def _version_of(generation: Path) -> str | None:
    try:
        return (generation / VERSION_FILE).read_text().strip()
    except OSError:
        return None


def _doc_count(generation: Path | None) -> int:
    if generation is None:
        return 0
    return whoosh_index.open_dir(str(generation)).doc_count()


def _generations(index_dir: Path) -> Iterator[Path]:
    return (p for p in index_dir.glob("gen-*") if p.is_dir() and p.name[4:].isdigit())


def _next_generation(index_dir: Path) -> Path:
    numbers = [int(p.name[4:]) for p in _generations(index_dir)]
    return index_dir / f"gen-{max(numbers, default=0) + 1:06d}"


def _point_current_to(index_dir: Path, generation: Path) -> None:
    # A new link then rename(2) over the old one: readers see the old or the new, never none.
    temporary = index_dir / f".{CURRENT_LINK}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(generation.name)
    os.replace(temporary, index_dir / CURRENT_LINK)


def _remove_old_generations(index_dir: Path, keep: set[str]) -> None:
    # The previous generation stays one more round: a server may still be reading it.
    for generation in _generations(index_dir):
        if generation.name not in keep:
            shutil.rmtree(generation, ignore_errors=True)


@contextmanager
def _write_lock(index_dir: Path):
    with open(index_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLockedError(
                f"another indexer is writing {index_dir}; try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
