"""The one writer: corpus folder → index directory, incremental by content hash.

- Unchanged files are skipped, changed ones replaced, deleted ones removed, all in one
  Whoosh commit on the generation in service (a commit is atomic: until it lands,
  readers keep the previous state; an error cancels it).
- A first build, a ``rebuild`` or a schema change writes a new generation beside the
  old one and swaps the ``current`` link only once it is complete. Worker processes (one
  per core) each index a run of the files into segments of their own.
- A file that cannot be read is reported and skipped; if an earlier version of it is
  indexed, that version stays (nothing already indexed is lost). Skipped files are
  remembered by content hash: the next run does not read them again unless they changed.
- One writer at a time: a second one gets :class:`IndexLockedError` at once. Worker
  processes die with the indexer and do not hold its lock, so a rerun after a kill -9
  starts at once (and removes the killed build's staging folder).
"""

from __future__ import annotations

import bisect
import ctypes
import datetime
import fcntl
import functools
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for_connections
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.index import TOC, clean_files
from whoosh.writing import SegmentWriter

from indexer import analysis_cache
from indexer.analysis import fold
from indexer.analysis_cache import Analysed, AnalysisCache, analyse
from indexer.corpus import content_hash, decoding_note, read_document, scan_corpus, sidecar_of
from indexer.document import CorpusError, Metadata, SourceDocument, short_reason
from indexer.known_hashes import KnownHashes
from indexer.metadata import metadata_of
from indexer.originals import record_corpus_folder
from indexer.plaintext import markdown_to_text
from indexer.schema import (
    CURRENT_LINK,
    DOCNUM_FIELD,
    SCHEMA_VERSION,
    VERSION_FILE,
    build_schema,
    current_generation,
    text_field,
)

LOCK_FILE = ".write.lock"
# The files the last run skipped, by content hash, so that the next one does not read and
# parse them again (a hostile file cost seconds and a gigabyte on every run).
SKIPPED_FILE = "skipped-files.json"
# What a generation's texts were analysed with (analysis_cache.analyser_version): a data
# file edit that leaves it alike re-extracts metadata only (see index_corpus).
ANALYSER_FILE = "analyser-version"
# After a data-file edit, the documents it changes are rewritten in place when they are at
# most this share of the corpus; beyond it a new generation is built.
REWRITE_IN_PLACE_SHARE = 0.25
UNCHANGED_SKIP = "unchanged since last run: "
MAX_WORKERS = 2  # processes writing a new generation's segments, or preparing an update's files
PARALLEL_FROM = 64  # fewer files than this are handled in this process: no workers to start
# Postings a writer holds in memory before it writes them out as a segment and starts
# another. With their terms they take about 50 bytes each by then: a worker stays under
# about 700 MB. (20,000 news articles make 20 million: one segment per worker.)
SEGMENT_POSTINGS = 12_000_000
# Whoosh reads a compound segment file (all its files in one) by copying each part into
# memory: 320 MB per server worker for 20,000 articles. Separate files are read in place.
SEGMENT_FILES_COMPOUND = False
# Postings per block of Whoosh's posting lists (its default: 128). The search service
# reads whole lists, and each block costs a fixed overhead in Python (decompressing,
# unpickling, summing its deltas): fewer, larger blocks read faster.
POSTINGS_PER_BLOCK = 1024


def _codec() -> W3Codec:
    return W3Codec(blocklimit=POSTINGS_PER_BLOCK)


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
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, note): e.g. its encoding
    rebuilt: bool = False
    reextracted: bool = False  # data files changed: metadata extracted again, analyses kept
    hashed: int = 0  # files read to hash them: the others' stat was unchanged
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


def split_fingerprint(fingerprint: str) -> tuple[str, str]:
    """(path, content hash) of a :func:`file_fingerprint`. A file name may hold a TAB,
    a hash never does: the last TAB is the separator."""
    path, _, content_hash = fingerprint.rpartition("\t")
    return path, content_hash


def index_corpus(
    corpus_dir: Path,
    index_dir: Path,
    rebuild: bool = False,
    progress: Progress | None = None,
    verify: bool = False,
) -> IndexReport:
    """Bring the index in ``index_dir`` up to date with ``corpus_dir``.

    A file whose stat is unchanged since the last run is not read to know it is unchanged
    (see ``indexer.known_hashes``); ``verify`` (and ``rebuild``) hash every file.
    """
    started = time.monotonic()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    index_dir.mkdir(parents=True, exist_ok=True)
    with _write_lock(index_dir), _analysis_cache_in(index_dir):
        _remove_unfinished_builds(index_dir)
        remembered = {} if rebuild else _remembered_skips(index_dir)  # rebuild: retry all
        current = current_generation(index_dir)
        reextract = False
        if current is not None and _version_of(current) != index_version():
            # Other data files or extraction rules: every file's metadata is extracted
            # again, and the documents it changes are rewritten; another analysis or
            # schema changes every document's terms: a new generation is built.
            reextract = not rebuild and _analysed_alike(current)
            rebuild = not reextract
        hashes = KnownHashes.load(index_dir, verify=verify or rebuild)
        report = IndexReport(rebuilt=rebuild or current is None)
        on_disk = _scan(corpus_dir, current, report, hashes)
        known = _unchanged_skips(remembered, on_disk)
        edited: list[str] = []
        if reextract:
            edited = _extracted_differently(corpus_dir, current, on_disk)
            # Rewriting most documents in place costs more than a new generation
            # (measured: about twice as much when every document changed).
            report.rebuilt = len(edited) > REWRITE_IN_PLACE_SHARE * len(on_disk)
            report.reextracted = not report.rebuilt
        if report.rebuilt:
            _build_generation(corpus_dir, index_dir, current, on_disk, known, report, progress)
        else:
            _update_generation(corpus_dir, current, on_disk, known, report, progress, edited)
            if report.reextracted:
                _write_versions(current)  # after the commit: a crash before re-extracts again
        _remember_skips(index_dir, on_disk, report.skipped, remembered)
        hashes.save(index_dir)
        record_corpus_folder(index_dir, corpus_dir)
        report.total = _doc_count(current_generation(index_dir))
    report.seconds = time.monotonic() - started
    return report


# --- Planning ----------------------------------------------------------------------------


def _scan(corpus_dir: Path, current: Path | None, report, hashes: KnownHashes) -> dict[str, str]:
    """Relative path → sha256 of the bytes, for every file the corpus reader accepts; the
    entries it passes over go to the report."""
    scan = scan_corpus(corpus_dir)
    report.skipped.extend(scan.skipped)
    found = {}
    for relative in scan.files:
        has_sidecar = relative in scan.with_sidecar
        compute = functools.partial(content_hash, corpus_dir, relative, has_sidecar=has_sidecar)
        sidecar = sidecar_of(relative) if has_sidecar else None
        found[relative] = hashes.hash_of(corpus_dir, relative, sidecar, compute)
    report.hashed = hashes.hashed
    # A folder that cannot be listed this time keeps its documents, as an unreadable file
    # does: reading them fails (or not) and the last good version stays.
    for relative in _indexed_under(current, scan.unread_folders):
        found.setdefault(relative, "")
    return found


def _indexed_under(generation: Path | None, folders: list[str]) -> list[str]:
    if generation is None or not folders:
        return []
    prefixes = tuple(folder + "/" for folder in folders)
    indexed = _indexed_fingerprints(whoosh_index.open_dir(str(generation)))
    return [path for path in indexed if path.startswith(prefixes)]


def _indexed_fingerprints(ix) -> dict[str, str]:
    if ix.is_empty():
        return {}  # an index of an empty folder has no columns to read
    with ix.reader() as reader:
        column = reader.column_reader("fingerprint")
        pairs = (split_fingerprint(column[docnum]) for docnum in reader.all_doc_ids())
        return dict(pairs)


# --- Files skipped last time ----------------------------------------------------------------


def _remembered_skips(index_dir: Path) -> dict[str, tuple[str, str]]:
    """Path → (content hash, reason) of each file the last run skipped, if it ran with
    this index version and this code (either may now accept the file); else nothing."""
    try:
        state = json.loads((index_dir / SKIPPED_FILE).read_text("utf-8"))
        if state["version"] != _skip_version():
            return {}
        return {path: (digest, reason) for path, digest, reason in state["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # none yet, or unreadable: every file is tried


def _unchanged_skips(remembered, on_disk: dict[str, str]) -> dict[str, str]:
    """Path → reason of the remembered skips whose bytes have not changed since."""
    return {
        path: f"{UNCHANGED_SKIP}{reason}"
        for path, (digest, reason) in remembered.items()
        if digest and on_disk.get(path) == digest
    }


def _remember_skips(index_dir: Path, on_disk, skipped, remembered) -> None:
    """Write the files skipped by this run with their hash and first reason, atomically
    (a new file renamed over the old one)."""
    files = []
    for path, reason in skipped:
        digest = on_disk.get(path)
        if not digest:
            continue  # not hashed (unreadable): trying it again costs nothing
        earlier = remembered.get(path)
        files.append([path, digest, earlier[1] if earlier and earlier[0] == digest else reason])
    temporary = index_dir / f".{SKIPPED_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps({"version": _skip_version(), "files": files}), "utf-8")
    os.replace(temporary, index_dir / SKIPPED_FILE)


def _skip_version() -> str:
    """The index version and a digest of the indexer's code: what decides whether a file
    is skipped, besides its bytes."""
    digest = hashlib.sha256(index_version().encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


# --- Writing -----------------------------------------------------------------------------


def _update_generation(corpus_dir, generation, on_disk, known, report, progress, edited=()):
    """Write the changed files and ``edited`` (files whose metadata now extracts
    differently) into ``generation``, and remove the files gone, in one commit."""
    ix = whoosh_index.open_dir(str(generation))
    indexed = _indexed_fingerprints(ix)
    changed = [p for p, digest in on_disk.items() if indexed.get(p) != digest]
    gone = sorted(set(indexed) - set(on_disk))
    report.unchanged = len(on_disk) - len(changed) - len(edited)
    report.skipped.extend((path, known[path]) for path in changed if path in known)
    todo = sorted([*(path for path in changed if path not in known), *edited])
    if not todo and not gone:
        return
    # The workers start before the writer takes Whoosh's lock: forked later, they would
    # hold it too, and outlive a killed indexer for a moment with it.
    with _preparing(corpus_dir, todo) as prepared:
        writer = ix.writer(compound=SEGMENT_FILES_COMPOUND, codec=_codec())
        try:
            for path in gone:
                writer.delete_by_term("id", document_id(path))
                report.removed.append(path)
            for done, (path, doc) in enumerate(_documents(prepared, report), 1):
                if doc is not None:
                    writer.update_document(**doc)
                    (report.updated if path in indexed else report.added).append(path)
                if progress:
                    progress(done, len(todo))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    report.skipped.sort()  # the remembered ones and the others, in path order


def _extracted_differently(corpus_dir: Path, generation: Path, on_disk) -> list[str]:
    """The files whose bytes are as indexed but whose metadata now extracts otherwise
    (read and extracted again, without analysis, in worker processes)."""
    indexed = _indexed_fingerprints(whoosh_index.open_dir(str(generation)))
    same_bytes = sorted(p for p, digest in on_disk.items() if digest and indexed.get(p) == digest)
    check = functools.partial(_extracts_differently, corpus_dir, generation)
    procs = min(MAX_WORKERS, os.cpu_count() or 1)
    if procs == 1 or len(same_bytes) < PARALLEL_FROM:
        differs = [check(path) for path in same_bytes]
        _close_indexed()
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(procs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            differs = pool.map(check, same_bytes, chunksize=16)
    return [path for path, differ in zip(same_bytes, differs, strict=True) if differ]


def _build_generation(corpus_dir, index_dir, previous, on_disk, known, report, progress):
    target = _next_generation(index_dir)
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        ix = whoosh_index.create_in(str(staging), build_schema())
        paths = sorted(on_disk)
        tally = _Tally(report, progress, len(paths))
        if _worker_count(paths) == 1:
            segments = _write_segments(ix, corpus_dir, paths, previous, known, tally.record)
        else:
            segments = _write_segments_in_workers(ix, corpus_dir, paths, previous, known, tally)
        _commit_segments(ix, segments)
        _write_versions(staging)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current_to(index_dir, target)
    _remove_old_generations(index_dir, keep={target.name, previous.name if previous else ""})


class _Tally:
    """Counts finished files into the report and the progress callback, in this process."""

    def __init__(self, report: IndexReport, progress: Progress | None, total: int):
        self.report, self.progress, self.total, self.done = report, progress, total, 0

    def record(self, path: str, reason: str | None, indexed: bool, note: str | None = None):
        if reason is not None:
            self.report.skipped.append((path, reason))
        if note is not None:
            self.report.notes.append((path, note))
        if indexed:
            self.report.added.append(path)
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _write_segments(ix, corpus_dir, paths, previous, known, record) -> list[W3Segment]:
    """Index ``paths`` into new segments of ``ix``, not yet listed in its table of contents;
    ``record(path, reason, indexed)`` is called after each file. Files in ``known`` (path →
    reason) were skipped last time and have not changed: they are not read again.

    Several of these run at once, one per worker process, on the same staging index:
    as in Whoosh's own multi-process writer, they take no lock and share its scratch folder
    (named after the index, not the segment), which only ``_commit_segments`` removes.
    """
    segments = []
    writer = _SegmentWriter(ix)
    try:
        for path in paths:
            if path in known:
                prepared = _Prepared(path, None, known[path])
            else:
                prepared = _prepare(corpus_dir, path)
            doc = prepared.fields
            if doc is None:
                doc = _previous_version(previous, path)  # keep the last good version
            if doc is not None:
                writer.add_document(**doc)
            record(path, prepared.reason, doc is not None, prepared.note)
            if writer.pool.size >= SEGMENT_POSTINGS:
                segments.append(writer._finalize_segment())
                writer = _SegmentWriter(ix)
        if writer.doc_count() > 0:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        _close_cache()
    except BaseException:
        writer._close_segment()  # its files; the caller removes the staging folder
        raise
    return segments


def _commit_segments(ix, segments) -> None:
    """List the segments in the index's table of contents: the index is then complete."""
    ix.storage.temp_storage(f"{ix.indexname}.tmp").destroy()  # the writers' scratch folder
    generation = ix.latest_generation() + 1
    TOC(ix.schema, segments, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, segments)  # the first, empty TOC


def _worker_count(paths: list[str]) -> int:
    if len(paths) < PARALLEL_FROM:
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _write_segments_in_workers(ix, corpus_dir, paths, previous, known, tally) -> list:
    """Segments written by worker processes, each from a run of consecutive paths, so that
    reading, pyvi, analysis and the sorting and writing of postings run on every core.

    The segments are listed in path order: documents get the same numbers as when one
    process writes them all.
    """
    # fork: the workers inherit the loaded modules (and any test's monkeypatching).
    context = multiprocessing.get_context("fork")
    workers = []
    try:
        for run in _split_by_size(corpus_dir, paths, _worker_count(paths)):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_segment_worker,
                args=(sender, ix, corpus_dir, run, previous, known, os.getpid()),
                daemon=True,
            )
            process.start()
            sender.close()  # the worker holds the only sending end: if it dies, the pipe ends
            workers.append((process, receiver))
        segments = _collect(workers, tally)
    finally:
        for process, receiver in workers:
            if process.is_alive():
                process.terminate()  # another worker failed: stop writing
            process.join()
            receiver.close()
    # Workers finish files in any order: report them in path order, as one process does.
    tally.report.added.sort()
    tally.report.skipped.sort()
    tally.report.notes.sort()
    return segments


def _collect(workers, tally: _Tally) -> list:
    """The workers' segments, in order, recording their files as they are done."""
    segments: list[list] = [[] for _ in workers]
    waiting = {receiver: number for number, (_, receiver) in enumerate(workers)}
    while waiting:
        for receiver in wait_for_connections(list(waiting)):
            try:
                kind, value = receiver.recv()
            except EOFError:
                raise RuntimeError("an indexing worker process stopped unexpectedly") from None
            if kind == "file":
                tally.record(*value)
            elif kind == "segments":
                segments[waiting.pop(receiver)] = value
            else:
                raise value
    return [segment for run in segments for segment in run]


def _segment_worker(sender, ix, corpus_dir, paths, previous, known, parent: int) -> None:
    _start_worker(parent)
    try:
        segments = _write_segments(
            ix, corpus_dir, paths, previous, known, lambda *file: sender.send(("file", file))
        )
        sender.send(("segments", segments))
    except BaseException as error:
        sender.send(("error", error))
    finally:
        sender.close()


def _split_by_size(corpus_dir: Path, paths: list[str], parts: int) -> list[list[str]]:
    """``paths`` cut into at most ``parts`` runs of consecutive paths of about equal bytes
    (a worker's time grows with the text it reads)."""
    sizes = []
    for path in paths:
        try:
            sizes.append((corpus_dir / path).stat().st_size)
        except OSError:
            sizes.append(0)
    running = list(itertools.accumulate(sizes))
    cuts = [bisect.bisect_left(running, running[-1] * k / parts) + 1 for k in range(1, parts)]
    bounds = [0, *cuts, len(paths)]
    return [paths[start:end] for start, end in itertools.pairwise(bounds) if start < end]


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer, its postings kept in memory (see :class:`_PostingsInMemory`)
    and written without looking a document's field length up again for each posting."""

    def __init__(self, ix):
        super().__init__(ix, _lk=False, compound=SEGMENT_FILES_COMPOUND, codec=_codec())
        self.pool = _PostingsInMemory()

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            self.pool.write(self.fieldwriter, self.schema, lengths, self.docnum)
        finally:
            lengths.close()
        self.fieldwriter.close()


class _PostingsInMemory:
    """Takes the place of the writer's pool of postings, which pickles every posting to a
    temporary file and merge-sorts them all when committing, per posting in Python.

    Documents come in number order, so each term's postings are appended already sorted,
    each packed with its (weight, value) into one integer of an array: terms are sorted
    once, at the end, and a posting takes 8 bytes.
    """

    def __init__(self):
        self.size = 0  # postings
        self._fields: dict[str, dict[bytes, array]] = {}
        self._numbers: dict[tuple[float, bytes], int] = {}  # (weight, value) → its number
        self._pairs: list[tuple[float, bytes]] = []

    def add(self, item) -> None:
        fieldname, term, docnum, weight, value = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        # The weight is always a float (the writer multiplies it by a boost): equal pairs
        # are the same pair.
        pair = (weight, value or b"")
        number = self._numbers.get(pair)
        if number is None:
            number = self._numbers[pair] = len(self._pairs)
            self._pairs.append(pair)
        postings = terms.get(term)
        if postings is None:
            postings = terms[term] = array("Q")
        postings.append(docnum << 32 | number)
        self.size += 1

    def write(self, fieldwriter, schema, lengths, doc_count: int) -> None:
        """Feed the postings to ``fieldwriter`` as Whoosh's pool does: by field, term and
        document, each with the document's length in the field (as stored: rounded)."""
        pairs = self._pairs
        for fieldname in sorted(self._fields):
            length = [lengths.doc_field_length(n, fieldname) for n in range(doc_count)]
            fieldwriter.start_field(fieldname, schema[fieldname])
            terms = self._fields[fieldname]
            for term in sorted(terms):
                fieldwriter.start_term(term)
                for posting in terms[term]:
                    docnum = posting >> 32
                    weight, value = pairs[posting & 0xFFFFFFFF]
                    fieldwriter.add(docnum, weight, value, length[docnum])
                fieldwriter.finish_term()
            fieldwriter.finish_field()

    def cleanup(self) -> None:
        self._fields = {}


@dataclass(frozen=True)
class _Prepared:
    """One file made ready to index, in a worker process: its fields or why it failed."""

    path: str
    fields: dict | None
    reason: str | None
    note: str | None = None  # for the report, on a file indexed: how it was decoded


def _documents(prepared: Iterator[_Prepared], report: IndexReport):
    """(path, fields or None) for each prepared file, in order; failures go to the report."""
    for one in prepared:
        if one.reason is not None:
            report.skipped.append((one.path, one.reason))
        if one.note is not None:
            report.notes.append((one.path, one.note))
        yield one.path, one.fields


@contextmanager
def _preparing(corpus_dir: Path, paths: list[str]):
    """The files of an update prepared, in order.

    Reading, metadata and pyvi run in worker processes (one per core) when there are
    enough files to pay for starting them; Whoosh's writer stays in this process.
    """
    procs = min(MAX_WORKERS, os.cpu_count() or 1)
    if procs == 1 or len(paths) < PARALLEL_FROM:
        yield (_prepare(corpus_dir, path) for path in paths)
        return
    # fork: the workers inherit the loaded modules (and any test's monkeypatching).
    context = multiprocessing.get_context("fork")
    with context.Pool(procs, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        yield pool.imap(functools.partial(_prepare_and_keep, corpus_dir), paths, chunksize=4)


def _prepare_and_keep(corpus_dir: Path, path: str) -> _Prepared:
    """``_prepare`` in a pool worker, its analyses written at once: the pool ends its
    workers without a word."""
    prepared = _prepare(corpus_dir, path)
    if _CACHE is not None:
        _CACHE.flush()
    return prepared


def _prepare(corpus_dir: Path, path: str) -> _Prepared:
    """The fields of ``path`` ready to index, or why it cannot be."""
    extracted = _extract(corpus_dir, path)
    if isinstance(extracted, _Prepared):
        return extracted  # it cannot be read
    source, metadata, text = extracted
    fields = _extracted_fields(source, metadata, text)
    fields |= _analysis_fields(_analysed(metadata.title), _analysed(text))
    return _Prepared(path, fields, None, decoding_note(source))


def _extracts_differently(corpus_dir: Path, generation: Path, path: str) -> bool:
    """Whether ``path``'s fields but its analysis now differ from what ``generation``
    holds; False when it cannot be read (its indexed version stays)."""
    extracted = _extract(corpus_dir, path)
    if isinstance(extracted, _Prepared):
        return False
    return not _extracts_as_indexed(generation, _extracted_fields(*extracted))


def _extract(corpus_dir: Path, path: str):
    """(source, metadata, text) of ``path``, or a _Prepared saying why it cannot be read."""
    try:
        source = read_document(corpus_dir, corpus_dir / path)
        text = markdown_to_text(source.body) if path.lower().endswith(".md") else source.body
        metadata = metadata_of(source, text)
    except CorpusError as error:
        return _Prepared(path, None, str(error))
    except (OSError, ValueError) as error:
        return _Prepared(path, None, short_reason(f"cannot read: {error}"))
    return source, metadata, text


def _extracted_fields(source: SourceDocument, meta: Metadata, text: str) -> dict:
    """A document's fields but its analysis: what the file and the data files give."""
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
        "date_sort": _date_sort(meta.date, meta.year),
        "period": ",".join(meta.periods),
        "leader": ",".join(meta.leaders),
        "topic": ",".join(meta.topics),
    }
    if meta.year is not None:
        doc["year"] = meta.year
    return doc


def _analysis_fields(title_analysis: Analysed, body: Analysed) -> dict:
    """The fields a document's analysis gives (the same for the same title and text)."""
    doc = {"key_terms": body.key_terms}
    # The terms rather than the texts: Whoosh indexes a list as it is, and the analysis
    # made once for the four forms is the same as the analyzers' (see index_terms).
    for part, analysed in (("title", title_analysis), ("body", body)):
        for form, terms in analysed.terms.items():
            doc[text_field(part, form)] = terms
    doc[DOCNUM_FIELD] = title_analysis.references + body.references
    return doc


def _date_sort(date: datetime.date | None, year: int | None) -> int:
    if date is not None:
        return date.year * 10000 + date.month * 100 + date.day
    return (year or 0) * 10000


# The stored fields a file and the data files give: a re-extraction rewrites a document
# only when one of them changed (its analysis follows from its title and text).
EXTRACTED_FIELDS = (
    "title",
    "text",
    "markdown",
    "date",
    "source",
    "origins",
    "period",
    "leader",
    "topic",
)

# The index this process compares re-extracted files with: (process id, generation,
# searcher), opened on first use in each worker.
_INDEXED: tuple[int, Path, object] | None = None


def _extracts_as_indexed(generation: Path, fields: dict) -> bool:
    """Whether ``fields`` are what ``generation`` holds of the document."""
    global _INDEXED
    if _INDEXED is None or _INDEXED[:2] != (os.getpid(), generation):
        _INDEXED = (os.getpid(), generation, whoosh_index.open_dir(str(generation)).searcher())
    stored = _INDEXED[2].document(id=fields["id"])
    if stored is None:
        return False
    same = all(stored.get(name) == fields.get(name) for name in EXTRACTED_FIELDS)
    return same and (stored.get("year") or None) == fields.get("year")


def _close_indexed() -> None:
    global _INDEXED
    if _INDEXED is not None and _INDEXED[0] == os.getpid():
        _INDEXED[2].close()
    _INDEXED = None


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
    title, body = _analysed(stored["title"]), _analysed(stored["text"] or "")
    for source, analysed in (("title", title), ("body", body)):
        for form, terms in analysed.terms.items():
            doc[text_field(source, form)] = terms
    doc[DOCNUM_FIELD] = title.references + body.references
    return doc


# --- The analysis cache of this process --------------------------------------------------
# index_corpus chooses its file; each process (the workers too) opens its own connection
# on first use, as an SQLite connection must not cross a fork.

_CACHE_FILE: Path | None = None
_CACHE: AnalysisCache | None = None


@contextmanager
def _analysis_cache_in(index_dir: Path):
    """Analyses in this run are read from and kept in ``index_dir``'s cache (if it is on);
    at the end the cache is trimmed to its bound."""
    global _CACHE_FILE
    limit = analysis_cache.cache_limit_bytes()
    _CACHE_FILE = index_dir / analysis_cache.CACHE_FILE if limit else None
    try:
        yield
    finally:
        _close_cache()
        if _CACHE_FILE is not None:
            analysis_cache.prune(_CACHE_FILE, limit)
        _CACHE_FILE = None


def _analysed(text: str) -> Analysed:
    """``text``'s analysis, from this process's cache when there is one."""
    global _CACHE
    if _CACHE_FILE is None:
        return analyse(text)
    if _CACHE is None or _CACHE.pid != os.getpid():  # a worker's first text: a cache of its own
        _CACHE = AnalysisCache(_CACHE_FILE, analysis_cache.analyser_version())
    return _CACHE.analysed(text)


def _close_cache() -> None:
    """Write this process's pending analyses to the cache file."""
    global _CACHE
    if _CACHE is not None and _CACHE.pid == os.getpid():
        _CACHE.close()
    _CACHE = None


# --- Generations and the lock --------------------------------------------------------------


# The modules that read a file and extract its metadata: a change to their rules changes
# what the index records, as an edit to a data file does.
EXTRACTION_MODULES = (
    "corpus.py",
    "dates.py",
    "docnums.py",
    "leaders.py",
    "metadata.py",
    "vntext.py",
)


def index_version(package: Path = Path(__file__).parent) -> str:
    """The schema version and a digest of the data files, the rules the metadata is
    extracted with and the extractors of web pages, PDF and Word files.

    An index written with other data (a new leader, a new topic term) or other rules is
    rebuilt, so such an edit takes effect on the next `reform-search index`.
    """
    digest = hashlib.sha256()
    sources = [
        *sorted((package / "data").glob("*.yaml")),
        *(package / module for module in EXTRACTION_MODULES),
        # The text of a web page, PDF or Word file is what these extract.
        *sorted((package / "formats").glob("*.py")),
    ]
    for source in sources:
        name = source.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + source.read_bytes())
    return f"{SCHEMA_VERSION}-{digest.hexdigest()[:12]}"


def _write_versions(generation: Path) -> None:
    """Record what ``generation`` was extracted and analysed with (each file atomically)."""
    versions = {VERSION_FILE: index_version(), ANALYSER_FILE: analysis_cache.analyser_version()}
    for name, version in versions.items():
        temporary = generation / f".{name}.{os.getpid()}"
        temporary.write_text(version + "\n")
        os.replace(temporary, generation / name)


def _analysed_alike(generation: Path) -> bool:
    """Whether ``generation`` has this schema and was analysed as texts are now: its
    terms are then what a rebuild would write, and only metadata may differ."""
    version = _version_of(generation) or ""
    try:
        analyser = (generation / ANALYSER_FILE).read_text().strip()
    except OSError:
        return False
    same_schema = version.split("-")[0] == str(SCHEMA_VERSION)
    return same_schema and analyser == analysis_cache.analyser_version()


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


def _remove_unfinished_builds(index_dir: Path) -> None:
    """Remove what a killed run left: staging folders and half-made links. Only the lock's
    holder writes them, so none is in use."""
    for staging in index_dir.glob("gen-*.building"):
        shutil.rmtree(staging, ignore_errors=True)
    for temporary in (*index_dir.glob(f".{CURRENT_LINK}.*"), *index_dir.glob(f".{SKIPPED_FILE}.*")):
        temporary.unlink(missing_ok=True)


def _remove_old_generations(index_dir: Path, keep: set[str]) -> None:
    # The previous generation stays one more round: a server may still be reading it.
    for generation in _generations(index_dir):
        if generation.name not in keep:
            shutil.rmtree(generation, ignore_errors=True)


# The write lock's descriptor while this process holds it: a forked worker lets go of its
# copy (see _start_worker).
_held_lock: int | None = None


@contextmanager
def _write_lock(index_dir: Path):
    global _held_lock
    with open(index_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLockedError(
                f"another indexer is writing {index_dir}; try again when it has finished"
            ) from None
        _held_lock = handle.fileno()
        try:
            yield
        finally:
            _held_lock = None
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Worker processes ----------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent: int) -> None:
    """Run first in a forked worker: it dies with the indexer and does not hold its lock.

    A worker outliving a kill -9 of the indexer kept the write lock (the lock's open file
    is shared through the fork) and went on writing: reruns were refused until it ended.
    """
    # The handlers the indexer's process had (a server's graceful SIGTERM, the time limit's
    # SIGALRM) are not the worker's: a worker that caught SIGTERM and waited on would never
    # end, and the pool's terminate() would wait for it for ever.
    for number in (signal.SIGTERM, signal.SIGALRM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)  # the indexer died before prctl: no signal will come
    _release_inherited_lock()


def _release_inherited_lock() -> None:
    # dup2 over the descriptor rather than close: the lock's file object, inherited too,
    # closes that number when collected, which must not close another file then. Neither
    # unlocks: that would release the indexer's lock too.
    if _held_lock is not None:
        with open(os.devnull, "rb") as devnull:
            os.dup2(devnull.fileno(), _held_lock)
