"""What a page holds besides its article: the site's name, menus, today's date, the
related-news list, the comment form, the footer, the cookie banner. Drawn at random for each
page and recorded phrase by phrase, so that whatever of it reaches the indexed text can be
counted.

A phrase is counted where the extracted text holds it more often than the article itself
does: "Thời sự" in a menu is chrome, in the article's own sentence it is not.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field

MENU = (
    "Trang chủ",
    "Thời sự",
    "Chính trị",
    "Kinh tế",
    "Xã hội",
    "Pháp luật",
    "Chính sách mới",
    "Văn bản",
    "Dịch vụ công",
    "Hỏi đáp",
    "Tin địa phương",
    "Liên hệ",
)
SECTIONS = ("Thời sự", "Tin hoạt động", "Chính sách mới", "Tin tức - Sự kiện", "Xã hội")
PROVINCES = ("Hà Giang", "Nghệ An", "Quảng Nam", "Đồng Tháp", "Lâm Đồng", "Bắc Ninh")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass
class Chrome:
    """The chrome phrases a file holds, by kind, and patterns for those that vary by page
    of a printed file ("Trang 2/5")."""

    phrases: list[tuple[str, str]] = field(default_factory=list)  # (kind, phrase)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (kind, regex)

    def add(self, kind: str, *phrases: str) -> str:
        """Record the phrases; return the first, for the template to print."""
        self.phrases.extend((kind, phrase) for phrase in phrases)
        return phrases[0]

    def as_data(self) -> dict:
        return {"phrases": self.phrases, "patterns": self.patterns}


def leaked(extracted: str, source: str, chrome: dict) -> list[tuple[str, str, int]]:
    """(kind, phrase, times) of every chrome phrase or pattern the extracted text holds more
    often than the source article; both texts normalised alike by the caller."""
    found = []
    seen: set[str] = set()
    for kind, phrase in chrome["phrases"]:
        if phrase in seen:
            continue
        seen.add(phrase)
        extra = extracted.count(phrase) - source.count(phrase)
        if extra > 0:
            found.append((kind, phrase, extra))
    for kind, pattern in chrome["patterns"]:
        matches = re.findall(pattern, extracted)
        extra = len(matches) - len(re.findall(pattern, source))
        if extra > 0:
            found.append((kind, matches[0], extra))
    return found


def words_of(found: list[tuple[str, str, int]]) -> int:
    return sum(len(phrase.split()) * times for _, phrase, times in found)


def a_date(rng: random.Random, start: int = 2016, end: int = 2019) -> datetime.datetime:
    day = datetime.date(start, 1, 1) + datetime.timedelta(days=rng.randrange(365 * (end - start)))
    return datetime.datetime.combine(day, datetime.time(rng.randrange(6, 22), rng.randrange(60)))


def today_line(moment: datetime.datetime) -> str:
    return f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}"


def menu(rng: random.Random) -> list[str]:
    return ["Trang chủ", *rng.sample(MENU[1:], rng.randrange(4, 8))]


def related(
    rng: random.Random, headlines: list[str], after: datetime.datetime
) -> list[tuple[str, str]]:
    """A related-news list: other articles' headlines, each with a date near the article's."""
    items = []
    for title in rng.sample(headlines, min(len(headlines), rng.randrange(3, 6))):
        when = after - datetime.timedelta(days=rng.randrange(1, 60))
        items.append((title, f"{when:%d/%m/%Y}"))
    return items
