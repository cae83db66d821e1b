"""The JSON API against its own OpenAPI description, with requests schemathesis generates.

Every generated request must get a documented status (never a 5xx), the documented
content type and a body of the documented shape; requests that break the description
(negative cases) must be refused with a 400. In process through the WSGI app: no network.
"""

import pytest
import schemathesis
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE

# What every answer must do: no 5xx, a documented status, content type and body shape.
CONFORMS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# A request within the description is answered 2xx (or 404 for an unknown id). The reverse,
# "every request outside it is refused", is not asked: an empty value counts as absent
# (`lang=`, `page=`, twenty-one empty `period=`), as an HTML form's empty fields do.
CHECKS = {POSITIVE: [*CONFORMS, positive_data_acceptance], NEGATIVE: CONFORMS}

# Queries that find documents of the test corpus, so generated requests also see hits,
# snippets, suggestions and facet values, not only empty results.
QUERIES = ["cải cách hành chính", "cai cach", "TTHC", '"thủ tục" -covid', "30c/NQ-CP", "thê chê"]

BOUNDED = settings(max_examples=25)


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.parametrize(
    ("path", "mode"),
    [
        ("/api/search", POSITIVE),
        ("/api/search", NEGATIVE),
        ("/api/facets", POSITIVE),
        ("/api/facets", NEGATIVE),
        ("/api/doc/{id}", POSITIVE),
        ("/api/openapi.json", POSITIVE),
        ("/healthz", POSITIVE),
    ],
)
@BOUNDED
@given(data=st.data())
def test_generated_requests_get_documented_answers(api_schema, path, mode, data):
    case = data.draw(api_schema[path]["GET"].as_strategy(generation_mode=mode))
    if mode is POSITIVE and path in ("/api/search", "/api/facets"):
        query = case.query or {}
        # The one rule the description states only in words: a range is not reversed.
        first, last = query.get("year_from"), query.get("year_to")
        assume(first is None or last is None or first <= last)
        case.query = query | {"q": data.draw(st.sampled_from([query.get("q"), *QUERIES]))}
    case.call_and_validate(checks=CHECKS[mode])


def test_every_document_matches_its_description(api_schema, service):
    operation = api_schema["/api/doc/{id}"]["GET"]
    ids = [document["id"] for document in service.documents()]
    assert len(ids) > 10
    for doc_id in ids:
        response = operation.Case(path_parameters={"id": doc_id}).call_and_validate(checks=CONFORMS)
        assert response.status_code == 200
