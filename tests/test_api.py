"""The JSON API: same data as `search --json`, one error shape, OpenAPI that matches."""

import os
import shutil
from types import SimpleNamespace

import pytest
from flask import Flask

from search_app.engine.service import SearchRequest
from search_app.web.backend import UnhealthyIndex, check_search
from search_app.web.errors import JSON_PATHS
from search_app.web.params import PARAMS


def without_timing(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "took_ms"}


def test_search_returns_the_service_json(client, service):
    args = [("q", "cải cách"), ("year", "2019"), ("year", "2023"), ("per_page", "3")]
    data = client.get("/api/search", query_string=args).get_json()
    expected = service.search(SearchRequest(query="cải cách", years=(2019, 2023), per_page=3))
    assert without_timing(data) == without_timing(expected.to_json())
    assert isinstance(data["took_ms"], float)


def test_facets_returns_counts_without_hits(client, service):
    data = client.get("/api/facets", query_string={"q": "thể chế"}).get_json()
    expected = service.search(SearchRequest(query="thể chế")).to_json()
    assert data == {"query": "thể chế", "total": expected["total"], "facets": expected["facets"]}


def test_doc_returns_metadata_text_and_markdown(client, service):
    doc = service.documents()[0]
    data = client.get(f"/api/doc/{doc['id']}").get_json()
    assert {k: data[k] for k in doc} == doc
    assert data["url"] == f"http://localhost/doc/{doc['id']}"
    assert data["text"].strip() != ""


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"per_page": "10000"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"sort": "bogus"}, "sort"),
        ({"year": "abc"}, "year"),
        ({"year_from": "x"}, "year_from"),
        ({"year_to": "99999"}, "year_to"),
        ({"lang": "fr"}, "lang"),
        ({"q": "x" * 501}, "q"),
        ({"topic": ["t"] * 21}, "topic"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, args, name):
    response = client.get("/api/search", query_string=args)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(f"invalid parameter '{name}': ")


def test_max_per_page_is_a_setting(make_app):
    client = make_app(REFORM_SEARCH_MAX_PER_PAGE="5").test_client()
    assert client.get("/api/search", query_string={"per_page": "5"}).status_code == 200
    assert client.get("/api/search", query_string={"per_page": "6"}).get_json() == {
        "error": {
            "status": 400,
            "message": "invalid parameter 'per_page': must be a whole number from 1 to 5",
        }
    }


def error_app(make_app) -> Flask:
    app = make_app()

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret detail")

    return app


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/search?page=0", 400),
        ("GET", "/api/doc/nope", 404),
        ("GET", "/api/nope", 404),
        ("POST", "/api/search", 405),
        ("GET", "/api/boom", 500),
    ],
)
def test_errors_have_one_json_shape(make_app, method, url, status):
    response = error_app(make_app).test_client().open(url, method=method)
    data = response.get_json()
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert list(data) == ["error"]
    assert sorted(data["error"]) == ["message", "status"]
    assert data["error"]["status"] == status
    assert "secret detail" not in data["error"]["message"]


def test_405_says_what_is_allowed(client):
    response = client.post("/api/search")
    assert sorted(response.headers["Allow"].split(", ")) == ["GET", "HEAD", "OPTIONS"]


def test_no_index_is_503_in_the_error_shape(make_app, tmp_path):
    client = make_app(REFORM_SEARCH_INDEX=str(tmp_path)).test_client()
    for url in ("/api/search", "/healthz"):
        assert client.get(url).get_json()["error"]["status"] == 503


def test_healthz_reports_document_count_and_age(client, service):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok"
    assert data["documents"] == len(service.documents())
    assert data["documents"] == service.search(SearchRequest()).total
    assert data["generation"].startswith("gen-")
    assert 0 <= data["age_seconds"] < 3600


def test_healthz_is_503_with_the_reason_when_postings_are_truncated(
    make_app, built_index, tmp_path
):
    index = tmp_path / "index"
    shutil.copytree(built_index[1], index, symlinks=True)
    postings = list(index.glob("gen-*/*.pst"))
    assert postings != []
    for path in postings:
        os.truncate(path, path.stat().st_size // 2)
    response = make_app(REFORM_SEARCH_INDEX=str(index)).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == 503
    assert error["message"].startswith("searching the index failed: ")


class _Service:
    """A service whose browse shows ``newest`` and whose searches find nothing."""

    def __init__(self, newest=None):
        self.newest = newest
        self.queries = []

    def search(self, request, cached=True):
        # A cached result would say the index worked when it was read last, not now.
        assert cached is False
        self.queries.append(request.query)
        if not request.query and self.newest is not None:
            return SimpleNamespace(hits=[self.newest], total=3)
        return SimpleNamespace(hits=[], total=0)


def test_the_health_check_searches_the_newest_document_by_its_longest_word():
    service = _Service(SimpleNamespace(id="bao-cao", title="Cải cách hành chính 2019"))
    with pytest.raises(UnhealthyIndex) as error:
        check_search(service)
    assert service.queries == ["", "chính"]
    assert str(error.value) == "a search for 'chính', a word of document 'bao-cao', found nothing"


def test_openapi_describes_exactly_the_json_routes(app, client):
    spec = client.get("/api/openapi.json").get_json()
    routes = {
        rule.rule.replace("<doc_id>", "{id}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(JSON_PATHS)  # the API, the exports and the feed
    }
    assert set(spec["paths"]) == routes
    names = [p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]]
    assert names == [p.name for p in PARAMS]


def test_openapi_response_properties_match_the_search_json(client):
    spec = client.get("/api/openapi.json").get_json()
    data = client.get("/api/search", query_string={"q": "cải cách"}).get_json()
    schemas = spec["components"]["schemas"]
    assert set(schemas["SearchResult"]["properties"]) == set(data)
    assert set(schemas["Hit"]["properties"]) == set(data["hits"][0])


def test_cors_only_for_configured_origins(make_app, client):
    allowed = make_app(REFORM_SEARCH_CORS_ORIGINS="https://intranet.example").test_client()
    origin = {"Origin": "https://intranet.example"}
    assert "Access-Control-Allow-Origin" not in client.get("/api/search", headers=origin).headers
    response = allowed.get("/api/search", headers=origin)
    assert response.headers["Access-Control-Allow-Origin"] == "https://intranet.example"
    assert "Origin" in response.vary
    other = allowed.get("/api/search", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    assert "Access-Control-Allow-Origin" not in allowed.get("/search", headers=origin).headers


def test_cors_preflight(make_app):
    client = make_app(REFORM_SEARCH_CORS_ORIGINS="https://intranet.example").test_client()
    response = client.options("/api/search", headers={"Origin": "https://intranet.example"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Methods"] == "GET, OPTIONS"


def test_doc_lists_similar_documents(client, service):
    doc = next(d for d in service.documents() if d["path"].startswith("2023-11-14"))
    data = client.get(f"/api/doc/{doc['id']}").get_json()
    assert [s["id"] for s in data["similar"]] == [h.id for h in service.similar(doc["id"])]
    assert doc["id"] not in [s["id"] for s in data["similar"]]
    assert data["similar"] != []


def test_the_result_cache_is_a_setting(make_app):
    from search_app.engine.service import SearchRequest

    def searched_twice(app):
        service = app.extensions["reform_search"]
        return [service.search(SearchRequest("cải cách")).hits for _ in range(2)]

    first, second = searched_twice(make_app(REFORM_SEARCH_CACHE_SIZE="0"))
    assert first is not second and first == second  # searched again
    first, second = searched_twice(make_app())
    assert first is second  # served from the cache


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ({"page": "1_0"}, "page"),
        ({"page": "١٠"}, "page"),
        ({"per_page": "１０"}, "per_page"),
        ({"year": "٢٠١٩"}, "year"),
    ],
)
def test_integers_in_other_scripts_or_with_underscores_are_400(client, args, name):
    response = client.get("/api/search", query_string=args)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(f"invalid parameter '{name}': ")


def test_the_health_check_of_an_empty_index_only_browses():
    service = _Service()
    assert check_search(service) == 0
    assert service.queries == [""]


def test_search_lists_the_words_each_partial_hit_lacks(partial_client):
    query = (
        "thủ tướng yêu cầu các bộ ngành đẩy mạnh cải cách thủ tục hành chính cắt giảm giấy phép con"
    )
    data = partial_client.get("/api/search", query_string={"q": query}).get_json()
    assert [(hit["path"], hit["missing"]) for hit in data["hits"]] == [
        ("full.md", []),
        ("most.md", ["cắt giảm", "giấy phép", "con"]),
        ("some.md", ["thủ tướng", "yêu cầu", "đẩy mạnh", "cải cách"]),
    ]
    assert data["notices"] == ["partial_matches"]
    assert data["total"] == 3
    full = partial_client.get("/api/search", query_string={"q": query, "per_page": 1})
    assert [hit["missing"] for hit in full.get_json()["hits"]] == [[]]
    assert full.get_json()["notices"] == []
