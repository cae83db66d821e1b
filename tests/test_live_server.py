"""A real `reform-search serve` (gunicorn, two workers) follows the indexer: a deleted
document is never served again, an edited one is served once, with its new text."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from indexer.writer import document_id, index_corpus

# How long a change may take to reach both workers before the test gives up (generous:
# the machine may be busy; the benchmark measures the real figure).
PATIENCE_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(base: str, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.fixture
def live(tmp_path):
    """(corpus, index, base URL) of a server started on a fresh index of five files."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name in "abcde":
        (corpus / f"{name}.md").write_text(f"# Bài {name}\n\nHươu cao cổ {name}.\n", "utf-8")
    index_corpus(corpus, index)
    port = free_port()
    command = [sys.executable, "-m", "reform_search.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--index", str(index)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        until(lambda: get(base, "/healthz")[0] == 200)
        yield corpus, index, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def until(condition) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        try:
            if condition():
                return
        except (OSError, ValueError):
            pass  # not listening yet
        if time.monotonic() > deadline:
            raise AssertionError("the server never showed the change")
        time.sleep(0.2)


def every_worker(condition) -> bool:
    """``condition()`` held on ten requests in a row, which two workers share between them."""
    return all(condition() for _ in range(10))


def titles(base: str) -> list[str]:
    status, body = get(base, "/api/search?q=h%C6%B0%C6%A1u&per_page=50")
    assert status == 200
    return sorted(hit["title"] for hit in body["hits"])


def test_a_running_server_stops_serving_deleted_documents(live):
    corpus, index, base = live
    assert get(base, f"/api/doc/{document_id('a.md')}")[0] == 200
    (corpus / "a.md").unlink()
    index_corpus(corpus, index)
    until(lambda: every_worker(lambda: get(base, f"/api/doc/{document_id('a.md')}")[0] == 404))
    assert every_worker(lambda: titles(base) == ["Bài b", "Bài c", "Bài d", "Bài e"])
    assert every_worker(lambda: get(base, "/healthz")[1]["documents"] == 4)


def test_a_running_server_serves_an_edited_document_once_with_its_new_text(live):
    corpus, index, base = live
    for round_ in range(3):
        (corpus / "b.md").write_text(f"# Bài b, bản {round_}\n\nHươu cao cổ.\n", "utf-8")
        index_corpus(corpus, index)
        expected = ["Bài a", f"Bài b, bản {round_}", "Bài c", "Bài d", "Bài e"]
        until(lambda expected=expected: every_worker(lambda: titles(base) == expected))
        _, doc = get(base, f"/api/doc/{document_id('b.md')}")
        assert doc["title"] == f"Bài b, bản {round_}"
        assert every_worker(lambda: get(base, "/healthz")[1]["documents"] == 5)
