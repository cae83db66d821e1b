"""Read a folder of real articles as web pages, PDF, Word and legacy-encoded text, as the
indexer reads them; print one table of speed, character errors, chrome indexed and skips.

    .venv/bin/python -m bench.ingest.run [--per-type 300] [--seed 12] [--types html,pdf]
        [--examples 3] [--json] [--corpus PATH] [--cache DIR]

Run from the repository root. The folder is made once in the cache from a seeded sample of
the vietnews articles (see bench/ingest/README.md); PDFs need the system's Chromium.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from bench.arguments import add_corpus_arguments, count, names_among, positive
from bench.ingest.articles import other_headlines, sample_articles
from bench.ingest.folder import TYPES, ensure_type, folder_key
from bench.ingest.score import CER_TARGET, PASSES, TypeScore, differences, score_type
from bench.perf.stats import format_table
from bench.relevance.corpus import open_corpus

RELATED_HEADLINES = 200  # other articles' headlines the pages' related-news lists draw on


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpus = open_corpus(args.corpus, args.cache)
    articles = sample_articles(corpus, args.per_type, args.seed)
    headlines = other_headlines(
        corpus, RELATED_HEADLINES, args.seed, exclude={a.id for a in articles}
    )
    root = args.cache / "ingest" / folder_key(corpus.key, args.per_type, args.seed)
    results = []
    for name in args.types:
        kind = TYPES[name]
        reason = kind.unavailable()
        if reason:
            results.append(TypeScore(name, unavailable=reason))
            continue
        manifest = ensure_type(root, kind, articles, headlines, args.seed)
        results.append(score_type(root, manifest, args.passes))
    if args.json:
        json.dump(as_json(results), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{len(articles)} vietnews articles per type (seed {args.seed}); folder {root}\n")
    print(format_report(results, args.examples))
    return 0


def targets(results: list[TypeScore]) -> list[tuple[str, str, bool]]:
    """(what, value, met) of the issue's targets, for the types that were read."""
    found = []
    for result in results:
        if result.unavailable or result.cer is None:
            continue
        found.append(
            (
                f"{result.type}: CER ≤ {CER_TARGET:.1%}",
                f"{result.cer:.3%}",
                result.cer <= CER_TARGET,
            )
        )
        found.append(
            (
                f"{result.type}: good files skipped 0",
                str(sum(result.skipped.values())),
                not result.skipped,
            )
        )
        bad_read = sum(not bad["skipped"] for bad in result.bad)
        found.append(
            (
                f"{result.type}: bad files skipped, each with a reason",
                f"{len(result.bad) - bad_read}/{len(result.bad)}",
                bad_read == 0,
            )
        )
    html = next((r for r in results if r.type == "html" and r.scores), None)
    if html is not None:
        found.append(
            ("html: boilerplate words indexed 0", str(html.chrome_words), html.chrome_words == 0)
        )
    return found


def format_report(results: list[TypeScore], examples: int) -> str:
    header = [
        "type",
        "files",
        "read",
        "skipped",
        "files/s",
        "CER %",
        "> 0.5 %",
        "worst %",
        "title twice",
        "chrome words",
        "bad skipped",
    ]
    rows = []
    for r in results:
        if r.unavailable:
            rows.append([f"{r.type}: {r.unavailable}"])
            continue
        worst = max((s.cer for s in r.scores), default=0.0)
        rows.append(
            [
                r.type,
                str(r.files),
                str(r.read),
                str(sum(r.skipped.values())),
                f"{r.files_per_second:.1f}",
                "-" if r.cer is None else f"{100 * r.cer:.3f}",
                str(r.over()),
                f"{100 * worst:.2f}",
                str(r.titles_twice),
                f"{r.chrome_words} ({r.files_with_chrome})",
                f"{sum(b['skipped'] for b in r.bad)}/{len(r.bad)}",
            ]
        )
    lines = [format_table(header, rows)]
    passes = max((len(r.seconds) for r in results), default=0)
    lines.append(
        f"\nfiles/s: median of {passes} read passes over the good files; > 0.5 %: files over "
        "the target; title twice: bodies that repeat the headline the title holds; chrome "
        "words: words of chrome phrases in the indexed text (files with any)"
    )
    lines += ["", "target                                            value     met"]
    for what, value, met in targets(results):
        lines.append(f"  {what:<46} {value:>8}  {'yes' if met else 'NO'}")
    lines += ["", "skip reasons"]
    for r in results:
        for reason, n in sorted(r.skipped.items()):
            lines.append(f"  {r.type}: {n} good file(s): {reason}")
        for bad in r.bad:
            mark = "skipped" if bad["skipped"] else "NOT SKIPPED"
            lines.append(f"  {bad['file']} ({bad['what']}): {mark}: {bad['reason']}")
    lines += _chrome_lines(results)
    if examples:
        lines += _example_lines(results, examples)
    return "\n".join(lines)


def _chrome_lines(results: list[TypeScore]) -> list[str]:
    lines = []
    for r in results:
        kinds, phrases = Counter(), Counter()
        for score in r.scores:
            for kind, phrase, times in score.chrome:
                kinds[kind] += times
                phrases[phrase] += times
        if kinds:
            lines.append(
                f"\nchrome in the indexed text of {r.type}, by kind: "
                + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
            )
            lines.append(
                "  most often: " + "; ".join(f"“{p}” {n}" for p, n in phrases.most_common(8))
            )
    return lines


def _example_lines(results: list[TypeScore], examples: int) -> list[str]:
    lines = []
    for r in results:
        worst = sorted((s for s in r.scores if s.edits), key=lambda s: -s.cer)[:examples]
        if not worst:
            continue
        lines.append(f"\nworst {r.type} files: [source → indexed]")
        for score in worst:
            lines.append(f"  {score.file} ({score.layout}) CER {100 * score.cer:.2f} %")
            lines += [f"    {d}" for d in differences(score)]
    return lines


def as_json(results: list[TypeScore]) -> dict:
    report = {}
    for r in results:
        if r.unavailable:
            report[r.type] = {"unavailable": r.unavailable}
            continue
        chrome = Counter()
        for score in r.scores:
            for kind, _, times in score.chrome:
                chrome[kind] += times
        report[r.type] = {
            "files": r.files,
            "read": r.read,
            "files_per_second": r.files_per_second,
            "cer": r.cer,
            "files_over_target": r.over(),
            "titles_twice": r.titles_twice,
            "skipped": dict(r.skipped),
            "chrome_words": r.chrome_words,
            "files_with_chrome": r.files_with_chrome,
            "chrome_by_kind": dict(chrome),
            "bad": r.bad,
            "worst": [
                {"file": s.file, "cer": s.cer, "layout": s.layout}
                for s in sorted(r.scores, key=lambda s: -s.cer)[:10]
            ],
        }
    report["targets"] = [
        {"what": what, "value": value, "met": met} for what, value, met in targets(results)
    ]
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-type", type=positive, default=300, help="articles, files per type")
    parser.add_argument("--seed", type=int, default=12, help="draws the articles and the chrome")
    parser.add_argument(
        "--types", type=names_among(TYPES, "types"), default=tuple(TYPES), help="comma-separated"
    )
    parser.add_argument("--passes", type=positive, default=PASSES, help="timed read passes")
    parser.add_argument("--examples", type=count, default=3, help="worst files shown per type")
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    add_corpus_arguments(parser)
    return parser


if __name__ == "__main__":
    sys.exit(main())
