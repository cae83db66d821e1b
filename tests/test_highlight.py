from search_app.engine.highlight import mark, merge_spans, snippets

TEXT = "Thủ tướng yêu cầu đẩy mạnh cải cách hành chính.\nCải cách thể chế là nền tảng."


def test_merge_spans_joins_overlaps():
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]


def test_mark_escapes_text_and_joins_words_of_one_phrase():
    text = "a <b> cải cách hành chính & c"
    spans = [(6, 9), (10, 14), (15, 19), (20, 25)]
    assert mark(text, spans) == "a &lt;b&gt; <mark>cải cách hành chính</mark> &amp; c"


def test_snippets_cut_at_lines_and_mark_the_original_characters():
    start = TEXT.index("cải cách")
    assert snippets(TEXT, [(start, start + 3), (start + 4, start + 8)]) == [
        "Thủ tướng yêu cầu đẩy mạnh <mark>cải cách</mark> hành chính."
    ]


def test_snippets_without_matches_show_the_opening():
    assert snippets("Một hai ba bốn năm", [], size=9) == ["Một hai…"]
    assert snippets("", []) == []


def test_snippets_prefer_windows_with_more_distinct_matches():
    text = ("lấp đầy " * 40) + "alpha beta" + (" lấp đầy" * 40) + " alpha"
    a = text.index("alpha beta")
    last = text.rindex("alpha")
    result = snippets(text, [(a, a + 5), (a + 6, a + 10), (last, last + 5)], limit=1, size=60)
    assert len(result) == 1
    assert "<mark>alpha beta</mark>" in result[0]
