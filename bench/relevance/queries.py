"""The judged query set (queries.yaml): information needs, each with queries and grades.

A need holds the judgments; each of its queries is one way an analyst types it, with a
style. Queries of one need share the need's judgments: relevance belongs to what the
analyst wants, not to how it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from indexer.analysis import fold

QUERIES_FILE = Path(__file__).with_name("queries.yaml")
STYLES = (
    "accented",
    "unaccented",
    "acronym",
    "phrase",
    "leader",
    "docnum",
    "year_period",
    "misspelling",
    "mixed_accents",
    "question",
    "docnum_variant",
)
GRADES = (1, 2)
_NOT_ACCENTED = ("unaccented", "mixed_accents", "misspelling")
_DOC_ID = re.compile(r"[\w.-]+(/[\w.-]+)*")


@dataclass(frozen=True)
class Query:
    id: str  # "<need>/<style>", or "<need>/<style>-<n>" for a second query of one style
    need: str
    style: str
    text: str
    judgments: dict[str, int]


def load_needs(path: Path = QUERIES_FILE) -> dict[str, dict]:
    """The needs of the file as written, by id."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {need["need"]: need for need in data["needs"]}


def load_queries(path: Path = QUERIES_FILE, judged: bool = True) -> list[Query]:
    """Every query of the file, in order; raises ValueError on a malformed entry.

    ``judged=False`` also accepts needs without judgments yet (to pool candidates for them).
    """
    queries: list[Query] = []
    for need in load_needs(path).values():
        judgments = _judgments(need, required=judged)
        seen: dict[str, int] = {}
        for entry in need["queries"]:
            style = entry["style"]
            if style not in STYLES:
                raise ValueError(f"{need['need']}: unknown style {style!r}")
            seen[style] = seen.get(style, 0) + 1
            suffix = "" if seen[style] == 1 else f"-{seen[style]}"
            query_id = f"{need['need']}/{style}{suffix}"
            queries.append(Query(query_id, need["need"], style, entry["text"], judgments))
    return queries


def accent_pairs(queries: list[Query], style: str = "unaccented") -> list[tuple[Query, Query]]:
    """(accented, twin) pairs: same need, and the twin of ``style`` is the other folded.

    ``style`` is ``unaccented`` (every accent stripped) or ``mixed_accents`` (accents on some
    words only, as typed on a phone); the accented query is the need's query of any style
    that has its accents, so a twin pairs with each accented spelling of the same words.
    """
    pairs = []
    for bare in (q for q in queries if q.style == style):
        for typed in queries:
            if (
                typed.need == bare.need
                and typed.style not in _NOT_ACCENTED
                and typed.text != bare.text
                and _folded(typed.text) == _folded(bare.text)
            ):
                pairs.append((typed, bare))
    return pairs


def judged_ids(queries: list[Query]) -> set[str]:
    return {doc for query in queries for doc in query.judgments}


def _judgments(need: dict, required: bool) -> dict[str, int]:
    judgments = {str(doc): grade for doc, grade in (need.get("judgments") or {}).items()}
    for doc, grade in judgments.items():
        if grade not in GRADES or not _DOC_ID.fullmatch(doc):
            raise ValueError(f"{need['need']}: bad judgment {doc}: {grade}")
    if required and not judgments:
        raise ValueError(f"{need['need']}: no judgments")
    return judgments


def _folded(text: str) -> str:
    return " ".join(fold(text).lower().split())
