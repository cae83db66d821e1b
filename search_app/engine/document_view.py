"""A document's body as safe HTML, with the words of a query marked.

Markdown is rendered with raw HTML turned into text and links limited to web and mail
addresses; plain-text documents become paragraphs. Marks are added to the rendered
text, so they never split a tag: each syllable typed with accents matches those
accents, one typed without accents matches any accents (as the search does); a lone
syllable of a longer query is dropped, as in the snippets.
"""

from __future__ import annotations

import re
from html import escape, unescape
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor

from indexer.analysis import fold, normalize, query_words
from search_app.engine.highlight import join_phrases, mark
from search_app.engine.query import parse_query
from search_app.engine.text_query import words_that_may_stand_alone

FIRST_MATCH_ID = "first-match"
_TAG = re.compile(r"(<[^>]*>)")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class _SafeLinks(Treeprocessor):
    """Drops links that are not web or mail addresses; turns images into links."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                src, alt = element.get("src", ""), element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "a", alt or src
                element.set("href", src)
            if element.tag == "a" and not _is_safe_url(element.get("href", "")):
                element.attrib.pop("href", None)


def _is_safe_url(url: str) -> bool:
    cleaned = _CONTROL.sub("", url)
    prefix = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in prefix or bool(re.match(r"^(?:https?|mailto):", cleaned, re.IGNORECASE))


def render_markdown(source: str) -> str:
    """Markdown → HTML, raw HTML shown as text, unsafe links removed."""
    md = markdown.Markdown(extensions=[])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md.convert(source)


def render_plain(text: str) -> str:
    """Plain text → escaped paragraphs, one per blank-line separated block."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "\n".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def query_patterns(query: str) -> list[tuple[re.Pattern, bool]]:
    """Per syllable of a query word, or per phrase: a pattern, and whether it is accent-free."""
    parsed = parse_query(query)
    sequences = []
    for unit in (u for group in parsed.groups for u in group):
        syllables = [s for w in query_words(unit.text) for s in w.syllables]
        sequences.extend([syllables] if unit.phrase else [[s] for s in syllables])
    patterns = []
    for syllables in filter(None, sequences):
        body = r"[\s\u00a0]+".join(re.escape(s) for s in syllables)
        plain = fold(" ".join(syllables)) == " ".join(syllables)
        patterns.append((re.compile(rf"(?<!\w){body}(?!\w)"), plain))
    return patterns


def highlight(html: str, query: str, limit_chars: int) -> tuple[str, int, bool]:
    """``html`` with the query's words marked outside tags, the number of marks, and
    whether text was left unmarked past the first ``limit_chars`` characters.

    The first mark gets the id ``first-match`` so the page can link to it. Lone
    syllables of a longer query are marked only when nothing better matched.
    """
    patterns = query_patterns(query)
    if not patterns:
        return html, 0, False
    lone = words_that_may_stand_alone(parse_query(query))
    pieces = _TAG.split(html)
    texts = {i: unescape(p) for i, p in enumerate(pieces) if not p.startswith("<") and p.strip()}
    heads = _heads_within(texts, limit_chars)
    beyond = sum(map(len, heads.values())) < sum(map(len, texts.values()))
    found = {i: _find(head, patterns) for i, head in heads.items()}
    if not any(found.values()):  # typed with accents, written without: match as the search did
        loose = [(re.compile(fold(p.pattern)), True) for p, _ in patterns]
        found = {i: _find(head, loose) for i, head in heads.items()}
    kept = {i: _without_strays(texts[i], spans, lone) for i, spans in found.items()}
    if not any(kept.values()):
        kept = found
    for i, text in texts.items():
        pieces[i] = mark(text, kept[i]) if kept.get(i) else escape(text, quote=False)
    marked = "".join(pieces)
    count = marked.count("<mark>")
    return marked.replace("<mark>", f'<mark id="{FIRST_MATCH_ID}">', 1), count, beyond


def _heads_within(texts: dict[int, str], limit_chars: int) -> dict[int, str]:
    """The beginnings of the text pieces that the first ``limit_chars`` characters hold,
    by position: marking a long document costs no more than marking its beginning."""
    heads, room = {}, limit_chars
    for i, text in texts.items():
        if room <= 0:
            break
        heads[i] = text[:room]
        room -= len(heads[i])
    return heads


def _find(text: str, patterns) -> list[tuple[int, int]]:
    exact = normalize(text).lower()
    if len(exact) != len(text):  # offsets would not line up: leave this text unmarked
        return []
    folded = fold(exact)
    return [
        m.span()
        for pattern, accent_free in patterns
        for m in pattern.finditer(folded if accent_free else exact)
    ]


def _without_strays(text: str, spans, lone: set[str]) -> list[tuple[int, int]]:
    """The runs of matches worth a mark: see ``highlight.drop_stray_syllables``."""
    return [
        (start, end)
        for start, end in join_phrases(text, spans)
        if " " in text[start:end].strip() or fold(text[start:end]).lower() in lone
    ]
