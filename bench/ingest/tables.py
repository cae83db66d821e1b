"""A small table of figures, put into some of the pages and Word files after one of the
article's paragraphs, as reports carry them. Its cells are then part of the text the
extraction must give back, in reading order, a row at a time."""

from __future__ import annotations

import random
from dataclasses import dataclass

ROW_NAMES = (
    "Hồ sơ tiếp nhận",
    "Hồ sơ giải quyết đúng hạn",
    "Hồ sơ trực tuyến",
    "Thủ tục được cắt giảm",
    "Đơn vị đã sắp xếp",
)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # the header row first
    after: int  # how many of the article's paragraphs come before it

    @property
    def text(self) -> str:
        return "\n".join(" ".join(row) for row in self.rows)


def a_table(rng: random.Random, paragraphs: int) -> Table:
    first = rng.randrange(2014, 2018)
    header = ("Chỉ tiêu", f"Năm {first}", f"Năm {first + 1}")
    names = rng.sample(ROW_NAMES, rng.randrange(2, 4))
    rows = tuple((name, _figure(rng), _figure(rng)) for name in names)
    return Table((header, *rows), after=rng.randrange(1, max(2, paragraphs)))


def _figure(rng: random.Random) -> str:
    return f"{rng.randrange(1, 99)}.{rng.randrange(1000):03d}"


def with_table(title: str, paragraphs: tuple[str, ...], table: Table | None) -> str:
    """The reference text of a file: headline, paragraphs, and the table where it stands."""
    blocks = list(paragraphs)
    if table is not None:
        blocks.insert(table.after, table.text)
    return "\n".join((title, *blocks))
