"""Read every file of the folder as the indexer does and score what it gives.

Per file: the title and body of ``indexer.corpus.read_document`` (a Markdown body made
plain as the writer makes it), compared with the article's text on whitespace-normalised
NFC text; table cell separators ("|") count as spaces, since each extractor marks cells its
own way. The character error rate is the edit distance over the source's length. Bad files
must be skipped, each with a reason.
"""

from __future__ import annotations

import difflib
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.ingest.chrome import leaked, words_of
from bench.ingest.text_compare import normalise
from indexer.corpus import read_document
from indexer.document import CorpusError
from indexer.plaintext import markdown_to_text

try:  # the bench extra's: thousands of times faster than text_compare's numpy program
    from rapidfuzz.distance import Levenshtein

    def edit_distance(a: str, b: str) -> int:
        return Levenshtein.distance(a, b)

except ImportError:  # the tests run without the bench extra, on short texts
    from bench.ingest.text_compare import edit_distance

CER_TARGET = 0.005
PASSES = 3  # read passes timed; the median counts


@dataclass
class FileScore:
    file: str
    article: str
    layout: str
    source_chars: int
    edits: int
    chrome: list[tuple[str, str, int]]  # (kind, phrase, extra times) that reached the text
    title_twice: bool = False  # the body starts with the headline the title already holds
    # Both texts as compared, for the examples of the worst files; not in the JSON report.
    source: str = field(default="", repr=False)
    extracted: str = field(default="", repr=False)

    @property
    def cer(self) -> float:
        return self.edits / max(1, self.source_chars)


@dataclass
class TypeScore:
    type: str
    files: int = 0
    read: int = 0
    seconds: list[float] = field(default_factory=list)  # each pass over the good files
    scores: list[FileScore] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason → good files skipped
    bad: list[dict] = field(default_factory=list)  # each bad file: what, skipped?, reason
    unavailable: str | None = None

    @property
    def files_per_second(self) -> float | None:
        return self.files / statistics.median(self.seconds) if self.seconds else None

    @property
    def cer(self) -> float | None:
        chars = sum(s.source_chars for s in self.scores)
        return sum(s.edits for s in self.scores) / chars if chars else None

    @property
    def chrome_words(self) -> int:
        return sum(words_of(s.chrome) for s in self.scores)

    @property
    def files_with_chrome(self) -> int:
        return sum(bool(s.chrome) for s in self.scores)

    @property
    def titles_twice(self) -> int:
        return sum(s.title_twice for s in self.scores)

    def over(self, bound: float = CER_TARGET) -> int:
        return sum(s.cer > bound for s in self.scores)


def comparable(text: str) -> str:
    return normalise(text.replace("|", " "))


def read_as_indexed(root: Path, relative: str) -> str:
    """The text the indexer indexes for a file: title, then body; CorpusError when skipped."""
    source = read_document(root, root / relative)
    body = markdown_to_text(source.body) if relative.lower().endswith(".md") else source.body
    return f"{source.title or ''}\n{body}"


def score_type(root: Path, manifest: dict, passes: int = PASSES) -> TypeScore:
    result = TypeScore(manifest["type"], files=len(manifest["files"]))
    texts: dict[str, str] = {}
    for number in range(passes):
        started = time.perf_counter()
        for entry in manifest["files"]:
            try:
                text = read_as_indexed(root, entry["file"])
            except CorpusError as error:
                if number == 0:
                    result.skipped[str(error)] += 1
                continue
            if number == 0:
                texts[entry["file"]] = text
        result.seconds.append(time.perf_counter() - started)
    for entry in manifest["files"]:
        if entry["file"] in texts:
            result.scores.append(score_file(entry, texts[entry["file"]]))
    result.read = len(result.scores)
    result.bad = [_bad_outcome(root, entry) for entry in manifest["bad"]]
    return result


def score_file(entry: dict, extracted: str) -> FileScore:
    source, got = comparable(entry["expected"]), comparable(extracted)
    title = comparable(entry["expected"].split("\n", 1)[0])
    return FileScore(
        file=entry["file"],
        article=entry["article"],
        layout=entry.get("layout", ""),
        source_chars=len(source),
        edits=edit_distance(source, got),
        chrome=leaked(got, source, entry["chrome"]),
        title_twice=got.startswith(f"{title} {title}")
        and not source.startswith(f"{title} {title}"),
        source=source,
        extracted=got,
    )


def differences(score: FileScore, count: int = 3, context: int = 4) -> list[str]:
    """The first ``count`` places where the extraction differs from the source, word by
    word: "…context [source words → extracted words] context…"."""
    source, extracted = score.source.split(), score.extracted.split()
    matcher = difflib.SequenceMatcher(None, source, extracted, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(source[max(0, i1 - context) : i1])
        after = " ".join(source[i2 : i2 + context])
        removed, added = _clip(source[i1:i2]), _clip(extracted[j1:j2])
        found.append(f"…{before} [{removed} → {added}] {after}…")
        if len(found) == count:
            break
    return found


def _clip(words: list[str], most: int = 12) -> str:
    if len(words) <= most:
        return " ".join(words) or "∅"
    return " ".join(words[: most // 2]) + f" …({len(words)} words)… " + " ".join(words[-3:])


def _bad_outcome(root: Path, entry: dict) -> dict:
    try:
        text = read_as_indexed(root, entry["file"])
    except CorpusError as error:
        return {**entry, "skipped": True, "reason": str(error)}
    return {**entry, "skipped": False, "reason": f"read: {len(comparable(text))} characters"}
