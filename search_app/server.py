"""`reform-search serve`: the app factory under gunicorn, pyvi loaded once before forking."""

from __future__ import annotations

import threading
from pathlib import Path

from gunicorn.app.base import BaseApplication


def gunicorn_options(host: str, port: int, workers: int) -> dict:
    """Gunicorn settings: preload (pyvi's model shared by all workers), logs to stderr."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "reform-search",
        # gunicorn's control socket is one per user: two servers (or a test run beside
        # `make run`) would fight over it, and nothing here uses it.
        "control_socket_disable": True,
        "post_worker_init": warm_up_worker,
    }


def warm_up_worker(worker) -> None:
    """Open the index in a new worker, beside its first requests rather than inside one:
    a 20,000-article index takes seconds to read (see ``SearchService.warm_up``)."""
    from search_app.backend import service_of

    threading.Thread(target=service_of(worker.wsgi).warm_up, daemon=True).start()


class _Server(BaseApplication):
    def __init__(self, options: dict, app_config: dict):
        self.options = options
        self.app_config = app_config
        super().__init__()

    def load_config(self):
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        from search_app import create_app

        return create_app(self.app_config)


def serve(host: str, port: int, workers: int, index: Path) -> None:
    """Run the web app until interrupted, serving the index in ``index``."""
    config = {"REFORM_SEARCH_INDEX": str(index)}
    _Server(gunicorn_options(host, port, workers), config).run()
