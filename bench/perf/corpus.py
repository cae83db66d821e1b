"""The benchmark's working copy of the corpus, optionally grown to N documents.

The benchmark changes files (to time an incremental run), so it never works in the
corpus folder it was given: it indexes a folder of hard links in the cache, and changes
a file there by writing a new file over the link (the original is never written).

``--scale N`` adds synthetic documents until there are N: each is a real title and real
paragraphs of the corpus, drawn with a fixed seed, with front matter (year, leaders,
topics) drawn from what the project's metadata extractor finds in a sample of the real
documents. Every synthetic document has a year (drawn from the known years: a real
archive dates its documents); its leaders and topics are those of a random real
document, so the share of documents with none of them follows the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.relevance.corpus import Corpus, link_or_copy
from indexer.corpus import read_document
from indexer.document import CorpusError
from indexer.metadata import metadata_of
from indexer.plaintext import markdown_to_text

GENERATOR_VERSION = "1"  # bump when the synthetic documents below change
SEED = 20_000
METADATA_SAMPLE = 2000  # real documents whose metadata the synthetic ones draw from
MIN_PARAGRAPH_WORDS = 8
SYNTHETIC_FOLDER = "synthetic"
MUTATION_MARK = "perfbenchword"  # + a run-unique suffix: a word no document contains


@dataclass(frozen=True)
class WorkCorpus:
    root: Path  # the folder to index
    source: Path  # the real corpus root the links point to
    paths: tuple[str, ...]  # every document, relative to root
    real: tuple[str, ...]  # those that are real documents (links)
    key: str

    @property
    def synthetic(self) -> int:
        return len(self.paths) - len(self.real)


def work_corpus(corpus: Corpus, cache: Path, scale: int | None = None) -> WorkCorpus:
    """Links to ``corpus`` in the cache, plus synthetic documents up to ``scale``."""
    if scale is not None and scale <= len(corpus.paths):
        raise ValueError(
            f"--scale {scale} is not more than the corpus' {len(corpus.paths)} documents"
        )
    extra = (scale or len(corpus.paths)) - len(corpus.paths)
    key = corpus.key if not extra else _digest(corpus.key, f"scale={scale}", GENERATOR_VERSION)
    root = cache / "perf" / f"work-{key[:16]}"
    if not root.is_dir():
        staging = root.with_name(root.name + ".making")
        shutil.rmtree(staging, ignore_errors=True)
        _link_files(corpus.root, corpus.paths, staging)
        if extra:
            _write_synthetic(corpus, staging, extra)
        staging.rename(root)
    synthetic = sorted(
        path.relative_to(root).as_posix() for path in (root / SYNTHETIC_FOLDER).rglob("*.md")
    )
    work = WorkCorpus(
        root, corpus.root, tuple(sorted([*corpus.paths, *synthetic])), corpus.paths, key
    )
    for path in mutation_targets(work):
        restore(work, path)  # a run interrupted while a file was changed
    return work


# --- Changing one document ---------------------------------------------------------------


def mutation_targets(work: WorkCorpus, count: int = 2) -> list[str]:
    """Real documents the benchmark changes, the same ones every run."""
    return sorted(work.real, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:count]


def mutate(work: WorkCorpus, path: str, word: str) -> None:
    """Add a paragraph holding ``word`` to the document, as an editor would."""
    original = (work.source / path).read_bytes()
    paragraph = f"\n\nĐoạn bổ sung khi sửa văn bản: {word}.\n".encode()
    _replace(work.root / path, original.rstrip(b"\n") + paragraph)


def restore(work: WorkCorpus, path: str) -> None:
    """Put the original back: a hard link again when the file system allows."""
    target, source = work.root / path, work.source / path
    if target.exists() and os.path.samefile(target, source):
        return  # still the link (rename(2) would do nothing and leave the temporary behind)
    temporary = target.with_name(f".{target.name}.restoring")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copy2(source, temporary)
    os.replace(temporary, target)


def _replace(target: Path, content: bytes) -> None:
    # A new file renamed over the link: the linked original is never written to.
    temporary = target.with_name(f".{target.name}.writing")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def _link_files(source: Path, paths: tuple[str, ...], target: Path) -> None:
    for path in paths:
        link_or_copy(source / path, target / path)


# --- Synthetic documents -------------------------------------------------------------------


@dataclass
class _Material:
    titles: list[str]
    paragraphs: list[str]
    lengths: list[int]  # paragraphs per real document
    years: list[int]
    leader_sets: list[list[str]]
    topic_sets: list[list[str]]


def _write_synthetic(corpus: Corpus, target: Path, count: int) -> None:
    material = _material(corpus)
    rng = random.Random(SEED)
    for number in range(count):
        folder = target / SYNTHETIC_FOLDER / f"{number // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(
            rng.choice(material.paragraphs) for _ in range(rng.choice(material.lengths))
        )
        front_matter = {
            "title": rng.choice(material.titles),
            "year": rng.choice(material.years) if material.years else None,
            "leaders": rng.choice(material.leader_sets),
            "topics": rng.choice(material.topic_sets),
        }
        lines = [
            f"{name}: {json.dumps(value, ensure_ascii=False)}"
            for name, value in front_matter.items()
            if value is not None
        ]
        text = "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"
        (folder / f"{number:07d}.md").write_text(text, encoding="utf-8")


def _material(corpus: Corpus) -> _Material:
    """Titles, paragraphs and paragraph counts of every real document; metadata of a sample."""
    sample = set(
        sorted(corpus.paths, key=lambda p: hashlib.sha1(p.encode()).hexdigest())[:METADATA_SAMPLE]
    )
    material = _Material([], [], [], [], [], [])
    for path in corpus.paths:
        try:
            source = read_document(corpus.root, corpus.root / path)
        except (CorpusError, OSError, ValueError):
            continue
        text = markdown_to_text(source.body) if path.lower().endswith(".md") else source.body
        paragraphs = [p.strip() for p in text.split("\n") if len(p.split()) >= MIN_PARAGRAPH_WORDS]
        if not paragraphs:
            continue
        material.titles.append(source.title or paragraphs[0][:80])
        material.paragraphs.extend(paragraphs)
        material.lengths.append(len(paragraphs))
        if path in sample:
            meta = metadata_of(source, text)
            if meta.year is not None:
                material.years.append(meta.year)
            material.leader_sets.append(list(meta.leaders))
            material.topic_sets.append(list(meta.topics))
    if not material.paragraphs:
        raise ValueError("no paragraphs of eight words or more to grow the corpus from")
    return material


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
