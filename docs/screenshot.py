"""Take the README's screenshot of the search page: results and facets, 1280×900.

    .venv/bin/python docs/screenshot.py [--index DIR] [--query TEXT] [--phone PATH]

Serves the app from a thread over ``--index`` (default: a fresh index of ``corpus/`` in a
temporary folder) and photographs it with the system's headless Chromium, as the browser
tests do. ``--phone PATH`` also saves a 390 px wide view for checking the narrow layout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from browser_support import ThreadedServer, find_chromium, launch_chromium  # noqa: E402

OUTPUT = REPO / "docs" / "screenshot-search.png"
QUERY = "cai cach thu tuc hanh chinh"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index to serve (default: index corpus/)")
    parser.add_argument("--query", default=QUERY, help=f"query shown (default: {QUERY!r})")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to save the PNG")
    parser.add_argument("--phone", type=Path, help="also save a phone-width view here")
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
        url = f"{server.origin}/search?{urlencode({'q': args.query})}"
        views = [(args.output, {"width": 1280, "height": 900})]
        if args.phone:
            views.append((args.phone, {"width": 390, "height": 844}))
        for path, viewport in views:
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            page.goto(url)
            page.locator(".hits .hit").first.wait_for()
            page.evaluate("document.activeElement.blur()")  # no focus ring in the picture
            page.screenshot(path=str(path))
            context.close()
            print(f"saved {path}")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
