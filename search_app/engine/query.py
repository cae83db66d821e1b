"""The query language an analyst types, parsed into plain data.

    cải cách thủ tục            every word must match (accents optional); question words
                                ("bao nhiêu", "thế nào": search_app/engine/data/question_words.yaml)
                                never have to
    "chính phủ điện tử"         exact phrase (syllable by syllable, so segmentation never matters)
    -covid  -"kinh tế"          exclude a word or a phrase
    TTHC OR "thủ tục hành chính"  either side; OR separates runs of words and phrases
    leader:"Phạm Minh Chính"  topic:procedures  year:2015..2020  period:2011-2020
                                field filters (accents and case optional, part of a name
                                is enough); several values of one field: any of them

Nothing here raises: an unbalanced quote or a stray operator is repaired and reported
in ``notices`` so the page can say what was understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_app.engine.question_words import without_question_words

FILTER_FIELDS = ("leader", "topic", "year", "period")
_TOKEN = re.compile(
    r'(?P<field>leader|topic|year|period):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S+))'
    r'|(?P<neg>-)?"(?P<phrase>[^"]*)("|$)'
    r"|(?P<word>\S+)",
    re.IGNORECASE,
)
# ASCII digits only: \d would take any script's ("year:٢٠١٩").
_YEARS = re.compile(r"^([0-9]{4})?(?:\.\.([0-9]{4})?)?$")


@dataclass(frozen=True)
class Unit:
    """A run of plain words (all required) or a quoted phrase."""

    text: str
    phrase: bool = False


@dataclass
class ParsedQuery:
    # Required groups: each group is satisfied by any one of its alternatives.
    groups: list[list[Unit]] = field(default_factory=list)
    excluded: list[Unit] = field(default_factory=list)
    # Field filters as typed: {"leader": ["phạm minh chính"], "year": ["2015..2020"]}
    filters: dict[str, list[str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.filters


def parse_query(text: str) -> ParsedQuery:
    """Parse ``text``; never fails."""
    parsed = ParsedQuery()
    text = text or ""
    if text.count('"') % 2:
        parsed.notices.append("unbalanced_quote")
    pending_or = False
    run: list[str] = []

    def flush_run():
        nonlocal pending_or
        if run:
            _add(parsed, Unit(without_question_words(" ".join(run))), pending_or)
            run.clear()
            pending_or = False

    for match in _TOKEN.finditer(text):
        if match.group("field"):
            flush_run()
            _add_filter(parsed, match.group("field").lower(), match.group("quoted"), match)
            continue
        word, phrase = match.group("word"), match.group("phrase")
        if word == "OR":
            flush_run()
            pending_or = bool(parsed.groups)
            continue
        if phrase is not None:
            flush_run()
            if not _has_letters(phrase):
                continue
            unit = Unit(phrase.strip(), phrase=True)
            if match.group("neg"):
                parsed.excluded.append(unit)
            else:
                _add(parsed, unit, pending_or)
            pending_or = False
        elif word.startswith("-") and len(word) > 1:
            if _has_letters(word[1:]):
                flush_run()
                parsed.excluded.append(Unit(word[1:]))
        elif _has_letters(word):
            run.append(word)
    flush_run()
    if pending_or or _dangling_or(text):
        parsed.notices.append("stray_operator")
    return parsed


def _add_filter(parsed: ParsedQuery, name: str, quoted: str | None, match: re.Match) -> None:
    value = (quoted if quoted is not None else match.group("value") or "").strip()
    if not value or (name == "year" and not year_range(value)):
        parsed.notices.append("bad_field_filter")
        return
    parsed.filters.setdefault(name, []).append(value)


def year_range(value: str) -> tuple[int | None, int | None] | None:
    """``2019`` → (2019, 2019); ``2015..2020``, ``2015..``, ``..2020``; None if malformed."""
    match = _YEARS.match(value)
    if match is None or not any(match.groups()):
        return None
    first, last = (int(y) if y else None for y in match.groups())
    if ".." not in value:
        last = first
    if first is not None and last is not None and first > last:
        return None
    return first, last


def _add(parsed: ParsedQuery, unit: Unit, as_alternative: bool) -> None:
    if as_alternative and parsed.groups:
        parsed.groups[-1].append(unit)
    else:
        parsed.groups.append([unit])


def _has_letters(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _dangling_or(text: str) -> bool:
    words = text.split()
    return bool(words) and (words[0] == "OR" or words[-1] == "OR")
