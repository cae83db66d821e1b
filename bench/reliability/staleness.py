"""Whether the served app shows a changed document as it now is, asked through its API.

``client`` is anything with ``search(query) -> Answer`` and ``document(id) -> Answer``
(see client.py); each check returns the problems it found, empty when the app is current:

- a deleted document: ``/api/doc/<id>`` answers 404, and neither its title nor its marker
  finds it;
- an edited or added document: ``/api/doc/<id>`` shows its latest marker (in its title or
  text), the marker
  finds exactly this document, and its title finds it exactly once (not old and new).
"""

from __future__ import annotations

from bench.reliability.changes import Tracked


def problems(client, doc: Tracked) -> list[str]:
    return absent_problems(client, doc) if doc.deleted else present_problems(client, doc)


def present_problems(client, doc: Tracked) -> list[str]:
    found = []
    answer = client.document(doc.doc_id)
    if answer.status != 200:
        found.append(f"/api/doc answers {answer.status}")
    elif doc.marker not in _text(answer.body):
        found.append("/api/doc shows an older text")
    by_marker = _hit_ids(client.search(doc.marker))
    if by_marker is not None and by_marker != [doc.doc_id]:
        found.append(f"its marker finds {len(by_marker)} hits, {by_marker.count(doc.doc_id)} its")
    by_title = _hit_ids(client.search(doc.identity))
    if by_title is not None and by_title.count(doc.doc_id) != 1:
        found.append(f"its title finds it {by_title.count(doc.doc_id)} times")
    return found


def absent_problems(client, doc: Tracked) -> list[str]:
    found = []
    answer = client.document(doc.doc_id)
    if answer.status != 404:
        found.append(f"/api/doc answers {answer.status} for a deleted document")
    for label, query in (("marker", doc.marker), ("title", doc.identity)):
        ids = _hit_ids(client.search(query))
        if ids is not None and doc.doc_id in ids:
            found.append(f"its {label} still finds it")
    return found


def stale(client, docs: list[Tracked]) -> dict[str, list[str]]:
    """Id → problems, for each of ``docs`` the app does not show as it now is."""
    found = {}
    for doc in docs:
        listed = problems(client, doc)
        if listed:
            found[doc.doc_id] = listed
    return found


def _hit_ids(answer) -> list[str] | None:
    """The ids of the hits, in order; None when the search failed (counted elsewhere)."""
    if answer.status != 200 or not isinstance(answer.body, dict):
        return None
    return [hit.get("id") for hit in answer.body.get("hits", [])]


def _text(body) -> str:
    if not isinstance(body, dict):
        return ""
    return "\n".join(body.get(name) or "" for name in ("title", "text", "markdown"))
