"""Facts about a document from its front matter and its text: date, periods, leaders, topics.

Every function here is pure: text in, values out. Domain knowledge (who the leaders are, which
words mark a topic) lives in `indexer/data/*.yaml`, read on first use. Dates are read by
`indexer.dates`, leaders by `indexer.leaders`; this module adds periods and topics, and lets
front matter override each field.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import re
from dataclasses import dataclass

from indexer.dates import MAX_YEAR, MIN_YEAR, DateFact, is_valid_date, own_date, parse_date
from indexer.document import (
    EXTRACTED,
    FILE_METADATA,
    FRONT_MATTER,
    INFERRED,
    SIDECAR,
    CorpusError,
    FileFacts,
    Metadata,
    SourceDocument,
)
from indexer.leaders import canonical_leader, extract_leaders
from indexer.vntext import as_written, load_data, name_key, normalize, phrase_pattern, sentences

__all__ = ["DateFact", "canonical_leader", "extract_leaders", "name_key", "parse_date"]

NO_TITLE = "(không có tiêu đề)"

# The master programmes of State administrative reform (136/2001/QĐ-TTg, 30c/NQ-CP,
# 76/NQ-CP). Every document belongs to the programme running in its year.
PERIODS = ((2001, 2010), (2011, 2020), (2021, 2030))

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
    for sentence in sentences(normalize(text)):
        for span in _SPAN.finditer(sentence):
            before = sentence[max(0, span.start() - _REVIEW_REACH) : span.start()]
            period = _period_of_span(int(span[1]), int(span[2]))
            if period and _REVIEW_WORDS.search(before):
                found.add(period)
    return found


def _periods_since(text: str) -> set[str]:
    """'từ năm 2021 đến nay': written in or after 2021, so in a period ending after it."""
    years = [int(m[1]) for m in _SINCE_YEAR.finditer(normalize(text))]
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
    phrase: str  # the words, one space apart
    ignore_case: bool
    weight: float = 0.0

    def may_match(self, text: str, lowered: str) -> bool:
        """False when a word of the term is nowhere in `text` (`lowered` is
        `_lowered(text)`): its regex cannot match there, and a search is saved."""
        haystack = lowered if self.ignore_case else text
        return all(word in haystack for word in self.words)

    def may_match_spaced(self, text: str, lowered: str) -> bool:
        """`may_match` for a text with one space between words: False when the term's words,
        in a row, are nowhere in it. Stricter, so most futile searches are saved."""
        haystack = lowered if self.ignore_case else text
        return self.phrase in haystack


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
    pattern = phrase_pattern(term)
    if term.split()[-1] == "số":
        pattern += r"(?!\s*\d)"  # "Chính phủ số 76/NQ-CP" is a resolution number
    words = normalize(term).split()
    if ignore_case:
        words = [_lowered(word) for word in words]
    flags = re.IGNORECASE if ignore_case else 0
    return _Term(re.compile(pattern, flags), tuple(words), " ".join(words), ignore_case, weight)


@dataclass(frozen=True)
class _Lexicon:
    topics: dict[str, _Topic]
    reference_words: int
    head_words: int
    head_weight: float
    enumeration_min: int
    enumeration_sentences: int


@functools.cache
def _lexicon() -> _Lexicon:
    data = load_data("topics.yaml")
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
        head_words=int(data["head_words"]),
        head_weight=float(data["head_weight"]),
        enumeration_min=int(data["enumeration_min"]),
        enumeration_sentences=int(data["enumeration_sentences"]),
    )


def topic_labels() -> dict[str, dict[str, str]]:
    """{topic id: {"vi": label, "en": label}}, in the lexicon's order."""
    return {tid: {"vi": t.label_vi, "en": t.label_en} for tid, t in _lexicon().topics.items()}


def _topic_score(
    topic: _Topic, text: str, lowered: str, head_end: int, head_weight: float
) -> float:
    """Sum of the weights of the terms found; a match that starts before `head_end` (in the
    title and lead, where a text names its subject) counts `head_weight` times.

    `text` has one space between words; `lowered` is `_lowered(text)`."""
    starts: list[int] = []

    def blank(match: re.Match) -> str:
        starts.append(match.start())
        # Blank out what a longer term matched, so a shorter one does not count it again.
        return "\0" * len(match[0])

    score = 0.0
    for term in topic.terms:
        # Blanking out only removes matches: a term absent from the original text is
        # absent from the blanked one.
        if not term.may_match_spaced(text, lowered):
            continue
        starts.clear()
        text, count = term.pattern.subn(blank, text)
        in_head = sum(start < head_end for start in starts)
        score += term.weight * (count + (head_weight - 1) * in_head)
    return score


def _scores(words: list[str], lexicon: _Lexicon) -> dict[str, float]:
    """Each topic's score for a normalised text, given as its words."""
    # One space between words: a term can be looked for as a phrase before its regex runs,
    # and the head is a prefix.
    text = " ".join(words)
    lowered = _lowered(text)
    head_end = len(" ".join(words[: lexicon.head_words]))
    return {
        tid: _topic_score(topic, text, lowered, head_end, lexicon.head_weight)
        for tid, topic in lexicon.topics.items()
    }


def topic_scores(text: str) -> dict[str, float]:
    """Each topic's score for `text`, as classify_topics compares it with the threshold before
    scaling by length (for tuning the lexicon)."""
    return _scores(normalize(text).split(), _lexicon())


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
            for sentence in sentences(paragraph)
        ]
        for first in range(len(named)):
            window = set().union(*named[first : first + lexicon.enumeration_sentences])
            if len(window) >= lexicon.enumeration_min:
                found |= window
    return found


def classify_topics(text: str) -> tuple[str, ...]:
    """The reform areas a text is about, in the lexicon's order."""
    lexicon = _lexicon()
    text = normalize(text)
    words = text.split()
    # A long text needs more evidence than a page-long one; a short one needs the threshold.
    scale = max(1.0, math.sqrt(len(words) / lexicon.reference_words))
    enumerated = _enumerated_topics(text, _lowered(text), lexicon)
    scores = _scores(words, lexicon)
    return tuple(
        tid
        for tid, topic in lexicon.topics.items()
        if tid in enumerated or scores[tid] >= topic.threshold * scale
    )


# --- front matter and the whole record ---------------------------------------------------


def document_date(front_matter: dict, title: str, text: str) -> tuple[DateFact | None, str]:
    """The document's date and its origin: front matter `date`, `year`, else its own date."""
    front_matter = {key: value for key, value in front_matter.items() if value is not None}
    if "date" in front_matter:
        day = _front_matter_date(front_matter["date"])
        if "year" in front_matter and _front_matter_year(front_matter["year"]) != day.year:
            raise CorpusError("front matter: year: disagrees with date")
        return DateFact(day.day, day.month, day.year), FRONT_MATTER
    fact, inferred = own_date(title or "", text)
    if "year" in front_matter:
        year = _front_matter_year(front_matter["year"])
        # The curator's year completes a day and month the text gives.
        if (
            fact
            and fact.day
            and fact.year in (None, year)
            and is_valid_date(fact.day, fact.month, year)
        ):
            return DateFact(fact.day, fact.month, year), INFERRED
        return DateFact(None, None, year), FRONT_MATTER
    return fact, INFERRED if inferred else EXTRACTED


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
    return [as_written(v) for v in value if v.strip()]


def _front_matter_text(front_matter: dict, field: str) -> str:
    value = front_matter[field]
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"front matter: {field}: not a non-empty string: {value!r}")
    return as_written(value)


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


# The origin each sidecar field gives: "date" and "year" both date the document.
_SIDECAR_FIELDS = {
    "title": ("title",),
    "date": ("date", "year"),
    "year": ("year",),
    "periods": ("periods",),
    "leaders": ("leaders",),
    "topics": ("topics",),
    "source": ("source",),
}


def extract_metadata(
    front_matter: dict,
    title: str | None,
    text: str,
    *,
    sidecar: dict | None = None,
    facts: FileFacts | None = None,
) -> Metadata:
    """All facts about a document. A field of the curator's sidecar overrides the same field
    of the front matter, which overrides what the file's format states (``facts``: a web
    page's own date and address), which overrides what the text says."""
    sidecar = {key: value for key, value in (sidecar or {}).items() if value is not None}
    meta = _metadata({**front_matter, **sidecar}, title, text, facts or FileFacts())
    origins = dict(meta.origins)
    # "date" in a sidecar dates the document even when the front matter gave a "year".
    for key in sidecar:
        for field in _SIDECAR_FIELDS.get(key, ()):
            if origins.get(field) == FRONT_MATTER:
                origins[field] = SIDECAR
    return dataclasses.replace(meta, origins=origins)


def _metadata(front_matter: dict, title: str | None, text: str, facts: FileFacts) -> Metadata:
    front_matter = {key: value for key, value in front_matter.items() if value is not None}
    origins: dict[str, str] = {}
    if "title" in front_matter:
        title, origins["title"] = _front_matter_text(front_matter, "title"), FRONT_MATTER
    elif title and title.strip():
        title, origins["title"] = as_written(title), EXTRACTED
    else:
        title, origins["title"] = NO_TITLE, INFERRED
    text = normalize(text)
    full_text = f"{title}\n{text}"

    if facts.date and "date" not in front_matter and "year" not in front_matter:
        # The date a web page's metadata gives is its own; the text's may be a cited one.
        day = facts.date
        fact, date_origin = DateFact(day.day, day.month, day.year), FILE_METADATA
    else:
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
        leaders, leaders_origin = extract_leaders(full_text, fact), EXTRACTED

    if "topics" in front_matter:
        topics, topics_origin = _front_matter_topics(front_matter), FRONT_MATTER
    else:
        topics, topics_origin = classify_topics(full_text), EXTRACTED

    if "source" in front_matter:
        source, source_origin = _front_matter_text(front_matter, "source"), FRONT_MATTER
    else:
        source, source_origin = facts.source, FILE_METADATA
    for field, value, origin in (
        ("periods", periods, periods_origin),
        ("leaders", leaders, leaders_origin),
        ("topics", topics, topics_origin),
        ("source", source, source_origin),
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


def metadata_of(source: SourceDocument, text: str) -> Metadata:
    """The metadata of a file as read from the corpus; ``text`` is its body as plain text."""
    return extract_metadata(
        source.front_matter, source.title, text, sidecar=source.sidecar, facts=source.facts
    )
