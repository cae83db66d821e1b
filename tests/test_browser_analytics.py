"""Trends and the period comparison in a real browser (Debian's Chromium under Playwright),
served from a thread over the hand-counted corpus of ``analytics_corpus``. Without
Chromium or Playwright these tests skip, except with CI=true."""

from __future__ import annotations

import re

import pytest
from analytics_corpus import DIGITAL, DOCUMENTS, ONE_STOP
from browser_support import ThreadedServer, chromium_or_skip, launch_chromium
from conftest import index_of

from search_app import create_app

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    executable = chromium_or_skip()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(browser, tmp_path_factory):
    index = index_of(tmp_path_factory, DOCUMENTS, "browser-trends")
    with ThreadedServer(create_app({"REFORM_SEARCH_INDEX": str(index)})) as server:
        yield server.origin


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def page(browser, request):
    context = browser.new_context(viewport={"width": request.param, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_results_chart_renders_and_a_bar_filters_its_year(site, page):
    page.goto(f"{site}/search?q={DIGITAL}")
    chart = page.locator(".search-trend svg[role=img]")
    assert chart.bounding_box()["height"] > 100
    assert (
        chart.bounding_box()["width"] <= page.viewport_size["width"]
        or page.locator(".search-trend .chart-scroll").bounding_box()["width"]
        <= page.viewport_size["width"]
    )
    bar = page.locator('.search-trend a.mark:has(rect[data-year="2021"])')
    label = bar.get_attribute("aria-label")
    count = int(re.search(r": (\d+) tài liệu", label)[1])
    assert count == 2
    bar.click()
    page.wait_for_url(re.compile(r"[?&]year=2021"))
    assert page.locator(".chips .chip").inner_text().startswith("Năm: 2021")
    total = int(re.search(r"trong (\d+)", page.locator(".summary").inner_text())[1])
    assert total == count
    assert page.locator(".hits .hit").count() == count


def test_the_page_never_scrolls_sideways(site, page):
    for path in (
        f"/search?q={ONE_STOP}",
        f"/trends?q={ONE_STOP}&q={DIGITAL}",
        f"/compare?q={ONE_STOP}",
    ):
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], path


def test_the_trends_page_draws_two_curves_with_a_legend(site, page):
    page.goto(f"{site}/trends?q={ONE_STOP}&q={DIGITAL}")
    assert page.locator("svg.chart-line polyline").count() >= 2
    assert page.locator("svg.chart-line .legend text").all_text_contents() == [
        f"“{ONE_STOP}”",
        f"“{DIGITAL}”",
    ]
    page.get_by_role("link", name="Số tài liệu").click()
    page.wait_for_url(re.compile(r"measure=count"))
    assert page.locator(".measure a[aria-current=true]").inner_text() == "Số tài liệu"


def test_compare_shows_both_periods_and_opens_a_document(site, page):
    page.goto(f"{site}/compare?q={ONE_STOP}")
    assert page.locator(".compare-side h2").all_inner_texts() == ["2011–2020", "2021–2030"]
    assert page.locator(".compare-count").all_inner_texts() == [
        "3 tài liệu khớp",
        "1 tài liệu khớp",
    ]
    first = page.locator(".compare-hits a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("#doc-title").inner_text() == title
