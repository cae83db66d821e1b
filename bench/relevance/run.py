"""Run the judged queries on this project and the baselines; print one table.

    .venv/bin/python -m bench.relevance.run [--corpus PATH] [--limit-docs N]
        [--systems project,whoosh,fts5,fts5_or] [--per-query] [--json] [--cache DIR]

Run from the repository root. ``--corpus`` is a folder of .md/.txt files or an archive of
one (default: the vietnews-20k archive beside the repository), unpacked into the cache;
indexes are cached there too, keyed by the documents' content and the code that built
them. The first full run indexes 20,000 articles with the project's indexer (about ten
minutes); later runs reuse the indexes. ``--limit-docs N`` indexes a fixed subset of N
documents (more if there are more judged ones: every judged document is kept), for quick
iteration; scores on a subset run higher than on the full corpus (fewer distractors).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.arguments import add_corpus_arguments
from bench.relevance.corpus import limit_corpus, open_corpus
from bench.relevance.metrics import METRICS, mean, score
from bench.relevance.queries import (
    QUERIES_FILE,
    STYLES,
    Query,
    accent_pairs,
    judged_ids,
    load_queries,
)
from bench.relevance.systems import DEPTH, SYSTEMS, build

Runs = dict[str, dict[str, list[str]]]  # system → query id → ranked document ids


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    queries = load_queries(args.queries)
    corpus = open_corpus(args.corpus, args.cache)
    if args.limit_docs:
        corpus = limit_corpus(corpus, args.limit_docs, judged_ids(queries), args.cache)
    missing = judged_ids(queries) - corpus.ids
    if missing:
        print(
            f"warning: {len(missing)} judged documents are not in the corpus "
            f"(e.g. {sorted(missing)[0]}); they count as not retrieved",
            file=sys.stderr,
        )
    runs = {name: run_system(name, corpus, args.cache, queries) for name in args.systems}
    report = evaluate(queries, runs)
    report["corpus"] = {
        "root": corpus.root.name,
        "documents": len(corpus.paths),
        "key": corpus.key[:16],
    }
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(
        f"{len(corpus.paths)} documents, {len(queries)} queries "
        f"({len({q.need for q in queries})} needs)\n"
    )
    print(format_table(report, args.systems))
    print(format_gap(report, args.systems))
    print(format_empty(report, args.systems))
    if args.per_query:
        print(format_per_query(report, args.systems))
    return 0


def run_system(name: str, corpus, cache: Path, queries: list[Query]) -> dict[str, list[str]]:
    search = build(name, corpus, cache)
    return {query.id: _unique(search(query.text, DEPTH)) for query in queries}


def evaluate(queries: list[Query], runs: Runs) -> dict:
    """Per query, per style, overall and accent-gap figures for every system."""
    per_query = []
    for query in queries:
        scores = {name: score(ranking[query.id], query.judgments) for name, ranking in runs.items()}
        per_query.append(
            {
                "id": query.id,
                "need": query.need,
                "style": query.style,
                "query": query.text,
                "relevant": sum(1 for grade in query.judgments.values() if grade > 0),
                "scores": scores,
                "returned": {name: len(ranking[query.id]) for name, ranking in runs.items()},
                "top10": {name: ranking[query.id][:10] for name, ranking in runs.items()},
            }
        )
    groups = [(style, [p for p in per_query if p["style"] == style]) for style in STYLES]
    groups.append(("all", per_query))
    summary = {
        style: {"queries": len(rows), "systems": {name: _means(rows, name) for name in runs}}
        for style, rows in groups
        if rows
    }
    return {
        "summary": summary,
        "accent_gap": _accent_gap(queries, per_query, runs, "unaccented"),
        "mixed_accent_gap": _accent_gap(queries, per_query, runs, "mixed_accents"),
        "queries": per_query,
    }


def _means(rows: list[dict], system: str) -> dict[str, float]:
    return {metric: mean(row["scores"][system][metric] for row in rows) for metric in METRICS}


def _accent_gap(queries: list[Query], per_query: list[dict], runs: Runs, style: str) -> dict:
    """Mean nDCG@10 of the accented query minus its twin's of ``style``, per system."""
    ndcg = {row["id"]: row["scores"] for row in per_query}
    pairs = accent_pairs(queries, style)
    gaps = {
        name: mean(ndcg[a.id][name]["nDCG@10"] - ndcg[u.id][name]["nDCG@10"] for a, u in pairs)
        for name in runs
    }
    return {"pairs": len(pairs), "systems": gaps}


# --- Printing ---------------------------------------------------------------------------


def format_table(report: dict, systems: list[str]) -> str:
    header = f"{'style':<12} {'n':>3}  {'system':<8}" + "".join(f"{m:>9}" for m in METRICS)
    lines = [header, "-" * len(header)]
    for style, group in report["summary"].items():
        for i, name in enumerate(systems):
            values = group["systems"][name]
            label = f"{style:<12} {group['queries']:>3}" if i == 0 else " " * 16
            lines.append(f"{label}  {name:<8}" + "".join(f"{values[m]:>9.3f}" for m in METRICS))
    return "\n".join(lines)


def format_gap(report: dict, systems: list[str]) -> str:
    lines = [""]
    for key, twin in (("accent_gap", "unaccented"), ("mixed_accent_gap", "mixed accents")):
        gap = report[key]
        figures = "  ".join(f"{name} {gap['systems'][name]:+.3f}" for name in systems)
        lines.append(f"accented − {twin} nDCG@10 over {gap['pairs']} query pairs: {figures}")
    return "\n".join(lines)


def format_empty(report: dict, systems: list[str]) -> str:
    """The judged queries a system returns nothing for (each has a relevant document)."""
    lines = ["", "queries returning nothing:"]
    for name in systems:
        empty = [row["id"] for row in report["queries"] if row["returned"][name] == 0]
        lines.append(f"  {name}: {len(empty)}" + (f" ({', '.join(empty)})" if empty else ""))
    return "\n".join(lines)


def format_per_query(report: dict, systems: list[str]) -> str:
    header = f"{'query id':<36} {'rel':>4}" + "".join(f"{name:>9}" for name in systems)
    lines = ["", "nDCG@10 per query", header, "-" * len(header)]
    for row in report["queries"]:
        figures = "".join(f"{row['scores'][name]['nDCG@10']:>9.3f}" for name in systems)
        lines.append(f"{row['id']:<36} {row['relevant']:>4}{figures}   {row['query']}")
    return "\n".join(lines)


def _unique(ranking: list[str]) -> list[str]:
    return list(dict.fromkeys(ranking))


def _systems(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = set(names) - set(SYSTEMS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(SYSTEMS)}")
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.relevance.run",
        description="Judged-query benchmark: this project against Whoosh and SQLite FTS5.",
    )
    add_corpus_arguments(parser)
    parser.add_argument(
        "--queries",
        type=Path,
        default=QUERIES_FILE,
        help="judged queries (default: bench/relevance/queries.yaml)",
    )
    parser.add_argument(
        "--limit-docs",
        type=int,
        metavar="N",
        help="index a fixed subset of about N documents (every judged one is kept)",
    )
    parser.add_argument(
        "--systems",
        type=_systems,
        default=list(SYSTEMS),
        help="comma-separated, from: " + ", ".join(SYSTEMS),
    )
    parser.add_argument("--per-query", action="store_true", help="also print nDCG@10 per query")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
