"""The benchmark's folder: the same sampled articles as a web page, a PDF, a Word file and
text in each encoding, with a few bad files of each type, kept in the cache (never in the
repository). Each type's sub-folder is made once, when it is missing, and has a manifest:
for every file its source article, the text it should give, and the chrome it holds.

    <cache>/ingest/<key>/html/0001-train-000123.html
                        /html/bad-empty.html
                        /html/manifest.json
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.ingest.articles import Article
from bench.ingest.bad_files import bad_files
from bench.ingest.chrome import Chrome
from bench.ingest.pages import make_page
from bench.ingest.pdf_files import pdf_page, print_all
from bench.ingest.printing import find_chromium
from bench.ingest.tables import Table, a_table, with_table

# Part of the folder's key: a change to how files are made must make them anew.
GENERATOR_VERSION = 1
TABLE_SHARE = 0.25  # of the pages, PDFs and Word files that carry a table of figures
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class FileType:
    name: str
    suffix: str
    # Why the type cannot be made or read here, or None: checked before anything is made.
    unavailable: Callable[[], str | None]


def _missing_module(module: str, what: str) -> Callable[[], str | None]:
    def check() -> str | None:
        if importlib.util.find_spec(module) is None:
            return f"not available yet: no {what} ({module})"
        return None

    return check


def _pdf_unavailable() -> str | None:
    if find_chromium() is None:
        return "no chromium on this machine to print the PDFs"
    return _missing_module("indexer.formats.pdf_file", "PDF extractor")()


def _docx_unavailable() -> str | None:
    if importlib.util.find_spec("docx") is None:
        return "python-docx is not installed (pip install -e .)"
    return _missing_module("indexer.formats.word_file", "Word extractor")()


def _legacy_unavailable() -> str | None:
    from bench.ingest.legacy_files import encoder_problem

    return encoder_problem()


TYPES = {
    "html": FileType("html", ".html", lambda: None),
    "pdf": FileType("pdf", ".pdf", _pdf_unavailable),
    "docx": FileType("docx", ".docx", _docx_unavailable),
    "tcvn3": FileType("tcvn3", ".txt", _legacy_unavailable),
    "vni": FileType("vni", ".txt", _legacy_unavailable),
    "utf8": FileType("utf8", ".txt", lambda: None),
}


def folder_key(corpus_key: str, per_type: int, seed: int) -> str:
    text = f"{corpus_key}\n{per_type}\n{seed}\n{GENERATOR_VERSION}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def ensure_type(
    root: Path, kind: FileType, articles: list[Article], headlines: list[str], seed: int
) -> dict:
    """The manifest of ``kind``'s sub-folder, made first when it is missing."""
    folder = root / kind.name
    if not (folder / MANIFEST).is_file():
        staging = root / f"{kind.name}.making"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        manifest = _make(kind, staging, articles, headlines, seed)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)  # only a complete sub-folder is ever read
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _make(
    kind: FileType, folder: Path, articles: list[Article], headlines: list[str], seed: int
) -> dict:
    files, prints = [], []
    for number, article in enumerate(articles, start=1):
        rng = random.Random(f"{seed}:{kind.name}:{article.id}")
        table = _maybe_table(kind, rng, article)
        name = f"{number:04d}-{article.id.replace('/', '-')}{kind.suffix}"
        entry = {"file": f"{kind.name}/{name}", "article": article.id, "table": table is not None}
        content, chrome, layout, expected = _content(kind, article, rng, headlines, table)
        if kind.name == "pdf":
            prints.append((content, folder / name))
        else:
            (folder / name).write_bytes(content)
        files.append({**entry, "layout": layout, "expected": expected, "chrome": chrome.as_data()})
    if prints:
        print_all(find_chromium(), prints)
    good = (folder / Path(files[0]["file"]).name).read_bytes()
    bad = []
    for name, raw, what in bad_files(kind.suffix, good, seed):
        (folder / name).write_bytes(raw)
        bad.append({"file": f"{kind.name}/{name}", "what": what})
    return {"type": kind.name, "files": files, "bad": bad}


def _maybe_table(kind: FileType, rng: random.Random, article: Article) -> Table | None:
    if kind.name in ("html", "pdf", "docx") and rng.random() < TABLE_SHARE:
        return a_table(rng, len(article.paragraphs))
    return None


def _content(kind, article, rng, headlines, table) -> tuple[bytes | str, Chrome, str, str]:
    """The file's bytes (a PDF: the page to print), its chrome, its layout's name and the
    text it should give."""
    expected = with_table(article.title, article.paragraphs, table)
    if kind.name == "html":
        page = make_page(article, rng, headlines, table)
        return page.html.encode("utf-8"), page.chrome, page.layout, expected
    if kind.name == "pdf":
        page, chrome = pdf_page(article, rng, table)
        return page, chrome, "report", expected
    if kind.name == "docx":
        from bench.ingest.word_files import make_docx

        raw, chrome = make_docx(article, rng, table)
        return raw, chrome, "report", expected
    text = plain_text(article)
    if kind.name == "utf8":
        return text.encode("utf-8"), Chrome(), "text", expected
    from bench.ingest.legacy_files import encode

    raw, kept = encode(text, kind.name)
    return raw, Chrome(), "text", kept


def plain_text(article: Article) -> str:
    """A text file as the corpus holds them: headline, blank line, lead, blank line, body."""
    lead, *body = article.paragraphs
    return f"{article.title}\n\n{lead}\n\n" + "\n".join(body) + "\n"
