"""The benchmark's documents: a corpus archive unpacked once into the cache, or a folder.

A document's id is its path relative to the corpus root without the extension
(``train/000123``): the form the judgments use, stable whatever system indexed it.
Every system reads the documents through the project's corpus reader, so all of them
index the same titles and bodies.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.corpus import iter_corpus, read_document
from indexer.document import CorpusError
from indexer.plaintext import markdown_to_text

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "vietnews-20k.tar.xz"
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")


def default_cache() -> Path:
    """Outside the repository: the corpus text must never land in it."""
    return Path(tempfile.gettempdir()) / "reform-search-bench"


@dataclass(frozen=True)
class Corpus:
    root: Path  # the folder whose .md/.txt files are the documents
    paths: tuple[str, ...]  # POSIX paths relative to root, sorted
    key: str  # digest of the paths and their contents: names the indexes built from it

    @property
    def ids(self) -> set[str]:
        return {doc_id(path) for path in self.paths}


def doc_id(path: str) -> str:
    """``train/000123.txt`` → ``train/000123``."""
    return re.sub(r"\.(md|txt)$", "", path, flags=re.IGNORECASE)


def open_corpus(source: Path, cache: Path) -> Corpus:
    """The corpus in ``source``: a folder of .md/.txt files, or an archive of one."""
    source = Path(source)
    if source.is_dir():
        root = source
    elif source.is_file() and source.name.endswith(ARCHIVE_SUFFIXES):
        root = _unpacked(source, cache)
    else:
        raise FileNotFoundError(f"no corpus folder or archive at {source}")
    paths = tuple(path.relative_to(root).as_posix() for path in iter_corpus(root))
    if not paths:
        raise FileNotFoundError(f"no .md or .txt files in {root}")
    return Corpus(root, paths, _content_key(root, paths))


def limit_corpus(corpus: Corpus, size: int, keep: set[str], cache: Path) -> Corpus:
    """A deterministic subset of ``size`` documents that includes every id in ``keep``.

    The rest are the documents whose path hashes lowest: a fixed, unbiased sample.
    The subset is linked into its own folder in the cache so it can be indexed as is.
    """
    if size >= len(corpus.paths):
        return corpus
    kept = [p for p in corpus.paths if doc_id(p) in keep]
    others = sorted(
        (p for p in corpus.paths if doc_id(p) not in keep),
        key=lambda p: hashlib.sha1(p.encode()).hexdigest(),
    )
    chosen = sorted(kept + others[: max(0, size - len(kept))])
    key = hashlib.sha256((corpus.key + "\n" + "\n".join(chosen)).encode()).hexdigest()
    root = cache / f"subset-{key[:16]}"
    if not root.is_dir():
        _link_files(corpus.root, chosen, root)
    return Corpus(root, tuple(chosen), key)


def read_texts(corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    """(id, title, body) of every readable document, as the project's indexer reads it."""
    for path in corpus.paths:
        try:
            source = read_document(corpus.root, corpus.root / path)
        except (CorpusError, OSError, ValueError):
            continue  # the project's indexer skips it too
        body = markdown_to_text(source.body) if path.lower().endswith(".md") else source.body
        yield doc_id(path), source.title or "", body


def _unpacked(archive: Path, cache: Path) -> Path:
    """Unpack ``archive`` once into the cache; its single top folder is the corpus root."""
    target = cache / f"corpus-{_file_digest(archive)[:16]}"
    if not target.is_dir():
        staging = target.with_name(target.name + ".unpacking")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(archive) as tar:
            tar.extractall(staging, filter="data")
        staging.rename(target)  # only a complete unpack is ever used
    entries = [e for e in target.iterdir() if not e.name.startswith(".")]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else target


def _link_files(source_root: Path, paths: list[str], target: Path) -> None:
    staging = target.with_name(target.name + ".linking")
    shutil.rmtree(staging, ignore_errors=True)
    for path in paths:
        link_or_copy(source_root / path, staging / path)
    staging.rename(target)


def link_or_copy(source: Path, destination: Path) -> None:
    """A hard link to ``source`` (no copy of the corpus), or a copy across file systems."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _content_key(root: Path, paths: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode() + b"\0" + _file_digest(root / path).encode() + b"\n")
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
