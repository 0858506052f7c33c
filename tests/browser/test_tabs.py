"""OS and browser tabs open on the reader's own (docs/assets/js/tabs-auto.js), a saved choice wins,
Material's linked tabs still sync, and on a phone every tab label can be seen whole."""

from __future__ import annotations

import pytest

from tests.conftest import LANG_PREFIX, guard

ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
WINDOWS_EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# user agent, context options, the OS tab labels wanted (best first), the browser tab label.
READERS = {
    "android": (ANDROID, PHONE, ["Android"], "Chrome"),
    "iphone": (IPHONE, PHONE, ["iOS"], "Safari"),
    "mac-safari": (MAC_SAFARI, {}, ["macOS"], "Safari"),
    # Chromium reports platformVersion "10.0" for this user agent: Windows 10.
    "windows-edge": (WINDOWS_EDGE, {}, ["Windows 10", "Windows"], "Edge"),
}
OS_LABELS = {"Windows 11", "Windows 10", "Windows", "macOS", "Android", "iOS"}
BROWSER_LABELS = {"Chrome", "Edge", "Firefox", "Safari"}
PAGES = ["basics.html", "notifications.html"]

# Each tab set: its labels and the chosen one.
TAB_SETS = """() => [...document.querySelectorAll('.tabbed-set')].map(set => {
  const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')];
  return {labels: labels.map(l => l.textContent.trim()),
          chosen: labels.filter(l => document.getElementById(l.htmlFor).checked).map(l => l.textContent.trim())[0]};
})"""


def expected(labels: list[str], wanted_os: list[str], browser: str) -> str:
    for label in [*wanted_os, browser]:
        if label in labels:
            return label
    return labels[0]


@pytest.fixture
def reader(request, browser):
    ua, options, wanted_os, wanted_browser = READERS[request.param]
    context = browser.new_context(user_agent=ua, **options)
    page = guard(context, context.new_page())
    yield page, wanted_os, wanted_browser
    assert page.errors == [] and page.foreign_requests == []
    context.close()


def tab_sets(page) -> list[dict]:
    # The module settles once the client hints (a promise) are read.
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page.evaluate(TAB_SETS)


@pytest.mark.parametrize("reader", list(READERS), indirect=True)
@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_tabs_open_on_the_readers_os_and_browser(reader, site_url, lang):
    page, wanted_os, wanted_browser = reader
    seen = set()
    for path in PAGES:
        page.goto(f"{site_url}{LANG_PREFIX[lang]}{path}")
        for tab_set in tab_sets(page):
            assert tab_set["chosen"] == expected(tab_set["labels"], wanted_os, wanted_browser), (path, tab_set)
            seen.add(tab_set["chosen"])
        # Opening tabs for the reader is not the reader's choice: nothing saved.
        assert page.evaluate("() => __md_get('__tabs')") is None
    assert wanted_browser in seen and seen & set(wanted_os)


@pytest.mark.parametrize(("windows_major", "label"), [("15.0.0", "Windows 11"), ("10.0.0", "Windows 10")])
def test_windows_11_and_10_are_told_apart_by_the_client_hints(browser, site_url, windows_major, label):
    context = browser.new_context(user_agent=WINDOWS_EDGE)
    page = guard(context, context.new_page())
    cdp = context.new_cdp_session(page)
    brands = [{"brand": "Microsoft Edge", "version": "131"}, {"brand": "Chromium", "version": "131"}]
    metadata = {"platform": "Windows", "platformVersion": windows_major, "architecture": "x86", "model": ""}
    cdp.send(
        "Emulation.setUserAgentOverride",
        {"userAgent": WINDOWS_EDGE, "userAgentMetadata": {**metadata, "mobile": False, "brands": brands}},
    )
    page.goto(f"{site_url}notifications.html")
    chosen = {s["chosen"] for s in tab_sets(page)}
    assert label in chosen and "Edge" in chosen
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("reader", ["windows-edge"], indirect=True)
def test_a_saved_choice_wins_and_linked_tabs_still_sync(reader, site_url):
    page, wanted_os, _ = reader
    page.goto(f"{site_url}notifications.html")
    tab_sets(page)
    # The reader picks Firefox in one set: Material switches every set with a Firefox tab and saves it.
    page.locator(".tabbed-labels > label", has_text="Firefox").first.click()
    sets = page.evaluate(TAB_SETS)
    assert all(s["chosen"] == "Firefox" for s in sets if "Firefox" in s["labels"])
    assert page.evaluate("() => __md_get('__tabs')") == ["Firefox"]
    for lang in LANG_PREFIX:
        page.goto(f"{site_url}{LANG_PREFIX[lang]}basics.html")
        for tab_set in tab_sets(page):
            if "Firefox" in tab_set["labels"]:
                assert tab_set["chosen"] == "Firefox"
            else:
                # Where the saved choice has no tab, the reader's own OS still opens.
                assert tab_set["chosen"] == expected(tab_set["labels"], wanted_os, "Edge")
        assert page.evaluate("() => __md_get('__tabs')") == ["Firefox"]


# Each label: is it inside its bar, and is its own text cut?
CLIPPED = """() => [...document.querySelectorAll('.tabbed-labels')].flatMap(bar => {
  const box = bar.getBoundingClientRect();
  return [...bar.querySelectorAll(':scope > label')].filter(label => {
    const r = label.getBoundingClientRect();
    const outside = r.left < box.left - 1 || r.right > box.right + 1;
    const reachable = bar.scrollWidth > bar.clientWidth && getComputedStyle(bar).overflowX !== 'hidden';
    return (outside && !reachable) || label.scrollWidth > label.clientWidth + 1;
  }).map(label => label.textContent.trim());
})"""


@pytest.mark.parametrize("reader", ["android", "iphone"], indirect=True)
@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_no_tab_label_is_cut_off_on_a_phone(reader, site_url, lang):
    page = reader[0]
    for path in PAGES:
        page.goto(f"{site_url}{LANG_PREFIX[lang]}{path}")
        tab_sets(page)
        assert page.evaluate(CLIPPED) == [], path
        # Nothing hides a label under the theme's scroll arrows: every label sits in view.
        inside = page.evaluate(
            """() => [...document.querySelectorAll('.tabbed-labels > label')].every(label => {
              const r = label.getBoundingClientRect(), bar = label.parentElement.getBoundingClientRect();
              return r.left >= bar.left - 1 && r.right <= bar.right + 1 && r.width > 0;
            })"""
        )
        assert inside, path
        labels = {s for tab_set in page.evaluate(TAB_SETS) for s in tab_set["labels"]}
        assert OS_LABELS & labels or BROWSER_LABELS & labels
