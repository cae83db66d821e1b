"""pyvi's word-segmentation labels, with its features built faster.

pyvi's tagger is a CRF in compiled code, but pyvi builds its input in Python, one dict per
unit: the unit lowercased, whether it is upper case, title case, digits, the same for its
neighbours, and whether it and its neighbours are among pyvi's known two- and
three-syllable words. Each unit's case tests and each pair's lookup run up to three times,
and the tagger's wrapper then turns every dict into attributes again.

Here each distinct unit's part of those features is made once (and remembered), each pair
and triple of units is looked up once, and the tagger is given the attributes it would
have made of pyvi's dicts, in the same order. pyvi stays the model and the reference:
its model, its n-gram lists and its own path (:func:`reference_labels`) are used as they
are, and the tests and ``bench.segmentation`` check that both paths give the same labels.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

# The tagger turns a feature with a string value into the attribute "name:value", and one
# with a number into the attribute "name" weighted by it: pyvi's True weighs 1 and its
# False 0. An attribute of weight 0 adds nothing to any label's score, so it is left out;
# the others keep pyvi's order, as the scores are sums of floating-point numbers.
_LEFT_BIGRAM = "-1:word.bi_gram()"
_LEFT_TRIGRAM = "-2:word.tri_gram()"
_RIGHT_BIGRAM = "+1:word.bi_gram()"
_RIGHT_TRIGRAM = "+2:word.tri_gram()"

# Distinct units remembered, about 1.1 KB each. On 20,000 news articles (60,000 distinct
# units) 16,384 of them miss 0.8% of units (65,536: 0.5%, for 4 times the memory); a miss
# only costs building the entry again.
_UNITS_REMEMBERED = 1 << 14


class _Unit(NamedTuple):
    """One unit's share of the features: its own, and what it gives each neighbour."""

    lower: str
    own: tuple[str, ...]
    # As the left neighbour of the next unit, indexed by that unit's n-gram code (below).
    as_left: tuple[tuple[str, ...], ...]
    # As the right neighbour of the previous unit, indexed by that unit's n-gram code.
    as_right: tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=_UNITS_REMEMBERED)
def _unit(text: str) -> _Unit:
    lower = text.lower()
    upper, title = text.isupper(), text.istitle()
    # A bool repeats a one-attribute tuple 0 or 1 times: the attribute or nothing.
    own = ("bias", "word.lower():" + lower)
    own += ("word.isupper()",) * upper + ("word.istitle()",) * title
    own += ("word.isdigit()",) * text.isdigit()
    left = ("-1:word.lower():" + lower,) + ("-1:word.istitle()",) * title
    left += ("-1:word.isupper()",) * upper
    right = ("+1:word.lower():" + lower,) + ("+1:word.istitle()",) * title
    right += ("+1:word.isupper()",) * upper
    return _Unit(
        lower,
        own,
        _with_ngrams(left, _LEFT_BIGRAM, _LEFT_TRIGRAM),
        _with_ngrams(right, _RIGHT_BIGRAM, _RIGHT_TRIGRAM),
    )


def _with_ngrams(attributes: tuple[str, ...], bigram: str, trigram: str):
    """The neighbour's attributes followed by the n-gram ones, by code: 1 for the bigram,
    2 for the trigram, 3 for both (in pyvi's order: the bigram first)."""
    return (
        attributes,
        attributes + (bigram,),
        attributes + (trigram,),
        attributes + (bigram, trigram),
    )


def attributes(
    texts: Sequence[str], bigrams: frozenset[str] | set[str], trigrams: frozenset[str] | set[str]
) -> list[tuple[str, ...]]:
    """For each unit of ``texts``, the attributes the tagger makes of pyvi's features of it
    (``sent2features(texts, False)``), in the same order, weight-0 ones left out."""
    units = [_unit(text) for text in texts]
    if len(units) < 2:
        return [unit.own for unit in units]  # no neighbours
    left_codes, right_codes = _ngram_codes([unit.lower for unit in units], bigrams, trigrams)
    # Unit i's left side is what unit i-1 gives it; its right side, what unit i+1 gives it.
    lefts = [unit.as_left[code] for unit, code in zip(units[:-1], left_codes, strict=True)]
    rights = [unit.as_right[code] for unit, code in zip(units[1:], right_codes, strict=True)]
    return [
        unit.own + left + right
        for unit, left, right in zip(units, [(), *lefts], [*rights, ()], strict=True)
    ]


def _ngram_codes(lowers: list[str], bigrams, trigrams) -> tuple[list[int], list[int]]:
    """The n-gram codes of the left side of units 1…n-1 (pair i-1 i, triple i-2 i-1 i)
    and of the right side of units 0…n-2 (pair i i+1, triple i i+1 i+2), n ≥ 2.

    Each pair and triple is looked up once; pyvi looks a pair up from both its units.
    pyvi lowercases the joined units, lowercasing each gives the same: the space between
    them stops the only context-dependent rule (Greek final sigma).
    """
    pairs = [a + " " + b in bigrams for a, b in zip(lowers[:-1], lowers[1:], strict=True)]
    triples = [
        a + " " + b + " " + c in trigrams
        for a, b, c in zip(lowers[:-2], lowers[1:-1], lowers[2:], strict=True)
    ]
    left = [pair + 2 * triple for pair, triple in zip(pairs, [False, *triples], strict=True)]
    right = [pair + 2 * triple for pair, triple in zip(pairs, [*triples, False], strict=True)]
    return left, right


def labels(vi, texts: Sequence[str]) -> list[str]:
    """pyvi's label of each unit of ``texts`` (``B_W`` begins a word, ``I_W`` continues
    one), by its model; ``vi`` is pyvi's ``ViTokenizer``, its model loaded."""
    # The tagger itself: the estimator's predict() adds a NumPy array around one list.
    return vi.model.tagger_.tag(attributes(texts, vi.bi_grams, vi.tri_grams))


def reference_labels(vi, texts: Sequence[str]) -> list[str]:
    """The same labels by pyvi's own path: its feature dicts and its model's predict()."""
    return list(vi.model.predict([vi.sent2features(list(texts), False)])[0])


def reference_attributes(vi, texts: Sequence[str]) -> list[tuple[str, ...]]:
    """pyvi's own features of ``texts`` as the tagger reads them: what :func:`attributes`
    must give."""
    return as_tagger_reads(vi.sent2features(list(texts), False))


def as_tagger_reads(xseq) -> list[tuple[str, ...]]:
    """The attributes the tagger reads from ``xseq`` (feature dicts or attribute lists),
    by its own conversion, weight-0 ones left out (it reads a name up to a NUL)."""
    import pycrfsuite

    items = pycrfsuite.ItemSequence(xseq).items()
    weights = {weight for item in items for weight in item.values()}
    if not weights <= {0.0, 1.0}:
        raise ValueError(f"weights other than 0 and 1: {sorted(weights)}")
    return [tuple(name for name, weight in item.items() if weight) for item in items]
