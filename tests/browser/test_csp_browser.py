"""The whole site under its own Content-Security-Policy (hooks/csp.py), sent as the <meta> the
build writes and as the header scripts/serve_site.py sends (as the README's nginx sample does):
every page in both languages, search, the palette toggle and its icons, the checks against the
local probe server, the request builder. Zero `securitypolicyviolation` events, zero console
errors. One build and one browser context for the module. Violations inside workers (the checks'
Pyodide worker, the search worker) fire neither event on the page nor a console message, so the
test server also asks for reports (`report-uri`) and the last test reads them."""

from __future__ import annotations

import functools
import json
import threading
from typing import ClassVar

import pytest

from hooks import csp
from scripts import serve_site
from tests.browser.panels import search
from tests.conftest import LANG_PREFIX, PAGES, build_site, guard

# Recorded before any page script runs (an init script is not subject to the page's CSP).
# Violations in workers reach the page's console as errors, which guard() collects.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory, probe_server):
    """The site built with the probe hosts on the local probe server, served with the CSP header."""
    dest = tmp_path_factory.mktemp("csp-build") / "site"
    result = build_site(dest, probe_server.settings_overlay())
    assert result.returncode == 0, result.stdout + result.stderr
    headers = serve_site.csp_headers(dest)
    reports: list[dict] = []

    class Reporting(serve_site.SiteHandler):
        # The policy as served, plus where the browser posts each violation (pages and workers).
        extra_headers: ClassVar[dict[str, str]] = {
            "Content-Security-Policy": headers["Content-Security-Policy"] + "; report-uri /__csp-report"
        }

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            reports.append(json.loads(body or b"{}").get("csp-report", {}))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = serve_site.SiteServer(("127.0.0.1", 0), functools.partial(Reporting, directory=str(dest)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield {"base": base, "dir": dest, "header": headers, "reports": reports}
    serve_site.stop(server)


@pytest.fixture(scope="module")
def csp_page(browser, csp_site):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = guard(context, context.new_page())
    yield page
    context.close()


@pytest.fixture(autouse=True)
def clean(csp_page, probe_server):
    probe_server.reset()
    csp_page.errors.clear()
    csp_page.foreign_requests.clear()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def assert_clean(page, where: str) -> None:
    assert violations(page) == [], where
    assert page.errors == [], where
    assert page.foreign_requests == [], where


def test_the_policy_arrives_as_header_and_meta(csp_page, csp_site):
    response = csp_page.goto(csp_site["base"] + "index.html")
    header = response.headers["content-security-policy"].removesuffix("; report-uri /__csp-report")
    meta = csp_page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert header == csp.header_policy(meta) == csp_site["header"]["Content-Security-Policy"]
    assert "frame-ancestors" in header and "frame-ancestors" not in meta
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    # The probe hosts of this build are the local probe server: connect-src names them.
    assert "http://127.0.0.1:" in meta.split("connect-src", 1)[1].split(";", 1)[0]


def test_the_listener_sees_a_violation(csp_page, csp_site):
    """The check itself must be able to fail: an injected inline script is refused and seen
    both as an event and as a console error."""
    csp_page.goto(csp_site["base"] + "en/index.html")
    csp_page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.head.append(s); }"
    )
    csp_page.wait_for_function("window.__violations.length > 0")
    assert csp_page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in violations(csp_page))
    assert any("Content Security Policy" in e for e in csp_page.errors), csp_page.errors


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_page_loads_without_a_violation(csp_page, csp_site, lang):
    paths = [f"{LANG_PREFIX[lang]}{name}.html" for name in PAGES]
    paths += (
        [f"{LANG_PREFIX[lang]}checklist.html"]
        if (csp_site["dir"] / f"{LANG_PREFIX[lang]}checklist.html").is_file()
        else []
    )
    if lang == "zh":
        paths.append("404.html")  # what nginx's error_page sends for a missing page
    runtime_seen = False
    for path in paths:
        csp_page.goto(csp_site["base"] + path, wait_until="load")
        if csp_page.locator(".ck-panel").count() and not runtime_seen:
            # The runtime (Pyodide in a worker, under the header's policy) warms up when idle: once
            # per language is enough to prove the policy lets it load (the same files on every page).
            csp_page.wait_for_selector(".ck-panel[data-runtime=ready]", state="attached", timeout=60000)
            runtime_seen = True
        csp_page.wait_for_load_state("networkidle")
        # The theme's inline scripts ran: no __md_get error, and the JS class is set.
        assert csp_page.evaluate("typeof __md_get") == "function", path
        assert "js" in csp_page.evaluate("document.documentElement.className").split(), path
        # Over http the file:// notice stays hidden.
        assert csp_page.locator(".help-file-notice:visible").count() == 0, path
        assert csp_page.errors == [], path
        assert violations(csp_page) == [], path
    assert_clean(csp_page, lang)


@pytest.mark.parametrize(
    ("lang", "query", "expected"), [("zh", "通知", "notifications.html"), ("en", "cache", "basics.html")]
)
def test_search_works(csp_page, csp_site, lang, query, expected):
    csp_page.goto(f"{csp_site['base']}{LANG_PREFIX[lang]}index.html")
    hits = search(csp_page, query)
    assert any(h.endswith(LANG_PREFIX[lang] + expected) for h in hits[:5]), hits[:5]
    assert_clean(csp_page, f"search {lang}")


def test_palette_toggle_shows_and_switches_with_its_icons(csp_page, csp_site):
    csp_page.goto(csp_site["base"] + "en/basics.html")
    toggle = csp_page.locator("form[data-md-component=palette] label:visible")
    assert toggle.count() == 1
    before = csp_page.evaluate("document.body.dataset.mdColorScheme")
    # The toggle's icon is inline SVG; it renders with a size.
    box = toggle.locator("svg").bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    toggle.click()
    csp_page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=before)
    # The choice is saved by the theme's inline helpers (__md_set) and restored on the next page.
    after = csp_page.evaluate("document.body.dataset.mdColorScheme")
    csp_page.goto(csp_site["base"] + "en/faq.html")
    assert csp_page.evaluate("document.body.dataset.mdColorScheme") == after
    # The theme's data: icons (CSS masks on ::before/::after: navigation, admonitions, details)
    # are in use on the page, and no violation below means img-src let them load.
    masks = csp_page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el => ['::before', '::after'].map(p => {
          const st = getComputedStyle(el, p); return st.maskImage || st.webkitMaskImage || 'none';
        })).filter(m => m.startsWith('url("data:'))"""
    )
    assert masks, "no data: icon on the page"
    assert_clean(csp_page, "palette")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_checks_run(csp_page, csp_site, lang):
    csp_page.goto(f"{csp_site['base']}{LANG_PREFIX[lang]}checks.html", wait_until="load")
    csp_page.locator("#check-all .ck-run").click()
    csp_page.locator("#check-all .ck-summary:not([hidden])").wait_for(timeout=60000)
    csp_page.wait_for_function("() => !document.querySelector('#check-all').hasAttribute('aria-busy')")
    statuses = csp_page.locator("#check-all .ck-finding").evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses, "no findings"
    # The probes reached the probe server (connect-src allows it): connectivity is judged fine.
    assert csp_page.locator("#check-all [data-finding=conn-hosts][data-status=ok]").count() == 1
    assert_clean(csp_page, f"checks {lang}")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_request_builder_runs(csp_page, csp_site, lang):
    csp_page.goto(f"{csp_site['base']}{LANG_PREFIX[lang]}request.html", wait_until="load")
    csp_page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    field = csp_page.locator("#rq textarea, #rq input[type=text]").first
    field.fill("CSP-token-42")
    csp_page.wait_for_function(
        "() => ['text', 'markdown', 'json'].every(o => document.querySelector(`[data-out=${o}]`).value.includes('CSP-token-42'))",
        timeout=15000,
    )
    assert_clean(csp_page, f"request {lang}")


def test_no_violation_was_reported_not_even_in_a_worker(csp_page, csp_site):
    """Last: every report the browser posted during this module. A violation provoked in the
    checks' worker shows that reports from workers arrive; it must be the only one besides the
    injected script of test_the_listener_sees_a_violation."""
    csp_page.goto(csp_site["base"] + "en/checks.html", wait_until="load")
    csp_page.wait_for_selector(".ck-panel[data-runtime=ready]", state="attached", timeout=60000)
    worker = next(w for w in csp_page.workers if w.url.endswith("/checks-worker.js"))
    worker.evaluate("fetch('https://csp-canary.invalid/').catch(() => {})")
    # The report is posted asynchronously: wait (up to 30 s) until the server has it.
    reports = csp_site["reports"]
    for _ in range(300):
        if any("csp-canary.invalid" in r.get("blocked-uri", "") for r in reports):
            break
        csp_page.wait_for_timeout(100)
    else:
        pytest.fail(f"the worker's violation was never reported: {reports}")
    unexpected = [
        r
        for r in reports
        if "csp-canary.invalid" not in r.get("blocked-uri", "")
        and not (r.get("blocked-uri") == "inline" and r.get("document-uri", "").endswith("/en/index.html"))
    ]
    assert unexpected == []
