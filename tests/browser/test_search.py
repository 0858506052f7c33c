"""The theme's search in headless Chromium: what agents type finds the right step, in the page's
language, and no result shows the widgets' interface text (hooks/search_index.py, steps.toml
phrases)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.panels import CJK, interface_texts, search_hits
from tests.conftest import LANG_PREFIX, guard

# Query -> the section it must find first (page#step), as agents type them: the issue's
# phrasings, words from step titles and actions, and the widget-heading cases.
ZH = [
    ("声音", "notifications.html#notify-sound"),
    ("没声音", "notifications.html#notify-sound"),
    ("没提醒", "notifications.html#notify-app-settings"),
    ("没通知", "notifications.html#notify-browser-permission"),
    ("延迟", "notifications.html#notify-tab-sleep"),
    ("手机能收到", "persists.html#persist-other-device"),
    ("手机能收到电脑收不到", "persists.html#persist-other-device"),
    ("收不到", "index.html"),
    ("WebSocket", "basics.html#net-websocket"),
    ("勿扰", "notifications.html#notify-os-dnd"),
    ("缓存", "basics.html#browser-cache"),
    ("杀毒软件", "client.html#client-antivirus"),
    ("无痕窗口", "basics.html#browser-private"),
    ("换一个网络", "persists.html#persist-other-network"),
    ("省电模式", "notifications.html#notify-mobile-battery"),
    ("跨境", "basics.html#net-crossborder"),
    ("校准", "basics.html#net-clock"),
    ("接待上限", "notifications.html#rules-busy"),
    ("非工作时段", "notifications.html#rules-off-hours"),
    ("实时监控", "persists.html#persist-monitor"),
    ("更新日志", "client.html#client-changelog"),
    ("免费版", "client.html#client-free-edition"),
    ("广告拦截", "basics.html#browser-extensions"),
    ("Cookie", "basics.html#browser-storage"),
    ("重启 App", "notifications.html#notify-mobile-push"),
]
EN = [
    ("websocket", "basics.html#net-websocket"),
    ("no sound", "notifications.html#notify-sound"),
    ("sound", "notifications.html#notify-sound"),
    ("no notification", "notifications.html#notify-browser-permission"),
    ("late messages", "notifications.html#notify-tab-sleep"),
    ("no alert", "notifications.html#notify-app-settings"),
    ("works on my phone", "persists.html#persist-other-device"),
    ("another device", "persists.html#persist-other-device"),
    ("do not disturb", "notifications.html#notify-os-dnd"),
    ("cache", "basics.html#browser-cache"),
    ("status online", "basics.html#agent-status"),
    ("system clock", "basics.html#net-clock"),
    ("antivirus", "client.html#client-antivirus"),
    ("private window", "basics.html#browser-private"),
    ("another network", "persists.html#persist-other-network"),
    ("battery saver", "notifications.html#notify-mobile-battery"),
    ("tab sleeping", "notifications.html#notify-tab-sleep"),
    ("cross-border", "basics.html#net-crossborder"),
    ("no push on the phone", "notifications.html#notify-mobile-push"),
    ("chat limits", "notifications.html#rules-busy"),
    ("session log", "persists.html#persist-session-logs"),
    ("real-time monitor", "persists.html#persist-monitor"),
    ("changelog", "client.html#client-changelog"),
    ("ad blocker", "basics.html#browser-extensions"),
    ("cookies", "basics.html#browser-storage"),
]
TABLE = {"zh": ZH, "en": EN}


@pytest.fixture(scope="module")
def search_pages(browser, site_url):
    """One page per language, kept open: the search index loads once per language."""
    contexts, pages = [], {}
    for lang, prefix in LANG_PREFIX.items():
        context = browser.new_context()
        contexts.append(context)
        page = guard(context, context.new_page())
        page.goto(f"{site_url}{prefix}index.html", wait_until="load")
        pages[lang] = page
    yield pages
    for context in contexts:
        context.close()


def check(page, site_url: str, lang: str, query: str, expected: str) -> list[dict]:
    hits = search_hits(page, query)
    root = site_url + LANG_PREFIX[lang]
    assert hits[0]["href"] == root + expected, [h["href"] for h in hits[:3]]
    for hit in hits:
        for href in hit["hrefs"]:
            # Every result is a page of this language.
            assert href.startswith(root) and (lang == "en" or not href.startswith(site_url + "en/")), href
    texts = interface_texts(lang)
    for hit in hits:
        shown = [t for t in texts if t in hit["text"]]
        assert not shown, (hit["href"], shown)
    assert page.errors == [] and page.foreign_requests == []
    return hits


@pytest.mark.parametrize(("query", "expected"), ZH)
def test_chinese_queries_find_their_step(search_pages, site_url, query, expected):
    check(search_pages["zh"], site_url, "zh", query, expected)


@pytest.mark.parametrize(("query", "expected"), EN)
def test_english_queries_find_their_step(search_pages, site_url, query, expected):
    check(search_pages["en"], site_url, "en", query, expected)


def test_each_language_finds_only_its_own_pages(search_pages, site_url):
    """A query in the other language finds nothing there (the issue: English queries on English
    pages led to Chinese pages, Chinese queries to English ones)."""
    for lang, own, other in (("en", "antivirus", "杀毒软件"), ("zh", "杀毒软件", "antivirus")):
        page = search_pages[lang]
        assert search_hits(page, own)  # results on screen, which the other query must clear
        box = page.locator("input.md-search__input")
        box.fill(other)
        box.press("End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        none = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).translations")
        meta = page.locator(".md-search-result__meta")
        expect(meta).to_have_text(none["search.result.none"])
        assert bool(CJK.search(meta.inner_text())) == (lang == "zh")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_a_result_opens_its_step_with_the_words_marked(search_pages, site_url, lang):
    page = search_pages[lang]
    query, expected = TABLE[lang][1]
    hits = search_hits(page, query)
    fragment = expected.split("#")[1]
    page.locator(f'.md-search-result__item a.md-search-result__link[href$="#{fragment}"]').first.click()
    page.wait_for_function("f => location.hash === '#' + f", arg=fragment)
    assert page.url.startswith(site_url + LANG_PREFIX[lang] + expected.split("#")[0]), (page.url, hits[0])
    # search.highlight marks the words on the page it opens.
    page.wait_for_selector("article mark")
    page.go_back(wait_until="load")
