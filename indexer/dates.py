"""The date a document gives itself: its header, dateline or publication stamp.

Dates a document only cites (the decree it implements, the programme it reviews) and dates of
the page around it (today's date in a site header, comments, related news) are not its date.

    >>> parse_date("Sáng 15/9, Thủ tướng chủ trì hội nghị", context_year=2022).date
    datetime.date(2022, 9, 15)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from indexer.vntext import normalize

MIN_YEAR, MAX_YEAR = 1945, 2100
# A report is written within days of what it reports; an event further back is recalled.
RECALLED_AFTER_DAYS = 31


@dataclass(frozen=True)
class DateFact:
    """A date as far as it is known: day and month without a year when the text gives none."""

    day: int | None
    month: int | None
    year: int | None

    @property
    def date(self) -> datetime.date | None:
        if self.day is None or self.month is None or self.year is None:
            return None
        return datetime.date(self.year, self.month, self.day)


_FULL_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])")
_FULL_WORDS = re.compile(
    r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|\s*[/,]\s*)(\d{4})(?!\d)",
    re.IGNORECASE,
)
_DAY_MONTH_WORDS = re.compile(
    r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm\s+|[/,]\s*)\d|\d)",
    re.IGNORECASE,
)
# A bare "d/m" is a fraction ("36/63 địa phương") unless a dating word stands before it.
_DAY_MONTH_DATED = re.compile(
    r"(?<!\w)(?:(?:sáng|chiều|tối|trưa|đêm|hôm)(?:\s+(?:nay|qua))?(?:\s+ngày)?|ngày)"
    r"\s*\(?\s*(\d{1,2})\s*[/-]\s*(\d{1,2})(?!\d|\s*[/.-]\s*\d)",
    re.IGNORECASE,
)
# ... or it stands in a dateline: alone on its line, after a time ("18:13, 14/11") or a
# place ("Hà Nội, 15/9"), and followed by the line's end, a dash or a time.
_DAY_MONTH_DATELINE = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}[:h]\d{2}|[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})[ \t]*,[ \t]*)?"
    r"(\d{1,2})/(\d{1,2})[ \t]*(?=$|[-–—]|\d{1,2}:\d{2})",
    re.MULTILINE,
)
# A date right after a document number dates that other document: "1291/QĐ-TTg ngày 7/10/2019".
_DOCUMENT_NUMBER_BEFORE = re.compile(r"\d+[a-z]?/\S*[A-ZĐ]\S*,?\s+(?:ngày\s+)?$")


def _date_candidates(text: str) -> list[tuple[int, DateFact]]:
    """Every valid date expression in `text`, as (position, fact), in reading order."""
    found = []
    for m in _FULL_NUMERIC.finditer(text):
        found.append((m.start(), int(m[1]), int(m[3]), int(m[4])))
    for m in _FULL_WORDS.finditer(text):
        found.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for pattern in (_DAY_MONTH_WORDS, _DAY_MONTH_DATED, _DAY_MONTH_DATELINE):
        for m in pattern.finditer(text):
            found.append((m.start(), int(m[1]), int(m[2]), None))
    facts = []
    for start, day, month, year in sorted(found, key=lambda f: f[0]):
        if is_valid_date(day, month, year) and not _DOCUMENT_NUMBER_BEFORE.search(
            text[max(0, start - 40) : start]
        ):
            facts.append((start, DateFact(day, month, year)))
    return facts


def is_valid_date(day: int, month: int, year: int | None) -> bool:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return False
    try:
        datetime.date(2000 if year is None else year, month, day)  # 2000 allows 29/2
    except ValueError:
        return False
    return True


def cites_an_earlier_date(sentence: str, own: DateFact | None) -> bool:
    """Whether a sentence dates what it tells before the document's own date: a past event
    the text recalls ("Ngày 22/12/2024, Tổng Bí thư đã ký …" in a text of 2025)."""
    if own is None or own.year is None:
        return False
    for _, fact in _date_candidates(sentence):
        if fact.year is None:
            continue
        if fact.year < own.year:
            return True
        if fact.year == own.year and own.month and own.day:
            days = (datetime.date(own.year, own.month, own.day) - fact.date).days
            if days > RECALLED_AFTER_DAYS:
                return True
    return False


def parse_date(text: str, context_year: int | None = None) -> DateFact | None:
    """The first date expression in `text`; a day and month alone take `context_year`."""
    for _, fact in _date_candidates(normalize(text)):
        if fact.year is not None:
            return fact
        if context_year is None:
            return fact
        if is_valid_date(fact.day, fact.month, context_year):
            return DateFact(fact.day, fact.month, context_year)
    return None


# --- the document's own date --------------------------------------------------------------
#
# Only dates where a document dates itself are taken, by where they stand, strongest first:
#   header    a legal document's place-and-date line ("Hà Nội, ngày 14 tháng 5 năm 2013"),
#             alone on its line or in a header table, at the top or at the signature; an
#             upper-case heading that names the document with its date; database fields
#             such as "Ngày ban hành: 14/05/2013";
#   stamp     a page's publication stamp: a short line that is a date with a label, a
#             weekday or a time ("Thứ năm, 30/05/2024 11:24 (GMT+7)"), in the head of the
#             page; page metadata ("date 2025-11-05");
#   dateline  the date that opens the lead ("(Chinhphu.vn) - Sáng 15/9/2020,"), or, after a
#             summary paragraph, a reporter's "Chiều ngày 8-1-2018,";
#   journal   a journal article's received or accepted date (the latest);
#   title     a full date in a headline, unless it dates a cited document, a deadline or a span;
#   number    the year in the document's own number ("Số: 30/2018/QĐ-UBND", or a title that
#             starts with the kind and number);
#   period    a month, quarter or half-year that dates the document: "Hà Nội, tháng 10 năm
#             2020" alone on its line, or a report's title ("6 tháng đầu năm 2023").
# Everything else is a date the text talks about: a decree it cites, a programme it reviews,
# a deadline, history. An update stamp ("Cập nhật lúc"), view counters and related-news lists
# are the page's, not the document's; a day and month without a year give no year.

HEAD_LINES = 15  # where a page puts its stamps and a legal document its header
DATELINE_LINES = 8  # where a news item opens with its dateline, at most
# The first paragraph (the dateline is there or nowhere): a line of this many words that
# ends a sentence, or of LEAD_WORDS words whatever its end.
LEAD_MIN_WORDS = 8
LEAD_WORDS = 30
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", ":")
TAIL_CHARS = 1500  # the end of a document, where the signature date stands
STAMP_MAX_CHARS = 90  # a stamp line is short; a sentence with a date is not a stamp

_DMY_WORDS = r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|[/,]\s*)(?P<y>\d{4})(?!\d)"
_DMY_NUMERIC = r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/])"
# Either form in one pattern: the numeric one's groups are renamed nd, nm, ny.
_DMY_EITHER = (
    "(?:"
    + _DMY_NUMERIC.replace("?P<", "?P<n").replace("?P=sep", "?P=nsep")
    + r"|(?:ngày\s+)?"
    + _DMY_WORDS
    + ")"
)
_WORDS_DATE_ANYWHERE = re.compile(r"(?<!\w)ngày\s+" + _DMY_WORDS, re.IGNORECASE)
# Words are separated by spaces or a dash (a word may end in a dot: "TP."); letting the
# separator be empty would let the engine split every word every way before giving up.
_PLACE = (
    r"(?P<place>[^\W\d_][^\W\d_.]*\.?(?:(?:[ \t]*-[ \t]*|[ \t]+|(?<=\.))"
    r"[^\W\d_][^\W\d_.]*\.?){0,5})"
)

# That the place starts with a capital is checked in code: re cannot ask for Vietnamese
# capitals, and IGNORECASE has to let "NGÀY 14 THÁNG 5 NĂM 2013" through.
_HEADER_DATE = re.compile(
    r"(?:^|\|)[ \t]*(?:" + _PLACE + r"[ \t]*,\s*)?ngày\s+" + _DMY_EITHER + r"[ \t.]*(?=$|\|)",
    re.IGNORECASE | re.MULTILINE,
)
# A field of a legal database's record, in a list ("• Ngày ban hành: 21/06/2021") or a
# table ("Ngày ban hành: | 28/12/2012 |").
_HEADER_FIELD = re.compile(
    r"(?:^|\|)[ \t•*-]*(?:ngày\s+ban\s+hành|ban\s+hành\s+ngày|ngày\s+ký|ngày\s+văn\s+bản)"
    r"[ \t]*:?[ \t|]*" + _DMY_EITHER,
    re.IGNORECASE | re.MULTILINE,
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|t[2-7]|cn)"
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch))?"
_STAMP_LABEL = (
    r"(?:đăng\s+lúc|đăng\s+ngày|ngày\s+đăng|thời\s+gian(?:\s+đăng)?|ngày\s+xuất\s+bản"
    r"|xuất\s+bản|ngày\s+phát\s+hành|posted|published)"
)
_STAMP = re.compile(
    r"(?:(?P<t1>" + _TIME + r")[ \t]*[,|-]?[ \t]*)?(?:ngày[ \t]+)?"
    r"(?:"
    + _DMY_EITHER
    # "31 Tháng 5 2016", and the ISO form of page metadata: "2019-04", "2025-12-02"
    + r"|(?P<xd>\d{1,2})[ \t]+tháng[ \t]+(?P<xm>\d{1,2})[ \t]+(?P<xy>\d{4})(?!\d)"
    + r"|(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})(?:-(?P<id>\d{2}))?(?![\d-]))"
    + r"(?:[ \t]*[,|-]?[ \t]*(?P<t2>"
    + _TIME
    + r"))?(?:[ \t]*[\[(]?[ \t]*gmt[ \t]*\+[ \t]*7[ \t]*[\])]?)?",
    re.IGNORECASE,
)
# What may stand before a stamp's date: a label, a weekday, an author's name in capitals.
_STAMP_BEFORE = re.compile(
    r"(?:" + _STAMP_LABEL + r"|date)?[ \t]*:?[ \t]*(?:" + _WEEKDAY + r")?[ \t]*",
    re.IGNORECASE,
)
_STAMP_BYLINE_WORDS = 6
_ENDS_WITH_LABEL = re.compile(r"(?<!\w)" + _STAMP_LABEL + r"[ \t]*:?$", re.IGNORECASE)
# Page metadata at the start of a line, however long the line: "date 2025-11-05 Quốc hội …".
_METADATA_DATE = re.compile(
    r"[ \t]*(?:date|published|ngày\s+đăng)[ \t]*:?[ \t]*"
    r"(?P<iy>\d{4})-(?P<im>\d{2})(?:-(?P<id>\d{2}))?(?![\d-])",
    re.IGNORECASE,
)
_PAGE_CHROME = re.compile(
    r"cập\s+nhật|lượt\s+xem|lượt\s+đọc|bình\s+luận|phản\s+hồi|views?\b|copyright|©|bản\s+quyền",
    re.IGNORECASE,
)
# A dateline opens a paragraph: a source tag ("(Chinhphu.vn) -", "HÀ NỘI (TTXVN) -"), a
# time of day ("Sáng", "Chiều qua"), then the date.
_SOURCE_TAG = (
    r"(?P<tag>(?:\([^\n()]{1,30}\)|[^\W\d_][^\n()]{0,30}?(?:[ \t]*\([^\n()]{1,20}\))?)"
    r"[ \t]*[-–—][ \t]*)?"
)
_TIME_OF_DAY = (
    r"(?P<when>(?:(?:sáng|chiều|tối|trưa|đêm)(?:[ \t]+(?:nay|qua))?|hôm[ \t]+nay,?)"
    r"(?:[ \t]+ngày)?[ \t]*|ngày[ \t]+)?"
)
_REPORTED = re.compile(r"sáng|chiều|tối|trưa|đêm|hôm", re.IGNORECASE)
_DATELINE_FULL = re.compile(
    r"[ \t]*" + _SOURCE_TAG + _TIME_OF_DAY + r"\(?[ \t]*" + _DMY_EITHER, re.IGNORECASE
)
# A bare "d/m" is a fraction ("4/5 chỉ tiêu") unless a time of day or "ngày" stands before it.
_DATELINE_DAY_MONTH = re.compile(
    r"[ \t]*" + _SOURCE_TAG + _TIME_OF_DAY + r"\(?[ \t]*"
    r"(?P<d>\d{1,2})(?:[ \t]*/[ \t]*|\s+tháng\s+)(?P<m>\d{1,2})(?![\d/.-]|\s*(?:năm\s+|[/,]\s*)\d)",
    re.IGNORECASE,
)
_OWN_NUMBER = re.compile(
    r"^[ \t]*số[ \t]*:?[ \t]*\d+[a-zđ]?/(?P<y>\d{4})/[A-ZĐ]", re.IGNORECASE | re.MULTILINE
)
_KIND = (
    r"(?:quyết\s+định|nghị\s+quyết|nghị\s+định|chỉ\s+thị|thông\s+tư|kế\s+hoạch|báo\s+cáo"
    r"|thông\s+báo|công\s+văn|luật|pháp\s+lệnh)"
)
_TITLE_NUMBER = re.compile(
    r"[ \t]*" + _KIND + r"[ \t]+(?:số[ \t]+)?\d+[a-zđ]?/(?P<y>\d{4})/[A-ZĐ]", re.IGNORECASE
)
# "Hà Nội, tháng 10 năm 2020" under a report; "THANH HÓA, NĂM 2022" on a thesis cover.
_PLACE_MONTH = re.compile(
    r"^[ \t]*"
    + _PLACE
    + r"[ \t]*,[ \t]*(?:tháng[ \t]+(?P<m>\d{1,2})[ \t]*(?:năm[ \t]+|/)|năm[ \t]+)"
    r"(?P<y>\d{4})[ \t.]*$",
    re.IGNORECASE | re.MULTILINE,
)
# In a title, the part of a year a report or plan covers dates it within that year, except
# at the year's ends: a plan for January or the first quarter is issued in the December
# before, a report on December, the fourth quarter or the whole year in the January after.
_TITLE_PERIOD = re.compile(
    r"(?<!\w)(?:(?:6|9|sáu|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?|quý\s+(?:II|III|2|3)"
    r"|tháng\s+(?:[2-9]|1[01]))\s*(?:năm\s+|/\s*)(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)

# A journal article's own dates: received, reviewed, accepted ("Ngày bài báo được duyệt
# đăng: 26/03/2021", "Nhận ngày 15 tháng 10 năm 2010"); the latest is nearest publication.
_JOURNAL_DATE = re.compile(
    r"(?:(?<!\w)ngày\s+(?:bài\s+báo\s+|tòa\s+soạn\s+)?(?:được\s+)?"
    r"(?:nhận(?:\s+được)?(?:\s+bài)?|duyệt\s+đăng|chấp\s+nhận\s+đăng|phản\s+biện(?:\s+đánh\s+giá)?"
    r"|sửa\s+chữa|hoàn\s+thiện)|^[ \t]*nhận\s+(?:bài\s+)?(?=ngày))[ \t]*:?[ \t]*" + _DMY_EITHER,
    re.IGNORECASE | re.MULTILINE,
)

# Titles of the documents that a period dates: reports, plans, programmes, notices.
_REPORT_TITLE = re.compile(
    r"\W*(?:báo\s+cáo|kế\s+hoạch|chương\s+trình|thông\s+báo|tình\s+hình|kết\s+quả|bản\s+tin"
    r"|tổng\s+hợp|sơ\s+kết|tổng\s+kết|đánh\s+giá)(?!\w)",
    re.IGNORECASE,
)

_STRENGTH = ("header", "stamp", "dateline", "journal", "title", "number", "period")


@dataclass(frozen=True)
class _Found:
    fact: DateFact
    kind: str  # one of _STRENGTH


def _capitalised_place(place: str | None) -> bool:
    """Whether a header's place reads as a place name ("Hà Nội", "Thành phố Cao Lãnh",
    "TP. Hồ Chí Minh"): it starts with a capital."""
    return not place or place.strip()[0].isupper()


def _fact(match: re.Match) -> DateFact | None:
    """The valid date a match captured: groups d, m, y (day and year may be absent), or the
    same with the prefix of another form of the pattern (nd, nm, ny; xd, …; id, …)."""
    groups = match.groupdict()
    prefix = next(p for p in ("", "n", "x", "i") if groups.get(p + "m") is not None)
    day = int(groups[prefix + "d"]) if groups.get(prefix + "d") else None
    month = int(groups[prefix + "m"])
    year = int(groups[prefix + "y"]) if groups.get(prefix + "y") else None
    if not is_valid_date(day or 1, month, year):
        return None
    return DateFact(day, month, year)


def _year_only(year: str) -> DateFact | None:
    return DateFact(None, None, int(year)) if MIN_YEAR <= int(year) <= MAX_YEAR else None


def _header_dates(text: str, head: str) -> list[DateFact]:
    """Place-and-date lines at the top or at the signature, and dated header fields."""
    long_text = len(text) > TAIL_CHARS * 3
    areas = (text[: TAIL_CHARS * 2], text[-TAIL_CHARS:]) if long_text else (text,)
    found = [
        _fact(match)
        for area in areas
        for match in _HEADER_DATE.finditer(area)
        if _capitalised_place(match["place"])
    ]
    found += [_fact(match) for match in _HEADER_FIELD.finditer(head)]
    return [fact for fact in found if fact]


def _capitals_title_dates(head_lines: list[str]) -> list[DateFact]:
    """Dates in an upper-case heading line: "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 30/QĐ-TTG NGÀY 10
    THÁNG 01 NĂM 2007" names the document itself; cited documents are written in lower case."""
    found = []
    for line in head_lines:
        if "ngày" not in line.lower():
            continue
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
            found += [m for m in _WORDS_DATE_ANYWHERE.finditer(line)]
    return [fact for m in found if (fact := _fact(m))]


def _stamp(line: str) -> DateFact | None:
    """The date of a publication stamp line, or None when the line is not one.

    A stamp is a short line that is a date, marked as a stamp by a label, a weekday or a
    time ("Thứ năm, 30/05/2024 11:24 (GMT+7)", "VĂN HÀO 30/04/2016 11:39"), and followed at
    most by a few words of chrome (a counter). A date after "Cập nhật" is the page's.
    """
    if (metadata := _METADATA_DATE.match(line)) is not None:
        return _fact(metadata)
    if len(line) > STAMP_MAX_CHARS:
        return None
    match = _STAMP.search(line)
    if match is None:
        return None
    before = line[: match.start()].strip(" \t|,-–—")
    after = line[match.end() :].strip(" \t|,-–—.")
    if _PAGE_CHROME.search(before):
        return None
    # A label may follow a section name: "Chính phủ số - Ngày đăng : 11:49, 25/07/2020".
    labelled = bool(before) and (
        _STAMP_BEFORE.fullmatch(before) is not None or _ENDS_WITH_LABEL.search(before) is not None
    )
    timed = bool(match["t1"] or match["t2"])
    byline = before.isupper() and len(before.split()) <= _STAMP_BYLINE_WORDS and timed
    if before and not (labelled or byline):
        return None
    if after and not (labelled or timed or match["iy"]):
        return None
    if after and not _PAGE_CHROME.search(after) and len(after.split()) > 4:
        return None
    return _fact(match)


# "Ngày 03/6/2020, Thủ tướng đã ban hành Quyết định số 749/QĐ-TTg": the date of the
# document the text goes on to cite, not of the text.
_ISSUES_A_DOCUMENT = re.compile(
    r"^[^.;\n]{0,120}?(?:ban\s+hành|ký|thông\s+qua)\s+(?:[^\W\d_]+\s+){0,2}?"
    r"(?:Quyết\s+định|Nghị\s+định|Nghị\s+quyết|Chỉ\s+thị|Thông\s+tư|Luật|Kế\s+hoạch"
    r"|Công\s+văn|Văn\s+bản|Thông\s+báo|Kết\s+luận)(?!\w)",
    re.IGNORECASE,
)


def _dateline(line: str, following: str = "", reported: bool = False) -> DateFact | None:
    """The date that opens a paragraph, with or without its year; `following` is the next
    line, where a sentence broken by the page goes on. `reported`: only with a time of day
    or a source tag, as a reporter writes it."""
    if _PAGE_CHROME.search(line[:80]):
        return None
    match = _DATELINE_FULL.match(line)
    if match is None:
        match = _DATELINE_DAY_MONTH.match(line)
        if match is None or not (match["when"] or match["tag"]):
            return None
    if reported and not (match["tag"] or _REPORTED.match(match["when"] or "")):
        return None
    if _ISSUES_A_DOCUMENT.search(line[match.end() :] + " " + following):
        return None
    return _fact(match)


_DAY_RANGE = re.compile(
    r"(?<![\d/])\d{1,2}\s*[-–]\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"
)


TITLE_MAX_WORDS = 30  # a longer first line is a paragraph, not a headline
# A date after these words is a deadline or a start, not when the text was written.
_NOT_YET = re.compile(r"(?:từ|đến|tới|trước|sau|kể\s+từ|hạn|hết)(?:\s+ngày)?\s*$", re.IGNORECASE)


# A date that starts or ends a span ("19/8/1945 - 19/8/2024") marks an anniversary.
_SPAN_AFTER = re.compile(r"\d{1,2}/\d{1,2}/\d{4}\s*[-–]\s*\d")
_SPAN_BEFORE = re.compile(r"\d{4}\s*[-–]\s*$")


def _title_date(title: str) -> DateFact | None:
    """A full date in the title ("Hội nghị giao ban (14/05/2019)"), unless it dates a cited
    document ("Nghị định 30/2020/NĐ-CP ngày 8/4/2020") or a deadline ("từ ngày 1-7-2025")."""
    if len(title.split()) > TITLE_MAX_WORDS:
        return None
    for start, fact in _date_candidates(title):
        around = title[max(0, start - 10) : start]
        spans = _SPAN_BEFORE.search(around) or _SPAN_AFTER.match(title, start)
        if fact.year is not None and not (_NOT_YET.search(title[:start]) or spans):
            return fact
    if days := _DAY_RANGE.search(title):  # a week: "tuần từ 11-15/3/2019"
        return _fact(days)
    return None


# Words and what separates them are told apart by \w and \W, which never overlap: with \S
# a run like "1/1/1/…" could be cut into words in exponentially many ways.
_TODAY = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:sáng|chiều|tối|trưa|hôm)\s+nay\b", re.IGNORECASE)


def _stamps(head_lines: list[str], dateline_lines: list[str]) -> list[_Found]:
    """The page's publication stamps. A stamp on the page's first line is the site's header
    showing today's date when another stamp with another date follows, or when the article
    says which day is today ("Sáng nay (12/10)") and it is another."""
    stamps = [(index, fact) for index, line in enumerate(head_lines) if (fact := _stamp(line))]
    today = {
        (fact.day, fact.month)
        for line in dateline_lines
        if _TODAY.search(line) and (fact := _dateline(line))
    }
    if stamps and stamps[0][0] <= 1:
        first = stamps[0][1]
        followed = len(stamps) > 1 and stamps[1][1] != first
        if followed or (today and (first.day, first.month) not in today):
            stamps = stamps[1:]
    return [_Found(fact, "stamp") for _, fact in stamps]


def _lead(lines: list[str]) -> tuple[list[str], str | None]:
    """The opening lines up to the first paragraph of prose, where a dateline stands; and
    the paragraph after it, where a report that opens with a summary puts its dateline."""
    for index, line in enumerate(lines[:DATELINE_LINES]):
        words = len(line.split())
        # A headline can be as long, but it neither ends a sentence nor runs on.
        if words >= LEAD_MIN_WORDS and (line.endswith(_SENTENCE_ENDS) or words >= LEAD_WORDS):
            return lines[: index + 1], next(iter(lines[index + 1 : index + 2]), None)
    return lines[:DATELINE_LINES], None


def _candidates(title: str, text: str) -> list[_Found]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head_lines = [title.strip(), *lines[:HEAD_LINES]]
    head = "\n".join(head_lines)
    found = [_Found(fact, "header") for fact in _header_dates(text, head)]
    found += [_Found(fact, "header") for fact in _capitals_title_dates(head_lines)]
    opening, second = _lead(lines)
    dateline_lines = [title.strip(), *opening]
    found += _stamps(head_lines, dateline_lines)
    found += [
        _Found(fact, "dateline")
        for line, following in zip(dateline_lines, [*dateline_lines[1:], ""], strict=True)
        if (fact := _dateline(line, following))
    ]
    # After a summary, only a reporter's dateline ("Chiều ngày 8-1-2018, …"): a paragraph
    # opening "Ngày 14/8/1945, …" tells a story.
    if second and (fact := _dateline(second, reported=True)):
        found.append(_Found(fact, "dateline"))
    journal = [fact for m in _JOURNAL_DATE.finditer(head) if (fact := _fact(m))]
    if journal:
        found.append(_Found(max(journal, key=lambda f: (f.year, f.month, f.day)), "journal"))
    # A first line that is a stamp was weighed with the stamps.
    if _stamp(title) is None and (fact := _title_date(title)) is not None:
        found.append(_Found(fact, "title"))
    numbers = [*_OWN_NUMBER.finditer(head), *filter(None, [_TITLE_NUMBER.match(title)])]
    found += [_Found(fact, "number") for m in numbers if (fact := _year_only(m["y"]))]
    for match in _PLACE_MONTH.finditer(head + "\n" + text[-TAIL_CHARS:]):
        if _capitalised_place(match["place"]) and (fact := _year_only(match["y"])):
            found.append(_Found(fact, "period"))
    period = _TITLE_PERIOD.search(title) if _REPORT_TITLE.match(title) else None
    if period and (fact := _year_only(period["y"])):
        found.append(_Found(fact, "period"))
    return found


def own_date(title: str, text: str) -> tuple[DateFact | None, bool]:
    """The date the document gives itself, and whether its year was inferred.

    A day and month without a year (a dateline "Sáng 15/9,") take the year of the strongest
    date of the same document when that gives only a year; otherwise the year stays unknown.
    """
    found = _candidates(normalize(title or ""), normalize(text))
    found.sort(key=lambda f: _STRENGTH.index(f.kind))  # stable: reading order within a kind
    with_year = [f.fact for f in found if f.fact.year is not None]
    day_month = next((f.fact for f in found if f.fact.year is None and f.fact.day), None)
    if not with_year:
        return day_month, False
    best = with_year[0]
    if best.day is None and day_month and is_valid_date(day_month.day, day_month.month, best.year):
        return DateFact(day_month.day, day_month.month, best.year), True
    return best, False
