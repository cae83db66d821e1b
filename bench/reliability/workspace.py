"""The folders a run works in, all in the cache (outside the repository).

The rounds and kills change files and indexes, so each scenario gets its own folder of
hard links to the corpus and its own copy of an index built once from it: the corpus is
never written to, and one scenario's leftovers never reach the next. The built index is
kept in the cache, named after the corpus and the indexer's source, and reused while
neither changes.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from bench.relevance.corpus import Corpus, link_or_copy
from bench.reliability import indexrun

INDEXER_SOURCES = Path(__file__).resolve().parents[2] / "indexer"


class Workspace:
    def __init__(self, corpus: Corpus, cache: Path, run_id: int):
        self.corpus = corpus
        self.root = cache / "reliability" / f"run-{run_id}"
        self.base_index = cache / "reliability" / f"index-{_key(corpus.key)[:16]}"

    def __enter__(self) -> Workspace:
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def ensure_index(self, log) -> float | None:
        """Build the base index unless the cache has it; the build's seconds, or None."""
        if self.base_index.is_dir():
            return None
        staging = self.base_index.with_name(self.base_index.name + ".building")
        shutil.rmtree(staging, ignore_errors=True)
        log(f"building the index of {len(self.corpus.paths):,} documents (once; cached)")
        built = indexrun.run(self.corpus.root, staging, timeout=6 * 3600)
        if not built.ok:
            raise RuntimeError(f"the first build failed:\n{built.stderr[-2000:]}")
        staging.rename(self.base_index)
        return built.seconds

    def scenario(self, name: str) -> tuple[Path, Path]:
        """A fresh corpus folder of links and a copy of the base index, for one scenario."""
        folder = self.root / name
        corpus, index = folder / "corpus", folder / "index"
        for path in self.corpus.paths:
            link_or_copy(self.corpus.root / path, corpus / path)
        shutil.copytree(self.base_index, index, symlinks=True)
        return corpus, index


def _key(corpus_key: str) -> str:
    """The corpus and the indexer's source files: either changed, the index is rebuilt."""
    digest = hashlib.sha256(corpus_key.encode())
    for source in sorted(INDEXER_SOURCES.rglob("*")):
        if source.is_file() and source.suffix in (".py", ".yaml"):
            digest.update(source.relative_to(INDEXER_SOURCES).as_posix().encode() + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()
