"""Where the labelled texts are, and how to get them back on a new machine.

Page texts live in ``<cache>/metadata/texts/<id>.txt`` (outside the repository). Each is
the start of a public page as a stored copy of it held it when it was labelled; its length
and sha256 in labels.yaml pin that version. vietnews articles are read from the corpus
archive the other benchmarks use.

To rebuild the page texts where the web can be reached:

    .venv/bin/python -m bench.metadata.texts fetch [--cache DIR]

downloads each page, keeps its main text (trafilatura when installed, else the page's text
without markup), cuts it to the labelled length and keeps it only when its sha256 still
matches: a page that changed since it was labelled is reported, not scored against labels
that were made on other words.
"""

from __future__ import annotations

import argparse
import hashlib
import html.parser
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.arguments import add_corpus_arguments
from bench.metadata.labels import VIETNEWS_PREFIX, Label, load_labels
from bench.relevance.corpus import link_or_copy, open_corpus

FETCH_TIMEOUT_S = 20


def pages_dir(cache: Path) -> Path:
    return cache / "metadata" / "texts"


@dataclass(frozen=True)
class Texts:
    """Every labelled document found, as a file; and why each other one is not scored."""

    files: dict[str, Path]  # label id → the text file
    missing: dict[str, str]  # label id → reason


def vietnews_root(corpus: Path, cache: Path) -> Path | None:
    """The folder of the vietnews corpus (unpacked into the cache from its archive), or
    None when there is none here."""
    try:
        return open_corpus(corpus, cache).root
    except FileNotFoundError:
        return None


def locate(labels: list[Label], cache: Path, corpus: Path) -> Texts:
    files, missing = {}, {}
    root = None
    for label in labels:
        if label.is_page:
            path = pages_dir(cache) / f"{label.id}.txt"
            reason = _page_problem(label, path)
        else:
            root = root or vietnews_root(corpus, cache) or Path(corpus)
            path = root / (label.id.removeprefix(VIETNEWS_PREFIX) + ".txt")
            reason = None if path.is_file() else f"not in the vietnews corpus ({corpus})"
        if reason:
            missing[label.id] = reason
        else:
            files[label.id] = path
    return Texts(files, missing)


def _page_problem(label: Label, path: Path) -> str | None:
    if not path.is_file():
        return "text not fetched (python -m bench.metadata.texts fetch)"
    if _sha256(path.read_bytes()) != label.sha256:
        return "text differs from the labelled version"
    return None


def copy_as_corpus(texts: Texts, folder: Path) -> dict[str, str]:
    """Link every found text into ``folder`` as a corpus; label id → path in it."""
    paths = {}
    for doc, source in texts.files.items():
        relative = doc.replace(":", "/") + ".txt"  # vn:train/000123 → vn/train/000123.txt
        link_or_copy(source, folder / relative)
        paths[doc] = relative
    return paths


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- rebuilding the page texts ------------------------------------------------------------


def fetch_pages(labels: list[Label], cache: Path) -> dict[str, str]:
    """Download every page text not already here; label id → what happened."""
    outcome = {}
    target = pages_dir(cache)
    target.mkdir(parents=True, exist_ok=True)
    for label in labels:
        if not label.is_page:
            continue
        path = target / f"{label.id}.txt"
        if _page_problem(label, path) is None:
            outcome[label.id] = "present"
            continue
        try:
            text = _main_text(_download(label.url))[: label.chars]
        except (OSError, ValueError) as error:
            outcome[label.id] = f"not fetched: {error}"
            continue
        if _sha256(text.encode("utf-8")) != label.sha256:
            outcome[label.id] = "page changed since it was labelled: not kept"
            continue
        path.write_text(text, encoding="utf-8")
        outcome[label.id] = "fetched"
    return outcome


def _download(url: str) -> str:
    # Addresses with Vietnamese letters are sent percent-encoded, as a browser sends them.
    url = urllib.parse.quote(url, safe=":/?&=%#+,;@~!$'()*[]")
    request = urllib.request.Request(url, headers={"User-Agent": "reform-search-bench"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset, errors="replace")


def _main_text(page: str) -> str:
    try:
        import trafilatura
    except ImportError:
        return _visible_text(page)
    return trafilatura.extract(page, include_comments=False) or ""


class _TextOnly(html.parser.HTMLParser):
    _HIDDEN = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in self._HIDDEN

    def handle_endtag(self, tag):
        self._hidden -= tag in self._HIDDEN and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.lines.append(" ".join(data.split()))


def _visible_text(page: str) -> str:
    parser = _TextOnly()
    parser.feed(page)
    return "\n".join(parser.lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["fetch", "status"])
    add_corpus_arguments(parser)
    args = parser.parse_args(argv)
    labels = load_labels()
    if args.command == "fetch":
        outcome = fetch_pages(labels, args.cache)
    else:
        outcome = locate(labels, args.cache, args.corpus).missing
    for doc, what in sorted(outcome.items()):
        print(f"{doc}: {what}")
    counts: dict[str, int] = {}
    for what in outcome.values():
        counts[what] = counts.get(what, 0) + 1
    print(", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "all present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
