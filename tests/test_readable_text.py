"""unreadable_reason: mojibake of legacy Vietnamese fonts and glyph numbers are refused;
Vietnamese (NFC or NFD), English with numbers and a foreign name or two are not."""

import unicodedata

import pytest

from indexer.formats.readable_text import UNREADABLE, unreadable_reason

VIETNAMESE = (
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Năm 2023, tỉnh đã "
    "đơn giản hoá 126 thủ tục hành chính, tỷ lệ hồ sơ trực tuyến đạt 45,5%."
)


@pytest.mark.parametrize(
    "text",
    [
        # TCVN3 (.VnTime) codes read as Latin-1, and VNI codes read as Windows-1252.
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc",
        "(cid:36)(cid:72)(cid:81) (cid:74)(cid:76)(cid:68)(cid:82) báo cáo năm 2023",
        "Báo cáo \ue012\ue034\ue056\ue078 năm",
        "B\ufffd\ufffdo c\ufffd\ufffdo n\ufffdm 2023",
        '!"#$%&\'()*+ ,-./ !"#$%',
    ],
)
def test_mojibake_and_glyph_numbers_are_unreadable(text):
    assert unreadable_reason(text) == UNREADABLE


@pytest.mark.parametrize(
    "text",
    [
        VIETNAMESE,
        unicodedata.normalize("NFD", VIETNAMESE),
        "The 2023 report: 45.5% of 1,200 procedures (at 25°C) were simplified – “on time”.",
        "Đoàn công tác của Bộ Nội vụ làm việc tại München và São Paulo về cải cách hành chính, "
        "số hoá hồ sơ và dịch vụ công trực tuyến.",
        "",
    ],
)
def test_readable_text_passes(text):
    assert unreadable_reason(text) is None
