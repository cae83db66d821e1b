"""Acronyms and aliases applied to queries: ``TTHC`` also finds ``thủ tục hành chính``.

Two data files feed it: ``search_app/engine/data/glossary.yaml`` (acronyms, renamed bodies) and
the leaders registry ``indexer/data/leaders.yaml`` (each leader's name variants). Both
are re-read when they change, so an edit needs neither a re-index nor a restart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

import indexer
from indexer.analysis import query_words
from indexer.yaml_data import load_yaml

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yaml"
LEADERS_FILE = Path(indexer.__file__).parent / "data" / "leaders.yaml"
MAX_ALIAS_SYLLABLES = 12


@dataclass(frozen=True)
class Expansion:
    """Query words ``start``..``end`` (exclusive) may also be written as ``aliases``."""

    start: int
    end: int
    aliases: tuple[str, ...]


def _key(text: str) -> tuple[str, ...]:
    """The folded syllables that identify a form, whatever its case and accents."""
    return tuple(s for w in query_words(text) for s in w.folded_syllables)


class Glossary:
    """Equivalence sets of forms, looked up by folded syllables."""

    def __init__(self, groups: list[list[str]]):
        self._aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._spellings: dict[tuple[str, ...], str] = {}
        for group in groups:
            forms = [str(form) for form in group if str(form).strip()]
            for form in forms:
                key = _key(form)
                self._spellings.setdefault(key, form)
                if key and len(key) <= MAX_ALIAS_SYLLABLES and len(forms) > 1:
                    others = tuple(f for f in forms if _key(f) != key)
                    known = self._aliases.get(key, ())
                    self._aliases[key] = known + tuple(o for o in others if o not in known)

    def spelling(self, folded_syllables: tuple[str, ...]) -> str | None:
        """How the glossary writes this form ("pham minh chinh" → "Phạm Minh Chính")."""
        return self._spellings.get(folded_syllables)

    def expansions(self, folded_syllables_per_word: list[tuple[str, ...]]) -> list[Expansion]:
        """Longest glossary matches over whole query words, left to right."""
        found, i, n = [], 0, len(folded_syllables_per_word)
        while i < n:
            for j in range(n, i, -1):
                key = tuple(s for word in folded_syllables_per_word[i:j] for s in word)
                if key in self._aliases:
                    found.append(Expansion(i, j, self._aliases[key]))
                    i = j
                    break
            else:
                i += 1
        return found


_lock = threading.Lock()
_cache: dict = {"stamp": None, "glossary": None}


def current_glossary() -> Glossary:
    """The glossary of the data files as they are now (re-read after an edit)."""
    stamp = tuple(_mtime(path) for path in (GLOSSARY_FILE, LEADERS_FILE))
    with _lock:
        if _cache["stamp"] != stamp:
            _cache["glossary"] = Glossary(_glossary_groups() + _leader_groups())
            _cache["stamp"] = stamp
        return _cache["glossary"]


def glossary_stamp() -> tuple:
    """Changes whenever an edit of the data files changes the glossary (for caches)."""
    current_glossary()
    return _cache["stamp"]


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _load(path: Path) -> dict:
    try:
        return load_yaml(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}  # a broken edit must not break search: search without aliases


def _glossary_groups() -> list[list[str]]:
    return [list(entry) for entry in _load(GLOSSARY_FILE).get("entries") or []]


def _leader_groups() -> list[list[str]]:
    people = _load(LEADERS_FILE).get("people") or []
    return [[p["name"], *(p.get("variants") or [])] for p in people if p.get("name")]
