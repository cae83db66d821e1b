"""The reliability benchmark's own logic, without a corpus, a server or an indexer run:
the hostile corpus, the changes and their checks, the accounting and the table."""

import http.server
import os
import random
import stat
import subprocess
import threading
import urllib.parse

import pytest

from bench.perf.load import run_load
from bench.reliability import hostile_corpus, kills
from bench.reliability.accounting import account, printed_forms, skipped_lines
from bench.reliability.changes import (
    ADDED_FOLDER,
    Markers,
    Round,
    Tracked,
    apply_round,
    plan_round,
    track,
)
from bench.reliability.client import Answer
from bench.reliability.expensive import COMMON_WORDS, RUN_CHARS, expensive_paths, or_query
from bench.reliability.flood import failures
from bench.reliability.indexrun import IndexerRun, decode_output
from bench.reliability.report import format_report
from bench.reliability.staleness import stale

# --- The hostile corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    root = folder / "corpus"
    entries = hostile_corpus.build(root, folder / "outside")
    yield root, folder / "outside", {entry.name: entry for entry in entries}
    hostile_corpus.restore_permissions(root)


def test_the_hostile_corpus_holds_every_entry_it_lists(hostile):
    root, _, entries = hostile
    names = {os.fsdecode(name) for name in os.listdir(os.fsencode(root))}
    tops = {name.split("/")[0] for name in entries}
    assert names == tops


def test_the_links_loop_leave_the_corpus_or_lead_nowhere(hostile):
    root, outside, _ = hostile
    assert os.readlink(root / "loop.txt") == "loop.txt"
    with pytest.raises(OSError):
        (root / "loop.txt").stat()
    assert (root / "outside.txt").resolve().parent == outside.resolve()
    assert not (root / "outside.txt").resolve().is_relative_to(root.resolve())
    assert (root / "dangling.txt").is_symlink() and not (root / "dangling.txt").exists()


def test_the_special_files_and_names_are_what_they_claim(hostile):
    root, _, _ = hostile
    assert stat.S_ISFIFO(os.lstat(root / "fifo.txt").st_mode)
    assert (root / "folder.txt").is_dir()
    assert b"bad-\xff-name.txt" in os.listdir(os.fsencode(root))
    assert (root / "tab\there.txt").is_file()
    assert stat.S_IMODE((root / "locked").stat().st_mode) == 0
    assert (root / "empty.txt").stat().st_size == 0
    assert b"\0" in (root / "binary.txt").read_bytes()


def test_the_front_matter_bombs_are_small_and_aimed_at_a_field_the_indexer_reads(hostile):
    root, _, _ = hostile
    bomb = (root / "bomb.md").read_text()
    assert len(bomb.encode()) < 400
    assert "year: *h" in bomb
    nested = (root / "nested.md").read_text()
    assert nested.startswith("---\nleaders: " + "[" * hostile_corpus.NESTING)


def test_the_latin1_and_large_files(hostile):
    root, _, _ = hostile
    latin1 = (root / "latin1.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    assert latin1.decode("latin-1") == hostile_corpus.LATIN1_TEXT
    big = (root / "big-line.txt").read_bytes()
    assert len(big) == hostile_corpus.BIG_LINE_BYTES < hostile_corpus.SIZE_CAP
    assert b"\n" not in big
    assert (root / "too-big.txt").stat().st_size > hostile_corpus.SIZE_CAP


def test_one_entry_alone_comes_with_the_good_files_only(tmp_path):
    entries = hostile_corpus.build(tmp_path / "corpus", tmp_path / "outside", only="empty.txt")
    assert [entry.name for entry in entries] == [*hostile_corpus.GOOD, "empty.txt"]
    assert sorted(os.listdir(tmp_path / "corpus")) == [
        "empty.txt",
        "good-1.md",
        "good-2.txt",
        "sub",
    ]


# --- Accounting for each entry --------------------------------------------------------------


def test_skip_lines_are_read_from_the_commands_output():
    stderr = "skipped a.txt: empty file\nsome progress\nskipped tab\there.txt: cannot read: x\n"
    assert skipped_lines(stderr) == {"a.txt": "empty file", "tab\there.txt": "cannot read: x"}


def test_each_entry_is_indexed_skipped_or_unaccounted():
    bad = os.fsdecode(b"bad-\xff.txt")
    outcomes = account(
        [
            ("good.md", "indexed"),
            ("empty.txt", "skipped"),
            ("fifo.txt", "skipped"),
            ("outside.txt", "never indexed"),
            ("locked", "skipped"),
            (bad, "indexed"),
        ],
        indexed={"good.md", "outside.txt"},
        skipped={"empty.txt": "empty file", "locked/inside.md": "x" * 500, "bad-\\udcff.txt": "?"},
    )
    assert [(o.verdict, o.accounted) for o in outcomes] == [
        ("indexed", True),
        ("skipped", True),
        ("unaccounted", False),
        ("INDEXED, must not be", False),
        ("skipped", True),
        ("skipped", True),
    ]
    assert outcomes[4].reason_chars == 500
    assert len(outcomes[4].reason) == 80


def test_a_name_that_is_not_utf8_matches_as_printed_either_way():
    name = os.fsdecode(b"bad-\xff.txt")
    assert decode_output(b"skipped bad-\xff.txt: x") == f"skipped {name}: x"
    assert "bad-\\udcff.txt" in printed_forms(name)


# --- Changes and the stale-document check ----------------------------------------------------


def _plan(number, live, rng=None):
    return plan_round(
        number,
        ["a.txt", "b.txt", "c.txt"],
        live,
        rng or random.Random(1),
        Markers(7),
        identity_of=lambda path: f"title of {path}",
        doc_id_of=lambda path: "id-" + path,
    )


def test_the_first_round_adds_and_edits_an_original_and_deletes_nothing():
    changed = _plan(0, {})
    assert changed.deleted == []
    assert [doc.path.startswith(ADDED_FOLDER) for doc in changed.added] == [True, True]
    [edited] = changed.edited
    assert edited.path in ("a.txt", "b.txt", "c.txt")
    assert edited.identity == f"title of {edited.path}"
    markers = [doc.marker for doc in changed.changes]
    assert len(set(markers)) == 3 and all(m.startswith("relbench") for m in markers)


def test_later_rounds_delete_and_edit_documents_of_earlier_rounds():
    live = {}
    track(live, _plan(0, {}))
    changed = _plan(1, live)
    [gone] = changed.deleted
    assert gone.deleted and gone.path in live
    [edited] = changed.edited
    assert edited.path in live and edited.path != gone.path
    assert edited.marker != live[edited.path].marker
    track(live, changed)
    assert gone.path not in live and live[edited.path].marker == edited.marker


def test_applying_a_round_never_writes_through_a_hard_link(tmp_path):
    source, root = tmp_path / "source.txt", tmp_path / "corpus"
    source.write_bytes(b"original\n")
    root.mkdir()
    os.link(source, root / "a.txt")
    (root / "b.txt").write_bytes(b"to delete\n")
    changed = Round(
        0,
        added=[Tracked("new/x.txt", "x", "relbenchax1", "relbenchax1")],
        edited=[Tracked("a.txt", "a", "t", "relbenchex2")],
        deleted=[Tracked("b.txt", "b", "t", "m", deleted=True)],
    )
    apply_round(root, changed)
    assert source.read_bytes() == b"original\n"
    assert (root / "a.txt").read_text().startswith("original") and "relbenchex2" in (
        root / "a.txt"
    ).read_text()
    assert "relbenchax1" in (root / "new/x.txt").read_text()
    assert not (root / "b.txt").exists()


class FakeApp:
    """Documents as the served app would show them: id → list of (title, text) versions."""

    def __init__(self, versions: dict[str, list[tuple[str, str]]]):
        self.versions = versions

    def document(self, doc_id):
        shown = self.versions.get(doc_id)
        if not shown:
            return Answer(404, {"error": "not found"})
        title, text = shown[0]  # the oldest version: what a stale server shows
        return Answer(200, {"id": doc_id, "title": title, "text": text})

    def search(self, query, per_page=100):
        hits = [
            {"id": doc_id}
            for doc_id, versions in self.versions.items()
            for title, text in versions
            if all(word in f"{title} {text}" for word in query.split())
        ]
        return Answer(200, {"total": len(hits), "hits": hits})


def test_a_current_app_has_no_stale_documents():
    app = FakeApp({"e": [("Tin e", "mới relbenche1")], "other": [("Khác", "chữ")]})
    docs = [
        Tracked("e.txt", "e", "Tin e", "relbenche1"),
        Tracked("d.txt", "d", "Tin d", "relbenchd1", deleted=True),
    ]
    assert stale(app, docs) == {}


def test_an_edited_document_served_twice_and_a_deleted_one_are_stale():
    app = FakeApp(
        {
            "e": [("Tin e", "cũ"), ("Tin e", "mới relbenche1")],
            "d": [("Tin d", "relbenchd1")],
        }
    )
    docs = [
        Tracked("e.txt", "e", "Tin e", "relbenche1"),
        Tracked("d.txt", "d", "Tin d", "relbenchd1", deleted=True),
    ]
    assert stale(app, docs) == {
        "e": ["/api/doc shows an older text", "its title finds it 2 times"],
        "d": [
            "/api/doc answers 200 for a deleted document",
            "its marker still finds it",
            "its title still finds it",
        ],
    }


# --- Expensive requests, processes, the load generator's statuses ---------------------------


def test_expensive_queries_are_long_ors_of_common_words():
    rng = random.Random(3)
    for length in (250, 500):
        query = or_query(rng, length)
        assert length <= len(query) < length + 20
        assert set(query.split(" OR ")) <= set(COMMON_WORDS)
    paths = expensive_paths(["doc-1"], count=8)
    kinds = ["/api/search", "/search", "/doc/doc-1", "/api/search"]
    assert [path.split("?")[0] for path in paths] == kinds * 2
    run = urllib.parse.parse_qs(urllib.parse.urlsplit(paths[3]).query)["q"][0]
    assert 230 <= len(run) <= RUN_CHARS and " OR " not in run
    assert set(run.split()) <= set(COMMON_WORDS)


def test_flood_failures_are_5xx_but_503_and_failed_connections():
    assert failures({"200": 5, "400": 1, "503": 2, "500": 1, "conn": 3}) == 4


def test_a_process_is_alive_until_reaped_and_a_group_lists_its_members():
    child = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        assert kills.alive([child.pid]) == [child.pid]
        assert kills.group_members(child.pid) == [child.pid]
    finally:
        kills.stop([child.pid])
        child.wait()
    assert kills.alive([child.pid]) == []


def test_a_refused_run_is_told_apart_from_a_failed_one():
    run = IndexerRun(1, 0.1, "", "reform-search: another indexer is writing x", 1.0, 1.0)
    assert run.refused and not run.ok
    assert not IndexerRun(1, 0.1, "", "Traceback", 1.0, 1.0).refused


def test_the_load_generator_counts_each_status():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(503 if "busy" in self.path else 200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = run_load(base, ["/ok", "/busy"], clients=1, duration=30, requests=4)
    finally:
        server.shutdown()
        server.server_close()
    assert result["statuses"] == {"200": 2, "503": 2}
    assert result["errors"] == 2


# --- The table ---------------------------------------------------------------------------------


def test_the_table_marks_missed_targets():
    report = {
        "corpus": {"documents": 2000, "name": "tiny"},
        "machine": {"cores": 2},
        "seed": 10,
        "flood": {
            "clients": 4,
            "workers": 2,
            "phase_seconds": 30,
            "normal_alone": {"p50_ms": 20.0, "p95_ms": 80.0, "requests": 900, "errors": 0},
            "normal_beside": {"p50_ms": 900.0, "p95_ms": 3500.0, "requests": 90, "errors": 0},
            "expensive": {"p50_ms": 9000.0, "p95_ms": 30000.0, "statuses": {"200": 9, "500": 2}},
        },
    }
    lines = format_report(report).splitlines()
    assert lines[0] == "reform-search reliability: 2,000 documents (tiny), 2 cores, seed 10"
    beside = next(line for line in lines if "beside the flood" in line)
    assert beside.split()[-5:] == ["3,500", "≤", "500", "ms", "NO"]
    failed = next(line for line in lines if "expensive requests failed" in line)
    assert failed.split()[-4:] == ["2", "≤", "0", "NO"]
    assert any(line.strip().endswith("200: 9, 500: 2") for line in lines)
