"""Partial matching: when too few documents hold every word, those holding most of them.

Every plain query word must match, until the all-words query finds less than a page of
results. Then the query's plain words become optional *units*, and a document is a
partial hit when it covers enough of their weight:

- a unit is a query word as the analysis groups it ("cải cách", "thủ tục hành chính"
  with its glossary aliases), present when any of its forms matches (accents, no
  accents, syllables side by side: the word's own query node); an OR group of plain
  runs is one unit, present when any of its sides matches;
- a unit weighs its rarity, the engine's idf: ``log(N / (df + 1)) + 1`` over the index,
  so "thủ tục hành chính" counts for more than "các" or "đã" (Meilisearch's "frequency"
  strategy drops the most frequent words first; this weighs every word at once, and
  counts a segmented word, not a syllable, as Elasticsearch's ``minimum_should_match``
  would count a clause);
- the floor: a partial hit covers at least :data:`MIN_COVERAGE` of the weight of the
  units some document holds (a word no document holds is missing from every hit and
  weighs nothing), and at least one unit that is not trivial (held by more than
  :data:`TRIVIAL_SHARE` of the documents, like "các", "của", "được");
- quoted phrases (and OR groups with a phrase side), exclusions and field filters stay
  strict: a partial hit satisfies every one of them.

Partial hits rank after every all-words match, by covered weight, then by score: the sum
of the scores of the units they hold, as the all-words query sums its words'.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.analysis import normalize
from search_app.engine import docnum_query
from search_app.engine.matching import Without, all_of, any_of
from search_app.engine.query import ParsedQuery
from search_app.engine.text_query import proximity_query, unit_query, unit_words, word_units

MIN_COVERAGE = 0.5  # share of the query's weight a partial hit must cover
TRIVIAL_SHARE = 0.5  # a word held by more than this share of documents is trivial
NOTICE = "partial_matches"


@dataclass(frozen=True)
class Part:
    """One optional unit of the query: what to show when it is missing, how to match it."""

    label: str
    node: object


@dataclass(frozen=True)
class Plan:
    """What a partial hit must match (``strict``), and may match (``parts``, ``bonuses``:
    the proximity bonus of each run of words, added to the score where it applies)."""

    strict: object
    parts: tuple[Part, ...]
    bonuses: tuple = ()


@dataclass
class Coverage:
    """The partial hits of a query (before the request's filters), per document."""

    mask: np.ndarray  # bool: a partial hit (never an all-words match)
    covered: np.ndarray  # float: the weight of the units held
    scores: np.ndarray  # float: the score of what it holds
    present: np.ndarray  # bool, parts × documents
    labels: tuple[str, ...]

    def missing(self, docnum: int) -> list[str]:
        """The query words ``docnum`` lacks, as the user typed them."""
        return [
            label
            for label, held in zip(self.labels, self.present[:, docnum], strict=True)
            if not held
        ]


def plan(parsed: ParsedQuery, known_word, typed_filters=None) -> Plan | None:
    """The partial form of ``parsed``; None when fewer than two words could be missing."""
    strict, parts, bonuses = [], [], []
    for group in parsed.groups:
        if any(unit.phrase for unit in group):
            strict.append(any_of(unit_query(unit, known_word) for unit in group))
        elif len(group) > 1:
            node = any_of(unit_query(unit, known_word) for unit in group)
            if node is not None:
                parts.append(Part(" OR ".join(unit.text for unit in group), node))
        else:
            words, references = unit_words(group[0], known_word)
            strict.extend(docnum_query.reference_query(reference) for reference in references)
            text = normalize(group[0].text)
            for matched, node in word_units(group[0], words):
                parts.append(Part(_as_typed(matched, text), node))
            bonuses.append(proximity_query(words))
    if len(parts) < 2:
        return None
    positive = all_of([*strict, typed_filters])
    excluded = any_of(unit_query(unit, known_word) for unit in parsed.excluded)
    if excluded is not None:
        positive = Without(positive, excluded)
    return Plan(positive, tuple(parts), tuple(b for b in bonuses if b is not None))


def _as_typed(words, text: str) -> str:
    """The words as the query wrote them (its case), else as the analysis spelt them."""
    spelt = " ".join(" ".join(word.exact.split("_")) for word in words)
    lowered = text.lower()
    at = lowered.find(spelt) if len(lowered) == len(text) else -1
    return text[at : at + len(spelt)] if at >= 0 else spelt


def weights(present: np.ndarray, documents: int) -> np.ndarray:
    """Each unit's weight, its rarity (the engine's idf); 0 for a unit no document holds."""
    held_by = present.sum(axis=1)
    idf = np.log(max(documents, 1) / (held_by + 1)) + 1
    return np.where(held_by > 0, np.maximum(idf, 0.0), 0.0)


def trivial(present: np.ndarray, documents: int) -> np.ndarray:
    """Per unit, whether it is too common to make a document a partial hit on its own."""
    return present.sum(axis=1) > TRIVIAL_SHARE * documents


def coverage(plan: Plan, evaluator, full: np.ndarray) -> Coverage:
    """The partial hits of ``plan``: documents other than the all-words matches ``full``
    that satisfy its strict part and cover enough of its parts (see the module's doc).

    The parts' terms were read by the all-words query: this is array work only.
    """
    documents = int(np.count_nonzero(evaluator.snapshot.alive))
    strict = evaluator.match(plan.strict)
    matches = [evaluator.match(part.node) for part in plan.parts]
    present = np.array([m.mask for m in matches])
    weight = weights(present, documents)
    covered = weight @ present
    enough = covered >= MIN_COVERAGE * weight.sum()
    telling = present[~trivial(present, documents) & (weight > 0)].any(axis=0)
    mask = strict.mask & ~full & enough & telling & (covered > 0)
    scores = strict.scores + np.sum([m.scores for m in matches], axis=0)
    for bonus in plan.bonuses:
        scores += evaluator.match(bonus).scores
    scores[~mask] = 0.0
    labels = tuple(part.label for part in plan.parts)
    return Coverage(mask, np.where(mask, covered, 0.0), scores, present, labels)
