"""An Atom 1.0 feed (RFC 4287) from plain values: written by ElementTree, which escapes
markup, after removing the characters XML 1.0 cannot hold at all (a control character in a
title would otherwise make the whole feed unreadable to every feed reader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree

ATOM = "http://www.w3.org/2005/Atom"
# Everything outside XML 1.0's Char production: C0 controls but tab/newline/CR, lone
# surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: datetime
    summary: str
    authors: tuple[str, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()  # (term, label)


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    page_url: str  # the same search as a results page
    updated: datetime
    author: str
    entries: list[Entry] = field(default_factory=list)


def xml_text(text: str) -> str:
    """``text`` without the characters no XML document may contain."""
    return _NOT_XML.sub("", text)


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC, as Atom requires: 2021-03-18T00:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_xml(feed: Feed) -> bytes:
    """The feed as a UTF-8 XML document."""
    root = ElementTree.Element("feed", xmlns=ATOM)
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", timestamp(feed.updated))
    _link(root, "self", feed.self_url, "application/atom+xml")
    _link(root, "alternate", feed.page_url, "text/html")
    _text(ElementTree.SubElement(root, "author"), "name", feed.author)
    for entry in feed.entries:
        _entry(root, entry)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(root: ElementTree.Element, entry: Entry) -> None:
    element = ElementTree.SubElement(root, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    _text(element, "updated", timestamp(entry.updated))
    _link(element, "alternate", entry.url, "text/html")
    for name in entry.authors:
        _text(ElementTree.SubElement(element, "author"), "name", name)
    for term, label in entry.categories:
        ElementTree.SubElement(element, "category", term=xml_text(term), label=xml_text(label))
    if entry.summary:
        _text(element, "summary", entry.summary)


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, tag).text = xml_text(text)


def _link(parent: ElementTree.Element, rel: str, href: str, kind: str) -> None:
    ElementTree.SubElement(parent, "link", rel=rel, type=kind, href=xml_text(href))
