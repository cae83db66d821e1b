"""Scenario 4: ``reform-search index`` on the hostile corpus (hostile_corpus.py).

Together: every entry in one folder, indexed twice (the first run builds, the second is
the incremental run that follows: some entries break only that one, and a skipped file is
retried on every run). Alone: each hostile entry beside the good files only, also twice,
so that an entry that stops every run does not hide what the others do. Each run has a
time limit; reported per run: exit code, seconds, peak memory (largest process, and the
sum over its processes), the longest output line; per entry: indexed, skipped (reason)
or unaccounted after the second run.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.reliability import indexrun
from bench.reliability.accounting import account, skipped_lines
from bench.reliability.hostile_corpus import HOSTILE, LATIN1_TEXT, build, restore_permissions

RUN_TIMEOUT = 300.0
RUNS = ("first run", "second run")


def run_hostile(folder: Path, log) -> dict:
    log(f"hostile: every entry together, {len(RUNS)} runs of reform-search index")
    together = _index_twice(folder / "together", None)
    alone = {}
    for entry, _make in HOSTILE:
        log(f"hostile: {entry.kind}, alone beside the good files")
        alone[entry.name] = _index_twice(folder / f"alone-{len(alone):02d}", entry.name)
    rows = []
    for entry, _make in HOSTILE:
        by_itself = alone[entry.name]
        rows.append(
            {
                "name": _printable(entry.name),
                "kind": entry.kind,
                "expected": entry.expected,
                **together["entries"][entry.name],
                "alone": by_itself["entries"][entry.name]
                | {"runs": by_itself["runs"], "good_files": _good_verdicts(by_itself)},
            }
        )
    return {"runs": together["runs"], "good_files": _good_verdicts(together), "entries": rows}


def _index_twice(folder: Path, only: str | None) -> dict:
    corpus, index = folder / "corpus", folder / "index"
    entries = build(corpus, folder / "outside", only)
    try:
        runs = []
        for label in RUNS:
            result = indexrun.run(corpus, index, timeout=RUN_TIMEOUT)
            runs.append(_run_summary(label, result, corpus))
        indexed, latin1 = _indexed(index)
        outcomes = account(
            [(e.name, e.expected) for e in entries], indexed, skipped_lines(result.stderr)
        )
    finally:
        restore_permissions(corpus)
    verdicts = {}
    for entry, outcome in zip(entries, outcomes, strict=True):
        note = ""
        if entry.name == "latin1.txt" and outcome.verdict == "indexed" and latin1 is not None:
            note = "decoded right" if LATIN1_TEXT in latin1 else "decoded wrongly"
        if entry.name == "locked" and os.geteuid() == 0:
            note = "readable here: the indexer runs as the superuser"
        verdicts[entry.name] = {
            "verdict": outcome.verdict,
            "reason": outcome.reason,
            "reason_chars": outcome.reason_chars,
            "note": note,
        }
    return {"runs": runs, "entries": verdicts}


def _good_verdicts(result: dict) -> dict[str, str]:
    return {
        name: value["verdict"]
        for name, value in result["entries"].items()
        if name not in {entry.name for entry, _ in HOSTILE}
    }


def _printable(name: str) -> str:
    """A name that is not UTF-8, with its bad bytes escaped: JSON and terminals take it."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _run_summary(label: str, result: indexrun.IndexerRun, corpus: Path) -> dict:
    skipped = skipped_lines(result.stderr)
    error = ""
    if not result.ok:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        error = (lines[-1] if lines else "").replace(f"{corpus}/", "")[:200]
    return {
        "run": label,
        "exit_code": result.exit_code,
        "seconds": result.seconds,
        "peak_process_mb": result.peak_process_mb,
        "peak_tree_mb": result.peak_tree_mb,
        "skip_lines": len(skipped),
        "longest_line": result.longest_line if skipped else 0,
        "error": _printable(error),
    }


def _indexed(index: Path) -> tuple[set[str], str | None]:
    """The paths in the index, and the indexed title and text of latin1.txt (None if not
    there): its one line is its title."""
    from indexer.writer import document_id
    from search_app.engine.service import NoIndexError, SearchService

    try:
        service = SearchService(index)
        paths = {doc["path"] for doc in service.documents()}
    except NoIndexError:
        return set(), None
    stored = service.document(document_id("latin1.txt")) if "latin1.txt" in paths else None
    if stored is None:
        return paths, None
    return paths, f"{stored.get('title') or ''}\n{stored.get('text') or ''}"
