"""Score the indexer's metadata on the labelled real documents; print one table.

    .venv/bin/python -m bench.metadata.run [--per-doc] [--json] [--kinds legal,news]
        [--corpus PATH] [--cache DIR]

Run from the repository root. Every labelled text found (see ``bench.metadata.texts``) is
read through the project's corpus reader and metadata extraction, exactly as the indexer
reads it, and compared with labels.yaml. ``--per-doc`` prints each miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from bench.arguments import add_corpus_arguments, count, names_among
from bench.metadata.labels import KINDS, LABELS_FILE, load_labels
from bench.metadata.negatives import ordinary_articles, topics_given
from bench.metadata.score import extract, score
from bench.metadata.texts import copy_as_corpus, locate, vietnews_root
from indexer.metadata import topic_labels

# The targets: (figure, bound, whether higher is better).
TARGETS = {
    "year accuracy where stated": (0.97, True),
    "wrong or invented years": (0, False),
    "leaders precision": (0.95, True),
    "leaders recall": (0.90, True),
    "topics F1 (all areas)": (0.85, True),
    "topics F1 (worst area)": (0.75, True),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    labels = [label for label in load_labels(args.labels) if label.kind in args.kinds]
    texts = locate(labels, args.cache, args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        paths = copy_as_corpus(texts, Path(folder))
        extracted = {doc: extract(Path(folder), path) for doc, path in paths.items()}
    areas = list(topic_labels())
    report = score(labels, {d: e for d, e in extracted.items() if e}, areas)
    report["unreadable"] = sorted(d for d, e in extracted.items() if e is None)
    report["not_found"] = texts.missing
    report["targets"] = target_figures(report)
    root = vietnews_root(args.corpus, args.cache) if args.ordinary else None
    if root is not None:
        report["ordinary"] = topics_given(root, ordinary_articles(root, args.ordinary))
    if args.json:
        report["misses"] = [asdict(miss) for miss in report["misses"]]
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    print(format_report(report, len(labels)))
    if "ordinary" in report:
        print(format_ordinary(report["ordinary"]))
    if args.per_doc:
        print(format_misses(report["misses"]))
    return 0


def target_figures(report: dict) -> dict:
    year, topics = report["year"], report["topics"].values()
    figures = {
        "year accuracy where stated": year["accuracy"] or 0.0,
        "wrong or invented years": year["wrong"] + year["invented"],
        "leaders precision": report["leaders"]["precision"],
        "leaders recall": report["leaders"]["recall"],
        "topics F1 (all areas)": _micro_f1(list(topics)),
        "topics F1 (worst area)": min(t["f1"] for t in topics),
    }
    return {
        name: {"value": value, "target": bound, "met": value >= bound if higher else value <= bound}
        for name, value in figures.items()
        for bound, higher in [TARGETS[name]]
    }


def _micro_f1(counts: list[dict]) -> float:
    tp = sum(c["tp"] for c in counts)
    fp = sum(c["fp"] for c in counts)
    fn = sum(c["fn"] for c in counts)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def format_report(report: dict, labelled: int) -> str:
    lines = [f"{report['documents']} of {labelled} labelled documents scored"]
    if report["not_found"]:
        lines.append(f"  {len(report['not_found'])} not scored: text missing or changed")
    if report["unreadable"]:
        lines.append(f"  {len(report['unreadable'])} skipped by the reader")
    lines += ["", "year            stated  right  wrong  missed  accuracy  unstated  invented"]
    for kind, figures in [("all", report["year"]), *report["year_by_kind"].items()]:
        accuracy = "-" if figures["accuracy"] is None else f"{figures['accuracy']:.3f}"
        lines.append(
            f"  {kind:<12}  {figures['stated']:>6}  {figures['right']:>5}  {figures['wrong']:>5}"
            f"  {figures['missed']:>6}  {accuracy:>8}  {figures['unstated']:>8}"
            f"  {figures['invented']:>8}"
        )
    lines += ["", "                       tp   fp   fn  precision  recall     F1"]
    rows = [("leaders", report["leaders"])] + [
        (f"topic {area}", figures) for area, figures in report["topics"].items()
    ]
    for name, f in rows:
        lines.append(
            f"  {name:<20} {f['tp']:>3}  {f['fp']:>3}  {f['fn']:>3}  {f['precision']:>9.3f}"
            f"  {f['recall']:>6.3f}  {f['f1']:>5.3f}"
        )
    lines += ["", "target                          value   bound   met"]
    for name, t in report["targets"].items():
        value = f"{t['value']:.3f}" if isinstance(t["value"], float) else str(t["value"])
        lines.append(f"  {name:<28} {value:>6}  {t['target']:>6}   {'yes' if t['met'] else 'NO'}")
    return "\n".join(lines)


def format_ordinary(ordinary: dict) -> str:
    share = ordinary["with_a_topic"] / ordinary["articles"] if ordinary["articles"] else 0.0
    areas = ", ".join(f"{area} {n}" for area, n in sorted(ordinary["per_area"].items()))
    return (
        f"\nordinary news (not about reform) given a topic: {ordinary['with_a_topic']} of "
        f"{ordinary['articles']} ({share:.1%}){': ' + areas if areas else ''}"
    )


def format_misses(misses: list) -> str:
    lines = ["", "misses: id, kind, what, value | labelled | extracted"]
    for miss in misses:
        lines.append(
            f"  {miss.id:<18} {miss.kind:<8} {miss.what:<14} {miss.value}"
            f" | {miss.labelled} | {miss.extracted}"
        )
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS_FILE, help="labels file")
    parser.add_argument(
        "--kinds", type=names_among(KINDS, "kinds"), default=KINDS, help="comma-separated kinds"
    )
    parser.add_argument("--per-doc", action="store_true", help="print each miss")
    parser.add_argument(
        "--ordinary",
        type=count,
        default=3000,
        help="ordinary vietnews articles to check for topics they are not about (0: none)",
    )
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    add_corpus_arguments(parser)
    return parser


if __name__ == "__main__":
    sys.exit(main())
