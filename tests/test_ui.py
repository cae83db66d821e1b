"""The HTML pages, through Flask's test client."""

import re

import pytest

from search_app.engine.service import SearchRequest
from search_app.web.i18n import STRINGS

CAI_CACH = "cải cách"


def links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


def marks(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", html)


def doc_id(service, path: str) -> str:
    return next(d["id"] for d in service.documents() if d["path"] == path)


def test_home_has_an_autofocused_labelled_search_box(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert '<label for="q"' in html
    assert re.search(r'<input type="search" id="q" name="q" value="" [^>]*autofocus>', html)
    assert 'rel="search" type="application/opensearchdescription+xml"' in html


def test_search_lists_hits_with_marked_words_count_and_time(client, service):
    html = client.get("/search", query_string={"q": "cai cach"}).get_data(as_text=True)
    total = service.search(SearchRequest(query="cai cach")).total
    assert re.search(rf"1–{min(total, 10)} trong {total} kết quả \(\d+,\d\d giây\)", html)
    assert {m.lower() for m in marks(html)} == {CAI_CACH, "cai cach"}
    assert html.count('<li class="hit">') == min(total, 10)


def test_facets_show_counts_that_follow_the_query(client, service):
    html = client.get("/search", query_string={"q": "thể chế"}).get_data(as_text=True)
    facets = service.search(SearchRequest(query="thể chế")).facets
    years = [(str(v.value), v.count) for v in facets["year"] if v.count]
    shown = re.findall(r'year=(\d+)">\s*(\d+)\s*</a>\s*<span class="count"[^>]*>(\d+)<', html)
    assert [(y, int(c)) for y, _, c in shown] == [(y, c) for y, c in years if int(y) > 0]


def test_selecting_a_facet_value_filters_and_shows_a_removable_chip(client):
    response = client.get("/search", query_string={"q": "cai cach", "year": "2019"})
    html = response.get_data(as_text=True)
    assert "Năm: 2019" in html
    assert '<a class="chip" href="/search?q=cai+cach"' in html
    assert '<a class="clear-all" href="/search?q=cai+cach">' in html
    assert re.findall(r'<span class="hit-date">([^<]*)</span>', html) == ["2019-05-14"]


def test_repeated_values_of_one_facet_are_alternatives(client):
    args = [("year", "2019"), ("year", "2023"), ("sort", "oldest")]
    html = client.get("/search", query_string=args).get_data(as_text=True)
    assert re.findall(r'<span class="hit-date">([^<]*)</span>', html) == [
        "2019-05-14",
        "2023-11-14",
    ]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ({"page": "-1"}, "page"),
        ({"per_page": "10000"}, "per_page"),
        ({"sort": "bogus"}, "sort"),
        ({"year": "abc"}, "year"),
        ({"year_from": "2020", "year_to": "2010"}, "year_from"),
    ],
)
def test_a_bad_parameter_is_a_notice_not_an_error_page(client, args, name):
    response = client.get("/search", query_string={"q": "cai cach"} | args)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Đã bỏ qua tham số “{name}”" in html
    assert '<li class="hit">' in html


def test_a_malformed_query_gets_results_and_a_notice(client):
    html = client.get("/search", query_string={"q": '"cải cách'}).get_data(as_text=True)
    assert "Thiếu dấu ngoặc kép đóng" in html
    assert '<li class="hit">' in html


def test_empty_state_says_what_was_searched_and_offers_ways_out(client):
    args = {"q": "cai cach", "year": "2016"}
    html = client.get("/search", query_string=args).get_data(as_text=True)
    assert "Không tìm thấy kết quả nào cho “cai cach”." in html
    assert '<a href="/search?q=cai+cach">bỏ bộ lọc Năm: 2016</a>' in html
    assert '<a href="/search">xem tất cả tài liệu</a>' in html


def test_browse_mode_lists_documents_newest_first(client, service):
    html = client.get("/search", query_string={"per_page": "100"}).get_data(as_text=True)
    dates = re.findall(r'<span class="hit-date">(\d{4}-\d\d-\d\d)</span>', html)
    assert "Tất cả tài liệu, mới nhất trước" in html
    assert dates == sorted(dates, reverse=True)
    assert html.count('<li class="hit">') == len(service.documents())


def test_pagination_links_keep_the_search(client):
    html = client.get("/search", query_string={"per_page": "2", "page": "2"}).get_data(as_text=True)
    assert '<a href="/search?per_page=2" rel="prev">' in html
    assert '<a href="/search?page=3&amp;per_page=2" rel="next">' in html
    assert 'aria-current="page" aria-label="Trang 2">2</a>' in html


def test_document_page_marks_the_query_and_links_back(client, service):
    path = "2019-05-14-giao-ban-cai-cach-thu-tuc-hanh-chinh.md"
    url = f"/doc/{doc_id(service, path)}"
    html = client.get(url, query_string={"q": "thu tuc", "year": "2019"}).get_data(as_text=True)
    assert set(marks(html)) == {"thủ tục"}
    assert '<mark id="first-match">thủ tục</mark>' in html
    assert '<a href="#first-match">Đến chỗ khớp đầu tiên</a>' in html
    assert '<a href="/search?q=thu+tuc&amp;year=2019">← Quay lại kết quả</a>' in html
    assert 'Mai Tiến Dũng <small class="origin">(khai báo trong tệp)</small>' in html


def test_plain_text_documents_render_as_paragraphs(client, service):
    url = f"/doc/{doc_id(service, 'extra/khong-dau.txt')}"
    html = client.get(url, query_string={"q": "thủ tục"}).get_data(as_text=True)
    assert "<p>Van ban go khong dau ve cai cach <mark" in html


@pytest.mark.parametrize("doc", ["nope", "..%2F..%2Fetc%2Fpasswd", "a" * 300, "x'y"])
def test_unknown_documents_are_404(client, doc):
    response = client.get(f"/doc/{doc}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


def test_english_by_parameter_or_browser_preference(client):
    by_param = client.get("/search", query_string={"q": "x", "lang": "en"}).get_data(as_text=True)
    by_header = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    vietnamese_first = client.get("/", headers={"Accept-Language": "vi,en;q=0.8"})
    assert '<html lang="en">' in by_param
    assert 'href="/help?lang=en"' in by_param
    assert '<html lang="en">' in by_header.get_data(as_text=True)
    assert '<html lang="vi">' in vietnamese_first.get_data(as_text=True)
    assert by_header.headers["Vary"] == "Accept-Language"


def test_help_explains_the_syntax_with_runnable_examples(client):
    html = client.get("/help").get_data(as_text=True)
    assert '<a href="/search?q=%22ch%C3%ADnh+ph%E1%BB%A7+%C4%91i%E1%BB%87n+t%E1%BB%AD%22">' in html
    assert 'href="/search?q=N%C4%90+60/2021"' in html
    assert "từ để hỏi (bao nhiêu, thế nào…) không bắt buộc" in html
    assert "các tài liệu có phần lớn các từ được xếp sau, kèm những từ còn thiếu" in html


def test_every_link_honours_the_mount_prefix(client):
    for url in ("/search?q=cai+cach&year=2019", "/help", "/embed?q=cai", "/nope"):
        response = client.get(url, base_url="http://localhost/reform")
        html = response.get_data(as_text=True)
        local = [link for link in links(html) if not link.startswith(("#", "http"))]
        assert local and all(link.startswith("/reform/") for link in local), (url, local)


def test_without_an_index_pages_say_so(make_app, tmp_path):
    client = make_app(REFORM_SEARCH_INDEX=str(tmp_path)).test_client()
    response = client.get("/search", query_string={"q": "x"})
    assert response.status_code == 503
    assert "Chưa có chỉ mục tìm kiếm" in response.get_data(as_text=True)


def test_an_unaccented_query_offers_the_accented_spelling(client):
    html = client.get("/search", query_string={"q": "thu tuc hanh chinh"}).get_data(as_text=True)
    suggestion = re.search(r'<p class="suggestion">Có phải bạn muốn tìm: <a href="([^"]+)"', html)
    assert suggestion is not None
    followed = client.get(suggestion.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "thủ tục hành chính" in re.search(r'id="q"[^>]*value="([^"]*)"', followed).group(1)
    assert '<p class="suggestion">' not in followed


def test_the_document_page_lists_similar_documents(client, service):
    review = doc_id(service, "2021-03-18-danh-gia-cai-cach-hanh-chinh-2011-2020.md")
    html = client.get(f"/doc/{review}").get_data(as_text=True)
    similar = re.search(r'<aside class="similar".*?</aside>', html, re.DOTALL).group(0)
    assert f"/doc/{review}" not in similar
    assert similar.count("<li>") == len(service.similar(review))


def test_no_results_and_no_filters_show_no_empty_facets(client):
    empty = client.get("/search", query_string={"q": "xyzzy"}).get_data(as_text=True)
    filtered = client.get("/search", query_string={"q": "xyzzy", "year": "2019"})
    assert '<aside class="facets"' not in empty
    assert '<aside class="facets"' in filtered.get_data(as_text=True)


def test_hits_show_period_labels_and_pages_link_a_favicon(client):
    html = client.get("/search", query_string={"q": "giao ban"}).get_data(as_text=True)
    assert re.search(r'<p class="hit-meta">.*?2011–2020', html, re.DOTALL)
    icon = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', html).group(1)
    with client.get(icon) as response:
        assert (response.status_code, response.mimetype) == (200, "image/svg+xml")


def test_a_partial_hit_says_which_words_it_lacks(partial_client):
    query = "thủ tướng yêu cầu các bộ ngành đẩy mạnh cải cách cắt giảm giấy phép con"
    html = partial_client.get("/search", query_string={"q": query}).get_data(as_text=True)
    assert re.findall(r'<p class="hit-missing">([^<]*)</p>', html) == [
        "Không có: cắt giảm, giấy phép, con",
        "Không có: thủ tướng, yêu cầu, đẩy mạnh, cải cách",
    ]
    assert STRINGS["vi"]["notice_partial_matches"] in html
    english = partial_client.get("/search", query_string={"q": query, "lang": "en"})
    assert '<p class="hit-missing">Missing: cắt giảm, giấy phép, con</p>' in english.get_data(
        as_text=True
    )
    whole = partial_client.get("/search", query_string={"q": query, "per_page": 1})
    assert "hit-missing" not in whole.get_data(as_text=True)
    assert STRINGS["vi"]["notice_partial_matches"] not in whole.get_data(as_text=True)
