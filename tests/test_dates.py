"""The date a document gives itself, on texts written for these tests in the forms real
documents use: legal headers, page stamps, datelines, month forms; and the dates that are
not the document's (cited documents, page chrome, deadlines, history)."""

import pytest

from indexer.corpus import strip_boilerplate
from indexer.dates import DateFact, own_date

BODY = "Nội dung về cải cách hành chính được triển khai tại các cơ quan, đơn vị trong tỉnh."


def year_of(title: str, text: str) -> int | None:
    fact, _ = own_date(title, text)
    return fact.year if fact else None


# --- legal headers and signature blocks -------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Hà Nội, ngày 14 tháng 5 năm 2013",
        "HÀ NỘI, NGÀY 14 THÁNG 5 NĂM 2013",
        "Hà Nội,  ngày  14  tháng  05  năm  2013",
        "Hà Nội, ngày 14\ntháng 5 năm 2013",
        "Hà Nội,\nngày 14 tháng 5\nnăm 2013",
        "Thành phố Hồ Chí Minh, ngày 14 tháng 5 năm 2013",
        "TP. Hồ Chí Minh, ngày 14 tháng 5 năm 2013",
        "Số: 215/BC-BNV | Hà Nội, ngày 14 tháng 5 năm 2013 |",
    ],
)
def test_a_legal_header_dates_the_document_in_any_case_and_spacing(header):
    text = (
        "BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"{header}\nBÁO CÁO\nKết quả cải cách hành chính\n"
        "Căn cứ Nghị định số 36/2012/NĐ-CP ngày 18 tháng 4 năm 2012 của Chính phủ;\n" + BODY
    )
    assert own_date("BÁO CÁO", text) == (DateFact(14, 5, 2013), False)


def test_the_header_beats_the_dates_the_document_cites():
    text = (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng;\n"
        "Bắc Ninh, ngày 02 tháng 3 năm 2017\n" + BODY
    )
    assert own_date("KẾ HOẠCH", text)[0] == DateFact(2, 3, 2017)


def test_a_signature_date_at_the_end_of_a_long_document():
    text = "\n".join([BODY] * 80) + "\nĐà Nẵng, ngày 30 tháng 12 năm 2019\nGIÁM ĐỐC"
    assert own_date("Báo cáo", text)[0] == DateFact(30, 12, 2019)


@pytest.mark.parametrize(
    "field",
    ["Ngày ban hành: 21/06/2021", "• Ngày ban hành: 21/06/2021", "Ngày ban hành: | 21/06/2021 |"],
)
def test_a_legal_database_field(field):
    text = f"Số hiệu: 61/2021/NĐ-CP\nLoại văn bản: Nghị định\n{field}\n{BODY}"
    assert own_date("Nghị định", text)[0] == DateFact(21, 6, 2021)


def test_the_year_of_the_documents_own_number():
    text = f"ỦY BAN NHÂN DÂN TỈNH\nSố: 27/2019/QĐ-UBND\n{BODY}"
    assert own_date("QUYẾT ĐỊNH", text)[0] == DateFact(None, None, 2019)


def test_a_number_without_a_year_gives_none():
    assert own_date("BÁO CÁO", f"BỘ NỘI VỤ\nSố: 215/BC-BNV\n{BODY}")[0] is None


def test_an_upper_case_heading_with_the_documents_own_number_and_date():
    text = f"QUYẾT ĐỊNH\nCỦA BỘ TRƯỞNG BỘ NỘI VỤ SỐ 12/QĐ-BNV NGÀY 05 THÁNG 01 NĂM 2008\n{BODY}"
    assert own_date("QUYẾT ĐỊNH", text)[0] == DateFact(5, 1, 2008)


# --- month forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Báo cáo tình hình cải cách hành chính tháng 10/2020", 2020),
        ("Báo cáo tình hình cải cách hành chính tháng 10 năm 2020", 2020),
        ("Báo cáo kết quả cải cách hành chính quý III/2023", 2023),
        ("Báo cáo công tác cải cách hành chính 6 tháng đầu năm 2023", 2023),
        ("Kế hoạch kiểm tra công tác cải cách hành chính quý II năm 2022", 2022),
        # At the year's ends the document is written in the next or the previous year.
        ("Báo cáo kết quả cải cách hành chính năm 2023", None),
        ("Báo cáo tình hình tháng 12/2023", None),
        ("Kế hoạch cải cách hành chính quý I/2024", None),
        # A news title that names a month tells what happened then, not when it was written.
        ("Nhìn lại cuộc cải cách tháng 10/2010", None),
    ],
)
def test_a_report_title_dates_it_by_the_part_of_the_year_it_covers(title, year):
    assert year_of(title, BODY) == year


def test_a_place_and_month_under_a_report():
    assert year_of("Báo cáo", f"{BODY}\nHà Nội, tháng 10 năm 2020") == 2020
    assert year_of("Luận văn", f"{BODY}\nTHANH HÓA, NĂM 2022") == 2022


# --- page stamps and page chrome --------------------------------------------------------------


@pytest.mark.parametrize(
    "stamp",
    [
        "Thứ năm, 30/05/2024 11:24 (GMT+7)",
        "30/05/2024 11:24",
        "11:24 | 30/05/2024",
        "Ngày đăng: 30/05/2024",
        "Chuyên mục Cải cách - Ngày đăng : 11:24, 30/05/2024",
        "NGỌC ANH - HOÀNG LONG 30/05/2024 11:24",
        "Thứ năm, 30 Tháng 5 2024 11:24",
        "30/05/2024 11:24 | Lượt xem: 1520",
        "date 2024-05-30",
    ],
)
def test_a_page_stamp_dates_the_article(stamp):
    text = f"Trang chủ\nTin tức\n{stamp}\n{BODY}"
    assert year_of("Đẩy mạnh cải cách thủ tục hành chính", text) == 2024


@pytest.mark.parametrize(
    "chrome",
    [
        "Cập nhật lúc 08:00, 02/12/2026",
        "Cập nhật: 02/12/2026",
        "Lượt xem 02/12/2026",
    ],
)
def test_an_update_stamp_or_a_counter_is_the_pages(chrome):
    assert year_of("Đẩy mạnh cải cách", f"{chrome}\n{BODY}") is None


def test_the_sites_today_date_above_the_article_stamp():
    text = (
        "Thứ tư, 02/12/2026\nTrang chủ | Tin tức | Liên hệ\n"
        "Đẩy mạnh cải cách thủ tục hành chính\nThứ hai, 15/03/2021 09:30\n" + BODY
    )
    assert own_date("Cổng thông tin", text)[0] == DateFact(15, 3, 2021)


def test_the_sites_today_date_against_the_articles_today():
    text = "Thủ tướng dự hội nghị\nSáng nay (12/10), Thủ tướng dự hội nghị về chuyển đổi số."
    assert own_date("Thứ bảy 10/05/2025 18:07", text)[0] == DateFact(12, 10, None)


@pytest.mark.parametrize("heading", ["Bài viết liên quan", "Tin mới", "Xem thêm", "Bình luận"])
def test_dates_of_a_related_news_list_or_comments_are_not_the_articles(heading):
    page = (
        f"Đẩy mạnh cải cách\n{BODY}\n{BODY}\n{heading}\n"
        "Hội nghị tổng kết công tác năm 2019 (12/01/2020)\n12/01/2020 10:15\n"
    )
    title, _, text = strip_boilerplate(page).partition("\n")
    assert year_of(title, text) is None


# --- datelines and what only looks like one ---------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "(Chinhphu.vn) - Sáng 15/9/2020, Phó Thủ tướng chủ trì hội nghị.",
        "HÀ NỘI (TTXVN) - Chiều ngày 15 tháng 9 năm 2020, Bộ Nội vụ tổ chức hội nghị.",
        "Ngày 15/9/2020, Bộ Nội vụ tổ chức hội nghị sơ kết công tác cải cách hành chính.",
    ],
)
def test_a_dateline_opens_the_lead(lead):
    assert own_date("Hội nghị cải cách hành chính", lead)[0] == DateFact(15, 9, 2020)


def test_a_reporters_dateline_after_a_summary():
    text = (
        "Hội nghị nhằm đánh giá kết quả cải cách hành chính và đề ra nhiệm vụ năm tới.\n"
        "Chiều ngày 8-1-2018, tại Hà Nội, Bộ Nội vụ tổ chức hội nghị tổng kết."
    )
    assert year_of("Tổng kết cải cách hành chính", text) == 2018


def test_a_date_that_tells_a_story_is_not_a_dateline():
    text = (
        "Ngôi nhà nhỏ bên hồ vẫn được giữ gìn như xưa, đón hàng nghìn khách mỗi năm.\n"
        "Ngày 17-5-1958, người dân trong vùng góp công dựng lại ngôi nhà sau trận lũ.\n"
        "Ngày 2/9/1969, ngôi nhà được công nhận là di tích."
    )
    assert year_of("Ngôi nhà bên hồ", text) is None


def test_the_date_of_a_document_the_text_goes_on_to_cite():
    text = (
        "Kính gửi: Các bộ, ngành\nNgày 03/6/2020, Thủ tướng Chính phủ\n"
        "đã ban hành Quyết định số 749/QĐ-TTg phê duyệt Chương trình chuyển đổi số quốc gia."
    )
    assert year_of("Về việc triển khai", text) is None


@pytest.mark.parametrize(
    "title",
    [
        "Triển khai Nghị định 30/2020/NĐ-CP ngày 5/3/2020 về công tác văn thư",
        "Từ ngày 1-7-2025, vận hành trung tâm phục vụ hành chính công cấp xã",
        "Kỷ niệm 79 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2024)",
    ],
)
def test_dates_a_title_only_cites(title):
    assert year_of(title, BODY) is None


def test_cited_dates_and_periods_alone_leave_the_year_unknown():
    text = (
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, giai đoạn 2021-2030 "
        "các bộ, ngành đã ban hành kế hoạch. Năm 2023 là năm bản lề. Đến năm 2025, 100% hồ sơ "
        "được số hóa."
    )
    assert own_date("Cải cách hành chính giai đoạn mới", text) == (None, False)


def test_a_day_and_month_take_the_year_of_the_documents_own_number():
    text = "Số: 30/2022/TB-VPCP\nSáng 15/9, Phó Thủ tướng chủ trì cuộc họp."
    assert own_date("THÔNG BÁO", text) == (DateFact(15, 9, 2022), True)


def test_a_journal_articles_dates():
    text = (
        "Tạp chí Khoa học, số 2, tr. 15-24\nNgày nhận bài: 09/03/2021; "
        "Ngày phản biện: 19/03/2021; Ngày duyệt đăng: 26/03/2021\n" + BODY
    )
    assert own_date("Đào tạo công chức", text)[0] == DateFact(26, 3, 2021)
