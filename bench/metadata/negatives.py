"""A guard for precision beyond the labels: how many ordinary news articles, not about
administrative reform, the extractor gives a reform area.

The labelled set holds few such texts, so a term that helps its F1 can still tag budget,
exam or airport news with an area. The vietnews-20k manifest marks the articles that never
mention "cải cách hành chính" or "thủ tục hành chính"; a fixed sample of them is read here.
Some are about an area all the same (a civil-service exam), so the share is a guard to
watch, not an error rate.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from bench.metadata.score import extract

SAMPLE_SEED = 7
MANIFEST = "manifest.jsonl"


def ordinary_articles(root: Path, size: int) -> list[str]:
    """A fixed sample of the corpus files its manifest marks as not about reform."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        return []
    entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    ordinary = sorted(e["file"] for e in entries if not e.get("cchc_keyword"))
    return random.Random(SAMPLE_SEED).sample(ordinary, min(size, len(ordinary)))


def topics_given(root: Path, paths: list[str]) -> dict:
    """How many of the files get a topic, in all and per area."""
    areas: Counter = Counter()
    tagged = read = 0
    for path in paths:
        extracted = extract(root, path)
        if extracted is None:
            continue
        read += 1
        topics = extracted.topics
        tagged += bool(topics)
        areas.update(topics)
    return {"articles": read, "with_a_topic": tagged, "per_area": dict(areas)}
