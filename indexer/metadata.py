"""Facts about a document from its front matter and its text: date, periods, leaders, topics.

Every function here is pure: text in, values out. Domain knowledge (who the leaders are, which
words mark a topic) lives in `indexer/data/*.yaml`, read on first use.

    >>> parse_date("Sáng 15/9, Thủ tướng chủ trì hội nghị", context_year=2022).date
    datetime.date(2022, 9, 15)
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from indexer.document import EXTRACTED, FRONT_MATTER, INFERRED, CorpusError, Metadata
from indexer.yaml_data import load_yaml

NO_TITLE = "(không có tiêu đề)"
MIN_YEAR, MAX_YEAR = 1945, 2100

# The master programmes of State administrative reform (136/2001/QĐ-TTg, 30c/NQ-CP,
# 76/NQ-CP). Every document belongs to the programme running in its year.
PERIODS = ((2001, 2010), (2011, 2020), (2021, 2030))

# --- text normalisation --------------------------------------------------------------------

_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def _tone_placement_pairs() -> dict[str, str]:
    """Old-style 'oà', 'uỷ' → new-style 'òa', 'ủy' (the tone moves to the first vowel)."""
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONE_MARKS:
            old = first + unicodedata.normalize("NFC", second + mark)
            new = unicodedata.normalize("NFC", first + mark) + second
            for convert in (str.lower, str.upper, str.capitalize):
                pairs[convert(old)] = convert(new)
    return pairs


_TONE_PAIRS = _tone_placement_pairs()
# Only at a syllable's end ('hoàn' is right in both styles); 'qu' is a consonant, so 'quý'
# has no old/new variant.
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(map(re.escape, _TONE_PAIRS)) + r")(?!\w)",
)
# What the alternation can match, and a little more ('oÀ'), as two sets of letters: far
# quicker to search for, it finds most texts (and all texts normalised already) without one.
_TONE_HINT = re.compile(
    "(?<![qQ])[" + "".join(sorted({old[0] for old in _TONE_PAIRS})) + "]"
    "[" + "".join(sorted({old[1] for old in _TONE_PAIRS})) + r"](?!\w)"
)


def _normalize(text: str) -> str:
    """NFC, and one tone placement ('hoá' → 'hóa', 'thuỷ' → 'thủy'); the length is kept."""
    text = unicodedata.normalize("NFC", text)
    if _TONE_HINT.search(text) is None:
        return text
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(1)], text)


def _phrase_pattern(phrase: str) -> str:
    """A regex for a phrase as whole words, any run of spaces between its words."""
    return r"(?<!\w)" + _phrase_words(phrase) + r"(?!\w)"


def _phrase_words(phrase: str) -> str:
    """A regex for the words of a phrase, any run of spaces between them."""
    return r"\s+".join(map(re.escape, _normalize(phrase).split()))


def _as_written(text: str) -> str:
    """NFC with spaces collapsed; tone placement is kept, as the author wrote it."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _key(name: str) -> str:
    return " ".join(_normalize(name).casefold().split())


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_BREAK.split(text) if s.strip()]


# --- dates -----------------------------------------------------------------------------


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
        if _is_valid_date(day, month, year) and not _DOCUMENT_NUMBER_BEFORE.search(
            text[max(0, start - 40) : start]
        ):
            facts.append((start, DateFact(day, month, year)))
    return facts


def _is_valid_date(day: int, month: int, year: int | None) -> bool:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return False
    try:
        datetime.date(2000 if year is None else year, month, day)  # 2000 allows 29/2
    except ValueError:
        return False
    return True


def parse_date(text: str, context_year: int | None = None) -> DateFact | None:
    """The first date expression in `text`; a day and month alone take `context_year`."""
    for _, fact in _date_candidates(_normalize(text)):
        if fact.year is not None:
            return fact
        if context_year is None:
            return fact
        if _is_valid_date(fact.day, fact.month, context_year):
            return DateFact(fact.day, fact.month, context_year)
    return None


# Scraped pages can put a site name, counters and the title again before the dateline; a
# date further down is in the body and may date something else.
_DATELINE_LINES = 8
_DATELINE_LINE_CHARS = 300


def _dateline_area(title: str, text: str) -> str:
    """The title and the start of the first lines: where a news item says when it happened."""
    lines = [line.strip() for line in _normalize(text).splitlines() if line.strip()]
    head = [line[:_DATELINE_LINE_CHARS] for line in lines[:_DATELINE_LINES]]
    return "\n".join([_normalize(title), *head])


def document_date(front_matter: dict, title: str, text: str) -> tuple[DateFact | None, str]:
    """The document's date and its origin: front matter `date`, `year`, else the dateline."""
    front_matter = {key: value for key, value in front_matter.items() if value is not None}
    if "date" in front_matter:
        day = _front_matter_date(front_matter["date"])
        fact = DateFact(day.day, day.month, day.year)
        if "year" in front_matter and _front_matter_year(front_matter["year"]) != day.year:
            raise CorpusError("front matter: year: disagrees with date")
        return fact, FRONT_MATTER
    year = _front_matter_year(front_matter["year"]) if "year" in front_matter else None
    candidates = _date_candidates(_dateline_area(title or "", text))
    first = candidates[0][1] if candidates else None
    if year is not None:
        # The curator's year completes a day and month read in the dateline.
        if first and first.year in (None, year) and _is_valid_date(first.day, first.month, year):
            return DateFact(first.day, first.month, year), INFERRED
        return DateFact(None, None, year), FRONT_MATTER
    if first is None or first.year is not None:
        return first, EXTRACTED
    # A day and month take their year only from a full date in the same dateline area.
    full = next((fact for _, fact in candidates if fact.year is not None), None)
    if full and _is_valid_date(first.day, first.month, full.year):
        return DateFact(first.day, first.month, full.year), INFERRED
    return first, EXTRACTED


# --- periods ---------------------------------------------------------------------------

_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
_REVIEW_WORDS = re.compile(r"(?<!\w)(?:đánh giá|tổng kết|sơ kết|nhìn lại)(?!\w)", re.IGNORECASE)
_REVIEW_REACH = 160  # characters between the review word and the span, in one sentence
_SINCE_YEAR = re.compile(
    r"(?<!\w)từ\s+(?:đầu\s+)?(?:năm\s+)?((?:19|20)\d\d)\s+(?:đến|tới)\s+nay(?!\w)",
    re.IGNORECASE,
)


def known_periods() -> tuple[str, ...]:
    return tuple(f"{first}-{last}" for first, last in PERIODS)


def _period_of_span(first: int, last: int) -> str | None:
    """The programme period that contains the span (a 5-year plan maps to its programme)."""
    for p_first, p_last in PERIODS:
        if p_first <= first <= last <= p_last:
            return f"{p_first}-{p_last}"
    return None


def _reviewed_periods(text: str) -> set[str]:
    """Periods the text reviews: 'đánh giá ... giai đoạn 2011-2020', 'tổng kết ...'."""
    found = set()
    for sentence in _sentences(_normalize(text)):
        for span in _SPAN.finditer(sentence):
            before = sentence[max(0, span.start() - _REVIEW_REACH) : span.start()]
            period = _period_of_span(int(span[1]), int(span[2]))
            if period and _REVIEW_WORDS.search(before):
                found.add(period)
    return found


def _periods_since(text: str) -> set[str]:
    """'từ năm 2021 đến nay': written in or after 2021, so in a period ending after it."""
    years = [int(m[1]) for m in _SINCE_YEAR.finditer(_normalize(text))]
    if not years:
        return set()
    latest = max(years)
    candidates = [f"{first}-{last}" for first, last in PERIODS if last >= latest]
    # Only when one period is left: 'từ năm 2015 đến nay' could be 2011-2020 or 2021-2030.
    return set(candidates) if len(candidates) == 1 else set()


def _periods_with_origin(year: int | None, text: str) -> tuple[tuple[str, ...], str | None]:
    reviewed = _reviewed_periods(text)
    if year is not None:
        inferred = {p for p in [_period_of_span(year, year)] if p}
    else:
        inferred = _periods_since(text)
    periods = tuple(sorted(reviewed | inferred))
    if not periods:
        return (), None
    return periods, INFERRED if inferred - reviewed else EXTRACTED


def periods_for(year: int | None, text: str) -> tuple[str, ...]:
    """Programme periods of a document: its year's, plus any the text reviews. Sorted."""
    return _periods_with_origin(year, text)[0]


# --- leaders ---------------------------------------------------------------------------


def _data(name: str) -> dict:
    return load_yaml(resources.files("indexer").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class _Registry:
    pattern: re.Pattern  # any name or variant
    canonical: dict[str, str]  # _key(name or variant) → canonical name


@functools.cache
def _registry() -> _Registry:
    canonical = {}
    for person in _data("leaders.yaml")["people"]:
        for written in [person["name"], *person.get("variants", [])]:
            canonical[_key(written)] = _as_written(person["name"])
    # Longest first, so "Phó Thủ tướng Phúc" wins over "Thủ tướng Phúc". "Phó " before a
    # title variant means the deputy, a different person.
    alternatives = sorted(canonical, key=len, reverse=True)
    # The whole-word tests stand outside the alternatives, not in each: the same matches
    # (a name that fails the test after it is backtracked into like any other), but the
    # search no longer tries every name inside every word: ten times faster.
    pattern = re.compile(
        r"(?<!Phó )(?<!\w)(?:" + "|".join(map(_phrase_words, alternatives)) + r")(?!\w)",
        re.IGNORECASE,
    )
    return _Registry(pattern, canonical)


def canonical_leader(name: str) -> str:
    """The registry's name for `name` (a variant or another spelling); else `name` as written."""
    return _registry().canonical.get(_key(name), _as_written(name))


# Attendees at a provincial or district bridge point of an online meeting, not its chairs.
_BRIDGE_ATTENDANCE = re.compile(
    r"(?<!\w)(?:tham\s+)?dự\b[^.\n]{0,60}?\b(?:tại|ở)\s+(?:các\s+)?điểm\s+cầu"
    r"|(?:^|(?<=[.!?…]))\s*tại\s+(?:các\s+)?điểm\s+cầu",  # a sentence opening "Tại điểm cầu"
    re.IGNORECASE | re.MULTILINE,
)
_CENTRAL_BRIDGE = re.compile(r"\W*(?:trụ sở\s+)?(?:Chính phủ|Trung ương)", re.IGNORECASE)
_NATIONAL_TITLE = re.compile(
    r"Thủ tướng|Bộ trưởng|Chủ nhiệm Văn phòng Chính phủ|Trưởng Ban Chỉ đạo|Chủ tịch nước"
    r"|Chủ tịch Quốc hội|Tổng Bí thư|Bộ Chính trị|Trung ương|Chính phủ|Quốc hội",
    re.IGNORECASE,
)
_LOCAL_TITLE = re.compile(
    r"(?<!\w)(?:tỉnh|huyện|quận|thị xã|thành phố|xã(?! hội)|phường|UBND|HĐND|Ủy ban nhân dân"
    r"|Hội đồng nhân dân|Tỉnh ủy|Huyện ủy|Thành ủy|Quận ủy)(?!\w)",
    re.IGNORECASE,
)
_ROLE_VERB = re.compile(
    r"(?<!\w)(?:đồng chủ trì|chủ trì|phát biểu|kết luận|(?<!Ban )chỉ đạo|nhấn mạnh|yêu cầu)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\n]|\svà\s")


def _strip_bridge_points(text: str) -> str:
    """Drop each 'Dự tại điểm cầu tỉnh …' clause up to the end of its sentence."""
    out, position = [], 0
    for m in _BRIDGE_ATTENDANCE.finditer(text):
        if m.start() < position or _CENTRAL_BRIDGE.match(text, m.end()):
            continue
        end = _SENTENCE_BREAK.search(text, m.end())
        out.append(text[position : m.start()])
        position = end.start() if end else len(text)
    out.append(text[position:])
    return "".join(out)


def _title_before(sentence: str, start: int) -> str:
    """What is written before a name in its own clause: 'Phó Thủ tướng Thường trực'."""
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _title_after(sentence: str, end: int) -> str:
    """The appositive after a name (', Bộ trưởng - Chủ nhiệm …'), up to its verb."""
    after = sentence[end:]
    if not after.lstrip().startswith(","):
        return ""
    after = re.split(r"[.;()\n]", after, maxsplit=1)[0]
    verb = _ROLE_VERB.search(after)
    return after[: verb.start()] if verb else after


def _speaks_nationally(sentence: str, match: re.Match) -> bool:
    """Whether the name is written with a national post, or as chair or speaker."""
    for title in (
        match[0] + " " + _title_before(sentence, match.start()),
        _title_after(sentence, match.end()),
    ):
        # A provincial title means a provincial official who shares the name.
        if _LOCAL_TITLE.search(title):
            return False
        if _NATIONAL_TITLE.search(title):
            return True
    return bool(_ROLE_VERB.search(sentence))


def extract_leaders(text: str) -> tuple[str, ...]:
    """Registry leaders who chair, speak or conclude, by first appearance, canonical names."""
    registry = _registry()
    text = _strip_bridge_points(_normalize(text))
    # A name in a sentence is a name in the text (sentences end at spaces, where the
    # whole-word tests pass either way): one search of the text spares one per sentence.
    if registry.pattern.search(text) is None:
        return ()
    found: list[str] = []
    for sentence in _sentences(text):
        for match in registry.pattern.finditer(sentence):
            name = registry.canonical[_key(match[0])]
            if name not in found and _speaks_nationally(sentence, match):
                found.append(name)
    return tuple(found)


# --- topics ----------------------------------------------------------------------------


# re.IGNORECASE also takes "İ" and "ı" for "i" and "ſ" for "s", which str.lower() keeps
# apart (re's documentation lists them; the Kelvin sign already lowercases to "k").
_AS_IGNORECASE = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_UNLIKE_LOWER = re.compile("[İıſ]")


def _lowered(text: str) -> str:
    """`text` lowercased as re.IGNORECASE compares letters, for cheap tests before a regex."""
    if _UNLIKE_LOWER.search(text):  # rarely: translate() is slow
        text = text.translate(_AS_IGNORECASE)
    return text.lower()


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern
    words: tuple[str, ...]  # lowercased (by _lowered) when the pattern ignores case
    ignore_case: bool
    weight: float = 0.0

    def may_match(self, text: str, lowered: str) -> bool:
        """False when a word of the term is nowhere in `text` (`lowered` is
        `_lowered(text)`): its regex cannot match there, and a search is saved."""
        haystack = lowered if self.ignore_case else text
        return all(word in haystack for word in self.words)


@dataclass(frozen=True)
class _Topic:
    label_vi: str
    label_en: str
    threshold: float
    terms: tuple[_Term, ...]  # longest first
    areas: tuple[_Term, ...]

    def is_named_in(self, sentence: str) -> bool:
        return any(area.pattern.search(sentence) for area in self.areas)


def _term(term: str, weight: float = 0.0) -> _Term:
    # An acronym (no lowercase letter) must be in capitals: "tthc" is not a term.
    ignore_case = term != term.upper()
    pattern = _phrase_pattern(term)
    if term.split()[-1] == "số":
        pattern += r"(?!\s*\d)"  # "Chính phủ số 76/NQ-CP" is a resolution number
    words = _normalize(term).split()
    if ignore_case:
        words = [_lowered(word) for word in words]
    flags = re.IGNORECASE if ignore_case else 0
    return _Term(re.compile(pattern, flags), tuple(words), ignore_case, weight)


@dataclass(frozen=True)
class _Lexicon:
    topics: dict[str, _Topic]
    reference_words: int
    enumeration_min: int
    enumeration_sentences: int


@functools.cache
def _lexicon() -> _Lexicon:
    data = _data("topics.yaml")
    topics = {}
    for topic_id, spec in data["topics"].items():
        terms = sorted(spec["terms"].items(), key=lambda item: len(item[0]), reverse=True)
        topics[topic_id] = _Topic(
            label_vi=spec["label_vi"],
            label_en=spec["label_en"],
            threshold=float(spec["threshold"]),
            terms=tuple(_term(term, float(weight)) for term, weight in terms),
            areas=tuple(map(_term, spec["areas"])),
        )
    return _Lexicon(
        topics,
        reference_words=int(data["reference_words"]),
        enumeration_min=int(data["enumeration_min"]),
        enumeration_sentences=int(data["enumeration_sentences"]),
    )


def topic_labels() -> dict[str, dict[str, str]]:
    """{topic id: {"vi": label, "en": label}}, in the lexicon's order."""
    return {tid: {"vi": t.label_vi, "en": t.label_en} for tid, t in _lexicon().topics.items()}


def _topic_score(topic: _Topic, text: str, lowered: str) -> float:
    """`lowered` is `_lowered(text)`."""
    score = 0.0
    for term in topic.terms:
        # Blanking out only removes matches: a term absent from the original text is
        # absent from the blanked one.
        if not term.may_match(text, lowered):
            continue
        # Blank out what a longer term matched, so it is not counted again by a shorter one.
        text, count = term.pattern.subn(lambda m: "\0" * len(m[0]), text)
        score += term.weight * count
    return score


def topic_scores(text: str) -> dict[str, float]:
    """Each topic's term score for `text` (for tuning the lexicon)."""
    text = _normalize(text)
    lowered = _lowered(text)
    return {tid: _topic_score(topic, text, lowered) for tid, topic in _lexicon().topics.items()}


def _enumerated_topics(text: str, lowered: str, lexicon: _Lexicon) -> set[str]:
    """Topics named where the text goes through the reform areas: in one sentence ("thể chế,
    TTHC, bộ máy, công vụ…") or in a few consecutive sentences of one paragraph, one per area.

    `lowered` is `_lowered(text)`."""
    # Only topics with an area somewhere in the text can be named in one of its sentences.
    candidates = {
        tid: topic
        for tid, topic in lexicon.topics.items()
        if any(area.may_match(text, lowered) for area in topic.areas)
    }
    found: set[str] = set()
    if len(candidates) < lexicon.enumeration_min:
        return found
    for paragraph in text.split("\n"):
        named = [
            {tid for tid, topic in candidates.items() if topic.is_named_in(sentence)}
            for sentence in _sentences(paragraph)
        ]
        for first in range(len(named)):
            window = set().union(*named[first : first + lexicon.enumeration_sentences])
            if len(window) >= lexicon.enumeration_min:
                found |= window
    return found


def classify_topics(text: str) -> tuple[str, ...]:
    """The reform areas a text is about, in the lexicon's order."""
    lexicon = _lexicon()
    text = _normalize(text)
    scale = max(1.0, math.sqrt(len(text.split()) / lexicon.reference_words))
    lowered = _lowered(text)
    enumerated = _enumerated_topics(text, lowered, lexicon)
    return tuple(
        tid
        for tid, topic in lexicon.topics.items()
        if tid in enumerated or _topic_score(topic, text, lowered) >= topic.threshold * scale
    )


# --- front matter and the whole record ---------------------------------------------------


def _front_matter_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        raise CorpusError("front matter: date: not an ISO date (YYYY-MM-DD)")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise CorpusError(f"front matter: date: year outside {MIN_YEAR}..{MAX_YEAR}: {value}")
    return value


def _front_matter_year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CorpusError(f"front matter: year: not a whole number: {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise CorpusError(f"front matter: year: outside {MIN_YEAR}..{MAX_YEAR}: {value}")
    return value


def _front_matter_strings(front_matter: dict, field: str) -> list[str]:
    value = front_matter[field]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorpusError(f"front matter: {field}: not a list of strings: {value!r}")
    return [_as_written(v) for v in value if v.strip()]


def _front_matter_text(front_matter: dict, field: str) -> str:
    value = front_matter[field]
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"front matter: {field}: not a non-empty string: {value!r}")
    return _as_written(value)


def _front_matter_periods(front_matter: dict) -> tuple[str, ...]:
    periods = []
    for written in _front_matter_strings(front_matter, "periods"):
        span = _SPAN.fullmatch(written)
        period = f"{span[1]}-{span[2]}" if span else written
        if period not in known_periods():
            raise CorpusError(f"front matter: periods: unknown period: {written!r}")
        periods.append(period)
    return tuple(sorted(set(periods)))


def _front_matter_topics(front_matter: dict) -> tuple[str, ...]:
    topics = _front_matter_strings(front_matter, "topics")
    for topic in topics:
        if topic not in _lexicon().topics:
            raise CorpusError(f"front matter: topics: unknown topic id: {topic!r}")
    return tuple(dict.fromkeys(topics))


def extract_metadata(front_matter: dict, title: str | None, text: str) -> Metadata:
    """All facts about a document; each front-matter field overrides what the text says."""
    front_matter = {key: value for key, value in front_matter.items() if value is not None}
    origins: dict[str, str] = {}
    if "title" in front_matter:
        title, origins["title"] = _front_matter_text(front_matter, "title"), FRONT_MATTER
    elif title and title.strip():
        title, origins["title"] = _as_written(title), EXTRACTED
    else:
        title, origins["title"] = NO_TITLE, INFERRED
    text = _normalize(text)
    full_text = f"{title}\n{text}"

    fact, date_origin = document_date(front_matter, title, text)
    date = fact.date if fact else None
    year = fact.year if fact else None
    if date:
        origins["date"] = date_origin
    if year is not None:
        from_front_matter = "date" in front_matter or "year" in front_matter
        origins["year"] = FRONT_MATTER if from_front_matter else date_origin

    if "periods" in front_matter:
        periods, periods_origin = _front_matter_periods(front_matter), FRONT_MATTER
    else:
        periods, periods_origin = _periods_with_origin(year, full_text)

    if "leaders" in front_matter:
        names = _front_matter_strings(front_matter, "leaders")
        leaders, leaders_origin = tuple(dict.fromkeys(map(canonical_leader, names))), FRONT_MATTER
    else:
        leaders, leaders_origin = extract_leaders(full_text), EXTRACTED

    if "topics" in front_matter:
        topics, topics_origin = _front_matter_topics(front_matter), FRONT_MATTER
    else:
        topics, topics_origin = classify_topics(full_text), EXTRACTED

    source = _front_matter_text(front_matter, "source") if "source" in front_matter else None
    for field, value, origin in (
        ("periods", periods, periods_origin),
        ("leaders", leaders, leaders_origin),
        ("topics", topics, topics_origin),
        ("source", source, FRONT_MATTER),
    ):
        if value:
            origins[field] = origin
    return Metadata(
        title=title,
        date=date,
        year=year,
        periods=periods,
        leaders=leaders,
        topics=topics,
        source=source,
        origins=origins,
    )
