"""PDF reports made from real Vietnamese articles, with the text each one prints.

Each article becomes an A4 page set the way a report is: headline, paragraphs (or a
numbered table of them), a running header and a page number in the page margins. Chromium
prints it; the printed PDFs are kept in the cache, named by a digest of their HTML.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bench.ingest.printing import print_to_pdf

RUNNING_HEADER = "BÁO CÁO TỔNG HỢP · Cải cách hành chính nhà nước"
# The page-number styles Vietnamese reports use, one per article in turn (CSS content).
PAGE_NUMBERS = (
    '"Trang " counter(page)',
    '"- " counter(page) " -"',
    'counter(page) "/" counter(pages)',
)
TABLE_EVERY = 4  # every fourth article is set as a table: STT | Nội dung

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{header}"; font-size: 9pt; }}
  @bottom-center {{ content: {number}; font-size: 9pt; }} }}
body {{ font-family: "DejaVu Serif", serif; font-size: 12pt; line-height: 1.4; }}
p {{ text-align: justify; }}
table {{ border-collapse: collapse; width: 100%; }}
td {{ border: 1px solid #444; padding: 4px; vertical-align: top; }}
</style></head><body>
<h1>{title}</h1>
{body}
</body></html>
"""


@dataclass(frozen=True)
class Article:
    name: str
    headline: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Sample:
    """One printed PDF and the text a reader sees on it, without header and page numbers."""

    name: str
    pdf: Path
    text: str
    title: str
    layout: str  # "prose" or "table"


def read_article(path: Path) -> Article:
    """A vietnews article: the headline on the first line, one paragraph per line after it."""
    lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [unicodedata.normalize("NFC", line) for line in lines if line]
    return Article(path.stem, lines[0], tuple(lines[1:]))


def make_samples(articles: list[Article], folder: Path, chromium: str) -> list[Sample]:
    """Print each article (once: a PDF already in ``folder`` is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for number, article in enumerate(articles):
        layout = "table" if number % TABLE_EVERY == TABLE_EVERY - 1 else "prose"
        page = _page(article, layout, PAGE_NUMBERS[number % len(PAGE_NUMBERS)])
        pdf = folder / f"{article.name}-{hashlib.sha256(page.encode()).hexdigest()[:12]}.pdf"
        if not pdf.is_file():
            print_to_pdf(chromium, page, pdf)
        samples.append(
            Sample(article.name, pdf, _printed_text(article, layout), article.headline, layout)
        )
    return samples


def _page(article: Article, layout: str, number: str) -> str:
    if layout == "table":
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(p)}</td></tr>\n"
            for i, p in enumerate(article.paragraphs, start=1)
        )
        body = f"<table>\n<tr><td>STT</td><td>Nội dung</td></tr>\n{rows}</table>"
    else:
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    return PAGE.format(
        title=html.escape(article.headline), header=RUNNING_HEADER, number=number, body=body
    )


def _printed_text(article: Article, layout: str) -> str:
    if layout == "table":
        rows = [f"{i} {p}" for i, p in enumerate(article.paragraphs, start=1)]
        return "\n\n".join([article.headline, "STT Nội dung", *rows])
    return "\n\n".join([article.headline, *article.paragraphs])
