"""How pages print (docs/assets/print.css, print.js), in headless Chromium with print media."""

from __future__ import annotations

import pytest

from hooks import checklist
from tests.conftest import LANG_PREFIX

VISIBLE = "el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_check_widget_prints_as_one_line_with_the_checks_url(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "basics.html")
    panel = "#check-connectivity"
    page.wait_for_selector(f"{panel} .ck-controls:not([hidden])")  # the widget is live on screen
    assert page.eval_on_selector(f"{panel} .ck-print", VISIBLE) is False
    assert page.eval_on_selector(f"{panel} .ck-run", VISIBLE) is True

    page.emulate_media(media="print")
    line = page.locator(f"{panel} .ck-print")
    assert line.is_visible()
    assert checklist.checks_url(lang) in line.inner_text()
    assert page.eval_on_selector(f"{panel} .ck-print svg.qr", VISIBLE) is True
    # One line: the QR code and the text side by side, no taller than the QR code.
    box = line.bounding_box()
    qr = page.locator(f"{panel} .ck-print svg").bounding_box()
    assert box["height"] <= qr["height"] + 2
    for interactive in (".ck-run", ".ck-title", ".ck-intro", ".ck-fallback", ".ck-findings"):
        assert page.eval_on_selector(f"{panel} {interactive}", VISIBLE) is False, interactive
    assert page.eval_on_selector(f"{panel} .help-file-notice", VISIBLE) is False


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_external_links_print_their_target_and_headings_keep_with_the_next(page, site_url, lang):
    page.goto(site_url + LANG_PREFIX[lang] + "basics.html")
    after = "a => getComputedStyle(a, '::after').content"
    link = page.locator('.md-content a[href^="https://"]:not(.md-button)').first
    href = link.get_attribute("href")
    assert link.evaluate(after) == "none"  # on screen, nothing is added
    page.emulate_media(media="print")
    assert href in link.evaluate(after)
    # Internal links print as they are.
    internal = page.locator('.md-content a[href$=".html"], .md-content a[href*=".html#"]').first
    assert internal.evaluate(after) in ("none", "normal")
    # The page's chrome stays off paper; a step heading is never left at the foot of a page.
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.eval_on_selector(chrome, VISIBLE) is False, chrome
    assert page.eval_on_selector("h2.step", "h => getComputedStyle(h).breakAfter") == "avoid"


def test_a_link_that_shows_its_address_does_not_print_it_twice(page, site_url):
    # The notifications page shows the workstation's address as a link's text.
    page.goto(site_url + "notifications.html")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="http"]')]
        .filter(a => !a.closest('.ck-print') && a.textContent.trim() === a.getAttribute('href'))
        .map(a => [a.classList.contains('print-shows-url'), getComputedStyle(a, '::after').content])""")
    assert shown, "no link shows its own address on this page any more: pick another page"
    assert all(marked and after == "none" for marked, after in shown), shown


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_checklist_page_prints_without_navigation_and_with_its_qr(page, site_url, lang):
    page.goto(site_url + checklist.PAGE[lang])
    assert page.locator(".cl-pdf a").is_visible()
    page.emulate_media(media="print")
    assert page.eval_on_selector(".cl-pdf", VISIBLE) is False
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.eval_on_selector(chrome, VISIBLE) is False, chrome
    assert page.eval_on_selector(".cl-online svg.qr", VISIBLE) is True
    rows = page.locator("tr[data-step]")
    assert rows.count() > 40
    # Every row has its tick box and empty room for the time and the result.
    assert page.evaluate(
        """() => [...document.querySelectorAll('tr[data-step]')].every(tr =>
            tr.querySelector('.cl-box') && tr.querySelector('.cl-time').textContent === ''
            && tr.querySelector('.cl-result').textContent === '')"""
    )


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_probe_and_report_controls_do_not_print(page, site_url, lang):
    """The probe's bookmark, code line, copy button and source, and the report's save and share
    controls only work on a screen: on paper they are left out, the text around them is not."""
    page.goto(site_url + LANG_PREFIX[lang] + "checks.html")
    screen_only = (".ws-probe .ws-bookmarklet", ".ws-probe .ws-console", ".ws-probe .ws-source", ".rp-controls")
    page.wait_for_selector(".ws-probe .ws-bookmarklet")
    assert page.eval_on_selector(".ws-probe .ws-source", VISIBLE) is True
    page.emulate_media(media="print")
    for selector in screen_only:
        assert page.eval_on_selector(selector, VISIBLE) is False, selector
    assert page.eval_on_selector("#workstation-probe", VISIBLE) is True  # the section's heading still prints
