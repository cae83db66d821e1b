"""Reading the corpus: bytes on disk become a SourceDocument, or a CorpusError saying why not.

One job: find the files, decode them (UTF-8, UTF-16, Windows-1258, Windows-1252, TCVN3, VNI)
to NFC text, or have indexer.formats extract the text of web pages, PDF and Word files;
split off the front matter, read the curator's sidecar and strip web boilerplate. What the
text says is indexer.metadata's business. Nothing is ever read through a link out of the
corpus folder.
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from indexer.document import CorpusError, FileFacts, SourceDocument
from indexer.formats import FORMAT_SUFFIXES, PDF_SUFFIXES, WEB_PAGE_SUFFIXES, Limits, extract_file
from indexer.formats.legacy_encoding import decode_legacy_bytes
from indexer.yaml_data import load_plain_yaml, load_yaml
from reform_search import settings

MAX_FILE_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".md", ".txt")
SUFFIXES = TEXT_SUFFIXES + FORMAT_SUFFIXES
# A curator's metadata for a file: "bao-cao.pdf.yaml" beside "bao-cao.pdf".
SIDECAR_SUFFIX = ".yaml"
MAX_SIDECAR_BYTES = 64 * 1024

OUTSIDE_LINK = "link leads outside the corpus folder"
LINK_CHANGED = "link loop, or its path changed while read: not followed"

# 8-bit text must look like prose to be accepted: random bytes decode "successfully" in any
# 8-bit code page, so a failed UTF-8 decode alone says nothing.
EIGHT_BIT_MIN_LETTER_SHARE = 0.5
# Vietnamese marks most words (Western European languages 10-20 %), and a foreign name or
# two should not turn a Vietnamese text into Windows-1252 mojibake.
VIETNAMESE_MIN_MARKED_SHARE = 0.3
VIETNAMESE_MAX_FOREIGN_SHARE = 0.05
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# Encodings read without a BOM or a strict check: each use is named in the indexer's report.
GUESSED_ENCODINGS = {
    "cp1258": "Windows-1258",
    "cp1252": "Windows-1252 (Western European)",
    "tcvn3": "TCVN3 (ABC), converted to Unicode",
    "vni": "VNI, converted to Unicode",
}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A line with this many words is prose; the article's head (title, dateline, counters) ends there.
PROSE_MIN_WORDS = 8

_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_FRONT_MATTER_FENCE = "---"
# Front matter is a flat record (lists of names at most): deeper nesting is a mistake or an
# attack, and is refused before it is built.
FRONT_MATTER_MAX_DEPTH = 8


@dataclass(frozen=True)
class CorpusScan:
    """What a walk of the corpus folder found: the files to read, and every entry it passed
    over with the reason, so that nothing is dropped without a word."""

    files: list[str]  # relative POSIX paths, sorted by folder
    skipped: list[tuple[str, str]]  # (relative path as shown, reason), sorted
    # Sub-folders that could not be listed: what was indexed from them is not known to be
    # gone, so the writer keeps it, as it keeps the last version of an unreadable file.
    unread_folders: list[str] = field(default_factory=list)
    with_sidecar: frozenset[str] = frozenset()  # files with a NAME.EXT.yaml beside them


_FILE, _FOLDER = "file", "folder"


def iter_corpus(root: Path) -> Iterator[Path]:
    """Yield every .md and .txt file under root, sorted, skipping hidden names.

    Linked folders are not entered (they could loop, or lead out of root); a linked file is
    kept only when it points inside root.
    """
    yield from (Path(root, relative) for relative in corpus_files(root))


def corpus_files(root: Path) -> list[str]:
    """The relative paths (with "/") that :func:`iter_corpus` yields, sorted by folder."""
    return scan_corpus(root).files


def scan_corpus(root: Path) -> CorpusScan:
    """Walk ``root``: the .md and .txt files to read, and the entries skipped with why.

    One odd entry never stops the walk (a link loop, an unreadable folder, a name that is
    not UTF-8): it is reported and the walk goes on. Passed over without a word: hidden
    names (a leading "."; editors' and version control's files live there) and files
    that are not .md or .txt. Walks with ``os.scandir``, whose entries know their type
    without another system call: for 20,000 files, pathlib's objects took most of a
    no-change re-index.
    """
    if not Path(root).is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    real_root = os.path.realpath(root)
    found: list[tuple[str, ...]] = []
    sidecars: list[tuple[str, ...]] = []  # curators' NAME.EXT.yaml files
    skipped: list[tuple[str, str]] = []
    unread: list[str] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(os.fspath(root), ())]
    while pending:
        folder, parts = pending.pop()
        try:
            entries = _list_folder(folder)
        except OSError as error:
            if not parts:
                raise  # the corpus folder itself: taken as empty, every document would go
            skipped.append((shown_path(parts) + "/", f"cannot read folder: {_os_reason(error)}"))
            unread.append("/".join(parts))
            continue
        for entry in entries:
            kind, reason = _classify_entry(entry, real_root)
            entry_parts = (*parts, entry.name)
            if kind == _FOLDER:
                pending.append((entry.path, entry_parts))
            elif kind == _FILE:
                found.append(entry_parts)
            elif _is_sidecar_name(entry.name) and not entry.name.startswith("."):
                sidecars.append(entry_parts)
            if reason is not None:
                skipped.append((shown_path(entry_parts) + _folder_mark(entry), reason))
    files = ["/".join(parts) for parts in sorted(found)]
    documents = set(files)
    skipped.extend(_orphan_sidecars(sidecars, documents))
    with_sidecar = {"/".join(parts)[: -len(SIDECAR_SUFFIX)] for parts in sidecars}
    return CorpusScan(
        files=files,
        skipped=sorted(skipped),
        unread_folders=sorted(unread),
        with_sidecar=frozenset(with_sidecar & documents),
    )


def _is_sidecar_name(name: str) -> bool:
    return name.endswith(SIDECAR_SUFFIX) and _has_corpus_suffix(name[: -len(SIDECAR_SUFFIX)])


def _orphan_sidecars(sidecars: list[tuple[str, ...]], files: set[str]) -> list[tuple[str, str]]:
    """A sidecar whose document is not there is said, not silently ignored: a curator's
    metadata for a file renamed or removed."""
    orphans = []
    for parts in sidecars:
        document = "/".join(parts)[: -len(SIDECAR_SUFFIX)]
        if document not in files:
            orphans.append(
                (
                    shown_path(parts),
                    f"sidecar without its document: no {parts[-1][: -len(SIDECAR_SUFFIX)]}",
                )
            )
    return orphans


def _folder_mark(entry: os.DirEntry) -> str:
    """ "/" after a folder's name in the report."""
    try:
        return "/" if entry.is_dir(follow_symlinks=False) else ""
    except OSError:
        return ""


def _list_folder(folder: str) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return list(entries)


def _classify_entry(entry: os.DirEntry, real_root: str) -> tuple[str | None, str | None]:
    """(_FILE, _FOLDER or None, the reason to report or None) for one folder entry."""
    if entry.name.startswith("."):
        return None, None
    try:
        kind, reason = _entry_kind(entry, real_root)
    except OSError as error:
        return None, f"cannot read: {_os_reason(error)}"
    if kind is not None and not _is_utf8(entry.name):
        # Such a name cannot be stored, shown or made into an id; under a folder so named,
        # no file name could be either.
        return None, f"{kind} name is not valid UTF-8"
    return kind, reason


def _entry_kind(entry: os.DirEntry, real_root: str) -> tuple[str | None, str | None]:
    is_document = _has_corpus_suffix(entry.name)
    if entry.is_symlink():
        return _link_kind(entry.path, is_document, real_root)
    if entry.is_dir(follow_symlinks=False):
        # A folder named like a document holds files, like any folder; it is named in the
        # report because its name says a document was meant.
        return _FOLDER, ("a folder, not a file: the files in it are read" if is_document else None)
    if not is_document:
        return None, None
    if entry.is_file(follow_symlinks=False):
        return _FILE, None
    return None, _not_regular(entry.stat(follow_symlinks=False).st_mode)


def _link_kind(path: str, is_document: bool, real_root: str) -> tuple[str | None, str | None]:
    """Linked folders are never entered (they could loop, or lead out of the corpus); a
    linked file is read only when it ends inside the corpus folder."""
    try:
        target = os.path.realpath(path, strict=True)
        mode = os.stat(target).st_mode
    except OSError as error:
        return None, (_broken_link(error) if is_document else None)
    if stat.S_ISDIR(mode):
        return None, "link to a folder: not followed"
    if not is_document:
        return None, None
    if not _is_inside(target, real_root):
        return None, OUTSIDE_LINK
    if not stat.S_ISREG(mode):
        return None, _not_regular(mode)
    return _FILE, None


def _broken_link(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "link loop: the link leads back to itself"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "broken link: what it points to does not exist"
    return f"cannot follow link: {_os_reason(error)}"


def _not_regular(mode: int) -> str:
    # Never opened: opening a FIFO waits for a writer, for ever.
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    )
    kind = next((name for test, name in kinds if test(mode)), "not a file")
    return f"not a regular file: {kind}"


def _has_corpus_suffix(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES


def _is_inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


def _is_utf8(name: str) -> bool:
    # os.scandir hands undecodable bytes of a name over as lone surrogates.
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(parts: tuple[str, ...] | str) -> str:
    """A relative path as text that can be printed: bytes that are not UTF-8 as \\xNN."""
    path = parts if isinstance(parts, str) else "/".join(parts)
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


# --- Reading one file ------------------------------------------------------------------------


@dataclass(frozen=True)
class FileLimits:
    """The most bytes read of each type of file, and what its extraction may cost."""

    text_bytes: int = MAX_FILE_BYTES  # .md, .txt
    html_bytes: int = 10 * 1024 * 1024
    pdf_bytes: int = 100 * 1024 * 1024
    word_bytes: int = 50 * 1024 * 1024
    extraction: Limits = Limits()

    def max_bytes(self, suffix: str) -> int:
        if suffix in WEB_PAGE_SUFFIXES:
            return self.html_bytes
        if suffix in PDF_SUFFIXES:
            return self.pdf_bytes
        if suffix in (".docx", ".doc"):
            return self.word_bytes
        return self.text_bytes


def file_limits() -> FileLimits:
    """The limits of the settings (REFORM_SEARCH_MAX_*_MB, _MAX_PDF_PAGES, _FILE_SECONDS)."""

    def megabytes(name: str) -> int:
        return int(float(settings.get(name)) * 1024 * 1024)

    return FileLimits(
        text_bytes=megabytes("REFORM_SEARCH_MAX_TEXT_MB"),
        html_bytes=megabytes("REFORM_SEARCH_MAX_HTML_MB"),
        pdf_bytes=megabytes("REFORM_SEARCH_MAX_PDF_MB"),
        word_bytes=megabytes("REFORM_SEARCH_MAX_WORD_MB"),
        extraction=Limits(
            max_pages=int(settings.get("REFORM_SEARCH_MAX_PDF_PAGES")),
            max_unpacked_bytes=megabytes("REFORM_SEARCH_MAX_UNPACKED_MB"),
            seconds=float(settings.get("REFORM_SEARCH_FILE_SECONDS")),
        ),
    )


def read_document(
    root: Path, path: Path, *, max_bytes: int | None = None, limits: FileLimits | None = None
) -> SourceDocument:
    """Read one corpus file; raise CorpusError with a short reason when it cannot be indexed.

    ``max_bytes`` overrides the size limit of the file's type.
    """
    relative = Path(os.path.relpath(path, root)).as_posix()
    if relative == ".." or relative.startswith("../"):
        raise ValueError(f"{path} is not under the corpus root {root}")
    if not _is_utf8(relative):
        raise CorpusError("file name is not valid UTF-8")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CorpusError(f"not a file type that is indexed ({', '.join(SUFFIXES)})")
    limits = limits or file_limits()
    raw = _read_bytes(root, path, limits.max_bytes(suffix) if max_bytes is None else max_bytes)
    sidecar, sidecar_hash = _read_sidecar(root, relative)
    if suffix in TEXT_SUFFIXES:
        text, encoding = _decode(raw)
        if not text.strip():
            raise CorpusError("empty file")
        parse = _parse_markdown if suffix == ".md" else _parse_plain_text
        title, body, front_matter = parse(text)
        facts, notes = FileFacts(), ()
    else:
        extracted = extract_file(suffix, raw, limits.extraction)
        title, body = _title_and_body(extracted.title, _normalize(extracted.text))
        front_matter, encoding, notes = {}, extracted.encoding, extracted.notes
        facts = FileFacts(date=extracted.date, source=extracted.source)
    return SourceDocument(
        path=relative,
        title=title,
        body=body,
        front_matter=front_matter,
        content_hash=_with_sidecar(hashlib.sha256(raw).hexdigest(), sidecar_hash),
        encoding=encoding,
        sidecar=sidecar,
        facts=facts,
        notes=notes,
    )


def _title_and_body(stated: str | None, text: str) -> tuple[str | None, str]:
    """The title a file states, else its first line (then left out of the body, as for a
    .txt file); the body with web boilerplate stripped."""
    if not text.strip():
        raise CorpusError("no text in the file")
    if not (stated and stated.strip()):
        return _parse_plain_text(text)[:2]
    title = " ".join(stated.split())
    body = _strip_or_fail(text)
    first, _, rest = body.partition("\n")
    if " ".join(first.split()).casefold() == title.casefold() and rest.strip():
        body = _trim_blank_lines(rest)  # the headline printed above the text: once is enough
    return title, body


# --- Sidecars ----------------------------------------------------------------------------


def sidecar_of(relative: str) -> str:
    """The relative path of the sidecar of the file at ``relative``."""
    return relative + SIDECAR_SUFFIX


def _read_sidecar(root: Path, relative: str) -> tuple[dict, str]:
    """(the fields, the sha256 of the bytes) of the file's sidecar; ({}, "") when it has none.

    A sidecar has the fields of front matter and is read as strictly: a broken one skips
    the document with its reason (keeping the version already indexed), never half-read.
    """
    try:
        raw = _read_bytes(root, Path(root, sidecar_of(relative)), MAX_SIDECAR_BYTES)
    except CorpusError as error:
        if not _exists(root, sidecar_of(relative)):
            return {}, ""
        raise CorpusError(f"sidecar {Path(sidecar_of(relative)).name}: {error}") from None
    text, _ = _decode(raw)
    what = f"sidecar {Path(sidecar_of(relative)).name}"
    return _load_front_matter(text, what, first_line=1), hashlib.sha256(raw).hexdigest()


def _exists(root: Path, relative: str) -> bool:
    return os.path.lexists(os.path.join(root, relative))


def _with_sidecar(file_hash: str, sidecar_hash: str) -> str:
    return f"{file_hash}+{sidecar_hash}" if sidecar_hash else file_hash


def _read_bytes(root: Path, path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file inside the corpus folder, at most ``max_bytes`` of them."""
    try:
        descriptor = open_inside(root, path)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):  # a link where none was resolved
            raise CorpusError(LINK_CHANGED) from None
        raise CorpusError(f"cannot read file: {_os_reason(error)}") from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise CorpusError(_not_regular(info.st_mode))
        # Checked before reading, so a huge file is never loaded into memory; the read
        # is capped too, in case the file grew since.
        if info.st_size > max_bytes:
            raise CorpusError(_too_large(f"{_size(info.st_size)} > {_size(max_bytes)} limit"))
        with open(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise CorpusError(f"cannot read file: {_os_reason(error)}") from error
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:
        raise CorpusError(_too_large(f"over the {_size(max_bytes)} limit"))
    return raw


def content_hash(root: Path, relative: str, *, has_sidecar: bool = True) -> str:
    """What :func:`read_document` gives as ``content_hash``: the sha256 of a corpus file's
    bytes, streamed, "+" its sidecar's when it has one (so editing only the sidecar
    re-indexes the file). Opened as :func:`read_document` opens it (never through a link
    out of ``root``, never blocking on a FIFO); empty when the file cannot be read, for
    ``read_document`` to say why. ``has_sidecar=False`` (the scan saw none) saves looking."""
    file_hash = _file_hash(root, relative)
    if not file_hash or not has_sidecar:
        return file_hash
    return _with_sidecar(file_hash, _file_hash(root, sidecar_of(relative)))


def _file_hash(root: Path, relative: str) -> str:
    try:
        descriptor = open_inside(root, Path(root, relative))
    except (OSError, CorpusError):
        return ""
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return ""
        try:
            return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return ""


def _too_large(how: str) -> str:
    return f"file too large ({how})"


def open_inside(root: Path, path: Path) -> int:
    """A descriptor of ``path`` opened read-only, never through a link out of ``root``.

    The scan checked the file, but a link can change between the scan and the read: the
    resolved path is checked again here, then opened one component at a time from the
    corpus folder without following links, so a link swapped in meanwhile fails to open
    (ELOOP, or ENOTDIR for a folder) instead of being followed. O_NONBLOCK: opening a FIFO
    returns at once.
    """
    real_root = os.path.realpath(root)
    target = os.path.realpath(path)
    if not _is_inside(target, real_root):
        raise CorpusError(OUTSIDE_LINK)
    *folders, name = os.path.relpath(target, real_root).split(os.sep)
    folder = os.open(real_root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in folders:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    finally:
        os.close(folder)


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
    return _decode_8bit(raw)


def _decode_8bit(raw: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: Vietnamese typed in a legacy font encoding (TCVN3, VNI), or in
    Windows-1258, else Western European in Windows-1252 (Latin-1's letters and a few more).

    Both code pages decode nearly any bytes, and where they differ are the letters that tell
    the languages apart: 0xE3 is "ă" or "ã", 0xF0 "đ" or "ð", 0xF2 a combining dot below
    or "ò". So the Vietnamese reading is taken only when it reads as Vietnamese.
    """
    legacy = decode_legacy_bytes(raw)
    if legacy is not None:
        return legacy[0], legacy[1].lower()
    for encoding in ("cp1258", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and (encoding != "cp1258" or looks_vietnamese(text)):
            return text, encoding
    raise CorpusError("cannot decode text: not UTF-8, UTF-16, Windows-1258 or Windows-1252")


def decoding_note(source: SourceDocument) -> str | None:
    """A line for the report when the file's text was a guess or a conversion (an encoding
    without a BOM that is not UTF-8, a legacy Vietnamese encoding), else None."""
    guessed = GUESSED_ENCODINGS.get(source.encoding)
    notes = ([f"not UTF-8: decoded as {guessed}"] if guessed else []) + list(source.notes)
    return "; ".join(notes) or None


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
    return bool(visible) and letters / len(visible) >= EIGHT_BIT_MIN_LETTER_SHARE


def looks_vietnamese(text: str) -> bool:
    """Whether text reads as Vietnamese: most words carry its diacritics, a few at least
    ones no Western European language has (ă, đ, ơ, ư, ạ, ả, ế, ...), and hardly any word
    has a letter or a spelling Vietnamese never uses ("ç", "ü", "đ" inside a word)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    marked = [word for word in words if not word.isascii()]
    if not marked or len(marked) < VIETNAMESE_MIN_MARKED_SHARE * len(words):
        return False
    if not any(char > "\xff" and char in _vietnamese_letters() for char in "".join(marked)):
        return False
    foreign = sum(not _vietnamese_spelling(word) for word in marked)
    return foreign <= VIETNAMESE_MAX_FOREIGN_SHARE * len(marked)


def _vietnamese_spelling(word: str) -> bool:
    letters = _vietnamese_letters()
    if not all(char.isascii() or char in letters for char in word):
        return False  # "ç", "ü", "ß", or a tone mark left on a consonant
    lower = word.lower()
    if "đ" in lower[1:]:
        return False  # "đ" starts a syllable: Icelandic "við" read as Vietnamese
    # "ă" is always followed by a consonant: Portuguese "não" reads "năo".
    return not re.search(r"[ăắằẳẵặ](?![cmnpt])", lower)


@functools.cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet with a diacritic, both cases, NFC."""
    letters = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in ("", *TONE_MARKS):
            letter = unicodedata.normalize("NFC", base + tone)
            letters.update((letter, letter.upper()))
    return frozenset(letter for letter in letters if not letter.isascii())


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


def _load_front_matter(header: str, what: str = "front matter", first_line: int = 2) -> dict:
    """The mapping of a YAML header; ``first_line`` is the file's line number of its first
    line, for the reason (front matter starts on the line after the opening '---')."""
    try:
        data = load_plain_yaml(header, max_depth=FRONT_MATTER_MAX_DEPTH)
    except yaml.YAMLError as error:
        raise CorpusError(f"broken {what}: {_yaml_problem(error, first_line)}") from error
    except (ValueError, OverflowError) as error:
        # YAML that Python cannot hold: "date: 2019-13-45", a number of 5,000 digits.
        raise CorpusError(f"broken {what}: {error}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(f"{what} is not a mapping")
    return data


def _yaml_problem(error: yaml.YAMLError, first_line: int) -> str:
    # The problem ("expected ',' or ']'") says more than the context line ("while parsing...").
    problem = getattr(error, "problem", None) or str(error).strip().split("\n")[0]
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return problem
    return f"{problem} (line {mark.line + first_line})"  # marks count from 0


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
