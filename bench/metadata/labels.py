"""The labelled documents (labels.yaml): what a careful reader found in each real text.

Only addresses or ids and labels are kept here; the texts stay outside the repository (see
``bench.metadata.texts``). A page's text is the start of the page as a stored copy of it
held it, pinned by its length and sha256 so a changed page is noticed, never scored.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from indexer.metadata import topic_labels

LABELS_FILE = Path(__file__).with_name("labels.yaml")
KINDS = ("news", "legal", "opinion", "chrome")
YEAR_EVIDENCE = (
    "header",  # a legal document's place-and-date line, "Ngày ban hành", its number's year
    "dateline",  # a news item's dateline: "(Chinhphu.vn) - Sáng 15/9/2020"
    "timestamp",  # the page's own publication or update stamp beside the headline
    "signature",  # the date at the signature
    "month_form",  # "tháng 10/2020", "quý III/2023" dating the document itself
    "title",  # the title dates the document
    "none",  # the text does not state its own year
)
VIETNEWS_PREFIX = "vn:"
_PAGE_ID = re.compile(r"(news|legal|opinion|chrome)-\d{3}")
_VIETNEWS_ID = re.compile(r"vn:(train|val|test)/\d{6}")


@dataclass(frozen=True)
class Label:
    id: str
    kind: str
    year: int | None
    year_evidence: str
    leaders: tuple[str, ...]
    topics: tuple[str, ...]
    url: str | None = None  # pages only
    chars: int | None = None  # pages only: length of the labelled text
    sha256: str | None = None  # pages only: of the labelled text's UTF-8 bytes
    date: datetime.date | None = None
    note: str = ""

    @property
    def is_page(self) -> bool:
        return not self.id.startswith(VIETNEWS_PREFIX)


def load_labels(path: Path = LABELS_FILE) -> list[Label]:
    """Every entry of the file, in order; ValueError names the first malformed one."""
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    labels, seen = [], set()
    for entry in entries:
        label = _label(entry)
        if label.id in seen:
            raise ValueError(f"{label.id}: labelled twice")
        seen.add(label.id)
        labels.append(label)
    return labels


def _label(entry: dict) -> Label:
    doc = entry.get("id", "?")
    try:
        label = Label(
            id=str(entry["id"]),
            kind=entry["kind"],
            year=entry.get("year"),
            year_evidence=entry["year_evidence"],
            leaders=tuple(_nfc(name) for name in entry.get("leaders") or ()),
            topics=tuple(entry.get("topics") or ()),
            url=entry.get("url"),
            chars=entry.get("chars"),
            sha256=entry.get("sha256"),
            date=_date(entry.get("date")),
            note=str(entry.get("note") or ""),
        )
    except KeyError as missing:
        raise ValueError(f"{doc}: no {missing.args[0]}") from None
    _check(label)
    return label


def _date(value) -> datetime.date | str | None:
    """A YAML date, written bare or quoted; anything else is left for _check to refuse."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _check(label: Label) -> None:
    problems = []
    if label.is_page:
        if not _PAGE_ID.fullmatch(label.id):
            problems.append("page ids are <kind>-NNN")
        if not (label.url and label.chars and label.sha256):
            problems.append("a page needs url, chars and sha256")
    elif not _VIETNEWS_ID.fullmatch(label.id):
        problems.append("vietnews ids are vn:<split>/NNNNNN")
    if label.kind not in KINDS:
        problems.append(f"kind not one of {KINDS}")
    if label.year_evidence not in YEAR_EVIDENCE:
        problems.append(f"year_evidence not one of {YEAR_EVIDENCE}")
    if (label.year is None) != (label.year_evidence == "none"):
        problems.append("a year needs its evidence, and evidence 'none' no year")
    if label.year is not None and not isinstance(label.year, int):
        problems.append("year is not a whole number")
    if label.date is not None and (
        not isinstance(label.date, datetime.date) or label.date.year != label.year
    ):
        problems.append("date is not a date of the labelled year")
    unknown = set(label.topics) - set(topic_labels())
    if unknown:
        problems.append(f"unknown topics {sorted(unknown)}")
    if problems:
        raise ValueError(f"{label.id}: " + "; ".join(problems))


def _nfc(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())
