"""`reform-search serve`: the gunicorn settings and the command line, and a real server."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from indexer.schema import FORMS
from reform_search.settings import SettingError
from search_app import create_app
from search_app.web.backend import service_of
from search_app.web.server import gunicorn_options, warm_up_worker


def test_gunicorn_preloads_the_app_and_binds_where_asked():
    assert gunicorn_options("127.0.0.1", 8011, 3) == {
        "bind": "127.0.0.1:8011",
        "workers": 3,
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "reform-search",
        "control_socket_disable": True,
        "post_worker_init": warm_up_worker,
        "worker_class": "search_app.web.server.JsonErrorsWorker",
    }


def test_a_new_worker_reads_the_index_before_its_first_request(built_index):
    _, index = built_index
    app = create_app({"REFORM_SEARCH_INDEX": str(index), "TESTING": True})
    service = service_of(app)
    warm_up_worker(SimpleNamespace(wsgi=app))
    deadline = time.monotonic() + 30
    while service._vocabulary is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert service._vocabulary is not None  # read in the background, after the snapshot
    snapshot = service._current.snapshot
    assert set(snapshot._lengths) == {f"{s}_{f}" for s in ("title", "body") for f in FORMS}
    service.close()


def test_warming_up_without_an_index_waits_for_one(tmp_path):
    app = create_app({"REFORM_SEARCH_INDEX": str(tmp_path / "none"), "TESTING": True})
    service_of(app).warm_up()  # no error: the first search after indexing reads it


def test_serve_passes_options_and_the_index(monkeypatch, tmp_path):
    from reform_search import cli

    calls = []
    monkeypatch.setattr("search_app.web.server.serve", lambda *args: calls.append(args))
    monkeypatch.setenv("REFORM_SEARCH_WORKERS", "4")
    argv = ["serve", "--port", "8011", "--index", str(tmp_path)]
    assert cli.main(argv) == 0
    assert cli.main([*argv, "--workers", "1", "--host", "0.0.0.0"]) == 0
    assert calls == [("127.0.0.1", 8011, 4, tmp_path), ("0.0.0.0", 8011, 1, tmp_path)]


def test_serve_stops_at_start_on_a_bad_setting(monkeypatch, tmp_path, capsys):
    from reform_search import cli

    monkeypatch.setenv("REFORM_SEARCH_PUBLIC_URL", "search.example.gov.vn")
    assert cli.main(["serve", "--port", "8011", "--index", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("reform-search: REFORM_SEARCH_PUBLIC_URL must be ")
    assert error.count("\n") == 1


# --- A real server ------------------------------------------------------------------------

LONG = 10_000  # bytes: beyond gunicorn's limits on the request line and on one header


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(built_index, tmp_path_factory):
    """The port of ``reform-search serve`` over the session index, stopped after the module."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    command = Path(sys.executable).with_name("reform-search")
    argv = [str(command), "serve", "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*argv, "--index", str(built_index[1])],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ | {"FLASK_DEBUG": "1"},  # must change nothing
        )
    try:
        wait_until_healthy(port, process, log)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(port: int, process, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError("the server did not answer /healthz")


def exchange(port: int, request: bytes) -> tuple[int, dict, bytes]:
    """Send raw bytes, read the whole answer: (status, headers by lower-case name, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, value in (line.split(":", 1) for line in lines)
    }
    return int(status_line.split()[1]), headers, body


def get(path: str, *headers: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""]
    return "\r\n".join(lines).encode("latin-1")


def assert_json_error(answer: tuple[int, dict, bytes], status: int) -> None:
    code, headers, body = answer
    assert code == status
    assert headers["content-type"] == "application/json"
    data = json.loads(body)
    assert list(data) == ["error"]
    assert sorted(data["error"]) == ["message", "status"]
    assert data["error"]["status"] == status
    assert isinstance(data["error"]["message"], str) and data["error"]["message"] != ""


def assert_html(answer: tuple[int, dict, bytes], status: int) -> None:
    code, headers, _ = answer
    assert (code, headers["content-type"]) == (status, "text/html")


def test_a_too_long_url_is_a_json_414_under_the_api(served):
    assert_json_error(exchange(served, get("/api/search?q=" + "a" * LONG)), 414)
    assert_json_error(exchange(served, get("/healthz?" + "a" * LONG)), 414)
    absolute = f"http://127.0.0.1:{served}/api/search?q=" + "a" * LONG
    assert_json_error(exchange(served, get(absolute)), 414)
    assert_html(exchange(served, get("/search?q=" + "a" * LONG)), 414)


def test_a_too_large_header_is_a_json_431_under_the_api(served):
    big = "X-Padding: " + "a" * LONG
    assert_json_error(exchange(served, get("/api/search?q=x", big)), 431)
    assert_json_error(exchange(served, get("/healthz", big)), 431)
    assert_html(exchange(served, get("/", big)), 431)


def test_a_malformed_request_line_is_a_json_400_under_the_api(served):
    for line in (b"GET /api/search?q=\x01 HTTP/1.1", b"GET /api/search HTTP/9.9"):
        assert_json_error(exchange(served, line + b"\r\nHost: x\r\n\r\n"), 400)
    assert_html(exchange(served, b"GET /search?q=\x01 HTTP/1.1\r\nHost: x\r\n\r\n"), 400)


def test_the_real_server_answers_the_app_as_before(served):
    code, headers, body = exchange(served, get("/api/search?q=c%E1%BA%A3i+c%C3%A1ch&per_page=1"))
    assert (code, headers["content-type"]) == (200, "application/json")
    assert json.loads(body)["total"] > 0
    code, headers, body = exchange(served, get("/api/nope"))
    assert (code, headers["content-type"]) == (404, "application/json")
    # Compact JSON: Flask indents it in debug mode, which FLASK_DEBUG=1 must not turn on.
    assert b"\n " not in body


def test_a_setting_that_is_not_a_whole_number_stops_the_app_at_start(make_app):
    for value in ("many", "-1", "1_0", "١٠", "2.5"):
        with pytest.raises(SettingError, match="REFORM_SEARCH_CACHE_SIZE must be a whole number"):
            make_app(REFORM_SEARCH_CACHE_SIZE=value)
    assert make_app(REFORM_SEARCH_TRUST_PROXY=" 2 ").config["REFORM_SEARCH_TRUST_PROXY"] == 2
