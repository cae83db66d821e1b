"""Queries as small trees of plain values, matched and scored a term at a time.

Each node evaluates to a :class:`Match`: a yes/no and a score for every document of the
snapshot, as dense arrays. A term reads its whole posting list once; ``and``, ``or`` and
``not`` are array operations. Scores are Whoosh's BM25F (B 0.75, K1 1.2, its idf),
multiplied by each node's boost and summed over the matching children, as Whoosh's own
matchers do, so field weights and boosts keep their meaning.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

B, K1 = 0.75, 1.2


@dataclass(frozen=True)
class Term:
    """A term of one text field."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Adjacent:
    """Syllables standing side by side, in this order, in one text source: every pair of
    neighbours is a term of ``<source>_bigrams_folded``; one syllable is a plain term."""

    source: str
    syllables: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AllOf:
    children: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    children: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class WithBonus:
    """Matches what ``required`` matches; ``bonus`` only adds to the score."""

    required: object
    bonus: object


@dataclass(frozen=True)
class Without:
    positive: object
    negative: object


@dataclass(frozen=True)
class FacetIs:
    facet: str
    value: str


@dataclass(frozen=True)
class YearIn:
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Everything:
    pass


@dataclass(frozen=True)
class Nothing:
    pass


@dataclass
class Match:
    mask: np.ndarray  # bool per document
    scores: np.ndarray  # float per document, 0 where not matched


def all_of(nodes):
    """``AllOf`` of the nodes that are not None (the node itself when there is one)."""
    nodes = tuple(n for n in nodes if n is not None)
    if not nodes:
        return Everything()
    return nodes[0] if len(nodes) == 1 else AllOf(nodes)


def any_of(nodes):
    """``AnyOf`` of the nodes that are not None, or None when there are none."""
    nodes = tuple(n for n in nodes if n is not None)
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else AnyOf(nodes)


def bigrams(syllables) -> list[str]:
    return [f"{a} {b}" for a, b in itertools.pairwise(syllables)]


def as_terms(node: Adjacent) -> Term | AllOf:
    """The terms an ``Adjacent`` stands for: its syllable, or all its pairs."""
    if len(node.syllables) == 1:
        return Term(f"{node.source}_syllables_folded", node.syllables[0], node.boost)
    pairs = [Term(f"{node.source}_bigrams_folded", pair) for pair in bigrams(node.syllables)]
    return AllOf(tuple(pairs), node.boost)


class Evaluator:
    """Evaluates nodes on one snapshot; a term read once serves the whole request.

    Reading postings is where a query's time goes: ``deadline.check()`` runs before each
    term is read, so a request out of time stops there (it raises the deadline's error).
    """

    def __init__(self, snapshot, deadline):
        self.snapshot = snapshot
        self.deadline = deadline
        self._terms: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}

    def postings_to_read(self, nodes) -> int:
        """How many postings evaluating ``nodes`` would read: a query's cost, known
        from the term dictionary before any posting list is read."""
        terms = {term for node in nodes for term in _terms_of(node)} - set(self._terms)
        return sum(self.snapshot.doc_frequency(field, text) for field, text in terms)

    def match(self, node) -> Match:
        match = self._evaluate(node)
        return Match(match.mask & self.snapshot.alive, match.scores)

    def _evaluate(self, node) -> Match:
        size = self.snapshot.size
        if isinstance(node, Term):
            ids, scores = self._term(node.field, node.text)
            match = self._empty()
            match.mask[ids] = True
            match.scores[ids] = scores * node.boost
            return match
        if isinstance(node, Adjacent):
            return self._evaluate(as_terms(node))
        if isinstance(node, AllOf | AnyOf):
            children = [self._evaluate(child) for child in node.children]
            combine = np.logical_and if isinstance(node, AllOf) else np.logical_or
            mask = children[0].mask.copy()
            for child in children[1:]:
                combine(mask, child.mask, out=mask)
            scores = np.sum([child.scores for child in children], axis=0) * node.boost
            scores[~mask] = 0.0
            return Match(mask, scores)
        if isinstance(node, WithBonus):
            required, bonus = self._evaluate(node.required), self._evaluate(node.bonus)
            return Match(
                required.mask, required.scores + np.where(required.mask, bonus.scores, 0.0)
            )
        if isinstance(node, Without):
            positive, negative = self._evaluate(node.positive), self._evaluate(node.negative)
            mask = positive.mask & ~negative.mask
            return Match(mask, np.where(mask, positive.scores, 0.0))
        if isinstance(node, FacetIs):
            match = self._empty()
            match.mask[self.snapshot.facet_docs(node.facet, node.value)] = True
            return match
        if isinstance(node, YearIn):
            years = self.snapshot.years
            mask = years > 0
            if node.low is not None:
                mask &= years >= node.low
            if node.high is not None:
                mask &= years <= node.high
            return Match(mask, np.zeros(size))
        if isinstance(node, Everything):
            return Match(np.ones(size, dtype=bool), np.zeros(size))
        if isinstance(node, Nothing):
            return self._empty()
        raise TypeError(f"not a query node: {node!r}")

    def _empty(self) -> Match:
        return Match(np.zeros(self.snapshot.size, dtype=bool), np.zeros(self.snapshot.size))

    def _term(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The documents holding the term and their BM25F scores for it."""
        key = (fieldname, text)
        if key not in self._terms:
            self.deadline.check()
            snapshot = self.snapshot
            ids, frequencies = snapshot.postings(fieldname, text)
            idf = math.log(snapshot.size / (len(ids) + 1)) + 1 if snapshot.size else 0.0
            lengths = snapshot.field_lengths(fieldname)[ids]
            norm = K1 * ((1 - B) + B * lengths / snapshot.average_length(fieldname))
            self._terms[key] = (ids, idf * (frequencies * (K1 + 1)) / (frequencies + norm))
        return self._terms[key]


def _terms_of(node) -> Iterator[tuple[str, str]]:
    """The (field, text) of every term that evaluating ``node`` reads."""
    if isinstance(node, Term):
        yield node.field, node.text
    elif isinstance(node, Adjacent):
        yield from _terms_of(as_terms(node))
    elif isinstance(node, AllOf | AnyOf):
        for child in node.children:
            yield from _terms_of(child)
    elif isinstance(node, WithBonus):
        yield from _terms_of(node.required)
        yield from _terms_of(node.bonus)
    elif isinstance(node, Without):
        yield from _terms_of(node.positive)
        yield from _terms_of(node.negative)
