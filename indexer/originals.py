"""The original file of an indexed document, for the document page's download link.

The index records the corpus folder it was built from; a file is then found by the path
the index stored for the document (never a path from a request) and opened as the corpus
reader opens it: never through a link out of that folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from indexer.corpus import open_inside
from indexer.document import CorpusError

CORPUS_FOLDER_FILE = "corpus-folder"

# Shown in the browser: PDF and plain text. Saved, never shown on this site: a web page
# from the corpus could run its scripts here, and a Word file has nothing to show.
CONTENT_TYPES = {
    ".pdf": ("application/pdf", "inline"),
    ".txt": ("text/plain", "attachment"),
    ".md": ("text/markdown", "attachment"),
    ".html": ("text/html", "attachment"),
    ".htm": ("text/html", "attachment"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
    ),
    ".doc": ("application/msword", "attachment"),
}
DEFAULT_CONTENT_TYPE = ("application/octet-stream", "attachment")


@dataclass(frozen=True)
class Original:
    descriptor: int  # open, read-only; the caller closes it
    size: int
    content_type: str
    disposition: str  # "inline" or "attachment"
    filename: str


def record_corpus_folder(index_dir: Path, corpus_dir: Path) -> None:
    """Note beside the index which folder it was built from (atomically)."""
    temporary = Path(index_dir, f".{CORPUS_FOLDER_FILE}.{os.getpid()}")
    temporary.write_text(str(Path(corpus_dir).resolve()) + "\n", "utf-8")
    os.replace(temporary, Path(index_dir, CORPUS_FOLDER_FILE))


def corpus_folder(index_dir: Path) -> Path | None:
    try:
        recorded = Path(index_dir, CORPUS_FOLDER_FILE).read_text("utf-8").strip()
    except OSError:
        return None
    return Path(recorded) if recorded else None


def open_original(index_dir: Path, stored_path: str) -> Original:
    """The file the index knows as ``stored_path``; OSError when it is not there now."""
    root = corpus_folder(index_dir)
    if root is None:
        raise FileNotFoundError("the index does not say which folder it was built from")
    parts = PurePosixPath(stored_path).parts
    if not parts or PurePosixPath(stored_path).is_absolute() or ".." in parts:
        raise FileNotFoundError("not a path inside the corpus folder")
    try:
        descriptor = open_inside(root, Path(root, *parts))
    except CorpusError as error:  # a link out of the folder
        raise FileNotFoundError(str(error)) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise FileNotFoundError("not a regular file")
    content_type, disposition = CONTENT_TYPES.get(
        PurePosixPath(stored_path).suffix.lower(), DEFAULT_CONTENT_TYPE
    )
    return Original(descriptor, info.st_size, content_type, disposition, parts[-1])
