"""Leaders of a document, on texts written for these tests: national officials who chair,
speak, conclude, sign or write it, whether or not the registry knows them; and the people a
text only mentions, cites, lists or shows at a local post."""

import pytest

from indexer.dates import DateFact
from indexer.leaders import SENTENCE_MAX_CHARS, _bounded, extract_leaders
from indexer.metadata import extract_metadata

# Names below are invented or not in indexer/data/leaders.yaml unless said otherwise.


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        ("Thứ trưởng Bộ Nội vụ Trần Văn Khải cho biết kết quả năm qua.", "Trần Văn Khải"),
        (
            "Phát biểu tại hội nghị, Thứ trưởng Bộ Thông tin và Truyền thông Lê Minh Quân "
            "nhấn mạnh yêu cầu số hóa hồ sơ.",
            "Lê Minh Quân",
        ),
        (
            "Bộ trưởng Bộ Kế hoạch và Đầu tư Phan Hữu Đạt chủ trì cuộc họp.",
            "Phan Hữu Đạt",
        ),
        (
            "Ông Đỗ Quang Vinh, Thứ trưởng Bộ Tài chính, đề nghị giảm báo cáo định kỳ.",
            "Đỗ Quang Vinh",
        ),
        ("Theo Thứ trưởng Tư pháp Hoàng Thị Lan, số văn bản nợ đọng đã giảm.", "Hoàng Thị Lan"),
        (
            "Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Vũ Minh Trí phát biểu chỉ đạo.",
            "Vũ Minh Trí",
        ),
        ("Phó Thống đốc Ngân hàng Nhà nước Lý Thanh Sơn trình bày tham luận.", "Lý Thanh Sơn"),
    ],
)
def test_a_national_post_and_a_role_make_a_leader_the_registry_does_not_know(text, leader):
    assert extract_leaders(text) == (leader,)


def test_a_name_in_old_tone_placement_and_capitals_is_written_canonically():
    assert extract_leaders("THỨ TRƯỞNG BỘ NỘI VỤ TRẦN VĂN THUỶ PHÁT BIỂU") == ("Trần Văn Thủy",)


@pytest.mark.parametrize(
    "text",
    [
        "Chủ tịch UBND tỉnh Lê Văn Hòa chủ trì hội nghị.",
        "Giám đốc Sở Nội vụ Trần Thị Mai báo cáo kết quả.",
        "Tham dự tại điểm cầu tỉnh có Phó Chủ tịch UBND tỉnh Nguyễn Văn Hải.",
        "Theo chỉ đạo của Thứ trưởng Bộ Nội vụ Trần Văn Khải, các sở đã rà soát thủ tục.",
        "Nguyên Bộ trưởng Bộ Tư pháp Phạm Quang Lộc cho rằng cần sửa luật.",
        "Bộ trưởng thời điểm đó, ông Phạm Quang Lộc, đã lưu ý hạn chế ban hành thông tư.",
        "Dự hội nghị có Thứ trưởng Bộ Nội vụ Trần Văn Khải và đại diện các bộ.",
        "Tổ trưởng Tổ công tác của Thủ tướng nhấn mạnh yêu cầu kiểm tra.",
        "Thủ tướng yêu cầu Bộ trưởng Bộ Xây dựng Lê Hoàng Nam báo cáo.",
        "Luật sư Trần Văn Khải: cần công khai thủ tục hành chính.",
    ],
)
def test_people_mentioned_present_local_or_unnamed_are_not_leaders(text):
    assert extract_leaders(text) == ()


def test_a_signature_block_under_a_national_post():
    text = (
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\n\nNguyễn Duy Khánh\n"
    )
    assert extract_leaders(text) == ("Nguyễn Duy Khánh",)


def test_a_signature_block_of_a_local_body_names_no_leader():
    text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Duy Khánh\n"
    assert extract_leaders(text) == ()


def test_the_signer_field_of_a_central_documents_record():
    central = "Số hiệu: 1383/QĐ-BNV\nNơi ban hành: Bộ Nội vụ\nNgười ký: Trần Quang Huy\n"
    local = "Số hiệu: 25/QĐ-UBND\nNơi ban hành: Tỉnh Hòa Bình\nNgười ký: Trần Quang Huy\n"
    unknown_issuer = "Số hiệu: 25/2019/QĐ-UBND\nNgười ký: Trần Quang Huy\n"
    cited_central = unknown_issuer + "Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ;\n"
    assert extract_leaders(central) == ("Trần Quang Huy",)
    assert extract_leaders(local) == ()
    assert extract_leaders(unknown_issuer) == ()
    assert extract_leaders(cited_central) == ()


def test_the_author_and_the_interviewee():
    byline = "TRẦN QUANG HUY\nBộ trưởng Bộ Nội vụ\nCải cách công vụ là động lực của cải cách."
    interview = "Báo có cuộc phỏng vấn Thứ trưởng Bộ Nội vụ Trần Quang Huy về tinh gọn bộ máy."
    headline = "Thứ trưởng Trần Quang Huy: Tinh gọn bộ máy gắn với tinh giản biên chế\nNội dung."
    for text in (byline, interview, headline):
        assert extract_leaders(text) == ("Trần Quang Huy",)


def test_a_post_alone_later_is_the_person_named_with_it():
    text = (
        "Dự hội nghị có Phó Thủ tướng Lâm Quốc Toàn. "
        "Phát biểu kết luận, Phó Thủ tướng yêu cầu các bộ cắt giảm thủ tục."
    )
    assert extract_leaders(text) == ("Lâm Quốc Toàn",)


def test_people_joined_by_and_share_the_verb():
    text = "Bộ trưởng Bộ Nội vụ Trần Quang Huy và Thứ trưởng Lê Thị Hằng đồng chủ trì hội nghị."
    assert extract_leaders(text) == ("Trần Quang Huy", "Lê Thị Hằng")


def test_a_photo_caption_shows_another_moment():
    text = "Thứ trưởng Trần Quang Huy phát biểu tại hội nghị năm trước. (Ảnh: TTXVN)"
    assert extract_leaders(text) == ()


def test_a_role_word_inside_the_name_of_an_event_is_no_role():
    text = "Thứ trưởng Trần Quang Huy tại Hội nghị đánh giá kết quả cải cách hành chính."
    assert extract_leaders(text) == ()


def test_an_event_the_text_recalls_from_before_its_own_date():
    text = "Ngày 22/12/2024, Thứ trưởng Trần Quang Huy đã ký ban hành Kế hoạch số 15."
    assert extract_leaders(text, DateFact(3, 11, 2025)) == ()
    assert extract_leaders(text, DateFact(24, 12, 2024)) == ("Trần Quang Huy",)
    assert extract_leaders(text) == ("Trần Quang Huy",)  # the document's date unknown


def test_metadata_recalls_events_against_the_documents_own_date():
    text = (
        "Hà Nội, ngày 03 tháng 11 năm 2025\n"
        "Ngày 22/12/2024, Thứ trưởng Trần Quang Huy đã ký ban hành Kế hoạch số 15.\n"
        "Sáng 2/11, Thứ trưởng Lê Thị Hằng chủ trì hội nghị sơ kết."
    )
    meta = extract_metadata({}, "Sơ kết", text)
    assert (meta.year, meta.leaders) == (2025, ("Lê Thị Hằng",))
    assert meta.origins["leaders"] == "extracted"


def test_a_verb_before_the_name_is_theirs_only_in_an_opening_phrase():
    other_subject = "Kết quả được công bố cho biết 400 phiếu tán thành Bộ trưởng Trần Quang Huy."
    opening = "Phát biểu tại hội nghị, Bộ trưởng Trần Quang Huy."
    presence = "Tới dự và chỉ đạo hội nghị có Phó Thủ tướng Lâm Quốc Toàn."
    assert extract_leaders(other_subject) == ()
    assert extract_leaders(opening) == ("Trần Quang Huy",)
    assert extract_leaders(presence) == ("Lâm Quốc Toàn",)


def test_a_text_without_full_stops_is_read_in_pieces_and_still_finds_its_leaders():
    filler = "các sở ngành báo cáo kết quả cải cách hành chính trong năm qua, " * 60
    text = filler + "Thứ trưởng Bộ Nội vụ Trần Văn Khải phát biểu chỉ đạo, " + filler
    assert len(text) > 3 * SENTENCE_MAX_CHARS
    assert all(len(piece) <= SENTENCE_MAX_CHARS for piece in _bounded([text]))
    assert extract_leaders(text) == ("Trần Văn Khải",)


def test_a_verb_before_the_name_is_not_theirs_past_a_number_or_another_clause():
    count = (
        "Kết quả bỏ phiếu cho biết có 418 phiếu tán thành, chiếm 84% số đại biểu, "
        "để ông Trần Quang Huy, Bộ trưởng Bộ Nội vụ, thôi chức."
    )
    assert extract_leaders(count) == ()


def test_another_articles_headline_quoting_a_leader_is_not_this_documents():
    related = (
        "Sắp xếp bộ máy tinh gọn\n"
        "Việc sắp xếp tổ chức bộ máy là nhiệm vụ quan trọng của cả hệ thống chính trị.\n"
        "Bộ trưởng Trần Quang Huy: Chính quyền cấp xã vận hành từ tháng 7\n"
        "Bộ máy tinh gọn giúp giảm chi thường xuyên."
    )
    headline = "Bộ trưởng Trần Quang Huy: Chính quyền cấp xã vận hành từ tháng 7\nNội dung."
    interview = "Hỏi: Thưa ông, lộ trình thế nào?\nBộ trưởng Trần Quang Huy: Chúng tôi làm ngay."
    assert extract_leaders(related) == ()
    assert extract_leaders(headline) == ("Trần Quang Huy",)
    assert extract_leaders(interview) == ("Trần Quang Huy",)


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tướng Lâm Quốc Toàn cũng tiếp tục yêu cầu các bộ không tạo giấy phép con.",
        "Tổng Bí thư Lâm Quốc Toàn tiếp tục nhấn mạnh yêu cầu đổi mới tư duy xây dựng pháp luật.",
        "Bộ trưởng Trần Quang Huy nhiều lần khẳng định thể chế là điểm nghẽn.",
        "Bộ trưởng Trần Quang Huy đã xác định trong nhiều phát biểu rằng thể chế là điểm nghẽn.",
    ],
)
def test_a_stance_voiced_elsewhere_is_no_role_in_this_text(text):
    assert extract_leaders(text) == ()


def test_a_working_session_named_as_an_event_is_no_role_but_holding_one_is():
    attending = "Bộ trưởng Trần Quang Huy cùng Ban thường vụ tham dự cuộc làm việc."
    holding = "Phó Thủ tướng Lâm Quốc Toàn có buổi làm việc với tỉnh về cải cách hành chính."
    voicing = "Tại buổi làm việc, Thứ trưởng Lê Thị Hằng ủng hộ phương án giảm thủ tục."
    assert extract_leaders(attending) == ()
    assert extract_leaders(holding) == ("Lâm Quốc Toàn",)
    assert extract_leaders(voicing) == ("Lê Thị Hằng",)


def test_verbs_after_a_post_written_as_an_object_are_not_the_persons():
    board = (
        "Ban Chỉ đạo do Phó Thủ tướng Lâm Quốc Toàn làm Trưởng ban, là tổ chức phối hợp "
        "liên ngành, có chức năng giúp Thủ tướng nghiên cứu, chỉ đạo các bộ."
    )
    on_behalf = (
        "Quốc hội nghe Bộ trưởng Bộ Tài chính Trần Quang Huy, thừa ủy quyền của Thủ tướng "
        "trình bày Tờ trình dự án luật."
    )
    assert extract_leaders(board) == ()
    assert extract_leaders(on_behalf) == ("Trần Quang Huy",)
