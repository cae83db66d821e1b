"""Exports of every match: /export.csv and /export.json, and the rows they are made of."""

import csv
import io
import json

import pytest
from conftest import index_of

from search_app.engine.export_format import (
    COLUMNS,
    csv_cell,
    csv_lines,
    export_filename,
    json_chunks,
    plain_snippet,
)
from search_app.engine.service import SearchRequest

# Titles a spreadsheet would take for formulas, and one with markup and an entity.
FORMULA_DOCUMENTS = {
    "a.md": '---\ntitle: \'=HYPERLINK("http://x","bấm")\'\nyear: 2020\n---\n\nCải cách A.\n',
    "b.md": "---\ntitle: '+1 cải cách'\nyear: 2019\n---\n\nCải cách B.\n",
    "c.md": "---\ntitle: '-2 cải cách'\nyear: 2018\n---\n\nCải cách C.\n",
    "d.md": "---\ntitle: '@SUM(A1) cải cách'\nyear: 2017\n---\n\nCải cách D & \"E\" < F.\n",
}


def csv_rows(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == list(COLUMNS)
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def all_ids(service, **request) -> list[str]:
    result = service.search(SearchRequest(per_page=100, **request), cached=False)
    assert result.total < 100
    return [hit.id for hit in result.hits]


def test_csv_holds_every_match_in_the_search_order_not_only_the_page(client, service):
    args = {"q": "cải cách", "page": "2", "per_page": "3"}
    response = client.get("/export.csv", query_string=args)
    rows = csv_rows(response)
    total = service.search(SearchRequest(query="cải cách")).total
    assert total > 6  # more than two pages
    assert [row["id"] for row in rows] == all_ids(service, query="cải cách")
    assert response.headers["X-Total-Count"] == str(total)
    assert (response.headers["X-Export-Rows"], response.headers["X-Export-Capped"]) == (
        str(total),
        "false",
    )
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="reform-search-cai-cach.csv"'
    )


def test_a_csv_row_is_plain_text_with_lists_joined_and_the_document_url(client, service):
    rows = csv_rows(client.get("/export.csv", query_string={"q": "TTHC", "sort": "newest"}))
    first = service.search(SearchRequest(query="TTHC", sort="newest")).hits[0]
    api = client.get(f"/api/doc/{first.id}").get_json()
    assert rows[0] == {
        "id": first.id,
        "title": first.title,
        "date": first.date or "",
        "year": str(first.year or ""),
        "periods": "; ".join(first.periods),
        "leaders": "; ".join(first.leaders),
        "topics": "; ".join(first.topics),
        "source": first.source or "",
        "url": api["url"],
        "score": "",  # sorted by date: no score
        "snippet": plain_snippet(first.snippets),
    }
    assert "thủ tục hành chính" in rows[0]["snippet"] and "<" not in rows[0]["snippet"]


def test_exports_are_sent_while_they_are_written(client, service):
    total = service.search(SearchRequest(query="cải cách")).total
    response = client.get("/export.json", query_string={"q": "cải cách"}, buffered=False)
    assert len(list(response.response)) == 1 + total + 1  # the head, each row, the end
    response.close()


def test_filters_and_sort_are_those_of_the_search(client, service):
    args = {"q": "cải cách", "period": "2011-2020", "sort": "oldest"}
    rows = csv_rows(client.get("/export.csv", query_string=args))
    expected = all_ids(service, query="cải cách", periods=("2011-2020",), sort="oldest")
    assert [row["id"] for row in rows] == expected
    assert all("2011-2020" in row["periods"] for row in rows)


def test_json_holds_the_same_rows_with_lists_and_a_head(client, service):
    response = client.get("/export.json", query_string={"q": "cải cách"})
    data = json.loads(response.get_data(as_text=True))
    total = service.search(SearchRequest(query="cải cách")).total
    assert {k: v for k, v in data.items() if k != "documents"} == {
        "query": "cải cách",
        "total": total,
        "rows": total,
        "capped": False,
        "notices": [],
    }
    assert [d["id"] for d in data["documents"]] == all_ids(service, query="cải cách")
    first = data["documents"][0]
    assert list(first) == [*COLUMNS, "missing"]
    assert isinstance(first["leaders"], list) and isinstance(first["score"], float)
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="reform-search-cai-cach.json"'
    )


def test_the_cap_is_a_setting_and_the_total_says_what_was_left_out(make_app, service):
    client = make_app(REFORM_SEARCH_MAX_EXPORT_ROWS="3").test_client()
    total = service.search(SearchRequest(query="cải cách")).total
    response = client.get("/export.csv", query_string={"q": "cải cách"})
    assert [row["id"] for row in csv_rows(response)] == all_ids(service, query="cải cách")[:3]
    assert [response.headers[h] for h in ("X-Total-Count", "X-Export-Rows", "X-Export-Capped")] == [
        str(total),
        "3",
        "true",
    ]
    data = client.get("/export.json", query_string={"q": "cải cách"}).get_json()
    assert (data["total"], data["rows"], data["capped"], data["notices"]) == (
        total,
        3,
        True,
        ["export_capped"],
    )
    page = client.get("/search", query_string={"q": "cải cách"}).get_data(as_text=True)
    assert "<small>(chỉ 3 kết quả đầu)</small>" in page


@pytest.mark.parametrize("path", ["/export.csv", "/export.json", "/feed.atom"])
def test_bad_parameters_are_the_apis_400(client, path):
    for args, name in (({"page": "0"}, "page"), ({"sort": "x"}, "sort"), ({"q": "x" * 300}, "q")):
        response = client.get(path, query_string=args)
        assert response.status_code == 400
        assert response.get_json() == client.get("/api/search", query_string=args).get_json()
        assert response.get_json()["error"]["message"].startswith(f"invalid parameter '{name}'")


@pytest.fixture(scope="module")
def formula_client(tmp_path_factory):
    from search_app import create_app

    index = index_of(tmp_path_factory, FORMULA_DOCUMENTS, "formulas")
    return create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(index)}).test_client()


def test_cells_a_spreadsheet_would_run_are_written_as_text(formula_client):
    rows = csv_rows(formula_client.get("/export.csv", query_string={"sort": "newest"}))
    assert [row["title"] for row in rows] == [
        '\'=HYPERLINK("http://x","bấm")',
        "'+1 cải cách",
        "'-2 cải cách",
        "'@SUM(A1) cải cách",
    ]
    data = formula_client.get("/export.json", query_string={"sort": "newest"}).get_json()
    assert data["documents"][1]["title"] == "+1 cải cách"  # JSON is not a spreadsheet


def test_a_snippet_is_text_with_marks_dropped_and_entities_decoded(formula_client):
    data = formula_client.get("/export.json", query_string={"q": "cải cách D"}).get_json()
    assert data["documents"][0]["snippet"] == 'Cải cách D & "E" < F.'


def test_csv_cell_guards_text_only():
    assert [csv_cell(v) for v in ("=1+1", "-x", "\tx", "a=b", None, 2019, -1.5)] == [
        "'=1+1",
        "'-x",
        "'\tx",
        "a=b",
        "",
        2019,
        -1.5,
    ]
    assert csv_cell(["-a", "b"]) == "'-a; b"


def test_csv_lines_come_in_pieces_that_read_back_whole():
    rows = [dict.fromkeys(COLUMNS, f'row {n}\nline, "two"') for n in range(120)]
    pieces = list(csv_lines(rows, bom=False))
    assert len(pieces) == 1 + 3  # the header, then 50 + 50 + 20 rows
    read = list(csv.reader(io.StringIO("".join(pieces), newline="")))
    assert read[1:] == [[row[c] for c in COLUMNS] for row in rows]
    assert pieces[1].endswith("\r\n")


def test_json_chunks_read_back_as_one_object():
    assert json.loads("".join(json_chunks({"total": 0}, []))) == {"total": 0, "documents": []}
    rows = [{"n": n, "s": 'ấ"\n'} for n in range(3)]
    assert json.loads("".join(json_chunks({"q": "x"}, rows))) == {"q": "x", "documents": rows}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Cải cách THỦ TỤC hành chính", "reform-search-cai-cach-thu-tuc-hanh-chinh.csv"),
        ("Đổi mới", "reform-search-doi-moi.csv"),
        ('../../etc/passwd"; x=\r\n', "reform-search-etc-passwd-x.csv"),
        ("", "reform-search-all.csv"),
        ("“…”", "reform-search-all.csv"),
        ("cải cách " * 20, "reform-search-" + "cai-cach-" * 6 + "cai.csv"),  # cut at a hyphen
    ],
)
def test_the_file_name_is_safe_ascii_from_the_query(query, name):
    assert export_filename(query, "csv") == name


def test_the_results_page_links_the_exports_of_its_search(client):
    args = {"q": "cải cách", "year": "2019", "sort": "newest", "page": "1"}
    page = client.get("/search", query_string=args).get_data(as_text=True)
    kept = "q=c%E1%BA%A3i+c%C3%A1ch&amp;year=2019&amp;sort=newest"
    assert f'<a href="/export.csv?{kept}" download>Tải CSV</a>' in page
    assert f'<a href="/export.json?{kept}" download>JSON</a>' in page
    english = client.get("/search", query_string=args | {"lang": "en"}).get_data(as_text=True)
    assert "download>Download CSV</a>" in english
    nothing = client.get("/search", query_string={"q": "zzzqqq"}).get_data(as_text=True)
    assert "/export.csv" not in nothing
