"""Every user-visible string of the web interface: Vietnamese by default, English available.

Templates call ``t("key", name=value)``; the language is chosen once per request by
:func:`choose_language` (``?lang=`` first, then the browser's ``Accept-Language``).
"""

from __future__ import annotations

from flask import Flask, g, request, url_for

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "site_name": "Tra cứu phát biểu về cải cách hành chính",
        "tagline": "Tìm trong các bài phát biểu, báo cáo về cải cách hành chính",
        "skip_link": "Bỏ qua, đến nội dung chính",
        "other_language": "English",
        "other_language_label": "Xem bằng tiếng Anh",
        "search_label": "Từ khóa tìm kiếm",
        "search_placeholder": "ví dụ: cải cách thủ tục hành chính",
        "search_button": "Tìm",
        "sort_label": "Sắp xếp",
        "sort_relevance": "Phù hợp nhất",
        "sort_newest": "Mới nhất",
        "sort_oldest": "Cũ nhất",
        "help_link": "Cú pháp tìm kiếm",
        "results_heading": "Kết quả tìm kiếm",
        "results_for": "Kết quả cho “{query}”",
        "results_summary": "{first}–{last} trong {total} kết quả ({seconds} giây)",
        "browse_heading": "Tất cả tài liệu, mới nhất trước",
        "browse_summary": "{first}–{last} trong {total} tài liệu ({seconds} giây)",
        "filters_heading": "Lọc kết quả",
        "facet_year": "Năm",
        "facet_period": "Giai đoạn",
        "facet_leader": "Lãnh đạo",
        "facet_topic": "Chủ đề",
        "facet_empty": "Không có giá trị",
        "selected": "đang chọn",
        "facet_count": "{count} tài liệu",
        "selected_filters": "Bộ lọc đang dùng",
        "remove_filter": "Bỏ bộ lọc {facet}: {label}",
        "clear_all": "Xóa tất cả bộ lọc",
        "year_range": "Khoảng năm",
        "year_from": "Từ năm",
        "year_to": "Đến năm",
        "apply": "Áp dụng",
        "year_unknown": "năm chưa rõ",
        "no_results": "Không tìm thấy kết quả nào cho “{query}”.",
        "no_results_browse": "Không có tài liệu nào khớp với các bộ lọc đã chọn.",
        "way_out": "Bạn có thể:",
        "past_last_page": "Trang {page} không có kết quả: cả {total} kết quả ở các trang trước.",
        "first_page": "về trang đầu",
        "drop_filter": "bỏ bộ lọc {facet}: {label}",
        "without_filters": "tìm “{query}” không kèm bộ lọc",
        "browse_all": "xem tất cả tài liệu",
        "fewer_words": "dùng ít từ hơn, hoặc bỏ dấu ngoặc kép để không buộc khớp nguyên cụm",
        "notice_unbalanced_quote": "Thiếu dấu ngoặc kép đóng: phần sau dấu ngoặc kép được tìm"
        " như một cụm từ.",
        "notice_stray_operator": "Toán tử OR đứng thiếu vế đã được bỏ qua.",
        "did_you_mean": "Có phải bạn muốn tìm:",
        "suggestion_total": "({total} kết quả)",
        "similar_heading": "Văn bản tương tự",
        "notice_bad_param": "Đã bỏ qua tham số “{name}”: {reason}.",
        "reason_int_range": "phải là số nguyên từ {min} đến {max}",
        "reason_choice": "phải là một trong: {choices}",
        "reason_too_long": "dài quá {max} ký tự",
        "reason_too_many": "có quá {max} giá trị",
        "reason_range_order": "năm bắt đầu lớn hơn năm kết thúc",
        "pagination": "Phân trang",
        "previous": "Trang trước",
        "next": "Trang sau",
        "page_n": "Trang {n}",
        "leaders": "Lãnh đạo",
        "topics": "Chủ đề",
        "periods": "Giai đoạn",
        "back_to_results": "← Quay lại kết quả",
        "back_to_search": "← Trang tìm kiếm",
        "first_match": "Đến chỗ khớp đầu tiên",
        "match_count": "{count} chỗ khớp với “{query}”",
        "no_match_in_doc": "Không có chỗ nào khớp với “{query}” trong nội dung.",
        "doc_details": "Thông tin tài liệu",
        "meta_date": "Ngày",
        "meta_year": "Năm",
        "meta_periods": "Giai đoạn",
        "meta_leaders": "Lãnh đạo",
        "meta_topics": "Chủ đề",
        "meta_source": "Nguồn",
        "meta_path": "Tệp",
        "origin_front_matter": "khai báo trong tệp",
        "origin_extracted": "trích từ nội dung",
        "origin_inferred": "suy ra",
        "origin_sidecar": "khai báo trong tệp kèm (.yaml)",
        "origin_file_metadata": "ghi trong siêu dữ liệu của tệp",
        "original_link": "Tải tệp gốc",
        "original_missing": "Tệp gốc không còn trong thư mục tài liệu.",
        "not_found_title": "Không tìm thấy",
        "not_found_text": "Không có trang hoặc tài liệu nào ở địa chỉ này.",
        "error_title": "Đã có lỗi",
        "error_text": "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.",
        "over_budget_title": "Tìm kiếm quá lâu",
        "over_budget_text": "Câu tìm kiếm này cần quá nhiều thời gian. Hãy dùng ít từ hơn, từ"
        " đặc trưng hơn, hoặc đặt cụm từ trong dấu ngoặc kép.",
        "busy_title": "Máy chủ đang bận",
        "busy_text": "Máy chủ đang xử lý các câu tìm kiếm dài khác. Vui lòng thử lại sau vài giây.",
        "notice_query_truncated": "Câu tìm kiếm quá dài: chỉ phần đầu được tìm.",
        "notice_partial_matches": "Ít tài liệu có đủ mọi từ: sau các tài liệu đó là những"
        " tài liệu có phần lớn các từ, mỗi kết quả ghi rõ từ còn thiếu.",
        "missing_words": "Không có: {words}",
        "notice_too_many_alternatives": "Quá nhiều vế OR: chỉ các vế đầu tiên được tìm.",
        "notice_time_budget": "Hết thời gian cho phép: một số kết quả cuối không có đoạn trích"
        " được đánh dấu.",
        "notice_highlight_limit": "Tài liệu dài: từ khóa chỉ được đánh dấu trong phần đầu.",
        "no_index_title": "Chưa có chỉ mục tìm kiếm",
        "no_index_text": "Máy chủ chưa có chỉ mục. Người quản trị cần chạy “reform-search index”.",
        "help_title": "Cú pháp tìm kiếm",
        "help_intro": "Gõ có dấu hoặc không dấu đều được; kết quả đúng dấu được xếp trước.",
        "help_words": "mọi từ đều phải có trong tài liệu; khi quá ít tài liệu có đủ, các tài"
        " liệu có phần lớn các từ được xếp sau, kèm những từ còn thiếu",
        "help_question": "câu hỏi được tìm theo các từ khác: từ để hỏi (bao nhiêu, thế nào…)"
        " không bắt buộc",
        "help_docnum": "cùng một văn bản, viết cách nào cũng được (Nghị định số 60/2021/NĐ-CP,"
        " 60/2021/NĐ-CP, NĐ 60)",
        "help_phrase": "đúng nguyên cụm từ, theo thứ tự",
        "help_exclude": "loại các tài liệu có từ hoặc cụm từ này",
        "help_or": "một trong hai vế",
        "help_leader": "do lãnh đạo này chủ trì hoặc phát biểu (không cần dấu, một phần tên là đủ)",
        "help_topic": "thuộc lĩnh vực cải cách này (mã hoặc tên lĩnh vực)",
        "help_year": "trong khoảng năm này (hoặc year:2019, year:2015.., year:..2020)",
        "help_period": "thuộc giai đoạn chương trình tổng thể này",
        "notice_bad_field_filter": "Bộ lọc năm không hợp lệ đã được bỏ qua (ví dụ đúng:"
        " year:2019 hoặc year:2015..2020).",
        "help_filters": "Các bộ lọc này cũng có ở cột bên cạnh kết quả; có thể kết hợp cả hai.",
        "help_malformed": "Truy vấn sai cú pháp (thiếu ngoặc kép, OR đứng một mình) vẫn cho"
        " kết quả cho phần hiểu được, kèm một ghi chú.",
        "help_example": "Ví dụ",
        "help_meaning": "Ý nghĩa",
        "embed_open_full": "Mở trang tìm kiếm đầy đủ",
        "embed_summary": "{total} kết quả cho “{query}”",
        "embed_loading": "Đang tìm…",
        "embed_error": "Không tải được kết quả tìm kiếm. Vui lòng thử lại sau.",
        "embed_new_tab": "(mở trong thẻ mới)",
        "opensearch_description": "Tìm trong các bài phát biểu về cải cách hành chính",
        # --- Export, feeds and citation (issue 14) ---
        "export_label": "Tải kết quả:",
        "export_csv": "Tải CSV",
        "export_json": "JSON",
        "export_feed": "Theo dõi (Atom)",
        "export_capped": "(chỉ {max} kết quả đầu)",
        "feed_title": "Tài liệu mới nhất cho “{query}” – Tra cứu cải cách hành chính",
        "feed_title_all": "Tài liệu mới nhất – Tra cứu cải cách hành chính",
        "citation_heading": "Trích dẫn tài liệu",
        "citation_style": "Kiểu APA 7 (họ tên người Việt giữ nguyên thứ tự) và BibTeX (@misc).",
        "citation_text": "Tài liệu tham khảo",
        "citation_bibtex": "BibTeX",
        "citation_copy": "Sao chép",
        "citation_copied": "Đã sao chép",
        "citation_hint": "Chọn nội dung trong ô rồi sao chép (Ctrl+C).",
        # --- end of export, feeds and citation ---
    },
    "en": {
        "site_name": "Administrative reform speech search",
        "tagline": "Search speeches and reports on Vietnam's administrative reform",
        "skip_link": "Skip to main content",
        "other_language": "Tiếng Việt",
        "other_language_label": "View in Vietnamese",
        "search_label": "Search terms",
        "search_placeholder": "e.g. cai cach thu tuc hanh chinh",
        "search_button": "Search",
        "sort_label": "Sort",
        "sort_relevance": "Most relevant",
        "sort_newest": "Newest",
        "sort_oldest": "Oldest",
        "help_link": "Search syntax",
        "results_heading": "Search results",
        "results_for": "Results for “{query}”",
        "results_summary": "{first}–{last} of {total} results ({seconds} s)",
        "browse_heading": "All documents, newest first",
        "browse_summary": "{first}–{last} of {total} documents ({seconds} s)",
        "filters_heading": "Filter results",
        "facet_year": "Year",
        "facet_period": "Period",
        "facet_leader": "Leader",
        "facet_topic": "Topic",
        "facet_empty": "No values",
        "selected": "selected",
        "facet_count": "{count} documents",
        "selected_filters": "Active filters",
        "remove_filter": "Remove filter {facet}: {label}",
        "clear_all": "Clear all filters",
        "year_range": "Year range",
        "year_from": "From",
        "year_to": "To",
        "apply": "Apply",
        "year_unknown": "year unknown",
        "no_results": "No results for “{query}”.",
        "no_results_browse": "No documents match the selected filters.",
        "way_out": "You can:",
        "past_last_page": "Page {page} is empty: all {total} results are on earlier pages.",
        "first_page": "go to the first page",
        "drop_filter": "remove the filter {facet}: {label}",
        "without_filters": "search “{query}” without filters",
        "browse_all": "browse all documents",
        "fewer_words": "use fewer words, or drop the quotes so the words need not form a phrase",
        "notice_unbalanced_quote": "A closing quote is missing: the text after the quote was"
        " searched as a phrase.",
        "notice_stray_operator": "An OR with nothing on one side was ignored.",
        "did_you_mean": "Did you mean:",
        "suggestion_total": "({total} results)",
        "similar_heading": "Similar documents",
        "notice_bad_param": "Ignored the parameter “{name}”: {reason}.",
        "reason_int_range": "must be a whole number from {min} to {max}",
        "reason_choice": "must be one of: {choices}",
        "reason_too_long": "longer than {max} characters",
        "reason_too_many": "more than {max} values",
        "reason_range_order": "year_from is after year_to",
        "pagination": "Pages",
        "previous": "Previous",
        "next": "Next",
        "page_n": "Page {n}",
        "leaders": "Leaders",
        "topics": "Topics",
        "periods": "Period",
        "back_to_results": "← Back to results",
        "back_to_search": "← Search page",
        "first_match": "Jump to the first match",
        "match_count": "{count} matches for “{query}”",
        "no_match_in_doc": "Nothing in the text matches “{query}”.",
        "doc_details": "Document details",
        "meta_date": "Date",
        "meta_year": "Year",
        "meta_periods": "Period",
        "meta_leaders": "Leaders",
        "meta_topics": "Topics",
        "meta_source": "Source",
        "meta_path": "File",
        "origin_front_matter": "declared in the file",
        "origin_extracted": "extracted from the text",
        "origin_inferred": "inferred",
        "origin_sidecar": "declared in the sidecar file (.yaml)",
        "origin_file_metadata": "stated in the file's metadata",
        "original_link": "Download the original file",
        "original_missing": "The original file is no longer in the corpus folder.",
        "not_found_title": "Not found",
        "not_found_text": "There is no page or document at this address.",
        "error_title": "Something went wrong",
        "error_text": "The server failed to handle the request. Please try again later.",
        "over_budget_title": "The search took too long",
        "over_budget_text": "This search needs too much time. Use fewer or rarer words, or put"
        " a phrase in quotes.",
        "busy_title": "The server is busy",
        "busy_text": "The server is answering other long searches. Please try again in a few"
        " seconds.",
        "notice_query_truncated": "The query was too long: only its beginning was searched.",
        "notice_partial_matches": "Few documents hold every word: after them come documents"
        " holding most of the words, each saying which words it lacks.",
        "missing_words": "Missing: {words}",
        "notice_too_many_alternatives": "Too many OR alternatives: only the first were searched.",
        "notice_time_budget": "Out of time: the last results are shown without marked snippets.",
        "notice_highlight_limit": "A long document: the words are marked in its first part only.",
        "no_index_title": "No search index yet",
        "no_index_text": "The server has no index yet. An administrator needs to run"
        " “reform-search index”.",
        "help_title": "Search syntax",
        "help_intro": "Type with or without Vietnamese accents; exact-accent matches rank first.",
        "help_words": "every word must appear in the document; when too few have them all,"
        " documents with most of the words follow, each saying which are missing",
        "help_question": "a question is searched for its other words: question words (how"
        " many, how…) are never required",
        "help_docnum": "one document reference, however it is written (Nghị định số"
        " 60/2021/NĐ-CP, 60/2021/NĐ-CP, NĐ 60)",
        "help_phrase": "the exact phrase, in this order",
        "help_exclude": "leave out documents with this word or phrase",
        "help_or": "either side",
        "help_leader": "chaired or spoken by this leader (accents optional, part of the name"
        " is enough)",
        "help_topic": "in this reform area (its id or its name)",
        "help_year": "in this range of years (or year:2019, year:2015.., year:..2020)",
        "help_period": "in this master-programme period",
        "notice_bad_field_filter": "An invalid year filter was ignored (write year:2019 or"
        " year:2015..2020).",
        "help_filters": "The same filters are in the column next to the results; both combine.",
        "help_malformed": "A malformed query (a missing quote, a lone OR) still returns results"
        " for what could be understood, with a note.",
        "help_example": "Example",
        "help_meaning": "Meaning",
        "embed_open_full": "Open the full search page",
        "embed_summary": "{total} results for “{query}”",
        "embed_loading": "Searching…",
        "embed_error": "Could not load the search results. Please try again later.",
        "embed_new_tab": "(opens in a new tab)",
        "opensearch_description": "Search speeches on Vietnam's administrative reform",
        # --- Export, feeds and citation (issue 14) ---
        "export_label": "Download the results:",
        "export_csv": "Download CSV",
        "export_json": "JSON",
        "export_feed": "Follow (Atom feed)",
        "export_capped": "(the first {max} results only)",
        "feed_title": "Newest documents for “{query}” – Administrative reform search",
        "feed_title_all": "Newest documents – Administrative reform search",
        "citation_heading": "Cite this document",
        "citation_style": "APA 7 style (Vietnamese names kept in their own order) and BibTeX"
        " (@misc).",
        "citation_text": "Reference",
        "citation_bibtex": "BibTeX",
        "citation_copy": "Copy",
        "citation_copied": "Copied",
        "citation_hint": "Select the text in the box and copy it (Ctrl+C).",
        # --- end of export, feeds and citation ---
    },
}


# --- Trends and period comparison (search_app.web.analytics_views) --------------------------
# Kept apart from the table above so that other features' strings merge without conflict.
STRINGS["vi"].update(
    {
        "search_trend_label": "Số tài liệu khớp theo năm",
        "trends_link": "Xu hướng theo năm",
        "compare_link": "So sánh giai đoạn",
        "trends_title": "Xu hướng theo năm",
        "trends_intro": "Số tài liệu khớp với mỗi từ khóa trong từng năm, từ năm đầu đến năm"
        " cuối của kho, và tỷ lệ của chúng trong mọi tài liệu của năm đó. Bấm vào một cột hay"
        " một điểm để xem các tài liệu.",
        "trends_queries": "Từ khóa (tối đa {max})",
        "trends_query_n": "Từ khóa {n}",
        "trends_button": "Vẽ biểu đồ",
        "trends_filters": "Bộ lọc: {filters}",
        "trend_results": "{total} kết quả",
        "measure_label": "Hiển thị:",
        "measure_share": "Tỷ lệ trong năm",
        "measure_count": "Số tài liệu",
        "all_documents": "mọi tài liệu",
        "chart_title_share": "Tỷ lệ tài liệu khớp trong mỗi năm: {queries}",
        "chart_title_count": "Số tài liệu khớp mỗi năm: {queries}",
        "chart_x_label": "Năm",
        "chart_y_share": "Tỷ lệ",
        "chart_y_count": "Tài liệu",
        "chart_point": "{query}, năm {year}: {count} tài liệu, {share} trong {documents} tài"
        " liệu của năm",
        "chart_summary": "{query}: {total} tài liệu khớp, nhiều nhất năm {year} ({count});"
        " {undated} tài liệu chưa rõ năm không có trong biểu đồ.",
        "chart_summary_none": "{query}: {total} tài liệu khớp, không tài liệu nào có năm.",
        "no_dated_documents": "Kho chưa có tài liệu nào rõ năm.",
        "data_table": "Bảng số liệu",
        "table_year": "Năm",
        "table_count": "Số tài liệu",
        "table_share": "Tỷ lệ",
        "table_documents": "Tài liệu trong kho",
        "table_undated": "Chưa rõ năm",
        "table_total": "Tổng",
        "compare_title": "So sánh 2011–2020 và 2021–2030: {query}",
        "compare_button": "So sánh",
        "compare_intro": "{total} tài liệu khớp. Tỷ lệ của giai đoạn là số tài liệu khớp chia"
        " cho mọi tài liệu của giai đoạn; với lãnh đạo và lĩnh vực, tỷ lệ tính trong các tài"
        " liệu khớp của giai đoạn, và cột thay đổi là hiệu hai tỷ lệ đó (điểm phần trăm).",
        "compare_matches": "{count} tài liệu khớp",
        "compare_share": "{share} trong {documents} tài liệu của giai đoạn",
        "compare_top": "Tài liệu phù hợp nhất",
        "compare_none": "Không có tài liệu nào.",
        "compare_leaders": "Lãnh đạo",
        "compare_leaders_column": "Lãnh đạo",
        "compare_topics": "Lĩnh vực cải cách",
        "compare_topics_column": "Lĩnh vực",
        "compare_share_of_matches": "Tỷ lệ",
        "compare_change": "Thay đổi (điểm %)",
        "back_to_search_results": "← Kết quả tìm kiếm",
        "notice_period_ignored": "Trang so sánh luôn hiện cả hai giai đoạn: bộ lọc giai đoạn"
        " không được dùng.",
    }
)
STRINGS["en"].update(
    {
        "search_trend_label": "Matching documents per year",
        "trends_link": "Trends by year",
        "compare_link": "Compare periods",
        "trends_title": "Trends by year",
        "trends_intro": "How many documents match each query in every year, from the first to"
        " the last year in the collection, and their share of all that year's documents."
        " Click a bar or a point to see the documents.",
        "trends_queries": "Queries (up to {max})",
        "trends_query_n": "Query {n}",
        "trends_button": "Draw the chart",
        "trends_filters": "Filters: {filters}",
        "trend_results": "{total} results",
        "measure_label": "Show:",
        "measure_share": "Share of the year",
        "measure_count": "Documents",
        "all_documents": "all documents",
        "chart_title_share": "Share of each year's documents that match: {queries}",
        "chart_title_count": "Matching documents per year: {queries}",
        "chart_x_label": "Year",
        "chart_y_share": "Share",
        "chart_y_count": "Documents",
        "chart_point": "{query}, {year}: {count} documents, {share} of the year's {documents}",
        "chart_summary": "{query}: {total} matching documents, most in {year} ({count});"
        " {undated} without a known year are not in the chart.",
        "chart_summary_none": "{query}: {total} matching documents, none with a known year.",
        "no_dated_documents": "The collection has no document with a known year yet.",
        "data_table": "Data table",
        "table_year": "Year",
        "table_count": "Documents",
        "table_share": "Share",
        "table_documents": "Documents in the collection",
        "table_undated": "Year unknown",
        "table_total": "Total",
        "compare_title": "2011–2020 beside 2021–2030: {query}",
        "compare_button": "Compare",
        "compare_intro": "{total} matching documents. A period's share is its matching"
        " documents over all its documents; for leaders and reform areas the share is among"
        " the period's matching documents, and the change is the difference of the two shares"
        " (percentage points).",
        "compare_matches": "{count} matching documents",
        "compare_share": "{share} of the period's {documents} documents",
        "compare_top": "Best matches",
        "compare_none": "No documents.",
        "compare_leaders": "Leaders",
        "compare_leaders_column": "Leader",
        "compare_topics": "Reform areas",
        "compare_topics_column": "Reform area",
        "compare_share_of_matches": "Share",
        "compare_change": "Change (points)",
        "back_to_search_results": "← Search results",
        "notice_period_ignored": "The comparison always shows both periods: the period filter"
        " is not used.",
    }
)


def translate(lang: str, key: str, **values) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in."""
    text = STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])[key]
    return text.format(**values) if values else text


def choose_language(explicit: str | None, accept_languages) -> str:
    """``explicit`` (``?lang=``) when known, else the browser's preference, else Vietnamese."""
    if explicit in LANGUAGES:
        return explicit
    return accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def init_app(app: Flask) -> None:
    app.before_request(_set_language)
    app.context_processor(_template_helpers)
    app.after_request(_vary_on_language)


def _set_language() -> None:
    explicit = request.args.get("lang")
    g.lang = choose_language(explicit, request.accept_languages)
    g.lang_arg = explicit if explicit in LANGUAGES else None  # carried in links


def language() -> str:
    """The language of the current request."""
    return g.get("lang", DEFAULT_LANGUAGE)


def t(key: str, **values) -> str:
    """``key`` in the current request's language."""
    return translate(language(), key, **values)


def _other_language_url() -> str | None:
    if request.endpoint is None:
        return None
    args = request.args.to_dict(flat=False)
    args["lang"] = "en" if language() == "vi" else "vi"
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def _template_helpers() -> dict:
    return {
        "t": t,
        "lang": language(),
        "lang_arg": g.get("lang_arg"),
        "other_language_url": _other_language_url,
    }


def _vary_on_language(response):
    response.vary.add("Accept-Language")
    return response
