"""What the search templates render beyond the SearchResult: the links.

Every link is built here from the validated request (``params.request_args``), so a
template only prints values and URLs. ``link(args)`` turns arguments into a URL for the
page being rendered (the full search page or the embed page).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from search_app.engine.service import SearchRequest, SearchResult
from search_app.web.params import FACET_PARAMS, request_args

Link = Callable[[dict], str]
PAGE_WINDOW = 2  # pages shown on each side of the current one


@dataclass(frozen=True)
class FacetLink:
    value: str | int
    label: str
    count: int
    selected: bool
    url: str  # selects the value, or removes it when selected


@dataclass(frozen=True)
class Chip:
    facet: str  # the facet's i18n key: facet_year, facet_topic …
    label: str
    url: str  # the same search without this filter


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    previous: str | None
    next: str | None
    pages: list[PageLink]


class SearchLinks:
    """Links for one search page: facet toggles, chips, pages, ways out of an empty result."""

    def __init__(self, request: SearchRequest, lang: str | None, link: Link):
        self.request = request
        self.lang = lang  # only an explicit ?lang= is carried in links
        self.link = link

    def to(self, request: SearchRequest) -> str:
        return self.link(request_args(request, self.lang))

    def with_values(self, facet: str, values) -> str:
        """The search with ``facet`` set to ``values``, back on page 1."""
        attribute = FACET_PARAMS[facet][1]
        return self.to(replace(self.request, page=1, **{attribute: tuple(values)}))

    def facets(self, result: SearchResult) -> dict[str, list[FacetLink]]:
        links = {}
        for facet, values in result.facets.items():
            selected = getattr(self.request, FACET_PARAMS[facet][1])
            links[facet] = [
                FacetLink(
                    v.value,
                    v.label,
                    v.count,
                    v.selected,
                    self.with_values(facet, _toggled(selected, v.value)),
                )
                for v in values
            ]
        return links

    def chips(self, result: SearchResult) -> list[Chip]:
        chips = []
        for facet, values in result.facets.items():
            selected = getattr(self.request, FACET_PARAMS[facet][1])
            for value in (v for v in values if v.selected):
                rest = [s for s in selected if s != value.value]
                chips.append(Chip(f"facet_{facet}", value.label, self.with_values(facet, rest)))
        if self.request.year_from is not None or self.request.year_to is not None:
            label = f"{self.request.year_from or '…'}–{self.request.year_to or '…'}"
            unbounded = replace(self.request, page=1, year_from=None, year_to=None)
            chips.append(Chip("year_range", label, self.to(unbounded)))
        return chips

    def clear_all(self) -> str:
        """The same query and order, without any filter."""
        r = self.request
        return self.to(SearchRequest(query=r.query, sort=r.sort, per_page=r.per_page))

    def browse_all(self) -> str:
        return self.to(SearchRequest())

    def pagination(self, result: SearchResult) -> Pagination | None:
        last = math.ceil(result.total / result.per_page) if result.per_page else 1
        if last <= 1:
            return None
        current = min(result.page, last)
        first_shown, last_shown = max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW)
        numbers = sorted({1, last, *range(first_shown, last_shown + 1)})
        pages = [PageLink(n, self._page(n), n == current) for n in numbers]
        return Pagination(
            previous=self._page(current - 1) if current > 1 else None,
            next=self._page(current + 1) if current < last else None,
            pages=pages,
        )

    def hidden_fields(self, *drop: str) -> list[tuple[str, str]]:
        """(name, value) pairs that carry this search's filters in a form, minus ``drop``."""
        args = request_args(replace(self.request, page=1), self.lang)
        return [
            (name, str(value))
            for name, values in args.items()
            if name not in drop
            for value in (values if isinstance(values, list) else [values])
        ]

    def first_page(self) -> str:
        return self._page(1)

    def _page(self, number: int) -> str:
        return self.to(replace(self.request, page=number))


def _toggled(selected: tuple, value) -> list:
    """``selected`` with ``value`` removed if it is there, added if not."""
    return [s for s in selected if s != value] if value in selected else [*selected, value]


def result_range(result: SearchResult) -> tuple[int, int]:
    """The 1-based positions of the first and last hit shown."""
    first = (result.page - 1) * result.per_page + 1
    return first, first + len(result.hits) - 1


def has_filters(request: SearchRequest) -> bool:
    return bool(
        request.years
        or request.periods
        or request.leaders
        or request.topics
        or request.year_from is not None
        or request.year_to is not None
    )
