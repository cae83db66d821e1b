"""The analysis cache: what it gives back is what analysing gives, a rebuild for a data-file
edit analyses no text again, and nothing damaged or torn is ever used."""

import dataclasses
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

import indexer.analysis_cache as analysis_cache
import indexer.writer as writer
from indexer.analysis_cache import CACHE_FILE, AnalysisCache, analyse, prune
from indexer.schema import current_generation
from indexer.writer import index_corpus

TEXTS = [
    "Thủ tướng Phạm Minh Chính chủ trì phiên họp về cải cách thủ tục hành chính.",
    "Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông.",
    "Năm 2019, UBND tỉnh cắt giảm 30% thời gian giải quyết TTHC.",
    "",
]


def entries(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]


def all_terms(index_dir) -> dict:
    with whoosh_index.open_dir(str(current_generation(index_dir))).reader() as reader:
        return {key: reader.doc_frequency(*key) for key in reader.all_terms()}


def test_a_cached_analysis_is_the_analysis(tmp_path):
    path = tmp_path / CACHE_FILE
    cache = AnalysisCache(path, "v1")
    assert [cache.analysed(t) for t in TEXTS] == [analyse(t) for t in TEXTS]
    cache.close()
    again = AnalysisCache(path, "v1")
    assert [again.analysed(t) for t in TEXTS] == [analyse(t) for t in TEXTS]
    assert (again.hits, again.misses) == (len(TEXTS), 0)
    again.close()


def test_another_analyser_version_finds_nothing_of_the_old_one(tmp_path):
    path = tmp_path / CACHE_FILE
    with_old = AnalysisCache(path, "v1")
    with_old.analysed(TEXTS[0])
    with_old.close()
    with_new = AnalysisCache(path, "v2")
    assert with_new.analysed(TEXTS[0]) == analyse(TEXTS[0])
    assert (with_new.hits, with_new.misses) == (0, 1)
    with_new.close()


def test_the_version_follows_the_analyser_and_its_settings(monkeypatch):
    before = analysis_cache.analyser_version()
    monkeypatch.setenv("REFORM_SEARCH_SEGMENT_CHARS", "123")
    assert analysis_cache.analyser_version() != before


@pytest.mark.parametrize("damage", ["flip", "truncate", "not marshal"])
def test_a_torn_or_altered_entry_is_analysed_again(tmp_path, damage):
    path = tmp_path / CACHE_FILE
    cache = AnalysisCache(path, "v1")
    cache.analysed(TEXTS[1])
    cache.close()
    with sqlite3.connect(path) as db:
        (value,) = db.execute("SELECT value FROM analyses").fetchone()
        if damage == "flip":
            value = value[:-1] + bytes([value[-1] ^ 1])
        elif damage == "truncate":
            value = value[: len(value) // 2]
        else:  # a sound checksum over bytes that do not load
            body = b"\x00garbage"
            value = analysis_cache.hashlib.blake2b(body, digest_size=16).digest() + body
        db.execute("UPDATE analyses SET value = ?", (value,))
    again = AnalysisCache(path, "v1")
    assert again.analysed(TEXTS[1]) == analyse(TEXTS[1])
    assert (again.hits, again.misses) == (0, 1)
    again.close()


def test_a_file_that_is_not_a_cache_is_replaced(tmp_path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"this is no database\n" * 100)
    cache = AnalysisCache(path, "v1")
    assert cache.analysed(TEXTS[0]) == analyse(TEXTS[0])
    cache.close()
    assert entries(path) == 1


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from indexer.analysis_cache import AnalysisCache
cache = AnalysisCache(Path(sys.argv[1]), "v1")
for number in range(200):
    cache.analysed(f"Báo cáo số {number} về cải cách hành chính.")
    if number == 150:  # 128 written in two commits; 23 pending, some being written
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_writer_killed_mid_run_leaves_its_commits_and_nothing_torn(tmp_path):
    path = tmp_path / CACHE_FILE
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(path)], cwd=Path(writer.__file__).parent.parent
    )
    assert killed.returncode == -9
    assert entries(path) == 128
    cache = AnalysisCache(path, "v1")
    texts = [f"Báo cáo số {number} về cải cách hành chính." for number in range(200)]
    assert [cache.analysed(t) for t in texts] == [analyse(t) for t in texts]
    assert (cache.hits, cache.misses) == (128, 72)
    cache.close()


def test_pruning_drops_the_least_recently_used_first(tmp_path):
    path = tmp_path / CACHE_FILE
    for text in [*TEXTS[:3], TEXTS[0]]:  # one run each; the last one uses the first text again
        cache = AnalysisCache(path, "v1")
        cache.analysed(text)
        cache.close()
    with sqlite3.connect(path) as db:
        sizes = [size for (size,) in db.execute("SELECT LENGTH(value) FROM analyses")]
    assert prune(path, sum(sizes) - 1) == 1  # just over the bound: the least recent goes
    assert prune(path, sum(sizes)) == 0
    survivor = AnalysisCache(path, "v1")
    missed = []
    for text in TEXTS[:3]:
        assert survivor.analysed(text) == analyse(text)
        missed.append(survivor.misses)
    assert missed == [0, 1, 1]  # the second text, least recently used, was analysed again
    survivor.close()


# --- In the indexer ------------------------------------------------------------------------


@pytest.fixture
def counted_analyses(monkeypatch):
    """How many texts the indexer analyses (in this process: the corpora here are small)."""
    made = []

    def counting(text):
        made.append(text)
        return analyse(text)

    monkeypatch.setattr(analysis_cache, "analyse", counting)
    monkeypatch.setattr(writer, "analyse", counting)
    return made


def test_a_rebuild_after_a_data_file_edit_analyses_no_text_again(
    corpus_copy, tmp_path, counted_analyses, monkeypatch
):
    index = tmp_path / "index"
    first = index_corpus(corpus_copy, index)
    assert len(counted_analyses) >= first.total  # a title and a body each, some shared
    built = all_terms(index)
    counted_analyses.clear()
    monkeypatch.setattr(writer, "index_version", lambda: "edited-data-files")
    monkeypatch.setattr(writer, "_analysed_alike", lambda generation: False)  # a full build
    second = index_corpus(corpus_copy, index)
    assert second.rebuilt
    assert counted_analyses == []
    assert all_terms(index) == built


def test_an_index_built_from_the_cache_equals_one_built_without(corpus_copy, tmp_path, monkeypatch):
    cached = tmp_path / "cached"
    index_corpus(corpus_copy, cached)
    index_corpus(corpus_copy, cached, rebuild=True)  # every analysis from the cache
    monkeypatch.setenv("REFORM_SEARCH_ANALYSIS_CACHE_MB", "0")
    plain = tmp_path / "plain"
    index_corpus(corpus_copy, plain)
    assert not (plain / CACHE_FILE).exists()
    assert all_terms(cached) == all_terms(plain)


def test_a_damaged_cache_file_never_fails_a_build(corpus_copy, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    (index / CACHE_FILE).write_bytes(b"\x00" * 4096)
    report = index_corpus(corpus_copy, index, rebuild=True)
    assert report.skipped == [] and report.total > 0
    assert entries(index / CACHE_FILE) > 0


# --- A data-file edit: metadata extracted again, only what it changes rewritten ---------


def leaders_of(index_dir) -> dict[str, list[str]]:
    from search_app.engine.service import SearchService

    with SearchService(index_dir, cache_size=0) as service:
        return {doc["path"]: doc["leaders"] for doc in service.documents()}


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "workers"])
def test_a_data_file_edit_rewrites_only_the_documents_whose_metadata_changed(
    corpus_copy, tmp_path, counted_analyses, monkeypatch, parallel
):
    index = tmp_path / "index"
    first = index_corpus(corpus_copy, index)
    before, built = leaders_of(index), all_terms(index)
    counted_analyses.clear()
    # The edit: a new registry entry gives one document a leader it did not have.
    chosen = sorted(before)[0]
    original = writer.metadata_of

    def with_new_leader(source, text):
        found = original(source, text)
        if source.path == chosen:
            return dataclasses.replace(found, leaders=(*found.leaders, "Nguyễn Văn Thử"))
        return found

    monkeypatch.setattr(writer, "metadata_of", with_new_leader)
    monkeypatch.setattr(writer, "index_version", lambda: "edited-data-files")
    if parallel:
        monkeypatch.setattr(writer, "PARALLEL_FROM", 1)
    report = index_corpus(corpus_copy, index)
    assert (report.rebuilt, report.reextracted) == (False, True)
    assert (report.updated, report.unchanged) == ([chosen], first.total - 1)
    assert counted_analyses == []  # the rewritten document's analyses came from the cache
    assert leaders_of(index) == before | {chosen: [*before[chosen], "Nguyễn Văn Thử"]}
    # The same words, searchable as before (a rewritten document's old copy is counted by
    # Whoosh's frequencies until its segment is merged: the terms are compared).
    assert {k for k in all_terms(index) if k[0] != "leader"} == {
        k for k in built if k[0] != "leader"
    }
    assert index_corpus(corpus_copy, index).reextracted is False  # the version is recorded


def test_a_data_file_edit_that_changes_most_documents_builds_a_new_generation(
    corpus_copy, tmp_path, counted_analyses, monkeypatch
):
    index = tmp_path / "index"
    index_corpus(corpus_copy, index)
    serving = current_generation(index)
    counted_analyses.clear()
    original = writer.metadata_of

    def everyone_a_new_leader(source, text):
        found = original(source, text)
        return dataclasses.replace(found, leaders=(*found.leaders, "Nguyễn Văn Thử"))

    monkeypatch.setattr(writer, "metadata_of", everyone_a_new_leader)
    monkeypatch.setattr(writer, "index_version", lambda: "edited-data-files")
    report = index_corpus(corpus_copy, index)
    assert (report.rebuilt, report.reextracted) == (True, False)
    assert current_generation(index) != serving
    assert all("Nguyễn Văn Thử" in leaders for leaders in leaders_of(index).values())
    assert counted_analyses == []  # a new generation, every analysis from the cache
