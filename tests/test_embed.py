"""The /embed page for iframes, the embed.js widget and the OpenSearch description.

The widget's behaviour in a browser is tested in test_browser.py.
"""

import json
import re

from search_app import resource_dir
from search_app.web.i18n import STRINGS


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response.headers["Content-Security-Policy"])[1]


def test_embed_is_compact_and_opens_documents_in_a_new_tab(client):
    html = client.get("/embed", query_string={"q": "cải cách"}).get_data(as_text=True)
    assert '<body class="embed">' in html
    assert 'action="/embed"' in html
    assert '<aside class="facets"' not in html
    hit_links = re.findall(r'<h3 class="hit-title"><a href="[^"]*"([^>]*)>', html)
    assert hit_links and set(hit_links) == {' target="_blank" rel="noopener"'}
    assert 'href="/search?q=c%E1%BA%A3i+c%C3%A1ch" target="_blank"' in html


def test_embed_pages_link_to_the_embed_page(client):
    html = client.get("/embed", query_string={"per_page": "2"}).get_data(as_text=True)
    assert '<a href="/embed?page=2&amp;per_page=2" rel="next">' in html


def test_only_embed_may_be_framed_and_only_by_configured_origins(make_app, client):
    framed = make_app(REFORM_SEARCH_FRAME_ORIGINS="https://a.example, https://b.example")
    response = framed.test_client().get("/embed")
    assert frame_ancestors(response) == "'self' https://a.example https://b.example"
    assert "X-Frame-Options" not in response.headers
    assert frame_ancestors(client.get("/embed")) == "'self'"
    for url in ("/", "/search", "/help", "/api/search", "/opensearch.xml"):
        other = framed.test_client().get(url)
        assert frame_ancestors(other) == "'none'"
        assert other.headers["X-Frame-Options"] == "DENY"


def test_opensearch_description_points_at_the_search(client):
    response = client.get("/opensearch.xml", base_url="https://search.example/cchc")
    xml = response.get_data(as_text=True)
    assert response.mimetype == "application/opensearchdescription+xml"
    assert 'template="https://search.example/cchc/search?q={searchTerms}"' in xml
    assert 'template="https://search.example/cchc/api/search?q={searchTerms}"' in xml


def test_embed_does_not_take_the_focus_from_the_host_page(client):
    assert " autofocus" not in client.get("/embed").get_data(as_text=True)
    assert " autofocus>" in client.get("/").get_data(as_text=True)


def widget_strings(script: str) -> dict:
    return json.loads(re.search(r"const STRINGS = (\{.*?\n  \});", script, re.S)[1])


def test_the_widget_script_loads_from_any_origin(client):
    with client.get(
        "/static/embed.js", headers={"Origin": "https://elsewhere.example"}
    ) as response:
        script = response.get_data(as_text=True)
    assert response.mimetype == "text/javascript"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert len(script.encode("utf-8")) < 10_000
    assert "Cross-Origin-Resource-Policy" not in client.get("/search").headers
    # Loading the script is open; reading the data is what CORS gates.
    api = client.get("/api/search", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in api.headers


def test_the_widget_speaks_the_interface_strings(client):
    with client.get("/static/embed.js") as response:
        strings = widget_strings(response.get_data(as_text=True))
    assert set(strings) == {"vi", "en"}
    for lang, texts in strings.items():
        assert texts == {key: STRINGS[lang][key] for key in texts}, lang
    assert set(strings["vi"]) == set(strings["en"])


def test_the_widget_never_parses_html():
    script = (resource_dir("static") / "embed.js").read_text(encoding="utf-8")
    assert (
        re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script) == []
    )


def test_embed_hits_say_which_words_they_lack(partial_client):
    query = "thủ tướng yêu cầu các bộ ngành đẩy mạnh cải cách cắt giảm giấy phép con"
    html = partial_client.get("/embed", query_string={"q": query}).get_data(as_text=True)
    assert re.findall(r'<p class="hit-missing">([^<]*)</p>', html) == [
        "Không có: cắt giảm, giấy phép, con",
        "Không có: thủ tướng, yêu cầu, đẩy mạnh, cải cách",
    ]
    assert STRINGS["vi"]["notice_partial_matches"] in html
