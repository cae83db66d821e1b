"""One state of the index, read through Whoosh: the web app's only Whoosh module.

Whoosh stores the postings, columns and stored fields; matching and scoring happen in
``search_app.engine.matching`` on whole posting lists read here as arrays, because Whoosh's
document-at-a-time matchers walk every posting in Python (measured: most of a search's
time).

What is read once per segment (field lengths, facet values, dates, the words for "did
you mean") is kept in :class:`SegmentData` and handed from one snapshot to the next: a
Whoosh segment never changes once written (a commit adds segments, merges make new
ones, deletions are kept apart), so after a commit only the new segments are read.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from indexer.schema import FACETS

# Whoosh stores a field's length in a document as one byte: its approximate length.
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class IndexSnapshot:
    """The index as of one commit: posting arrays, per-document columns, stored fields."""

    def __init__(self, generation: Path, searcher=None, previous: IndexSnapshot | None = None):
        self.generation = Path(generation)
        self._searcher = searcher or whoosh_index.open_dir(str(generation)).searcher()
        reader = self._searcher.reader()
        # An empty index has one reader without a segment, and nothing to read.
        self._leaves = [(leaf, n) for leaf, n in reader.leaf_readers() if leaf.segment()]
        known = previous.segments if previous is not None else {}
        self.segments = {
            _segment_key(leaf): known.get(_segment_key(leaf)) or SegmentData(leaf)
            for leaf, _ in self._leaves
        }
        parts = [self.segments[_segment_key(leaf)] for leaf, _ in self._leaves]
        self.size = reader.doc_count_all()  # document numbers run from 0 to size - 1
        self.alive = np.ones(self.size, dtype=bool)
        for leaf, offset in self._leaves:
            if leaf.has_deletions():
                live = np.fromiter(leaf.all_doc_ids(), dtype=np.int64)
                self.alive[offset : offset + leaf.doc_count_all()] = False
                self.alive[live + offset] = True
        self.years = _joined([p.years for p in parts], np.int32)
        self.date_sort = _joined([p.date_sort for p in parts], np.int64)
        self.facets = {
            facet: FacetColumn.joined([p.facets[facet] for p in parts]) for facet in FACETS
        }
        self._lengths: dict[str, np.ndarray] = {}
        self._average_length: dict[str, float] = {}
        self._lock = threading.Lock()

    # --- Following the indexer -----------------------------------------------------

    def refreshed(self) -> IndexSnapshot:
        """This snapshot, or a new one if the indexer committed since it was taken."""
        ix = self._searcher._ix
        if ix.latest_generation() == self._searcher.reader().generation():
            return self
        fresh = _retrying(lambda: _searcher_reusing(ix, self._searcher))
        return IndexSnapshot(self.generation, fresh, previous=self)

    def close(self) -> None:
        self._searcher.close()

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    # --- Postings ------------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The document numbers holding ``text`` in ``fieldname`` and its frequency in each."""
        ids, weights = [], []
        for leaf, offset in self._leaves:
            if (fieldname, text) not in leaf:
                continue
            leaf_ids, leaf_weights = _read_postings(_unfiltered_postings(leaf, fieldname, text))
            ids.append(leaf_ids + offset)
            weights.append(leaf_weights)
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        return np.concatenate(ids), np.concatenate(weights)

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in ``fieldname`` (in terms), as Whoosh's BM25F sees it."""
        with self._lock:
            if fieldname not in self._lengths:
                self._lengths[fieldname] = _joined(
                    [
                        self.segments[_segment_key(leaf)].field_lengths(leaf, fieldname)
                        for leaf, _ in self._leaves
                    ],
                    np.float64,
                )
                total = self._searcher.reader().field_length(fieldname)
                self._average_length[fieldname] = (total / self.size if self.size else 0.0) or 1.0
            return self._lengths[fieldname]

    def average_length(self, fieldname: str) -> float:
        self.field_lengths(fieldname)
        return self._average_length[fieldname]

    def facet_docs(self, facet: str, value) -> np.ndarray:
        """The document numbers holding ``value`` in ``facet``."""
        return self.facets[facet].docs_with(value)

    def known_values(self, facet: str) -> set:
        """The values of ``facet`` that some document in service holds."""
        return self.facets[facet].known_values(self.alive)

    # --- Terms -----------------------------------------------------------------------

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self._searcher.reader().doc_frequency(fieldname, text)

    def idf(self, fieldname: str, text: str) -> float:
        """How rare a term is, as BM25 weighs it."""
        return self._searcher.idf(fieldname, text)

    def segment_words(self, fieldname: str) -> list[dict[str, tuple[tuple[str, int], ...]]]:
        """Per segment, ``fieldname``'s terms by their accent-free form: "cai_cach" →
        (("cải_cách", documents), ("cai_cach", documents))."""
        return [
            self.segments[_segment_key(leaf)].words(leaf, fieldname) for leaf, _ in self._leaves
        ]

    # --- Stored fields ---------------------------------------------------------------

    def stored_fields(self, docnum: int) -> dict:
        return self._searcher.stored_fields(int(docnum))

    def document(self, doc_id: str) -> dict | None:
        return self._searcher.document(id=doc_id)

    def document_number(self, doc_id: str) -> int | None:
        return self._searcher.document_number(id=doc_id)

    def all_stored_fields(self):
        return self._searcher.all_stored_fields()


class SegmentData:
    """What one segment holds per document, and its words, read once (see module doc)."""

    def __init__(self, leaf):
        size = leaf.doc_count_all()
        self.years = np.fromiter(
            (y if y > 0 else 0 for y in leaf.column_reader("year")), dtype=np.int32, count=size
        )  # a document without a year holds the column's default (0 or the minimum)
        self.date_sort = np.fromiter(leaf.column_reader("date_sort"), dtype=np.int64, count=size)
        self.facets = {
            facet: FacetColumn.of_documents(
                [(y,) if y else () for y in self.years.tolist()]
                if facet == "year"
                else [split_values(v) for v in leaf.column_reader(facet)]
            )
            for facet in FACETS
        }
        self._lengths: dict[str, np.ndarray] = {}
        self._words: dict[str, dict] = {}
        self._lock = threading.Lock()

    def field_lengths(self, leaf, fieldname: str) -> np.ndarray:
        with self._lock:
            if fieldname not in self._lengths:
                # Whoosh's own doc_field_length reads this column one document at a time.
                column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                size = leaf.doc_count_all()
                if column is None:
                    self._lengths[fieldname] = np.zeros(size)
                else:
                    codes = np.fromiter(column, dtype=np.uint8, count=size)
                    self._lengths[fieldname] = _BYTE_LENGTHS[codes]
            return self._lengths[fieldname]

    def words(self, leaf, fieldname: str) -> dict[str, tuple[tuple[str, int], ...]]:
        with self._lock:
            if fieldname not in self._words:
                from indexer.analysis import fold

                found: dict[str, list] = {}
                for term, info in leaf.iter_field(fieldname):
                    word = term.decode("utf-8") if isinstance(term, bytes) else term
                    found.setdefault(fold(word), []).append((word, info.doc_frequency()))
                self._words[fieldname] = {key: tuple(v) for key, v in found.items()}
            return self._words[fieldname]


class FacetColumn:
    """A facet's values for every document, as two parallel arrays of (document, value
    number) pairs: counting the values of any set of documents is one ``bincount``."""

    def __init__(self, size: int, values: list, documents: np.ndarray, numbers: np.ndarray):
        self.size = size  # documents covered
        self.values = values  # value number → value
        self.documents = documents
        self.numbers = numbers
        self._number_of = {value: n for n, value in enumerate(values)}

    @classmethod
    def of_documents(cls, per_document: list) -> FacetColumn:
        values: dict = {}
        documents, numbers = [], []
        for docnum, doc_values in enumerate(per_document):
            for value in doc_values:
                documents.append(docnum)
                numbers.append(values.setdefault(value, len(values)))
        documents, numbers = np.array(documents, np.int64), np.array(numbers, np.int64)
        return cls(len(per_document), list(values), documents, numbers)

    @classmethod
    def joined(cls, parts: list[FacetColumn]) -> FacetColumn:
        """The columns of consecutive segments as one, values renumbered."""
        values: dict = {}
        documents, numbers, offset = [], [], 0
        for part in parts:
            renumber = np.array([values.setdefault(v, len(values)) for v in part.values], np.int64)
            documents.append(part.documents + offset)
            numbers.append(renumber[part.numbers] if len(part.values) else part.numbers)
            offset += part.size
        return cls(offset, list(values), _joined(documents, np.int64), _joined(numbers, np.int64))

    def counts(self, matched: np.ndarray) -> dict:
        """How many of the ``matched`` documents hold each value (values held by none left out)."""
        tally = np.bincount(self.numbers[matched[self.documents]], minlength=len(self.values))
        return {self.values[n]: int(c) for n, c in enumerate(tally.tolist()) if c}

    def docs_with(self, value) -> np.ndarray:
        number = self._number_of.get(value)
        if number is None:
            return np.empty(0, dtype=np.int64)
        return self.documents[self.numbers == number]

    def known_values(self, alive: np.ndarray) -> set:
        """The values some live document holds."""
        return set(self.counts(alive))


def _searcher_reusing(ix, old: Searcher) -> Searcher:
    """A searcher on the index's latest commit, reusing ``old``'s reader of each segment
    that is unchanged, deletions included; ``old`` is closed.

    Whoosh's own ``Searcher.refresh`` reuses a segment's reader whenever the segment id
    is the same, with the deletions it had when it was opened (a deleted or replaced
    document went on being served), and keeps the readers of segments a merge removed.
    """
    toc = ix._read_toc()
    reusable = {
        _segment_key(leaf): leaf for leaf, _ in old.reader().leaf_readers() if leaf.segment()
    }
    readers = []
    for segment in toc.segments:
        leaf = reusable.get(segment.segment_id())
        if leaf is not None and _same_deletions(leaf.segment(), segment):
            del reusable[segment.segment_id()]
            readers.append(leaf)
        else:
            readers.append(SegmentReader(ix.storage, toc.schema, segment, toc.generation))
    for leaf in reusable.values():
        leaf.close()
    if not readers:
        reader = EmptyReader(toc.schema)
    elif len(readers) == 1:
        reader = readers[0]
    else:
        reader = MultiReader(readers, generation=toc.generation)
    # The old searcher must not close the readers handed on: it is dropped unclosed.
    return Searcher(reader, fromindex=ix)


def _retrying(open_searcher, attempts: int = 10):
    """``open_searcher()``, tried again when a file it opens is gone: a commit landing
    meanwhile may merge away the segments of the commit being opened (as Whoosh's own
    ``FileIndex.reader`` does)."""
    for _ in range(attempts - 1):
        try:
            return open_searcher()
        except OSError:
            time.sleep(0.05)
    return open_searcher()


def _same_deletions(old_segment, new_segment) -> bool:
    return set(old_segment.deleted_docs()) == set(new_segment.deleted_docs())


def _segment_key(leaf) -> str:
    return leaf.segment().segment_id()


def _joined(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.empty(0, dtype)


def _unfiltered_postings(leaf, fieldname: str, text: str):
    """The segment's matcher for a term, deleted documents included (``alive`` masks them).

    ``SegmentReader.postings`` wraps it in a filter that moves it past the first deleted
    documents as it is made: reading the matcher beneath would then miss postings.
    """
    term = leaf._text_to_bytes(fieldname, text)
    return leaf._terms.matcher(fieldname, term, leaf.schema[fieldname].format)


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment as (document numbers, frequencies).

    Reads Whoosh's blocks whole (ids are delta-coded arrays) instead of stepping
    through them one posting at a time.
    """
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        ids, weights = [], []
        while matcher.is_active():
            matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            count = matcher._blocklength
            ids.append(np.cumsum(np.asarray(block_ids, dtype=np.int64)))
            if block_weights is None:
                weights.append(np.ones(count))
            elif isinstance(block_weights, float):
                weights.append(np.full(count, block_weights))
            else:
                weights.append(np.asarray(block_weights, dtype=np.float64))
            matcher._next_block()
        return _joined(ids, np.int64), _joined(weights, np.float64)
    if isinstance(matcher, ListMatcher):
        ids = np.asarray(matcher._ids, dtype=np.int64)
        weights = matcher._weights
        if weights is None:
            return ids, np.ones(len(ids))
        return ids, np.asarray(list(weights), dtype=np.float64)
    found_ids, found_weights = [], []
    while matcher.is_active():
        found_ids.append(matcher.id())
        found_weights.append(matcher.weight())
        matcher.next()
    return np.asarray(found_ids, dtype=np.int64), np.asarray(found_weights, dtype=np.float64)


def split_values(value) -> list[str]:
    """A stored facet value ("a,b") as a list."""
    if not value:
        return []
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    return [v.strip() for v in value.split(",") if v.strip()]
