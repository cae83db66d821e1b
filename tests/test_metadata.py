"""Metadata extraction on literal Vietnamese strings, each in NFC and in NFD."""

import datetime
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from indexer.document import EXTRACTED, FRONT_MATTER, INFERRED, CorpusError, Metadata
from indexer.metadata import (
    NO_TITLE,
    DateFact,
    _lexicon,
    _lowered,
    canonical_leader,
    classify_topics,
    document_date,
    extract_leaders,
    extract_metadata,
    known_periods,
    parse_date,
    periods_for,
    topic_labels,
    topic_scores,
)
from indexer.vntext import normalize

ALL_TOPICS = (
    "institutions",
    "procedures",
    "apparatus",
    "civil_service",
    "public_finance",
    "e_government",
)


@pytest.fixture(params=["NFC", "NFD"])
def form(request):
    """Put a string in the Unicode form under test; text arrives in both."""
    return lambda text: unicodedata.normalize(request.param, text)


def test_normalize_tone_placement(form):
    assert normalize(form("Hoá thuỷ, khoẻ; quý, hoàn, THUỶ")) == "Hóa thủy, khỏe; quý, hoàn, THỦY"


# --- parse_date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14/05/2019", DateFact(14, 5, 2019)),
        ("14/5/2019", DateFact(14, 5, 2019)),
        ("18:13, 14/11/2023", DateFact(14, 11, 2023)),
        ("Hội nghị giao ban (14/05/2019 18:11)", DateFact(14, 5, 2019)),
        ("Hôm nay, ngày 14 tháng 5 năm 2019, tại Hà Nội", DateFact(14, 5, 2019)),
        ("14-5-2019", DateFact(14, 5, 2019)),
        ("Chiều ngày 18/3, Chính phủ đã tổ chức hội nghị", DateFact(18, 3, None)),
        ("Sáng 15/9, Thủ tướng Phạm Minh Chính chủ trì", DateFact(15, 9, None)),
        ("Chiều 14/11, Ban Chỉ đạo họp", DateFact(14, 11, None)),
        ("Sáng nay (15/9), hội nghị khai mạc", DateFact(15, 9, None)),
        ("Ngày 14 tháng 5, Văn phòng Chính phủ tổ chức", DateFact(14, 5, None)),
        ("Hà Nội, 15/9 - Thủ tướng chủ trì", DateFact(15, 9, None)),
    ],
)
def test_parse_date_formats(form, text, expected):
    assert parse_date(form(text)) == expected


def test_parse_date_takes_the_first_date():
    text = "Chiều 14/11, Ban Chỉ đạo họp. Ngày 20/12/2023 sẽ họp tiếp."
    assert parse_date(text) == DateFact(14, 11, None)


def test_parse_date_day_month_takes_the_context_year():
    assert parse_date("Sáng 15/9, Thủ tướng chủ trì", context_year=2022) == DateFact(15, 9, 2022)
    # The context year never overrides a year the text gives.
    assert parse_date("ngày 14/5/2019", context_year=2022) == DateFact(14, 5, 2019)


def test_date_fact_date():
    assert DateFact(14, 5, 2019).date == datetime.date(2019, 5, 14)
    assert DateFact(15, 9, None).date is None
    assert DateFact(None, None, 2021).date is None


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định 136/2001/QĐ-TTg về Chương trình tổng thể",
        "Nghị quyết 30c/NQ-CP của Chính phủ",
        "Nghị định 30/2020/NĐ-CP về công tác văn thư",
        "36/63 địa phương đã triển khai trung tâm điều hành",
        "đạt 4/5 chỉ tiêu",
        "Tỷ lệ đạt 26,93%; các địa phương đạt 40,91%",
        "trong 4 tháng đầu năm 2019",
        "ngày 31/02/2019",
        "Chiều ngày 31/2, hội nghị",
        "Sáng 15/13, hội nghị",
        "ngày 14/5/1890",
    ],
)
def test_parse_date_ignores_numbers_that_are_not_dates(form, text):
    assert parse_date(form(text)) is None


def test_parse_date_skips_the_date_of_a_cited_document():
    text = "Theo Quyết định số 1291/QĐ-TTg ngày 07/10/2019 của Thủ tướng. Sáng 15/9, hội nghị họp."
    assert parse_date(text) == DateFact(15, 9, None)


def test_parse_date_checks_the_day_against_the_context_year():
    assert parse_date("Chiều ngày 29/2", context_year=2020) == DateFact(29, 2, 2020)
    assert parse_date("Chiều ngày 29/2", context_year=2021) is None


# --- document_date ---------------------------------------------------------------------


def test_document_date_front_matter_date_wins(form):
    body = form("18:13, 14/11/2023\n\nChiều 14/11, Ban Chỉ đạo họp.")
    assert document_date({"date": "2021-03-18"}, "Tin", body) == (
        DateFact(18, 3, 2021),
        FRONT_MATTER,
    )
    yaml_date = datetime.date(2021, 3, 18)
    assert document_date({"date": yaml_date}, "Tin", body) == (DateFact(18, 3, 2021), FRONT_MATTER)


def test_document_date_front_matter_year_only():
    assert document_date({"year": 2021}, "Tin", "Hội nghị về cải cách hành chính.") == (
        DateFact(None, None, 2021),
        FRONT_MATTER,
    )


def test_document_date_front_matter_year_completes_the_dateline(form):
    body = form("Chiều ngày 18/3, Chính phủ đã tổ chức hội nghị trực tuyến.")
    assert document_date({"year": 2021}, "Tin", body) == (DateFact(18, 3, 2021), INFERRED)


def test_document_date_from_the_title(form):
    title = form("Hội nghị giao ban trực tuyến toàn quốc (14/05/2019 18:11)")
    body = form("Chiều ngày 14/5, Văn phòng Chính phủ tổ chức Hội nghị.")
    assert document_date({}, title, body) == (DateFact(14, 5, 2019), EXTRACTED)


def test_document_date_from_a_dateline_line(form):
    body = form("Multimedia Đọc Báo in\n\n18:13, 14/11/2023\n\nChiều 14/11, Ban Chỉ đạo họp.")
    assert document_date({}, "Tạo đột phá mạnh mẽ", body) == (DateFact(14, 11, 2023), EXTRACTED)


def test_document_date_the_signature_date_beats_the_dateline():
    body = "Sáng 15/9, Thủ tướng chủ trì hội nghị.\nHà Nội, ngày 16/9/2022"
    assert document_date({}, "Tin", body) == (DateFact(16, 9, 2022), EXTRACTED)


def test_document_date_day_month_takes_the_year_of_the_own_number():
    body = "Số: 30/2022/TB-VPCP\nSáng 15/9, Thủ tướng chủ trì hội nghị."
    assert document_date({}, "Thông báo", body) == (DateFact(15, 9, 2022), INFERRED)


def test_document_date_never_takes_a_year_from_the_body():
    paragraphs = ["Sáng 15/9, Thủ tướng chủ trì hội nghị."]
    paragraphs += [f"Đoạn {n} nói về kết quả cải cách hành chính." for n in range(12)]
    paragraphs += ["Kế hoạch được ban hành ngày 20/12/2022.", "Năm 2023 sẽ tiếp tục."]
    assert document_date({}, "Tin", "\n\n".join(paragraphs)) == (DateFact(15, 9, None), EXTRACTED)


def test_document_date_none():
    assert document_date({}, "Tin", "Năm 2023, công tác cải cách hành chính đạt kết quả.") == (
        None,
        EXTRACTED,
    )


# --- periods_for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2005, ("2001-2010",)),
        (2010, ("2001-2010",)),
        (2011, ("2011-2020",)),
        (2021, ("2021-2030",)),
        (1998, ()),
        (None, ()),
    ],
)
def test_periods_from_the_year(year, expected):
    assert periods_for(year, "Hội nghị về cải cách hành chính.") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị đánh giá toàn diện công tác cải cách hành chính giai đoạn 2011-2020",
        "Hội nghị tổng kết Chương trình tổng thể giai đoạn 2011 - 2020",
        "Báo cáo sơ kết cải cách hành chính 2011–2020",
        "Nhìn lại chặng đường 2011 – 2020 của cải cách hành chính",
        "Đánh giá kết quả thực hiện kế hoạch giai đoạn 2016-2020",  # a 5-year plan in 2011-2020
    ],
)
def test_periods_the_text_reviews(form, text):
    assert periods_for(2021, form(text)) == ("2011-2020", "2021-2030")
    assert periods_for(None, form(text)) == ("2011-2020",)


def test_periods_a_mention_without_review_is_not_a_period():
    text = "gắn với Chiến lược phát triển kinh tế-xã hội giai đoạn 2011-2020 đã đạt thành tựu"
    assert periods_for(None, text) == ()


def test_periods_inferred_from_since_a_year(form):
    text = form("kết quả cải cách TTHC từ năm 2021 đến nay")
    assert periods_for(None, text) == ("2021-2030",)
    # With a year, the year decides.
    assert periods_for(2019, text) == ("2011-2020",)


def test_periods_since_an_older_year_is_ambiguous():
    assert periods_for(None, "Từ năm 2015 đến nay, các bộ đã có 461 mô hình") == ()


def test_known_periods():
    assert known_periods() == ("2001-2010", "2011-2020", "2021-2030")


# --- extract_leaders -------------------------------------------------------------------


def test_leaders_chair_and_speaker(form):
    text = form(
        "Sáng 15/9, Thủ tướng Phạm Minh Chính chủ trì Hội nghị. "
        "Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà báo cáo tại hội nghị."
    )
    assert extract_leaders(text) == ("Phạm Minh Chính", "Phạm Thị Thanh Trà")


def test_leaders_in_order_of_first_appearance_once_each():
    text = (
        "Thủ tướng Chính phủ Nguyễn Xuân Phúc và Phó Thủ tướng Thường trực Trương Hòa Bình, "
        "Trưởng Ban Chỉ đạo CCHC của Chính phủ chủ trì hội nghị. "
        "Kết luận hội nghị, Thủ tướng Chính phủ Nguyễn Xuân Phúc ghi nhận kết quả."
    )
    assert extract_leaders(text) == ("Nguyễn Xuân Phúc", "Trương Hòa Bình")


def test_leaders_old_tone_placement_and_capitals(form):
    assert extract_leaders(form("Phó Thủ tướng Trương Hoà Bình chủ trì")) == ("Trương Hòa Bình",)
    assert extract_leaders(form("THỦ TƯỚNG PHẠM MINH CHÍNH PHÁT BIỂU")) == ("Phạm Minh Chính",)


def test_leaders_short_variants():
    assert extract_leaders("Thủ tướng Phúc yêu cầu các bộ") == ("Nguyễn Xuân Phúc",)
    assert extract_leaders("Thủ tướng Dũng chỉ đạo") == ("Nguyễn Tấn Dũng",)
    # A deputy is a different person: "Phó Thủ tướng Dũng" is not Nguyễn Tấn Dũng.
    assert extract_leaders("Phó Thủ tướng Dũng chỉ đạo") == ()


def test_leaders_title_after_the_name(form):
    text = form(
        "Đồng chí Mai Tiến Dũng, Ủy viên Trung ương Đảng, Bộ trưởng - Chủ nhiệm Văn phòng "
        "Chính phủ chủ trì hội nghị."
    )
    assert extract_leaders(text) == ("Mai Tiến Dũng",)


@pytest.mark.parametrize(
    "bridge",
    [
        "Dự tại điểm cầu huyện Chiêm Hóa có đồng chí Trần Văn Sơn, Chủ tịch UBND huyện.",
        "Tham dự tại điểm cầu UBND tỉnh Đắk Lắk có Bộ trưởng Trần Văn Sơn; đại diện các sở.",
        "Dự hội nghị tại điểm cầu tỉnh Lào Cai có đồng chí Trần Văn Sơn, Phó Chủ tịch UBND tỉnh.",
        "Tại điểm cầu tỉnh Quảng Bình, đồng chí Trần Văn Sơn phát biểu.",
    ],
)
def test_leaders_not_at_a_provincial_bridge_point(form, bridge):
    chair = "Thủ tướng Chính phủ Phạm Minh Chính chủ trì hội nghị."
    assert extract_leaders(form(f"{chair} {bridge}")) == ("Phạm Minh Chính",)
    assert extract_leaders(form(f"{chair}\n{bridge}")) == ("Phạm Minh Chính",)


def test_leaders_the_chair_before_a_bridge_clause_is_kept():
    text = (
        "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Mai Tiến Dũng chủ trì; "
        "dự tại điểm cầu tỉnh có Phó Chủ tịch UBND tỉnh Trần Văn Sơn."
    )
    assert extract_leaders(text) == ("Mai Tiến Dũng",)


def test_leaders_at_the_central_bridge_point():
    text = "Tại điểm cầu Trụ sở Chính phủ, Phó Thủ tướng Vũ Đức Đam chủ trì."
    assert extract_leaders(text) == ("Vũ Đức Đam",)


def test_leaders_present_without_a_role_are_not_leaders():
    text = "Tham dự tại điểm cầu Trụ sở Chính phủ có Phó Thủ tướng Vũ Đức Đam."
    assert extract_leaders(text) == ()


def test_leaders_a_provincial_official_who_shares_a_name():
    assert extract_leaders("Phó Chủ tịch UBND tỉnh Trần Văn Sơn phát biểu.") == ()
    assert extract_leaders("Đồng chí Trần Văn Sơn, Chủ tịch UBND huyện, phát biểu.") == ()


def test_leaders_a_social_topic_is_not_a_local_title():
    assert extract_leaders("Về kinh tế - xã hội Thủ tướng Phúc yêu cầu") == ("Nguyễn Xuân Phúc",)


def test_leaders_a_name_without_a_role_is_not_a_leader():
    assert extract_leaders("Tác giả: Trần Văn Sơn") == ()


def test_leaders_unknown_people_are_not_listed():
    text = "Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Tuấn Hà chủ trì tại điểm cầu tỉnh."
    assert extract_leaders(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị kết thúc.\nThủ tướng Phạm Minh Chính phát biểu.", ("Phạm Minh Chính",)),
        # A sentence that ends with "Phó" does not make the next one's title a deputy's.
        ("Hội nghị do Phó.\nThủ tướng Dũng chỉ đạo", ("Nguyễn Tấn Dũng",)),
        ("Ông là Phó\nThủ tướng Dũng chỉ đạo.", ("Nguyễn Tấn Dũng",)),
        ("Chủ trì: Phạm Minh Chính.Vũ Đức Đam phát biểu", ("Phạm Minh Chính", "Vũ Đức Đam")),
        ("Thủ tướng Phạm Minh Chính chủ trì", ("Phạm Minh Chính",)),
    ],
)
def test_leaders_at_sentence_boundaries(form, text, expected):
    assert extract_leaders(form(text)) == expected


def test_canonical_leader():
    assert canonical_leader("Thủ tướng Phúc") == "Nguyễn Xuân Phúc"
    assert canonical_leader(unicodedata.normalize("NFD", "Trương Hoà Bình")) == "Trương Hòa Bình"
    assert canonical_leader("  Nguyễn  Văn  A ") == "Nguyễn Văn A"


# --- classify_topics -------------------------------------------------------------------

ENUMERATION = (
    "Thủ tướng yêu cầu đẩy mạnh một cách toàn diện, đồng bộ, tạo đột phá về 6 nội dung về "
    "CCHC: cải cách thể chế, TTHC, tổ chức bộ máy nhà nước, công vụ, tài chính công, xây dựng "
    "chính phủ điện tử, chính phủ số."
)


def test_topics_an_enumeration_of_all_areas(form):
    assert classify_topics(form(ENUMERATION)) == ALL_TOPICS


def test_topics_an_enumeration_in_a_long_text():
    filler = " ".join(["Hội nghị diễn ra trong không khí phấn khởi."] * 400)
    assert classify_topics(f"{filler}\n{ENUMERATION}\n{filler}") == ALL_TOPICS


def test_topics_one_area_per_sentence_in_one_paragraph():
    # After a lead on something else, so that each sentence is a mention in the body.
    lead = " ".join(["Hội nghị diễn ra trong không khí phấn khởi."] * 12)
    areas = [
        "Trong cải cách thể chế, cần tháo gỡ vướng mắc.",
        "Cải cách thủ tục hành chính phải đơn giản.",
        "Cải cách bộ máy hành chính phải gọn.",
        "Cải cách tài chính công theo hướng tăng thu.",
    ]
    assert classify_topics(f"{lead}\n{' '.join(areas)}") == (
        "institutions",
        "procedures",
        "apparatus",
        "public_finance",
    )
    # The same sentences in four paragraphs are four passing mentions.
    assert classify_topics("\n\n".join([lead, *areas])) == ()


def test_topics_a_passing_mention_is_not_a_topic():
    text = (
        "Giá lúa tăng mạnh trong tháng qua. Theo các chuyên gia, thể chế thị trường nông sản cần "
        "thêm thời gian để hoàn thiện; vốn đầu tư công cho thủy lợi đã được giải ngân một phần, "
        "và nông dân bắt đầu dùng ứng dụng chuyển đổi số để bán hàng."
    )
    assert classify_topics(text) == ()


def test_topics_a_text_about_one_area(form):
    text = form(
        "Văn phòng Chính phủ tổ chức hội nghị về công tác cải cách thủ tục hành chính (TTHC). "
        "Các bộ đã cắt giảm, đơn giản hoá điều kiện kinh doanh và giải quyết TTHC theo cơ chế "
        "một cửa, một cửa liên thông."
    )
    assert classify_topics(text) == ("procedures",)


# A short text for each area, naming it outright in the title and lead.
SHORT_TEXTS = {
    "institutions": (
        "Bộ Tư pháp đẩy mạnh xây dựng và hoàn thiện pháp luật\n"
        "Năm nay, bộ sẽ trình Chính phủ mười hai dự án luật."
    ),
    "procedures": (
        "Quận Ba Đình cải cách thủ tục hành chính\n"
        "Người dân nộp hồ sơ tại bộ phận một cửa của phường."
    ),
    "apparatus": (
        "Tinh gọn bộ máy các sở, ngành của tỉnh\n"
        "Lạng Sơn giảm mười hai đầu mối sau khi sắp xếp bộ máy các cơ quan chuyên môn."
    ),
    "civil_service": (
        "Đào tạo, bồi dưỡng đội ngũ công chức cấp xã\n"
        "Khóa học tập trung vào kỹ năng tiếp dân và soạn thảo văn bản."
    ),
    "public_finance": (
        "Ba trường đại học được giao tự chủ tài chính\n"
        "Các trường tự cân đối nguồn thu, phần ngân sách nhà nước cấp giảm dần."
    ),
    "e_government": (
        "Hà Nam tăng tốc chuyển đổi số\n"
        "Các sở, ngành phải số hóa hồ sơ lưu trữ trước tháng mười hai."
    ),
}


@pytest.mark.parametrize("area", ALL_TOPICS)
def test_topics_a_short_text_naming_its_area_gets_it(form, area):
    assert classify_topics(form(SHORT_TEXTS[area])) == (area,)


def test_topics_a_passing_mention_in_a_short_lead_is_not_a_topic():
    text = (
        "Giá xăng giảm lần thứ ba trong tháng\n"
        "Theo Bộ Công Thương, giá bán lẻ giảm nhờ giá dầu thế giới hạ; bộ cũng đang đẩy mạnh "
        "chuyển đổi số trong quản lý thị trường."
    )
    assert classify_topics(text) == ()


def test_topics_the_programme_named_once_in_the_body_is_not_a_topic():
    lead = " ".join(["Giá lúa tại đồng bằng sông Cửu Long tăng mạnh trong tuần qua."] * 8)
    body = "Nhân dịp này, tỉnh cũng nhắc lại kết quả cải cách thủ tục hành chính năm trước."
    assert classify_topics(f"Giá lúa tăng\n{lead}\n{body}") == ()
    # The same sentence as the lead names the subject.
    assert classify_topics(f"Giá lúa tăng\n{body}\n{lead}") == ("procedures",)


def test_topics_the_title_counts(form):
    title = form("Tinh gọn bộ máy ở cấp xã")
    body = form("Sau khi sáp nhập, xã Phú Lộc còn mười tám người làm việc tại trụ sở mới.")
    assert classify_topics(body) == ()
    assert classify_topics(f"Xã Phú Lộc khánh thành trụ sở mới\n{body}") == ()
    assert classify_topics(f"{title}\n{body}") == ("apparatus",)
    assert extract_metadata({}, title, body).topics == ("apparatus",)
    # The title's words at the end of a long text are not enough.
    filler = " ".join(["Buổi lễ diễn ra trong không khí trang trọng."] * 12)
    assert classify_topics(f"{body}\n{filler}\n{title}") == ()


def test_topics_words_that_contain_a_term_but_mean_something_else():
    # "luật sư" is a lawyer, "kỷ luật" discipline; e-commerce and e-wallets are not
    # e-government.
    assert topic_scores("Luật sư bị kỷ luật vì vi phạm quy luật nghề nghiệp.")["institutions"] == 0
    assert topic_scores("Quốc hội thông qua hai luật mới.")["institutions"] > 0
    assert topic_scores("Thương mại điện tử và ví điện tử tăng mạnh.")["e_government"] == 0
    assert topic_scores("Tỉnh cấp thị thực điện tử cho khách.")["e_government"] > 0


def test_topics_acronyms_match_in_capitals_only():
    assert classify_topics("TTHC, TTHC và TTHC được rà soát.") == ("procedures",)
    assert classify_topics("tthc, tthc và tthc được rà soát.") == ()
    lowercase = "cải cách thể chế, tthc, tổ chức bộ máy, công vụ, tài chính công, chính phủ số"
    assert "procedures" not in classify_topics(lowercase)


def test_topics_letters_that_ignoring_case_takes_for_i_and_s():
    # re.IGNORECASE takes "ı" and "İ" for "i" and "ſ" for "s"; str.lower() does not.
    # (A text this short is all head: each match counts 1.5 times.)
    text = "Bộ máy tınh gọn, TİNH GỌN; ſắp xếp lại; CBCC, cbcc."
    assert topic_scores(text) == {
        "institutions": 0.0,
        "procedures": 0.0,
        "apparatus": 7.5,
        "civil_service": 3.0,
        "public_finance": 0.0,
        "e_government": 0.0,
    }


def test_lowered_agrees_with_ignorecase_on_every_letter_of_the_lexicon():
    letters = {
        letter
        for topic in _lexicon().topics.values()
        for term in (*topic.terms, *topic.areas)
        if term.ignore_case
        for word in term.words
        for letter in word
    }
    every = map(chr, range(sys.maxunicode + 1))
    cased = [char for char in every if char.lower() != char or char.upper() != char]
    disagreeing = [
        (letter, other)
        for letter in sorted(letters)
        for other in cased
        if re.fullmatch(re.escape(letter), other, re.IGNORECASE) and _lowered(other) != letter
    ]
    assert disagreeing == []


def test_topics_threshold_grows_with_length():
    about_institutions = "Cần đẩy mạnh cải cách thể chế, hoàn thiện thể chế."
    assert topic_scores(about_institutions)["institutions"] == 7 * 1.5  # in the head
    assert classify_topics(about_institutions) == ("institutions",)
    filler = " ".join(["Hội nghị diễn ra trong không khí phấn khởi."] * 500)  # 4,000 words
    assert classify_topics(f"{about_institutions}\n{filler}") == ()


def test_topics_matching_is_accent_sensitive():
    assert classify_topics("cai cach the che, cải cách thế chế, hoàn thiện thế chế") == ()
    assert classify_topics("cải cách thể chế, hoàn thiện thể chế") == ("institutions",)


def test_topics_a_resolution_number_is_not_digital_government():
    assert classify_topics("Nghị quyết của Chính phủ số 76/NQ-CP; Chính phủ số 30c") == ()


def test_topic_labels():
    labels = topic_labels()
    assert tuple(labels) == ALL_TOPICS
    assert labels["procedures"] == {
        "vi": "Cải cách thủ tục hành chính",
        "en": "Administrative procedures",
    }


# --- extract_metadata ------------------------------------------------------------------

BODY_2021 = (
    "Chiều ngày 18/3, Chính phủ đã tổ chức hội nghị trực tuyến nhằm đánh giá toàn diện công "
    "tác cải cách hành chính (CCHC) giai đoạn 2011-2020. Thủ tướng Chính phủ Nguyễn Xuân Phúc "
    "chủ trì hội nghị."
)


def test_metadata_from_the_text_alone(form):
    meta = extract_metadata({}, form("Hội nghị trực tuyến"), form(BODY_2021))
    assert meta == Metadata(
        title="Hội nghị trực tuyến",
        date=None,
        year=None,
        periods=("2011-2020",),
        leaders=("Nguyễn Xuân Phúc",),
        topics=(),
        source=None,
        origins={"title": EXTRACTED, "periods": EXTRACTED, "leaders": EXTRACTED},
    )


def test_metadata_front_matter_date_adds_the_year_period():
    meta = extract_metadata({"date": "2021-03-18"}, "Hội nghị", BODY_2021)
    assert (meta.date, meta.year, meta.periods) == (
        datetime.date(2021, 3, 18),
        2021,
        ("2011-2020", "2021-2030"),
    )
    # The 2021-2030 period is only inferred from the year: the weaker origin is shown.
    assert meta.origins == {
        "title": EXTRACTED,
        "date": FRONT_MATTER,
        "year": FRONT_MATTER,
        "periods": INFERRED,
        "leaders": EXTRACTED,
    }


def test_metadata_front_matter_year_with_a_dateline():
    meta = extract_metadata({"year": 2021}, "Hội nghị", BODY_2021)
    assert (meta.date, meta.year) == (datetime.date(2021, 3, 18), 2021)
    assert (meta.origins["date"], meta.origins["year"]) == (INFERRED, FRONT_MATTER)


def test_metadata_extracted_date_and_inferred_period():
    meta = extract_metadata({}, "Tin", "18:13, 14/11/2023\n\nChiều 14/11, Ban Chỉ đạo họp.")
    assert (meta.date, meta.year, meta.periods) == (
        datetime.date(2023, 11, 14),
        2023,
        ("2021-2030",),
    )
    assert (meta.origins["date"], meta.origins["year"], meta.origins["periods"]) == (
        EXTRACTED,
        EXTRACTED,
        INFERRED,
    )


def test_metadata_front_matter_overrides_every_field(form):
    front_matter = {
        "title": form("Hội nghị tổng kết"),
        "date": datetime.date(2021, 3, 18),
        "periods": ["2011 – 2020"],
        "leaders": [form("Trương Hoà Bình"), "Thủ tướng Phúc", "Nguyễn Văn A"],
        "topics": ["procedures"],
        "source": "https://example.org/tin",
    }
    meta = extract_metadata(front_matter, "Tiêu đề khác", form(BODY_2021 + " " + ENUMERATION))
    assert meta == Metadata(
        title="Hội nghị tổng kết",
        date=datetime.date(2021, 3, 18),
        year=2021,
        periods=("2011-2020",),
        leaders=("Trương Hòa Bình", "Nguyễn Xuân Phúc", "Nguyễn Văn A"),
        topics=("procedures",),
        source="https://example.org/tin",
        origins={
            field: FRONT_MATTER
            for field in ("title", "date", "year", "periods", "leaders", "topics", "source")
        },
    )


def test_metadata_front_matter_keeps_the_authors_spelling_of_the_title():
    meta = extract_metadata({"title": "Hiện đại hoá hành chính"}, None, "")
    assert meta.title == "Hiện đại hoá hành chính"


def test_metadata_title_fallback():
    meta = extract_metadata({}, None, "Không có gì.")
    assert (meta.title, meta.origins) == (NO_TITLE, {"title": INFERRED})


def test_metadata_empty_front_matter_list_means_none():
    meta = extract_metadata({"leaders": []}, "Tin", BODY_2021)
    assert meta.leaders == ()
    assert "leaders" not in meta.origins


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ({"date": "18/03/2021"}, "front matter: date: not an ISO date (YYYY-MM-DD)"),
        ({"date": "2021-02-31"}, "front matter: date: not an ISO date (YYYY-MM-DD)"),
        ({"date": 2021}, "front matter: date: not an ISO date (YYYY-MM-DD)"),
        ({"date": "1900-01-01"}, "front matter: date: year outside 1945..2100: 1900-01-01"),
        ({"date": "2021-03-18", "year": 2020}, "front matter: year: disagrees with date"),
        ({"year": "2021"}, "front matter: year: not a whole number: '2021'"),
        ({"year": True}, "front matter: year: not a whole number: True"),
        ({"year": 2200}, "front matter: year: outside 1945..2100: 2200"),
        ({"leaders": "Phạm Minh Chính"}, "front matter: leaders: not a list of strings"),
        ({"leaders": ["Phạm Minh Chính", 3]}, "front matter: leaders: not a list of strings"),
        ({"topics": ["thủ tục"]}, "front matter: topics: unknown topic id: 'thủ tục'"),
        ({"topics": "procedures"}, "front matter: topics: not a list of strings"),
        ({"periods": ["2016-2020"]}, "front matter: periods: unknown period: '2016-2020'"),
        ({"title": ""}, "front matter: title: not a non-empty string"),
        ({"source": 42}, "front matter: source: not a non-empty string"),
    ],
)
def test_metadata_front_matter_validation(front_matter, message):
    with pytest.raises(CorpusError) as error:
        extract_metadata(front_matter, "Tin", BODY_2021)
    assert str(error.value).startswith(message)


# --- the seed documents ----------------------------------------------------------------
# Short excerpts of the five seed articles, enough for each rule.

SEEDS = {
    "000": (
        "Hội nghị trực tuyến toàn quốc về Chuyên đề đẩy mạnh thủ tục cải cách hành chính và hiện "
        "đại hóa phương thức chỉ đạo, điều hành phục vụ người dân, doanh nghiệp",
        "Sáng 15/9, Thủ tướng Phạm Minh Chính chủ trì Hội nghị Chuyên đề về đẩy mạnh cải cách thủ "
        "tục hành chính (TTHC) và hiện đại hóa (HĐH) phương thức chỉ đạo, điều hành phục vụ người "
        "dân, doanh nghiệp.\n\n"
        "Dự tại điểm cầu huyện Chiêm Hóa có đồng chí Nguyễn Tiến Dũng, Phó Bí thư Huyện ủy, Chủ "
        "tịch UBND huyện; lãnh đạo Văn phòng HĐND và UBND huyện; Thủ trưởng các cơ quan, đơn vị."
        "\n\nPhát biểu kết luận hội nghị, Thủ tướng Chính phủ Phạm Minh Chính đánh giá cao những "
        "kết quả công tác cải cách TTHC và hiện đại hóa phương thức chỉ đạo, điều hành phục vụ "
        "người dân, doanh nghiệp từ năm 2021 đến nay.",
    ),
    "001": (
        "Phiên họp Ban Chỉ đạo Cải cách hành chính của Chính phủ",
        "Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban Chỉ đạo Cải cách hành chính của Chính "
        "phủ chủ trì hội nghị.\n"
        "Dự hội nghị tại điểm cầu tỉnh Lào Cai có đồng chí Hoàng Quốc Khánh, Ủy viên Ban Thường vụ "
        "Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh; các đồng chí thành viên Ban Chỉ đạo.\n"
        "Thủ tướng Chính phủ nhấn mạnh: Trong cải cách thể chế, cần tập trung ưu tiên thực hiện "
        "các giải pháp tháo gỡ khó khăn, vướng mắc cho người dân, doanh nghiệp. Cải cách thủ tục "
        "hành chính phải đơn giản hóa để dễ thực hiện, giảm chi phí tuân thủ. Cải cách bộ máy "
        "hành chính phải xây dựng bộ máy tinh gọn, hiệu lực, hiệu quả, nâng cao chất lượng đội "
        "ngũ công chức, viên chức. Tiếp tục đẩy mạnh cải cách chế độ công vụ, nâng cao kỷ luật, "
        "kỷ cương hành chính. Cải cách tài chính công theo hướng tăng thu, giảm chi thường xuyên, "
        "tăng chi cho đầu tư cho sự phát triển. Cùng với đó, tiếp tục triển khai xây dựng Chính "
        "phủ điện tử, Chính phủ số, tập trung cho chuyển đổi số.",
    ),
    "002": (
        "Tạo đột phá mạnh mẽ, nâng cao hiệu quả cải cách hành chính",
        "18:13, 14/11/2023\n\n"
        "Chiều 14/11, Ban Chỉ đạo Cải cách hành chính (CCHC) của Chính phủ tổ chức Phiên họp thứ "
        "6. Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo Phạm Minh Chính chủ trì phiên họp.\n\n"
        "Tham dự tại điểm cầu UBND tỉnh Đắk Lắk có Phó Chủ tịch Thường trực UBND tỉnh Nguyễn "
        "Tuấn Hà; thành viên Ban Chỉ đạo CCHC tỉnh.\n\n"
        "36/63 địa phương đã triển khai trung tâm chỉ đạo, điều hành thông minh; 40/63 địa phương "
        "tham mưu, ban hành Nghị quyết của HĐND.\n\n" + ENUMERATION,
    ),
    "003": (
        "Hội nghị giao ban trực tuyến toàn quốc về cải cách thủ tục hành chính (14/05/2019 18:11)",
        "Chiều ngày 14/5, Văn phòng Chính phủ tổ chức Hội nghị giao ban trực tuyến toàn quốc về "
        "công tác cải cách thủ tục hành chính (TTHC). Đồng chí Mai Tiến Dũng, Ủy viên Trung ương "
        "Đảng, Bộ trưởng - Chủ nhiệm Văn phòng Chính phủ chủ trì hội nghị. Dự hội nghị tại điểm "
        "cầu Vĩnh Phúc có lãnh đạo một số sở, ban, ngành của tỉnh.",
    ),
    "004": (
        "Hội nghị trực tuyến đánh giá toàn diện công tác cải cách hành chính giai đoạn 2011-2020",
        "Chiều ngày 18/3, Chính phủ đã tổ chức hội nghị trực tuyến với tất cả các bộ, ngành, địa "
        "phương nhằm đánh giá toàn diện công tác cải cách hành chính (CCHC) giai đoạn 2011-2020 "
        "và phương hướng, nhiệm vụ đến năm 2030. Thủ tướng Chính phủ Nguyễn Xuân Phúc và Phó Thủ "
        "tướng Thường trực Trương Hòa Bình, Trưởng Ban Chỉ đạo CCHC của Chính phủ chủ trì hội "
        "nghị. Tham dự tại điểm cầu tỉnh Quảng Bình có đồng chí Phan Mạnh Hùng, Phó Chủ tịch UBND "
        "tỉnh và đại diện các sở, ban, ngành liên quan.",
    ),
}


@pytest.mark.parametrize(
    ("seed", "date", "year", "periods", "leaders"),
    [
        ("000", None, None, ("2021-2030",), ("Phạm Minh Chính",)),
        ("001", None, None, (), ("Phạm Minh Chính",)),
        ("002", datetime.date(2023, 11, 14), 2023, ("2021-2030",), ("Phạm Minh Chính",)),
        ("003", datetime.date(2019, 5, 14), 2019, ("2011-2020",), ("Mai Tiến Dũng",)),
        ("004", None, None, ("2011-2020",), ("Nguyễn Xuân Phúc", "Trương Hòa Bình")),
    ],
)
def test_seed_excerpts(form, seed, date, year, periods, leaders):
    title, body = SEEDS[seed]
    meta = extract_metadata({}, form(title), form(body))
    assert (meta.date, meta.year, meta.periods, meta.leaders) == (date, year, periods, leaders)


def test_seed_000_is_dated_without_a_year():
    title, body = SEEDS["000"]
    assert document_date({}, title, body) == (DateFact(15, 9, None), EXTRACTED)
    assert extract_metadata({}, title, body).origins["periods"] == INFERRED


def test_seed_004_takes_its_year_from_the_front_matter():
    title, body = SEEDS["004"]
    assert document_date({}, title, body) == (DateFact(18, 3, None), EXTRACTED)
    meta = extract_metadata({"date": "2021-03-18"}, title, body)
    assert (meta.date, meta.periods) == (datetime.date(2021, 3, 18), ("2011-2020", "2021-2030"))


@pytest.mark.parametrize("seed", ["001", "002"])
def test_seed_excerpts_with_all_six_areas(form, seed):
    title, body = SEEDS[seed]
    assert classify_topics(form(f"{title}\n{body}")) == ALL_TOPICS


# --- the curated corpus, when it is there ----------------------------------------------

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# A phrase that identifies each seed's curated file, and the leaders its body names.
CORPUS_LEADERS = [
    ("Chuyên đề về đẩy mạnh cải cách thủ tục hành chính", ("Phạm Minh Chính",)),
    ("57 nhóm nhiệm vụ cải cách hành chính", ("Phạm Minh Chính",)),
    ("Phiên họp thứ 6", ("Phạm Minh Chính",)),
    ("Hội nghị giao ban trực tuyến toàn quốc", ("Mai Tiến Dũng",)),
    ("6.124 mô hình", ("Nguyễn Xuân Phúc", "Trương Hòa Bình")),
]


def _split_front_matter(source: str) -> tuple[dict, str]:
    if source.startswith("---\n"):
        header, _, body = source[4:].partition("\n---\n")
        return yaml.safe_load(header) or {}, body
    return {}, source


def _corpus_files() -> list[tuple[str, dict, str]]:
    """(file name, front matter, body) of each corpus/*.md file."""
    files = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    found = []
    for path in files:
        source = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        found.append((path.name, *_split_front_matter(source)))
    return found


def test_corpus_leaders_from_the_body_alone():
    files = _corpus_files()
    if not files:
        pytest.skip("no corpus/*.md files yet")
    checked = []
    for name, _, body in files:
        for phrase, leaders in CORPUS_LEADERS:
            if phrase in body:
                assert (name, extract_metadata({}, None, body).leaders) == (name, leaders)
                checked.append(name)
    if not checked:
        pytest.skip("no curated seed among corpus/*.md")


def test_corpus_front_matter_is_valid():
    files = _corpus_files()
    if not files:
        pytest.skip("no corpus/*.md files yet")
    for name, front_matter, body in files:
        try:
            extract_metadata(front_matter, None, body)
        except CorpusError as error:
            pytest.fail(f"{name}: {error}")
