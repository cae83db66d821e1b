"""Reading the corpus: bytes on disk become a SourceDocument, or a CorpusError saying why not.

One job: find the files, decode them (UTF-8, UTF-16, Windows-1258) to NFC text, split off the
front matter and strip web boilerplate. What the text says is indexer.metadata's business.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from indexer.document import CorpusError, SourceDocument
from indexer.yaml_data import load_yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
SUFFIXES = (".md", ".txt")

# Windows-1258 text must look like prose to be accepted: random bytes decode "successfully"
# in any 8-bit code page, so a failed UTF-8 decode alone says nothing.
CP1258_MIN_LETTER_SHARE = 0.5
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A line with this many words is prose; the article's head (title, dateline, counters) ends there.
PROSE_MIN_WORDS = 8

_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_FRONT_MATTER_FENCE = "---"


def iter_corpus(root: Path) -> Iterator[Path]:
    """Yield every .md and .txt file under root, sorted, skipping hidden names.

    Linked folders are not entered (they could loop, or lead out of root); a linked file is
    kept only when it points inside root.
    """
    yield from (Path(root, relative) for relative in corpus_files(root))


def corpus_files(root: Path) -> list[str]:
    """The relative paths (with "/") that :func:`iter_corpus` yields, sorted by folder.

    Walks with ``os.scandir``, whose entries know their type without another system call:
    for 20,000 files, pathlib's objects took most of a no-change re-index.
    """
    if not Path(root).is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    real_root = Path(root).resolve()
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(os.fspath(root), ())]
    while pending:
        folder, parts = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, (*parts, entry.name)))
                elif _is_corpus_file(entry, real_root):
                    found.append((*parts, entry.name))
    return ["/".join(parts) for parts in sorted(found)]


def _is_corpus_file(entry: os.DirEntry, real_root: Path) -> bool:
    if os.path.splitext(entry.name)[1].lower() not in SUFFIXES:
        return False
    if not entry.is_file():  # follows a link: also drops broken links
        return False
    return not entry.is_symlink() or Path(entry.path).resolve().is_relative_to(real_root)


def read_document(root: Path, path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> SourceDocument:
    """Read one corpus file; raise CorpusError with a short reason when it cannot be indexed."""
    relative = Path(os.path.relpath(path, root)).as_posix()
    if relative == ".." or relative.startswith("../"):
        raise ValueError(f"{path} is not under the corpus root {root}")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CorpusError("not a .md or .txt file")
    raw = _read_bytes(path, max_bytes)
    text, encoding = _decode(raw)
    if not text.strip():
        raise CorpusError("empty file")
    if suffix == ".md":
        title, body, front_matter = _parse_markdown(text)
    else:
        title, body, front_matter = _parse_plain_text(text)
    return SourceDocument(
        path=relative,
        title=title,
        body=body,
        front_matter=front_matter,
        content_hash=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        # Check the size before reading, so a huge file is never loaded into memory.
        size = path.stat().st_size
        if size > max_bytes:
            raise CorpusError(f"file too large ({_size(size)} > {_size(max_bytes)} limit)")
        return path.read_bytes()
    except OSError as error:
        raise CorpusError(f"cannot read file: {error.strerror or error}") from error


def _size(n: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _decode(raw: bytes) -> tuple[str, str]:
    """Decode file bytes to NFC text with \\n newlines; return (text, encoding name)."""
    text, encoding = _decode_bytes(raw)
    if "\x00" in text:
        raise CorpusError("not a text file (binary content)")
    return _normalize(text), encoding


def _decode_bytes(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16"), "utf-16"
    if b"\x00" in raw:
        raise CorpusError("not a text file (binary content)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is None or not _looks_like_text(text):
        raise CorpusError("cannot decode text: not UTF-8, UTF-16 or Windows-1258")
    return text, "cp1258"


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise CorpusError(f"cannot decode text: invalid {encoding.upper()}") from error


def _looks_like_text(text: str) -> bool:
    if _CONTROL_CHARS.search(text):
        return False
    visible = [char for char in unicodedata.normalize("NFC", text) if not char.isspace()]
    letters = sum(char.isalpha() for char in visible)
    return bool(visible) and letters / len(visible) >= CP1258_MIN_LETTER_SHARE


def _normalize(text: str) -> str:
    # Windows-1258 and some editors write tone marks as combining characters; NFC makes
    # "Việt" one string however it was typed.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _parse_plain_text(text: str) -> tuple[str | None, str, dict]:
    lines = _strip_or_fail(text).split("\n")
    return lines[0].strip(), _trim_blank_lines("\n".join(lines[1:])), {}


def _parse_markdown(text: str) -> tuple[str | None, str, dict]:
    front_matter, markdown = _split_front_matter(text)
    body = _strip_or_fail(markdown) if markdown.strip() else ""
    title = _front_matter_title(front_matter) or _first_heading(body) or _first_line(body)
    return title, body, front_matter


def _strip_or_fail(text: str) -> str:
    stripped = strip_boilerplate(text)
    if not stripped:
        raise CorpusError("no article text, only web boilerplate")
    return stripped


def _split_front_matter(text: str) -> tuple[dict, str]:
    lines = text.split("\n")
    if lines[0].rstrip() != _FRONT_MATTER_FENCE:
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == _FRONT_MATTER_FENCE:
            header, markdown = "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
            return _load_front_matter(header), markdown
    raise CorpusError("broken front matter: no closing '---' line")


def _load_front_matter(header: str) -> dict:
    try:
        data = load_yaml(header)
    except yaml.YAMLError as error:
        raise CorpusError(f"broken front matter: {_yaml_problem(error)}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError("front matter is not a mapping")
    return data


def _yaml_problem(error: yaml.YAMLError) -> str:
    # The problem ("expected ',' or ']'") says more than the context line ("while parsing...").
    problem = getattr(error, "problem", None) or str(error).strip().split("\n")[0]
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return problem
    # +2: marks count from 0, and the header starts on the line after the opening '---'.
    return f"{problem} (line {mark.line + 2})"


def _front_matter_title(front_matter: dict) -> str | None:
    title = front_matter.get("title")
    if title is None:
        return None
    if not isinstance(title, str):
        raise CorpusError("front matter title is not text")
    return " ".join(title.split()) or None  # a title is one line, even if YAML folded it


def _first_heading(markdown: str) -> str | None:
    for line in markdown.split("\n"):
        match = _HEADING.fullmatch(line)
        if match and match.group(1).strip():
            return match.group(1).strip()
    return None


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.split("\n") if line.strip()), None)


# --- Web boilerplate -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplateRules:
    """The patterns of data/boilerplate.yaml, compiled; see that file for what each kind does."""

    cut_lines: frozenset[str]
    cut_line_patterns: tuple[re.Pattern, ...]
    drop_lines: frozenset[str]
    drop_line_patterns: tuple[re.Pattern, ...]
    head_drop_line_patterns: tuple[re.Pattern, ...]
    inline_suffix_patterns: tuple[re.Pattern, ...]


@functools.cache
def _boilerplate_rules() -> BoilerplateRules:
    """Load the boilerplate patterns once, on first use rather than at import."""
    source = resources.files("indexer").joinpath("data", "boilerplate.yaml")
    data = load_yaml(source.read_text(encoding="utf-8")) or {}
    unknown = set(data) - set(BoilerplateRules.__dataclass_fields__)
    if unknown:
        # A misspelt kind would otherwise be ignored without a word.
        raise ValueError(f"boilerplate.yaml: unknown kinds {sorted(unknown)}")

    def strings(kind: str) -> list[str]:
        return [unicodedata.normalize("NFC", str(item)) for item in data.get(kind) or []]

    def patterns(kind: str) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(item) for item in strings(kind))

    return BoilerplateRules(
        cut_lines=frozenset(strings("cut_lines")),
        cut_line_patterns=patterns("cut_line_patterns"),
        drop_lines=frozenset(strings("drop_lines")),
        drop_line_patterns=patterns("drop_line_patterns"),
        head_drop_line_patterns=patterns("head_drop_line_patterns"),
        inline_suffix_patterns=patterns("inline_suffix_patterns"),
    )


def strip_boilerplate(text: str) -> str:
    """Remove web boilerplate (ads, comment forms, related links, notices) from article text.

    Lines of the article itself are kept as they are; blank lines are collapsed and trimmed.

    >>> strip_boilerplate("Tiêu đề\\n\\n[ad_1]\\nNội dung bài.\\n\\nTin khác\\nBài khác")
    'Tiêu đề\\n\\nNội dung bài.'
    """
    rules = _boilerplate_rules()
    lines = _normalize(text).split("\n")
    lines = _cut_at_marker(lines, rules)
    lines = _drop_lines(lines, rules)
    # After the drops, so that chrome above the title does not count as the title.
    lines = _drop_head_lines(lines, rules)
    lines = _drop_repeated_title(lines)
    lines = [_strip_suffixes(line, rules) for line in lines]
    return _trim_blank_lines("\n".join(lines))


def _matches(
    line: str, patterns: tuple[re.Pattern, ...], exact: frozenset[str] = frozenset()
) -> bool:
    line = line.strip()
    return line in exact or any(pattern.fullmatch(line) for pattern in patterns)


def _first_content_index(lines: list[str]) -> int:
    return next((index for index, line in enumerate(lines) if line.strip()), len(lines))


def _cut_at_marker(lines: list[str], rules: BoilerplateRules) -> list[str]:
    start = _first_content_index(lines) + 1  # the title line is never a cut marker
    for index in range(start, len(lines)):
        if _matches(lines[index], rules.cut_line_patterns, rules.cut_lines):
            return lines[:index]
    return lines


def _drop_lines(lines: list[str], rules: BoilerplateRules) -> list[str]:
    return [
        line for line in lines if not _matches(line, rules.drop_line_patterns, rules.drop_lines)
    ]


def _drop_head_lines(lines: list[str], rules: BoilerplateRules) -> list[str]:
    head_end = _head_end(lines)
    return [
        line
        for index, line in enumerate(lines)
        if index >= head_end or not _matches(line, rules.head_drop_line_patterns)
    ]


def _head_end(lines: list[str]) -> int:
    """Index of the first line of prose after the title; the head is everything before it."""
    for index in range(_first_content_index(lines) + 1, len(lines)):
        if len(lines[index].split()) >= PROSE_MIN_WORDS:
            return index
    return len(lines)


def _drop_repeated_title(lines: list[str]) -> list[str]:
    # Some sites print the headline twice (page title, then article title).
    content = [index for index, line in enumerate(lines) if line.strip()]
    if len(content) >= 2 and lines[content[0]].strip() == lines[content[1]].strip():
        return lines[: content[1]] + lines[content[1] + 1 :]
    return lines


def _strip_suffixes(line: str, rules: BoilerplateRules) -> str:
    for pattern in rules.inline_suffix_patterns:
        line = pattern.sub("", line)
    return line


def _trim_blank_lines(text: str) -> str:
    """Collapse runs of blank lines to one and drop blank lines at both ends."""
    kept: list[str] = []
    for line in text.split("\n"):
        line = line if line.strip() else ""
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")
