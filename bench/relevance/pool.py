"""Print the candidates to judge for a need: the pool the judgments in queries.yaml come from.

    .venv/bin/python -m bench.relevance.pool NEED [NEED ...] [--depth 30] [--unjudged]
    .venv/bin/python -m bench.relevance.pool --text "a draft query" [--grep REGEX]

The pool of a need is the union of every system's top ``--depth`` for each of the need's
queries, plus the documents matching the need's ``grep`` patterns (regular expressions,
case-insensitive, on title and body). Each candidate is printed with the systems and
ranks that found it, its grade if judged, its headline and the start of its lead, so a
judge reads them and writes grades into queries.yaml. Output goes to the terminal only:
the corpus text never goes into the repository.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench.relevance.corpus import DEFAULT_CORPUS, default_cache, open_corpus, read_texts
from bench.relevance.queries import QUERIES_FILE, load_needs, load_queries
from bench.relevance.systems import SYSTEMS, build

GREP_LIMIT = 40  # grep candidates per need, most matches first


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpus = open_corpus(args.corpus, args.cache)
    texts = {doc: (title, body) for doc, title, body in read_texts(corpus)}
    searchers = {name: build(name, corpus, args.cache) for name in args.systems.split(",")}
    if args.text:
        _print_pool(f"text: {args.text}", [args.text], args.grep, {}, texts, searchers, args)
        return 0
    needs = load_needs(args.queries)
    queries = load_queries(args.queries, judged=False)
    for need in args.needs:
        texts_of_need = [q.text for q in queries if q.need == need]
        judged = needs[need].get("judgments") or {}
        patterns = (needs[need].get("grep") or []) + args.grep
        _print_pool(need, texts_of_need, patterns, judged, texts, searchers, args)
    return 0


def _print_pool(title, query_texts, patterns, judged, texts, searchers, args) -> None:
    found: dict[str, list[str]] = {}
    for text in query_texts:
        for name, search in searchers.items():
            for rank, doc in enumerate(search(text, args.depth), 1):
                found.setdefault(doc, []).append(f"{name}{rank}")
    for doc in _grep(patterns, texts):
        found.setdefault(doc, []).append("grep")
    print(f"\n===== {title}: {len(found)} candidates; queries: {' | '.join(query_texts)}")
    for doc in sorted(found, key=lambda d: (-len(found[d]), d)):
        if args.unjudged and doc in judged:
            continue
        heading, body = texts.get(doc, ("?", ""))
        sources = " ".join(sorted(set(found[doc]))[:5])
        line = f"[{judged.get(doc, '-')}] {doc} ({sources}) {heading}"
        if _strong(found[doc]):  # weak candidates: the headline is enough to set them aside
            line += " | " + " ".join(body.split())[: args.lead]
        print(line)


def _strong(sources: list[str]) -> bool:
    """Found by grep, by two systems, or in a system's top 10."""
    systems = {re.sub(r"\d+$", "", s) for s in sources}
    ranks = [int(m.group()) for s in sources if (m := re.search(r"\d+$", s))]
    return "grep" in systems or len(systems) > 1 or min(ranks, default=99) <= 10


def _grep(patterns: list[str], texts: dict[str, tuple[str, str]]) -> list[str]:
    if not patterns:
        return []
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    counts = {}
    for doc, (heading, body) in texts.items():
        text = heading + "\n" + body
        hits = sum(len(c.findall(text)) for c in compiled)
        if hits:
            counts[doc] = hits
    return sorted(counts, key=lambda d: -counts[d])[:GREP_LIMIT]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance.pool")
    parser.add_argument("needs", nargs="*", help="need ids of queries.yaml")
    parser.add_argument("--text", help="pool for a draft query instead of a need")
    parser.add_argument("--grep", action="append", default=[], help="extra regex to pool with")
    parser.add_argument("--depth", type=int, default=30)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated")
    parser.add_argument("--lead", type=int, default=120, help="characters of the lead to show")
    parser.add_argument("--unjudged", action="store_true", help="only candidates without a grade")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
    parser.add_argument("--cache", type=Path, default=default_cache())
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
