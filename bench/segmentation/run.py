"""Segmentation benchmark: pyvi's own path against the faster one, on every line.

    .venv/bin/python -m bench.segmentation.run [--corpus PATH] [--limit N]
        [--timing-articles 2000] [--repeat 3] [--json] [--cache DIR]

Every line of every article (title and body, cut into units as the segmenter cuts them)
goes through pyvi's feature dicts and model, and through ``indexer.pyvi_features``: the
benchmark counts units whose labels differ (the requirement is none) and units whose
features, as the tagger reads them, differ. Then, on the first ``--timing-articles``
articles, it times the two paths (labels alone, and ``segment`` whole) taking turns in one
process, and prints the medians and their ratio. ``--limit N`` reads only the first N
articles. The corpus is as for the other benchmarks (default: the vietnews-20k archive
beside the repository, unpacked into the cache outside the repository).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from bench.arguments import add_corpus_arguments, count, positive
from bench.progress import log
from bench.relevance.corpus import Corpus, open_corpus, read_texts
from bench.segmentation.compare import diff, time_labels, time_segment
from bench.segmentation.lines import unit_lines


def measure(corpus: Corpus, timing_articles: int, repeat: int) -> dict:
    """The differences over the whole corpus and the timings over its first articles."""
    articles = [(title, body) for _, title, body in read_texts(corpus)]
    log(f"{len(articles)} articles: every line through both paths")
    found = diff(unit_lines(text for article in articles for text in article))
    timed = [text for article in articles[:timing_articles] for text in article]
    lines = list(unit_lines(timed))
    log(f"timing {len(timed) // 2} articles × {repeat}: labels, then segment()")
    labels = time_labels(lines, repeat)
    segment = time_segment(timed, repeat)
    return {
        "articles": len(articles),
        "differences": asdict(found),
        "timing": {
            "articles": len(timed) // 2,
            "lines": len(lines),
            "repeat": repeat,
            "labels": _with_ratio(labels),
            "segment": _with_ratio(segment),
        },
    }


def _with_ratio(seconds: dict[str, float]) -> dict:
    return {
        "pyvi_seconds": seconds["pyvi"],
        "fast_seconds": seconds["fast"],
        "speedup": round(seconds["pyvi"] / seconds["fast"], 2),
    }


def format_report(report: dict) -> str:
    found, timing = report["differences"], report["timing"]
    lines = [
        f"Segmentation on {report['articles']} articles: {found['lines']} lines,"
        f" {found['units']} units",
        f"units with a different label: {found['differing_labels']}"
        f" (in {found['differing_lines']} lines);"
        f" with different features: {found['differing_features']}",
        f"speed on {timing['articles']} articles, median of {timing['repeat']}:",
        f"{'':<10} {'pyvi s':>8} {'fast s':>8} {'×':>6}",
    ]
    for name in ("labels", "segment"):
        row = timing[name]
        lines.append(
            f"{name:<10} {row['pyvi_seconds']:>8.2f} {row['fast_seconds']:>8.2f}"
            f" {row['speedup']:>6.2f}"
        )
    verdict = "identical" if found["differing_labels"] == 0 else "DIFFERENT"
    lines.append(f"labels of the fast path: {verdict} to pyvi's")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpus = open_corpus(args.corpus, args.cache)
    if args.limit:
        corpus = Corpus(corpus.root, corpus.paths[: args.limit], corpus.key)
    report = measure(corpus, args.timing_articles, args.repeat)
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
    else:
        print(format_report(report))
    return 0 if report["differences"]["differing_labels"] == 0 else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--limit", type=count, default=0, help="first N articles (0: all)")
    parser.add_argument("--timing-articles", type=positive, default=2000)
    parser.add_argument("--repeat", type=positive, default=3)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


if __name__ == "__main__":
    sys.exit(main())
