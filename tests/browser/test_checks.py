"""The real Pyodide checks in headless Chromium, against the built site and the local
probe server (tests/probe_server.py) playing the chat product's hosts. Chromium runs
with its default flags and permissions, as on a new agent's desk. Every case runs in
both languages."""

from __future__ import annotations

import re

import pytest

from hooks import guide_data
from tests.browser.panels import (
    AXE,
    CJK,
    LANGS,
    assert_language,
    deny,
    findings,
    judged_facts,
    open_checks,
    problems,
    run_panel,
    wait_done,
)
from tests.conftest import LANG_PREFIX, guard

ALL_CLEAR = {"zh": "全部正常", "en": "All clear"}


@pytest.fixture(scope="session")
def settings_timezone() -> str:
    return guide_data.settings()["service_timezone"]


@pytest.fixture(autouse=True)
def fresh_probe(probe_server):
    probe_server.reset()
    yield probe_server
    probe_server.reset()


def grant(context, base: str):
    context.grant_permissions(["notifications"], origin=base.rstrip("/"))


def answer_the_questions(panel, saw: str):
    """What an agent does: try the test notification and the test sound, and answer."""
    panel.locator("[data-ask=saw_notification] .ck-try").click()
    panel.locator(f"[data-ask=saw_notification] input[value={saw}]").check()
    panel.locator("[data-ask=heard_sound] .ck-try").click()
    panel.locator("[data-ask=heard_sound] input[value=yes]").check()
    panel.locator("[data-ask=os_dnd_on] input[value=no]").check()


@pytest.mark.parametrize("lang", LANGS)
def test_a_healthy_machine_is_all_clear(browser, settings_timezone, probe_site_url, lang):
    """Default flags, no permission granted: the help site cannot show a notification
    itself, and its sound needs a click. Neither says anything about the workstation."""
    context = browser.new_context(timezone_id=settings_timezone)
    page = guard(context, context.new_page())
    open_checks(page, probe_site_url, lang)
    panel = page.locator("#check-all")
    result = run_panel(page)
    answer_the_questions(panel, saw="no")  # it could not show here
    page.wait_for_function(
        "() => document.querySelector('#check-all [data-finding=notify-os-dnd]')?.dataset.status === 'ok'"
        " && !document.querySelector('#check-all').hasAttribute('aria-busy')"
    )
    result = findings(page)
    assert problems(result) == {}, result
    assert result["notify-test-seen"] == "unknown", result  # never a problem: it says nothing about the workstation
    summary = panel.locator(".ck-summary")
    assert summary.get_attribute("data-problems") == "0" and summary.get_attribute("data-warnings") == "0"
    text = summary.inner_text()
    assert text.startswith(ALL_CLEAR[lang]), text
    # Shown once, in the live region; what could not be judged is listed in view, not folded away.
    assert panel.inner_text().count(text) == 1
    assert panel.locator(".ck-status .ck-summary").count() == 1
    unknown = [fid for fid, status in result.items() if status == "unknown"]
    assert unknown
    in_view = panel.locator(".ck-unknowns > ul > .ck-finding").evaluate_all("els => els.map(e => e.dataset.finding)")
    assert sorted(in_view) == sorted(unknown)
    assert panel.locator(".ck-passed .ck-unknown").count() == 0
    facts = judged_facts(page)
    assert facts["notifications"]["permission"] in ("default", "denied")
    assert_language(page, lang)
    assert page.foreign_requests == [] and page.errors == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_help_site_permission_denied_is_no_problem(guarded_page, context, probe_site_url, lang):
    page = guarded_page
    cdp = deny(context, page, probe_site_url)  # kept open: the setting lasts while the session does
    open_checks(page, probe_site_url, lang)
    panel = page.locator("#check-all")
    run_panel(page)
    panel.locator("[data-ask=saw_notification] .ck-try").click()
    panel.locator("[data-ask=saw_notification] input[value=no]").check()
    page.wait_for_function(
        "() => document.querySelector('#check-all [data-finding=notify-test-seen]')?.dataset.status === 'unknown'"
        " && !document.querySelector('#check-all').hasAttribute('aria-busy')"
    )
    result = findings(page)
    assert judged_facts(page)["notifications"]["permission"] == "denied"
    for fid in problems(result):
        assert not fid.startswith("notify-"), result
        assert page.locator(f"#check-all [data-finding={fid}]").get_attribute("data-scope") != "help-tab", fid
    # What the help tab sees is labelled as being about this help page, never about the workstation.
    scopes = page.locator("#check-all .ck-finding").evaluate_all("els => els.map(e => e.dataset.scope)")
    assert "" not in scopes and set(scopes) <= {"browser", "help-tab", "workstation", "settings", "team"}
    assert page.errors == []
    cdp.detach()


@pytest.mark.parametrize("lang", LANGS)
def test_answers_become_findings_at_once_before_and_after_a_run(guarded_page, context, probe_site_url, lang):
    grant(context, probe_site_url)
    page = open_checks(guarded_page, probe_site_url, lang, "notifications")
    panel = page.locator("#check-notifications")
    # Before any run: answering is enough to get findings.
    panel.locator("[data-ask=os_dnd_on] input[value=yes]").check()
    wait_done(page, "#check-notifications")
    assert findings(page, "#check-notifications")["notify-os-dnd"] == "fail"
    # After a run: the answer is judged with the facts already collected, without probing again.
    probes: list[str] = []
    page.on("request", lambda request: probes.append(request.url) if "/time" in request.url else None)
    panel.locator("[data-ask=saw_notification] .ck-try").click()
    panel.locator("[data-ask=saw_notification] input[value=no]").check()
    page.wait_for_function(
        "() => document.querySelector('#check-notifications [data-finding=notify-test-seen]')?.dataset.status === 'fail'"
    )
    panel.locator("[data-ask=os_dnd_on] input[value=no]").check()
    page.wait_for_function(
        "() => document.querySelector('#check-notifications [data-finding=notify-os-dnd]')?.dataset.status === 'ok'"
        " && !document.querySelector('#check-notifications').hasAttribute('aria-busy')"
    )
    assert probes == []
    assert judged_facts(page, "#check-notifications")["notifications"]["answers"] == {
        "saw_notification": False,
        "heard_sound": None,
        "os_dnd_on": False,
    }
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_offline_is_reported(guarded_page, context, probe_site_url, lang):
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    # Load the runtime first, as a visit before the network dropped would have.
    run_panel(page, "#check-connectivity")
    context.set_offline(True)
    result = run_panel(page, "#check-connectivity")
    context.set_offline(False)
    assert result["conn-online"] == "fail", result
    assert_language(page, lang, "#check-connectivity")
    # The one problem leads; what could not be judged because of it is folded under one line.
    panel = page.locator("#check-connectivity")
    shown = panel.evaluate(
        "p => [...p.querySelector('.ck-findings').children].filter(e => e.matches('.ck-finding')).map(e => e.dataset.finding)"
    )
    assert shown == ["conn-online"], shown
    unknown = sorted(fid for fid, status in result.items() if status == "unknown")
    assert unknown
    folded = panel.locator(".ck-folded > details > ul > .ck-finding")
    assert sorted(folded.evaluate_all("els => els.map(e => e.dataset.finding)")) == unknown
    assert panel.locator(".ck-folded > details").get_attribute("open") is None
    assert not folded.first.is_visible()
    assert str(len(unknown)) in panel.locator(".ck-folded summary").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_websocket_refused_while_http_works(guarded_page, probe_server, probe_site_url, lang):
    probe_server.state.ws_mode = "refuse"
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-connectivity")
    assert result["conn-hosts"] == "ok", result
    assert result["conn-websocket"] == "fail", result
    text = page.locator("#check-connectivity [data-finding=conn-websocket]").text_content()
    assert ("WebSocket" in text) and (bool(CJK.search(text)) == (lang == "zh"))


@pytest.mark.parametrize("lang", LANGS)
def test_slow_host_gives_a_latency_warning(guarded_page, probe_server, probe_site_url, lang):
    # Only relations are asserted, never a time window: the machine may be busy.
    probe_server.state.delay_ms = 1500
    probe_server.state.slow_hosts = ("static",)
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-connectivity")
    assert result.get("conn-latency") == "warn", result
    finding = page.locator("#check-connectivity [data-finding=conn-latency]")
    text = finding.text_content()
    # Each slow host is listed with its time: "http://…/static/ (1503 ms)" or "http://…/static/（1503 毫秒）".
    flagged = {url: int(ms) for url, ms in re.findall(r"(http://[^\s（(]+)\s?[（(](\d+)", text)}
    slow_url = f"http://127.0.0.1:{probe_server.port}/static/"
    assert list(flagged) == [slow_url], text  # the delayed host, and neither fast one
    assert flagged[slow_url] >= probe_server.state.delay_ms, text
    # Some hosts slow, not all: the finding points at the hosts step, not the cross-border one.
    assert finding.locator("a.ck-step").get_attribute("href").endswith("#net-hosts")


@pytest.mark.parametrize("lang", LANGS)
def test_missing_wasm_gives_a_clear_message_and_no_uncaught_error(guarded_page, context, probe_site_url, lang):
    page = guarded_page
    context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not found"))
    open_checks(page, probe_site_url, lang, "basics")
    page.locator("#check-connectivity .ck-run").click()
    status = page.locator("#check-connectivity .ck-status.ck-error")
    status.wait_for(timeout=60000)
    text = status.inner_text()
    assert bool(CJK.search(text)) == (lang == "zh"), text
    assert ("手动" in text) if lang == "zh" else ("by hand" in text or "manual" in text), text
    # The browser's own words are kept for engineers, under "Technical details", not in the message.
    assert "404" not in text and "wasm" not in text, text
    assert "404" in page.locator("#check-connectivity .ck-tech-error").text_content()
    assert [e for e in page.errors if e.startswith("pageerror")] == []
    # The manual steps are still there and the button can be tried again.
    assert page.locator("#net-online").is_visible()
    assert page.locator("#check-connectivity .ck-run").is_enabled()


@pytest.mark.parametrize("lang", LANGS)
def test_page_opened_from_disk_explains_and_keeps_the_steps(page, probe_site_url, built_site, lang):
    page.goto((built_site / f"{LANG_PREFIX[lang]}basics.html").as_uri())
    fallback = page.locator("#check-connectivity .ck-fallback")
    text = fallback.inner_text()
    assert bool(CJK.search(text)) == (lang == "zh")
    assert page.locator("#check-connectivity .ck-run").is_hidden()
    assert page.locator("#net-online").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_run_all_page_summarises_and_links_each_finding_to_its_step(guarded_page, probe_site_url, lang):
    page = open_checks(guarded_page, probe_site_url, lang)
    result = run_panel(page)
    # Without probe facts, the workstation's own permission and sound are not judged from this tab.
    assert {"conn-online", "notify-secure", "notify-probe", "browser-timezone", "bg-throttle"} <= set(result)
    assert result["notify-probe"] == "unknown"
    summary = page.locator("#check-all .ck-summary").inner_text()
    assert summary
    hrefs = page.locator("#check-all .ck-finding a.ck-step").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) == len(result)  # every finding links to its step
    pages: dict[str, str] = {}
    for href in hrefs:
        url, anchor = href.split("#")
        assert url.startswith(probe_site_url + LANG_PREFIX[lang])  # stays in the reader's language
        pages.setdefault(url, page.request.get(url).text())
        assert f'id="{anchor}"' in pages[url], href


@pytest.mark.parametrize("lang", LANGS)
def test_checks_work_from_the_keyboard(guarded_page, probe_site_url, lang):
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    run_button = page.locator("#check-browser .ck-run")
    run_button.focus()
    page.keyboard.press("Enter")
    page.locator("#check-browser .ck-summary:not([hidden])").wait_for(timeout=60000)
    page.wait_for_function("() => !document.querySelector('#check-browser').hasAttribute('aria-busy')")
    assert findings(page, "#check-browser")
    # Focus stays on the button through the run, and the live region reads the outcome.
    assert page.evaluate("() => document.activeElement.classList.contains('ck-run')")
    status = page.locator("#check-browser .ck-status").inner_text()
    assert page.locator("#check-browser .ck-summary").inner_text() in status
    # The folded list of passed checks opens from the keyboard: Tab to it, then Enter.
    summary = page.locator("#check-browser .ck-passed summary")
    assert summary.count() == 1
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#check-browser .ck-passed summary')"):
            break
    page.keyboard.press("Enter")
    assert page.locator("#check-browser .ck-passed details").get_attribute("open") is not None
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_browser_without_webassembly_is_told_so_in_its_language(guarded_page, probe_site_url, lang):
    page = guarded_page
    page.add_init_script("delete window.WebAssembly")
    page.goto(f"{probe_site_url}{LANG_PREFIX[lang]}basics.html", wait_until="load")
    fallback = page.locator("#check-connectivity .ck-fallback")
    text = fallback.inner_text()
    assert "WebAssembly" in text and bool(CJK.search(text)) == (lang == "zh"), text
    assert page.locator("#check-connectivity .ck-run").is_hidden()
    assert page.locator("#net-online").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_answer_given_during_a_run_is_not_lost(guarded_page, context, probe_server, probe_site_url, lang):
    grant(context, probe_site_url)
    probe_server.state.delay_ms = 1500  # keep the first run in flight
    page = open_checks(guarded_page, probe_site_url, lang)
    panel = page.locator("#check-all")
    panel.locator(".ck-run").click()
    page.wait_for_selector("#check-all[aria-busy=true]", state="attached")  # the run is in flight
    panel.locator("[data-ask=os_dnd_on] input[value=yes]").check()
    page.wait_for_function(
        "() => document.querySelector('#check-all [data-finding=notify-os-dnd]')?.dataset.status === 'fail'"
        " && !document.querySelector('#check-all').hasAttribute('aria-busy')",
        timeout=60000,
    )
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_results_are_accessible(guarded_page, probe_site_url, lang, scheme):
    guarded_page.emulate_media(color_scheme=scheme)
    page = open_checks(guarded_page, probe_site_url, lang)
    run_panel(page)
    page.locator("#check-all .ck-passed summary").click()
    page.locator("#check-all .ck-tech summary").click()
    page.locator("#check-all .ck-run").hover()
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run('#check-all')).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
