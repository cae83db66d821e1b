"""Web pages: an article inside the chrome of a Vietnamese government portal or newspaper.

Four layouts, shaped like the pages the corpus gets: a government newspaper (headline, time,
lead in a sapo, content div), a ministry's portal (an HTML5 article with meta dates), an
older province portal laid out with tables, and a news site (dateline above the headline,
the lead a paragraph). Every page has a header menu with today's date, breadcrumbs, a
related-news list of other articles' headlines and dates, a comment form, a footer and a
cookie banner; each phrase of it is recorded in the page's Chrome.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from bench.ingest.articles import Article
from bench.ingest.chrome import PROVINCES, SECTIONS, Chrome, a_date, menu, related, today_line
from bench.ingest.tables import Table

JUSTIFIED = ' style="text-align: justify;"'
NORMAL = ' class="Normal"'


@dataclass(frozen=True)
class Page:
    html: str
    layout: str
    chrome: Chrome


class _Parts:
    """The chrome of one page, drawn at random and recorded as it is written."""

    def __init__(self, rng: random.Random, headlines: list[str], site: str):
        self.chrome = Chrome()
        self.site = self.chrome.add("site", site)
        published = a_date(rng)
        self.published = published
        self.today = self.chrome.add("today", today_line(published.replace(year=2026)))
        self.menu = [self.chrome.add("menu", item) for item in menu(rng)]
        self.section = self.chrome.add("breadcrumb", rng.choice(SECTIONS))
        self.related = related(rng, headlines, published)
        for title, date in self.related:
            self.chrome.add("related", title, date)
        self.views = self.chrome.add("counter", f"Lượt xem: {rng.randrange(100, 9999)}")
        self.chrome.add("comments", "Ý kiến bạn đọc", "Gửi bình luận", "Họ và tên")
        self.chrome.add("footer", "Cơ quan chủ quản", "Giấy phép số", "Địa chỉ:")
        self.chrome.add("cookie", "sử dụng cookie", "Đồng ý")
        self.chrome.add("tools", "In bài viết", "Chia sẻ")

    def header(self) -> str:
        items = "".join(
            f'<li><a href="/m{n}">{escape(m)}</a></li>' for n, m in enumerate(self.menu)
        )
        return (
            f'<header class="site-header"><div class="top-bar"><span class="today">{self.today}'
            f'</span> <a href="/login">{self.chrome.add("menu", "Đăng nhập")}</a></div>'
            f'<a class="logo" href="/"><img src="/logo.png" alt="{escape(self.site)}"></a>'
            f'<ul class="menu">{items}</ul></header>'
        )

    def breadcrumb(self) -> str:
        return (
            f'<div class="breadcrumb"><a href="/">Trang chủ</a> › '
            f'<a href="/c">{escape(self.section)}</a></div>'
        )

    def related_list(self, heading: str = "Tin liên quan") -> str:
        self.chrome.add("related", heading)
        items = "".join(
            f'<li><a href="/tin-{n}.htm">{escape(title)}</a> '
            f'<span class="time">({date})</span></li>'
            for n, (title, date) in enumerate(self.related)
        )
        return f'<div class="related-news"><h3>{heading}</h3><ul>{items}</ul></div>'

    def tools(self) -> str:
        return (
            f'<div class="tools"><span class="views">{self.views}</span> '
            '<a href="#print">In bài viết</a> <a href="#share">Chia sẻ</a></div>'
        )

    @staticmethod
    def comment_form() -> str:
        return (
            '<div class="comment-box"><h3>Ý kiến bạn đọc</h3><form action="/comment">'
            '<textarea placeholder="Nhập ý kiến"></textarea>'
            '<input name="name" placeholder="Họ và tên"><label>Họ và tên</label>'
            "<button>Gửi bình luận</button></form></div>"
        )

    def footer(self) -> str:
        return (
            f'<footer class="footer"><p>{escape(self.site)} - Cơ quan chủ quản: Văn phòng Chính '
            "phủ. Giấy phép số 123/GP-BTTTT.</p><p>Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội."
            "</p></footer>"
        )

    @staticmethod
    def cookie_banner() -> str:
        return (
            '<div id="cookie-banner" class="cookie-consent">Trang web sử dụng cookie để cải '
            "thiện trải nghiệm của bạn. <button>Đồng ý</button></div>"
        )


def _paragraphs(paragraphs, table: Table | None, tag: str = "p", attributes: str = "") -> str:
    blocks = [f"<{tag}{attributes}>{escape(text)}</{tag}>" for text in paragraphs]
    if table is not None:
        # The table's place counts the lead, which the layouts print apart.
        blocks.insert(max(0, table.after - 1), _table(table))
    return "\n".join(blocks)


def _table(table: Table) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table class='data' border='1'><tbody>{rows}</tbody></table>"


def government_newspaper(article: Article, parts: _Parts, table: Table | None) -> str:
    lead, *body = article.paragraphs
    title = escape(article.title)
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title} - {escape(parts.site)}</title></head><body>{parts.header()}"
        f"{parts.breadcrumb()}<div class='container'><div class='detail'>"
        f"<h1 class='detail-title'>{title}</h1>"
        f"<div class='detail-time'>{parts.published:%d/%m/%Y %H:%M}</div>"
        f"<h2 class='detail-sapo'>{escape(lead)}</h2>"
        f"<div class='detail-content afcbc-body'>{_paragraphs(body, table)}</div>"
        f"{parts.tools()}</div>{parts.related_list()}{parts.comment_form()}</div>"
        f"{parts.footer()}{parts.cookie_banner()}</body></html>"
    )


def ministry_portal(article: Article, parts: _Parts, table: Table | None) -> str:
    lead, *body = article.paragraphs
    title = escape(article.title)
    iso = parts.published.strftime("%Y-%m-%dT%H:%M:00+07:00")
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | "
        f"{escape(parts.site)}</title><meta property='og:site_name' content='{escape(parts.site)}'>"
        f"<meta property='article:published_time' content='{iso}'></head><body>"
        f"{parts.header()}{parts.breadcrumb()}<main><article class='journal-content-article'>"
        f"<header><h1>{title}</h1><time datetime='{iso}'>{parts.published:%d/%m/%Y}</time>"
        f"</header><p class='sapo'><strong>{escape(lead)}</strong></p>"
        f"{_paragraphs(body, table, 'p', JUSTIFIED)}</article>"
        f"{parts.tools()}<aside>{parts.related_list('Tin cùng chuyên mục')}</aside>"
        f"{parts.comment_form()}</main>{parts.footer()}{parts.cookie_banner()}</body></html>"
    )


def provincial_portal(article: Article, parts: _Parts, table: Table | None) -> str:
    lead, *body = article.paragraphs
    title = escape(article.title)
    parts.chrome.add("sidebar", "Liên kết website", "Thống kê truy cập", "Đang truy cập")
    links = "".join(f'<a href="/m{n}">{escape(m)}</a> | ' for n, m in enumerate(parts.menu))
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"><html><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"<title>{title} | {escape(parts.site)}</title></head><body>"
        '<table width="100%" class="banner"><tr><td>'
        f'<img src="banner.jpg" alt="{escape(parts.site)}">'
        f'</td><td class="ngay">{parts.today}</td></tr></table><div id="menu">{links}</div>'
        '<table width="100%"><tr><td valign="top" width="220"><div class="box">'
        '<div class="box-title">Liên kết website</div><select><option>Chính phủ</option>'
        '</select></div><div class="box"><div class="box-title">Thống kê truy cập</div>'
        'Đang truy cập: 125<br>Tổng: 1.234.567</div></td><td valign="top">'
        f'<div class="path">Trang chủ &gt; {escape(parts.section)}</div>'
        f'<div class="ContentTitle">{title}</div>'
        f'<div class="ContentDate">Ngày đăng: {parts.published:%d/%m/%Y} | {parts.views}</div>'
        f'<div class="ContentBody"><p><strong>{escape(lead)}</strong></p>'
        f"{_paragraphs(body, table)}</div>{parts.tools()}"
        f"{parts.related_list('Các tin khác')}{parts.comment_form()}</td></tr></table>"
        f'<div id="footer">{parts.footer()}</div>{parts.cookie_banner()}</body></html>'
    )


def news_site(article: Article, parts: _Parts, table: Table | None) -> str:
    lead, *body = article.paragraphs
    title = escape(article.title)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - "
        f"{escape(parts.site)}</title><link rel='canonical' href='https://example.vn/a.html'>"
        f"</head><body>{parts.header()}<section class='section page-detail'>"
        "<div class='container'><div class='sidebar-1'><div class='header-content'>"
        f"<ul class='breadcrumb'><li><a href='/c'>{escape(parts.section)}</a></li></ul>"
        f"<span class='date'>{today_line(parts.published)}, {parts.published:%H:%M} (GMT+7)"
        "</span></div>"
        f"<h1 class='title-detail'>{title}</h1><p class='description'>{escape(lead)}</p>"
        f"<article class='fck_detail'>{_paragraphs(body, table, 'p', NORMAL)}"
        f"</article>{parts.tools()}{parts.related_list()}{parts.comment_form()}</div></div>"
        f"</section>{parts.footer()}{parts.cookie_banner()}</body></html>"
    )


LAYOUTS = {
    "government newspaper": (government_newspaper, "Báo Điện tử Chính phủ"),
    "ministry portal": (ministry_portal, "Cổng thông tin điện tử Bộ Nội vụ"),
    "provincial portal": (provincial_portal, "Cổng TTĐT tỉnh {province}"),
    "news site": (news_site, "Báo Tin tức Việt"),
}


def make_page(
    article: Article, rng: random.Random, headlines: list[str], table: Table | None
) -> Page:
    layout = rng.choice(sorted(LAYOUTS))
    build, site = LAYOUTS[layout]
    parts = _Parts(rng, headlines, site.format(province=rng.choice(PROVINCES)))
    parts.chrome.add("dateline", f"{parts.published:%d/%m/%Y}")
    return Page(build(article, parts, table), layout, parts.chrome)
