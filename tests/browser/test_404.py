"""The 404 page, served for a missing address at any depth with status 404: both languages
(Chinese first, each part in its own lang), styled (its URLs are absolute from the site root),
links to both home pages and the chooser, search works, no console error; and the hreflang links
of a site served from another origin than its site_url are pointed at that origin, so the
theme's sitemap lookup stays on the site (no CSP error)."""

from __future__ import annotations

import pytest

from tests.browser.panels import search
from tests.conftest import LANG_PREFIX, ROOT


@pytest.mark.parametrize("missing", ["nope.html", "en/nope/deeper/x.html"])
def test_a_missing_page_gets_the_bilingual_404_at_any_depth(guarded_page, site_url, missing):
    page = guarded_page
    response = page.goto(site_url + missing, wait_until="load")
    assert response.status == 404
    assert page.evaluate("() => document.documentElement.lang") == "zh"
    parts = page.locator("section.help-not-found")
    assert parts.evaluate_all("els => els.map(e => e.lang)") == ["zh", "en"]
    assert page.locator("h1").inner_text() == "找不到这个页面"
    # The theme's styles and scripts loaded from this depth: the header is laid out, search is live.
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    links = {
        lang: parts.nth(i).locator("a").evaluate_all("els => els.map(e => e.href)")
        for i, lang in enumerate(LANG_PREFIX)
    }
    for lang, hrefs in links.items():
        home = f"{site_url}{LANG_PREFIX[lang]}index.html"
        assert hrefs[1] == home and hrefs[0].startswith(home + "#"), hrefs
        page_for_anchor = page.context.new_page()
        page_for_anchor.goto(hrefs[0], wait_until="load")
        anchor = hrefs[0].split("#", 1)[1]
        assert page_for_anchor.locator(f"[id='{anchor}']").count() == 1, hrefs[0]
        page_for_anchor.close()
    # The language switch leads to the two home pages.
    switch = page.locator("a.md-select__link").evaluate_all("els => els.map(e => [e.hreflang, e.href])")
    assert dict(switch) == {lang: f"{site_url}{LANG_PREFIX[lang]}index.html" for lang in LANG_PREFIX}
    # Search reads the Chinese pages' index (the site root's); English words in them are found too.
    assert f"{site_url}notifications.html" in search(page, "通知")
    assert f"{site_url}basics.html" in search(page, "WebSocket")
    # Chromium logs the document's own 404 status; nothing else.
    assert page.errors == [
        "console error: Failed to load resource: the server responded with a status of 404 (File not found)"
    ]
    assert page.foreign_requests == []


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_hreflang_links_follow_the_serving_origin(guarded_page, site_url, lang):
    """The build's site_url is make serve's address; this server is on another port."""
    page = guarded_page
    sitemaps: list[str] = []
    page.on("request", lambda r: sitemaps.append(r.url) if r.url.endswith("sitemap.xml") else None)
    page.goto(f"{site_url}{LANG_PREFIX[lang]}faq.html", wait_until="load")
    page.wait_for_timeout(300)
    hrefs = page.locator("link[rel=alternate][hreflang]").evaluate_all("els => els.map(e => [e.hreflang, e.href])")
    assert dict(hrefs) == {code: f"{site_url}{LANG_PREFIX[code]}faq.html" for code in LANG_PREFIX}
    assert sitemaps and all(url.startswith(site_url) for url in sitemaps), sitemaps
    assert page.errors == [] and page.foreign_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_has_no_accessibility_violation(guarded_page, site_url, scheme):
    page = guarded_page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "en/missing.html", wait_until="load")
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts.
    page.evaluate((ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => v.id + ' ' + v.impact)")
    assert violations == []
