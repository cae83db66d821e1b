"""Saved web pages for the tests, built from our own Vietnamese sentences in the shapes of
the pages the corpus gets: a government newspaper, a ministry's portal, a province's
table-laid portal, a WordPress auto-post site, a news site, the reform portal.

Every page holds the same article (HEADLINE, LEAD, PARAGRAPHS, TABLE_ROWS) inside chrome
whose words (CHROME) are found nowhere in the article.
"""

from __future__ import annotations

HEADLINE = "Đẩy mạnh cải cách thủ tục hành chính phục vụ người dân"
LEAD = (
    "Sáng 25/11, Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ mười, "
    "đánh giá kết quả một năm thực hiện các nhiệm vụ trọng tâm."
)
PARAGRAPHS = (
    "Phát biểu khai mạc, Thủ tướng nhấn mạnh cải cách hành chính là một trong ba đột phá "
    "chiến lược, phải lấy người dân và doanh nghiệp làm trung tâm phục vụ.",
    "Trong năm, các bộ, ngành đã cắt giảm, đơn giản hóa hơn 1.200 quy định kinh doanh, "
    "tiết kiệm chi phí tuân thủ đáng kể cho doanh nghiệp và người dân.",
    "Thực hiện Nghị quyết 76/NQ-CP ngày 15/7/2021, tỷ lệ hồ sơ trực tuyến toàn trình đạt "
    "52%, nhiều địa phương đã số hóa kết quả giải quyết thủ tục còn hiệu lực.",
    "Kết luận phiên họp, Thủ tướng yêu cầu người đứng đầu trực tiếp chỉ đạo, không để tình "
    "trạng nhũng nhiễu, gây phiền hà cho tổ chức và công dân.",
)
TABLE_ROWS = (("Chỉ tiêu", "Năm 2025", "Năm 2026"), ("Hồ sơ trực tuyến", "40%", "52%"))
TABLE_TEXT = "Chỉ tiêu | Năm 2025 | Năm 2026\nHồ sơ trực tuyến | 40% | 52%"

TODAY_IN_HEADER = "Thứ Ba, 02/12/2026"
RELATED = (
    ("Hội nghị trực tuyến toàn quốc về chuyển đổi số", "20/11/2026"),
    ("Công bố Chỉ số hài lòng năm 2025 của các tỉnh", "15/10/2026"),
)
# Words of the chrome: none of them may reach the article's text.
CHROME = (
    "Trang chủ",
    "Đăng nhập",
    "Chính sách mới",
    "Thời sự",
    "02/12/2026",
    "Tin liên quan",
    "chuyển đổi số",
    "Chỉ số hài lòng",
    "20/11/2026",
    "Ý kiến bạn đọc",
    "Gửi bình luận",
    "Họ và tên",
    "Cơ quan chủ quản",
    "Giấy phép",
    "cookie",
    "Đồng ý",
    "Lượt xem",
    "In bài viết",
    "Liên kết website",
    "Thống kê truy cập",
    "LEAVE A REPLY",
    "Source link",
    "[ad_1]",
)


def article_text(*, lead: bool = True, table: bool = True) -> str:
    """What the extractor should give for the article: a blank line between paragraphs."""
    blocks = [LEAD] if lead else []
    blocks += [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]
    blocks += [TABLE_TEXT] if table else []
    blocks += [PARAGRAPHS[3]]
    return "\n\n".join(blocks)


def _table() -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in TABLE_ROWS
    )
    return f"<table class='data'><tbody>{rows}</tbody></table>"


def _body_paragraphs(tag: str = "p", attributes: str = "") -> str:
    first, second, third, last = PARAGRAPHS
    return (
        f"<{tag}{attributes}>{first}</{tag}>\n<{tag}{attributes}>{second}</{tag}>\n"
        f"<{tag}{attributes}>{third}</{tag}>\n{_table()}\n<{tag}{attributes}>{last}</{tag}>"
    )


def _related_list(heading: str = "Tin liên quan") -> str:
    items = "".join(
        f'<li><a href="/tin-{number}.htm">{title}</a> <span class="time">({date})</span></li>'
        for number, (title, date) in enumerate(RELATED)
    )
    return f'<div class="related-news"><h3>{heading}</h3><ul>{items}</ul></div>'


COMMENT_FORM = (
    '<div class="comment-box"><h3>Ý kiến bạn đọc</h3><form action="/comment">'
    '<textarea placeholder="Nhập ý kiến"></textarea><input name="name" placeholder="Họ và tên">'
    "<button>Gửi bình luận</button></form></div>"
)
FOOTER = (
    '<footer class="footer"><p>Cơ quan chủ quản: Văn phòng Chính phủ. Giấy phép số '
    "123/GP-BTTTT.</p><p>Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội.</p></footer>"
)
COOKIE_BANNER = (
    '<div id="cookie-banner" class="cookie-consent">Trang web sử dụng cookie để cải thiện '
    "trải nghiệm của bạn. <button>Đồng ý</button></div>"
)
SITE_HEADER = (
    '<header class="site-header"><div class="top-bar"><span class="today">'
    f'{TODAY_IN_HEADER}</span> <a href="/login">Đăng nhập</a></div>'
    '<a class="logo" href="/"><img src="/logo.png" alt="Báo Chính phủ"></a>'
    '<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/chinh-sach-moi">'
    'Chính sách mới</a></li><li><a href="/thoi-su">Thời sự</a></li></ul></header>'
    '<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/thoi-su">Thời sự</a></div>'
)


def head(
    *,
    title: str = f"{HEADLINE} - Báo Chính phủ",
    charset: str = '<meta charset="utf-8">',
    extra: str = "",
) -> str:
    return f"<head>{charset}<title>{title}</title>{extra}</head>"


def government_newspaper(
    *,
    head_html: str | None = None,
    dateline: str = '<div class="detail-time">25/11/2026 09:15</div>',
) -> str:
    """A page shaped like baochinhphu.vn's articles."""
    return (
        f"<!DOCTYPE html><html lang='vi'>{head_html or head()}<body>{SITE_HEADER}"
        '<div class="container"><div class="detail">'
        f'<h1 class="detail-title">{HEADLINE}</h1>{dateline}'
        f'<h2 class="detail-sapo">{LEAD}</h2>'
        f'<div class="detail-content afcbc-body">{_body_paragraphs()}</div>'
        f"</div>{_related_list()}{COMMENT_FORM}</div>{FOOTER}{COOKIE_BANNER}</body></html>"
    )


def ministry_portal() -> str:
    """A Liferay portal page like moha.gov.vn's: HTML5 article, a "Tin cùng chuyên mục" list."""
    return (
        "<!DOCTYPE html><html>"
        + head(
            title=f"{HEADLINE} | Bộ Nội vụ",
            extra='<meta property="og:site_name" content="Bộ Nội vụ">'
            '<meta property="article:published_time" content="2026-11-25T09:15:00+07:00">'
            '<meta property="article:modified_time" content="2026-11-30T16:00:00+07:00">',
        )
        + f"<body>{SITE_HEADER}<main><article class='journal-content-article'>"
        f"<header><h1>{HEADLINE}</h1><time datetime='2026-11-25T09:15'>25/11/2026</time>"
        f"</header><p class='sapo'><strong>{LEAD}</strong></p>"
        + _body_paragraphs("p", ' style="text-align: justify;"')
        + "<p style='text-align: right;'><strong>Vụ Cải cách hành chính</strong></p></article>"
        f"<aside>{_related_list('Tin cùng chuyên mục')}</aside>{COMMENT_FORM}</main>"
        f"{FOOTER}{COOKIE_BANNER}</body></html>"
    )


def provincial_portal(
    *, charset: str = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
) -> str:
    """An older province portal laid out with tables, today's date in its banner."""
    others = "".join(
        f'<li><a href="/t{number}">{title}</a> ({date})</li>'
        for number, (title, date) in enumerate(RELATED)
    )
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">'
        "<html><head>"
        f"{charset}<title>{HEADLINE} | Cổng TTĐT tỉnh Hà Giang</title></head><body>"
        '<table width="100%" class="banner"><tr><td><img src="banner.jpg" alt="Cổng TTĐT">'
        f'</td><td class="ngay">{TODAY_IN_HEADER}</td></tr></table>'
        '<div id="menu"><a href="/">Trang chủ</a> | <a href="/tin-tuc">Thời sự</a> | '
        '<a href="/login">Đăng nhập</a></div><table width="100%"><tr>'
        '<td valign="top" width="220"><div class="box"><div class="box-title">Liên kết website'
        '</div><select><option>Chính sách mới</option></select></div><div class="box">'
        "<div class='box-title'>Thống kê truy cập</div>Đang truy cập: 125<br>Tổng: 1.234.567"
        '</div></td><td valign="top"><div class="path">Trang chủ &gt; Thời sự</div>'
        f'<div class="ContentTitle">{HEADLINE}</div>'
        '<div class="ContentDate">Ngày đăng: 25/11/2026 | Lượt xem: 245</div>'
        f'<div class="ContentBody"><p><strong>{LEAD}</strong></p>{_body_paragraphs()}</div>'
        '<div class="tools"><a href="#">In bài viết</a> <a href="#">Gửi email</a></div>'
        f'<div class="othernews"><div class="othernews-title">Tin liên quan</div><ul>{others}'
        f"</ul></div>{COMMENT_FORM}</td></tr></table>"
        f'<div id="footer">{FOOTER}</div>{COOKIE_BANNER}</body></html>'
    )


def wordpress_autopost() -> str:
    """A WordPress site that re-posts news: ad slots, "Source link", its reply form."""
    return (
        "<!DOCTYPE html><html>"
        + head(
            title=f"{HEADLINE} – Tin tức 24h",
            extra='<meta property="og:site_name" content="Tin tức 24h">'
            f'<meta property="og:title" content="{HEADLINE}">',
        )
        + f"<body class='single-post'>{SITE_HEADER}<div id='content'><article class='post'>"
        f"<h1 class='entry-title'>{HEADLINE}</h1><div class='entry-meta'>"
        "<time class='entry-date published' datetime='2026-11-25T09:15:00+07:00'>25/11/2026"
        "</time></div><div class='entry-content'>"
        f"<p>[ad_1]</p><p>{LEAD}</p>{_body_paragraphs()}<p>Source link</p></div></article>"
        "<div id='respond' class='comment-respond'><h3>LEAVE A REPLY</h3><form>"
        "<textarea></textarea><input placeholder='Họ và tên'><p>Please enter your comment!</p>"
        f"<button>Gửi bình luận</button></form></div>{_related_list()}</div>{FOOTER}"
        f"{COOKIE_BANNER}</body></html>"
    )


def news_site() -> str:
    """A news site like vnexpress.net's: the dateline above the headline, the lead a
    paragraph of its own."""
    return (
        "<!DOCTYPE html><html>"
        + head(
            title=f"{HEADLINE} - VnExpress",
            extra='<link rel="canonical" href="https://vnexpress.net/a-123.html">',
        )
        + f"<body>{SITE_HEADER}<section class='section page-detail'><div class='container'>"
        "<div class='sidebar-1'><div class='header-content'><ul class='breadcrumb'>"
        "<li><a href='/thoi-su'>Thời sự</a></li></ul>"
        "<span class='date'>Thứ tư, 25/11/2026, 09:15 (GMT+7)</span></div>"
        f"<h1 class='title-detail'>{HEADLINE}</h1><p class='description'>{LEAD}</p>"
        "<article class='fck_detail'>"
        + _body_paragraphs("p", ' class="Normal"')
        + "<p class='author_mail'><strong>Hoài Thu</strong></p></article>"
        f"{_related_list()}{COMMENT_FORM}</div></div></section>{FOOTER}{COOKIE_BANNER}"
        "</body></html>"
    )


def reform_portal() -> str:
    """A SharePoint page like caicachhanhchinh.gov.vn's: the headline in a span, the text
    in <div>s, an update stamp."""
    first, second, third, last = PARAGRAPHS
    return (
        "<!DOCTYPE html><html>"
        + head(title=f"Cổng thông tin cải cách hành chính - {HEADLINE}")
        + f"<body>{SITE_HEADER}<div id='ctl00_PlaceHolderMain' class='news-detail'>"
        f"<span class='title'>{HEADLINE}</span>"
        "<div class='date'>Cập nhật ngày: 25/11/2026</div>"
        f"<div class='sapo'>{LEAD}</div><div class='content'><div>{first}</div>"
        f"<div>{second}</div><div>{third}</div>{_table()}<div>{last}</div></div>"
        f"</div>{_related_list('Các tin đã đưa')}{FOOTER}{COOKIE_BANNER}</body></html>"
    )


PAGES = {
    "government newspaper": government_newspaper,
    "ministry portal": ministry_portal,
    "provincial portal": provincial_portal,
    "wordpress auto-post": wordpress_autopost,
    "news site": news_site,
    "reform portal": reform_portal,
}
