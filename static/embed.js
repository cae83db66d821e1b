/* reform-search widget: this script turns each <div data-reform-search> (optional
 * data-lang, data-per-page, data-placeholder, data-query) into a search box showing results
 * of the site's /api/search (other origins need its CORS allowlist) in a shadow root, so the
 * host page's own styles and elements are left alone. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.fetch || !Element.prototype.attachShadow) return;
  const base = new URL("../", script.src); // the site's root, under any URL prefix
  const DELAY_MS = 300;
  const MIN_CHARS = 2;
  const SNIPPETS = 2;
  // The same strings as search_app/i18n.py (a test keeps them equal).
  const STRINGS = {
    "vi": {
      "search_label": "Từ khóa tìm kiếm",
      "search_placeholder": "ví dụ: cải cách thủ tục hành chính",
      "search_button": "Tìm",
      "year_unknown": "năm chưa rõ",
      "missing_words": "Không có: {words}",
      "no_results": "Không tìm thấy kết quả nào cho “{query}”.",
      "embed_open_full": "Mở trang tìm kiếm đầy đủ",
      "embed_summary": "{total} kết quả cho “{query}”",
      "embed_loading": "Đang tìm…",
      "embed_error": "Không tải được kết quả tìm kiếm. Vui lòng thử lại sau.",
      "embed_new_tab": "(mở trong thẻ mới)"
    },
    "en": {
      "search_label": "Search terms",
      "search_placeholder": "e.g. cai cach thu tuc hanh chinh",
      "search_button": "Search",
      "year_unknown": "year unknown",
      "missing_words": "Missing: {words}",
      "no_results": "No results for “{query}”.",
      "embed_open_full": "Open the full search page",
      "embed_summary": "{total} results for “{query}”",
      "embed_loading": "Searching…",
      "embed_error": "Could not load the search results. Please try again later.",
      "embed_new_tab": "(opens in a new tab)"
    }
  };
  const CSS = ":host{display:block;max-width:48rem;line-height:1.45}*{box-sizing:border-box}" +
    "[hidden]{display:none!important}form{display:flex;gap:.5rem;margin:0}" +
    "input,button{font:inherit;padding:.45rem .6rem;border-radius:4px}" +
    "input{flex:1 1 auto;min-width:0;border:1px solid #8c959f;color:#1b1f24;background:#fff}" +
    "button{border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}a{color:#0b5cad}" +
    ":focus-visible{outline:3px solid #f2a900;outline-offset:2px}" +
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}" +
    ".status,.meta,.missing{color:#57606a;font-size:.9em}.status{margin:.5rem 0}.meta,.missing{margin:.1rem 0}" +
    "ol{list-style:none;margin:0;padding:0}li{padding:.5rem 0;border-top:1px solid #d0d7de}" +
    ".title{font-weight:600}.snippet{margin:.25rem 0}mark{background:#fff1a8;color:inherit}" +
    ".more{margin:.5rem 0 0;font-size:.9em}";
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  const format = (text, values) =>
    text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));

  function element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.textContent = text;
    return node;
  }

  const decode = (text) =>
    text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (all, name) => {
      if (name[0] !== "#") return {}.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : all;
      const code = /x/i.test(name[1]) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });

  // A snippet is escaped text with <mark>…</mark>. It is rebuilt as text nodes and <mark>
  // elements, never parsed as HTML: any other markup can only ever show up as text.
  function snippet(html) {
    const paragraph = element("p", { class: "snippet" });
    let parent = paragraph;
    for (const part of html.split(/(<\/?mark>)/)) {
      if (part === "<mark>") {
        if (parent === paragraph) parent = paragraph.appendChild(element("mark"));
      } else if (part === "</mark>") {
        parent = paragraph;
      } else if (part) {
        parent.append(decode(part));
      }
    }
    return paragraph;
  }

  function addStyles(root) {
    try {
      const sheet = new CSSStyleSheet(); // not subject to the host page's style-src
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(element("style", {}, CSS));
    }
  }

  function mount(host) {
    if (host.shadowRoot) return;
    const attribute = (name) => host.getAttribute(`data-${name}`);
    const lang = /^en/i.test(attribute("lang") || document.documentElement.lang) ? "en" : "vi";
    const strings = STRINGS[lang];
    const perPage = Math.min(Math.max(parseInt(attribute("per-page"), 10) || 5, 1), 20);
    const root = host.attachShadow({ mode: "open" });
    addStyles(root);

    const form = element("form", { role: "search" });
    const input = element("input", {
      type: "search", id: "q", name: "q", maxlength: "500", autocomplete: "off",
      placeholder: attribute("placeholder") || strings.search_placeholder,
    });
    const button = element("button", { type: "submit" }, strings.search_button);
    form.append(element("label", { for: "q", class: "vh" }, strings.search_label), input, button);
    const status = element("p", { class: "status", role: "status", "aria-live": "polite" });
    const list = element("ol");
    const more = element("p", { class: "more" });
    const moreLink = element("a", { target: "_blank", rel: "noopener" }, strings.embed_open_full);
    more.append(moreLink);
    root.append(form, status, list, more);
    list.hidden = more.hidden = status.hidden = true;
    let timer = null;
    let pending = null;
    let shown = null;

    function siteUrl(path, params) {
      const url = new URL(path, base);
      url.search = new URLSearchParams({ ...params, lang });
      return url.href;
    }

    function hit(item, q) {
      const li = element("li");
      const href = siteUrl(`doc/${encodeURIComponent(item.id)}`, { q });
      const title = element("a", { class: "title", href, target: "_blank", rel: "noopener" }, item.title);
      title.append(element("span", { class: "vh" }, ` ${strings.embed_new_tab}`));
      const meta = [item.date || item.year || strings.year_unknown, ...(item.leaders || [])];
      li.append(title, element("p", { class: "meta" }, meta.join(" · ")));
      if (item.missing && item.missing.length) {
        const words = item.missing.join(", ");
        li.append(element("p", { class: "missing" }, format(strings.missing_words, { words })));
      }
      li.append(...(item.snippets || []).slice(0, SNIPPETS).map(snippet));
      return li;
    }

    function show(q, text, data) {
      list.replaceChildren(...(data ? data.hits.map((item) => hit(item, q)) : []));
      list.hidden = !list.firstChild;
      moreLink.href = siteUrl("search", { q });
      more.hidden = !(data && data.total);
      status.textContent = text;
      status.hidden = !text;
    }

    function search(query) {
      clearTimeout(timer);
      const q = query.trim();
      if (q === shown) return;
      shown = q;
      if (pending) pending.abort();
      pending = null;
      if (!q) return show("", "", null);
      const controller = (pending = new AbortController());
      status.textContent = strings.embed_loading;
      status.hidden = false;
      const url = siteUrl("api/search", { q, per_page: perPage });
      fetch(url, { signal: controller.signal, credentials: "omit" })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        })
        .then(
          (data) => {
            const text = data.total ? strings.embed_summary : strings.no_results;
            show(q, format(text, { total: data.total, query: q }), data);
          },
          () => {
            if (controller.signal.aborted) return;
            shown = null; // the same query may be tried again
            show(q, strings.embed_error, null);
          },
        );
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search(input.value);
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q || q.length >= MIN_CHARS) timer = setTimeout(search, DELAY_MS, q);
    });
    if (attribute("query")) {
      input.value = attribute("query");
      search(input.value);
    }
  }

  const mountAll = () => document.querySelectorAll("[data-reform-search]").forEach(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
