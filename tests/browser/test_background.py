"""The background test on the notifications page, in headless Chromium.

Headless Chromium never hides a page (every page counts as visible, even behind another),
so these tests do what a hidden tab does to the page: visibilityState turns "hidden" with a
visibilitychange event, Playwright's clock moves time on (a throttled timer fires once after
a long gap: fast_forward fires each due timer at most once; run_for fires every one), the
page gets the freeze and resume events, and a reload with document.wasDiscarded plays a
discarded tab."""

from __future__ import annotations

import pytest

from tests.browser.panels import AXE, CJK, LANGS, findings, judged_facts, open_checks, run_panel, wait_done

PANEL = "#check-background"

SET_VISIBILITY = """state => {
    for (const [name, value] of [["visibilityState", state], ["hidden", state === "hidden"]]) {
        Object.defineProperty(Document.prototype, name, { configurable: true, get: () => value });
    }
    document.dispatchEvent(new Event("visibilitychange"));
}"""
DISCARDED = "Object.defineProperty(Document.prototype, 'wasDiscarded', { configurable: true, get: () => true });"


@pytest.fixture(autouse=True)
def fresh_probe(probe_server):
    probe_server.reset()
    yield probe_server
    probe_server.reset()


def start(page, minutes: int = 1):
    """Choose the time and start, from the keyboard."""
    page.locator(f"{PANEL} .ck-bg-minutes").select_option(str(minutes))
    page.locator(f"{PANEL} .ck-bg-minutes").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('ck-bg-start')")
    page.keyboard.press("Enter")
    # Focus follows to the stop button, which replaced the start button.
    page.wait_for_function("() => document.activeElement.classList.contains('ck-bg-stop')")
    assert page.locator(f"{PANEL} .ck-bg-start").is_hidden()


def hide(page):
    page.evaluate(SET_VISIBILITY, "hidden")


def show(page):
    page.evaluate(SET_VISIBILITY, "visible")


def background_result(page) -> tuple[str, dict]:
    wait_done(page, PANEL)
    status = findings(page, PANEL)["bg-throttle"]
    return status, judged_facts(page, PANEL)["background"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_timer_held_back_for_a_minute_is_a_warning(guarded_page, probe_site_url, lang):
    page = guarded_page
    page.clock.install()
    open_checks(page, probe_site_url, lang, "notifications")
    assert page.locator(f"{PANEL} .ck-run").is_hidden()  # the start button runs it
    start(page, minutes=1)
    state = page.locator(f"{PANEL} .ck-bg-state").inner_text()
    assert bool(CJK.search(state)) == (lang == "zh") and "1" in state, state
    hide(page)
    page.clock.fast_forward(70000)  # Chrome's intensive throttling: one tick after a minute
    show(page)
    status, facts = background_result(page)
    assert facts["completed"] is True and facts["hidden_ticks"] >= 1, facts
    assert facts["max_gap_ms"] >= 55000 and facts["planned_ms"] == 60000, facts
    assert status == "warn"
    assert page.evaluate("() => document.activeElement.classList.contains('ck-bg-start')")
    # The result holds for this tab on every page: the all-checks page judges it too.
    open_checks(page, probe_site_url, lang)
    assert run_panel(page)["bg-throttle"] == "warn"
    assert judged_facts(page)["background"] == facts
    assert page.errors == []


def test_once_a_second_while_hidden_is_normal(guarded_page, probe_site_url):
    page = guarded_page
    page.clock.install()
    open_checks(page, probe_site_url, "en", "notifications")
    start(page, minutes=1)
    hide(page)
    page.clock.run_for(61000)  # every tick fires, a second apart
    show(page)
    status, facts = background_result(page)
    assert facts["hidden_ticks"] >= 55 and 900 <= facts["max_gap_ms"] < 55000, facts
    assert status == "ok"


def test_stopped_before_the_tab_was_hidden_long_says_nothing(guarded_page, probe_site_url):
    page = guarded_page
    page.clock.install()
    open_checks(page, probe_site_url, "en", "notifications")
    start(page, minutes=5)
    hide(page)
    page.clock.run_for(3000)
    show(page)
    state = page.locator(f"{PANEL} .ck-bg-state").inner_text()
    assert "came back" in state, state
    page.keyboard.press("Enter")  # focus is still on the stop button
    status, facts = background_result(page)
    assert facts["completed"] is True and facts["hidden_ms"] < 10000, facts
    assert status == "unknown"
    page.locator(f"{PANEL} .ck-tech summary").click()
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run('#check-background')).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert violations == []


def test_a_frozen_tab_is_a_warning(guarded_page, probe_site_url):
    page = guarded_page
    page.clock.install()
    open_checks(page, probe_site_url, "en", "notifications")
    start(page, minutes=1)
    hide(page)
    # Chromium freezes only hidden pages (CDP's setWebLifecycleState does nothing to a
    # visible one), so the events a frozen and resumed page gets are sent here.
    page.evaluate("() => { document.dispatchEvent(new Event('freeze')); document.dispatchEvent(new Event('resume')); }")
    page.clock.fast_forward(61000)
    show(page)
    status, facts = background_result(page)
    assert facts["froze"] is True, facts
    assert status == "warn"


@pytest.mark.parametrize("lang", LANGS)
def test_a_discarded_tab_is_noticed_when_it_loads_again(guarded_page, probe_site_url, lang):
    page = guarded_page
    open_checks(page, probe_site_url, lang, "notifications")
    start(page, minutes=1)
    hide(page)
    page.add_init_script(DISCARDED)
    page.reload()  # what the browser does when the agent comes back to a discarded tab
    status, facts = background_result(page)
    assert facts["discarded"] is True and facts["completed"] is True, facts
    assert status == "warn"
    state = page.locator(f"{PANEL} .ck-bg-state").inner_text()
    assert bool(CJK.search(state)) == (lang == "zh"), state
    assert page.errors == []


def test_a_reload_by_the_agent_interrupts_the_test(guarded_page, probe_site_url):
    page = guarded_page
    open_checks(page, probe_site_url, "en", "notifications")
    start(page, minutes=1)
    page.reload()
    page.locator(f"{PANEL} .ck-bg-state").wait_for()
    assert "interrupted" in page.locator(f"{PANEL} .ck-bg-state").inner_text()
    assert page.locator(f"{PANEL} .ck-bg-start").is_visible()
    assert page.locator(f"{PANEL} .ck-bg-stop").is_hidden()
    assert page.locator(f"{PANEL} .ck-finding").count() == 0
    assert page.errors == []
