"""The `reform-search` command: index, search, list documents and serve the web app."""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import math
import re
import sys
from pathlib import Path

from reform_search import settings

EXIT_OK, EXIT_ERROR = 0, 1


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    args.index = Path(args.index or settings.get("REFORM_SEARCH_INDEX"))
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; the index in service is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        sys.stderr.close()
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reform-search",
        description="Search Vietnamese administrative-reform speeches and reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    index_help = "index directory (default: $REFORM_SEARCH_INDEX or var/index)"

    p = sub.add_parser("index", help="index a folder of .md/.txt documents (incremental)")
    p.add_argument("corpus", nargs="?", type=Path, help="corpus folder (default: corpus/)")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.add_argument("--rebuild", action="store_true", help="build a fresh index and swap it in")
    p.add_argument(
        "--verify",
        action="store_true",
        help="read every file to know whether it changed (default: trust an unchanged "
        "size and modification time)",
    )
    p.set_defaults(run=_index)

    p = sub.add_parser("search", help="search the index")
    p.add_argument("query", help='words, "exact phrases", -exclusions, OR')
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.add_argument("--year", type=int, action="append", default=[], help="year (repeatable)")
    p.add_argument("--period", action="append", default=[], help="e.g. 2011-2020 (repeatable)")
    p.add_argument("--leader", action="append", default=[], help="leader's name (repeatable)")
    p.add_argument("--topic", action="append", default=[], help="topic id (repeatable)")
    p.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    p.add_argument("--limit", type=_positive, default=10, help="results per page")
    p.add_argument("--page", type=_positive, default=1)
    p.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default); json: the page as JSON; csv: every match, up to"
        " $REFORM_SEARCH_MAX_EXPORT_ROWS, one row each (--limit and --page ignored)",
    )
    p.add_argument(
        "--json", dest="format", action="store_const", const="json", help="same as --format json"
    )
    p.set_defaults(run=_search)

    p = sub.add_parser("docs", help="list indexed documents and where their metadata came from")
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_docs)

    p = sub.add_parser("serve", help="serve the search web app with gunicorn")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=_positive, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--workers", type=_positive, help="worker processes (default: $REFORM_SEARCH_WORKERS or 2)"
    )
    p.add_argument("--index", metavar="DIR", help=index_help)
    p.set_defaults(run=_serve)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value


# --- index -----------------------------------------------------------------------------


def _index(args) -> int:
    from indexer.writer import IndexLockedError, index_corpus

    corpus = args.corpus or Path(settings.get("REFORM_SEARCH_CORPUS"))
    bar = _progress_bar()
    try:
        report = index_corpus(
            corpus, args.index, rebuild=args.rebuild, progress=bar.update, verify=args.verify
        )
    except (IndexLockedError, OSError) as error:  # OSError: no corpus folder, or unreadable
        print(f"reform-search: {error}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        bar.close()
    for path, note in report.notes:
        print(f"note {_one_line(path)}: {note}", file=sys.stderr)
    for path, reason in report.skipped:
        print(f"skipped {_one_line(path)}: {reason}", file=sys.stderr)
    print(_summary(report, args.index))
    return EXIT_OK


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(path: str) -> str:
    """A file name as printable text on one line: a TAB or newline in it as \\t, \\n."""
    return _CONTROL.sub(lambda match: repr(match[0])[1:-1], path)


def _summary(report, index_dir: Path) -> str:
    if report.rebuilt:
        done = f"built a new index: {len(report.added)} indexed"
    else:
        done = (
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged"
        )
    return (
        f"{done}, {len(report.skipped)} skipped; {report.total} documents in {index_dir} "
        f"({report.seconds:.1f} s)"
    )


class _progress_bar:
    """A tqdm bar on a terminal; nothing otherwise (the summary line says it all)."""

    def __init__(self):
        self._bar = None

    def update(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --- search -----------------------------------------------------------------------------


def _search(args) -> int:
    from search_app.engine.service import NoIndexError, SearchRequest, SearchService

    request = SearchRequest(
        query=args.query,
        years=tuple(args.year),
        periods=tuple(args.period),
        leaders=tuple(args.leader),
        topics=tuple(args.topic),
        sort=args.sort,
        page=args.page,
        per_page=args.limit,
    )
    service = SearchService(args.index, limits=_command_line_limits())
    try:
        if args.format == "csv":
            return _export_csv(service, request)
        result = service.search(request)
    except NoIndexError as error:
        print(f"reform-search: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_results(result, color=sys.stdout.isatty())
    return EXIT_OK


def _export_csv(service, request) -> int:
    """Every match as CSV on stdout, written as it is read. No BOM: Unix tools would take
    it for part of the first column's name (the web export has one, for Excel)."""
    from search_app.engine.export_format import csv_lines, document_url, export_row

    export = service.export(request, int(settings.get("REFORM_SEARCH_MAX_EXPORT_ROWS")))
    if export.rows < export.total:
        print(
            f"note: the first {export.rows} of {export.total} matches"
            " (REFORM_SEARCH_MAX_EXPORT_ROWS)",
            file=sys.stderr,
        )
    public_url = settings.get("REFORM_SEARCH_PUBLIC_URL")
    rows = (export_row(hit, document_url(public_url, hit.id)) for hit in export.hits)
    for chunk in csv_lines(rows, bom=False):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    return EXIT_OK


def _print_results(result, color: bool) -> None:
    first = (result.page - 1) * result.per_page + 1
    last = first + len(result.hits) - 1
    print(
        f"{result.total} results for {result.query!r}"
        + (f" ({first}-{last})" if result.hits else "")
    )
    for notice in result.notices:
        print(f"note: {notice.replace('_', ' ')}")
    for n, hit in enumerate(result.hits, first):
        when = hit.date or (str(hit.year) if hit.year else "năm chưa rõ")
        print(f"\n{n}. {_terminal(hit.title_html, color)}  [{when}]")
        details = [", ".join(hit.leaders), ", ".join(hit.topics), ", ".join(hit.periods)]
        print("   " + " | ".join(d for d in details if d))
        for snippet in hit.snippets:
            print("   " + _terminal(snippet, color))
        print(f"   {hit.path}  (id {hit.id})")


_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def _terminal(snippet_html: str, color: bool) -> str:
    """Snippet HTML as terminal text: marks in bold yellow, or **bold** when piped."""
    replacement = "\033[1;33m\\1\033[0m" if color else "**\\1**"
    return html.unescape(_MARK.sub(replacement, snippet_html))


# --- docs -------------------------------------------------------------------------------


DOC_FIELDS = ("title", "date", "year", "periods", "leaders", "topics", "source")


def _docs(args) -> int:
    from search_app.engine.service import NoIndexError, SearchService

    try:
        documents = SearchService(args.index).documents()
    except NoIndexError as error:
        print(f"reform-search: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print(json.dumps(documents, ensure_ascii=False, indent=2))
        return EXIT_OK
    for doc in documents:
        print(f"{doc['path']}  (id {doc['id']})")
        for name in DOC_FIELDS:
            value = doc[name]
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            origin = doc["origins"].get(name)
            print(
                f"  {name:8} {shown if shown not in (None, '') else '—'}"
                + (f"  [{origin}]" if origin else "")
            )
    print(f"\n{len(documents)} documents")
    return EXIT_OK


def _command_line_limits():
    """The query limits of the settings, without the server's time budget and heavy-query
    slots: one person's search at a terminal starves nobody, and should finish."""
    from search_app.engine.limits import Limits

    limits = Limits.from_settings(lambda name: int(settings.get(name)))
    return dataclasses.replace(limits, time_budget=math.inf, heavy_postings=sys.maxsize)


# --- serve ------------------------------------------------------------------------------


def _serve(args) -> int:
    from search_app.web.server import serve

    workers = args.workers or int(settings.get("REFORM_SEARCH_WORKERS"))
    try:
        serve(args.host, args.port, workers, args.index)
    except settings.SettingError as error:  # the app checks its settings before serving
        print(f"reform-search: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
