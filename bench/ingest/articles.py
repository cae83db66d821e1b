"""The benchmark's articles: a seeded sample of vietnews articles, each a headline and its
paragraphs, read from the files as they are (not through the indexer: the source is what
the indexer's reading is measured against)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bench.relevance.corpus import Corpus, doc_id


@dataclass(frozen=True)
class Article:
    id: str  # the corpus id, "train/000123"
    title: str
    paragraphs: tuple[str, ...]  # the lead first

    @property
    def text(self) -> str:
        """The reference every extraction is compared with: headline, then paragraphs."""
        return "\n".join((self.title, *self.paragraphs))


def parse_article(article_id: str, text: str) -> Article | None:
    """An article from a vietnews file's text (first line the headline, then a paragraph a
    line); None when it has no headline and body."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return None
    return Article(article_id, lines[0], tuple(lines[1:]))


def read_article(root: Path, path: str) -> Article | None:
    return parse_article(doc_id(path), (root / path).read_text(encoding="utf-8"))


def sample_articles(corpus: Corpus, size: int, seed: int) -> list[Article]:
    """``size`` articles drawn with ``seed``, in the order drawn; files that hold no
    headline and body are passed over."""
    order = list(corpus.paths)
    random.Random(seed).shuffle(order)
    chosen: list[Article] = []
    for path in order:
        article = read_article(corpus.root, path)
        if article is not None:
            chosen.append(article)
        if len(chosen) == size:
            break
    return chosen


def other_headlines(corpus: Corpus, count: int, seed: int, exclude: set[str]) -> list[str]:
    """Headlines of articles outside the sample, for the related-news lists of the pages."""
    order = list(corpus.paths)
    random.Random(seed + 1).shuffle(order)
    titles: list[str] = []
    for path in order:
        if doc_id(path) in exclude:
            continue
        article = read_article(corpus.root, path)
        if article is not None:
            titles.append(article.title)
        if len(titles) == count:
            break
    return titles
