"""`reform-search serve`: the gunicorn settings and the command line."""

import time
from types import SimpleNamespace

from indexer.schema import FORMS
from search_app import create_app
from search_app.backend import service_of
from search_app.server import gunicorn_options, warm_up_worker


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
    monkeypatch.setattr("search_app.server.serve", lambda *args: calls.append(args))
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
