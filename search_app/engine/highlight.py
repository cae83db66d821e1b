"""Snippets: the best passages of a text around matched character spans, as safe HTML.

The spans come from the index (stored character offsets), so nothing is re-analysed
at query time and the marks land on the original characters, accents as written.
"""

from __future__ import annotations

import bisect
from html import escape

FRAGMENT_CHARS = 220


def merge_spans(spans) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; touching or overlapping ones become one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def join_phrases(text: str, spans) -> list[tuple[int, int]]:
    """Merged spans, with matches separated only by spaces joined into one mark."""
    return [(group[0][0], group[-1][1]) for group in _adjacent_groups(text, spans)]


def drop_stray_syllables(text: str, spans, may_stand_alone, fold) -> list[tuple[int, int]]:
    """Spans without the lone syllables a multi-word query matched out of context.

    ``cai cach thu tuc`` matches the syllable "thủ" everywhere (Thủ tướng …); only runs
    of adjacent matches, whole compound words, and the words in ``may_stand_alone``
    (folded, lowercase: one-word queries, acronyms, numbers) are worth a mark. When
    nothing is left, every span is kept.
    """
    kept = []
    for group in _adjacent_groups(text, spans):
        start, end = group[0][0], group[-1][1]
        alone = len(group) == 1 and " " not in text[start:end].strip()
        if not alone or fold(text[start:end]).lower() in may_stand_alone:
            kept.extend(group)
    return kept or merge_spans(spans)


def _adjacent_groups(text: str, spans) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = []
    for span in merge_spans(spans):
        gap = text[groups[-1][-1][1] : span[0]] if groups else ""
        if groups and gap and gap.strip(" \t\u00a0") == "":
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def mark(text: str, spans, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` escaped, with the spans inside it wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in join_phrases(text, spans):
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    return "".join(out)


def snippets(text: str, spans, limit: int = 3, size: int = FRAGMENT_CHARS) -> list[str]:
    """Up to ``limit`` fragments of about ``size`` characters holding the most matches.

    Without matches (a browse listing, or a match in the title only) the text's opening
    is the snippet.
    """
    groups = join_phrases(text, spans)
    if not groups:
        return [_plain_opening(text, size)] if text.strip() else []
    ends = [end for _, end in groups]  # increasing: the groups do not overlap
    windows = []
    for i, (s, _) in enumerate(groups):
        line_end = text.find("\n", s, s + size)  # bounded: a text may be one long line
        limit_end = s + size if line_end == -1 else line_end
        inside = groups[i : bisect.bisect_right(ends, limit_end, lo=i)] or [groups[i]]
        distinct = len({text[a:b].lower() for a, b in inside})
        windows.append((distinct, len(inside), -s, s, inside))
    windows.sort(reverse=True)
    chosen: list[tuple[int, int, list]] = []
    for _, _, _, s, inside in windows:
        start, end = _expand(text, s, inside[-1][1], size)
        if all(end <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, end, inside))
        if len(chosen) == limit:
            break
    chosen.sort()
    return [_ellipsis(text, a, b, mark(text, inside, a, b)) for a, b, inside in chosen]


def _expand(text: str, first: int, last: int, size: int) -> tuple[int, int]:
    """A window around [first, last) of about ``size`` chars, cut at word boundaries."""
    room = max(0, size - (last - first))
    start = max(0, first - room // 3)
    end = min(len(text), last + room - (first - start))
    line_start = text.rfind("\n", start, first)
    if line_start != -1:
        start = line_start + 1
    line_end = text.find("\n", last, end)
    if line_end != -1:
        end = line_end
    while start > 0 and start < first and not text[start - 1].isspace():
        start += 1
    while end < len(text) and end > last and not text[end].isspace():
        end -= 1
    return start, end


def _ellipsis(text: str, start: int, end: int, html: str) -> str:
    return (
        ("…" if start > 0 and text[start - 1] != "\n" else "")
        + html.strip()
        + ("…" if end < len(text) and text[end] != "\n" else "")
    )


def _plain_opening(text: str, size: int) -> str:
    end = min(len(text), size)
    while end < len(text) and end > 0 and not text[end].isspace():
        end -= 1
    end = end or min(len(text), size)
    return escape(text[:end].strip()) + ("…" if end < len(text) else "")
