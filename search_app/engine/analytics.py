"""Counts over a request's matched documents: per year (trends) and per programme period.

Analytics do not search again: they count over the mask the search itself matched
(``SearchService._match``), so a trend's years add up to the search's total, and a period's
count is what the search finds with that period's filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from indexer.schema import facet_label

# The two master programmes of State administrative reform that staff compare
# (Nghị quyết 30c/NQ-CP, 2011-2020, and Nghị quyết 76/NQ-CP, 2021-2030).
COMPARED_PERIODS = ("2011-2020", "2021-2030")
PERIOD_SPAN = re.compile(r"^(\d{4})-(\d{4})$")
MAX_TREND_QUERIES = 4
ASSOCIATED_LEADERS = 10  # leaders listed in a comparison, most matches first


@dataclass
class YearCount:
    year: int
    count: int  # matching documents of the year
    documents: int  # all documents of the year in the index
    share: float  # count / documents: interest, whatever the year's volume


@dataclass
class PeriodSpan:
    period: str  # "2011-2020"
    first: int
    last: int


@dataclass
class Trend:
    query: str
    total: int  # matching documents, undated ones included
    undated: int  # matching documents without a known year (no bar of their own)
    years: list[YearCount]
    notices: list[str] = field(default_factory=list)


@dataclass
class Trends:
    first_year: int | None  # the index's first and last years: every trend spans both
    last_year: int | None
    periods: list[PeriodSpan]
    queries: list[Trend]


@dataclass
class PeriodSide:
    period: str
    count: int  # matching documents of the period (its facet, as the period filter)
    documents: int  # all documents of the period
    share: float
    top: list = field(default_factory=list)  # the period's best hits (service.Hit)


@dataclass
class Association:
    """A leader or reform area among the matches of each period, and how that changed."""

    value: str
    label: str
    counts: dict[str, int]  # period → matching documents holding the value
    shares: dict[str, float]  # period → count / the period's matching documents
    change: float  # the later period's share minus the earlier one's


@dataclass
class Comparison:
    query: str
    total: int
    periods: list[PeriodSide]
    leaders: list[Association]
    topics: list[Association]
    notices: list[str] = field(default_factory=list)


def years_span(snapshot) -> tuple[int | None, int | None]:
    """The first and last years of the documents in service, or (None, None)."""
    years = snapshot.years[snapshot.alive & (snapshot.years > 0)]
    if years.size == 0:
        return None, None
    return int(years.min()), int(years.max())


def period_spans(snapshot) -> list[PeriodSpan]:
    """The programme periods the index's documents belong to, in order."""
    spans = []
    for period in sorted(snapshot.known_values("period")):
        found = PERIOD_SPAN.match(str(period))
        if found:
            spans.append(PeriodSpan(period, int(found[1]), int(found[2])))
    return spans


def trends_of(snapshot, trends: list[Trend]) -> Trends:
    """``trends`` with the span of years and the periods they are drawn over."""
    first, last = years_span(snapshot)
    return Trends(first, last, period_spans(snapshot), trends)


def trend(snapshot, query: str, mask: np.ndarray, notices: list[str]) -> Trend:
    """``mask``'s documents per year, from the index's first year to its last."""
    first, last = years_span(snapshot)
    matched = np.bincount(snapshot.years[mask], minlength=(last or 0) + 1)
    everything = np.bincount(snapshot.years[snapshot.alive], minlength=(last or 0) + 1)
    years = []
    if first is not None:
        for year in range(first, last + 1):
            count, documents = int(matched[year]), int(everything[year])
            share = round(count / documents, 6) if documents else 0.0
            years.append(YearCount(year, count, documents, share))
    return Trend(
        query=query,
        total=int(np.count_nonzero(mask)),
        undated=int(matched[0]),
        years=years,
        notices=notices,
    )


def period_side(snapshot, period: str, mask: np.ndarray) -> tuple[PeriodSide, np.ndarray]:
    """The period's count and share among ``mask``, and the mask of its matches."""
    in_period = np.zeros(snapshot.size, dtype=bool)
    in_period[snapshot.facet_docs("period", period)] = True
    in_period &= snapshot.alive
    matches = mask & in_period
    count, documents = int(np.count_nonzero(matches)), int(np.count_nonzero(in_period))
    share = round(count / documents, 6) if documents else 0.0
    return PeriodSide(period, count, documents, share), matches


def associations(
    snapshot, facet: str, sides: list[PeriodSide], masks: list[np.ndarray], lang: str, limit=None
) -> list[Association]:
    """The facet's values among each period's matches, most frequent overall first."""
    per_period = [snapshot.facets[facet].counts(m) for m in masks]
    values = set().union(*per_period)
    ranked = sorted(values, key=lambda v: (-sum(c.get(v, 0) for c in per_period), str(v)))
    found = []
    for value in ranked[:limit]:
        counts = {
            side.period: tally.get(value, 0) for side, tally in zip(sides, per_period, strict=True)
        }
        shares = {
            side.period: round(counts[side.period] / side.count, 6) if side.count else 0.0
            for side in sides
        }
        change = round(shares[sides[-1].period] - shares[sides[0].period], 6)
        label = facet_label(facet, value, lang)
        found.append(Association(str(value), label, counts, shares, change))
    return found
