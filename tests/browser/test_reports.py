"""Saved and shared reports (report.js) and the compare page (compare.js), in headless Chromium
with its default flags, in both languages: a saved report loads back, a share link opens the same
findings in the other language, two reports that differ in one fact show it, unreadable reports
each get a message while the others load, and text from a report is only ever text."""

from __future__ import annotations

import json

import pytest

from checks.report import build, encode
from hooks import guide_data
from tests.browser.panels import AXE, CJK, LANGS, assert_language, findings, open_checks, run_panel
from tests.conftest import LANG_PREFIX, guard
from tests.unit.request_data import META, typical_facts, typical_probe

HOSTILE = '<img src=x onerror=alert(1)>"><svg onload=alert(1)></textarea><script>alert(1)</script>'
OTHER = {"zh": "en", "en": "zh"}


@pytest.fixture(autouse=True)
def fresh_probe(probe_server):
    probe_server.reset()
    yield probe_server
    probe_server.reset()


@pytest.fixture
def page(browser):
    """A guarded page on which any dialog fails the test."""
    context = browser.new_context(timezone_id=guide_data.settings()["service_timezone"], accept_downloads=True)
    page = guard(context, context.new_page())
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert dialogs == [], dialogs


def native_report(**changes) -> dict:
    report = build(typical_facts(), None, typical_probe(), META, guide_data.settings())
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = report["facts"]
        for name in parents:
            node = node[name]
        node[last] = value
    return report


def as_file(name: str, content) -> dict:
    text = content if isinstance(content, str) else json.dumps(content)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


def open_compare(page, base: str, lang: str):
    page.goto(f"{base}{LANG_PREFIX[lang]}compare.html", wait_until="load")
    page.locator(".cmp-files").wait_for(state="visible")


def load_files(page, files: list[dict]) -> None:
    page.locator(".cmp-files").set_input_files(files)
    page.wait_for_function(
        "n => document.querySelectorAll('.cmp-item').length === n && !document.querySelector('.cmp').hasAttribute('aria-busy')",
        arg=len(files),
        timeout=60000,
    )


def assert_axe_clean(page) -> None:
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run()).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


def compared_statuses(page, column: int = 0) -> dict[str, str]:
    return page.locator(".cmp-findings tbody tr").evaluate_all(
        "(rows, c) => Object.fromEntries(rows.map(r => [r.dataset.finding, r.querySelectorAll('td')[c].dataset.status]))",
        column,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_saved_report_loads_back_with_the_same_findings(page, probe_site_url, lang):
    open_checks(page, probe_site_url, lang)
    result = run_panel(page)
    with page.expect_download() as info:
        page.locator(".rp-save").click()
    download = info.value
    assert download.suggested_filename.startswith("report-") and download.suggested_filename.endswith(".json")
    report = json.loads(download.path().read_text(encoding="utf-8"))
    assert report["kind"] == "diagnostic-report" and report["schema"] == 1
    assert {"connectivity", "notifications", "browser"} <= set(report["facts"])
    assert page.locator(".rp-status").inner_text().find(download.suggested_filename) >= 0
    open_compare(page, probe_site_url, lang)
    load_files(page, [as_file(download.suggested_filename, report)])
    assert compared_statuses(page) == result
    # One report: it loads, and the page says a comparison needs two.
    assert page.locator(".cmp-notice").count() == 1
    assert bool(CJK.search(page.locator(".cmp-notice").inner_text())) == (lang == "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_the_share_link_opens_the_same_findings_in_the_other_language(page, probe_site_url, lang):
    open_checks(page, probe_site_url, lang)
    result = run_panel(page)
    page.locator(".rp-share").click()
    field = page.locator(".rp-link-field")
    field.wait_for(state="visible")
    link = field.input_value()
    assert link.startswith(f"{probe_site_url}{LANG_PREFIX[lang]}checks.html#report=")
    assert len(link) <= 2000, len(link)
    # The QR code: drawn by segno in the worker, an <img>, never markup in the page.
    page.wait_for_function(
        "() => { const q = document.querySelector('.rp-qr'); return !q.hidden && q.naturalWidth > 100; }"
    )
    assert page.locator(".rp-link svg").count() == 0
    other = OTHER[lang]
    page.goto(f"{probe_site_url}{LANG_PREFIX[other]}checks.html#report={link.split('#report=')[1]}", wait_until="load")
    view = page.locator(".rp-view")
    page.wait_for_selector(".rp-view:not([aria-busy]) .ck-finding", timeout=60000)
    assert findings(page, ".rp-view") == result
    assert_language(page, other, ".rp-view")
    banner = view.locator(".rp-banner").inner_text()
    assert bool(CJK.search(banner)) == (other == "zh") and "127.0.0.1" not in banner
    # Read-only: closing it leaves the page's own checks, and the address loses the report.
    view.locator(".rp-close").click()
    assert page.locator(".rp-view").count() == 0 and "#report=" not in page.url


@pytest.mark.parametrize("lang", LANGS)
def test_two_reports_that_differ_in_one_fact_show_it(page, site_url, lang):
    a, b = native_report(), native_report(**{"browser.cookies": False})
    open_compare(page, site_url, lang)
    load_files(page, [as_file("a.json", a), as_file("b.json", b)])
    rows = page.locator(".cmp-differences tbody tr.cmp-diff")
    assert rows.count() == 1
    assert rows.get_attribute("data-path") == "browser.cookies"
    assert rows.locator("mark").all_inner_texts() == ["true", "false"]
    changed = page.locator(".cmp-findings tr.cmp-changed")
    assert changed.count() == 1 and changed.get_attribute("data-finding") == "browser-storage"
    assert compared_statuses(page, 1)["browser-storage"] == "fail"
    assert_axe_clean(page)


@pytest.mark.parametrize("lang", LANGS)
def test_several_reports_are_grouped(page, site_url, lang):
    reports = [
        native_report(),
        native_report(**{"browser.cookies": False}),
        native_report(**{"browser.cookies": False}),
    ]
    open_compare(page, site_url, lang)
    load_files(page, [as_file(f"agent-{i}.json", r) for i, r in enumerate(reports)])
    group = page.locator(".cmp-group[data-group=some] [data-finding=browser-storage]")
    assert group.count() == 1
    assert "agent-1.json" in group.inner_text() and "agent-0.json" not in group.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_each_unreadable_report_gets_a_message_and_the_others_load(page, site_url, lang):
    good = native_report()
    text = json.dumps(good)
    newer = {**good, "schema": 2}
    open_compare(page, site_url, lang)
    files = [
        as_file("good-1.json", good),
        as_file("malformed.json", text.replace('"facts":', '"facts"', 1)),
        as_file("truncated.json", text[: len(text) // 2]),
        as_file("not-a-report.json", {"hello": "world"}),
        as_file("newer.json", newer),
        as_file("good-2.json", native_report(**{"browser.cookies": False})),
    ]
    load_files(page, files)
    # A cut-off share link, pasted.
    page.locator(".cmp-paste").fill(f"{site_url}checks.html#report={encode(good)[:-40]}")
    page.locator(".cmp-add").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.cmp-item').length === 7 && !document.querySelector('.cmp').hasAttribute('aria-busy')"
    )
    bad = page.locator(".cmp-item.cmp-bad")
    assert bad.count() == 5
    messages = bad.locator(".cmp-error").all_inner_texts()
    assert len(set(messages)) == 5, messages  # each says what is wrong with it
    for message in messages:
        assert bool(CJK.search(message)) == (lang == "zh"), message
    # The two good ones still compare.
    assert page.locator(".cmp-differences tr.cmp-diff").count() == 1
    assert page.locator(".cmp-findings thead th").count() == 3


@pytest.mark.parametrize("lang", LANGS)
def test_text_from_a_report_is_only_ever_text(page, site_url, lang):
    hostile = native_report(**{"browser.time_zone": HOSTILE})
    open_compare(page, site_url, lang)
    load_files(page, [as_file(f"{HOSTILE}.json", hostile), as_file("plain.json", native_report())])
    assert HOSTILE in page.locator(".cmp-differences mark").all_inner_texts()
    assert page.locator(".cmp-item strong").first.inner_text() == f"{HOSTILE}.json"
    assert page.locator(".cmp img, .cmp svg, .cmp script").count() == 0
    # The same report opened from a share link: shown as text in the read-only view.
    page.goto(f"{site_url}{LANG_PREFIX[lang]}checks.html#report={encode(hostile)}", wait_until="load")
    page.wait_for_selector(".rp-view:not([aria-busy]) .ck-finding", timeout=60000)
    assert json.dumps(HOSTILE)[1:-1] in page.locator(".rp-view .ck-facts").text_content()  # as JSON text
    assert page.locator(".rp-view img, .rp-view svg, .rp-view script").count() == 0
    assert_axe_clean(page)


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_share_link_says_so(page, site_url, lang):
    newer = encode({**native_report(), "schema": 2})
    for code, must in ((newer, "2"), ("not*base64", None), (encode(native_report())[:-30], None)):
        page.goto(f"{site_url}{LANG_PREFIX[lang]}checks.html#report={code}", wait_until="load")
        alert = page.locator(".rp-view [role=alert]")
        alert.wait_for(timeout=60000)
        text = alert.inner_text()
        assert bool(CJK.search(text)) == (lang == "zh"), text
        assert must is None or must in text
        assert page.locator(".rp-view .ck-finding").count() == 0
