"""Query → parse → match → facets → highlights → plain dataclasses.

The HTML page, the JSON API and the command line all take their data from
:meth:`SearchService.search`. The index is read through ``search_app.engine.snapshot`` (the web
app's only Whoosh module); queries are built by ``search_app.engine.text_query`` and matched by
``search_app.engine.matching``.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import asdict, astuple, dataclass, field, replace
from pathlib import Path

import numpy as np

from indexer.analysis import find_syllable_runs, fold, normalize
from indexer.schema import (
    FACETS,
    FORMS,
    TEXT_SOURCES,
    current_generation,
    facet_label,
    text_field,
)
from search_app.engine import analytics, partial
from search_app.engine.glossary import current_glossary, glossary_stamp
from search_app.engine.highlight import drop_stray_syllables, mark, merge_spans, snippets
from search_app.engine.limits import (
    NO_DEADLINE,
    Deadline,
    HeavySlots,
    Limits,
    OverBudget,
    cut_query,
    limit_alternatives,
)
from search_app.engine.matching import AnyOf, Evaluator, Term, all_of
from search_app.engine.query import ParsedQuery, parse_query
from search_app.engine.snapshot import IndexSnapshot, split_values
from search_app.engine.suggest import suggest
from search_app.engine.text_query import (
    build_text_query,
    highlight_sequences,
    request_filters,
    typed_filters,
    words_that_may_stand_alone,
)
from search_app.engine.vocabulary import Vocabulary

SORTS = ("relevance", "newest", "oldest")
# The notice of a result whose last hits were listed without marks, out of time.
SHORT_OF_TIME = "time_budget"
MAX_PER_PAGE = 100
CACHE_SIZE = 256  # recent results kept per process; 0 turns the cache off
MORE_LIKE_THIS_TERMS = 15
EXPORT_BATCH = 200  # hits an export makes per hold of the read lock


class NoIndexError(Exception):
    """There is no index to search yet."""


@dataclass
class SearchRequest:
    query: str = ""
    years: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    periods: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    lang: str = "vi"


@dataclass
class Hit:
    id: str
    path: str
    title: str
    date: str | None
    year: int | None
    periods: list[str]
    leaders: list[str]
    topics: list[str]
    source: str | None
    score: float | None
    snippets: list[str]
    title_html: str
    # The query words a partial hit lacks, as typed (see search_app.engine.partial); [] for a
    # document holding every word.
    missing: list[str] = field(default_factory=list)


@dataclass
class FacetValue:
    value: str | int
    label: str
    count: int
    selected: bool


@dataclass
class Suggestion:
    """ "Did you mean": a better spelling and how many documents it finds."""

    query: str
    total: int


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    notices: list[str] = field(default_factory=list)
    suggestion: Suggestion | None = None
    took_ms: float = 0.0
    # The matches per year, counted from the same match (the results page's chart); not
    # part of the JSON: /api/trends gives it.
    trend: analytics.Trends | None = None

    def to_json(self) -> dict:
        """The documented JSON shape (``search --json`` and the web API)."""
        data = asdict(self)
        del data["trend"]
        for hit in data["hits"]:
            del hit["title_html"]
        return data


@dataclass
class Matched:
    """Every document one request matches (``SearchService._match``), before any paging."""

    text: str  # the query as searched (cut to the limits)
    notices: list[str]
    mask: np.ndarray  # the matched documents: the query's words and every filter
    text_mask: np.ndarray  # the query's words alone (facet counts drill down from it)
    filter_masks: dict[str, np.ndarray]
    scores: np.ndarray
    criteria: tuple  # arrays ranked on before ``sort`` (see ``_ranked``)
    sort: str
    full_total: int  # documents holding every word, partial hits left out
    evaluator: Evaluator
    coverage: object | None  # partial.Coverage when partial hits were added
    lone_words: set[str]
    sequences: object

    @property
    def total(self) -> int:
        return int(np.count_nonzero(self.mask))


@dataclass
class Export:
    """What an export will hold: the request's total, the rows given (the total up to the
    export's cap) and the hits, made as they are read."""

    total: int
    rows: int
    notices: list[str]
    hits: Iterator[Hit]


class ResultCache:
    """The last ``size`` search results, by request (a request is a frozen value)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, request: SearchRequest) -> SearchResult | None:
        key = _cache_key(request)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, request: SearchRequest, result: SearchResult) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[_cache_key(request)] = result
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _cache_key(request: SearchRequest) -> tuple:
    # The query as the analyzer will see it ("Cải  cách" and "cải cách" are one entry),
    # the other parameters, and the glossary in force (an edit changes results).
    query = " ".join(normalize(request.query).lower().split())
    rest = (tuple(v) if isinstance(v, list) else v for v in astuple(request)[1:])
    return (query, *rest, glossary_stamp())


def _reads_index(method):
    """Runs ``method`` holding the service's read lock: Whoosh reads its files with a seek
    then a read on shared file objects, so two threads must not read one index at once
    (gunicorn's sync workers have one thread; a warm-up thread or a threaded development
    server have more)."""

    @functools.wraps(method)
    def reading(self, *args, **kwargs):
        with self._reading:
            return method(self, *args, **kwargs)

    return reading


class _CurrentSnapshot:
    """The snapshot a service searches (see ``SearchService.snapshot``)."""

    snapshot: IndexSnapshot | None = None

    def close(self) -> None:
        if self.snapshot is not None:
            self.snapshot.close()
        self.snapshot = None


class SearchService:
    """Searches the index in ``index_dir``, following the indexer's commits and swaps."""

    def __init__(
        self,
        index_dir: Path,
        max_per_page: int = MAX_PER_PAGE,
        cache_size: int = CACHE_SIZE,
        limits: Limits | None = None,
    ):
        self.index_dir = Path(index_dir)
        self.max_per_page = max_per_page
        self.limits = limits or Limits()
        self._heavy = HeavySlots(self.index_dir, self.limits.heavy_at_once)
        # Results of recent requests, for the index state they were computed on: emptied
        # whenever a new snapshot is taken, so a new commit is never hidden.
        self._results = ResultCache(cache_size)
        self._lock = threading.Lock()
        self._reading = threading.RLock()
        # The snapshot's index files are open files: closed with the service, or when
        # it is garbage-collected without being closed.
        self._current = _CurrentSnapshot()
        weakref.finalize(self, self._current.close)
        self._vocabulary: Vocabulary | None = None

    # --- Opening ----------------------------------------------------------------

    def snapshot(self) -> IndexSnapshot:
        """The index as of its latest commit, retaken when the indexer committed or swapped."""
        with self._lock:
            generation = current_generation(self.index_dir)
            if generation is None:
                raise NoIndexError(f"no index in {self.index_dir}: run `reform-search index`")
            old = self._current.snapshot
            if old is None or old.generation != generation:
                fresh = IndexSnapshot(generation)
            else:
                fresh = old.refreshed()  # keeps what it read of unchanged segments
            if fresh is not old:
                if old is not None and old.generation != generation:
                    old.close()
                self._current.snapshot, self._vocabulary = fresh, None
                self._results.clear()
            return fresh

    @_reads_index
    def warm_up(self) -> None:
        """Read now what the first searches of this index state would read: the glossary,
        the snapshot, the field lengths BM25 needs and the vocabulary (a server does this
        at start)."""
        current_glossary()
        try:
            snapshot = self.snapshot()
        except NoIndexError:
            return  # nothing to read yet: the first search after indexing reads it
        self._read_ahead(snapshot)

    def _read_ahead(self, snapshot: IndexSnapshot) -> None:
        """Read what every search of ``snapshot`` needs, once per index state: the field
        lengths BM25 needs and the vocabulary (free once read)."""
        for source in TEXT_SOURCES:
            for form in FORMS:
                snapshot.field_lengths(text_field(source, form))
        self._vocabulary_of(snapshot)

    def close(self) -> None:
        with self._lock:
            self._current.close()

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- Searching --------------------------------------------------------------

    @_reads_index
    def search(self, request: SearchRequest, cached: bool = True) -> SearchResult:
        """Search; raises OverBudget when matching outlasts the time budget, Busy when
        the query is heavy and the heavy-query slots are all taken."""
        started = time.perf_counter()
        snapshot = self.snapshot()
        hit = self._results.get(request) if cached else None
        if hit is not None:
            return replace(hit, took_ms=round((time.perf_counter() - started) * 1000, 1))
        # Reading a new index state (seconds after a rebuild) is not the query's cost: its
        # time budget starts once that is done.
        self._read_ahead(snapshot)
        deadline = Deadline(self.limits.time_budget)
        result = self._search(snapshot, request, started, deadline)
        if SHORT_OF_TIME not in result.notices:  # another try may well complete
            self._results.put(request, result)
        return result

    def _search(self, snapshot: IndexSnapshot, request, started, deadline) -> SearchResult:
        found = self._match(snapshot, request, deadline)
        notices, scores = found.notices, found.scores
        page = max(1, request.page)
        per_page = min(max(1, request.per_page), self.max_per_page)
        ranked = _ranked(snapshot, found.mask, scores, page * per_page, found.sort, found.criteria)
        hits = []
        for docnum in ranked[(page - 1) * per_page :]:  # empty past the last page
            if deadline.passed and SHORT_OF_TIME not in notices:
                notices.append(SHORT_OF_TIME)
            # Out of time: the remaining hits are listed without looking for their marks.
            hits.append(self._found_hit(snapshot, found, docnum, marked=not deadline.passed))
        facets = _facets(snapshot, found.text_mask, found.filter_masks, request)
        per_year = analytics.trend(snapshot, request.query, found.mask, list(found.notices))
        trend = analytics.trends_of(snapshot, [per_year])
        suggestion = None
        if not deadline.passed:
            suggestion = self._suggestion(
                snapshot, found.evaluator, found.text, found.filter_masks, found.full_total
            )
        return SearchResult(
            query=request.query,
            total=found.total,
            page=page,
            per_page=per_page,
            hits=hits,
            facets=facets,
            notices=notices,
            suggestion=suggestion,
            took_ms=round((time.perf_counter() - started) * 1000, 1),
            trend=trend,
        )

    def _match(self, snapshot: IndexSnapshot, request: SearchRequest, deadline) -> Matched:
        """The documents ``request`` matches, with their scores and ranking criteria: what
        a page of hits, the facets, the trends and the exports are all taken from."""
        text, parsed, notices = self._parse_within_limits(request.query)
        known_word = self._word_lookup(snapshot)
        words_query = build_text_query(parsed, known_word)
        typed = typed_filters(parsed, snapshot.known_values)
        text_query = all_of([words_query, typed]) if typed is not None else words_query
        text_query = text_query if text_query is not None else all_of(())
        filters = request_filters(request)
        evaluator = Evaluator(snapshot, deadline)
        heavy = evaluator.postings_to_read([text_query]) >= self.limits.heavy_postings
        with self._heavy.taken() if heavy else contextlib.nullcontext():
            text_match = evaluator.match(text_query)
            filter_masks = {name: evaluator.match(node).mask for name, node in filters.items()}
        matched = _combined(text_match.mask, filter_masks.values())
        full_total = int(np.count_nonzero(matched))
        per_page = min(max(1, request.per_page), self.max_per_page)
        sort = request.sort if request.sort in SORTS else "relevance"
        if words_query is None and sort == "relevance":
            sort = "newest"  # browsing: nothing to rank by
        coverage = None
        if words_query is not None and full_total < per_page and self.limits.partial_matching:
            coverage = _partial_matches(parsed, known_word, typed, evaluator, text_match.mask)
        text_mask, scores, criteria = text_match.mask, text_match.scores, ()
        if coverage is not None and np.any(_combined(coverage.mask, filter_masks.values())):
            notices.append(partial.NOTICE)
            text_mask = text_match.mask | coverage.mask
            matched = _combined(text_mask, filter_masks.values())
            scores = np.where(coverage.mask, coverage.scores, text_match.scores)
            # All-words matches first, then the partial hits by the weight they cover.
            criteria = (coverage.mask,) + ((-coverage.covered,) if sort == "relevance" else ())
        else:
            coverage = None
        return Matched(
            text=text,
            notices=notices,
            mask=matched,
            text_mask=text_mask,
            filter_masks=filter_masks,
            scores=scores,
            criteria=criteria,
            sort=sort,
            full_total=full_total,
            evaluator=evaluator,
            coverage=coverage,
            lone_words=words_that_may_stand_alone(parsed),
            sequences=highlight_sequences(words_query),
        )

    def _found_hit(self, snapshot, found: Matched, docnum: int, marked: bool = True) -> Hit:
        """One matched document as a hit: its metadata, snippets and the words it lacks."""
        sequences = found.sequences if marked else ()
        hit = self._hit(
            snapshot, docnum, found.scores[docnum], found.sort, found.lone_words, sequences
        )
        if found.coverage is not None and found.coverage.mask[docnum]:
            hit.missing = found.coverage.missing(docnum)
        return hit

    # --- Analytics: counts over the matched documents -------------------------------

    @_reads_index
    def trends(self, requests: list[SearchRequest]) -> analytics.Trends:
        """Each request's matching documents per year, all within one time budget."""
        snapshot = self.snapshot()
        self._read_ahead(snapshot)
        deadline = Deadline(self.limits.time_budget)
        trends = []
        for request in requests[: analytics.MAX_TREND_QUERIES]:
            found = self._match(snapshot, request, deadline)
            trends.append(analytics.trend(snapshot, request.query, found.mask, found.notices))
        return analytics.trends_of(snapshot, trends)

    @_reads_index
    def compare(self, request: SearchRequest, top: int = 5) -> analytics.Comparison:
        """The request's matches in 2011-2020 beside 2021-2030: counts, shares, leaders,
        reform areas and each period's best documents. A period filter is left out: both
        periods are shown."""
        snapshot = self.snapshot()
        self._read_ahead(snapshot)
        deadline = Deadline(self.limits.time_budget)
        found = self._match(snapshot, replace(request, periods=()), deadline)
        sides, masks = [], []
        for period in analytics.COMPARED_PERIODS:
            side, mask = analytics.period_side(snapshot, period, found.mask)
            ranked = _ranked(snapshot, mask, found.scores, top, found.sort, found.criteria)
            side.top = [self._found_hit(snapshot, found, n, not deadline.passed) for n in ranked]
            sides.append(side)
            masks.append(mask)
        lang = request.lang
        return analytics.Comparison(
            query=request.query,
            total=found.total,
            periods=sides,
            leaders=analytics.associations(
                snapshot, "leader", sides, masks, lang, analytics.ASSOCIATED_LEADERS
            ),
            topics=analytics.associations(snapshot, "topic", sides, masks, lang),
            notices=found.notices,
        )

    def export(self, request: SearchRequest, limit: int) -> Export:
        """Every match of ``request`` in its order, up to ``limit``, as hits made one at a
        time while they are read (an export of 10,000 rows holds one row at a time)."""
        with self._reading:
            snapshot = self.snapshot()
            self._read_ahead(snapshot)
            found = self._match(snapshot, request, Deadline(self.limits.time_budget))
            ranked = _ranked(snapshot, found.mask, found.scores, limit, found.sort, found.criteria)
        return Export(
            found.total, len(ranked), found.notices, self._hits_of(snapshot, found, ranked)
        )

    def _hits_of(self, snapshot, found: Matched, docnums: list[int]):
        for start in range(0, len(docnums), EXPORT_BATCH):
            # The read lock is held a batch at a time, so other threads search between
            # batches; a slow reader of the export never holds it.
            with self._reading:
                batch = [
                    self._found_hit(snapshot, found, n)
                    for n in docnums[start : start + EXPORT_BATCH]
                ]
            yield from batch

    def _parse_within_limits(self, text: str) -> tuple[str, ParsedQuery, list[str]]:
        """The query cut to the limits, parsed, and the notices saying what was cut."""
        text, cut = cut_query(text, self.limits.max_query_chars)
        parsed = parse_query(text)
        notices = list(parsed.notices)
        if cut:
            notices.append("query_truncated")
        if limit_alternatives(parsed, self.limits.max_alternatives):
            notices.append("too_many_alternatives")
        return text, parsed, notices

    def _word_lookup(self, snapshot: IndexSnapshot):
        """``known_word`` for one request: the vocabulary is fetched once, on first use."""
        vocabulary = None

        def known_word(folded_word: str) -> bool:
            nonlocal vocabulary
            vocabulary = vocabulary or self._vocabulary_of(snapshot)
            return vocabulary.knows(folded_word)

        return known_word

    def _vocabulary_of(self, snapshot: IndexSnapshot) -> Vocabulary:
        """The index's words, read once per index state, on the first query needing them."""
        with self._lock:
            if self._vocabulary is None or self._current.snapshot is not snapshot:
                vocabulary = Vocabulary(snapshot)
                if self._current.snapshot is not snapshot:
                    return vocabulary
                self._vocabulary = vocabulary
            return self._vocabulary

    def _hit(self, snapshot, docnum, score, sort: str, lone: set[str], sequences) -> Hit:
        stored = snapshot.stored_fields(docnum)
        text, title = stored.get("text") or "", stored["title"]
        spans = _matched_spans({"title": title, "body": text}, sequences, self.limits)
        summary = describe(stored)
        del summary["origins"]
        return Hit(
            **summary,
            score=round(float(score), 4) if sort == "relevance" else None,
            snippets=snippets(text, drop_stray_syllables(text, spans["body"], lone, fold)),
            title_html=mark(title, drop_stray_syllables(title, spans["title"], lone, fold)),
        )

    def _suggestion(self, snapshot, evaluator, text: str, filter_masks, total: int):
        """An accented or corrected spelling, offered when it finds something.

        An unaccented query already finds the accented text, so its suggestion is offered
        whenever it finds anything: it shows the words as written and ranks exact accents.
        A misspelt query's suggestion must find more than the query did.
        """
        better = suggest(text, self._vocabulary_of(snapshot).speller())
        if better is None:
            return None
        query = build_text_query(parse_query(better), self._word_lookup(snapshot))
        if query is None:
            return None
        try:
            mask = evaluator.match(query).mask
        except OverBudget:
            return None  # a suggestion is a bonus: not worth the request's time
        found = int(np.count_nonzero(_combined(mask, filter_masks.values())))
        unaccented = fold(text) == text
        if found == 0 or (not unaccented and found <= total):
            return None
        return Suggestion(better, found)

    # --- Documents ----------------------------------------------------------------

    @_reads_index
    def stats(self) -> dict:
        """What /healthz reports: documents in service, generation, time of the last commit."""
        snapshot = self.snapshot()
        generation = snapshot.generation
        newest = max((p.stat().st_mtime for p in generation.iterdir()), default=0.0)
        return {
            "documents": snapshot.doc_count(),
            "generation": generation.name,
            "updated": newest,
        }

    @_reads_index
    def document(self, doc_id: str) -> dict | None:
        return self.snapshot().document(doc_id)

    @_reads_index
    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """The documents most like ``doc_id``: its key words, weighted by rarity (tf × idf)."""
        snapshot = self.snapshot()
        docnum = snapshot.document_number(doc_id)
        if docnum is None:
            return []
        fieldname = text_field("body", "words")
        weighted = sorted(
            (
                (count * snapshot.idf(fieldname, term), term)
                for term, count in snapshot.stored_fields(docnum).get("key_terms") or ()
            ),
            reverse=True,
        )[:MORE_LIKE_THIS_TERMS]
        if not weighted:
            return []
        query = AnyOf(tuple(Term(fieldname, term, weight) for weight, term in weighted))
        match = Evaluator(snapshot, NO_DEADLINE).match(query)
        match.mask[docnum] = False  # not the document itself
        return [
            self._hit(snapshot, n, match.scores[n], "relevance", set(), set())
            for n in _ranked(snapshot, match.mask, match.scores, limit, "relevance")
        ]

    @_reads_index
    def documents(self) -> list[dict]:
        """Every indexed document's metadata with its origins, by path."""
        snapshot = self.snapshot()
        return sorted((describe(d) for d in snapshot.all_stored_fields()), key=lambda d: d["path"])


def describe(stored: dict) -> dict:
    """A document's public metadata, from its stored fields."""
    return {
        "id": stored["id"],
        "path": stored["path"],
        "title": stored["title"],
        "date": stored.get("date"),
        "year": stored.get("year") or None,
        "periods": split_values(stored.get("period")),
        "leaders": split_values(stored.get("leader")),
        "topics": split_values(stored.get("topic")),
        "source": stored.get("source"),
        "origins": stored.get("origins") or {},
    }


# --- Ranking ---------------------------------------------------------------------------


def _combined(mask: np.ndarray, filter_masks) -> np.ndarray:
    combined = mask.copy()
    for filter_mask in filter_masks:
        combined &= filter_mask
    return combined


def _partial_matches(parsed, known_word, typed, evaluator, full_mask):
    """The partial hits of the query (see ``search_app.engine.partial``), or None when it has
    none to offer, or when finding them would outlast the request's time."""
    plan = partial.plan(parsed, known_word, typed)
    if plan is None:
        return None
    try:
        return partial.coverage(plan, evaluator, full_mask)
    except OverBudget:
        return None  # the all-words matches are an answer already


def _ranked(snapshot, matched, scores, limit: int, sort: str, criteria=()):
    """The document numbers of the first ``limit`` matches, best or newest first.

    ``criteria`` are arrays over all documents, lower first, that rank before the sort
    order, in their order (partial matching: all-words matches, then coverage).
    """
    docnums = np.flatnonzero(matched)
    if sort == "relevance":
        keys = -scores[docnums]  # ties: the earlier document first, as Whoosh ranks them
    else:
        dates = snapshot.date_sort[docnums]
        keys = -dates if sort == "newest" else dates
    if criteria:
        order = np.lexsort((docnums, keys, *(c[docnums] for c in reversed(criteria))))
        return [int(n) for n in docnums[order[:limit]]]
    if len(docnums) > limit:
        best = np.argpartition(keys, limit - 1)[:limit]
        docnums, keys = docnums[best], keys[best]
    return [int(n) for n in docnums[np.lexsort((docnums, keys))]]


# --- Facets -----------------------------------------------------------------------------


def _facets(snapshot, text_mask, filter_masks, request) -> dict[str, list[FacetValue]]:
    """Per facet, its values with how many matches hold each.

    Drill-down: a facet's counts follow the query and the OTHER facets' filters, so a
    selected value's siblings stay visible with the counts they would give.
    """
    facets = {}
    for facet in FACETS:
        others = [mask for name, mask in filter_masks.items() if name != facet]
        matched = _combined(text_mask, others)
        counts = snapshot.facets[facet].counts(matched)
        facets[facet] = _facet_list(facet, counts, _selected(facet, request), request)
    return facets


def _selected(facet: str, request: SearchRequest) -> tuple:
    return {
        "year": request.years,
        "period": request.periods,
        "leader": request.leaders,
        "topic": request.topics,
    }[facet]


def _facet_list(facet: str, counter: dict, selected, request) -> list[FacetValue]:
    values = set(counter) | set(selected)
    if facet in ("year", "period"):
        ordered = sorted(values, reverse=facet == "year")
    else:
        ordered = sorted(values, key=lambda v: (-counter.get(v, 0), str(v)))
    return [
        FacetValue(v, facet_label(facet, v, request.lang), counter.get(v, 0), v in selected)
        for v in ordered
    ]


# --- Highlights --------------------------------------------------------------------------


def _matched_spans(texts: dict[str, str], sequences, limits: Limits) -> dict[str, list]:
    """Character spans, per source, where a whole query sequence occurs in the hit's text:
    a word or a phrase is marked only where its syllables follow one another.

    Only the text's first ``limits.highlight_chars`` characters are looked through, so a
    hit costs the same whatever the document's length (snippets come from there).
    """
    spans = {}
    for source in TEXT_SOURCES:
        wanted = [syllables for where, syllables in sequences if where == source]
        text = _head(texts[source], limits.highlight_chars)
        spans[source] = merge_spans(find_syllable_runs(text, wanted)) if wanted else []
    return spans


def _head(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, cut after a space when there is one."""
    if len(text) <= chars:
        return text
    space = text.rfind(" ", 0, chars)
    return text[: space if space > 0 else chars]
