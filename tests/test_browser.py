"""The web app in a real browser: Debian's Chromium, headless, driven by Playwright.

The search page is served by the real `reform-search serve` (gunicorn) in a subprocess.
The embedding tests serve the app from a thread under a URL prefix, next to two host sites
on other ports: one allowed by REFORM_SEARCH_FRAME_ORIGINS and REFORM_SEARCH_CORS_ORIGINS,
one not. Without Chromium or Playwright these tests skip, except with CI=true.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import (
    INSTALL_HINT,
    StaticSite,
    ThreadedServer,
    find_chromium,
    free_port,
    launch_chromium,
)
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

pytestmark = pytest.mark.browser

QUERY = "cai cach thu tuc hanh chinh"
PREFIX = "/cchc"
TIMEOUT_MS = 15_000
SERVE_TIMEOUT_S = 60
ACCENTED = re.compile(r"[^\x00-\x7f]")


def unavailable(why: str):
    """Skip, or fail in CI, where the browser tests must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the browser tests cannot run: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        unavailable(f"no chromium on this machine; {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        yield browser
        browser.close()


@pytest.fixture(scope="module", autouse=True)
def _browser_first(browser):
    """Skip (or fail) before any server is started when there is no browser."""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def console_errors(page) -> list[str]:
    """Collects the page's console errors (CSP violations, failed loads), favicon aside."""
    errors: list[str] = []

    def collect(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", collect)
    return errors


# --- The search site, served by `reform-search serve` ------------------------------------


@pytest.fixture(scope="module")
def served(built_index, tmp_path_factory):
    """The URL of `reform-search serve` (gunicorn, one worker) over the session index."""
    port = free_port()
    command = Path(sys.executable).with_name("reform-search")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "reform_search.cli"]
    argv += ["serve", "--port", str(port), "--workers", "1", "--index", str(built_index[1])]
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(url, process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(url: str, process, log_path: Path) -> None:
    deadline = time.monotonic() + SERVE_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"`reform-search serve` exited:\n{log_path.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"`reform-search serve` did not answer in {SERVE_TIMEOUT_S} s", pytrace=False)


def total_of(summary: str) -> int:
    """The total in "1–5 trong 12 kết quả (0,01 giây)"."""
    return int(re.search(r"trong (\d+)", summary)[1])


def test_a_query_without_accents_finds_and_marks_accented_words(served, page):
    errors = console_errors(page)
    page.goto(served + "/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=cai\+cach\+thu\+tuc\+hanh\+chinh"))
    assert page.locator(".hits .hit").count() >= 3
    marks = [text.lower() for text in page.locator(".hits .snippet mark").all_inner_texts()]
    assert "cải cách thủ tục hành chính" in marks
    assert [m for m in marks if ACCENTED.search(m)] != []
    assert page.locator("#q").input_value() == QUERY
    assert errors == []


def test_a_facet_value_narrows_the_results_and_the_counts_follow(served, page):
    page.goto(served + "/search?q=cai+cach+hanh+chinh")
    total = total_of(page.locator(".summary").inner_text())
    counts_before = page.locator(".facets .count").all_inner_texts()
    leaders = page.locator("#facet-leader + ul li")
    narrower = next(
        item for item in leaders.all() if int(item.locator(".count").inner_text()) < total
    )
    name = narrower.locator("a").inner_text().strip()
    count = int(narrower.locator(".count").inner_text())
    narrower.locator("a").click()
    page.wait_for_url(re.compile(r"[?&]leader="))
    assert total_of(page.locator(".summary").inner_text()) == count
    assert page.locator(".hits .hit").count() == min(count, 10)
    assert page.locator(".chips .chip").inner_text().startswith(f"Lãnh đạo: {name}")
    assert page.locator(".facets a[aria-current=true]").inner_text().endswith(name)
    assert page.locator(".facets .count").all_inner_texts() != counts_before


def test_a_result_opens_its_document_with_the_words_marked(served, page):
    page.goto(served + "/search?q=" + QUERY.replace(" ", "+"))
    first = page.locator(".hits .hit-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("#doc-title").inner_text() == title
    assert page.locator(".doc-body mark").count() > 0
    page.locator(".back a").click()
    page.wait_for_url(re.compile(r"/search\?q=cai\+cach"))


def test_the_keyboard_reaches_the_facets_and_applies_one(served, page):
    page.goto(served + "/search?q=cai+cach")
    assert page.evaluate("document.activeElement.id") == "q"
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.facets a')"):
            break
    else:
        pytest.fail("Tab never reached a facet link")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.split("?")[1]) + "$"))
    assert page.locator(".chips .chip").count() == 1


# --- Embedding in other sites' pages ----------------------------------------------------


@dataclass(frozen=True)
class Embedding:
    site: str  # the search site, under PREFIX
    allowed_host: str  # a page on an origin the site allows
    other_host: str  # the same page on an origin it does not


HOST_PAGE = """<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Cổng thông tin nội bộ</title>
  <link rel="icon" href="data:,">
  <style>body {{ font: 16px/1.4 Georgia, serif; }} #own {{ color: rgb(10, 20, 30); }}</style>
  <script src="{site}/static/embed.js" defer></script>
</head>
<body>
  <h1>Cổng thông tin nội bộ</h1>
  <p id="own">Trang của đơn vị.</p>
  <iframe id="framed" title="Tra cứu" src="{site}/embed?q=cai+cach" width="640" height="400">
  </iframe>
  <div id="widget" data-reform-search data-per-page="3"></div>
  <div id="widget-en" data-reform-search data-lang="en" data-per-page="1"
       data-placeholder="Search the speeches" data-query="hanh chinh"></div>
</body>
</html>
"""


@pytest.fixture(scope="module")
def embedding(make_app):
    allowed_site, other_site = StaticSite(), StaticSite()
    with ThreadedServer(allowed_site) as allowed, ThreadedServer(other_site) as other:
        app = make_app(
            REFORM_SEARCH_FRAME_ORIGINS=allowed.origin, REFORM_SEARCH_CORS_ORIGINS=allowed.origin
        )
        with ThreadedServer(DispatcherMiddleware(NotFound(), {PREFIX: app})) as server:
            site = server.origin + PREFIX
            allowed_site.pages["/"] = other_site.pages["/"] = HOST_PAGE.format(site=site)
            yield Embedding(site, allowed.origin + "/", other.origin + "/")


def widget_search(page, text: str) -> None:
    box = page.locator("#widget input[type=search]")
    box.fill(text)
    box.press("Enter")


def test_an_allowed_origin_frames_the_embed_page(embedding, page):
    page.goto(embedding.allowed_host)
    frame = page.frame_locator("#framed")
    assert frame.locator(".hits .hit").first.is_visible()
    assert frame.locator(".hits mark").count() > 0
    link = frame.locator(".hit-title a").first
    assert link.get_attribute("href").startswith(f"{PREFIX}/doc/")
    assert link.get_attribute("target") == "_blank"


def test_the_widget_shows_marked_results_and_opens_documents_in_a_new_tab(embedding, page):
    errors = console_errors(page)
    page.goto(embedding.allowed_host)
    widget_search(page, QUERY)
    status = page.locator("#widget [role=status]")
    status.filter(has_text="kết quả cho").wait_for()
    assert re.fullmatch(rf"\d+ kết quả cho “{QUERY}”", status.inner_text())
    hits = page.locator("#widget li")
    assert hits.count() == 3
    marks = [text.lower() for text in page.locator("#widget li mark").all_inner_texts()]
    assert [m for m in marks if ACCENTED.search(m)] != []
    link = page.locator("#widget li a.title").first
    assert link.get_attribute("href").startswith(f"{embedding.site}/doc/")
    assert link.get_attribute("target") == "_blank"
    title = link.inner_text().replace("(mở trong thẻ mới)", "").strip()
    with page.context.expect_page() as opened:
        link.click()
    document = opened.value
    document.wait_for_load_state()
    assert document.locator("#doc-title").inner_text() == title
    assert document.locator(".doc-body mark").count() > 0
    more = page.locator("#widget .more a")
    assert (
        more.get_attribute("href")
        == f"{embedding.site}/search?q=cai+cach+thu+tuc+hanh+chinh&lang=vi"
    )
    assert errors == []


def test_the_widget_searches_as_you_type_with_few_requests(embedding, page):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "per_page=3" in r.url else None)
    page.goto(embedding.allowed_host)
    page.locator("#widget input").press_sequentially("hanh chinh", delay=30)
    page.locator("#widget li").first.wait_for()
    assert 1 <= len(requests) < len("hanh chinh")
    assert requests[-1].startswith(f"{embedding.site}/api/search?q=hanh+chinh&per_page=3")


def test_the_widget_leaves_the_host_page_alone(embedding, page):
    page.goto(embedding.allowed_host)
    widget_search(page, QUERY)
    page.locator("#widget li").first.wait_for()
    assert page.evaluate(
        """() => ({
            lightChildren: document.querySelector('#widget').childElementCount,
            shadow: document.querySelector('#widget').shadowRoot !== null,
            styleSheets: document.styleSheets.length,
            ownColor: getComputedStyle(document.querySelector('#own')).color,
            widgetElementsInDocument: document.querySelectorAll('form, ol, mark, input').length,
        })"""
    ) == {
        "lightChildren": 0,
        "shadow": True,
        "styleSheets": 1,
        "ownColor": "rgb(10, 20, 30)",
        "widgetElementsInDocument": 0,
    }


def test_the_widget_is_labelled_and_keyboard_usable(embedding, page):
    page.goto(embedding.allowed_host)
    box = page.get_by_role("searchbox", name="Từ khóa tìm kiếm")
    box.focus()
    page.keyboard.type(QUERY)
    page.keyboard.press("Enter")
    page.locator("#widget li").first.wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.querySelector('#widget').shadowRoot.activeElement.className")
    assert focused == "title"


def test_the_widget_takes_its_language_size_and_first_query_from_the_page(embedding, page):
    page.goto(embedding.allowed_host)
    widget = page.locator("#widget-en")
    widget.locator("li").wait_for()
    assert re.fullmatch(r"\d+ results for “hanh chinh”", widget.get_by_role("status").inner_text())
    assert widget.locator("li").count() == 1
    assert widget.get_by_role("button").inner_text() == "Search"
    box = widget.get_by_role("searchbox", name="Search terms")
    assert (box.input_value(), box.get_attribute("placeholder")) == (
        "hanh chinh",
        "Search the speeches",
    )
    assert widget.locator("a.title").get_attribute("href").endswith("&lang=en")


def test_the_widget_renders_snippets_as_text_and_mark_only(embedding, page):
    hostile = {
        "query": "x",
        "total": 1,
        "hits": [
            {
                "id": "hostile",
                "title": "<script>window.pwned = 1</script> Cải cách",
                "date": None,
                "year": 2018,
                "leaders": [],
                "snippets": [
                    'Đoạn <mark>mã độc</mark> <img src=x onerror="window.pwned = 1">'
                    " &lt;b&gt;đậm&lt;/b&gt; &amp; <mark><mark>hết</mark>"
                ],
            }
        ],
    }
    page.route(
        f"{embedding.site}/api/search?*",
        lambda route: route.fulfill(json=hostile, headers={"Access-Control-Allow-Origin": "*"}),
    )
    page.goto(embedding.allowed_host)
    widget_search(page, "x")
    hit = page.locator("#widget li")
    hit.wait_for()
    assert hit.locator("a.title").inner_text().startswith("<script>window.pwned = 1</script>")
    snippet = hit.locator(".snippet")
    assert snippet.inner_text() == (
        'Đoạn mã độc <img src=x onerror="window.pwned = 1"> <b>đậm</b> & hết'
    )
    assert snippet.locator("mark").all_inner_texts() == ["mã độc", "hết"]
    assert hit.locator("img, script, b").count() == 0
    assert hit.locator(".meta").inner_text() == "2018"
    assert page.evaluate("window.pwned") is None


def test_other_origins_can_neither_frame_the_site_nor_read_the_api(embedding, page):
    page.goto(embedding.other_host)
    assert [frame.url for frame in page.frames[1:]] == ["chrome-error://chromewebdata/"]
    widget_search(page, QUERY)
    page.locator("#widget [role=status]").filter(has_text="Không tải được").wait_for()
    assert page.locator("#widget li").count() == 0
    outcome = page.evaluate(
        """async (url) => {
            try { await fetch(url); return "read"; } catch (error) { return error.name; }
        }""",
        f"{embedding.site}/api/search?q=x",
    )
    assert outcome == "TypeError"
