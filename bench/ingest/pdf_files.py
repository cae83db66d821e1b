"""PDF reports: each article set as an A4 page (pdf_samples.PAGE: headline, paragraphs, a
running header and a page number in the margins) and printed by the system's Chromium, two
at a time. In some of them a table of figures stands among the paragraphs."""

from __future__ import annotations

import html
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.ingest.articles import Article
from bench.ingest.chrome import Chrome
from bench.ingest.pdf_samples import PAGE, PAGE_NUMBERS, RUNNING_HEADER
from bench.ingest.printing import print_to_pdf
from bench.ingest.tables import Table

RUNNING_HEADERS = (
    RUNNING_HEADER,
    "Cổng thông tin điện tử Bộ Nội vụ",
    "UBND TỈNH QUẢNG NAM · Sở Nội vụ",
)
# What each page-number style of pdf_samples.PAGE_NUMBERS prints, as a pattern.
PAGE_NUMBER_PATTERNS = (r"Trang \d+", r"- \d+ -", r"\b\d+/\d+\b")
PRINTERS = 2  # Chromium runs at once: the machine's two cores


def pdf_page(article: Article, rng: random.Random, table: Table | None) -> tuple[str, Chrome]:
    """The page Chromium prints, and its header and page numbers as chrome."""
    chrome = Chrome()
    header = chrome.add("running header", rng.choice(RUNNING_HEADERS))
    style = rng.randrange(len(PAGE_NUMBERS))
    chrome.patterns.append(("page number", PAGE_NUMBER_PATTERNS[style]))
    blocks = [f"<p>{html.escape(paragraph)}</p>" for paragraph in article.paragraphs]
    if table is not None:
        blocks.insert(table.after, _table(table))
    page = PAGE.format(
        title=html.escape(article.title),
        header=html.escape(header),
        number=PAGE_NUMBERS[style],
        body="\n".join(blocks),
    )
    return page, chrome


def _table(table: Table) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>\n"
        for row in table.rows
    )
    return f"<table>\n{rows}</table>"


def print_all(chromium: str, jobs: list[tuple[str, Path]]) -> None:
    """Print every (page, pdf path), PRINTERS at a time."""
    with ThreadPoolExecutor(PRINTERS) as pool:
        for _ in pool.map(lambda job: print_to_pdf(chromium, *job), jobs):
            pass
