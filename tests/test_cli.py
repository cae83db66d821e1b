import csv
import fcntl
import io
import json
import os

import pytest

from indexer.writer import LOCK_FILE
from reform_search.cli import main
from search_app.engine.export_format import COLUMNS


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def indexed(corpus_copy, tmp_path, capsys):
    index = tmp_path / "index"
    assert run(capsys, "index", str(corpus_copy), "--index", str(index))[0] == 0
    return index


def test_index_prints_a_plain_summary_off_a_terminal(corpus_copy, tmp_path, capsys):
    (corpus_copy / "broken.md").write_text("---\ntitle: [x\n---\n", "utf-8")
    code, out, err = run(capsys, "index", str(corpus_copy), "--index", str(tmp_path / "ix"))
    assert code == 0
    assert out.startswith("built a new index: 11 indexed, 1 skipped; 11 documents in ")
    assert err.startswith("skipped broken.md: broken front matter")
    code, out, _ = run(capsys, "index", str(corpus_copy), "--index", str(tmp_path / "ix"))
    assert out.startswith("0 added, 0 updated, 0 removed, 11 unchanged, 1 skipped;")


def test_index_dir_defaults_to_the_environment(corpus_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_INDEX", str(tmp_path / "from-env"))
    assert run(capsys, "index", str(corpus_copy))[0] == 0
    assert (tmp_path / "from-env" / "current").is_symlink()


def test_search_json(indexed, capsys):
    code, out, _ = run(
        capsys, "search", "cai cach thu tuc hanh chinh", "--index", str(indexed), "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["query"] == "cai cach thu tuc hanh chinh"
    assert data["total"] >= 5
    assert any(
        "<mark>cải cách thủ tục hành chính</mark>" in s for h in data["hits"] for s in h["snippets"]
    )


def test_search_period_filter(indexed, capsys):
    _, out, _ = run(
        capsys,
        "search",
        "thủ tục hành chính",
        "--period",
        "2011-2020",
        "--index",
        str(indexed),
        "--json",
    )
    hits = json.loads(out)["hits"]
    assert sorted((h["date"], h["periods"]) for h in hits) == [
        ("2019-05-14", ["2011-2020"]),
        ("2021-03-18", ["2011-2020", "2021-2030"]),
    ]


def test_search_text_output_marks_matches(indexed, capsys):
    code, out, _ = run(capsys, "search", "TTHC", "--index", str(indexed), "--limit", "1")
    assert code == 0
    assert out.splitlines()[0].startswith("7 results for 'TTHC' (1-1)")
    assert "**TTHC**" in out


def test_search_rejects_bad_numbers(indexed, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--index", str(indexed), "--page", "0"])
    assert exit_info.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


def test_docs_json_shows_metadata_and_origins(indexed, capsys):
    code, out, _ = run(capsys, "docs", "--index", str(indexed), "--json")
    docs = {d["path"]: d for d in json.loads(out)}
    review = docs["2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md"]
    assert (review["date"], review["year"], review["periods"]) == (
        "2021-03-18",
        2021,
        ["2011-2020", "2021-2030"],
    )
    assert review["leaders"] == ["Nguyễn Xuân Phúc", "Trương Hòa Bình"]
    assert review["origins"]["date"] == "front_matter"
    undated = docs["hoi-nghi-chuyen-de-cai-cach-tthc-hien-dai-hoa-chi-dao-dieu-hanh.md"]
    assert (undated["date"], undated["year"], undated["periods"]) == (None, None, ["2021-2030"])
    plain = docs["extra/khong-dau.txt"]
    assert plain["title"] == "Bao cao cai cach hanh chinh tinh nha"
    assert plain["origins"]["title"] == "extracted"


def test_docs_text_lists_every_document(indexed, capsys):
    code, out, _ = run(capsys, "docs", "--index", str(indexed))
    assert out.rstrip().endswith("11 documents")


def test_missing_index_and_held_lock_are_clear_errors(corpus_copy, tmp_path, capsys):
    code, _, err = run(capsys, "search", "x", "--index", str(tmp_path / "none"))
    assert (code, err.strip()) == (
        1,
        f"reform-search: no index in {tmp_path / 'none'}: run `reform-search index`",
    )
    index = tmp_path / "locked"
    index.mkdir()
    with open(index / LOCK_FILE, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _, err = run(capsys, "index", str(corpus_copy), "--index", str(index))
    assert code == 1
    assert "another indexer is writing" in err


def test_index_prints_notes_and_odd_names_on_one_line(corpus_copy, tmp_path, capsys):
    (corpus_copy / "a\tb\nc.md").symlink_to("missing.md")
    (corpus_copy / "latin1.txt").write_bytes("Réforme\n\nÇa coûte cher à Genève.".encode("cp1252"))
    code, out, err = run(capsys, "index", str(corpus_copy), "--index", str(tmp_path / "ix"))
    assert code == 0
    assert err.splitlines() == [
        "note latin1.txt: not UTF-8: decoded as Windows-1252 (Western European)",
        "skipped a\\tb\\nc.md: broken link: what it points to does not exist",
    ]
    assert out.startswith("built a new index: 12 indexed, 1 skipped; 12 documents in ")


def test_an_unreadable_corpus_folder_is_a_clear_error(corpus_copy, tmp_path, capsys, monkeypatch):
    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path) == os.fspath(corpus_copy):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    code, out, err = run(capsys, "index", str(corpus_copy), "--index", str(tmp_path / "ix"))
    assert (code, out) == (1, "")
    assert err == f"reform-search: [Errno 13] Permission denied: '{corpus_copy}'\n"


def test_search_csv_writes_every_match_not_only_the_page(indexed, capsys, monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_PUBLIC_URL", "https://search.example.gov.vn/cchc")
    _, out, _ = run(
        capsys, "search", "cải cách", "--index", str(indexed), "--limit", "100", "--json"
    )
    hits = json.loads(out)["hits"]
    code, out, err = run(
        capsys, "search", "cải cách", "--index", str(indexed), "--format", "csv", "--limit", "2"
    )
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert (code, err) == (0, "")
    assert rows[0] == list(COLUMNS)  # no BOM on the command line
    assert [row[0] for row in rows[1:]] == [hit["id"] for hit in hits]
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["url"] == f"https://search.example.gov.vn/cchc/doc/{hits[0]['id']}"
    assert first["leaders"] == "; ".join(hits[0]["leaders"])


def test_search_csv_says_when_the_cap_cut_it(indexed, capsys, monkeypatch):
    monkeypatch.setenv("REFORM_SEARCH_MAX_EXPORT_ROWS", "2")
    code, out, err = run(capsys, "search", "cải cách", "--index", str(indexed), "--format", "csv")
    total = json.loads(run(capsys, "search", "cải cách", "--index", str(indexed), "--json")[1])
    assert len(out.splitlines()) == 1 + 2
    assert err == (
        f"note: the first 2 of {total['total']} matches (REFORM_SEARCH_MAX_EXPORT_ROWS)\n"
    )


def test_format_json_is_what_the_json_flag_prints(indexed, capsys):
    as_format = json.loads(
        run(capsys, "search", "x", "--index", str(indexed), "--format", "json")[1]
    )
    as_flag = json.loads(run(capsys, "search", "x", "--index", str(indexed), "--json")[1])
    assert as_format | {"took_ms": 0} == as_flag | {"took_ms": 0}
