"""Document bodies as safe HTML with the query's words marked."""

import pytest

from search_app.engine.document_view import highlight, render_markdown, render_plain


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a <b>bold</b>", "<p>a &lt;b&gt;bold&lt;/b&gt;</p>"),
        ("<div onclick=x>hi</div>", "<p>&lt;div onclick=x&gt;hi&lt;/div&gt;</p>"),
        ("[x](javascript:alert(1))", "<p><a>x</a></p>"),
        ("[x](java\tscript:alert(1))", "<p><a>x</a></p>"),
        ("[x](https://chinhphu.vn/a)", '<p><a href="https://chinhphu.vn/a">x</a></p>'),
        ("[x](/local#p)", '<p><a href="/local#p">x</a></p>'),
        ("![alt](https://e.example/t.png)", '<p><a href="https://e.example/t.png">alt</a></p>'),
        ("![alt](javascript:x)", "<p><a>alt</a></p>"),
    ],
)
def test_markdown_renders_without_raw_html_or_unsafe_links(source, expected):
    assert render_markdown(source) == expected


LIMIT = 100_000


def test_plain_text_becomes_escaped_paragraphs():
    assert render_plain("Dòng <1>\ndòng 2\n\n\nĐoạn & 2") == (
        "<p>Dòng &lt;1&gt;<br>dòng 2</p>\n<p>Đoạn &amp; 2</p>"
    )


def test_highlight_marks_text_not_tags_and_ids_the_first_mark():
    html = '<p><a href="/cai-cach">Cải cách</a> hành chính, cải cách &amp; thể chế</p>'
    assert highlight(html, "cải cách", LIMIT) == (
        '<p><a href="/cai-cach"><mark id="first-match">Cải cách</mark></a> hành chính, '
        "<mark>cải cách</mark> &amp; thể chế</p>",
        2,
        False,
    )


def test_words_typed_with_accents_match_those_accents_first():
    html = "<p>thể chế và thế giới</p>"
    assert highlight(html, "thể chế", LIMIT) == (
        '<p><mark id="first-match">thể chế</mark> và thế giới</p>',
        1,
        False,
    )
    assert highlight(html, "the che", LIMIT)[1] == 1


def test_words_typed_with_accents_fall_back_to_any_accents():
    assert highlight("<p>cai cach hanh chinh</p>", "cải cách", LIMIT) == (
        '<p><mark id="first-match">cai cach</mark> hanh chinh</p>',
        1,
        False,
    )


def test_lone_syllables_of_a_longer_query_are_not_marked():
    html = "<p>Thủ tướng nói.</p><p>Thủ tục hành chính.</p>"
    assert highlight(html, "thủ tục hành chính", LIMIT)[0] == (
        '<p>Thủ tướng nói.</p><p><mark id="first-match">Thủ tục hành chính</mark>.</p>'
    )


def test_nfd_and_tone_placement_variants_are_found():
    assert highlight("<p>hoá đơn</p>", "hóa", LIMIT)[1] == 1


def test_marks_stop_after_the_limit_and_say_so():
    html = "".join(f"<p>Đoạn {n}: cải cách hành chính.</p>" for n in range(1000))
    marked, count, cut = highlight(html, "cải cách", 300)
    assert (count, cut) == (11, True)  # the paragraphs begun in the first 300 characters
    assert marked.endswith("<p>Đoạn 999: cải cách hành chính.</p>")
    assert highlight(html, "cải cách", 1_000_000)[1:] == (1000, False)
