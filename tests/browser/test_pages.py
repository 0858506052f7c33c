"""Every page in headless Chromium: no other host, no console error, search,
language switch, accessibility (axe-core) and printing."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.panels import CJK, search
from tests.conftest import LANG_PREFIX, ROOT, guard, page_paths

AXE = ROOT / "node_modules/axe-core/axe.min.js"


@pytest.mark.parametrize("path", page_paths())
def test_page_loads_only_from_this_host_without_console_errors(guarded_page, site_url, path):
    page = guarded_page
    page.goto(site_url + path, wait_until="load")
    # Pages with checks warm the Python runtime when idle: wait for it, so its requests
    # and any error it logs are seen too. Other pages: let the search worker settle.
    if page.locator(".ck-panel").count():
        page.wait_for_selector(".ck-panel[data-runtime=ready]", state="attached", timeout=60000)
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    assert page.errors == []


# The page scripts of the check widgets; the worker comes later, when the runtime warms up.
CHECK_MODULES = {"checks-panel.js", "facts.js", "runtime-client.js", "findings-view.js"}
# Counts AudioContext constructions (facts.js reads the autoplay state with one).
COUNT_AUDIO_CONTEXTS = """
window.__audioContexts = 0;
for (const name of ["AudioContext", "webkitAudioContext"]) {
  const Real = window[name];
  if (Real) window[name] = class extends Real {
    constructor(...args) { super(...args); window.__audioContexts += 1; }
  };
}
"""


@pytest.mark.parametrize(
    ("path", "modules", "audio_contexts"),
    [
        ("en/faq.html", set(), 0),
        ("faq.html", set(), 0),
        ("en/index.html", set(), 0),
        # Panels without a sound check load the checks but need no AudioContext.
        ("en/basics.html", CHECK_MODULES, 0),
        ("en/checks.html", CHECK_MODULES, 1),
        ("checks.html", CHECK_MODULES, 1),
    ],
)
def test_only_pages_with_checks_load_the_checks(guarded_page, site_url, path, modules, audio_contexts):
    page = guarded_page
    page.add_init_script(COUNT_AUDIO_CONTEXTS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.split("?")[0].rsplit("/", 1)[-1]))
    page.goto(site_url + path, wait_until="load")
    if modules:
        page.wait_for_selector(".ck-panel .ck-run:visible")  # the page script ran
    assert CHECK_MODULES & set(requested) == modules
    assert page.evaluate("window.__audioContexts") == audio_contexts
    assert "print.js" in requested
    assert page.errors == []


def test_route_guard_catches_a_foreign_request(browser, site_url):
    """The guard itself must be able to fail. The site's own CSP stops such a request before
    it reaches the network (tests/browser/test_csp_browser.py), so this context bypasses it."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = guard(context, context.new_page())
        page.goto(site_url + "index.html")
        with page.expect_event("requestfailed"):  # the guard aborted it
            page.evaluate(
                "() => { const i = new Image(); i.src = 'http://example.invalid/x.png'; document.body.append(i); }"
            )
        assert page.foreign_requests == ["http://example.invalid/x.png"]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("index.html", "通知", "notifications.html"),
        ("index.html", "缓存", "basics.html"),
        ("en/index.html", "notification", "en/notifications.html"),
        ("en/index.html", "cache", "en/basics.html"),
        # Each language's pages search their own language's index (hooks/search_index.py).
        ("en/index.html", "Do Not Disturb", "en/notifications.html"),
        ("index.html", "WebSocket", "basics.html"),
    ],
)
def test_search_finds_the_right_page(guarded_page, site_url, start, query, expected):
    page = guarded_page
    page.goto(site_url + start)
    hits = search(page, query)
    assert site_url + expected in hits[:5], hits[:5]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_search_dialog_has_a_name(guarded_page, site_url, lang):
    """overrides/main.html names the theme's search dialog by editing the theme's own
    markup; this fails if a theme upgrade changes that markup and the fix stops applying."""
    page = guarded_page
    page.goto(site_url + LANG_PREFIX[lang] + "faq.html")
    # The theme's own word for "search" in this language, from the theme's search options.
    name = page.locator(".md-search__options").get_attribute("aria-label")
    assert name and bool(CJK.search(name)) == (lang == "zh"), name
    page.locator("input.md-search__input").click()
    expect(page.get_by_role("dialog", name=name, exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("start", "target_lang", "expected"),
    [
        ("basics.html", "en", "en/basics.html"),
        ("en/notifications.html", "zh", "notifications.html"),
        ("en/faq.html", "zh", "faq.html"),
    ],
)
def test_language_switch_keeps_the_page(guarded_page, site_url, start, target_lang, expected):
    page = guarded_page
    page.goto(site_url + start)
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{target_lang}']").click()
    page.wait_for_url(site_url + expected)
    assert page.locator("html").get_attribute("lang") == target_lang
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_paths())
def test_no_serious_accessibility_violation(guarded_page, site_url, path, scheme):
    page = guarded_page
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run()).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_printed_page_shows_every_tab_and_collapsed_block(page, site_url, tmp_path, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "notifications.html")
    hidden = page.evaluate("""() => ({
        tab: document.querySelector('.tabbed-set .tabbed-block:last-child').innerText.trim().slice(0, 20),
        tabLabel: [...document.querySelectorAll('.tabbed-set')[0].querySelectorAll('.tabbed-labels > label')].pop().innerText.trim(),
        details: [...document.querySelectorAll('details:not([open])')].map(d => d.querySelector(':scope > :not(summary)').textContent.trim().slice(0, 20))[0],
    })""")
    assert hidden["tab"] and hidden["details"], hidden
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = _squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert _squash(hidden["tab"]) in text
    assert _squash(hidden["tabLabel"]) in text
    assert _squash(hidden["details"]) in text
