"""Real-browser helpers: the system's Chromium under Playwright, and servers in threads.

Used by ``test_browser.py`` and by ``docs/screenshot.py``. Playwright's own browser builds
are never downloaded: Debian's ``chromium`` is launched instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "install Debian's chromium (apt-get install chromium) to run the browser tests"


def find_chromium() -> str | None:
    """The system Chromium's path, or None when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    default = Path("/usr/bin/chromium")
    return str(default) if os.access(default, os.X_OK) else None


def chromium_or_skip() -> str:
    """The system's Chromium; without it skip the test, or fail it with CI=true, where every
    browser test must run."""
    import pytest

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but there is no chromium: {INSTALL_HINT}", pytrace=False)
        pytest.skip(f"no chromium on this machine; {INSTALL_HINT}")
    return executable


def launch_chromium(playwright, executable: str):
    """Headless Chromium; Playwright gives it a fresh user-data dir and deletes it on close."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def free_port() -> int:
    """A port free on 127.0.0.1 right now (for a server started in another process)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThreadedServer:
    """Serves a WSGI app on a free 127.0.0.1 port from a thread until ``close``."""

    def __init__(self, wsgi_app):
        self._server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class StaticSite:
    """A WSGI app answering fixed pages: ``pages[path] = html``, filled in at any time."""

    def __init__(self):
        self.pages: dict[str, str] = {}

    def __call__(self, environ, start_response):
        page = self.pages.get(environ.get("PATH_INFO", "/"))
        if page is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page.encode("utf-8")]
