"""A corpus folder of hostile entries beside a few good files, built in a given folder.

Each entry is what a real archive folder ends up holding sooner or later: links that
loop, leave the folder or lead nowhere, a FIFO, a folder named like a document, names
that are not UTF-8 or hold a TAB, a folder nobody may read, empty, binary and Latin-1
files, front matter that explodes (a YAML alias bomb) or nests without end, a 4.9 MB
file of one line, and a file over the indexer's size cap. Nothing is read from elsewhere:
every byte is written here.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SIZE_CAP = 5 * 1024 * 1024  # the indexer's default cap on a file's size
BIG_LINE_BYTES = int(4.9 * 1024 * 1024)
NESTING = 5_000
LATIN1_TEXT = "São Paulo, Camões, Bogotá: café, déjà vu, naïve, garçon, señor, Noël, Åland."
OUTSIDE_WORD = "outsidesecretword"

GOOD = {
    "good-1.md": (
        "---\ntitle: Báo cáo cải cách thủ tục hành chính\nyear: 2019\n---\n\n"
        "Năm 2019, tỉnh đã cắt giảm một phần ba số thủ tục hành chính và công bố "
        "kết quả giải quyết hồ sơ trực tuyến cho người dân và doanh nghiệp.\n"
    ),
    "good-2.txt": (
        "Hội nghị tổng kết công tác cải cách hành chính\n\n"
        "Các đại biểu thống nhất tiếp tục tinh giản biên chế, sắp xếp lại bộ máy và "
        "nâng cao chất lượng phục vụ của cán bộ, công chức ở cấp xã.\n"
    ),
    "sub/good-3.md": (
        "# Chính phủ điện tử\n\nCổng dịch vụ công quốc gia đã tiếp nhận hàng triệu hồ sơ "
        "trực tuyến, giúp người dân tiết kiệm thời gian và chi phí đi lại.\n"
    ),
}
# A few hundred bytes: the year is 9**8 strings once the YAML is loaded (shared, until something
# copies or prints them).
ALIAS_BOMB = (
    '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\nyear: *h\n"
    "---\n\nNội dung văn bản sau phần đầu.\n"
)


@dataclass(frozen=True)
class Entry:
    name: str  # relative path; a name that is not UTF-8 holds surrogates (os.fsdecode)
    kind: str  # what is hostile about it
    expected: str  # "indexed", "skipped" or "never indexed"


def build(root: Path, outside: Path, only: str | None = None) -> list[Entry]:
    """Write the corpus into the empty folder ``root``: the good files and every hostile
    entry, or only the one named ``only``. ``outside`` is a folder beside ``root`` (not
    inside it) for the file a link points out to. Returns the entries written."""
    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, text in GOOD.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        entries.append(Entry(name, "good file", "indexed"))
    for entry, make in HOSTILE:
        if only is None or entry.name == only:
            make(root / entry.name, outside)
            entries.append(entry)
    return entries


def _outside_link(path: Path, outside: Path) -> None:
    secret = outside / "secret.txt"
    secret.write_text(f"Không được đọc tệp này {OUTSIDE_WORD}.\n", encoding="utf-8")
    path.symlink_to(secret)


def _locked_folder(path: Path, _outside: Path) -> None:
    path.mkdir()
    (path / "inside.md").write_text(GOOD["sub/good-3.md"], encoding="utf-8")
    path.chmod(0)


def _writer(data: bytes | Callable[[], bytes]):
    return lambda path, _outside: path.write_bytes(data() if callable(data) else data)


def _variant(words: str) -> bytes:
    return GOOD["good-2.txt"].replace("Hội nghị", words).encode()


NON_UTF8_NAME = os.fsdecode(b"bad-\xff-name.txt")
HOSTILE: list[tuple[Entry, Callable[[Path, Path], None]]] = [
    (
        Entry("loop.txt", "symlink loop (a link to itself)", "skipped"),
        lambda path, _: path.symlink_to(path.name),
    ),
    (Entry("outside.txt", "link to a file outside the corpus", "never indexed"), _outside_link),
    (
        Entry("dangling.txt", "dangling link", "skipped"),
        lambda path, _: path.symlink_to("no-such-file.txt"),
    ),
    (Entry("fifo.txt", "FIFO", "skipped"), lambda path, _: os.mkfifo(path)),
    (Entry("folder.txt", "folder named x.txt", "skipped"), lambda path, _: path.mkdir()),
    (Entry(NON_UTF8_NAME, "file name not UTF-8", "indexed"), _writer(_variant("Hội thảo"))),
    (Entry("tab\there.txt", "TAB in the file name", "indexed"), _writer(_variant("Phiên họp"))),
    (Entry("locked", "unreadable sub-folder", "skipped"), _locked_folder),
    (Entry("empty.txt", "empty file", "skipped"), _writer(b"")),
    (Entry("binary.txt", "binary file", "skipped"), _writer(random.Random(4).randbytes(4096))),
    (Entry("bomb.md", "YAML alias bomb in front matter", "skipped"), _writer(ALIAS_BOMB.encode())),
    (
        Entry("nested.md", f"front matter nested {NESTING:,} deep", "skipped"),
        _writer(
            ("---\nleaders: " + "[" * NESTING + "]" * NESTING + "\n---\n\nNội dung.\n").encode()
        ),
    ),
    (Entry("latin1.txt", "Latin-1 text", "indexed"), _writer(LATIN1_TEXT.encode("latin-1"))),
    (
        Entry("big-line.txt", "4.9 MB text on one line", "indexed"),
        _writer(lambda: one_line(BIG_LINE_BYTES)),
    ),
    (
        Entry("too-big.txt", "file over the size cap", "skipped"),
        _writer(lambda: one_line(SIZE_CAP + 64 * 1024)),
    ),
]


def one_line(size: int) -> bytes:
    """``size`` bytes of Vietnamese words on a single line (no newline at all)."""
    words = GOOD["good-2.txt"].split()
    rng = random.Random(size)
    out, length = [], 0
    while length < size:
        word = rng.choice(words).encode()
        out.append(word)
        length += len(word) + 1
    return b" ".join(out)[:size]


def unreadable_for_us(path: Path) -> bool:
    """Whether this process really cannot read ``path`` (a superuser reads anything)."""
    return not os.access(path, os.R_OK | os.X_OK)


def restore_permissions(root: Path) -> None:
    """Make every folder removable again."""
    for folder, subfolders, _files in os.walk(root):
        for name in subfolders:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(0o755)
