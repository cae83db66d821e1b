"""The bench's own requests to the served app: status and JSON body, never an exception.

A failed connection is status 0, so callers count it like any other failed request.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode

TIMEOUT = 30.0


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (connection refused or reset, timeout)
    body: object  # the decoded JSON, or None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Client:
    """GET requests to one server, counting those that failed (non-2xx other than an
    expected 404, or no answer)."""

    def __init__(self, base: str):
        self.base = base
        self.requests = 0
        self.failures: list[str] = []

    def get(self, path: str, expect_missing: bool = False) -> Answer:
        answer = fetch_json(self.base + path)
        self.requests += 1
        if not answer.ok and not (expect_missing and answer.status == 404):
            self.failures.append(f"{answer.status} {path[:120]}")
        return answer

    def search(self, query: str, per_page: int = 100) -> Answer:
        return self.get("/api/search?" + urlencode({"q": query, "per_page": per_page}))

    def document(self, doc_id: str) -> Answer:
        return self.get(f"/api/doc/{quote(doc_id)}", expect_missing=True)

    def health(self) -> Answer:
        return self.get("/healthz")


def fetch_json(url: str) -> Answer:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Answer(response.status, _decode(response.read()))
    except urllib.error.HTTPError as error:
        return Answer(error.code, _decode(error.read()))
    except (OSError, ValueError):
        return Answer(0, None)


def _decode(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return None
