"""Take the README's screenshots, 1280×900: the search page (results and facets), the
trend chart of two queries and the period comparison.

    .venv/bin/python docs/screenshot.py [--index DIR] [--pages search trends compare]
        [--query TEXT] [--phone DIR]

Serves the app from a thread over ``--index`` (default: a fresh index of ``corpus/`` in a
temporary folder) and photographs it with the system's headless Chromium, as the browser
tests do. ``--phone DIR`` also saves 390 px wide views there for checking the narrow layout.
The trend and comparison pictures want an index of many dated documents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from browser_support import ThreadedServer, find_chromium, launch_chromium  # noqa: E402

DOCS = REPO / "docs"
QUERY = "cai cach thu tuc hanh chinh"
# Two reform themes whose weight moved between the programme periods.
TREND_QUERIES = ["một cửa", "chuyển đổi số"]
COMPARE_QUERY = "thủ tục hành chính"


@dataclass(frozen=True)
class Shot:
    name: str  # the picture is docs/screenshot-<name>.png
    path: str  # the page, with its arguments
    ready: str  # a selector on the page once it is drawn


def shots(query: str) -> dict[str, Shot]:
    return {
        "search": Shot("search", "/search?" + urlencode({"q": query}), ".hits .hit"),
        "trends": Shot("trends", "/trends?" + urlencode({"q": TREND_QUERIES}, True), "svg.chart"),
        "compare": Shot("compare", "/compare?" + urlencode({"q": COMPARE_QUERY}), ".compare-side"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index to serve (default: index corpus/)")
    parser.add_argument("--query", default=QUERY, help=f"query shown (default: {QUERY!r})")
    parser.add_argument(
        "--pages", nargs="+", choices=("search", "trends", "compare"), default=["search"]
    )
    parser.add_argument("--output", type=Path, default=DOCS, help="folder of the PNGs")
    parser.add_argument("--phone", type=Path, help="also save phone-width views in this folder")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("screenshot.py: no chromium found (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        index = args.index or build_index(Path(scratch) / "index")
        shoot(chromium, index, args)
    return 0


def build_index(index: Path) -> Path:
    from indexer.writer import index_corpus

    index_corpus(REPO / "corpus", index)
    return index


def shoot(chromium: str, index: Path, args) -> None:
    from playwright.sync_api import sync_playwright

    from search_app import create_app

    app = create_app({"REFORM_SEARCH_INDEX": str(index)})
    app.extensions["reform_search"].warm_up()  # as `serve` does: the picture shows a warm server
    with ThreadedServer(app) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        for name in args.pages:
            shot = shots(args.query)[name]
            views = [(args.output, {"width": 1280, "height": 900})]
            if args.phone:
                views.append((args.phone, {"width": 390, "height": 844}))
            for folder, viewport in views:
                path = folder / f"screenshot-{shot.name}.png"
                take(browser, server.origin + shot.path, shot.ready, viewport, path)
        browser.close()


def take(browser, url: str, ready: str, viewport: dict, path: Path) -> None:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.goto(url)
    page.locator(ready).first.wait_for()
    page.evaluate("document.activeElement.blur()")  # no focus ring in the picture
    page.screenshot(path=str(path))
    context.close()
    print(f"saved {path}")


if __name__ == "__main__":
    sys.exit(main())
