"""The two speed baselines, doing the page's work over the same documents and requests.

Both index the title and body as the project's corpus reader gives them, and the four
facets (year, period, leader, topic) as the project's indexer extracted them (read back
from its index with ``SearchService.documents()``, so nothing is extracted twice).
Each request returns the top 10 with a highlighted title and body snippet, the total
count and the four facet counts. Facets drill down as the project's do: a facet is
counted over the documents matching the words and the OTHER facets' filters.

- ``fts5``: SQLite FTS5, ``unicode61 remove_diacritics 2``, BM25 with the title weighted 2,
  ``highlight()`` and ``snippet()``; facets by GROUP BY over the matched rows.
- ``tantivy``: its Python package; the simple tokenizer, lowercase and ASCII folding (so
  unaccented queries match, as in FTS5); its query parser, every word required, the title
  boosted 2; ``SnippetGenerator``; facets by a terms aggregation on fast fields.

Neither segments Vietnamese words nor knows the glossary; ``field:value`` filters typed
in the query are dropped (the baselines get the words and phrases), ``-word`` excludes
and ``OR`` stays an operator. A request without words lists the newest matching documents.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.perf.procs import directory_mb
from bench.perf.queries import PerfQuery
from bench.relevance.corpus import Corpus, doc_id, read_texts

BASELINES = ("fts5", "tantivy")
VERSION = "1"  # bump when a build below changes
FACETS = {"years": "year", "periods": "period", "leaders": "leader", "topics": "topic"}
HITS = 10
SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class Doc:
    number: int
    id: str
    title: str
    body: str
    facets: dict[str, list]  # facet name → values (year: ints)


@dataclass(frozen=True)
class Built:
    search: object  # callable PerfQuery → total
    seconds: float | None  # None: reused from an earlier run
    size_mb: float


def documents(corpus: Corpus, metadata: dict[str, dict]) -> Iterator[Doc]:
    """Every readable document with its facet values; ``metadata`` maps a path to
    ``SearchService.documents()``'s entry for it."""
    by_id = {doc_id(path): entry for path, entry in metadata.items()}
    for number, (identifier, title, body) in enumerate(read_texts(corpus)):
        entry = by_id.get(identifier, {})
        facets = {
            "year": [entry["year"]] if entry.get("year") else [],
            "period": list(entry.get("periods") or ()),
            "leader": list(entry.get("leaders") or ()),
            "topic": list(entry.get("topics") or ()),
        }
        yield Doc(number, identifier, title, body, facets)


def prepare(
    system: str, corpus: Corpus, metadata: dict[str, dict], cache: Path, rebuild: bool
) -> Built:
    """The search function of ``system``, building its index unless a current one is kept."""
    facts = json.dumps(sorted(metadata.items()), ensure_ascii=False, default=str)
    code = hashlib.sha256(f"{VERSION}\n{_engine_version(system)}\n{facts}".encode()).hexdigest()
    prefix = f"{system}-{corpus.key[:16]}-"
    target = cache / "perf" / f"{prefix}{code[:12]}"
    for stale in target.parent.glob(prefix + "*"):
        if stale != target:  # built by older code or from other metadata: never used again
            shutil.rmtree(stale, ignore_errors=True)
    seconds = None
    if rebuild or not target.is_dir():
        staging = target.with_name(target.name + ".building")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        started = time.perf_counter()
        _WRITERS[system](documents(corpus, metadata), staging)
        seconds = time.perf_counter() - started
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    return Built(_SEARCHERS[system](target), seconds, directory_mb(target))


def words_of(text: str) -> list[tuple[str, str]]:
    """(kind, text) parts of a query: ``word``, ``phrase``, ``not`` (a -word) or ``or``.

    ``field:value`` filters are dropped: the baselines have no such syntax.
    """
    parts = []
    for match in re.finditer(r'"(?P<phrase>[^"]*)"?|(?P<word>\S+)', text):
        phrase, word = match.group("phrase"), match.group("word")
        if word is None:
            if re.search(r"\w", phrase):
                parts.append(("phrase", phrase))
        elif word == "OR":
            parts.append(("or", word))
        elif re.fullmatch(r"\w+:\S+", word):
            continue
        elif word.startswith("-") and re.search(r"\w", word):
            parts.append(("not", word[1:]))
        elif re.search(r"\w", word):
            parts.append(("word", word))
    # An OR needs a word or phrase on each side.
    return [
        part
        for i, part in enumerate(parts)
        if part[0] != "or"
        or (0 < i < len(parts) - 1 and parts[i - 1][0] in ("word", "phrase"))
        and parts[i + 1][0] in ("word", "phrase")
    ]


def drilldown_groups(filtered: set[str]) -> dict[frozenset, list[str]]:
    """Facets grouped by the other facets' filters they are counted under."""
    groups: dict[frozenset, list[str]] = {}
    for facet in FACETS.values():
        groups.setdefault(frozenset(filtered - {facet}), []).append(facet)
    return groups


def _filters(query: PerfQuery) -> dict[str, tuple]:
    return {FACETS[name]: values for name, values in query.filters.items()}


def _engine_version(system: str) -> str:
    if system == "fts5":
        return sqlite3.sqlite_version
    import tantivy

    return getattr(tantivy, "__version__", "")


# --- SQLite FTS5 ------------------------------------------------------------------------------


def fts5_match(text: str) -> str:
    """The FTS5 MATCH expression: words and phrases as strings, all required."""

    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    parts = words_of(text)
    positive = [quoted(t) if kind != "or" else "OR" for kind, t in parts if kind != "not"]
    excluded = [quoted(t) for kind, t in parts if kind == "not"]
    if not positive:
        return ""
    expression = " ".join(positive)
    return f"({expression}) NOT ({' OR '.join(excluded)})" if excluded else expression


def _write_fts5(docs: Iterator[Doc], target: Path) -> None:
    with sqlite3.connect(target / "fts5.sqlite") as db:
        db.executescript(
            """
            CREATE VIRTUAL TABLE docs USING fts5(
                title, body, tokenize='unicode61 remove_diacritics 2');
            CREATE TABLE meta(docid INTEGER PRIMARY KEY, id TEXT NOT NULL, year INTEGER);
            CREATE TABLE facet(docid INTEGER NOT NULL, facet TEXT NOT NULL, value NOT NULL);
            """
        )
        for doc in docs:
            db.execute(
                "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                (doc.number, doc.title, doc.body),
            )
            year = doc.facets["year"][0] if doc.facets["year"] else None
            db.execute("INSERT INTO meta VALUES (?, ?, ?)", (doc.number, doc.id, year))
            db.executemany(
                "INSERT INTO facet VALUES (?, ?, ?)",
                [
                    (doc.number, facet, value)
                    for facet, values in doc.facets.items()
                    for value in values
                ],
            )
        db.executescript(
            """
            CREATE INDEX facet_by_value ON facet(facet, value, docid);
            CREATE INDEX facet_by_doc ON facet(docid, facet, value);
            INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
            INSERT INTO docs(docs) VALUES ('optimize');
            ANALYZE;
            """
        )


def _fts5_searcher(target: Path):
    db = sqlite3.connect(target / "fts5.sqlite", check_same_thread=False)
    db.execute("CREATE TEMP TABLE matched(docid INTEGER PRIMARY KEY)")

    def condition(filters: dict[str, tuple], column: str = "docid") -> tuple[str, list]:
        """SQL on ``column`` (a document number) for the documents passing every filter."""
        clauses, params = [], []
        for facet, values in filters.items():
            marks = ", ".join("?" * len(values))
            clauses.append(
                f"{column} IN (SELECT docid FROM facet WHERE facet = ? AND value IN ({marks}))"
            )
            params.extend([facet, *values])
        return (" AND ".join(clauses) or "1"), params

    def search(query: PerfQuery) -> int:
        match, filters = fts5_match(query.q), _filters(query)
        db.execute("DELETE FROM matched")
        if match:
            db.execute("INSERT INTO matched SELECT rowid FROM docs WHERE docs MATCH ?", (match,))
        else:
            db.execute("INSERT INTO matched SELECT docid FROM meta")
        where, params = condition(filters)
        total = db.execute(f"SELECT count(*) FROM matched WHERE {where}", params).fetchone()[0]
        if match:
            if filters:
                # Rank the filtered matches first, then highlight only the ten shown: with a
                # rowid constraint SQLite sorts itself and would make a snippet for every row.
                top = db.execute(
                    "SELECT rowid FROM docs WHERE docs MATCH ?"
                    f" AND rowid IN (SELECT docid FROM matched WHERE {where})"
                    f" ORDER BY rank LIMIT {HITS}",
                    [match, *params],
                ).fetchall()
                shown = f"AND rowid IN ({', '.join(str(row[0]) for row in top) or 'NULL'})"
            else:
                shown = ""
            db.execute(
                "SELECT rowid, highlight(docs, 0, '<mark>', '</mark>'),"
                f" snippet(docs, 1, '<mark>', '</mark>', '…', {SNIPPET_TOKENS})"
                f" FROM docs WHERE docs MATCH ? {shown} ORDER BY rank LIMIT {HITS}",
                [match],
            ).fetchall()
        else:
            db.execute(
                f"SELECT m.docid, d.title FROM meta m JOIN docs d ON d.rowid = m.docid"
                f" WHERE m.docid IN (SELECT docid FROM matched WHERE {where})"
                f" ORDER BY m.year DESC LIMIT {HITS}",
                params,
            ).fetchall()
        for others, facets in drilldown_groups(set(filters)).items():
            where, params = condition({f: v for f, v in filters.items() if f in others}, "m.docid")
            marks = ", ".join("?" * len(facets))
            db.execute(
                "SELECT f.facet, f.value, count(*) FROM matched m"
                f" JOIN facet f ON f.docid = m.docid AND f.facet IN ({marks})"
                f" WHERE {where} GROUP BY f.facet, f.value",
                [*facets, *params],
            ).fetchall()
        return total

    return search


# --- tantivy ----------------------------------------------------------------------------------


def _tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="folded")
    builder.add_text_field("body", stored=True, tokenizer_name="folded")
    builder.add_integer_field("year", indexed=True, fast=True)
    for facet in ("period", "leader", "topic"):
        builder.add_text_field(facet, fast=True, tokenizer_name="raw")
    return builder.build()


def _tantivy_index(target: Path):
    import tantivy
    from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

    index = tantivy.Index(_tantivy_schema(), path=str(target))
    folded = (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer("folded", folded)  # not stored in the index: every opening
    return index


def _write_tantivy(docs: Iterator[Doc], target: Path) -> None:
    import tantivy

    index = _tantivy_index(target)
    writer = index.writer(heap_size=256_000_000)
    for doc in docs:
        document = tantivy.Document()
        document.add_text("id", doc.id)
        document.add_text("title", doc.title)
        document.add_text("body", doc.body)
        for facet, values in doc.facets.items():
            for value in values:
                if facet == "year":
                    document.add_integer(facet, value)
                else:
                    document.add_text(facet, value)
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()


def _tantivy_searcher(target: Path):
    from tantivy import Occur, Query, SnippetGenerator

    index = _tantivy_index(target)
    index.reload()
    searcher, schema = index.searcher(), index.schema

    def text_query(text: str):
        parts = words_of(text)
        if not any(kind in ("word", "phrase") for kind, _ in parts):
            return None
        # Parenthesised groups: OR between groups, every part of a group required.
        groups, group = [], []
        for kind, text in parts:
            if kind == "or":
                groups.append(group)
                group = []
            else:
                group.append({"word": text, "phrase": f'"{text}"', "not": f"-{text}"}[kind])
        groups.append(group)
        syntax = " OR ".join("(" + " ".join(g) + ")" for g in groups)
        parsed, _errors = index.parse_query_lenient(
            syntax, ["title", "body"], field_boosts={"title": 2.0}, conjunction_by_default=True
        )
        return parsed

    def combined(words, filters: dict[str, tuple]):
        clauses = [(Occur.Must, words)] if words is not None else []
        clauses += [
            (Occur.Must, Query.term_set_query(schema, f, list(v))) for f, v in filters.items()
        ]
        if not clauses:
            return Query.all_query()
        return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)

    def search(query: PerfQuery) -> int:
        words, filters = text_query(query.q), _filters(query)
        main = combined(words, filters)
        if words is not None:
            result = searcher.search(main, HITS, count=True)
            body = SnippetGenerator.create(searcher, words, schema, "body")
            title = SnippetGenerator.create(searcher, words, schema, "title")
            for _score, address in result.hits:
                doc = searcher.doc(address)
                body.snippet_from_doc(doc).to_html()
                title.snippet_from_doc(doc).to_html()
        else:
            result = searcher.search(main, HITS, count=True, order_by_field="year")
            for _score, address in result.hits:
                searcher.doc(address)
        for others, facets in drilldown_groups(set(filters)).items():
            narrowed = combined(words, {f: v for f, v in filters.items() if f in others})
            aggregations = {f: {"terms": {"field": f, "size": 1000}} for f in facets}
            searcher.aggregate(narrowed, aggregations)
        return result.count

    return search


_WRITERS = {"fts5": _write_fts5, "tantivy": _write_tantivy}
_SEARCHERS = {"fts5": _fts5_searcher, "tantivy": _tantivy_searcher}
