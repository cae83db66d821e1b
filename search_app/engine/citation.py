"""A document's reference, ready to copy: plain text in an APA-like style, and BibTeX.

The plain text follows APA 7 (author, date, title, source, link), except that names keep
their Vietnamese order whole: "Nguyễn Xuân Phúc", never "Nguyễn, X. P.", since the given
name, last, is the one a Vietnamese reader knows a person by. In BibTeX each name is
braced for the same reason, or BibTeX would take "Phúc" for the family name.
No access date is added: the reference of a document stays the same from day to day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import fold, normalize

# What XML, a text area or a .bib file must not hold: control characters but tab/newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_ESCAPE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
NO_DATE = {"vi": "không rõ ngày", "en": "n.d."}


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str

    def to_json(self) -> dict:
        return {"text": self.text, "bibtex": self.bibtex}


def cite(doc: dict, url: str, lang: str = "vi") -> Citation:
    """The reference of ``doc`` (``describe``'s metadata) at its permanent ``url``."""
    return Citation(plain_reference(doc, url, lang), bibtex(doc, url))


def plain_reference(doc: dict, url: str, lang: str = "vi") -> str:
    """Leaders (date). Title. Source. URL — without leaders, the title leads (as APA does)."""
    title = _sentence(_clean(doc["title"]))
    when = f"({_clean(doc.get('date') or '') or doc.get('year') or NO_DATE.get(lang, 'n.d.')})"
    names = _names(doc.get("leaders") or [])
    bare_title = _clean(doc["title"]).rstrip(" .")
    lead = [f"{names} {when}.", title] if names else [f"{bare_title} {when}."]
    source = _clean(doc.get("source") or "")
    parts = [*lead, *([_sentence(source)] if source and source != url else []), url]
    return " ".join(parts)


def bibtex(doc: dict, url: str) -> str:
    """A ``@misc`` entry that both BibTeX and biblatex read (``year`` and ``date``)."""
    fields = [("title", "{" + _tex(doc["title"]) + "}")]  # braced again: case kept
    leaders = [_clean(name) for name in doc.get("leaders") or [] if _clean(name)]
    if leaders:
        fields.insert(0, ("author", " and ".join("{" + _tex(n) + "}" for n in leaders)))
    if doc.get("year"):
        fields.append(("year", str(doc["year"])))
    if doc.get("date"):
        fields.append(("date", _tex(doc["date"])))
    if doc.get("source") and doc["source"] != url:
        fields.append(("howpublished", _tex(doc["source"])))
    fields.append(("url", _url(url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation_key(doc)},\n{body}\n}}"


def citation_key(doc: dict) -> str:
    """The document's id in the characters every BibTeX reads in a key (accents dropped)."""
    return re.sub(r"[^A-Za-z0-9_:-]+", "-", fold(normalize(doc["id"]))).strip("-") or "document"


def _names(leaders: list[str]) -> str:
    names = [_clean(n) for n in leaders if _clean(n)]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def _sentence(text: str) -> str:
    """``text`` ending with one full stop (or its own ? or !)."""
    text = text.rstrip(" .")
    return text if text.endswith(("?", "!")) else text + "."


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub("", str(text)).split())


def _tex(text: str) -> str:
    return _BIBTEX_ESCAPE.sub(lambda m: _BIBTEX_SPECIAL[m[0]], _clean(text))


def _url(url: str) -> str:
    # The url field is read verbatim: only its braces could end the field early.
    return _clean(url).replace("{", "%7B").replace("}", "%7D")
