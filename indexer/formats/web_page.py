"""Saved web pages (.html, .htm): the article's own text, headline, date and address.

A page saved from a government portal is mostly chrome: the site's header with today's
date, menus, breadcrumbs, a related-news list with other articles' dates, a comment form,
the footer, a cookie banner. trafilatura finds the article among it; the headline, the
date and the address are read here from where the page states them, so that no date of
the chrome ever dates the article (an unknown year beats a wrong one).

    >>> page = '''<html><head><title>Họp Ban Chỉ đạo - Báo Chính phủ</title></head>
    ... <body><article><h1>Họp Ban Chỉ đạo</h1><p>Bộ Nội vụ báo cáo kết quả cải cách hành
    ... chính.</p></article></body></html>'''.encode()
    >>> extract_web_page(page, Limits()).title
    'Họp Ban Chỉ đạo'
"""

from __future__ import annotations

import codecs
import datetime
import functools
import logging
import re
import unicodedata
from copy import deepcopy
from urllib.parse import urlsplit

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from indexer.document import CorpusError
from indexer.formats import Extracted, Limits

NOT_A_PAGE = "not a web page"
NO_ARTICLE = "no article text in the web page"

# --- Decoding ---------------------------------------------------------------------------------

# The HTML standard looks for a declaration in the first 1,024 bytes; pages saved by old
# editors put a long comment or script first, so a little further.
DECLARATION_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The HTML standard reads these labels as Windows-1252, as browsers do; and a UTF-16 label
# on a page without a byte order mark as UTF-8 (the bytes were re-saved, the label kept).
_STANDARD_READING = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_STANDARD_READING.update(dict.fromkeys(("utf-16", "utf-16-le", "utf-16-be"), "utf-8"))
# A page that declares nothing and is not UTF-8 is Vietnamese in Windows-1258 when its text
# holds that code page's Vietnamese letters and combining tone marks (Windows-1252 reads the
# same bytes as ã, õ, ð, Ì, ì, Þ, Ò, ò).
_WINDOWS_1258_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323ăĂơƠưƯđĐ]")
WINDOWS_1258_MIN_SHARE = 0.02  # of the text's letters; Vietnamese prose has about one in ten
_TAG = re.compile(r"<[^>]*>")
_HTML_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|div|p|article|main|table|h[1-6])\b", re.I
)
_ENCODING_NAMES = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16"}


def _decode(raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding as reported, notes): a byte order mark first, then what the page
    declares, then UTF-8, then a guess between Windows-1258 and Windows-1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding), encoding, ()
    if b"\x00" in raw:
        raise CorpusError(f"{NOT_A_PAGE}: binary data")
    declared = _declared_encoding(raw[:DECLARATION_SCAN_BYTES])
    utf8 = _utf8_or_none(raw)
    if declared is not None and declared != "utf-8" and utf8 is not None and not utf8.isascii():
        # Bytes that are valid UTF-8 beyond ASCII are UTF-8 whatever an old label says:
        # Vietnamese in a legacy code page is never valid UTF-8 by chance.
        return utf8, "utf-8", (f"declared {declared}, but the bytes are UTF-8: read as UTF-8",)
    if declared is not None:
        try:
            return raw.decode(declared), declared, ()
        except UnicodeDecodeError:
            pass
    if utf8 is not None:
        note = () if declared in (None, "utf-8") else (f"not valid {declared}: read as UTF-8",)
        return utf8, "utf-8", note
    encoding = _guess_8bit(raw)
    said = "no encoding declared" if declared is None else f"not valid {declared}"
    return raw.decode(encoding, errors="replace"), encoding, (f"{said}: read as {encoding}",)


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise CorpusError(f"{NOT_A_PAGE}: invalid {encoding} after its byte order mark") from None


def _declared_encoding(head: bytes) -> str | None:
    """The codec the page's meta charset (or XML declaration) names, None when there is
    none or Python has no codec of that name."""
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _STANDARD_READING.get(name, name)


def _utf8_or_none(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _guess_8bit(raw: bytes) -> str:
    text = _TAG.sub(" ", raw.decode("cp1258", errors="replace"))
    letters = sum(char.isalpha() for char in text)
    marks = len(_WINDOWS_1258_MARKS.findall(text))
    return "cp1258" if letters and marks >= WINDOWS_1258_MIN_SHARE * letters else "cp1252"


# --- Parsing ----------------------------------------------------------------------------------

# libxml2 stops building the tree at this depth and drops the rest of the page.
MAX_DEPTH = 255
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def _parse(text: str) -> lxml.html.HtmlElement:
    if not _HTML_MARKUP.search(text):
        raise CorpusError(f"{NOT_A_PAGE}: no HTML markup")
    # lxml refuses a Unicode string that still carries an encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise CorpusError(f"{NOT_A_PAGE}: {error}") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise CorpusError(f"HTML nested deeper than {MAX_DEPTH} levels")
    _remove_code(tree)
    return tree


# Elements whose content is code or a page of its own, never the article's words.
_CODE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
_CODE_TAGS += ("math", "canvas")
_JSON_LD = "application/ld+json"


def _remove_code(tree: lxml.html.HtmlElement) -> None:
    """Drop scripts, styles and embedded documents, so that no text is ever read from them;
    JSON-LD, which may state the publication date, is kept in the head, out of the text."""
    head = tree.find("head")
    if head is None:
        head = lxml.html.Element("head")
        tree.insert(0, head)
    for element in list(tree.iter(*_CODE_TAGS)):
        if element.tag == "script" and element.get("type") == _JSON_LD:
            json_ld = lxml.html.Element("script", type=_JSON_LD)
            json_ld.text = element.text
            head.append(json_ld)
        if element.getparent() is not None:
            element.drop_tree()  # the text after it stays


# --- The article's text -----------------------------------------------------------------------

# trafilatura favouring precision, as a search index wants (a menu line in the text costs
# more than a lost caption); on the portal-shaped test pages both settings give the same
# text, and the lead paragraph precision can drop is put back (_with_lead).
FAVOR_PRECISION = True
# Tags a cell of a data table does not hold: a table with one of them in a cell, or with a
# single row, lays out the page (old provincial portals), and trafilatura would flatten the
# whole page, menus and all, into one row of cells.
_LAYOUT_TAGS = ("table", "div", "ul", "ol", "form", "h1", "h2", "h3", "section", "article")
_OWN_ROWS = lxml.etree.XPath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
_ROW_GROUPS = ("thead", "tbody", "tfoot", "caption")


def _unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn tables that lay out the page into plain blocks, so that the article in one of
    their cells reads as paragraphs; data tables are left as they are."""
    layout = [table for table in tree.iter("table") if _lays_out(table)]
    for table in layout:
        rows = _OWN_ROWS(table)
        groups = [child for child in table if child.tag in _ROW_GROUPS]
        for element in (table, *groups, *rows, *_cells(rows)):
            element.tag = "div"


def _cells(rows: list) -> list:
    return [cell for row in rows for cell in row if cell.tag in ("td", "th")]


def _lays_out(table: lxml.html.HtmlElement) -> bool:
    rows = _OWN_ROWS(table)
    if len(rows) < 2:
        return True  # a banner or a bar of links: data has rows
    return any(next(cell.iterdescendants(*_LAYOUT_TAGS), None) is not None for cell in _cells(rows))


def _article_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    """The article's paragraphs, headings, lists and tables as trafilatura finds them: no
    comments, no links or images, tables kept; a block per paragraph."""
    document = trafilatura.bare_extraction(
        _numbered_paragraphs(tree),
        favor_precision=FAVOR_PRECISION,
        # No fallback extractors: where they win, they give the text as one block with
        # the paragraphs glued ("phục vụ.Trong năm"), which joins words for the search.
        fast=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
    )
    if document is None or document.body is None:
        return []
    blocks = (_PARAGRAPH_NUMBER.sub("", _block_text(element)) for element in document.body)
    return [block.strip() for block in blocks if block.strip()]


# trafilatura keeps one of two paragraphs with the same text ("identical-text elements
# collapse", an accepted cost of its recovery pass); a page that prints a caption twice shows
# it twice, so each paragraph is numbered, in characters no text holds, for the extraction.
_PARAGRAPH_NUMBER = re.compile("\ue000[0-9a-f]+\ue001 ?")


def _numbered_paragraphs(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    numbered = deepcopy(tree)
    for number, paragraph in enumerate(numbered.iter("p")):
        paragraph.text = f"\ue000{number:x}\ue001 {paragraph.text or ''}"
    return numbered


# The lead (sapo) of a Vietnamese article is printed between the headline and the body,
# outside the body's container, which is all trafilatura takes on many portals.
LEAD_AFTER, LEAD_LEVELS, LEAD_MIN_WORDS = 3, 2, 12
LEAD_SEEN_IN = 1  # the block at the top, where trafilatura puts the lead when it takes it
_BODY_TAGS = ("p", "div", "ul", "ol", "table", "li", "blockquote", "h2", "h3", "h4")


def _with_lead(blocks: list[str], anchor) -> list[str]:
    """``blocks`` with the article's lead first when trafilatura left it out."""
    lead = _lead(anchor) if anchor is not None and blocks else None
    # Looked for at the top only: an article may print its lead again further down.
    if lead is None or _squeezed(lead) in _squeezed("".join(blocks[:LEAD_SEEN_IN])):
        return blocks
    return [lead, *blocks]


def _squeezed(text: str) -> str:
    # A <br> joins lines without a space in an element's text, and makes one in ours.
    return "".join(text.split())


def _lead(anchor: lxml.html.HtmlElement) -> str | None:
    """The first element of prose after the headline (or after its parent), before the
    article's body: an element of several paragraphs is the body, and ends the search."""
    node = anchor
    for _ in range(LEAD_LEVELS):
        for sibling in list(node.itersiblings())[:LEAD_AFTER]:
            if not isinstance(sibling.tag, str) or _is_chrome(sibling):
                continue
            if sum(1 for _ in sibling.iterdescendants(*_BODY_TAGS)) >= 2:
                return None
            text = _words(sibling.text_content())
            if len(text.split()) >= LEAD_MIN_WORDS:
                return text
        node = node.getparent()
        if node is None or node.tag == "body":
            return None
    return None


def _block_text(element: lxml.etree._Element) -> str:
    """One block of trafilatura's output: a list item or a table row per line (cells
    joined by " | "), line breaks kept, runs of spaces made one."""
    if element.tag == "table":
        rows = (
            " | ".join(filter(None, map(_inline, row.iter("cell")))) for row in element.iter("row")
        )
        return "\n".join(filter(None, rows))
    if element.tag == "list":
        return "\n".join(filter(None, map(_inline, element.iter("item"))))
    return _inline(element)


def _inline(element: lxml.etree._Element) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = unicodedata.normalize("NFC", "".join(element.itertext()))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _without_headline(blocks: list[str], title: str | None) -> list[str]:
    """The blocks without the headline they start with: it is the title."""
    if blocks and title is not None and _same_words(blocks[0], title):
        return blocks[1:]
    return blocks


def _text(blocks: list[str], limits: Limits) -> tuple[str, tuple[str, ...]]:
    """The blocks as one text, a blank line between them, cut after the last whole block
    within ``limits.max_text_chars``."""
    text = unicodedata.normalize("NFC", "\n\n".join(blocks))
    if len(text) <= limits.max_text_chars:
        return text, ()
    cut = text.rfind("\n\n", 0, limits.max_text_chars + 1)
    text = text[: cut if cut > 0 else limits.max_text_chars]
    return text, (f"text cut at {len(text):,} characters (limit {limits.max_text_chars:,})",)


def _same_words(one: str, other: str) -> bool:
    return _words(one).casefold() == _words(other).casefold()


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- Chrome and the headline ------------------------------------------------------------------

# What marks an element as the page's chrome rather than its article: these tags outside an
# article, or a class or id with one of these words. Used to pick the headline and the
# dateline near it, never to cut the text (trafilatura does that).
_CHROME_TAGS = ("nav", "footer", "aside", "form", "header")
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:site-?header|top-?bar|topbar|menu|nav|navbar|footer|breadcrumbs?"
    r"|related|lienquan|othernews|tinkhac|comments?|binhluan|cookies?|banner|today|weather"
    r"|clock)(?:$|[\s_-])",
    re.I,
)


def _is_chrome(element: lxml.html.HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag == "article":
            return False  # a header or a nav inside the article is the article's
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in _CHROME_TAGS or _CHROME_NAMES.search(names):
            return True
    return False


def _headline(tree: lxml.html.HtmlElement, site_names: list[str]) -> lxml.html.HtmlElement | None:
    """The article's <h1>: not in the chrome, not the site's name (a logo); the first in an
    <article> or <main> when there are several."""
    found = [
        h1
        for h1 in tree.iter("h1")
        if _words(h1.text_content())
        and not _is_chrome(h1)
        and not any(_same_words(h1.text_content(), name) for name in site_names)
    ]
    in_article = [h1 for h1 in found if next(h1.iterancestors("article", "main"), None) is not None]
    return (in_article or found or [None])[0]


# --- The title --------------------------------------------------------------------------------

_SEPARATOR = re.compile(r"(\s+[-|–—»·]{1,2}\s+)")
# How a site's name starts in a <title>: "Báo Chính phủ", "Cổng TTĐT tỉnh Hà Giang", a
# domain. A body's name ("Bộ Nội vụ", "Sở Nội vụ") names the site only at the end: at the
# start it is as often the headline's subject ("Tỉnh Hà Giang - điểm sáng ...").
_SITE_NAME = re.compile(
    r"(?:Báo|Cổng|Trang (?:thông tin|tin)|Tạp chí|Website|Đài|Thông tấn)\b"
    r"|.*\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|info)\b"
)
_BODY_NAME = re.compile(r"(?:Bộ|Sở|Ủy ban|Uỷ ban|UBND|Văn phòng|Tỉnh|Thành phố|Huyện|Chính phủ)\b")
SITE_NAME_MAX_WORDS = 10
TITLE_MIN_WORDS = 2  # what is left of a <title> after its site's name is taken off


def _title(tree: lxml.html.HtmlElement, headline, site_names: list[str]) -> str | None:
    """The headline, else og:title, else <title>; the site's name taken off the last two."""
    if headline is not None:
        return _words(headline.text_content())
    for candidate in (_meta(tree, "og:title"), _title_element(tree)):
        if candidate:
            return _without_site_name(_words(candidate), site_names)
    return None


def _title_element(tree: lxml.html.HtmlElement) -> str | None:
    element = tree.find(".//head/title")
    return None if element is None else element.text_content()


def _without_site_name(title: str, site_names: list[str]) -> str:
    """``title`` without a first or last part that names the site: " - Báo Chính phủ"."""
    pieces = _SEPARATOR.split(title)  # parts and the separators between them
    if len(pieces) < 3:
        return title
    ends = ((pieces[-1], pieces[:-2], True), (pieces[0], pieces[2:], False))
    for site, rest, last in ends:
        kept = "".join(rest)
        if _is_site_name(site, site_names, last) and len(kept.split()) >= TITLE_MIN_WORDS:
            return kept
    return title


def _is_site_name(part: str, site_names: list[str], last: bool) -> bool:
    if any(_same_words(part, name) for name in site_names):
        return True
    if len(part.split()) > SITE_NAME_MAX_WORDS:
        return False
    return bool(_SITE_NAME.match(part) or (last and _BODY_NAME.match(part)))


def _site_names(tree: lxml.html.HtmlElement) -> list[str]:
    names = (_meta(tree, "og:site_name"), _meta(tree, "application-name"))
    return [_words(name) for name in names if name and name.strip()]


def _meta(tree: lxml.html.HtmlElement, key: str) -> str | None:
    for element in tree.iterfind(".//head/meta[@content]"):
        if key in (element.get("property"), element.get("name")):
            return element.get("content")
    return None


# --- The address ------------------------------------------------------------------------------

MAX_URL_CHARS = 2000


def _source(tree: lxml.html.HtmlElement) -> str | None:
    """The page's canonical address, else its og:url: an absolute http(s) URL only."""
    canonical = next(
        (
            link.get("href")
            for link in tree.iterfind(".//head/link[@href]")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    for candidate in (canonical, _meta(tree, "og:url")):
        url = (candidate or "").strip()
        if _is_web_address(url):
            return url
    return None


def _is_web_address(url: str) -> bool:
    if not url or len(url) > MAX_URL_CHARS or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# --- The date ---------------------------------------------------------------------------------

MIN_DATE = datetime.date(1945, 1, 1)
# Meta tags that may date the page: the publication's, never an update's.
_DATE_META = re.compile(r"date|time|publish|created|issued", re.I)
_UPDATE_META = re.compile(r"modif|updat|revis", re.I)
_PUBLISHED_JSON = re.compile(r'"date(?:Published|Created)"')
# The dateline stands next to the headline, within a few elements of it.
DATELINE_AFTER, DATELINE_BEFORE = 3, 2
DATELINE_MAX_CHARS = 100
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A sentence ends so; a dateline does not ("Ngày 15/7/2021, Chính phủ ban hành ..." cites).
_SENTENCE_END = re.compile(r"[.!?…]\W*$")


def _date(tree, anchor) -> tuple[datetime.date | None, str | None]:
    """The page's publication date as htmldate reads it from the page's date meta tags and
    JSON-LD, else from the dateline next to the headline; (None, None) without either.

    htmldate is never given the whole page: there it takes a related-news date, the site
    header's today or a date the article cites when the page's own is missing."""
    today = datetime.date.today()
    for origin, evidence in (
        ("html:meta", _meta_evidence(tree)),
        ("html:dateline", _dateline_evidence(anchor)),
    ):
        if evidence is None:
            continue
        found = htmldate.find_date(
            evidence,
            extensive_search=origin == "html:dateline",
            original_date=True,
            min_date=MIN_DATE.isoformat(),
            max_date=today.isoformat(),
        )
        date = _iso_date(found)
        if date is not None and MIN_DATE <= date <= today:
            return date, origin
    return None, None


def _iso_date(found: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _meta_evidence(tree) -> lxml.html.HtmlElement | None:
    """A page of the source page's date meta tags, its canonical link (a dated address)
    and its JSON-LD that states a publication date; nothing else."""
    head = lxml.html.Element("head")
    for element in tree.iterfind(".//meta[@content]"):
        key = " ".join(
            element.get(name, "") for name in ("property", "name", "itemprop", "http-equiv")
        )
        if _DATE_META.search(key) and not _UPDATE_META.search(key):
            head.append(_bare_copy(element))
    for element in tree.iterfind(".//link[@rel='canonical']"):
        head.append(_bare_copy(element))
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        if script.text and _PUBLISHED_JSON.search(script.text):
            head.append(_bare_copy(script))
    return _evidence_page(head=head) if len(head) else None


def _dateline_evidence(anchor) -> lxml.html.HtmlElement | None:
    dateline = _dateline(anchor) if anchor is not None else None
    return None if dateline is None else _evidence_page(body=[deepcopy(dateline)])


def _dateline(anchor: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The short element with a year next to the headline: after it, then before it, then
    after its parent; never one of the chrome. Before the parent is the site's header."""
    after = list(anchor.itersiblings())[:DATELINE_AFTER]
    before = list(anchor.itersiblings(preceding=True))[:DATELINE_BEFORE]
    parent = anchor.getparent()
    if parent is not None and parent.tag != "body":
        after_parent = list(parent.itersiblings())[:DATELINE_AFTER]
    else:
        after_parent = []
    return next((node for node in (*after, *before, *after_parent) if _is_dateline(node)), None)


def _is_dateline(element) -> bool:
    if not isinstance(element.tag, str) or _is_chrome(element):
        return False
    text = _words(element.text_content())
    has_time = next(element.iter("time"), None) is not None
    if len(text) > DATELINE_MAX_CHARS or _SENTENCE_END.search(text):
        return False
    if sum(1 for _ in element.iter("a")) > 1:
        return False  # a bar of links: the site's, not the article's
    return has_time or bool(_YEAR.search(text))


def _bare_copy(element):
    """A copy with only the attributes a date is read from."""
    element = deepcopy(element)
    for node in element.iter():
        for name in list(node.attrib):
            if name not in (
                "property",
                "name",
                "itemprop",
                "http-equiv",
                "content",
                "rel",
                "href",
                "type",
                "datetime",
            ):
                del node.attrib[name]
    return element


def _evidence_page(head=None, body=()) -> lxml.html.HtmlElement:
    page = lxml.html.Element("html")
    page.append(head if head is not None else lxml.html.Element("head"))
    body_element = lxml.etree.SubElement(page, "body")
    for element in body:
        body_element.append(_bare_copy(element))
    return page


# --- The entry point --------------------------------------------------------------------------


def extract_web_page(raw: bytes, limits: Limits) -> Extracted:
    """The article of a saved web page: text, headline, date, address; CorpusError with
    a short reason when the bytes are not a page or hold no article."""
    _quiet_third_party_logs()
    if not raw.strip():
        raise CorpusError("empty file")
    text, encoding, notes = _decode(raw)
    tree = _parse(text)
    site_names = _site_names(tree)
    headline = _headline(tree, site_names)
    title = _title(tree, headline, site_names)
    # Where the dateline and the lead are looked for: next to the headline.
    anchor = headline if headline is not None else _title_holder(tree, title)
    try:
        # Both libraries walk hostile markup; whatever they raise, the file is skipped
        # with a reason rather than stopping the run.
        date, date_origin = _date(tree, anchor)
        _unwrap_layout_tables(tree)
        blocks = _with_lead(_without_headline(_article_blocks(tree), title), anchor)
    except CorpusError:
        raise
    except Exception as error:  # noqa: BLE001
        raise CorpusError(f"cannot read the web page: {type(error).__name__}") from error
    body, cut_notes = _text(blocks, limits)
    if not body:
        raise CorpusError(NO_ARTICLE)
    return Extracted(
        text=body,
        title=title,
        date=date,
        date_origin=date_origin,
        source=_source(tree),
        encoding=f"html {_ENCODING_NAMES.get(encoding, encoding)}",
        notes=notes + cut_notes,
    )


def _title_holder(tree, title: str | None):
    """The element of the body whose text is the title, when the headline is no <h1>
    (a portal's "ContentTitle" div): the dateline is looked for next to it."""
    body = tree.find("body")
    if title is None or body is None:
        return None
    start = title.split()[0]
    for element in body.iter():
        # The element's own text must start like the title: cheap, and it is never
        # the whole page's text that is compared.
        if not isinstance(element.tag, str) or not (element.text or "").strip().startswith(start):
            continue
        if _same_words(element.text_content(), title) and not _is_chrome(element):
            while (parent := element.getparent()) is not None and _same_words(
                parent.text_content(), title
            ):
                element = parent
            return element
    return None


@functools.cache
def _quiet_third_party_logs() -> None:
    """trafilatura and htmldate log what a skipped file's reason already says ("discarding
    data", "parsed tree length"); the indexer's report is where a file's problems are told."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
