"""Content hashes remembered with each file's stat, so that an unchanged file is not read.

At 100,000 files a no-change re-index spent most of its time hashing files it had hashed
before. A file whose size, modification time, change time and inode (and its sidecar's)
are what they were when it was hashed is taken to hold the same bytes, as ``git status``
and ``rsync`` take it; ``reform-search index --verify`` hashes every file anyway.

A file changed in the very moment it was hashed could change again within the same clock
tick and keep its stat (git's "racy" files): a hash is remembered only for a file last
changed well before its hashing began, so such a file is hashed again next time.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

HASHES_FILE = "known-hashes.json"
FORMAT = 1
# A file changed less than this before the scan began is hashed again next time: clocks
# tick coarsely on some file systems (2 s on FAT, 1 s on ext3).
RACY_NS = 3_000_000_000

Stamp = tuple[int, ...]


def stamp_of(path: str) -> Stamp | None:
    """(size, modified ns, changed ns, inode) of a file, its link followed; None if unreadable."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class KnownHashes:
    """The hashes of the last scan by stat, and the ones this scan makes, saved for the next."""

    def __init__(self, known: dict[str, tuple[Stamp, str]], verify: bool = False):
        self._known = {} if verify else known
        self._seen: dict[str, tuple[Stamp, str]] = {}
        self._started_ns = time.time_ns()
        self.hashed = 0  # files read this scan (for the report and the benchmark)

    @classmethod
    def load(cls, index_dir: Path, verify: bool = False) -> KnownHashes:
        """The hashes saved in ``index_dir``; none when the file is missing or unreadable."""
        try:
            state = json.loads((Path(index_dir) / HASHES_FILE).read_text("utf-8"))
            if state["format"] != FORMAT:
                return cls({}, verify)
            known = {path: (tuple(stamp), digest) for path, stamp, digest in state["files"]}
        except (OSError, ValueError, KeyError, TypeError):
            return cls({}, verify)
        return cls(known, verify)

    def hash_of(self, root: Path, relative: str, sidecar: str | None, compute: Callable[[], str]):
        """The content hash of ``relative``: remembered when its stat (and ``sidecar``'s,
        if it has one) is unchanged, else ``compute()``d and remembered."""
        stamp = self._stamp(root, relative, sidecar)
        known = self._known.get(relative)
        if stamp is not None and known is not None and known[0] == stamp:
            self._seen[relative] = known
            return known[1]
        self.hashed += 1
        digest = compute()
        if stamp is not None and digest and self._settled(stamp):
            self._seen[relative] = (stamp, digest)
        return digest

    def save(self, index_dir: Path) -> None:
        """Write this scan's hashes atomically (a new file renamed over the old one)."""
        files = [[path, list(stamp), digest] for path, (stamp, digest) in self._seen.items()]
        temporary = Path(index_dir) / f".{HASHES_FILE}.{os.getpid()}"
        temporary.write_text(json.dumps({"format": FORMAT, "files": files}), "utf-8")
        os.replace(temporary, Path(index_dir) / HASHES_FILE)

    def _stamp(self, root: Path, relative: str, sidecar: str | None) -> Stamp | None:
        stamp = stamp_of(os.path.join(root, relative))
        if stamp is None or sidecar is None:
            return stamp
        sidecar_stamp = stamp_of(os.path.join(root, sidecar))
        return None if sidecar_stamp is None else stamp + sidecar_stamp

    def _settled(self, stamp: Stamp) -> bool:
        """Whether every file of ``stamp`` last changed well before this scan began."""
        times = [t for i, t in enumerate(stamp) if i % 4 in (1, 2)]
        return all(t < self._started_ns - RACY_NS for t in times)
