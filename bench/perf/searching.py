"""Timing a search function over the query mix: warm-up passes, then repetitions.

The project is called through its public service layer, as the web app calls it:
``SearchService(index_dir).search(SearchRequest(...))`` with the page's ``per_page``;
the service computes the facets, snippets and suggestion of every request itself.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.perf.queries import PER_PAGE, PerfQuery
from bench.perf.stats import Summary, summarize_repetitions

Search = Callable[[PerfQuery], int]  # runs one request, returns the total of matches


@dataclass(frozen=True)
class Timing:
    summary: Summary
    per_query_ms: dict[str, list[float]]  # query id → one latency per repetition
    totals: dict[str, int]  # query id → matches found


def time_mix(search: Search, queries: list[PerfQuery], repeat: int, warmup: int = 1) -> Timing:
    """Run the whole mix ``warmup`` times untimed, then ``repeat`` times timed."""
    return time_mixes({"one": search}, queries, repeat, warmup)["one"]


def time_mixes(
    searches: dict[str, Search], queries: list[PerfQuery], repeat: int, warmup: int = 1
) -> dict[str, Timing]:
    """Time several search functions over the mix, taking turns pass by pass (in an order
    that alternates): compared this way, a machine that warms up or gets busier during the
    run favours none of them, as it did when one was timed after the other."""
    for _ in range(warmup):
        for search in searches.values():
            for query in queries:
                search(query)
    repetitions: dict[str, list[list[float]]] = {name: [] for name in searches}
    totals: dict[str, dict[str, int]] = {name: {} for name in searches}
    names = list(searches)
    for number in range(repeat):
        for name in names if number % 2 == 0 else reversed(names):
            latencies = []
            for query in queries:
                started = time.perf_counter()
                totals[name][query.id] = searches[name](query)
                latencies.append((time.perf_counter() - started) * 1000)
            repetitions[name].append(latencies)
    return {
        name: Timing(
            summarize_repetitions(runs),
            {q.id: [run[i] for run in runs] for i, q in enumerate(queries)},
            totals[name],
        )
        for name, runs in repetitions.items()
    }


def cache_options(service_class, cache: bool) -> tuple[dict, str]:
    """Keyword arguments that switch the service's result cache off or on, and a note.

    ``cache_size=0`` (or ``cache=False``) when the constructor accepts it; otherwise the
    service has no switchable cache and both passes run the same code.
    """
    parameters = inspect.signature(service_class).parameters
    if "cache_size" in parameters:
        return ({} if cache else {"cache_size": 0}), "cache_size"
    if "cache" in parameters:
        return {"cache": cache}, "cache"
    return {}, "none"


def project_search(index_dir: Path, cache: bool, partial: bool = True) -> tuple[Search, str]:
    """The project's search function, with its cache off or on (and partial matching, for
    the baseline of its cost, on or off), and which cache switch was used."""
    from search_app.engine.limits import Limits
    from search_app.engine.service import SearchService

    options, switch = cache_options(SearchService, cache)
    if not partial:
        options["limits"] = Limits(partial_matching=False)
    service = SearchService(index_dir, **options)

    def search(query: PerfQuery) -> int:
        return service.search(search_request(query)).total

    return search, switch


def search_request(query: PerfQuery):
    """The service's request for a query of the mix, as the search page sends it."""
    from search_app.engine.service import SearchRequest

    return SearchRequest(
        query=query.q,
        years=query.years,
        periods=query.periods,
        leaders=query.leaders,
        topics=query.topics,
        per_page=PER_PAGE,
    )
