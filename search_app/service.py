"""Query → parse → search → facets → highlights → plain dataclasses.

The only module of the web app that touches Whoosh. The HTML page, the JSON API and the
command line all take their data from :meth:`SearchService.search`.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import asdict, astuple, dataclass, field, replace
from pathlib import Path

from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh import query as q

from indexer.analysis import QueryWord, fold, normalize, query_words
from indexer.schema import (
    FACETS,
    POSITIONAL_FORM,
    TEXT_SOURCES,
    current_generation,
    facet_label,
    text_field,
)
from search_app.glossary import current_glossary, glossary_stamp
from search_app.highlight import drop_stray_syllables, mark, merge_spans, snippets
from search_app.query import ParsedQuery, Unit, parse_query, year_range
from search_app.suggest import Speller, suggest

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
CACHE_SIZE = 256  # recent results kept per process; 0 turns the cache off

# A query word counts 4 written with its accents, 2 accent-free, 1 as nearby syllables
# (see _word_query); matches in the title count this much more than in the body.
SOURCE_WEIGHTS = {"title": 2.0, "body": 1.0}
MAX_WORD_SYLLABLES = 4  # the longest word an unaccented run is regrouped into
WORD_SLOP = 3  # how far apart a query word's syllables may stand in a document
_PIECES = re.compile(r"[^\W_]+")  # the syllables of an indexed word ("30c/nq-cp": 30c nq cp)
PROXIMITY_WEIGHT = 2.0  # bonus when a multi-word query's syllables stand together
MORE_LIKE_THIS_TERMS = 15
SUGGEST_FIELD = "body_syllables_folded"
MAX_NEIGHBOURS = 8
ALIAS_WEIGHT = 0.8  # a glossary alias (TTHC for thủ tục hành chính) counts a bit less


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

    def to_json(self) -> dict:
        """The documented JSON shape (``search --json`` and the web API)."""
        data = asdict(self)
        for hit in data["hits"]:
            del hit["title_html"]
        return data


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


class SearchService:
    """Searches the index in ``index_dir``, following the indexer's commits and swaps."""

    def __init__(
        self, index_dir: Path, max_per_page: int = MAX_PER_PAGE, cache_size: int = CACHE_SIZE
    ):
        self.index_dir = Path(index_dir)
        self.max_per_page = max_per_page
        # Results of recent requests, for the index state they were computed on: emptied
        # whenever the searcher is reopened, so a new commit is never hidden.
        self._results = ResultCache(cache_size)
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._searcher = None
        self._facet_values: dict[str, list[tuple]] = {}
        self._vocabulary: Vocabulary | None = None

    # --- Opening ----------------------------------------------------------------

    def searcher(self):
        """The current searcher, reopened when the indexer committed or swapped."""
        with self._lock:
            generation = current_generation(self.index_dir)
            if generation is None:
                raise NoIndexError(f"no index in {self.index_dir}: run `reform-search index`")
            if generation != self._generation:
                if self._searcher is not None:
                    self._searcher.close()
                self._searcher = whoosh_index.open_dir(str(generation)).searcher()
                self._generation = generation
                self._facet_values = {}
                self._vocabulary = None
                self._results.clear()
            else:
                fresh = self._searcher.refresh()
                if fresh is not self._searcher:
                    self._searcher = fresh
                    self._facet_values = {}
                    self._vocabulary = None
                    self._results.clear()
            if not self._facet_values:
                self._facet_values = _load_facet_values(self._searcher.reader())
            return self._searcher, self._facet_values

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._generation = None, None

    # --- Searching --------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        searcher, facet_values = self.searcher()
        cached = self._results.get(request)
        if cached is not None:
            return replace(cached, took_ms=round((time.perf_counter() - started) * 1000, 1))
        result = self._search(searcher, facet_values, request, started)
        self._results.put(request, result)
        return result

    def _search(self, searcher, facet_values, request: SearchRequest, started) -> SearchResult:
        parsed = parse_query(request.query)
        known_word = self._word_lookup(searcher)
        words_query = build_text_query(parsed, known_word)
        field_query = _field_filters(parsed, facet_values)
        text_query = _and([words_query, field_query]) if field_query is not None else words_query
        filters = _filters(request)
        main = _and([text_query] + list(filters.values()))
        page = max(1, request.page)
        per_page = min(max(1, request.per_page), self.max_per_page)
        sort = request.sort if request.sort in SORTS else "relevance"
        if words_query is None and sort == "relevance":
            sort = "newest"  # browsing: nothing to rank by
        results, matched = _ranked_and_all(searcher, main, page * per_page, sort)
        total = len(matched)
        page_hits = list(results)[(page - 1) * per_page :]  # empty past the last page
        lone = words_that_may_stand_alone(parsed)
        sequences = highlight_sequences(words_query)
        hits = [self._hit(searcher, hit, sort, lone, sequences) for hit in page_hits]
        facets = self._facets(searcher, facet_values, text_query, filters, matched, request)
        suggestion = self._suggestion(searcher, request.query, filters, total)
        return SearchResult(
            query=request.query,
            total=total,
            page=page,
            per_page=per_page,
            hits=hits,
            facets=facets,
            notices=parsed.notices,
            suggestion=suggestion,
            took_ms=round((time.perf_counter() - started) * 1000, 1),
        )

    def _word_lookup(self, searcher):
        """``known_word`` for one request: the vocabulary is fetched once, on first use."""
        vocabulary = None

        def known_word(folded_word: str) -> bool:
            nonlocal vocabulary
            vocabulary = vocabulary or self._vocabulary_of(searcher)
            return vocabulary.knows(folded_word)

        return known_word

    def _vocabulary_of(self, searcher) -> Vocabulary:
        """The index's words, read once per index state, on the first query needing them."""
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary(searcher.reader())
            return self._vocabulary

    def _hit(self, searcher, hit, sort: str, lone: set[str], sequences) -> Hit:
        stored = hit.fields()
        text, title = stored.get("text") or "", stored["title"]
        spans = _matched_spans(searcher, hit, sequences)
        summary = describe(stored)
        del summary["origins"]
        return Hit(
            **summary,
            score=round(hit.score, 4) if sort == "relevance" and hit.score is not None else None,
            snippets=snippets(text, drop_stray_syllables(text, spans["body"], lone, fold)),
            title_html=mark(title, drop_stray_syllables(title, spans["title"], lone, fold)),
        )

    def _suggestion(self, searcher, text: str, filters, total: int) -> Suggestion | None:
        """An accented or corrected spelling, offered when it finds something.

        An unaccented query already finds the accented text, so its suggestion is offered
        whenever it finds anything: it shows the words as written and ranks exact accents.
        A misspelt query's suggestion must find more than the query did.
        """
        better = suggest(text, self._vocabulary_of(searcher).speller())
        if better is None:
            return None
        query = build_text_query(parse_query(better), self._word_lookup(searcher))
        found = sum(1 for _ in searcher.docs_for_query(_and([query, *filters.values()])))
        unaccented = fold(text) == text
        if found == 0 or (not unaccented and found <= total):
            return None
        return Suggestion(better, found)

    def _facets(self, searcher, facet_values, text_query, filters, matched, request):
        base = text_query if text_query is not None else q.Every()
        # The main search already matched the documents of the query and every filter.
        cache: dict[frozenset, Counter] = {frozenset(filters): _count(matched, facet_values)}
        facets = {}
        for facet in FACETS:
            # Drill-down: a facet's counts follow the query and the OTHER facets' filters.
            others = frozenset(name for name in filters if name != facet)
            if others not in cache:
                docs = searcher.docs_for_query(_and([base] + [filters[n] for n in others]))
                cache[others] = _count(docs, facet_values)
            facets[facet] = _facet_list(facet, cache[others], _selected(facet, request), request)
        return facets

    # --- Documents ----------------------------------------------------------------

    def stats(self) -> dict:
        """What /healthz reports: documents in service, generation, time of the last commit."""
        searcher, _ = self.searcher()
        generation = self._generation
        newest = max((p.stat().st_mtime for p in generation.iterdir()), default=0.0)
        return {
            "documents": searcher.doc_count(),
            "generation": generation.name,
            "updated": newest,
        }

    def document(self, doc_id: str) -> dict | None:
        searcher, _ = self.searcher()
        return searcher.document(id=doc_id)

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """The documents most like ``doc_id``: its key words, weighted by rarity (tf × idf)."""
        searcher, _ = self.searcher()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return []
        fieldname = text_field("body", "words")
        weighted = sorted(
            (
                (count * searcher.idf(fieldname, term), term)
                for term, count in searcher.stored_fields(docnum).get("key_terms") or ()
            ),
            reverse=True,
        )[:MORE_LIKE_THIS_TERMS]
        if not weighted:
            return []
        query = q.Or([q.Term(fieldname, term, boost=weight) for weight, term in weighted])
        results = searcher.search(q.AndNot(query, q.Term("id", doc_id)), limit=limit)
        return [self._hit(searcher, hit, "relevance", set(), set()) for hit in results]

    def documents(self) -> list[dict]:
        """Every indexed document's metadata with its origins, by path."""
        searcher, _ = self.searcher()
        return sorted((describe(d) for d in searcher.all_stored_fields()), key=lambda d: d["path"])


def describe(stored: dict) -> dict:
    """A document's public metadata, from its stored fields."""
    return {
        "id": stored["id"],
        "path": stored["path"],
        "title": stored["title"],
        "date": stored.get("date"),
        "year": stored.get("year") or None,
        "periods": _split(stored.get("period")),
        "leaders": _split(stored.get("leader")),
        "topics": _split(stored.get("topic")),
        "source": stored.get("source"),
        "origins": stored.get("origins") or {},
    }


# --- Ranking ---------------------------------------------------------------------------


class _EveryMatch(collectors.WrappingCollector):
    """Records every matched document while the wrapped collector ranks them, so the total
    and the facet counts need no second pass over the postings."""

    def __init__(self, child):
        super().__init__(child)
        self.docnums: list[int] = []

    def collect(self, sub_docnum):
        self.docnums.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def _ranked_and_all(searcher, query: q.Query, limit: int, sort: str):
    """The top ``limit`` results (with matched terms, for highlights) and every match."""
    if sort == "relevance":
        # No block skipping and no pruning of matchers that cannot reach the top: either
        # would hide matches from the total and the facet counts.
        ranker = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    else:
        ranker = collectors.SortingCollector("date_sort", limit=limit, reverse=sort == "newest")
    recorder = _EveryMatch(collectors.TermsCollector(ranker))
    searcher.search_with_collector(query, recorder)
    return recorder.results(), recorder.docnums


# --- Query building -------------------------------------------------------------------


def build_text_query(parsed: ParsedQuery, known_word=None) -> q.Query | None:
    """The Whoosh query for the text part, or None when there is nothing to match.

    ``known_word(folded_word)`` tells whether the index holds a word ("cai_cach"): it
    regroups unaccented syllables into words (see :func:`analyse_unit`).
    """
    known_word = known_word or (lambda word: False)
    groups = [_or([_unit_query(unit, known_word) for unit in group]) for group in parsed.groups]
    groups = [g for g in groups if g is not None]
    excluded = [_unit_query(unit, known_word) for unit in parsed.excluded]
    excluded = [e for e in excluded if e is not None]
    if not groups:
        return q.AndNot(q.Every(), _or(excluded)) if excluded else None
    positive = _and(groups)
    return q.AndNot(positive, _or(excluded)) if excluded else positive


def analyse_unit(text: str, known_word) -> list[QueryWord]:
    """The query's words: pyvi's segmentation, except for runs typed without accents.

    pyvi cannot segment unaccented text ("cai cach hanh chinh" stays four syllables), so
    such runs are regrouped, longest first, into words the index knows ("cai_cach",
    "hanh_chinh"): each must then stand together, as in the accented query.
    """
    words, run, regrouped = query_words(text), [], []
    for word in words + [None]:
        plain = word is not None and word.exact == word.folded and len(word.syllables) == 1
        if plain and word.folded.isalpha():
            run.append(word.folded)
            continue
        regrouped.extend(_regroup(run, known_word))
        run = []
        if word is not None:
            regrouped.append(word)
    return regrouped


def _regroup(syllables: list[str], known_word) -> list[QueryWord]:
    words, i = [], 0
    while i < len(syllables):
        for j in range(min(len(syllables), i + MAX_WORD_SYLLABLES), i, -1):
            key = "_".join(syllables[i:j])
            if j == i + 1 or known_word(key):
                pieces = tuple(syllables[i:j])
                words.append(QueryWord(key, key, pieces, pieces))
                i = j
                break
    return words


def words_that_may_stand_alone(parsed: ParsedQuery) -> set[str]:
    """Folded words worth a highlight on their own: see ``drop_stray_syllables``."""
    lone = set()
    for unit in (u for group in parsed.groups for u in group if not u.phrase):
        words = query_words(unit.text)
        acronyms = {fold(w).lower() for w in re.findall(r"\w+", unit.text) if not w.islower()}
        for word in words:
            if len(words) == 1 or word.folded in acronyms or word.folded[0].isdigit():
                lone.add(" ".join(word.folded_syllables))
        for expansion in current_glossary().expansions([w.folded_syllables for w in words]):
            lone.update(fold(alias).lower() for alias in expansion.aliases if " " not in alias)
    return lone


def _unit_query(unit: Unit, known_word) -> q.Query | None:
    words = analyse_unit(unit.text, known_word)
    if not words:
        return None
    if unit.phrase:
        return _phrase_query(words)
    required = _and(_expanded_word_queries(words))
    if len(words) == 1:
        return required
    return q.AndMaybe(required, _proximity_query(words))


def _expanded_word_queries(words: list[QueryWord]) -> list[q.Query]:
    """One query per word, with glossary matches widened to their aliases."""
    expansions = current_glossary().expansions([w.folded_syllables for w in words])
    queries, i = [], 0
    for expansion in expansions:
        queries.extend(_word_query(w) for w in words[i : expansion.start])
        as_typed = _and([_word_query(w) for w in words[expansion.start : expansion.end]])
        aliases = [_phrase_query(query_words(alias), ALIAS_WEIGHT) for alias in expansion.aliases]
        queries.append(_or([as_typed] + [a for a in aliases if a is not None]))
        i = expansion.end
    queries.extend(_word_query(w) for w in words[i:])
    return queries


def _word_query(word: QueryWord) -> q.Query:
    """A word as written (if accented), accent-free, or as its syllables close together."""
    parts = []
    for source, weight in SOURCE_WEIGHTS.items():
        parts.append(q.Term(text_field(source, "words"), word.exact, boost=4.0 * weight))
        parts.append(q.Term(text_field(source, "words_folded"), word.folded, boost=2.0 * weight))
        # Its syllables close together, in order: the document may segment or write the
        # word differently ("xuất khẩu, nhập khẩu" for "xuất nhập khẩu"). The pieces of a
        # date or number anywhere: "1/7/2019" is also written "ngày 1/7 … năm 2019".
        syllables = list(word.folded_syllables)
        fieldname = text_field(source, "syllables_folded")
        if len(syllables) == 1:
            parts.append(q.Term(fieldname, syllables[0], boost=weight))
        elif any(c.isdigit() for c in word.folded):
            parts.append(q.And([q.Term(fieldname, s, boost=weight) for s in syllables]))
        else:
            parts.append(q.Phrase(fieldname, syllables, slop=WORD_SLOP, boost=weight))
    return q.Or(parts)


def _phrase_query(words: list[QueryWord], weight: float = 1.0) -> q.Query | None:
    """The syllables in this order, accents optional, in the title or the body."""
    if not words:
        return None
    folded = [s for w in words for s in w.folded_syllables]
    return _or(
        [
            _sequence(text_field(source, "syllables_folded"), folded, weight * 2 * source_weight)
            for source, source_weight in SOURCE_WEIGHTS.items()
        ]
    )


def _proximity_query(words: list[QueryWord]) -> q.Query:
    folded = [s for w in words for s in w.folded_syllables]
    return q.Phrase(text_field("body", "syllables_folded"), folded, slop=3, boost=PROXIMITY_WEIGHT)


def _sequence(fieldname: str, terms: list[str], boost: float) -> q.Query:
    if len(terms) == 1:
        return q.Term(fieldname, terms[0], boost=boost)
    return q.Phrase(fieldname, terms, boost=boost)


def _and(queries) -> q.Query:
    queries = [x for x in queries if x is not None]
    if not queries:
        return q.Every()
    return queries[0] if len(queries) == 1 else q.And(queries)


def _or(queries) -> q.Query | None:
    queries = [x for x in queries if x is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else q.Or(queries)


# --- Filters and facets -----------------------------------------------------------------


def _filters(request: SearchRequest) -> dict[str, q.Query]:
    """One query per filter group (the year filters form one group)."""
    filters = {}
    years = [q.NumericRange("year", y, y) for y in request.years]
    if request.year_from is not None or request.year_to is not None:
        years.append(q.NumericRange("year", request.year_from or 1, request.year_to))
    if years:
        filters["year"] = _or(years)
    for facet, values in (
        ("period", request.periods),
        ("leader", request.leaders),
        ("topic", request.topics),
    ):
        if values:
            filters[facet] = _or([q.Term(facet, value) for value in values])
    return filters


def _selected(facet: str, request: SearchRequest) -> tuple:
    return {
        "year": request.years,
        "period": request.periods,
        "leader": request.leaders,
        "topic": request.topics,
    }[facet]


def _field_filters(parsed: ParsedQuery, facet_values) -> q.Query | None:
    """``leader:phuc year:2015..2020`` typed in the query: one query per field, all required.

    Leader and topic values match the index's values with accents and case optional,
    by whole words (``leader:phuc`` is Nguyễn Xuân Phúc); a value that matches nothing
    matches no document.
    """
    queries = []
    for name, values in parsed.filters.items():
        if name == "year":
            ranges = [year_range(value) for value in values]
            queries.append(_or([q.NumericRange("year", a or 1, b) for a, b in ranges]))
        elif name == "period":
            queries.append(_or([q.Term("period", v.replace("–", "-")) for v in values]))
        else:
            known = {value for doc in facet_values[name] for value in doc}
            matches = [_matching_values(name, value, known) for value in values]
            terms = [q.Term(name, value) for found in matches for value in found]
            queries.append(_or(terms) or q.NullQuery)
    return _and(queries) if queries else None


def _matching_values(facet: str, typed: str, known: set[str]) -> list[str]:
    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"\w+", fold(text).lower())) + " "

    wanted = words(typed)
    names = {value: words(value) for value in known}
    if facet == "topic":
        for value in known:
            names[value] += words(facet_label("topic", value, "vi"))
            names[value] += words(facet_label("topic", value, "en"))
    exact = [value for value, name in names.items() if name.strip() == wanted.strip()]
    return exact or sorted(value for value, name in names.items() if wanted in name)


def _load_facet_values(reader) -> dict[str, list[tuple]]:
    """Per facet, per document number, the document's values (read once per index state)."""
    values: dict[str, list[tuple]] = {}
    size = reader.doc_count_all()
    for facet in FACETS:
        column = reader.column_reader(facet)
        if facet == "year":
            # a document without a year holds the column's default (0 or the minimum)
            values[facet] = [(column[n],) if column[n] > 0 else () for n in range(size)]
        else:
            values[facet] = [tuple(_split(column[n])) for n in range(size)]
    return values


def _count(docnums, facet_values) -> dict[str, Counter]:
    counts = {facet: Counter() for facet in FACETS}
    for docnum in docnums:
        for facet in FACETS:
            counts[facet].update(facet_values[facet][docnum])
    return counts


def _facet_list(facet: str, counts: dict[str, Counter], selected, request) -> list[FacetValue]:
    counter = counts[facet]
    values = set(counter) | set(selected)
    if facet in ("year", "period"):
        ordered = sorted(values, reverse=facet == "year")
    else:
        ordered = sorted(values, key=lambda v: (-counter.get(v, 0), str(v)))
    return [
        FacetValue(v, facet_label(facet, v, request.lang), counter.get(v, 0), v in selected)
        for v in ordered
    ]


def _split(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    return [v.strip() for v in value.split(",") if v.strip()]


# --- Highlights --------------------------------------------------------------------------


def highlight_sequences(query: q.Query | None) -> set[tuple[str, tuple[str, ...]]]:
    """The (source, folded syllables) a hit's highlights are made of: every word, syllable
    and exact phrase of the query, but not its exclusions nor its loose proximity bonus."""
    if query is None:
        return set()
    if isinstance(query, q.AndNot):
        return highlight_sequences(query.a)
    if isinstance(query, q.Term) and query.fieldname.split("_", 1)[0] in TEXT_SOURCES:
        source = query.fieldname.split("_", 1)[0]
        return {(source, tuple(_PIECES.findall(fold(query.text))))}
    if isinstance(query, q.Phrase):
        source = query.fieldname.split("_", 1)[0]
        return {(source, tuple(query.words))} if query.slop == 1 else set()
    return set().union(*(highlight_sequences(child) for child in query.children()))


def _matched_spans(searcher, hit, sequences) -> dict[str, list[tuple[int, int]]]:
    """Character spans, per source, where a whole query sequence occurs in this hit.

    Offsets come from the folded syllables' postings (stored at index time): a word or a
    phrase is marked only where its syllables stand at consecutive positions, and the text
    is never re-analysed.
    """
    spans: dict[str, list[tuple[int, int]]] = {source: [] for source in TEXT_SOURCES}
    if not hit.results.has_matched_terms():
        return spans
    matched = set(hit.matched_terms())
    positions: dict[tuple[str, bytes], dict[int, tuple[int, int]]] = {}
    for source, syllables in sequences:
        fieldname = text_field(source, POSITIONAL_FORM)
        keys = [(fieldname, syllable.encode("utf-8")) for syllable in syllables]
        if not keys or not all(key in matched for key in keys):
            continue
        for key in keys:
            if key not in positions:
                positions[key] = _term_positions(searcher, key, hit.docnum)
        first, rest = positions[keys[0]], [positions[key] for key in keys[1:]]
        for pos, (start, end) in first.items():
            if all(pos + k in later for k, later in enumerate(rest, 1)):
                spans[source].append((start, rest[-1][pos + len(rest)][1] if rest else end))
    return {source: merge_spans(found) for source, found in spans.items()}


def _term_positions(searcher, key: tuple[str, bytes], docnum: int) -> dict[int, tuple[int, int]]:
    postings = searcher.postings(*key)
    postings.skip_to(docnum)
    if not postings.is_active() or postings.id() != docnum:
        return {}
    return {pos: (start, end) for pos, start, end in postings.value_as("characters")}


# --- Suggestions -------------------------------------------------------------------------


class Vocabulary:
    """The index's words, for "did you mean" (built once per index state)."""

    def __init__(self, reader):
        self._reader = reader
        best: dict[str, tuple[int, str]] = {}
        for term, info in reader.iter_field(text_field("body", "words")):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            key, frequency = fold(word), info.doc_frequency()
            if frequency > best.get(key, (0, ""))[0]:
                best[key] = (frequency, word)
        self._spellings = {key: word.replace("_", " ") for key, (_, word) in best.items()}
        # Keys are folded words as indexed: "cai_cach" → "cải cách".

    def knows(self, folded_word: str) -> bool:
        """Whether some document holds this word ("cai_cach"), with any accents."""
        return folded_word in self._spellings

    def speller(self) -> Speller:
        glossary = current_glossary()

        def spelling(syllables: tuple[str, ...]) -> str | None:
            return glossary.spelling(syllables) or self._spellings.get("_".join(syllables))

        return Speller(spelling, self._known, self._neighbours)

    def _known(self, folded_syllable: str) -> bool:
        return self._reader.doc_frequency(SUGGEST_FIELD, folded_syllable) > 0

    def _neighbours(self, folded_syllable: str) -> list[str]:
        """Known syllables one edit or one swap of neighbouring letters away, commonest first."""
        if len(folded_syllable) < 3:
            return []
        found = set(self._reader.terms_within(SUGGEST_FIELD, folded_syllable, 1))
        for i in range(len(folded_syllable) - 1):
            swapped = (
                folded_syllable[:i]
                + folded_syllable[i + 1]
                + folded_syllable[i]
                + folded_syllable[i + 2 :]
            )
            if self._known(swapped):
                found.add(swapped)
        ranked = sorted(found, key=lambda t: -self._reader.doc_frequency(SUGGEST_FIELD, t))
        return ranked[:MAX_NEIGHBOURS]
