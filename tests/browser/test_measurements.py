"""What the page JavaScript measures, in headless Chromium with its default flags. Each test
here fails if the JavaScript is changed in one of the ways that once went unnoticed: an
echo taken from any message or from the handshake, the clock offset's sign, a worker that
fails without failing its requests, the autoplay state read after the click, old results
left under an error. Only order and outcome are asserted, never how long something took."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hooks import guide_data
from tests.browser.panels import (
    CJK,
    LANGS,
    assert_language,
    finding_text,
    findings,
    judged_facts,
    open_checks,
    problems,
    run_panel,
)
from tests.conftest import guard

SERVICE_ZONE = guide_data.settings()["service_timezone"]


@pytest.fixture(autouse=True)
def fresh_probe(probe_server):
    probe_server.reset()
    yield probe_server
    probe_server.reset()


# Runs before the page's scripts: JSON.parse hands the page script changed settings.
PATCH_SETTINGS = """(changes => {
    const parse = JSON.parse;
    JSON.parse = function (...args) {
        const value = parse.apply(this, args);
        if (value && value.settings && value.runtime && value.strings) {
            for (const [dotted, setting] of Object.entries(changes)) {
                const path = dotted.split(".");
                const key = path.pop();
                path.reduce((node, name) => node[name], value.settings)[key] = setting;
            }
        }
        return value;
    };
})"""


def with_settings(page, **changes):
    """Give the page script these settings instead of the built ones, as another deployment's
    build would. (Rewriting the HTML in a route instead serves it from no address, and
    Chromium then blocks its requests to 127.0.0.1 as coming from a public site.)"""
    page.add_init_script(f"{PATCH_SETTINGS}({json.dumps(changes)})")


# --- WebSocket ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mode", ["mute", "other"])
def test_an_echo_is_only_the_same_text_coming_back(guarded_page, probe_server, probe_site_url, lang, mode):
    """mute: the server accepts the connection and never answers (an open handshake is no echo).
    other: it answers every message with different text (any message is no echo)."""
    probe_server.state.ws_mode = mode
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-connectivity")
    ws = judged_facts(page, "#check-connectivity")["connectivity"]["websocket"]
    assert ws["opened"] is True and ws["echo_ok"] is False, ws
    assert ws["other_messages"] == (0 if mode == "mute" else 1), ws
    assert result["conn-websocket"] != "ok", result
    assert result["conn-hosts"] == "ok", result
    assert_language(page, lang, "#check-connectivity")


def test_the_real_echo_is_ok(guarded_page, probe_site_url):
    page = open_checks(guarded_page, probe_site_url, "en", "basics")
    result = run_panel(page, "#check-connectivity")
    ws = judged_facts(page, "#check-connectivity")["connectivity"]["websocket"]
    assert ws["echo_ok"] is True and ws["other_messages"] == 0 and ws["error"] is None, ws
    assert result["conn-websocket"] == "ok", result


@pytest.mark.parametrize("lang", LANGS)
def test_a_malformed_echo_url_is_a_settings_finding(guarded_page, context, probe_site_url, lang):
    with_settings(guarded_page, **{"probe.websocket_echo_url": "ws://[bad/ws"})
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-connectivity")
    ws = judged_facts(page, "#check-connectivity")["connectivity"]["websocket"]
    assert ws["error"] == "SyntaxError" and ws["opened"] is False, ws
    assert "conn-websocket" not in problems(result), result  # not "WebSocket blocked"
    finding = page.locator("#check-connectivity [data-finding=conn-websocket-config]")
    assert finding.get_attribute("data-scope") == "settings"
    assert finding.get_attribute("data-status") not in ("ok",)
    assert page.errors == []


def test_an_insecure_echo_url_on_an_https_page_is_caught(page, built_site):
    """ws:// from an https:// page: the constructor throws SecurityError, which the collector
    reports as such (the page is served as https://help.test/ by routing, no TLS needed)."""

    def serve(route):
        # Only what the test needs: a blank page and the site's own modules.
        path = route.request.url.split("help.test/", 1)[1].split("?")[0]
        if path.startswith("assets/js/") and (built_site / path).is_file():
            route.fulfill(body=(built_site / path).read_bytes(), headers={"Content-Type": "text/javascript"})
        elif path == "blank.html":
            route.fulfill(body="<!doctype html><title>blank</title>", headers={"Content-Type": "text/html"})
        else:
            route.fulfill(status=404, body="")

    page.route("https://help.test/**", serve)
    page.goto("https://help.test/blank.html")
    ws = page.evaluate(
        """async (url) => {
            const { connectivity } = await import("/assets/js/facts.js");
            const facts = await connectivity({ probe: { hosts: [], websocket_echo_url: url, timeout_ms: 4000 } });
            return [isSecureContext, facts.websocket];
        }""",
        "ws://chat.test/ws",  # not loopback, which would count as secure
    )
    assert ws[0] is True
    assert ws[1]["error"] == "SecurityError" and ws[1]["opened"] is False, ws


# --- Clock -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("skew_s", "direction"), [(600, "behind"), (-600, "ahead")])
def test_clock_offset_sign_and_direction(guarded_page, probe_server, probe_site_url, lang, skew_s, direction):
    """The time source runs 10 minutes ahead (+600) or behind: this computer is behind or ahead."""
    probe_server.state.skew_s = skew_s
    page = open_checks(guarded_page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-connectivity")
    offset = judged_facts(page, "#check-connectivity")["connectivity"]["clock"]["offset_ms"]
    assert abs(offset - skew_s * 1000) < 60000, offset  # offset = server − local
    assert result["conn-clock"] == "fail", result
    text = finding_text(page, "conn-clock", "#check-connectivity")
    words = {"behind": ("慢", "behind"), "ahead": ("快", "ahead")}
    zh, en = words[direction]
    other_zh, other_en = words["ahead" if direction == "behind" else "behind"]
    assert (zh in text and other_zh not in text) if lang == "zh" else (en in text and other_en not in text), text
    assert "10" in text


# --- The worker and the runtime ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_worker_script_fails_at_once_with_a_message(guarded_page, context, probe_site_url, lang):
    """A 404 for the worker script fires only the worker's error event. The wait below is far
    shorter than the three-minute start-up timeout, so only failing the pending start passes."""
    page = guarded_page
    context.route("**/checks-worker.js", lambda route: route.fulfill(status=404, body="not found"))
    open_checks(page, probe_site_url, lang, "basics")
    page.locator("#check-connectivity .ck-run").click()
    status = page.locator("#check-connectivity .ck-status.ck-error")
    status.wait_for(timeout=30000)
    text = status.inner_text()
    assert bool(CJK.search(text)) == (lang == "zh"), text
    assert ("手动" in text) if lang == "zh" else ("manual" in text), text
    assert page.locator("#check-connectivity .ck-finding").count() == 0
    assert page.locator("#check-connectivity .ck-run").is_enabled()
    assert [e for e in page.errors if e.startswith("pageerror")] == []


DROP_RUNS = """() => {
    window.__realPost = window.__realPost || Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, ...rest) {
        if (msg && msg.type === "run") return; // the worker never hears of the run: it hangs
        return window.__realPost.call(this, msg, ...rest);
    };
}"""
RESTORE_RUNS = "() => { Worker.prototype.postMessage = window.__realPost; }"


@pytest.mark.parametrize("lang", LANGS)
def test_a_hung_run_is_stopped_its_old_results_cleared_and_the_next_run_recovers(guarded_page, probe_site_url, lang):
    page = guarded_page
    page.clock.install()
    open_checks(page, probe_site_url, lang, "basics")
    panel = page.locator("#check-browser")
    first = run_panel(page, "#check-browser")
    assert first
    page.evaluate(DROP_RUNS)
    panel.locator(".ck-run").click()
    page.wait_for_function(
        "text => document.querySelector('#check-browser .ck-progress').textContent === text",
        arg=guide_data.localize(guide_data.strings(), lang)["progress"]["analysing"],
    )
    page.clock.fast_forward(60000)  # past the run timeout
    panel.locator(".ck-status.ck-error").wait_for(timeout=30000)
    text = panel.locator(".ck-status").inner_text()
    assert bool(CJK.search(text)) == (lang == "zh"), text
    # Old results must not look current under the error.
    assert panel.locator(".ck-finding").count() == 0
    assert panel.locator(".ck-summary").is_hidden()
    page.wait_for_function("() => !document.querySelector('#check-browser').hasAttribute('aria-busy')")
    page.evaluate(RESTORE_RUNS)
    again = run_panel(page, "#check-browser")
    assert set(again) == set(first)
    assert panel.locator(".ck-status.ck-error").count() == 0
    assert [e for e in page.errors if e.startswith("pageerror")] == []


# --- Sound -------------------------------------------------------------------------


def test_autoplay_state_is_read_before_the_click(guarded_page, probe_site_url):
    """Chromium's default autoplay policy: an AudioContext made before any click is suspended.
    The run button's click is a gesture; the state must still be the one from before it."""
    page = open_checks(guarded_page, probe_site_url, "en", "notifications")
    run_panel(page, "#check-notifications")
    assert page.evaluate("navigator.userActivation.hasBeenActive") is True
    facts = judged_facts(page, "#check-notifications")["notifications"]
    assert facts["audio_state"] == "suspended", facts


# --- Offline -----------------------------------------------------------------------

# Keeps the page from warming the runtime while idle, so it has not loaded when the network drops.
NO_WARM_UP = "window.requestIdleCallback = () => 0;"


@pytest.mark.parametrize("lang", LANGS)
def test_offline_before_the_runtime_loaded_says_so(guarded_page, context, probe_site_url, lang):
    page = guarded_page
    page.add_init_script(NO_WARM_UP)
    open_checks(page, probe_site_url, lang, "basics")
    context.set_offline(True)
    page.locator("#check-connectivity .ck-run").click()
    status = page.locator("#check-connectivity .ck-status.ck-error")
    status.wait_for(timeout=30000)
    text = status.inner_text()
    assert ("离线" in text) if lang == "zh" else ("offline" in text), text
    assert bool(CJK.search(text)) == (lang == "zh"), text
    assert "Failed" not in text and "fetch" not in text, text
    # What needs no Python is still shown: the browser says it is offline.
    assert findings(page, "#check-connectivity") == {"conn-online": "fail"}
    assert_language(page, lang, "#check-connectivity")
    context.set_offline(False)
    result = run_panel(page, "#check-connectivity")
    assert result["conn-online"] == "ok", result
    assert page.locator("#check-connectivity .ck-status.ck-error").count() == 0


# --- Deployment: an intranet name over plain HTTP; time zones with the same clock ---------


@pytest.fixture(scope="module")
def intranet_browser(browser_type, browser_type_launch_args):
    """Chromium resolving help.test to this machine: a non-local name, so plain http:// is
    not a secure context (127.0.0.1 and localhost would be)."""
    args = [*browser_type_launch_args["args"], "--host-resolver-rules=MAP help.test 127.0.0.1"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


@pytest.mark.parametrize("lang", LANGS)
def test_help_site_on_plain_http_intranet_gives_no_https_problem(intranet_browser, probe_site_url, lang):
    port = probe_site_url.rstrip("/").rsplit(":", 1)[1]
    base = f"http://help.test:{port}/"
    context = intranet_browser.new_context(timezone_id=SERVICE_ZONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_checks(page, base, lang)
    result = run_panel(page)
    facts = judged_facts(page)
    assert facts["notifications"]["secure_context"] is False
    assert result["notify-secure"] == "ok", result  # judged from the workstation's address in the settings
    assert problems(result) == {}, result
    assert errors == []
    context.close()


def same_clock_zones(zone: str, candidates: list[str]) -> list[str]:
    """Candidates whose UTC offset equals `zone`'s at every hour of the next year."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    hours = [start + timedelta(hours=h) for h in range(0, 366 * 24, 6)]
    target = [t.astimezone(ZoneInfo(zone)).utcoffset() for t in hours]
    return [
        name
        for name in candidates
        if name != zone and [t.astimezone(ZoneInfo(name)).utcoffset() for t in hours] == target
    ]


CANDIDATES = ["Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Shanghai", "Europe/Paris", "Europe/Rome"]
SAME_CLOCK = same_clock_zones(SERVICE_ZONE, CANDIDATES)


def test_same_clock_zones_exist_for_the_service_zone():
    assert len(SAME_CLOCK) >= 2, (SERVICE_ZONE, SAME_CLOCK)


def timezone_finding(browser, base: str, zone: str) -> tuple[str, dict]:
    context = browser.new_context(timezone_id=zone)
    page = guard(context, context.new_page())
    open_checks(page, base, "en", "basics")
    result = run_panel(page, "#check-browser")
    facts = judged_facts(page, "#check-browser")["browser"]
    context.close()
    return result["browser-timezone"], facts


@pytest.mark.parametrize("zone", SAME_CLOCK)
def test_a_zone_with_the_same_clock_gives_no_time_zone_warning(browser, probe_site_url, zone):
    status, facts = timezone_finding(browser, probe_site_url, zone)
    assert facts["time_zone"] == zone
    assert all(row["local"] == row["service"] for row in facts["zone_offsets"]), facts["zone_offsets"]
    assert status == "ok", status


def test_a_zone_with_another_clock_gives_a_warning(browser, probe_site_url):
    status, facts = timezone_finding(browser, probe_site_url, "America/New_York")
    assert facts["zone_offsets"][0]["local"] != facts["zone_offsets"][0]["service"]
    assert status == "warn", status


def utc_changes(zone: str, start: datetime) -> list[datetime]:
    """The hours in the next 366 days at which the zone's UTC offset changes."""
    tz = ZoneInfo(zone)
    out, prev = [], start.astimezone(tz).utcoffset()
    t = start.replace(minute=0, second=0, microsecond=0)
    for _ in range(366 * 24):
        t += timedelta(hours=1)
        offset = t.astimezone(tz).utcoffset()
        if offset != prev:
            out.append(t)
            prev = offset
    return out


def test_zone_offsets_find_each_daylight_saving_change(browser, probe_site_url):
    """London and Reykjavik keep the same clock in winter and part at the end of March: the
    collector gives both offsets now and at the exact hour of each change."""
    context = browser.new_context(timezone_id="Europe/London")
    page = context.new_page()
    page.goto(f"{probe_site_url}en/basics.html")
    rows = page.evaluate(
        """async () => {
            const { zoneOffsets } = await import("./../assets/js/facts.js");
            return zoneOffsets("Atlantic/Reykjavik");
        }"""
    )
    now = datetime.fromtimestamp(rows[0]["at"] / 1000, UTC)
    expected = [{"at": int(t.timestamp() * 1000)} for t in utc_changes("Europe/London", now)]
    london = ZoneInfo("Europe/London")
    assert rows[0]["local"] == now.astimezone(london).utcoffset().total_seconds() / 60
    assert [{"at": row["at"]} for row in rows[1:]] == expected
    for row in rows:
        at = datetime.fromtimestamp(row["at"] / 1000, UTC)
        assert row["local"] == at.astimezone(london).utcoffset().total_seconds() / 60
        assert row["service"] == 0
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_equal_now_but_not_after_a_change_names_the_date(browser, probe_site_url, lang):
    """The service zone keeps this computer's clock today but not after the next change."""
    context = browser.new_context(timezone_id="Europe/London")
    page = guard(context, context.new_page())
    with_settings(page, service_timezone="Atlantic/Reykjavik")
    open_checks(page, probe_site_url, lang, "basics")
    result = run_panel(page, "#check-browser")
    rows = judged_facts(page, "#check-browser")["browser"]["zone_offsets"]
    change = datetime.fromtimestamp(rows[1]["at"] / 1000, UTC)
    if rows[0]["local"] == rows[0]["service"]:
        assert result["browser-timezone"] == "warn", result
        text = finding_text(page, "browser-timezone", "#check-browser")
        assert str(change.year) in text and str(change.day) in text, text
    else:  # summer: they differ now
        assert result["browser-timezone"] == "warn", result
    context.close()


def test_collected_facts_match_the_schema_in_every_panel(guarded_page, probe_site_url):
    page = open_checks(guarded_page, probe_site_url, "en", "basics")
    for selector in ("#check-connectivity", "#check-browser"):
        run_panel(page, selector)
        assert judged_facts(page, selector)
    page = open_checks(page, probe_site_url, "en", "notifications")
    run_panel(page, "#check-notifications")
    assert set(judged_facts(page, "#check-notifications")) == {"notifications"}
    open_checks(page, probe_site_url, "en")
    run_panel(page)
    assert {"connectivity", "notifications", "browser", "background"} <= set(judged_facts(page))
    assert page.errors == []
