"""pdf_layout on literal lines: margins dropped, wrapped lines rejoined into paragraphs."""

import pytest

from indexer.formats.pdf_layout import Line, is_page_number, paragraphs, without_margins

TOP, BOTTOM, LEFT, RIGHT, SIZE, STEP = 800.0, 40.0, 72.0, 523.0, 12.0, 16.8


def column(*texts: str, top: float = 740.0, gap_after: tuple[int, ...] = ()) -> list[Line]:
    """Body lines of a page, one line step apart (a wider gap after the given indexes)."""
    lines, baseline = [], top
    for number, text in enumerate(texts):
        lines.append(Line(text, baseline, LEFT, RIGHT, SIZE))
        baseline -= 2 * STEP if number in gap_after else STEP
    return lines


def margin(text: str, baseline: float) -> Line:
    return Line(text, baseline, 250.0, 340.0, 9.0)


@pytest.mark.parametrize("text", ["3", "- 3 -", "Trang 3", "trang 3/12", "3/12", "Page 3 of 12"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["Điều 3", "2023-2025", "Năm 2023", "30/2020/NĐ-CP"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


BODIES = (
    ("Kết quả rà soát thủ tục hành chính.", "Đã đơn giản hoá 126 thủ tục."),
    ("Về dịch vụ công trực tuyến.", "Tỷ lệ hồ sơ trực tuyến đạt 45,5%."),
    ("Phương hướng năm 2024.", "Tiếp tục số hoá hồ sơ."),
)


def test_repeated_header_and_page_numbers_are_dropped_digits_varying():
    pages = [
        [margin(f"Báo cáo số {12 + n}/BC-UBND", TOP), *column(*body), margin(f"- {n} -", BOTTOM)]
        for n, body in enumerate(BODIES, start=1)
    ]
    kept = without_margins(pages)
    assert [[line.text for line in page] for page in kept] == [list(body) for body in BODIES]


def test_a_line_at_the_top_of_one_page_only_stays():
    pages = [
        [margin("Phụ lục I", TOP), *column("Danh mục thủ tục.")],
        [*column("Tiếp theo.", "Hết.")],
    ]
    assert [line.text for line in without_margins(pages)[0]] == ["Phụ lục I", "Danh mục thủ tục."]


def test_wrapped_lines_rejoin_and_a_gap_starts_a_paragraph():
    page = column(
        "Năm 2023, tỉnh đã rà soát, đơn giản hoá 126 thủ tục hành chính và cắt",
        "giảm 30% thời gian giải quyết hồ sơ giai đoạn 2016-",
        "2020 của các sở, ngành.",
        "Tỷ lệ hồ sơ trực tuyến đạt 45,5%.",
        gap_after=(2,),
    )
    assert paragraphs([page]) == [
        "Năm 2023, tỉnh đã rà soát, đơn giản hoá 126 thủ tục hành chính và cắt giảm 30% "
        "thời gian giải quyết hồ sơ giai đoạn 2016-2020 của các sở, ngành.",
        "Tỷ lệ hồ sơ trực tuyến đạt 45,5%.",
    ]


def test_a_soft_hyphen_joins_the_word_and_a_spaced_dash_keeps_its_space():
    page = column("Thực hiện chương trình modern\u00ad", "ization tại Bà Rịa -", "Vũng Tàu.")
    assert paragraphs([page]) == ["Thực hiện chương trình modernization tại Bà Rịa - Vũng Tàu."]


def test_a_heading_and_a_first_line_indent_start_paragraphs():
    heading = Line("BÁO CÁO TỔNG KẾT", 760.0, 200.0, 400.0, 16.0)
    body = column(
        "Mở đầu báo cáo, câu thứ nhất", "kết thúc ở đây.", "Đoạn thứ hai bắt đầu", "và hết."
    )
    body[2] = Line(body[2].text, body[2].baseline, LEFT + 30, RIGHT, SIZE)
    assert paragraphs([[heading, *body]]) == [
        "BÁO CÁO TỔNG KẾT",
        "Mở đầu báo cáo, câu thứ nhất kết thúc ở đây.",
        "Đoạn thứ hai bắt đầu và hết.",
    ]


def test_a_paragraph_runs_on_across_a_page_break_only_mid_sentence():
    pages = [
        column("Đoạn này sang trang", "tiếp theo"),
        column("mà không ngắt đoạn.", "Câu cuối trang hai."),
        column("Trang ba mở đoạn mới."),
    ]
    assert paragraphs(pages) == [
        "Đoạn này sang trang tiếp theo mà không ngắt đoạn. Câu cuối trang hai.",
        "Trang ba mở đoạn mới.",
    ]


def test_each_table_row_is_a_paragraph():
    rows = column("STT Nhiệm vụ Kết quả", "1 Rà soát thủ tục 126", "2 Số hoá hồ sơ Xong")
    table = [Line(r.text, r.baseline, r.left, r.right, r.size, cells=3) for r in rows]
    assert paragraphs([table]) == [
        "STT Nhiệm vụ Kết quả",
        "1 Rà soát thủ tục 126",
        "2 Số hoá hồ sơ Xong",
    ]


def test_a_numbered_rows_wrapped_line_set_in_mid_sentence_stays_in_the_row():
    rows = column("22 Chỉ đạo công tác xây dựng pháp luật của", "Chính phủ.", "23 Trên cơ sở đó.")
    rows[1] = Line(rows[1].text, rows[1].baseline, LEFT + 30, 200.0, SIZE)
    assert paragraphs([rows]) == [
        "22 Chỉ đạo công tác xây dựng pháp luật của Chính phủ.",
        "23 Trên cơ sở đó.",
    ]


def test_a_one_page_documents_running_header_in_the_margin_is_dropped():
    body = column(*(text for pair in BODIES for text in pair))
    header = margin("UBND TỈNH QUẢNG NAM · Sở Nội vụ", 800.0)
    footnote = margin("1 Nghị định 63/2010/NĐ-CP về kiểm soát thủ tục hành chính.", 60.0)
    [kept] = without_margins([[header, *body, footnote]])
    assert [line.text for line in kept] == [line.text for line in [*body, footnote]]


def test_a_first_line_close_above_the_text_or_in_its_type_is_kept():
    body = column(*(text for pair in BODIES for text in pair))
    issuer = Line("UBND TỈNH QUẢNG NAM", body[0].baseline + 20.0, LEFT, RIGHT, SIZE)
    close_small = margin("Số: 12/BC-SNV", body[0].baseline + 14.0)
    for first in (issuer, close_small):
        [kept] = without_margins([[first, *body]])
        assert [line.text for line in kept] == [first.text] + [line.text for line in body]
