"""The query mix (queries.yaml): each entry is one request of the search page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml

QUERIES_FILE = Path(__file__).with_name("queries.yaml")
STYLES = (
    "single",
    "multi",
    "unaccented",
    "acronym",
    "phrase",
    "docnum",
    "operators",
    "misspelling",
    "typed_filter",
    "as_typed",
    "filtered",
    "browse",
)
MIN_QUERIES = 30
PER_PAGE = 10  # what the page asks for
FILTERS = ("years", "periods", "leaders", "topics")
URL_PARAMS = {"years": "year", "periods": "period", "leaders": "leader", "topics": "topic"}


@dataclass(frozen=True)
class PerfQuery:
    id: str
    style: str
    q: str
    years: tuple[int, ...] = ()
    periods: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def filters(self) -> dict[str, tuple]:
        """The non-empty filters, by request field name."""
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}

    def url(self) -> str:
        """The JSON API request the page's search makes for this query."""
        params: list[tuple[str, str]] = [("q", self.q)]
        for name, values in self.filters.items():
            params.extend((URL_PARAMS[name], str(value)) for value in values)
        return "/api/search?" + urlencode(params)


def load_queries(path: Path = QUERIES_FILE) -> list[PerfQuery]:
    """Every query of the file, in order; raises ValueError on a malformed file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    queries = [_query(entry) for entry in data["queries"]]
    ids = [query.id for query in queries]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate query ids")
    if len(queries) < MIN_QUERIES:
        raise ValueError(f"{path}: {len(queries)} queries, at least {MIN_QUERIES} expected")
    return queries


def _query(entry: dict) -> PerfQuery:
    unknown = set(entry) - {"id", "style", "q", *FILTERS}
    if unknown:
        raise ValueError(f"{entry.get('id')}: unknown fields {sorted(unknown)}")
    if entry["style"] not in STYLES:
        raise ValueError(f"{entry['id']}: unknown style {entry['style']!r}")
    return PerfQuery(
        id=entry["id"],
        style=entry["style"],
        q=entry.get("q") or "",
        years=tuple(int(year) for year in entry.get("years", ())),
        periods=tuple(str(value) for value in entry.get("periods", ())),
        leaders=tuple(entry.get("leaders", ())),
        topics=tuple(entry.get("topics", ())),
    )
