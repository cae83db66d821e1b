"""`reform-search serve`: the app factory under gunicorn, pyvi loaded once before forking,
and a worker that answers gunicorn's own errors in the API's JSON shape on API paths."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from gunicorn.app.base import BaseApplication
from gunicorn.workers.sync import SyncWorker

from search_app.web.errors import JSON_PATHS, error_body

# Enough of a connection's first bytes to hold the method and the start of the target,
# even in absolute form (GET http://host:port/api/…).
REQUEST_HEAD_BYTES = 512
MAX_MESSAGE_CHARS = 200


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
        "worker_class": f"{__name__}.JsonErrorsWorker",
    }


def warm_up_worker(worker) -> None:
    """Open the index in a new worker, beside its first requests rather than inside one:
    a 20,000-article index takes seconds to read (see ``SearchService.warm_up``)."""
    from search_app.web.backend import service_of

    threading.Thread(target=service_of(worker.wsgi).warm_up, daemon=True).start()


class JsonErrorsWorker(SyncWorker):
    """gunicorn's sync worker, answering the errors gunicorn writes itself (414 URI too
    long, 431 headers too large, 400 bad request line …) in the API's JSON error shape
    on the app's JSON paths, as the app answers its own errors there.

    Those requests never reach the app. For most of them gunicorn has not even parsed a
    request line, so the path is read from the first bytes received on the connection
    (one request per connection: the sync worker closes it after each).
    """

    def handle(self, listener, client, addr):
        # With TLS the socket is wrapped inside; TLS ends at a proxy in front anyway.
        if not self.cfg.is_ssl:
            client = _RecordingSocket(client)
        super().handle(listener, client, addr)

    def handle_error(self, req, client, addr, exc):
        if isinstance(client, _RecordingSocket) and client.requested_path().startswith(JSON_PATHS):
            client = _JsonErrorReply(client, exc)
        super().handle_error(req, client, addr, exc)


class _RecordingSocket:
    """A client socket that keeps the first bytes it received."""

    def __init__(self, sock):
        self._sock = sock
        self.head = b""

    def recv(self, size: int, *flags) -> bytes:
        data = self._sock.recv(size, *flags)
        if len(self.head) < REQUEST_HEAD_BYTES:
            self.head += data[: REQUEST_HEAD_BYTES - len(self.head)]
        return data

    def requested_path(self) -> str:
        """The path of the request line's target, as far as it was received; "" if none."""
        parts = self.head.lstrip(b"\r\n").split(b" ", 2)
        if len(parts) < 2:
            return ""
        target = parts[1].decode("latin-1")
        if "://" in target:  # absolute form: http://host/path
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        return target

    def __getattr__(self, name):
        return getattr(self._sock, name)


class _JsonErrorReply:
    """Stands for the client socket while gunicorn writes its HTML error, and sends the
    same status with the API's JSON error instead."""

    def __init__(self, sock, exc: BaseException):
        self._sock = sock
        self._exc = exc

    def sendall(self, data: bytes) -> None:
        # gunicorn's error is one write: "HTTP/1.1 414 URI Too Long\r\n…"
        _, status, reason = data.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
        self._sock.sendall(json_error_response(int(status), reason, self._message(int(status))))

    def _message(self, status: int) -> str:
        # A client error says what was wrong with the request; a server error, nothing more.
        if status >= 500:
            return "internal server error"
        return str(self._exc)[:MAX_MESSAGE_CHARS] or "bad request"

    def __getattr__(self, name):
        return getattr(self._sock, name)


def json_error_response(status: int, reason: str, message: str) -> bytes:
    """A whole HTTP response carrying the API's error shape; the connection then closes."""
    body = json.dumps(error_body(status, message)).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


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
