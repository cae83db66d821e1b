"""The printed table: one section per scenario, issue 10's targets beside the figures."""

from __future__ import annotations

import statistics

from bench.perf.stats import Target, format_number, format_table
from bench.reliability.flood import failures

TARGETS = {
    "failed_requests": Target("<=", 0),
    "stale": Target("<=", 0),
    "visible_max": Target("<=", 5, "s"),
    "never_visible": Target("<=", 0),
    "not_intact": Target("<=", 0),
    "refused": Target("<=", 0),
    "rerun_failed": Target("<=", 0),
    "orphans": Target("<=", 0),
    "normal_p95": Target("<=", 500, "ms"),
    "flood_failures": Target("<=", 0),
    "exit_code": Target("<=", 0),
    "peak_memory": Target("<=", 1024, "MB"),
    "unaccounted": Target("<=", 0),
    "outside_indexed": Target("<=", 0),
}
MET = {True: "yes", False: "NO", None: ""}


class Rows:
    def __init__(self):
        self.rows: list[list[str]] = []

    def section(self, title: str) -> None:
        self.rows.append([title])

    def add(
        self, measure: str, shown: str, target: str | None = None, value=None, label: str = ""
    ) -> None:
        """One figure; ``target`` names the bound ``value`` is checked against, shown as
        ``label`` when the figure is not the value itself (e.g. "all" for "9 of 9")."""
        bound = TARGETS.get(target) if target else None
        self.rows.append(
            [measure, shown, label or (str(bound) if bound else ""), MET[_met(bound, value)]]
        )


def _met(bound: Target | None, value) -> bool | None:
    return bound.met(value) if bound is not None and value is not None else None


def format_report(report: dict) -> str:
    rows = Rows()
    for name, add in (("live", _live), ("kills", _kills), ("flood", _flood), ("hostile", _hostile)):
        if report.get(name) is not None:
            add(rows, report[name])
    corpus = report["corpus"]
    title = (
        f"reform-search reliability: {corpus['documents']:,} documents ({corpus['name']}),"
        f" {report['machine']['cores']} cores, seed {report['seed']}"
    )
    notes = ["Targets: issue 10. A figure without a target is context."]
    return "\n".join(
        [title, "", format_table(["measure", "value", "target", "met"], rows.rows), "", *notes]
    )


def _live(rows: Rows, live: dict) -> None:
    rows.section(
        f"live --rebuild, then {len(live['rounds'])} rounds of add/edit/delete,"
        f" {live['clients']} clients, {live['workers']} workers, {live['seconds']:.0f} s"
    )
    load, checks = live["load"], live["checks"]
    failed = load["errors"] + checks["failed"]
    rows.add(
        "  failed requests (non-2xx, no answer)",
        f"{failed:,} of {load['requests'] + checks['requests']:,}",
        "failed_requests",
        failed,
    )
    rows.add(
        "  live --rebuild, s (exit code)",
        f"{format_number(live['rebuild']['seconds'])} ({live['rebuild']['exit_code']})",
    )
    stale = [len(r["stale"]) for r in live["rounds"]]
    rows.add(
        "  stale documents after each round, max (sum)",
        f"{max(stale, default=0)} ({sum(stale)})",
        "stale",
        max(stale, default=0),
    )
    seconds = [s for r in live["rounds"] for s in r["visible_seconds"].values()]
    shown = [s for s in seconds if s is not None]
    rows.add(
        "  change visible, median s", format_number(statistics.median(shown)) if shown else "—"
    )
    rows.add(
        "  change visible, max s",
        format_number(max(shown)) if shown else "—",
        "visible_max",
        max(shown) if shown else None,
    )
    never = len(seconds) - len(shown)
    rows.add(f"  changes never visible (of {len(seconds)})", str(never), "never_visible", never)
    index_failed = sum(1 for r in live["rounds"] if r["index_exit_code"] != 0)
    rows.add("  reform-search index runs failed", str(index_failed))
    documents = live["documents"]
    rows.add(
        "  documents: indexed / /healthz says", f"{documents['indexed']} / {documents['served']}"
    )


def _kills(rows: Rows, kills: dict) -> None:
    for kind, result in kills.items():
        runs = result["kills"]
        killed = [k for k in runs if not k["finished_before_kill"]]
        rows.section(
            f"kill -9 during a{'' if kind == 'build' else 'n'} {kind}"
            f" ({'--rebuild' if kind == 'build' else 'edited files'}; uninterrupted:"
            f" {result['uninterrupted_seconds']:.0f} s)"
        )
        rows.add(
            "  kills (finished before the moment)", f"{len(killed)} ({len(runs) - len(killed)})"
        )
        broken = sum(1 for k in killed if not (k["intact"]["index"] and k["intact"]["app_answers"]))
        rows.add(
            "  served index intact after the kill",
            f"{len(killed) - broken} of {len(killed)}",
            "not_intact",
            broken,
            "all",
        )
        refused = sum(1 for k in killed if k["rerun_refused"])
        rows.add("  reruns refused (another indexer is writing)", str(refused), "refused", refused)
        ok = sum(1 for k in killed if k["rerun_ok"])
        rows.add(
            "  reruns succeeded at once",
            f"{ok} of {len(killed)}",
            "rerun_failed",
            len(killed) - ok,
            "all",
        )
        later = sum(1 for k in killed if not k["rerun_ok"] and k.get("retry_ok"))
        rows.add("  reruns succeeded after the orphans were stopped", str(later))
        left = [k["orphans"] for k in killed]
        with_orphans = sum(1 for n in left if n)
        rows.add(
            "  kills leaving worker processes alive (processes)",
            f"{with_orphans} ({sum(left)})",
            "orphans",
            with_orphans,
        )


def _flood(rows: Rows, flood: dict) -> None:
    rows.section(
        f"expensive queries: {flood['clients']} normal clients, then beside"
        f" {flood['clients']} sending 250–500-character OR queries and 250-character runs"
        " of common words;"
        f" {flood['workers']} workers, {flood['phase_seconds']:g} s each"
    )
    alone, beside, heavy = flood["normal_alone"], flood["normal_beside"], flood["expensive"]
    rows.add(
        "  normal p50 / p95 alone, ms",
        f"{format_number(alone['p50_ms'])} / {format_number(alone['p95_ms'])}",
    )
    rows.add(
        "  normal p50 / p95 beside the flood, ms",
        f"{format_number(beside['p50_ms'])} / {format_number(beside['p95_ms'])}",
        "normal_p95",
        beside["p95_ms"],
    )
    rows.add(
        "  normal requests alone / beside (errors)",
        f"{alone['requests']:,} / {beside['requests']:,} ({alone['errors'] + beside['errors']})",
    )
    statuses = ", ".join(f"{code}: {n:,}" for code, n in sorted(heavy["statuses"].items()))
    rows.add("  expensive requests by status", statuses or "none")
    failed = failures(heavy["statuses"])
    rows.add(
        "  expensive requests failed (5xx but 503, no answer)",
        str(failed),
        "flood_failures",
        failed,
    )
    rows.add(
        "  expensive p50 / p95, ms",
        f"{format_number(heavy['p50_ms'])} / {format_number(heavy['p95_ms'])}",
    )
    off = flood.get("slots_off")
    if off:
        normal, expensive = off["normal_beside"], off["expensive"]
        rows.add(
            "  heavy-query slots off: normal p50 / p95 beside the flood, ms",
            f"{format_number(normal['p50_ms'])} / {format_number(normal['p95_ms'])}",
        )
        statuses = ", ".join(f"{c}: {n:,}" for c, n in sorted(expensive["statuses"].items()))
        rows.add("  heavy-query slots off: expensive requests by status", statuses or "none")


def _hostile(rows: Rows, hostile: dict) -> None:
    entries = hostile["entries"]
    rows.section(
        f"hostile corpus: {len(entries)} hostile entries and {len(hostile['good_files'])} good"
        " files, reform-search index run twice"
    )
    for run in hostile["runs"]:
        _hostile_run(rows, run)
    good = sum(1 for verdict in hostile["good_files"].values() if verdict == "indexed")
    rows.add("  good files indexed", f"{good} of {len(hostile['good_files'])}")
    unaccounted = sum(1 for e in entries if e["verdict"] == "unaccounted")
    rows.add("  entries unaccounted for", str(unaccounted), "unaccounted", unaccounted)
    outside = sum(1 for e in entries if e["verdict"].startswith("INDEXED"))
    rows.add("  entries indexed that must not be", str(outside), "outside_indexed", outside)
    for entry in entries:
        rows.add(f"    {entry['kind']}", _verdict(entry))
    rows.section("  each hostile entry alone beside the good files: after the second run")
    peaks = [run["peak_process_mb"] for e in entries for run in e["alone"]["runs"]]
    rows.add(
        "  peak memory, largest process, MB (largest run)",
        format_number(max(peaks)),
        "peak_memory",
        max(peaks),
    )
    for entry in entries:
        alone = entry["alone"]
        runs = alone["runs"]
        codes = "/".join("timeout" if r["exit_code"] is None else str(r["exit_code"]) for r in runs)
        good = sum(1 for verdict in alone["good_files"].values() if verdict == "indexed")
        detail = (
            f"; exit {codes}, good files {good}/{len(alone['good_files'])},"
            f" {format_number(max(r['seconds'] for r in runs))} s,"
            f" {format_number(max(r['peak_process_mb'] for r in runs))} MB"
        )
        longest = max(r["longest_line"] for r in runs)
        if longest > 200:
            detail += f", an output line of {longest:,} chars"
        rows.add(f"    {entry['kind']}", _verdict(alone) + detail)


def _hostile_run(rows: Rows, run: dict) -> None:
    code = "timed out" if run["exit_code"] is None else str(run["exit_code"])
    failed = 1 if run["exit_code"] is None else run["exit_code"]
    error = f" ({run['error']})" if run["error"] else ""
    rows.add(f"  {run['run']}: exit code", code + error, "exit_code", failed)
    rows.add(f"  {run['run']}: seconds", format_number(run["seconds"]))
    rows.add(
        f"  {run['run']}: peak memory, largest process / all, MB",
        f"{format_number(run['peak_process_mb'])} / {format_number(run['peak_tree_mb'])}",
        "peak_memory",
        run["peak_process_mb"],
    )
    rows.add(f"  {run['run']}: longest output line, characters", f"{run['longest_line']:,}")


def _verdict(outcome: dict) -> str:
    shown = outcome["verdict"] + (f" ({outcome['reason']})" if outcome["reason"] else "")
    return shown + (f"; {outcome['note']}" if outcome["note"] else "")
