"""Unchanged files are not read again: their stat stands for their bytes, unless told to
verify, and a change the stat shows (content, sidecar, ctime) is always seen."""

import json
import os

import pytest

import indexer.known_hashes as known_hashes
from indexer.known_hashes import HASHES_FILE
from indexer.writer import index_corpus
from reform_search.cli import main
from search_app.engine.service import SearchRequest, SearchService

NOTE = "# Ghi chú\n\nNội dung về cải cách thủ tục hành chính năm 2019.\n"


def found(index_dir, query: str) -> int:
    with SearchService(index_dir, cache_size=0) as service:
        return service.search(SearchRequest(query=query)).total


@pytest.fixture
def settled(monkeypatch):
    """Files written by the test count as settled at once (they are seconds old at most)."""
    monkeypatch.setattr(known_hashes, "RACY_NS", 0)


@pytest.fixture
def indexed(corpus_copy, tmp_path, settled):
    index = tmp_path / "index"
    first = index_corpus(corpus_copy, index)
    assert first.hashed == first.total > 0
    return corpus_copy, index


def test_a_second_run_reads_no_unchanged_file(indexed):
    corpus, index = indexed
    report = index_corpus(corpus, index)
    assert (report.hashed, report.unchanged, report.updated) == (0, report.total, [])


def test_an_edited_file_is_read_and_updated(indexed):
    corpus, index = indexed
    (corpus / "ghi-chu.md").write_text(NOTE, encoding="utf-8")
    report = index_corpus(corpus, index)
    assert (report.hashed, report.added) == (1, ["ghi-chu.md"])
    (corpus / "ghi-chu.md").write_text(NOTE + "\nThêm một đoạn.\n", encoding="utf-8")
    report = index_corpus(corpus, index)
    assert (report.hashed, report.updated) == (1, ["ghi-chu.md"])


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(indexed):
    corpus, index = indexed
    path = corpus / "ghi-chu.md"
    path.write_text(NOTE, encoding="utf-8")
    index_corpus(corpus, index)
    before = os.stat(path)
    path.write_text(NOTE.replace("2019", "2020"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old modification time
    report = index_corpus(corpus, index)  # the change time moved: that is enough
    assert (report.hashed, report.updated) == (1, ["ghi-chu.md"])
    assert found(index, '"năm 2020"') == 1


def test_an_edited_sidecar_reads_its_document_again(indexed):
    corpus, index = indexed
    (corpus / "ghi-chu.md").write_text(NOTE, encoding="utf-8")
    (corpus / "ghi-chu.md.yaml").write_text("title: Ghi chú hoa sen\n", encoding="utf-8")
    index_corpus(corpus, index)
    (corpus / "ghi-chu.md.yaml").write_text("title: Ghi chú hoa mai\n", encoding="utf-8")
    report = index_corpus(corpus, index)
    assert (report.hashed, report.updated) == (1, ["ghi-chu.md"])
    assert found(index, '"hoa mai"') == 1


def test_files_changed_just_before_the_scan_are_read_again_next_time(corpus_copy, tmp_path):
    index = tmp_path / "index"
    first = index_corpus(corpus_copy, index)  # every file is seconds old: none settled
    assert index_corpus(corpus_copy, index).hashed == first.total


def test_verify_and_rebuild_read_every_file(indexed):
    corpus, index = indexed
    assert index_corpus(corpus, index, verify=True).hashed > 0
    total = index_corpus(corpus, index).total
    assert index_corpus(corpus, index, verify=True).hashed == total
    assert index_corpus(corpus, index, rebuild=True).hashed == total


@pytest.mark.parametrize("saved", ["", "{", '{"format": 1, "files": [["a"]]}', '{"format": 99}'])
def test_an_unreadable_hashes_file_costs_a_full_read_and_nothing_else(indexed, saved):
    corpus, index = indexed
    (index / HASHES_FILE).write_text(saved, encoding="utf-8")
    report = index_corpus(corpus, index)
    assert (report.hashed, report.unchanged) == (report.total, report.total)
    assert json.loads((index / HASHES_FILE).read_text("utf-8"))["format"] == 1


def test_the_command_line_verify_flag_reads_files_whose_stat_lies(indexed, monkeypatch, capsys):
    corpus, index = indexed
    (corpus / "ghi-chu.md").write_text(NOTE, encoding="utf-8")
    assert main(["index", str(corpus), "--index", str(index)]) == 0
    # A stat that never changes (a file system without reliable times): only --verify
    # notices the edit.
    monkeypatch.setattr(known_hashes, "stamp_of", lambda path: (1, 2, 3, 4))
    assert main(["index", str(corpus), "--index", str(index)]) == 0
    edited = NOTE.replace("Nội dung", "Ngọc lan tỏa hương")
    (corpus / "ghi-chu.md").write_text(edited, encoding="utf-8")
    assert main(["index", str(corpus), "--index", str(index)]) == 0
    assert found(index, '"ngọc lan"') == 0
    assert main(["index", str(corpus), "--index", str(index), "--verify"]) == 0
    assert found(index, '"ngọc lan"') == 1
    assert "1 updated" in capsys.readouterr().out.splitlines()[-1]
