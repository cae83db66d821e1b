"""Markdown source → the plain text that is indexed, highlighted and shown in snippets."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

# Tags whose end starts a new line of text (so words of two paragraphs never join).
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br"}
# Tags whose content is never text a reader sees.
_INVISIBLE = {"script", "style", "template", "iframe", "object"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def markdown_to_text(source: str) -> str:
    """Render Markdown and keep only its visible text, one blank line between blocks."""
    collector = _TextCollector()
    collector.feed(markdown.markdown(source))
    collector.close()
    lines = "".join(collector.parts).split("\n")
    text = "\n".join(line.strip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
