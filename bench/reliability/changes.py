"""Rounds of corpus changes as an editor makes them: add a file, edit one, delete one.

Each change leaves a unique marker word in the document, so the served app can be asked
whether it shows the change: an added file holds its marker in its title, an edit appends
a paragraph with a new marker, a delete removes a file that holds a marker (then the
marker, and the document's id, must find nothing). Files are replaced by writing a new
file and renaming it over the old one: a hard link to the real corpus is never written to.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

MARK = "relbench"  # + kind + a run-unique number: a word no document contains
ADDED_FOLDER = "reliability-added"
ADDED_TEXT = (
    "Bản tin bổ sung {marker}\n\n"
    "Ủy ban nhân dân tỉnh công bố kết quả rà soát thủ tục hành chính trong quý, "
    "đề nghị các sở, ngành tiếp tục cắt giảm giấy tờ và thời gian giải quyết hồ sơ.\n"
)
EDIT_TEXT = "\n\nĐoạn bổ sung khi sửa văn bản: {marker}.\n"


@dataclass(frozen=True)
class Tracked:
    """A document the rounds changed, and what the served app should show of it."""

    path: str  # relative to the corpus root
    doc_id: str
    identity: str  # a query that finds every version of the document (its title)
    marker: str  # the latest marker: its text must contain it, once
    deleted: bool = False


@dataclass
class Round:
    number: int
    added: list[Tracked] = field(default_factory=list)
    edited: list[Tracked] = field(default_factory=list)
    deleted: list[Tracked] = field(default_factory=list)

    @property
    def changes(self) -> list[Tracked]:
        return [*self.added, *self.edited, *self.deleted]


class Markers:
    """Unique marker words for one run: ``relbench`` + kind + run number + ``x`` + count."""

    def __init__(self, run: int):
        self.run, self.count = run, 0

    def next(self, kind: str) -> str:
        self.count += 1
        return f"{MARK}{kind}{self.run}x{self.count}"


def plan_round(
    number: int,
    originals: list[str],
    live: dict[str, Tracked],
    rng: random.Random,
    markers: Markers,
    identity_of,
    doc_id_of,
    adds: int = 2,
) -> Round:
    """What round ``number`` changes (nothing is written yet).

    ``live``: the documents with a marker that still exist; ``identity_of(path)``: a query
    finding the original document (its title); ``doc_id_of(path)``: the project's id.
    Even rounds edit an original document, odd ones a document of an earlier round; each
    round but the first deletes one document of an earlier round.
    """
    changed = Round(number)
    earlier = sorted(live)
    if earlier:
        gone = live[rng.choice(earlier)]
        changed.deleted.append(replace(gone, deleted=True))
        earlier.remove(gone.path)
    untouched = [path for path in originals if path not in live]
    if number % 2 == 1 and earlier:
        target = live[rng.choice(earlier)]
        changed.edited.append(replace(target, marker=markers.next("e")))
    elif untouched:
        path = rng.choice(untouched)
        changed.edited.append(Tracked(path, doc_id_of(path), identity_of(path), markers.next("e")))
    for _ in range(adds):
        marker = markers.next("a")
        path = f"{ADDED_FOLDER}/{marker}.txt"
        changed.added.append(Tracked(path, doc_id_of(path), marker, marker))
    return changed


def apply_round(root: Path, changed: Round) -> None:
    """Write the round's changes into the corpus folder at ``root``."""
    for doc in changed.added:
        rewrite(root / doc.path, ADDED_TEXT.format(marker=doc.marker).encode())
    for doc in changed.edited:
        original = (root / doc.path).read_bytes().rstrip(b"\n")
        rewrite(root / doc.path, original + EDIT_TEXT.format(marker=doc.marker).encode())
    for doc in changed.deleted:
        (root / doc.path).unlink()


def track(live: dict[str, Tracked], changed: Round) -> None:
    """Update ``live`` (documents with a marker that exist) after the round."""
    for doc in [*changed.added, *changed.edited]:
        live[doc.path] = doc
    for doc in changed.deleted:
        live.pop(doc.path, None)


def rewrite(target: Path, content: bytes) -> None:
    """A new file renamed over ``target``: a hard link's other names keep the old bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.writing")
    temporary.write_bytes(content)
    os.replace(temporary, target)
