"""The benchmark's ranking metrics, on literal rankings with hand-computed values."""

import math

import pytest

from bench.relevance.metrics import (
    dcg,
    mean,
    ndcg_at,
    precision_at,
    recall_at,
    reciprocal_rank,
    score,
)

JUDGMENTS = {"a": 2, "b": 1, "c": 1}


def test_dcg_uses_exponential_gain_and_log2_discount():
    # (2**2 - 1) / log2(2) + (2**0 - 1) / log2(3) + (2**1 - 1) / log2(4)
    assert dcg([2, 0, 1]) == pytest.approx(3 + 0 + 0.5)


def test_ndcg_is_one_for_the_ideal_ranking():
    assert ndcg_at(["a", "b", "c", "x"], JUDGMENTS) == pytest.approx(1.0)


def test_ndcg_of_a_worse_order():
    ideal = 3 + 1 / math.log2(3) + 1 / math.log2(4)
    actual = 1 + 3 / math.log2(3) + 0 + 1 / math.log2(5)  # b, a, x, c
    assert ndcg_at(["b", "a", "x", "c"], JUDGMENTS) == pytest.approx(actual / ideal)


def test_ndcg_counts_only_the_top_k():
    assert ndcg_at(["x", "a"], JUDGMENTS, k=1) == 0.0


def test_ndcg_without_relevant_judgments_is_zero():
    assert ndcg_at(["a"], {}) == 0.0


def test_reciprocal_rank_of_the_first_relevant_document():
    assert reciprocal_rank(["x", "y", "c", "a"], JUDGMENTS) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y"], JUDGMENTS) == 0.0


def test_precision_divides_by_k_even_for_a_short_list():
    assert precision_at(["a", "x", "b"], JUDGMENTS, k=10) == pytest.approx(0.2)


def test_recall_counts_relevant_documents_found_in_the_top_k():
    assert recall_at(["c", "x", "a"], JUDGMENTS, k=100) == pytest.approx(2 / 3)
    assert recall_at(["c", "x", "a"], JUDGMENTS, k=2) == pytest.approx(1 / 3)


def test_unjudged_documents_are_not_relevant():
    assert score(["x", "y", "z"], JUDGMENTS) == {
        "nDCG@10": 0.0,
        "MRR": 0.0,
        "P@10": 0.0,
        "R@100": 0.0,
    }


def test_score_gives_every_metric():
    assert score(["a", "b", "c"], JUDGMENTS) == {
        "nDCG@10": pytest.approx(1.0),
        "MRR": 1.0,
        "P@10": pytest.approx(0.3),
        "R@100": 1.0,
    }


def test_mean_of_nothing_is_zero():
    assert (mean([]), mean([1.0, 0.0])) == (0.0, 0.5)
