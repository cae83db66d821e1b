"""Files of each type that cannot be indexed: empty, cut short, damaged, random bytes, or a
page with no article. The indexer must skip each one with a reason and go on; they are kept
out of every other figure."""

from __future__ import annotations

import random

CHROME_ONLY_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang chủ</title></head><body>"
    "<ul class='menu'><li><a href='/'>Trang chủ</a></li><li><a href='/ts'>Thời sự</a></li></ul>"
    "<div class='breadcrumb'>Trang chủ › Thời sự</div><footer>Cơ quan chủ quản: Văn phòng "
    "Chính phủ</footer></body></html>"
)


def bad_files(suffix: str, good: bytes, seed: int) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, what is wrong) for the type of ``suffix``; ``good`` is one of its
    good files, to be cut short or damaged."""
    rng = random.Random(f"{seed}:bad:{suffix}")
    noise = rng.randbytes(4096)
    files = [
        (f"bad-empty{suffix}", b"", "empty file"),
        (f"bad-random-bytes{suffix}", noise, "random bytes"),
    ]
    if suffix in (".pdf", ".docx"):
        files.append((f"bad-truncated{suffix}", good[: len(good) * 6 // 10], "cut at 60 %"))
    if suffix == ".pdf":
        files.append((f"bad-corrupt{suffix}", _damaged(good, rng), "middle overwritten"))
    if suffix == ".html":
        files.append((f"bad-chrome-only{suffix}", CHROME_ONLY_PAGE.encode(), "no article"))
    return files


def _damaged(good: bytes, rng: random.Random) -> bytes:
    """The file's first and last kilobyte kept (header, end marker), the rest random."""
    keep = min(1024, len(good) // 4)
    return good[:keep] + rng.randbytes(len(good) - 2 * keep) + good[len(good) - keep :]
