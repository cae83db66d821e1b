"""Exports, the feed and the citation in a real browser (Debian's Chromium under Playwright):
the CSV link downloads every result the page counts, the feed the page announces parses,
and the copy button copies the reference. Skipped without Chromium, except with CI=true.
"""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

import pytest
from browser_support import ThreadedServer, chromium_or_skip, launch_chromium

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(browser, app):
    with ThreadedServer(app.wsgi_app) as server:
        yield server.origin


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == []  # no CSP violation, no failed load


def shown_total(page) -> int:
    """The total in "1–3 trong 7 kết quả (0,01 giây)"."""
    return int(re.search(r"trong (\d+)", page.locator(".summary").inner_text())[1])


def test_the_csv_link_downloads_every_result_the_page_counts(site, page):
    page.goto(site + "/search?q=cai+cach&per_page=3&sort=oldest")
    total = shown_total(page)
    assert total > 3  # more than the page shows
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải CSV").click()
    assert download.value.suggested_filename == "reform-search-cai-cach.csv"
    with open(download.value.path(), encoding="utf-8-sig") as file:
        text = file.read()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["id", "title", "date"]
    assert len(rows) - 1 == total
    shown_first = page.locator(".hits .hit-title a").first.inner_text()
    assert rows[1][1] == shown_first  # the same order as the page


def test_the_feed_the_page_announces_parses(site, page):
    page.goto(site + "/search?q=cai+cach")
    href = page.locator('head link[rel=alternate][type="application/atom+xml"]').get_attribute(
        "href"
    )
    response = page.request.get(site + href)
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.body())
    entries = feed.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 20
    assert all(e.find(f"{ATOM}link").get("href").startswith(site + "/doc/") for e in entries)


def test_the_copy_button_copies_the_reference(site, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + "/search?q=cai+cach")
    page.locator(".hits .hit-title a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert not page.locator("#citation_text").is_visible()  # folded under its heading
    page.locator(".citation summary").click()
    reference = page.locator("#citation_text").input_value()
    assert reference.endswith(page.url.split("?")[0])
    button = page.locator("button[data-copy=citation_text]")
    assert button.is_visible()  # shown by its script
    button.click()
    assert button.inner_text() == "Đã sao chép"
    assert page.evaluate("navigator.clipboard.readText()") == reference
