"""The OpenAPI description of the JSON API, built from the same parameter table the routes use."""

from __future__ import annotations

from search_app.web.params import MAX_PAGE, MAX_VALUE_CHARS, MAX_VALUES, PARAMS, YEARS

ERROR = {"$ref": "#/components/schemas/Error"}


def openapi_document(max_per_page: int, max_query_chars: int) -> dict:
    """The OpenAPI 3.1 document for the routes under /api/ and /healthz, the exports and
    the feed."""
    search_params = [_parameter(p, max_per_page, max_query_chars) for p in PARAMS]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "reform-search",
            "version": "1",
            "description": "Search Vietnamese administrative-reform speeches and reports.",
        },
        "paths": {
            "/api/search": _get(
                "Search: ranked hits with highlighted snippets, facet counts, notices.",
                search_params,
                "SearchResult",
                errors=(400,),
            ),
            "/api/facets": _get(
                "Facet counts (and the total) for a query and filters, without hits.",
                search_params,
                "Facets",
                errors=(400,),
            ),
            "/api/doc/{id}": _get(
                "One document: metadata with origins, text, Markdown source, similar documents,"
                " citation.",
                [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "Document",
                errors=(404,),
            ),
            "/api/openapi.json": _get("This document.", [], None),
            **analytics_paths(max_per_page, max_query_chars),
            "/healthz": _get(
                "The served index: live document count and age, after a search on it;"
                " 503 with the reason when there is no index or searching it fails.",
                [],
                "Health",
            ),
            **export_paths(search_params),
        },
        "components": {"schemas": SCHEMAS | ANALYTICS_SCHEMAS},
    }


def _parameter(param, max_per_page: int, max_query_chars: int) -> dict:
    schema: dict = {"type": param.kind}
    if param.choices:
        schema["enum"] = list(param.choices)
    if param.name == "q":
        schema["maxLength"] = max_query_chars
    elif param.kind == "string" and not param.choices:
        schema["maxLength"] = MAX_VALUE_CHARS
    if param.name in ("year", "year_from", "year_to"):
        schema |= {"minimum": YEARS[0], "maximum": YEARS[1]}
    if param.name == "page":
        schema |= {"minimum": 1, "maximum": MAX_PAGE, "default": 1}
    if param.name == "per_page":
        schema |= {"minimum": 1, "maximum": max_per_page, "default": 10}
    if param.repeat:
        schema = {"type": "array", "items": schema, "maxItems": MAX_VALUES}
    description = param.help + (" Not after year_to." if param.name == "year_from" else "")
    spec = {"name": param.name, "in": "query", "description": description, "schema": schema}
    return spec | ({"style": "form", "explode": True} if param.repeat else {})


def _get(summary: str, parameters: list, schema: str | None, errors=()) -> dict:
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    responses = {"200": {"description": "OK"} | ({"content": content} if schema else {})}
    for status in (*errors, 405, 500, 503):
        responses[str(status)] = {
            "description": "Error",
            "content": {"application/json": {"schema": ERROR}},
        }
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


_STRINGS = {"type": "array", "items": {"type": "string"}}
_FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count", "selected"],
    "properties": {
        "value": {"type": ["string", "integer"]},
        "label": {"type": "string"},
        "count": {"type": "integer"},
        "selected": {"type": "boolean"},
    },
}
_FACETS = {"type": "object", "additionalProperties": {"type": "array", "items": _FACET_VALUE}}
# Every key is always present (null when unknown): the schemas list them as required.
_METADATA = {
    "id": {"type": "string"},
    "path": {"type": "string"},
    "title": {"type": "string"},
    "date": {"type": ["string", "null"], "format": "date"},
    "year": {"type": ["integer", "null"]},
    "periods": _STRINGS,
    "leaders": _STRINGS,
    "topics": _STRINGS,
    "source": {"type": ["string", "null"]},
}
SCHEMAS = {
    "Hit": {
        "type": "object",
        "required": [*_METADATA, "score", "snippets", "missing"],
        "properties": _METADATA
        | {
            "score": {"type": ["number", "null"]},
            "snippets": {
                "description": "HTML: escaped text with the matched words in <mark>.",
                **_STRINGS,
            },
            "missing": {
                "description": "The query words this hit lacks, as typed: [] when it holds"
                " every word. When the all-words query finds less than a page, documents"
                " holding most of the query (by weight, rare words weighing more) follow"
                " the all-words matches, each with the words it lacks; phrases,"
                " exclusions and filters are never relaxed (notice partial_matches).",
                **_STRINGS,
            },
        },
    },
    "SearchResult": {
        "type": "object",
        "required": ["query", "total", "page", "per_page", "hits", "facets", "notices", "took_ms"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": _FACETS,
            "notices": {
                "description": "Codes: unbalanced_quote, stray_operator, bad_field_filter,"
                " query_truncated, too_many_alternatives, time_budget, partial_matches (some"
                " hits lack query words: see Hit.missing; the total counts them).",
                **_STRINGS,
            },
            "suggestion": {
                "description": "Did you mean: an accented or corrected query and its total.",
                "type": ["object", "null"],
                "required": ["query", "total"],
                "properties": {"query": {"type": "string"}, "total": {"type": "integer"}},
            },
            "took_ms": {"type": "number"},
        },
    },
    "Facets": {
        "type": "object",
        "required": ["query", "total", "facets"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "facets": _FACETS,
        },
    },
    "Document": {
        "type": "object",
        "required": [
            *_METADATA,
            "origins",
            "text",
            "markdown",
            "url",
            "original_url",
            "similar",
            "citation",
        ],
        "properties": _METADATA
        | {
            "origins": {"type": "object", "additionalProperties": {"type": "string"}},
            "text": {"type": "string"},
            "markdown": {"type": ["string", "null"]},
            "url": {"type": "string", "format": "uri"},
            "original_url": {
                "description": "The original file (PDF, Word, web page, text) as indexed.",
                "type": "string",
                "format": "uri",
            },
            "similar": {
                "description": "The most similar documents (more like this).",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "date", "year"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "date": {"type": ["string", "null"]},
                        "year": {"type": ["integer", "null"]},
                    },
                },
            },
            "citation": {"$ref": "#/components/schemas/Citation"},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "documents"],
        "properties": {
            "status": {"type": "string"},
            "documents": {"type": "integer"},
            "generation": {"type": "string"},
            "updated": {"type": "string", "format": "date-time"},
            "age_seconds": {"type": "integer"},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
            }
        },
    },
}


# --- Trends and period comparison (search_app.web.analytics_views) --------------------------

FILTERS = ("year", "year_from", "year_to", "period", "leader", "topic", "lang")
MAX_TREND_QUERIES = 4  # search_app.engine.analytics.MAX_TREND_QUERIES; a test keeps them equal


def analytics_paths(max_per_page: int, max_query_chars: int) -> dict:
    """/api/trends and /api/compare: the search's filters; paging does not apply."""
    by_name = {p.name: _parameter(p, max_per_page, max_query_chars) for p in PARAMS}
    queries = by_name["q"] | {
        "description": "A query (repeatable, up to 4: one trend each). None: every document.",
        "schema": {
            "type": "array",
            "items": by_name["q"]["schema"],
            "maxItems": MAX_TREND_QUERIES,
        },
        "style": "form",
        "explode": True,
    }
    filters = [by_name[name] for name in FILTERS]
    return {
        "/api/trends": _get(
            "Matching documents per year (count, and share of the year's documents) for up to"
            " four queries with the same filters, from the index's first year to its last.",
            [queries, *filters],
            "Trends",
            errors=(400,),
        ),
        "/api/compare": _get(
            "One query's matches in 2011-2020 beside 2021-2030: counts, shares, leaders and"
            " reform areas (with their change), each period's best documents. A period"
            " filter is ignored (notice period_ignored).",
            [by_name["q"], *filters, by_name["sort"]],
            "Comparison",
            errors=(400,),
        ),
    }


# --- Export, feeds and citation (issue 14) ---------------------------------------------------

_EXPORT_NOTE = (
    " The parameters of /api/search; page is ignored, and per_page matters only as it does"
    " there (partial hits are added when the all-words matches are fewer). Every match in"
    " the search's order, at most REFORM_SEARCH_MAX_EXPORT_ROWS, streamed as an attachment;"
    " X-Total-Count gives the matches, X-Export-Rows the rows sent, X-Export-Capped"
    " whether the cap cut them."
)


def export_paths(search_params: list) -> dict:
    """/export.csv, /export.json and /feed.atom: downloads of a search, not JSON pages."""
    return {
        "/export.csv": _download(
            "Every match as CSV (UTF-8 with BOM): id, title, date, year, periods, leaders,"
            " topics, source, url, score, snippet; lists joined by '; ', text cells starting"
            " with = + - @ written after a ' (CSV injection)." + _EXPORT_NOTE,
            search_params,
            "text/csv",
            {"type": "string"},
        ),
        "/export.json": _download(
            "Every match as JSON, the documents written one at a time." + _EXPORT_NOTE,
            search_params,
            "application/json",
            {"$ref": "#/components/schemas/Export"},
        ),
        "/feed.atom": _download(
            "The 20 newest matches as an Atom 1.0 feed (sort is always newest): entry ids"
            " are the documents' permanent URLs; updated is the document's date, 1 January"
            " of its year when only the year is known, else the time the index last changed.",
            search_params,
            "application/atom+xml",
            {"type": "string"},
        ),
    }


_PERIOD_NUMBERS = {"type": "object", "additionalProperties": {"type": "number"}}
_ASSOCIATION = {
    "type": "object",
    "required": ["value", "label", "counts", "shares", "change"],
    "properties": {
        "value": {"type": "string"},
        "label": {"type": "string"},
        "counts": {
            "description": "Period → the period's matching documents holding the value.",
            "type": "object",
            "additionalProperties": {"type": "integer"},
        },
        "shares": {
            "description": "Period → that count over the period's matching documents.",
            **_PERIOD_NUMBERS,
        },
        "change": {
            "description": "The 2021-2030 share minus the 2011-2020 share.",
            "type": "number",
        },
    },
}
ANALYTICS_SCHEMAS = {
    "Trends": {
        "type": "object",
        "required": ["first_year", "last_year", "periods", "queries"],
        "properties": {
            "first_year": {"type": ["integer", "null"]},
            "last_year": {"type": ["integer", "null"]},
            "periods": {
                "description": "The programme periods the index holds, in order.",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["period", "first", "last"],
                    "properties": {
                        "period": {"type": "string"},
                        "first": {"type": "integer"},
                        "last": {"type": "integer"},
                    },
                },
            },
            "queries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["query", "total", "undated", "years", "notices"],
                    "properties": {
                        "query": {"type": "string"},
                        "total": {
                            "description": "Matching documents, as /api/search counts them.",
                            "type": "integer",
                        },
                        "undated": {
                            "description": "Matching documents without a known year.",
                            "type": "integer",
                        },
                        "years": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["year", "count", "documents", "share"],
                                "properties": {
                                    "year": {"type": "integer"},
                                    "count": {"type": "integer"},
                                    "documents": {
                                        "description": "All documents of the year.",
                                        "type": "integer",
                                    },
                                    "share": {
                                        "description": "count / documents (0 without any).",
                                        "type": "number",
                                    },
                                },
                            },
                        },
                        "notices": _STRINGS,
                    },
                },
            },
        },
    },
    "Comparison": {
        "type": "object",
        "required": ["query", "total", "periods", "leaders", "topics", "notices"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "periods": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["period", "count", "documents", "share", "top"],
                    "properties": {
                        "period": {"type": "string"},
                        "count": {"type": "integer"},
                        "documents": {"type": "integer"},
                        "share": {"type": "number"},
                        "top": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                    },
                },
            },
            "leaders": {"type": "array", "items": _ASSOCIATION},
            "topics": {"type": "array", "items": _ASSOCIATION},
            "notices": _STRINGS,
        },
    },
}


def _download(summary: str, parameters: list, media_type: str, schema: dict) -> dict:
    operation = _get(summary, parameters, None, errors=(400,))
    operation["get"]["responses"]["200"]["content"] = {media_type: {"schema": schema}}
    return operation


_EXPORT_ROW = {
    "type": "object",
    "required": [*_METADATA, "url", "score", "snippet", "missing"],
    "properties": {key: value for key, value in _METADATA.items() if key != "path"}
    | {
        "url": {"type": "string", "format": "uri"},
        "score": {"type": ["number", "null"]},
        "snippet": {"description": "The first snippet as plain text.", "type": "string"},
        "missing": _STRINGS,
    },
}
_EXPORT_ROW["required"].remove("path")
SCHEMAS["Export"] = {
    "type": "object",
    "required": ["query", "total", "rows", "capped", "notices", "documents"],
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer", "description": "Documents matching the search."},
        "rows": {"type": "integer", "description": "Documents in this export."},
        "capped": {"type": "boolean", "description": "rows < total: the cap was reached."},
        "notices": {
            "description": "The search's notice codes, and export_capped when capped.",
            **_STRINGS,
        },
        "documents": {"type": "array", "items": _EXPORT_ROW},
    },
}
SCHEMAS["Citation"] = {
    "description": "A ready-to-copy reference: APA 7 style with Vietnamese names kept whole"
    " and in their order, and a BibTeX @misc entry (author braced per name, year, date,"
    " howpublished, url).",
    "type": "object",
    "required": ["text", "bibtex"],
    "properties": {"text": {"type": "string"}, "bibtex": {"type": "string"}},
}

# --- end of export, feeds and citation --------------------------------------------------------
