import fcntl
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

import indexer.analysis_cache as analysis_cache
import indexer.writer as writer
from indexer.analysis_cache import CACHE_FILE
from indexer.schema import CURRENT_LINK, SCHEMA_VERSION, VERSION_FILE, current_generation
from indexer.writer import IndexLockedError, document_id, index_corpus, index_version
from search_app.engine.service import SearchRequest, SearchService

SEED = "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md"


def titles(index_dir, query) -> list[str]:
    service = SearchService(index_dir)
    try:
        return [hit.title for hit in service.search(SearchRequest(query=query)).hits]
    finally:
        service.close()


def terms(index_dir) -> dict[tuple[str, bytes], int]:
    """Every indexed (field, term) and the number of documents holding it."""
    with whoosh_index.open_dir(str(current_generation(index_dir))).reader() as reader:
        return {key: reader.doc_frequency(*key) for key in reader.all_terms()}


def segment_count(index_dir) -> int:
    with whoosh_index.open_dir(str(current_generation(index_dir))).reader() as reader:
        return len(list(reader.leaf_readers()))


def paths(index_dir) -> list[str]:
    service = SearchService(index_dir)
    try:
        return [doc["path"] for doc in service.documents()]
    finally:
        service.close()


def test_first_run_builds_a_generation_and_points_current_at_it(corpus_copy, tmp_path):
    index = tmp_path / "index"
    report = index_corpus(corpus_copy, index)
    assert report.rebuilt is True
    assert report.skipped == []
    assert report.total == len(list(corpus_copy.rglob("*.md"))) + len(
        list(corpus_copy.rglob("*.txt"))
    )
    assert (index / CURRENT_LINK).is_symlink()
    assert (current_generation(index) / VERSION_FILE).read_text().strip() == index_version()
    assert index_version().startswith(f"{SCHEMA_VERSION}-")


def test_second_run_with_nothing_changed_skips_everything(corpus_copy, tmp_path):
    index = tmp_path / "index"
    first = index_corpus(corpus_copy, index)
    second = index_corpus(corpus_copy, index)
    assert (second.added, second.updated, second.removed) == ([], [], [])
    assert second.unchanged == first.total
    assert second.rebuilt is False


def test_changed_added_and_deleted_files(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    seed = corpus_copy / SEED
    seed.write_text(seed.read_text("utf-8") + "\nMục mới về ngựa vằn.\n", encoding="utf-8")
    (corpus_copy / "new.txt").write_text("Bài mới\n\nNội dung về hươu cao cổ.", "utf-8")
    (corpus_copy / "extra" / "the-gioi.md").unlink()
    report = index_corpus(corpus_copy, index)
    assert (report.added, report.updated, report.removed) == (
        ["new.txt"],
        [SEED],
        ["extra/the-gioi.md"],
    )
    assert titles(index, "ngựa vằn") == [
        "Hội nghị giao ban trực tuyến toàn quốc về cải cách thủ tục hành chính"
    ]
    assert titles(index, "hươu cao cổ") == ["Bài mới"]
    assert "extra/the-gioi.md" not in paths(index)


def test_ids_are_stable_across_rebuilds(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    before = {doc["path"]: doc["id"] for doc in SearchService(index).documents()}
    index_corpus(corpus_copy, index, rebuild=True)
    after = {doc["path"]: doc["id"] for doc in SearchService(index).documents()}
    assert after == before
    assert before[SEED] == document_id(SEED)


def test_document_ids_are_url_safe_and_distinct():
    assert document_id("Báo cáo/Đổi mới 2019.md").startswith("bao-cao-doi-moi-2019-")
    assert document_id("a b.md") != document_id("a-b.md")


def test_a_failed_rebuild_leaves_the_old_index_serving(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    serving = current_generation(index)
    before = titles(index, "thủ tục hành chính")
    calls = []

    def crash_on_third(corpus_dir, path):
        calls.append(path)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(corpus_dir, path)

    original = writer._prepare
    monkeypatch.setattr(writer, "_prepare", crash_on_third)
    with pytest.raises(RuntimeError):
        index_corpus(corpus_copy, index, rebuild=True)
    assert current_generation(index) == serving
    assert titles(index, "thủ tục hành chính") == before
    assert [p.name for p in index.iterdir() if p.name.endswith(".building")] == []


def test_a_failed_update_leaves_the_old_index_intact(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    (corpus_copy / SEED).write_text("---\ntitle: Đã sửa\n---\n\nNội dung mới.\n", "utf-8")
    (corpus_copy / "extra" / "the-che.md").unlink()
    monkeypatch.setattr(writer, "_prepare", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        index_corpus(corpus_copy, index)
    assert "extra/the-che.md" in paths(index)
    assert titles(index, "giao ban")[0] == (
        "Hội nghị giao ban trực tuyến toàn quốc về cải cách thủ tục hành chính"
    )


def test_one_writer_at_a_time(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    with open(index / writer.LOCK_FILE, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(IndexLockedError, match="another indexer is writing"):
            index_corpus(corpus_copy, index)
    assert current_generation(index) is None


def test_the_index_version_follows_the_data_files_the_extraction_rules_and_extractors(tmp_path):
    package = Path(writer.__file__).parent
    copy = tmp_path / "indexer"
    shutil.copytree(package / "data", copy / "data")
    shutil.copytree(package / "formats", copy / "formats")
    for module in writer.EXTRACTION_MODULES:
        shutil.copy(package / module, copy / module)
    assert index_version(copy) == index_version()
    with (copy / "dates.py").open("a") as rules:
        rules.write("\n# a changed rule\n")
    changed_rules = index_version(copy)
    with (copy / "data" / "leaders.yaml").open("a") as data:
        data.write("\n# a new leader\n")
    changed_data = index_version(copy)
    with (copy / "formats" / "pdf_file.py").open("a") as extractor:
        extractor.write("\n# a changed extractor\n")
    versions = {index_version(), changed_rules, changed_data, index_version(copy)}
    assert len(versions) == 4


def test_an_index_of_another_schema_is_rebuilt(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    (current_generation(index) / VERSION_FILE).write_text(f"{SCHEMA_VERSION - 1}-olddata\n")
    report = index_corpus(corpus_copy, index)
    assert (report.rebuilt, report.reextracted) == (True, False)
    assert titles(index, "giao ban") != []


def test_an_index_of_other_data_files_is_re_extracted_in_place(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    serving = current_generation(index)
    (serving / VERSION_FILE).write_text(f"{SCHEMA_VERSION}-olderdata\n")
    report = index_corpus(corpus_copy, index)
    assert (report.rebuilt, report.reextracted, report.updated) == (False, True, [])
    assert report.unchanged == report.total > 0
    assert current_generation(index) == serving  # no new generation
    assert (serving / VERSION_FILE).read_text().strip() == index_version()
    assert index_corpus(corpus_copy, index).reextracted is False


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        index_corpus(tmp_path / "nope", tmp_path / "index")


# --- Bad input -----------------------------------------------------------------------------

BAD_FILES = {
    "binary.txt": b"\x00\x01\x02\x03PNG\x00\x00",
    "empty.md": b"",
    "broken.md": b"---\ntitle: [unclosed\n---\n\nText.\n",
    "huge.txt": b"Tieu de\n\n" + b"cai cach " * 700_000,
}


def test_bad_files_are_skipped_with_a_reason_and_the_rest_indexed(corpus_copy, tmp_path):
    for name, data in BAD_FILES.items():
        (corpus_copy / name).write_bytes(data)
    report = index_corpus(corpus_copy, tmp_path / "index")
    assert sorted(path for path, _ in report.skipped) == sorted(BAD_FILES)
    reasons = dict(report.skipped)
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.md"]
    assert "front matter" in reasons["broken.md"]
    assert "too large" in reasons["huge.txt"]
    assert titles(tmp_path / "index", "giao ban") != []


def count_reads(monkeypatch) -> dict[str, int]:
    """How many times the indexer reads and parses each file, counted as it runs."""
    reads: dict[str, int] = {}
    original = writer.read_document

    def counting(root, path, **kwargs):
        relative = path.relative_to(root).as_posix()
        reads[relative] = reads.get(relative, 0) + 1
        return original(root, path, **kwargs)

    monkeypatch.setattr(writer, "read_document", counting)
    return reads


def small_corpus(tmp_path, files: dict[str, str]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, "utf-8")
    return corpus, tmp_path / "index"


BROKEN = "---\ntitle: [unclosed\n---\n\nText.\n"
GOOD = "Bài tốt\n\nNội dung về cải cách.\n"


def test_an_unchanged_skipped_file_is_not_parsed_again(tmp_path, monkeypatch):
    corpus, index = small_corpus(tmp_path, {"good.txt": GOOD, "broken.md": BROKEN})
    reads = count_reads(monkeypatch)
    ((path, reason),) = index_corpus(corpus, index).skipped
    assert (path, "front matter" in reason) == ("broken.md", True)
    for _ in range(2):
        again = index_corpus(corpus, index)
        assert again.skipped == [("broken.md", f"unchanged since last run: {reason}")]
    assert reads == {"good.txt": 1, "broken.md": 1}
    (corpus / "broken.md").write_text(BROKEN + "More.\n", "utf-8")  # changed: tried again
    assert index_corpus(corpus, index).skipped == [("broken.md", reason)]
    assert reads["broken.md"] == 2
    (corpus / "broken.md").write_text("---\ntitle: Đã sửa\n---\n\nText.\n", "utf-8")
    fixed = index_corpus(corpus, index)
    assert (fixed.added, fixed.skipped) == (["broken.md"], [])


def test_a_skipped_file_is_tried_again_by_a_rebuild_or_another_version(tmp_path, monkeypatch):
    corpus, index = small_corpus(tmp_path, {"good.txt": GOOD, "broken.md": BROKEN})
    reads = count_reads(monkeypatch)
    index_corpus(corpus, index)
    index_corpus(corpus, index, rebuild=True)
    assert reads["broken.md"] == 2
    monkeypatch.setattr(writer, "index_version", lambda: f"{SCHEMA_VERSION}-otherdata")
    assert index_corpus(corpus, index).reextracted is True
    assert reads["broken.md"] == 3
    assert index_corpus(corpus, index).skipped[0][1].startswith("unchanged since last run: ")
    assert reads["broken.md"] == 3


@pytest.mark.parametrize("parallel", [False, True])
def test_a_remembered_skip_keeps_the_indexed_version_in_a_build(tmp_path, monkeypatch, parallel):
    corpus, index = small_corpus(tmp_path, {"good.txt": GOOD, "doc.md": GOOD})
    index_corpus(corpus, index)
    (corpus / "doc.md").write_text(BROKEN, "utf-8")
    index_corpus(corpus, index)  # skipped: its indexed version stays
    original = writer.read_document

    def not_doc_md(root, path, **kwargs):  # in worker processes too
        if path.name == "doc.md":
            raise RuntimeError("doc.md read again")
        return original(root, path, **kwargs)

    monkeypatch.setattr(writer, "read_document", not_doc_md)
    if parallel:
        monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    # A build with the same data and code (only the version files say otherwise).
    monkeypatch.setattr(writer, "_version_of", lambda generation: f"{SCHEMA_VERSION}-older")
    monkeypatch.setattr(writer, "_analysed_alike", lambda generation: False)
    report = index_corpus(corpus, index)
    assert (report.rebuilt, [path for path, _ in report.skipped]) == (True, ["doc.md"])
    assert sorted(paths(index)) == ["doc.md", "good.txt"]


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_other_encodings_are_decoded(corpus_copy, tmp_path):
    text = "Cải cách thủ tục hành chính\n\nBáo cáo về chuyển đổi số của tỉnh."
    (corpus_copy / "utf16.txt").write_bytes(text.encode("utf-16"))
    (corpus_copy / "cp1258.txt").write_bytes(windows_1258(text))
    report = index_corpus(corpus_copy, tmp_path / "index")
    assert report.skipped == []
    found = SearchService(tmp_path / "index").search(SearchRequest(query="chuyển đổi số"))
    assert {hit.path for hit in found.hits} >= {"utf16.txt", "cp1258.txt"}
    assert {hit.title for hit in found.hits} >= {"Cải cách thủ tục hành chính"}


def test_a_file_that_breaks_keeps_its_indexed_version(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    (corpus_copy / SEED).write_bytes(b"---\ntitle: [oops\n---\n")
    report = index_corpus(corpus_copy, index)
    assert [path for path, _ in report.skipped] == [SEED]
    assert SEED in paths(index)
    report = index_corpus(corpus_copy, index, rebuild=True)
    assert [path for path, _ in report.skipped] == [SEED]
    assert titles(index, "giao ban")[0] == (
        "Hội nghị giao ban trực tuyến toàn quốc về cải cách thủ tục hành chính"
    )


def test_worker_processes_build_the_same_index(corpus_copy, tmp_path, monkeypatch):
    inline = tmp_path / "inline"
    inline_report = index_corpus(corpus_copy, inline)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)  # every build in worker processes
    parallel = tmp_path / "parallel"
    seen = []
    report = index_corpus(corpus_copy, parallel, progress=lambda done, total: seen.append(done))
    assert segment_count(inline) == 1
    assert segment_count(parallel) == writer.MAX_WORKERS  # one written by each worker
    assert terms(parallel) == terms(inline)
    assert SearchService(parallel).documents() == SearchService(inline).documents()
    assert titles(parallel, "thủ tục hành chính") == titles(inline, "thủ tục hành chính")
    assert report.added == inline_report.added
    assert seen == list(range(1, report.total + 1))
    leftovers = [p.name for p in current_generation(parallel).iterdir() if p.is_dir()]
    assert leftovers == []  # the writers' scratch folder is gone


def test_a_build_cut_into_many_segments_is_the_same_index(corpus_copy, tmp_path, monkeypatch):
    whole = tmp_path / "whole"
    index_corpus(corpus_copy, whole)
    monkeypatch.setattr(writer, "SEGMENT_POSTINGS", 1)  # a new segment after each document
    cut = tmp_path / "cut"
    report = index_corpus(corpus_copy, cut)
    assert segment_count(cut) == report.total
    assert terms(cut) == terms(whole)
    assert SearchService(cut).documents() == SearchService(whole).documents()


def test_a_failed_worker_leaves_the_old_index_serving(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    serving = current_generation(index)
    original = writer._prepare

    def crash_on_seed(corpus_dir, path):
        if path == SEED:
            raise RuntimeError("disk full")
        return original(corpus_dir, path)

    monkeypatch.setattr(writer, "_prepare", crash_on_seed)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    with pytest.raises(RuntimeError, match="disk full"):
        index_corpus(corpus_copy, index, rebuild=True)
    assert current_generation(index) == serving
    assert [p.name for p in index.iterdir() if p.name.endswith(".building")] == []
    assert titles(index, "giao ban") != []


def test_an_empty_folder_indexes_and_later_files_are_added_to_it(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    assert index_corpus(corpus, index).total == 0
    assert SearchService(index).search(SearchRequest(query="thủ tục")).total == 0
    (corpus / "a.md").write_text("# Thủ tục\n\nCải cách thủ tục hành chính.\n", "utf-8")
    report = index_corpus(corpus, index)
    assert (report.added, report.total) == (["a.md"], 1)
    assert SearchService(index).search(SearchRequest(query="thủ tục")).total == 1


# --- Odd corpus entries ----------------------------------------------------------------------


def add_hostile_entries(corpus, tmp_path) -> dict[str, str]:
    """Entries that once stopped a run or were dropped without a word; path → reason start."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu\n\nchuỗi bí mật zebrafish", "utf-8")
    (corpus / "self.txt").symlink_to("self.txt")
    (corpus / "p.txt").symlink_to(secret)
    (corpus / "dangling.md").symlink_to("missing.md")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "folder.md").mkdir()
    with open(os.path.join(os.fsencode(corpus), b"bad\xff.txt"), "wb") as handle:
        handle.write("Tiêu đề\n\nNội dung.".encode())
    nested = "[" * 10_000 + "]" * 10_000
    (corpus / "deep.md").write_text(f"---\ntitle: T\nleaders: {nested}\n---\nNội dung.\n")
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"{name}: &{name} [{','.join(['*' + prev] * 9)}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    (corpus / "bomb.md").write_text("---\nleaders: *i\n" + "\n".join(bomb) + "\n---\nNội dung.")
    return {
        "self.txt": "link loop",
        "p.txt": "link leads outside the corpus folder",
        "dangling.md": "broken link",
        "pipe.txt": "not a regular file",
        "folder.md/": "a folder, not a file",
        "bad\\xff.txt": "file name is not valid UTF-8",
        "deep.md": "broken front matter: nested more than",
        "bomb.md": "broken front matter: alias *i not allowed",
    }


@pytest.mark.parametrize("in_workers", [False, True], ids=["inline", "workers"])
def test_odd_entries_are_reported_and_never_stop_a_run(
    corpus_copy, tmp_path, monkeypatch, in_workers
):
    index = tmp_path / "index"
    expected = index_corpus(corpus_copy, index).total
    hostile = add_hostile_entries(corpus_copy, tmp_path)
    if in_workers:
        monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    for rebuild in (False, True):  # an update, then a build
        report = index_corpus(corpus_copy, index, rebuild=rebuild)
        reasons = dict(report.skipped)
        assert sorted(reasons) == sorted(hostile)
        assert all(reasons[path].startswith(start) for path, start in hostile.items())
        assert max(len(reason) for reason in reasons.values()) <= 200
        assert report.total == expected
        assert titles(index, "zebrafish") == []  # what the link out of the corpus leads to


def test_a_folder_that_cannot_be_listed_keeps_its_documents(corpus_copy, tmp_path, monkeypatch):
    index = tmp_path / "index"
    total = index_corpus(corpus_copy, index).total
    scandir, extra = os.scandir, corpus_copy / "extra"

    def refusing(path="."):
        if os.fspath(path) == os.fspath(extra):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    for rebuild in (False, True):
        report = index_corpus(corpus_copy, index, rebuild=rebuild)
        assert ("extra/", "cannot read folder: Permission denied") in report.skipped
        assert report.removed == []
        assert report.total == total
        assert "extra/the-che.md" in paths(index)


def test_a_guessed_encoding_is_noted_once(corpus_copy, tmp_path):
    (corpus_copy / "cp1258.txt").write_bytes(
        windows_1258("Cải cách thủ tục hành chính\n\nBáo cáo về chuyển đổi số của tỉnh.")
    )
    (corpus_copy / "latin1.txt").write_bytes("Réforme\n\nÇa coûte cher à Genève.".encode("cp1252"))
    report = index_corpus(corpus_copy, tmp_path / "index")
    assert report.notes == [
        ("cp1258.txt", "not UTF-8: decoded as Windows-1258"),
        ("latin1.txt", "not UTF-8: decoded as Windows-1252 (Western European)"),
    ]
    assert titles(tmp_path / "index", "Genève") == ["Réforme"]
    assert index_corpus(corpus_copy, tmp_path / "index").notes == []  # unchanged: not read


@pytest.mark.parametrize("name", ["tab\there.txt", "tab\tand\nnewline.md"])
def test_a_tab_or_newline_in_a_file_name_does_not_break_later_runs(tmp_path, name):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "plain.txt").write_text("Bài thường\n\nNội dung về cải cách.\n", "utf-8")
    (corpus / name).write_text("Tên lạ\n\nNội dung về chim cánh cụt.\n", "utf-8")
    assert index_corpus(corpus, index).added == sorted(["plain.txt", name])
    second = index_corpus(corpus, index)
    assert (second.added, second.updated, second.removed, second.unchanged) == ([], [], [], 2)
    (corpus / name).write_text("Tên lạ\n\nNội dung về chim hải âu.\n", "utf-8")
    assert index_corpus(corpus, index).updated == [name]
    (corpus / name).unlink()
    assert index_corpus(corpus, index).removed == [name]


# --- A killed indexer ----------------------------------------------------------------------

# An indexer whose files each take 0.2 s, in worker processes (two, whatever the machine).
SLOW_INDEXER = """
import os, sys, time
from pathlib import Path
import indexer.writer as writer

original = writer._prepare

def slow(corpus_dir, path, *rest):
    time.sleep(0.2)
    return original(corpus_dir, path, *rest)

writer._prepare = slow
os.cpu_count = lambda: 2
writer.index_corpus(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[3] == "rebuild")
"""


def many_files(corpus, count, subject):
    corpus.mkdir(exist_ok=True)
    for number in range(count):
        text = f"Bài {number}\n\nBáo cáo số {number} về {subject}.\n"
        (corpus / f"bai-{number:03d}.txt").write_text(text, "utf-8")


def process_state(pid: int) -> str | None:
    """The state letter of process ``pid`` (Z: dead, not yet reaped), None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[0]


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def until(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("gave up waiting")


def kill_indexer_when_its_workers_run(corpus, index, mode) -> list[int]:
    """Start the slow indexer, kill -9 it once its workers run; their process ids."""
    indexer = subprocess.Popen(
        [sys.executable, "-c", SLOW_INDEXER, str(corpus), str(index), mode],
        cwd=Path(writer.__file__).parent.parent,
    )
    try:
        workers = until(lambda: children_of(indexer.pid))
        time.sleep(0.5)  # the workers are into their files
    finally:
        indexer.kill()
        indexer.wait()
    return workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("mode", ["rebuild", "update"])
def test_a_rerun_after_kill_9_starts_at_once_and_no_worker_survives(tmp_path, mode, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    many_files(corpus, writer.PARALLEL_FROM + 6, "chim cánh cụt")
    index_corpus(corpus, index)
    serving = current_generation(index)
    if mode == "update":
        many_files(corpus, writer.PARALLEL_FROM + 6, "chim hải âu")  # every file changed
    workers = kill_indexer_when_its_workers_run(corpus, index, mode)
    assert workers != []
    if mode == "rebuild":
        assert [p.name for p in index.glob("gen-*.building")] != []  # the killed build's
    report = index_corpus(corpus, index)  # no IndexLockedError
    assert report.total == writer.PARALLEL_FROM + 6
    assert current_generation(index) == serving
    assert [p.name for p in index.glob("gen-*.building")] == []
    expected = "chim hải âu" if mode == "update" else "chim cánh cụt"
    assert len(paths(index)) == report.total
    assert SearchService(index).search(SearchRequest(query=expected)).total == report.total
    until(lambda: all(process_state(pid) in (None, "Z") for pid in workers), seconds=10)
    # The analysis cache the killed workers were writing is sound, and serves a rebuild.
    with sqlite3.connect(index / CACHE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    made, original = [], analysis_cache.analyse
    for module in (analysis_cache, writer):
        monkeypatch.setattr(module, "analyse", lambda text: made.append(text) or original(text))
    monkeypatch.setattr(writer, "PARALLEL_FROM", 10**9)  # in this process: ``made`` sees all
    index_corpus(corpus, index, rebuild=True)
    assert made == []


def _worker_dispositions(queue) -> None:
    writer._start_worker(os.getppid())
    handlers = [signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGALRM)]
    queue.put([handler == signal.SIG_DFL for handler in handlers])


def test_a_worker_drops_the_indexing_processs_signal_handlers():
    """A server that stops gracefully on SIGTERM may index in its own process: its workers,
    forked from it, must still die of the SIGTERM the pool ends them with (a worker that
    caught it and waited on kept the build from ever finishing)."""
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        context = multiprocessing.get_context("fork")
        queue = context.SimpleQueue()
        process = context.Process(target=_worker_dispositions, args=(queue,))
        process.start()
        process.join(60)
        assert queue.get() == [True, True]  # both the default: SIGTERM ends the worker
    finally:
        signal.signal(signal.SIGTERM, previous)
