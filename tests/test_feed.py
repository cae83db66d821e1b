"""The Atom feed of a search: well-formed for any query, the newest matches, stable ids."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
from conftest import index_of

from search_app.engine.export_format import plain_snippet
from search_app.engine.service import SearchRequest
from search_app.web.feed import Entry, Feed, atom_xml, timestamp, xml_text

NS = {"a": "http://www.w3.org/2005/Atom"}


def parsed(response) -> ElementTree.Element:
    assert response.status_code == 200
    assert response.content_type == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.get_data())


def entries(feed: ElementTree.Element) -> list[dict]:
    return [
        {
            "id": entry.findtext("a:id", namespaces=NS),
            "title": entry.findtext("a:title", namespaces=NS),
            "updated": entry.findtext("a:updated", namespaces=NS),
            "link": entry.find("a:link[@rel='alternate']", NS).get("href"),
            "authors": [a.findtext("a:name", namespaces=NS) for a in entry.findall("a:author", NS)],
            "summary": entry.findtext("a:summary", namespaces=NS),
        }
        for entry in feed.findall("a:entry", NS)
    ]


def test_the_feed_lists_the_newest_matches_with_their_pages(client, service):
    feed = parsed(client.get("/feed.atom", query_string={"q": "cải cách", "sort": "oldest"}))
    newest = service.search(SearchRequest(query="cải cách", sort="newest", per_page=20)).hits
    indexed = timestamp(datetime.fromtimestamp(service.stats()["updated"], UTC))
    url = "http://localhost/doc/"
    assert entries(feed) == [
        {
            "id": url + hit.id,
            "title": hit.title,
            "updated": (
                f"{hit.date}T00:00:00Z"
                if hit.date
                else f"{hit.year}-01-01T00:00:00Z"
                if hit.year
                else indexed
            ),
            "link": url + hit.id,
            "authors": hit.leaders,
            "summary": plain_snippet(hit.snippets),
        }
        for hit in newest
    ]
    assert feed.findtext("a:title", namespaces=NS) == (
        "Tài liệu mới nhất cho “cải cách” – Tra cứu cải cách hành chính"
    )
    assert feed.findtext("a:id", namespaces=NS) == (
        "http://localhost/feed.atom?q=c%E1%BA%A3i+c%C3%A1ch&sort=newest"
    )
    # Every kind of date: a day, only a year, none.
    assert any(hit.date for hit in newest)
    assert {hit.year is None for hit in newest if not hit.date} == {True, False}
    assert feed.findtext("a:updated", namespaces=NS) == max(e["updated"] for e in entries(feed))
    assert feed.find("a:link[@rel='alternate']", NS).get("href") == (
        "http://localhost/search?q=c%E1%BA%A3i+c%C3%A1ch&sort=newest"
    )


def test_the_feed_id_is_the_same_in_either_language_and_order_of_arguments(client):
    ids = {
        parsed(client.get(url)).findtext("a:id", namespaces=NS)
        for url in (
            "/feed.atom?q=TTHC&period=2011-2020&year=2019",
            "/feed.atom?year=2019&period=2011-2020&q=TTHC&lang=en&page=1",
        )
    }
    assert ids == {"http://localhost/feed.atom?q=TTHC&year=2019&period=2011-2020&sort=newest"}


def test_a_feed_holds_at_most_twenty_entries(tmp_path_factory):
    from search_app import create_app

    documents = {
        f"{n}.md": f"---\ntitle: Tin {n}\ndate: 2020-01-{n:02}\n---\n\nCải cách {n}.\n"
        for n in range(1, 26)
    }
    index = index_of(tmp_path_factory, documents, "many")
    client = create_app({"TESTING": True, "REFORM_SEARCH_INDEX": str(index)}).test_client()
    found = entries(parsed(client.get("/feed.atom", query_string={"q": "cải cách"})))
    assert [e["title"] for e in found] == [f"Tin {n}" for n in range(25, 5, -1)]


def test_an_undated_document_is_updated_when_the_index_last_changed(client, service):
    undated = [d for d in service.documents() if not d["date"] and not d["year"]]
    assert undated
    doc = undated[0]
    feed = parsed(client.get("/feed.atom", query_string={"q": f'"{doc["title"]}"'}))
    indexed = datetime.fromtimestamp(service.stats()["updated"], UTC)
    found = {e["id"]: e["updated"] for e in entries(feed)}
    assert found[f"http://localhost/doc/{doc['id']}"] == timestamp(indexed)


@pytest.mark.parametrize(
    "query",
    ["<script>&amp;]]>", "cải cách \x00\x07\x1b\x0b\x0c", "\ufffe\uffff cải", "é" * 256],
)
def test_any_query_gives_well_formed_xml(client, query):
    response = client.get("/feed.atom", query_string={"q": query})
    if response.status_code == 400:  # too long for the API: its 400, not a broken feed
        assert len(query) > 255
        return
    feed = parsed(response)
    assert feed.findtext("a:title", namespaces=NS) == (
        f"Tài liệu mới nhất cho “{xml_text(query.strip())}” – Tra cứu cải cách hành chính"
    )


def test_bytes_that_are_not_utf8_give_well_formed_xml(client):
    feed = parsed(client.get("/feed.atom?q=%ED%A0%80%FF%00x"))  # a surrogate's bytes, 0xFF, NUL
    assert feed.findtext("a:title", namespaces=NS).startswith("Tài liệu mới nhất cho “")


def test_xml_text_removes_only_what_xml_cannot_hold():
    assert xml_text("a\x00b\x08c\td\ne\rf\x0bg\x1fh\x7fi\ufffej\U0001f600") == (
        "abc\td\ne\rfgh\x7fij\U0001f600"
    )


def test_atom_xml_escapes_markup_and_keeps_categories():
    moment = datetime(2021, 3, 18, 9, 30, tzinfo=UTC)
    feed = Feed(
        id="tag:x",
        title="a < b & c",
        self_url="http://h/feed.atom?a=1&b=2",
        page_url="http://h/search",
        updated=moment,
        author="Site",
        entries=[
            Entry(
                id="http://h/doc/1",
                title="<script>",
                url="http://h/doc/1",
                updated=moment,
                summary="x\x00y",
                categories=(("procedures", "Thủ tục"),),
            )
        ],
    )
    xml = atom_xml(feed)
    assert b"<title>a &lt; b &amp; c</title>" in xml
    assert b'href="http://h/feed.atom?a=1&amp;b=2"' in xml
    root = ElementTree.fromstring(xml)
    entry = root.find("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == "<script>"
    assert entry.findtext("a:summary", namespaces=NS) == "xy"
    assert entry.findtext("a:updated", namespaces=NS) == "2021-03-18T09:30:00Z"
    assert entry.find("a:category", NS).attrib == {"term": "procedures", "label": "Thủ tục"}
    assert entry.find("a:author", NS) is None  # no leaders: the feed's author stands


def test_the_results_page_announces_its_feed(client):
    page = client.get("/search", query_string={"q": "cải cách", "page": "2"}).get_data(as_text=True)
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Tài liệu mới nhất cho'
        ' “cải cách” – Tra cứu cải cách hành chính" href="/feed.atom?q=c%E1%BA%A3i+c%C3%A1ch">'
    ) in page
