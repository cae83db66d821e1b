"""Which PDF library reads Vietnamese reports best: pypdf, pdfminer.six or pypdfium2.

    PYTHONPATH=. .venv/bin/python -m bench.ingest.pdf_libraries [--articles 36] [--runs 3]
        [--corpus PATH] [--cache DIR]

Run from the repository root, with the system's Chromium installed. Real vietnews articles
are printed to PDF (see bench.ingest.pdf_samples) and read back by each library as it comes
(page texts joined), then by the project's extractor (indexer.formats.pdf_file), which adds
paragraphs and drops the running header and page numbers on its own. One table: character
error rate, spaces lost (glued words) and added (split words) per 1,000 words, the share of
words in their printed order, the share of paragraphs found whole (a blank line around them)
and pages read per second (median of the runs).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.arguments import add_corpus_arguments, positive
from bench.ingest.pdf_samples import RUNNING_HEADER, Sample, make_samples, read_article
from bench.ingest.printing import find_chromium
from bench.ingest.text_compare import Comparison, compare, normalise
from bench.perf.stats import format_table
from bench.relevance.corpus import open_corpus
from indexer.formats import Limits
from indexer.formats.pdf_file import extract_pdf

# Long enough to fill a page at 12 pt: most samples then run over two pages or more.
MIN_ARTICLE_CHARS = 2500
MARGIN_LINES = 2  # a page's first and last lines where its header and number may be read
_PAGE_NUMBER = re.compile(r"(Trang )?\d+|- \d+ -|\d+/\d+")


def read_pypdf(raw: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages]


def read_pdfminer(raw: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(raw)).split("\f")


def read_pypdfium2(raw: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


def read_project(raw: bytes) -> list[str]:
    return [extract_pdf(raw, Limits()).text]


READERS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": read_pypdf,
    "pdfminer.six": read_pdfminer,
    "pypdfium2": read_pypdfium2,
    "extract_pdf (project)": read_project,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("no chromium on this machine: the samples cannot be printed", file=sys.stderr)
        return 2
    # pdfminer and pypdf log every odd font at WARNING; the figures are the point here.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    corpus = open_corpus(args.corpus, args.cache)
    articles = _choose_articles(corpus.root, corpus.paths, args.articles)
    samples = make_samples(articles, args.cache / "pdf-samples", chromium)
    raws = {sample.name: sample.pdf.read_bytes() for sample in samples}
    pages = {sample.name: _page_count(raws[sample.name]) for sample in samples}
    print(_describe(samples, pages))
    rows = [
        _row(name, read, samples, raws, sum(pages.values()), args.runs)
        for name, read in READERS.items()
    ]
    header = [
        "library",
        "CER %",
        "CER tables %",
        "glued /1k w",
        "split /1k w",
        "in order %",
        "paragraphs %",
        "pages/s",
    ]
    print(format_table(header, rows))
    titles = sum(extract_pdf(raws[s.name], Limits()).title == s.title for s in samples)
    print(f"\nextract_pdf titles equal to the printed headline: {titles}/{len(samples)}")
    return 0


def _choose_articles(root: Path, paths: tuple[str, ...], count: int):
    """A fixed sample: the articles whose path hashes lowest, among the long ones."""
    chosen = []
    for path in sorted(paths, key=lambda p: hashlib.sha1(p.encode()).hexdigest()):
        article = read_article(root / path)
        if sum(len(p) for p in article.paragraphs) >= MIN_ARTICLE_CHARS:
            chosen.append(article)
        if len(chosen) == count:
            break
    return chosen


def _row(name, read, samples: list[Sample], raws: dict[str, bytes], pages: int, runs: int):
    total = tables = Comparison()
    for sample in samples:
        page_texts = read(raws[sample.name])
        text = page_texts[0] if read is read_project else _without_margins(page_texts)
        figures = compare(sample.text, text)
        total += figures
        if sample.layout == "table":
            tables += figures
    seconds = statistics.median(_timed(read, raws.values()) for _ in range(runs))
    return [
        name,
        f"{100 * total.character_error_rate:.2f}",
        f"{100 * tables.character_error_rate:.2f}",
        f"{total.per_thousand_words(total.changes.glued):.1f}",
        f"{total.per_thousand_words(total.changes.split):.1f}",
        f"{100 * total.in_order_share:.1f}",
        f"{100 * total.paragraph_share:.1f}",
        f"{pages / seconds:.0f}",
    ]


def _without_margins(pages: list[str]) -> str:
    """A library's raw text less the lines this benchmark printed in the margins, looked
    for among each page's first and last lines: the libraries are compared on the page
    body; finding the margins without being told is the extractor's job."""
    header = normalise(RUNNING_HEADER)
    kept = []
    for page in pages:
        lines = page.splitlines()
        for number, line in enumerate(lines):
            near_edge = number < MARGIN_LINES or number >= len(lines) - MARGIN_LINES
            text = normalise(line)
            if not (near_edge and (text == header or _PAGE_NUMBER.fullmatch(text))):
                kept.append(line)
    return "\n".join(kept)


def _timed(read, raws) -> float:
    start = time.perf_counter()
    for raw in raws:
        read(raw)
    return time.perf_counter() - start


def _page_count(raw: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(raw)
    try:
        return len(document)
    finally:
        document.close()


def _describe(samples: list[Sample], pages: dict[str, int]) -> str:
    counts = sorted(pages.values())
    tables = sum(s.layout == "table" for s in samples)
    words = sum(len(s.text.split()) for s in samples)
    return (
        f"{len(samples)} PDFs ({tables} set as tables), {sum(counts)} pages "
        f"({counts[0]}-{counts[-1]} each, {sum(c > 1 for c in counts)} multi-page), "
        f"{words} words\n"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--articles", type=positive, default=36, help="PDFs to print and read")
    parser.add_argument("--runs", type=positive, default=3, help="timed runs per library")
    return parser


if __name__ == "__main__":
    sys.exit(main())
