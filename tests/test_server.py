"""`reform-search serve`: the gunicorn settings and the command line."""

from search_app.server import gunicorn_options


def test_gunicorn_preloads_the_app_and_binds_where_asked():
    assert gunicorn_options("127.0.0.1", 8011, 3) == {
        "bind": "127.0.0.1:8011",
        "workers": 3,
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "reform-search",
        "control_socket_disable": True,
    }


def test_serve_passes_options_and_the_index(monkeypatch, tmp_path):
    from reform_search import cli

    calls = []
    monkeypatch.setattr("search_app.server.serve", lambda *args: calls.append(args))
    monkeypatch.setenv("REFORM_SEARCH_WORKERS", "4")
    argv = ["serve", "--port", "8011", "--index", str(tmp_path)]
    assert cli.main(argv) == 0
    assert cli.main([*argv, "--workers", "1", "--host", "0.0.0.0"]) == 0
    assert calls == [("127.0.0.1", 8011, 4, tmp_path), ("0.0.0.0", 8011, 1, tmp_path)]
