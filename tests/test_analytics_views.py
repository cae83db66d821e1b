"""/trends, /compare and their JSON API, through Flask's test client, against the
hand-counted corpus of ``analytics_corpus``."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from analytics_corpus import CHINH, DIGITAL, DOCUMENTS, DOCUMENTS_PER_YEAR, ONE_STOP, PHUC
from conftest import index_of
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from search_app import create_app
from search_app.engine.analytics import MAX_TREND_QUERIES
from search_app.web import openapi


@pytest.fixture(scope="module")
def trend_app(tmp_path_factory):
    index = index_of(tmp_path_factory, DOCUMENTS, "trend-views")
    return create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(index)})


@pytest.fixture
def client(trend_app):
    return trend_app.test_client()


def page(client, path: str, **args) -> str:
    response = client.get(path, query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def year_entries(counts: dict[int, int]) -> list[dict]:
    """2009-2023 as the API writes them; ``counts``: year → matches."""
    entries = []
    for year in range(2009, 2024):
        count, all_of_year = counts.get(year, 0), DOCUMENTS_PER_YEAR.get(year, 0)
        share = round(count / all_of_year, 6) if all_of_year else 0.0
        entries.append({"year": year, "count": count, "documents": all_of_year, "share": share})
    return entries


def svg_links(page_html: str, chart_id: str) -> list[str]:
    chart = re.search(rf'<svg [^>]*aria-labelledby="{chart_id}-title.*?</svg>', page_html, re.S)
    return [html.unescape(h) for h in re.findall(r'<a class="mark" href="([^"]*)"', chart[0])]


def args_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


# --- JSON API -----------------------------------------------------------------------------


def test_api_trends_gives_each_querys_documents_per_year(client):
    data = client.get("/api/trends", query_string=[("q", ONE_STOP), ("q", DIGITAL)]).get_json()
    assert data == {
        "first_year": 2009,
        "last_year": 2023,
        "periods": [
            {"period": "2001-2010", "first": 2001, "last": 2010},
            {"period": "2011-2020", "first": 2011, "last": 2020},
            {"period": "2021-2030", "first": 2021, "last": 2030},
        ],
        "queries": [
            {
                "query": ONE_STOP,
                "total": 6,
                "undated": 1,
                "notices": [],
                "years": year_entries({2009: 1, 2012: 1, 2015: 1, 2019: 1, 2021: 1}),
            },
            {
                "query": DIGITAL,
                "total": 4,
                "undated": 0,
                "notices": [],
                "years": year_entries({2019: 1, 2021: 2, 2023: 1}),
            },
        ],
    }


def test_api_trends_apply_the_filters_and_add_up_to_the_search_total(client):
    args = [("q", ONE_STOP), ("leader", PHUC), ("year_from", "2013")]
    (trend,) = client.get("/api/trends", query_string=args).get_json()["queries"]
    assert [(y["year"], y["count"]) for y in trend["years"] if y["count"]] == [(2015, 1), (2019, 1)]
    search = client.get("/api/search", query_string=args).get_json()
    assert trend["total"] == search["total"] == 2


def test_api_trends_without_a_query_counts_every_document(client):
    (trend,) = client.get("/api/trends").get_json()["queries"]
    assert (trend["query"], trend["total"], trend["undated"]) == ("", 11, 1)
    assert all(y["share"] == 1.0 for y in trend["years"] if y["documents"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([("q", str(n)) for n in range(5)], "invalid parameter 'q': more than 4 values"),
        ([("q", ONE_STOP), ("q", "x" * 257)], "invalid parameter 'q': longer than 256 characters"),
        (
            [("q", ONE_STOP), ("year", "abc")],
            "invalid parameter 'year': must be a whole number from 1 to 9999",
        ),
    ],
)
def test_api_trends_refuses_bad_arguments_as_the_search_api_does(client, args, message):
    response = client.get("/api/trends", query_string=args)
    assert response.status_code == 400
    assert response.get_json() == {"error": {"status": 400, "message": message}}


def test_api_compare_puts_both_periods_side_by_side(client):
    data = client.get("/api/compare", query_string={"q": ONE_STOP, "sort": "newest"}).get_json()
    assert (data["query"], data["total"], data["notices"]) == (ONE_STOP, 6, [])
    sides = [
        (p["period"], p["count"], p["documents"], p["share"], [h["path"] for h in p["top"]])
        for p in data["periods"]
    ]
    assert sides == [
        ("2011-2020", 3, 5, 0.6, ["chuyen-doi-so-2019.md", "mot-cua-2015.md", "mot-cua-2012.md"]),
        ("2021-2030", 1, 4, 0.25, ["mot-cua-2021.md"]),
    ]
    assert "title_html" not in data["periods"][0]["top"][0]
    assert data["leaders"] == [
        {
            "value": PHUC,
            "label": PHUC,
            "counts": {"2011-2020": 3, "2021-2030": 0},
            "shares": {"2011-2020": 1.0, "2021-2030": 0.0},
            "change": -1.0,
        },
        {
            "value": CHINH,
            "label": CHINH,
            "counts": {"2011-2020": 0, "2021-2030": 1},
            "shares": {"2011-2020": 0.0, "2021-2030": 1.0},
            "change": 1.0,
        },
    ]
    assert [(t["value"], t["counts"], t["change"]) for t in data["topics"]] == [
        ("procedures", {"2011-2020": 2, "2021-2030": 1}, 0.333333),
        ("e_government", {"2011-2020": 1, "2021-2030": 1}, 0.666667),
        ("apparatus", {"2011-2020": 1, "2021-2030": 0}, -0.333333),
    ]


def test_api_compare_says_it_ignores_a_period_filter(client):
    args = {"q": DIGITAL, "period": "2021-2030", "lang": "en"}
    data = client.get("/api/compare", query_string=args).get_json()
    assert [(p["period"], p["count"]) for p in data["periods"]] == [
        ("2011-2020", 1),
        ("2021-2030", 3),
    ]
    assert data["notices"] == ["period_ignored"]


def test_api_compare_takes_one_query(client):
    response = client.get("/api/compare", query_string=[("q", ONE_STOP), ("q", DIGITAL)])
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "invalid parameter 'q': more than 1 values"


def test_openapi_describes_trends_and_compare(client):
    spec = client.get("/api/openapi.json").get_json()
    trends = spec["paths"]["/api/trends"]["get"]
    assert [p["name"] for p in trends["parameters"]] == [
        "q",
        "year",
        "year_from",
        "year_to",
        "period",
        "leader",
        "topic",
        "lang",
    ]
    assert trends["parameters"][0]["schema"]["maxItems"] == MAX_TREND_QUERIES
    assert openapi.MAX_TREND_QUERIES == MAX_TREND_QUERIES
    schemas = spec["components"]["schemas"]
    data = client.get("/api/trends", query_string={"q": ONE_STOP}).get_json()
    assert set(schemas["Trends"]["properties"]) == set(data)
    compared = client.get("/api/compare", query_string={"q": ONE_STOP}).get_json()
    assert set(schemas["Comparison"]["properties"]) == set(compared)


CONFORMS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("path", ["/api/trends", "/api/compare"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@settings(max_examples=20)
@given(data=st.data())
def test_generated_requests_get_documented_answers(trend_app, path, mode, data):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", trend_app)
    case = data.draw(schema[path]["GET"].as_strategy(generation_mode=mode))
    case.call_and_validate(checks=CONFORMS)


# --- Pages --------------------------------------------------------------------------------


def test_the_trends_page_draws_both_queries_as_shares_with_a_legend(client):
    text = page(client, "/trends", q=[ONE_STOP, DIGITAL], topic="e_government", lang="en")
    assert '<svg class="chart chart-line"' in text and 'role="img"' in text
    title = re.search(r'<title id="trend-chart-title">([^<]*)</title>', text)[1]
    assert (
        html.unescape(title)
        == "Share of each year's documents that match: “một cửa”, “chuyển đổi số”"
    )
    legend = re.findall(
        r'<g class="legend series-\d">.*?dominant-baseline="middle">(.*?)</text>', text
    )
    assert legend == ["“một cửa”", "“chuyển đổi số”"]
    links = svg_links(text, "trend-chart")
    # Years without documents have no share: 2009-2023 has six years with documents.
    assert len(links) == 2 * 6
    assert args_of(links[0]) == {
        "q": [ONE_STOP],
        "year": ["2009"],
        "topic": ["e_government"],
        "lang": ["en"],
    }
    labels = [
        html.unescape(a)
        for a in re.findall(r'<a class="mark" href="[^"]*" aria-label="([^"]*)"', text)
    ]
    assert "“chuyển đổi số”, 2021: 2 documents, 100% of the year's 2" in labels
    assert re.search(r'<a href="[^"]*" aria-current="true">Share of the year</a>', text)


def test_the_trends_page_shows_counts_on_request_and_a_table(client):
    text = page(client, "/trends", q=ONE_STOP, measure="count")
    assert '<svg class="chart chart-bar"' in text
    assert re.search(r'<a href="[^"]*" aria-current="true">Số tài liệu</a>', text)
    rows = re.findall(
        r'<tr><th scope="row">(\d{4})</th><td><a href="[^"]*">(\d+)</a></td>'
        r"<td>([^<]*)</td><td>(\d+)</td></tr>",
        text,
    )
    assert rows[:4] == [
        ("2009", "1", "100%", "1"),
        ("2010", "0", "0%", "0"),
        ("2011", "0", "0%", "0"),
        ("2012", "1", "50%", "2"),
    ]
    assert len(rows) == 15
    assert re.search(r'<th scope="row">Chưa rõ năm</th><td>1</td>', text)
    assert re.search(r'<th scope="row">Tổng</th><td><a href="[^"]*">6</a></td>', text)


def test_a_bar_opens_the_search_of_its_year_and_finds_as_many(client):
    text = page(client, "/trends", q=ONE_STOP, measure="count", leader=PHUC)
    bars = svg_links(text, "trend-chart")
    labels = re.findall(r'<a class="mark" href="[^"]*" aria-label="([^"]*)"', text)
    year_2015 = next(link for link in bars if "year=2015" in link)
    assert args_of(year_2015) == {"q": [ONE_STOP], "leader": [PHUC], "year": ["2015"]}
    assert "“một cửa”, năm 2015: 1 tài liệu, 100% trong 1 tài liệu của năm" in labels
    results = client.get(year_2015).get_data(as_text=True)
    assert "1–1 trong 1 kết quả" in results


def test_the_trends_page_reports_bad_arguments_and_goes_on(client):
    text = page(client, "/trends", q=["a", "b", "c", "d", "e"], measure="bars")
    notices = re.findall(r"<li>(Đã bỏ qua tham số[^<]*)</li>", text)
    assert [html.unescape(n) for n in notices] == [
        "Đã bỏ qua tham số “q”: có quá 4 giá trị.",
        "Đã bỏ qua tham số “measure”: phải là một trong: share, count.",
    ]
    assert len(re.findall(r'<g class="series-\d">', text)) == 4


def test_the_compare_page_shows_both_periods_leaders_areas_and_documents(client):
    text = page(client, "/compare", q=ONE_STOP, sort="newest", period="2011-2020")
    assert "So sánh 2011–2020 và 2021–2030: “một cửa”" in text
    assert re.findall(r'<p class="compare-count"><a href="[^"]*">([^<]*)</a>', text) == [
        "3 tài liệu khớp",
        "1 tài liệu khớp",
    ]
    assert (
        "60% trong 5 tài liệu của giai đoạn" in text
        and "25% trong 4 tài liệu của giai đoạn" in text
    )
    doc_links = re.findall(r'<li><a href="(/doc/[^"]*)">', text)
    assert [urlsplit(link).path.split("/")[2].rsplit("-", 1)[0] for link in doc_links] == [
        "chuyen-doi-so-2019",
        "mot-cua-2015",
        "mot-cua-2012",
        "mot-cua-2021",
    ]
    assert all(args_of(link) == {"q": [ONE_STOP]} for link in doc_links)
    leaders = re.findall(r'<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th>(.*?)</tr>', text)
    cells = [(name, re.findall(r">([^<>]+)</", row)) for name, row in leaders]
    assert cells[:2] == [
        (PHUC, ["3", "100%", "0", "0%", "−100"]),
        (CHINH, ["0", "0%", "1", "100%", "+100"]),
    ]
    assert cells[2][1] == ["2", "66,7%", "1", "100%", "+33,3"]
    assert "Trang so sánh luôn hiện cả hai giai đoạn" in text


def test_the_results_page_has_a_compact_chart_and_links_to_trends_and_compare(client):
    text = page(client, "/search", q=DIGITAL, leader=CHINH)
    bars = svg_links(text, "search-trend")
    assert [args_of(b)["year"] for b in bars] == [[str(y)] for y in range(2009, 2024)]
    assert args_of(bars[0]) == {"q": [DIGITAL], "leader": [CHINH], "year": ["2009"]}
    trends = html.unescape(re.search(r'<a href="([^"]*)">Xu hướng theo năm</a>', text)[1])
    compare = html.unescape(re.search(r'<a href="([^"]*)">So sánh giai đoạn</a>', text)[1])
    assert trends.startswith("/trends?") and args_of(trends) == {"q": [DIGITAL], "leader": [CHINH]}
    assert compare.startswith("/compare?") and args_of(compare) == {
        "q": [DIGITAL],
        "leader": [CHINH],
    }
    back = client.get(trends).get_data(as_text=True)
    assert re.search(r'<a href="/search\?q=[^"]*leader=[^"]*">3 kết quả</a>', back)


def test_no_chart_without_results_nor_in_the_embed_page(client):
    assert "<svg" not in page(client, "/search", q="xyzzyq")
    assert "<svg" not in page(client, "/search")  # browsing: no query to chart
    assert "<svg" not in page(client, "/embed", q=ONE_STOP)
    assert "<svg" in page(client, "/search", q=ONE_STOP)
