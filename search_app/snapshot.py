"""One state of the index, read through Whoosh: the web app's only Whoosh module.

Whoosh stores the postings, columns and stored fields; matching and scoring happen in
``search_app.matching`` on whole posting lists read here as arrays, because Whoosh's
document-at-a-time matchers walk every posting in Python (measured: most of a search's
time). Everything read once per index state (field lengths, facet values, dates) is kept
here and dropped with the snapshot when the indexer commits or swaps generations.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher, ListMatcher

from indexer.schema import FACETS


class IndexSnapshot:
    """The index as of one commit: posting arrays, per-document columns, stored fields."""

    def __init__(self, generation: Path, searcher=None):
        self.generation = Path(generation)
        self._searcher = searcher or whoosh_index.open_dir(str(generation)).searcher()
        reader = self._searcher.reader()
        self.size = reader.doc_count_all()  # document numbers run from 0 to size - 1
        self.alive = np.ones(self.size, dtype=bool)
        if reader.has_deletions():
            self.alive[:] = False
            self.alive[list(reader.all_doc_ids())] = True
        self._leaves = list(reader.leaf_readers())
        self._lengths: dict[str, np.ndarray] = {}
        self._average_length: dict[str, float] = {}
        self._lock = threading.Lock()
        self.facet_values = _facet_values(reader, self.size)
        self.years = np.array([v[0] if v else 0 for v in self.facet_values["year"]], dtype=np.int32)
        self.date_sort = _column_array(reader, "date_sort", self.size)
        self._facet_docs: dict[tuple[str, str], np.ndarray] = {}

    # --- Following the indexer -----------------------------------------------------

    def refreshed(self) -> IndexSnapshot:
        """This snapshot, or a new one if the indexer committed since it was taken."""
        fresh = self._searcher.refresh()
        if fresh is self._searcher:
            return self
        return IndexSnapshot(self.generation, fresh)

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
            leaf_ids, leaf_weights = _read_postings(leaf.postings(fieldname, text))
            ids.append(leaf_ids + offset)
            weights.append(leaf_weights)
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        return np.concatenate(ids), np.concatenate(weights)

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in ``fieldname`` (in terms), as Whoosh's BM25F sees it."""
        with self._lock:
            if fieldname not in self._lengths:
                reader = self._searcher.reader()
                self._lengths[fieldname] = np.fromiter(
                    (reader.doc_field_length(n, fieldname, 0) or 0 for n in range(self.size)),
                    dtype=np.float64,
                    count=self.size,
                )
                self._average_length[fieldname] = (
                    reader.field_length(fieldname) / self.size if self.size else 0.0
                ) or 1.0
            return self._lengths[fieldname]

    def average_length(self, fieldname: str) -> float:
        self.field_lengths(fieldname)
        return self._average_length[fieldname]

    def facet_docs(self, facet: str, value) -> np.ndarray:
        """The document numbers holding ``value`` in ``facet``."""
        key = (facet, value)
        with self._lock:
            if key not in self._facet_docs:
                values = self.facet_values[facet]
                self._facet_docs[key] = np.array(
                    [n for n in range(self.size) if value in values[n]], dtype=np.int64
                )
            return self._facet_docs[key]

    # --- Terms -----------------------------------------------------------------------

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self._searcher.reader().doc_frequency(fieldname, text)

    def idf(self, fieldname: str, text: str) -> float:
        """How rare a term is, as BM25 weighs it."""
        return self._searcher.idf(fieldname, text)

    def iter_terms(self, fieldname: str):
        """(term, document frequency) for every term of ``fieldname``."""
        for term, info in self._searcher.reader().iter_field(fieldname):
            yield (term.decode("utf-8") if isinstance(term, bytes) else term), info.doc_frequency()

    def terms_within(self, fieldname: str, text: str, distance: int) -> list[str]:
        return list(self._searcher.reader().terms_within(fieldname, text, distance))

    # --- Stored fields ---------------------------------------------------------------

    def stored_fields(self, docnum: int) -> dict:
        return self._searcher.stored_fields(int(docnum))

    def document(self, doc_id: str) -> dict | None:
        return self._searcher.document(id=doc_id)

    def document_number(self, doc_id: str) -> int | None:
        return self._searcher.document_number(id=doc_id)

    def all_stored_fields(self):
        return self._searcher.all_stored_fields()


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment as (document numbers, frequencies).

    Reads Whoosh's blocks whole (ids are delta-coded arrays) instead of stepping
    through them one posting at a time.
    """
    if isinstance(matcher, FilterMatcher):  # deleted documents: masked by ``alive`` instead
        matcher = matcher.child
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
        return np.concatenate(ids), np.concatenate(weights)
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


def _facet_values(reader, size: int) -> dict[str, list[tuple]]:
    """Per facet, per document number, the document's values."""
    values: dict[str, list[tuple]] = {}
    for facet in FACETS:
        column = reader.column_reader(facet)
        if facet == "year":
            # a document without a year holds the column's default (0 or the minimum)
            values[facet] = [(column[n],) if column[n] > 0 else () for n in range(size)]
        else:
            values[facet] = [tuple(split_values(column[n])) for n in range(size)]
    return values


def _column_array(reader, fieldname: str, size: int) -> np.ndarray:
    column = reader.column_reader(fieldname)
    return np.fromiter((column[n] for n in range(size)), dtype=np.int64, count=size)


def split_values(value) -> list[str]:
    """A stored facet value ("a,b") as a list."""
    if not value:
        return []
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    return [v.strip() for v in value.split(",") if v.strip()]
