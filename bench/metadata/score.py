"""Scores of extracted metadata against the labels: per field, as the issue states them.

- year: of the documents that state their own year, how many got it right, wrong or none;
  of those that do not, how many were given one anyway (invented);
- leaders: precision and recall over every (document, leader) pair;
- topics: precision, recall and F1 per reform area, over documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.metadata.labels import Label
from indexer.corpus import read_document
from indexer.document import CorpusError
from indexer.metadata import canonical_leader, metadata_of, name_key
from indexer.plaintext import markdown_to_text


@dataclass(frozen=True)
class Extracted:
    year: int | None
    leaders: tuple[str, ...]
    topics: tuple[str, ...]
    origins: dict[str, str] = field(default_factory=dict)


def extract(root: Path, path: str) -> Extracted | None:
    """What the indexer would record for this file; None when it would skip it."""
    try:
        source = read_document(root, root / path)
    except (CorpusError, OSError, ValueError):
        return None
    text = markdown_to_text(source.body) if path.endswith(".md") else source.body
    meta = metadata_of(source, text)
    return Extracted(meta.year, meta.leaders, meta.topics, meta.origins)


@dataclass(frozen=True)
class Miss:
    id: str
    kind: str
    what: str  # "year", "leader missed", "leader extra", "topic missed", "topic extra"
    value: str  # the year extracted, or the leader or area concerned
    labelled: str  # the field as labelled
    extracted: str  # the field as extracted, with its origin for a year


def leader_key(name: str) -> str:
    return name_key(canonical_leader(name))


def score(labels: list[Label], extracted: dict[str, Extracted], areas: list[str]) -> dict:
    """The report: figures per field, per kind for years, and every miss."""
    years = Counter()
    years_by_kind: dict[str, Counter] = {}
    leader_counts = Counter()
    topic_counts = {area: Counter() for area in areas}
    misses: list[Miss] = []
    for label in labels:
        if label.id not in extracted:
            continue
        got = extracted[label.id]
        outcome = _year_outcome(label.year, got.year)
        years[outcome] += 1
        years_by_kind.setdefault(label.kind, Counter())[outcome] += 1
        if outcome not in ("right", "unknown"):
            got_year = _with_origin(got, "year", got.year)
            misses.append(Miss(label.id, label.kind, "year", got_year, str(label.year), got_year))
        expected = {leader_key(name): name for name in label.leaders}
        found = {leader_key(name): name for name in got.leaders}
        leader_counts["tp"] += len(expected.keys() & found.keys())
        leader_counts["fp"] += len(found.keys() - expected.keys())
        leader_counts["fn"] += len(expected.keys() - found.keys())
        as_labelled, as_extracted = _listed(label.leaders), _listed(got.leaders)
        for key in expected.keys() - found.keys():
            misses.append(
                Miss(
                    label.id, label.kind, "leader missed", expected[key], as_labelled, as_extracted
                )
            )
        for key in found.keys() - expected.keys():
            misses.append(
                Miss(label.id, label.kind, "leader extra", found[key], as_labelled, as_extracted)
            )
        as_labelled, as_extracted = _listed(label.topics), _listed(got.topics)
        for area in areas:
            want, have = area in label.topics, area in got.topics
            topic_counts[area][_confusion(want, have)] += 1
            if want != have:
                what = "topic missed" if want else "topic extra"
                misses.append(Miss(label.id, label.kind, what, area, as_labelled, as_extracted))
    return {
        "documents": sum(years.values()),
        "year": _year_figures(years),
        "year_by_kind": {kind: _year_figures(c) for kind, c in sorted(years_by_kind.items())},
        "leaders": _precision_recall(leader_counts),
        "topics": {area: _precision_recall(topic_counts[area]) for area in areas},
        "misses": misses,
    }


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "-"


def _year_outcome(expected: int | None, got: int | None) -> str:
    if expected is None:
        return "unknown" if got is None else "invented"
    if got is None:
        return "missed"
    return "right" if got == expected else "wrong"


def _with_origin(got: Extracted, field_name: str, value) -> str:
    origin = got.origins.get(field_name)
    return f"{value} ({origin})" if origin else str(value)


def _confusion(want: bool, have: bool) -> str:
    return {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get((want, have), "tn")


def _year_figures(counts: Counter) -> dict:
    stated = counts["right"] + counts["wrong"] + counts["missed"]
    return {
        "stated": stated,
        "right": counts["right"],
        "wrong": counts["wrong"],
        "missed": counts["missed"],
        "accuracy": counts["right"] / stated if stated else None,
        "unstated": counts["unknown"] + counts["invented"],
        "invented": counts["invented"],
    }


def _precision_recall(counts: Counter) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
