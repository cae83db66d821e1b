"""Ranking metrics for one query: a ranked list of document ids against graded judgments.

Judgments map a document id to 2 (highly relevant) or 1 (partly relevant); a document
without a judgment counts as not relevant. MRR, P@10 and Recall@100 count a document as
relevant from grade 1 up. nDCG uses the grades with the gain ``2**grade - 1``, so a highly
relevant document is worth three partly relevant ones, and a log2 rank discount.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

RELEVANT = 1  # the lowest grade that counts as relevant
METRICS = ("nDCG@10", "MRR", "P@10", "R@100")

Judgments = Mapping[str, int]


def dcg(grades: Iterable[int]) -> float:
    """Discounted cumulative gain of grades in rank order."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, 1))


def ndcg_at(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    """DCG of the top ``k`` divided by the DCG of the best possible top ``k``."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judgments.get(doc, 0) for doc in ranking[:k]) / ideal


def reciprocal_rank(ranking: Sequence[str], judgments: Judgments) -> float:
    """1 / the rank of the first relevant document, 0 when none is retrieved."""
    for rank, doc in enumerate(ranking, 1):
        if judgments.get(doc, 0) >= RELEVANT:
            return 1 / rank
    return 0.0


def precision_at(ranking: Sequence[str], judgments: Judgments, k: int = 10) -> float:
    """Share of relevant documents among the top ``k`` (a short list still divides by k)."""
    return _relevant_count(ranking[:k], judgments) / k


def recall_at(ranking: Sequence[str], judgments: Judgments, k: int = 100) -> float:
    """Share of the relevant documents that appear in the top ``k``."""
    total = sum(1 for grade in judgments.values() if grade >= RELEVANT)
    if total == 0:
        return 0.0
    return _relevant_count(ranking[:k], judgments) / total


def score(ranking: Sequence[str], judgments: Judgments) -> dict[str, float]:
    """Every metric of :data:`METRICS` for one ranking."""
    return {
        "nDCG@10": ndcg_at(ranking, judgments, 10),
        "MRR": reciprocal_rank(ranking, judgments),
        "P@10": precision_at(ranking, judgments, 10),
        "R@100": recall_at(ranking, judgments, 100),
    }


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _relevant_count(ranking: Sequence[str], judgments: Judgments) -> int:
    return sum(1 for doc in set(ranking) if judgments.get(doc, 0) >= RELEVANT)
