"""Request arguments → a validated :class:`SearchRequest`, and back to arguments for links.

A bad value never raises here: it is dropped and reported as a :class:`ParamError`
naming the parameter. The JSON API answers 400 with the first error; the HTML page
shows the errors as notices and searches with what was valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_app.engine.service import SORTS, SearchRequest

MAX_VALUE_CHARS = 200
MAX_VALUES = 20
MAX_PAGE = 1000
YEARS = (1, 9999)
# A whole number as a URL writes it. Python's int() also takes "1_0", "+5", "١٠" and "１０":
# one page would have many spellings (links, cache keys), none of them documented.
ASCII_INTEGER = re.compile(r"-?[0-9]+")
# Longer is beyond every range here, and int() raises on more than 4,300 digits.
MAX_INTEGER_CHARS = 20


@dataclass(frozen=True)
class Param:
    """One accepted request argument, as documented in the OpenAPI description."""

    name: str
    kind: str  # "string" or "integer"
    repeat: bool
    help: str
    choices: tuple[str, ...] = ()


PARAMS = (
    Param("q", "string", False, 'Query: words, "exact phrases", -exclusions, OR.'),
    Param("year", "integer", True, "Year (repeatable: any of them)."),
    Param("year_from", "integer", False, "First year of a range."),
    Param("year_to", "integer", False, "Last year of a range."),
    Param("period", "string", True, "Period such as 2011-2020 (repeatable)."),
    Param("leader", "string", True, "Leader's name as listed in the facets (repeatable)."),
    Param("topic", "string", True, "Topic id as listed in the facets (repeatable)."),
    Param("sort", "string", False, "Result order.", SORTS),
    Param("page", "integer", False, "Page number, from 1."),
    Param("per_page", "integer", False, "Results per page."),
    Param("lang", "string", False, "Language of labels and messages.", ("vi", "en")),
)

# Facet name → (request argument, SearchRequest attribute).
FACET_PARAMS = {
    "year": ("year", "years"),
    "period": ("period", "periods"),
    "leader": ("leader", "leaders"),
    "topic": ("topic", "topics"),
}


@dataclass(frozen=True)
class ParamError:
    """A rejected argument: ``reason`` is an i18n key (``reason_*``) filled with ``details``."""

    name: str
    value: str
    reason: str
    details: dict = field(default_factory=dict)

    def message(self, translate) -> str:
        """The notice shown on a page: the argument was ignored, and why."""
        return translate("notice_bad_param", name=self.name, reason=self.why(translate))

    def why(self, translate) -> str:
        return translate(f"reason_{self.reason}", **self.details)


class _Reader:
    def __init__(self, args):
        self.args = args
        self.errors: list[ParamError] = []

    def text(self, name: str, limit: int | None = MAX_VALUE_CHARS) -> str:
        value = self.args.get(name, "")
        if limit is not None and len(value) > limit:
            self.errors.append(ParamError(name, value[:40], "too_long", {"max": limit}))
            return ""
        return value.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        values = [v.strip() for v in self.args.getlist(name) if v.strip()]
        if len(values) > MAX_VALUES:
            self.errors.append(ParamError(name, values[0], "too_many", {"max": MAX_VALUES}))
            return ()
        if any(len(v) > MAX_VALUE_CHARS for v in values):
            self.errors.append(ParamError(name, "", "too_long", {"max": MAX_VALUE_CHARS}))
            return ()
        return tuple(dict.fromkeys(values))

    def integer(self, name: str, low: int, high: int, default, value: str | None = None):
        raw = self.args.get(name, "") if value is None else value
        if raw.strip() == "":
            return default
        number = parse_integer(raw.strip())
        if number is None or not low <= number <= high:
            self.errors.append(ParamError(name, raw, "int_range", {"min": low, "max": high}))
            return default
        return number

    def integers(self, name: str, low: int, high: int) -> tuple[int, ...]:
        values = self.texts(name)
        numbers = [self.integer(name, low, high, None, value) for value in values]
        return tuple(dict.fromkeys(n for n in numbers if n is not None))

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.args.get(name, "").strip()
        if value == "":
            return default
        if value not in choices:
            details = {"choices": ", ".join(choices)}
            self.errors.append(ParamError(name, value, "choice", details))
            return default
        return value


def parse_integer(text: str) -> int | None:
    """``text`` as a whole number if it is written in ASCII digits (a leading minus
    allowed, so that ``-1`` is reported as out of range rather than as not a number)."""
    if len(text) > MAX_INTEGER_CHARS or not ASCII_INTEGER.fullmatch(text):
        return None
    return int(text)


def search_request(
    args, lang: str, max_per_page: int, max_query_chars: int | None = None
) -> tuple[SearchRequest, list[ParamError]]:
    """The SearchRequest ``args`` ask for, and what was wrong with them.

    A query longer than ``max_query_chars`` is an error (the API's 400); without a
    limit, the search service cuts a long query itself and says so (the pages).
    """
    read = _Reader(args)
    read.choice("lang", ("vi", "en"), lang)  # chosen by the caller; checked here to report it
    year_from = read.integer("year_from", *YEARS, None)
    year_to = read.integer("year_to", *YEARS, None)
    if year_from is not None and year_to is not None and year_from > year_to:
        read.errors.append(ParamError("year_from", str(year_from), "range_order"))
        year_from = year_to = None
    request = SearchRequest(
        query=read.text("q", max_query_chars),
        years=read.integers("year", *YEARS),
        year_from=year_from,
        year_to=year_to,
        periods=read.texts("period"),
        leaders=read.texts("leader"),
        topics=read.texts("topic"),
        sort=read.choice("sort", SORTS, "relevance"),
        page=read.integer("page", 1, MAX_PAGE, 1),
        per_page=read.integer("per_page", 1, max_per_page, SearchRequest.per_page),
        lang=lang,
    )
    return request, read.errors


def request_args(request: SearchRequest, lang: str | None = None) -> dict:
    """The arguments that ask for ``request`` again (defaults left out), for building links."""
    args: dict = {}
    if request.query:
        args["q"] = request.query
    for param, attribute in FACET_PARAMS.values():
        if getattr(request, attribute):
            args[param] = list(getattr(request, attribute))
    if request.year_from is not None:
        args["year_from"] = request.year_from
    if request.year_to is not None:
        args["year_to"] = request.year_to
    if request.sort != "relevance":
        args["sort"] = request.sort
    if request.page != 1:
        args["page"] = request.page
    if request.per_page != SearchRequest.per_page:
        args["per_page"] = request.per_page
    if lang:
        args["lang"] = lang
    return args
