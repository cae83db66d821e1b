"""Hostile input through every parameter and a hostile document: the output stays inert."""

import re
from html.parser import HTMLParser

import pytest

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMG, JS_URL)
PARAMS = (
    "q",
    "year",
    "year_from",
    "year_to",
    "period",
    "leader",
    "topic",
    "sort",
    "page",
    "per_page",
    "lang",
)


def hostile_id(service) -> str:
    return next(d["id"] for d in service.documents() if d["path"] == "extra/hostile.md")


class _Elements(HTMLParser):
    """Collects every start tag and its attributes, as a browser would parse them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


# The site's own scripts, by the exact tag the templates write (the citation's copy buttons).
OWN_SCRIPTS = {("script", (("src", "/static/copy.js"), ("defer", None)))}


def assert_inert(html: str) -> None:
    """No script or image elements but the site's own scripts, no event handlers, no
    javascript: URLs."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        if (tag, tuple(attrs)) in OWN_SCRIPTS:
            continue
        assert tag not in ("script", "img", "iframe", "object"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            assert not (name in ("href", "src", "action") and url.startswith("javascript:"))


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", PARAMS)
@pytest.mark.parametrize("path", ["/search", "/embed", "/help", "/doc/{id}"])
def test_every_parameter_is_escaped_everywhere(client, service, path, param, payload):
    url = path.format(id=hostile_id(service))
    response = client.get(
        url, query_string={param: payload, "q": payload} if param != "q" else {param: payload}
    )
    assert response.status_code in (200, 400)
    assert_inert(response.get_data(as_text=True))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_document_ids_are_refused(client, payload):
    page = client.get("/doc/" + payload.replace("/", "%2F"))
    api = client.get("/api/doc/" + payload.replace("/", "%2F"))
    assert (page.status_code, api.status_code) == (404, 404)
    assert_inert(page.get_data(as_text=True))
    assert api.get_json()["error"]["status"] == 404


def test_the_hostile_document_renders_inert(client, service):
    for url in ("/search?q=mã+độc", "/embed?q=mã+độc", f"/doc/{hostile_id(service)}?q=mã+độc"):
        html = client.get(url).get_data(as_text=True)
        assert_inert(html)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Cải cách" in html
    doc = client.get(f"/doc/{hostile_id(service)}").get_data(as_text=True)
    assert 'Đoạn có mã độc &lt;img src=x onerror="alert(1)"&gt; giữa bài' in doc


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", PARAMS)
def test_api_answers_hostile_parameters_as_json_only(client, param, payload):
    response = client.get("/api/search", query_string={param: payload})
    assert response.status_code in (200, 400)
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_json_of_the_hostile_document_escapes_snippets(client):
    data = client.get("/api/search", query_string={"q": '"mã độc"'}).get_json()
    hit = next(h for h in data["hits"] if h["path"] == "extra/hostile.md")
    assert hit["title"] == "<script>alert(1)</script> Cải cách"
    assert_inert(" ".join(hit["snippets"]))
    assert hit["snippets"] == ["Đoạn có <mark>mã độc</mark>  giữa bài về cải cách hành chính."]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=x",
        "/doc/nope",
        "/api/search",
        "/healthz",
        "/api/nope",
        "/static/style.css",
        "/opensearch.xml",
        "/embed",
    ],
)
def test_security_headers_on_every_response(client, url):
    with client.get(url) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors" in csp


def test_no_inline_scripts_or_styles_in_pages(client):
    for url in ("/", "/search?q=cai", "/help", "/embed"):
        html = client.get(url).get_data(as_text=True)
        assert "<script" not in html
        assert "<style" not in html
        assert " style=" not in html


def test_forwarded_headers_are_ignored_unless_the_proxy_is_trusted(make_app, client):
    forwarded = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Prefix": "/p",
    }
    plain = client.get("/opensearch.xml", headers=forwarded).get_data(as_text=True)
    assert "evil.example" not in plain
    trusted = make_app(REFORM_SEARCH_TRUST_PROXY="1").test_client()
    xml = trusted.get("/opensearch.xml", headers=forwarded).get_data(as_text=True)
    assert 'template="https://evil.example/p/search?q={searchTerms}"' in xml


def test_flask_debug_in_the_environment_never_turns_debug_on(monkeypatch, built_index):
    from search_app import create_app

    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"REFORM_SEARCH_INDEX": str(built_index[1])})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    @app.after_request
    def fail_late(response):
        # An error after the view: in debug mode Flask lets it escape the error pages.
        if response.status_code == 418:
            raise RuntimeError("secret detail")
        return response

    @app.get("/late")
    def late():
        return "", 418

    assert app.debug is False
    client = app.test_client()
    for url in ("/boom", "/late"):
        response = client.get(url)
        assert response.status_code == 500
        assert response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert "Traceback" not in page
        assert "secret detail" not in page
