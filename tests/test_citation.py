"""A document's reference: APA-like text and BibTeX, from its metadata and permanent link."""

from search_app.engine.citation import bibtex, citation_key, cite, plain_reference

URL = "https://search.example.gov.vn/cchc/doc/2021-03-18-danh-gia-5f3a"
REVIEW = {
    "id": "2021-03-18-danh-gia-5f3a",
    "title": "Đánh giá cải cách hành chính 2011-2020",
    "date": "2021-03-18",
    "year": 2021,
    "leaders": ["Nguyễn Xuân Phúc", "Trương Hòa Bình"],
    "source": "Cổng Thông tin điện tử Chính phủ",
}


def test_a_dated_document_with_leaders_source_and_link():
    citation = cite(REVIEW, URL)
    assert citation.text == (
        "Nguyễn Xuân Phúc & Trương Hòa Bình (2021-03-18). Đánh giá cải cách hành chính"
        " 2011-2020. Cổng Thông tin điện tử Chính phủ. " + URL
    )
    assert citation.bibtex == (
        "@misc{2021-03-18-danh-gia-5f3a,\n"
        "  author = {{Nguyễn Xuân Phúc} and {Trương Hòa Bình}},\n"
        "  title = {{Đánh giá cải cách hành chính 2011-2020}},\n"
        "  year = {2021},\n"
        "  date = {2021-03-18},\n"
        "  howpublished = {Cổng Thông tin điện tử Chính phủ},\n"
        f"  url = {{{URL}}}\n"
        "}"
    )
    assert citation.to_json() == {"text": citation.text, "bibtex": citation.bibtex}


def test_three_leaders_are_listed_with_commas_then_an_ampersand():
    doc = REVIEW | {"leaders": ["A Bê", "Cê Đê", "E Ép"], "source": None}
    assert plain_reference(doc, URL).startswith("A Bê, Cê Đê & E Ép (2021-03-18). Đánh giá")


def test_without_leaders_the_title_leads_and_an_unknown_date_is_said_in_the_language():
    doc = {"id": "x", "title": "Bản tin.", "date": None, "year": None, "leaders": []}
    assert plain_reference(doc, URL) == f"Bản tin (không rõ ngày). {URL}"
    assert plain_reference(doc, URL, "en") == f"Bản tin (n.d.). {URL}"
    assert plain_reference(doc | {"year": 2016}, URL) == f"Bản tin (2016). {URL}"
    assert bibtex(doc, URL) == f"@misc{{x,\n  title = {{{{Bản tin.}}}},\n  url = {{{URL}}}\n}}"


def test_a_question_keeps_its_mark_and_a_source_that_is_the_link_is_not_repeated():
    doc = REVIEW | {"title": "Cắt giảm bao nhiêu thủ tục?", "leaders": [], "source": URL}
    assert plain_reference(doc, URL) == f"Cắt giảm bao nhiêu thủ tục? (2021-03-18). {URL}"
    assert "howpublished" not in bibtex(doc, URL)


def test_bibtex_escapes_what_latex_reads_as_commands_and_drops_control_characters():
    doc = REVIEW | {"title": "R&D 100% {x} $5 #1 a_b ^ ~ \\end\x07", "leaders": ["Lê\x00 Văn"]}
    entry = bibtex(doc, URL + "{}")
    assert "  author = {{Lê Văn}},\n" in entry
    assert (
        r"  title = {{R\&D 100\% \{x\} \$5 \#1 a\_b \^{} \~{} \textbackslash{}end}},"
        in entry.splitlines()
    )
    assert entry.splitlines()[-2] == f"  url = {{{URL}%7B%7D}}"


def test_the_key_keeps_only_characters_every_bibtex_reads():
    assert citation_key({"id": "bao-cao_2016.pdf-ab12"}) == "bao-cao_2016-pdf-ab12"
    assert citation_key({"id": "đổi-mới-1a"}) == "doi-moi-1a"
    assert citation_key({"id": "..."}) == "document"


def test_the_api_gives_the_citation_of_the_document_page(client, service):
    doc = next(d for d in service.documents() if d["leaders"] and d["date"])
    data = client.get(f"/api/doc/{doc['id']}").get_json()
    assert data["citation"] == cite(doc, data["url"]).to_json()
    english = client.get(f"/api/doc/{doc['id']}?lang=en").get_json()["citation"]
    assert english == data["citation"]  # a dated document reads the same in both languages


def test_the_document_page_shows_both_references_in_read_only_boxes(client, service):
    doc = next(d for d in service.documents() if d["leaders"] and d["date"])
    citation = cite(doc, f"http://localhost/doc/{doc['id']}")
    page = client.get(f"/doc/{doc['id']}").get_data(as_text=True)
    text_box = '<textarea id="citation_text" readonly rows="3" spellcheck="false">'
    assert text_box + citation.text.replace("&", "&amp;") + "</textarea>" in page
    assert citation.bibtex.replace("&", "&amp;") + "</textarea>" in page
    assert "Kiểu APA 7" in page
    assert page.count("hidden>Sao chép</button>") == 2  # shown by copy.js, when it runs
    assert "Copy</button>" in client.get(f"/doc/{doc['id']}?lang=en").get_data(as_text=True)
