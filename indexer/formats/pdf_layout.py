"""A PDF's lines, with where they sit on the page, become paragraphs of plain text.

Two jobs, both on positions alone (no PDF library here, so each is tested on literal lines):
drop what the page margins repeat (running headers and footers, page numbers), and join
the lines the page wrapped back into paragraphs.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Line:
    """One line of a page as the PDF library read it, in PDF units (y grows upwards)."""

    text: str
    baseline: float
    left: float
    right: float
    size: float  # font size of its first character
    cells: int = 1  # stretches of text apart by a table cell's width: more than 1 in a table row


Page = list[Line]

# Lines looked at for a running header or footer: the top and bottom two of each page.
EDGE_LINES = 2
# A header or footer is repeated on at least half the pages (alternate left and right ones too).
REPEATED_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"|(?:trang|page)?\s*\d{1,4}\s*(?:/|of|trên)\s*\d{1,4}",
    re.IGNORECASE,
)

# A gap this much wider than the page's usual line spacing starts a paragraph (Word adds
# 6 pt or more after a paragraph, i.e. 1.3x its 1.15-1.5 line spacing; browsers a whole line).
PARAGRAPH_GAP = 1.25
# Baselines further apart than this are not consecutive lines of one paragraph.
MAX_LINE_STEP_EMS = 3.0
# Font sizes within this share of each other are one text style; a larger one is a heading.
SAME_SIZE_SHARE = 0.15
# A first line set in by this many ems starts a paragraph.
INDENT_EMS = 1.0
# A line this far left of a table row's first cell is out of the table (cells are padded).
TABLE_EXIT_EMS = 0.3
# A line ending a sentence this many ems short of the column's right edge ends a paragraph.
SHORT_LINE_EMS = 4.0
_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)]*$")
# Hyphens a PDF marks as "the word goes on after the break" (soft hyphen, PDFium's U+0002).
_SOFT_HYPHENS = "\u00ad\u0002\ufffe"


def without_margins(pages: list[Page]) -> list[Page]:
    """Each page less its page number and the headers and footers most pages repeat.

    Only a page's top and bottom lines are looked at, and digits may differ ("Trang 3",
    "Báo cáo số 12/BC-UBND - 3"), so a line of the body is never taken for one.
    """
    edges = [_edge_lines(page) for page in pages]
    counts = Counter(
        key for page_edges in edges for key in {_margin_key(line.text) for line in page_edges}
    )
    needed = max(2, math.ceil(REPEATED_SHARE * len(pages)))
    repeated = {key for key, count in counts.items() if count >= needed}
    kept = []
    for page, page_edges in zip(pages, edges, strict=True):
        drop = {
            id(line)
            for line in page_edges
            if _margin_key(line.text) in repeated or is_page_number(line.text)
        } | {id(line) for line in _set_in_the_margins(page)}
        kept.append([line for line in page if id(line) not in drop])
    return kept


# A top line in a smaller type than the text, this many of the page's usual line steps
# above the next, stands in the page's margin: a running header, which a one-page document
# cannot show by repeating it. (Not the bottom line: there a footnote stands the same way.)
MARGIN_GAP_STEPS = 2.0


def _set_in_the_margins(page: Page) -> list[Line]:
    lines = sorted((line for line in page if line.text.strip()), key=lambda line: -line.baseline)
    step = _line_step(lines)
    if len(lines) < 3 or step is None:
        return []
    text_size = statistics.median(line.size for line in lines)
    top, below = lines[0], lines[1]
    smaller = top.size < text_size and not _same_size(top, replace(top, size=text_size))
    gap = (top.baseline - below.baseline) / text_size  # in the text's ems
    return [top] if smaller and gap > MARGIN_GAP_STEPS * step else []


def is_page_number(text: str) -> bool:
    """ "3", "- 3 -", "Trang 3", "3/12", "Page 3 of 12"."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def _edge_lines(page: Page) -> list[Line]:
    by_height = sorted(page, key=lambda line: line.baseline, reverse=True)
    if len(by_height) <= 2 * EDGE_LINES:
        return by_height
    return by_height[:EDGE_LINES] + by_height[-EDGE_LINES:]


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def paragraphs(pages: list[Page]) -> list[str]:
    """The pages' lines joined into paragraphs; a paragraph may run on to the next page."""
    found: list[list[Line]] = []
    for page in pages:
        lines = [line for line in page if line.text.strip()]
        if not lines:
            continue
        step = _line_step(lines)
        left = min(line.left for line in lines)
        right = max(line.right for line in lines)
        if not (found and _runs_on(found[-1][-1], lines[0])):
            found.append([])
        found[-1].append(lines[0])
        for number in range(1, len(lines)):
            before, line = lines[number - 1], lines[number]
            after = lines[number + 1] if number + 1 < len(lines) else None
            if _starts_paragraph(found[-1][0], before, line, after, step, left, right):
                found.append([])
            found[-1].append(line)
    return [_joined(lines) for lines in found]


def _line_step(lines: list[Line]) -> float | None:
    """The page's usual distance from one baseline to the next, in ems, or None. Table rows
    are left out when there is text besides: borders and padding set them further apart."""
    pairs = [
        (before, line)
        for before, line in zip(lines, lines[1:], strict=False)
        if _same_size(before, line) and 0 < _gap_ems(before, line) < MAX_LINE_STEP_EMS
    ]
    text_pairs = [(before, line) for before, line in pairs if before.cells == line.cells == 1]
    steps = [_gap_ems(before, line) for before, line in text_pairs or pairs]
    return statistics.median(steps) if steps else None


def _starts_paragraph(
    opening: Line,
    before: Line,
    line: Line,
    after: Line | None,
    step: float | None,
    left: float,
    right: float,
) -> bool:
    """Whether ``line`` starts a paragraph; ``opening`` is the first line of the current one."""
    if not _same_size(before, line):
        return True  # a heading and the text under it
    if line.cells > 1:
        return True  # a table row; a cell's wrapped lines after it are one stretch each
    if opening.cells > 1 and opening.left - line.left > TABLE_EXIT_EMS * max(line.size, 1.0):
        return True  # left of the row's first cell: the text after the table
    gap = _gap_ems(before, line)
    if gap <= 0 or step is None or gap > PARAGRAPH_GAP * step:
        return True  # a new column, a jump up the page, or space left between paragraphs
    em = max(line.size, 1.0)
    ended = bool(_SENTENCE_END.search(before.text.rstrip()))
    # A first line set in after a sentence's end, the next one back at the margin. (A
    # numbered table row's wrapped line is set in under its text cell, mid-sentence.)
    set_in = line.left - before.left > INDENT_EMS * em
    if ended and set_in and (after is None or line.left - after.left > INDENT_EMS * em):
        return True
    return ended and right - before.right > SHORT_LINE_EMS * em


def _gap_ems(before: Line, line: Line) -> float:
    return (before.baseline - line.baseline) / max(before.size, line.size, 1.0)


def _same_size(before: Line, line: Line) -> bool:
    return abs(before.size - line.size) <= SAME_SIZE_SHARE * max(before.size, line.size)


def _runs_on(last: Line, first: Line) -> bool:
    """A paragraph cut by the page break: no sentence end before it, lowercase after it."""
    text = first.text.lstrip()
    return not _SENTENCE_END.search(last.text.rstrip()) and text[:1].islower()


def _joined(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        part = " ".join(line.text.split())
        if not text:
            text = part
        elif text[-1] in _SOFT_HYPHENS:
            text = text[:-1] + part  # a word hyphenated at the line's end
        elif text.endswith("-") and text[-2:-1].isalnum() and part[:1].isalnum():
            # "2016-" / "2017": a compound broken after its hyphen. Vietnamese syllables are
            # never hyphenated, so the hyphen stays and nothing is glued.
            text = text + part
        else:
            text = text + " " + part
    return text.strip(_SOFT_HYPHENS + " ")
