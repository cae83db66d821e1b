"""A small corpus whose counts per year, period, leader and reform area are known by hand,
for the trend and period-comparison tests.

Eleven documents, 2009 to 2023 and one undated. "một cửa" (one-stop shop) is in six of
them: 2009, 2012, 2015, 2019, 2021 and the undated one; "chuyển đổi số" (digital
transformation) in four: 2019, 2021 twice, 2023. No other document holds any of their
words, so partial matching never adds to a count.
"""

from __future__ import annotations


def _doc(title: str, date: str | None, leaders: list[str], topics: list[str], body: str) -> str:
    lines = ["---", f"title: {title}"]
    if date:
        lines.append(f"date: {date}")
    if leaders:
        lines += ["leaders:", *(f"  - {name}" for name in leaders)]
    lines += ["topics:", *(f"  - {topic}" for topic in topics), "---", "", body, ""]
    return "\n".join(lines)


PHUC, CHINH = "Nguyễn Xuân Phúc", "Phạm Minh Chính"

DOCUMENTS = {
    "mot-cua-2009.md": _doc(
        "Cơ chế một cửa ở cấp huyện",
        "2009-05-10",
        [],
        ["procedures"],
        "Các huyện triển khai cơ chế một cửa để tiếp nhận hồ sơ của người dân.",
    ),
    "mot-cua-2012.md": _doc(
        "Mở rộng một cửa liên thông",
        "2012-03-01",
        [PHUC],
        ["procedures"],
        "Bộ phận một cửa liên thông giúp doanh nghiệp giảm thời gian chờ đợi.",
    ),
    "ngan-sach-2012.md": _doc(
        "Tự chủ tài chính của đơn vị sự nghiệp",
        "2012-09-01",
        [],
        ["public_finance"],
        "Các đơn vị sự nghiệp công lập được giao quyền tự chủ về tài chính.",
    ),
    "mot-cua-2015.md": _doc(
        "Giao ban về bộ phận một cửa",
        "2015-06-01",
        [PHUC],
        ["procedures", "apparatus"],
        "Hội nghị bàn việc sắp xếp bộ phận một cửa gọn nhẹ, hiệu quả.",
    ),
    "chuyen-doi-so-2019.md": _doc(
        "Chuyển đổi số và một cửa điện tử",
        "2019-04-01",
        [PHUC],
        ["e_government"],
        "Chính phủ đẩy mạnh chuyển đổi số, kết nối hệ thống một cửa điện tử.",
    ),
    "bo-may-2019.md": _doc(
        "Tinh gọn bộ máy hành chính",
        "2019-11-01",
        [],
        ["apparatus"],
        "Các bộ, ngành sắp xếp lại tổ chức bên trong, giảm đầu mối.",
    ),
    "chuyen-doi-so-2021.md": _doc(
        "Chương trình chuyển đổi số quốc gia",
        "2021-02-01",
        [CHINH],
        ["e_government"],
        "Thủ tướng yêu cầu các bộ, ngành thực hiện chuyển đổi số toàn diện.",
    ),
    "mot-cua-2021.md": _doc(
        "Một cửa liên thông trên môi trường điện tử",
        "2021-08-01",
        [CHINH],
        ["procedures", "e_government"],
        "Bộ phận một cửa tiếp nhận hồ sơ trực tuyến, gắn với chuyển đổi số.",
    ),
    "chuyen-doi-so-2023.md": _doc(
        "Năm dữ liệu và chuyển đổi số",
        "2023-05-01",
        [CHINH],
        ["e_government"],
        "Các địa phương xây dựng cơ sở dữ liệu dùng chung, thúc đẩy chuyển đổi số.",
    ),
    "cong-vu-2023.md": _doc(
        "Kỷ luật, kỷ cương công vụ",
        "2023-10-01",
        [],
        ["civil_service"],
        "Cán bộ, công chức phải tận tụy phục vụ nhân dân.",
    ),
    "khong-ro-nam.md": _doc(
        "Ghi chép về bộ phận một cửa",
        None,
        [],
        ["procedures"],
        "Ghi chép nội bộ về cách bố trí bộ phận một cửa tại trụ sở.",
    ),
}

FIRST_YEAR, LAST_YEAR = 2009, 2023
# Every document of each year (the years between have none).
DOCUMENTS_PER_YEAR = {2009: 1, 2012: 2, 2015: 1, 2019: 2, 2021: 2, 2023: 2}
ONE_STOP = "một cửa"
DIGITAL = "chuyển đổi số"
