"""Whoosh stays behind a few modules (upstream is unmaintained: an upgrade or a swap
starts there), the indexer never depends on the web app, and the search engine never
depends on the web layer."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WHOOSH_MODULES = {
    "indexer/schema.py",
    "indexer/analysis.py",
    "indexer/writer.py",
    "search_app/engine/snapshot.py",
}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, dotted in full (``search_app.web.params``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def sources() -> list[Path]:
    return [p for d in ("indexer", "search_app", "reform_search") for p in (REPO / d).rglob("*.py")]


def test_only_the_named_modules_import_whoosh():
    importing = {
        p.relative_to(REPO).as_posix() for p in sources() if "whoosh" in imported_packages(p)
    }
    assert importing == WHOOSH_MODULES


def test_the_indexer_imports_neither_flask_nor_the_web_app():
    for path in (REPO / "indexer").rglob("*.py"):
        assert imported_packages(path) & {"flask", "search_app"} == set(), path


def test_the_engine_imports_neither_flask_nor_the_web_layer():
    engine = list((REPO / "search_app" / "engine").rglob("*.py"))
    assert len(engine) > 10
    for path in engine:
        assert "flask" not in imported_packages(path), path
        web = {m for m in imported_modules(path) if m.startswith(("search_app.web", "werkzeug"))}
        assert web == set(), path


def test_the_web_layer_reads_the_index_only_through_the_engine():
    for path in (REPO / "search_app" / "web").rglob("*.py"):
        assert "whoosh" not in imported_packages(path), path
        assert not any(m.startswith("indexer.writer") for m in imported_modules(path)), path
