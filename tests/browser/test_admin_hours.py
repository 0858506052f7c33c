"""The working-hours admin check (docs/assets/js/admin-hours.js, checks.admin.hours in the worker) in
headless Chromium, in both languages. The page's clock is fixed (Playwright's clock) and the browser
is in Berlin, so the answer is known: on 1 November 2026, the day New York's clocks go back, a
09:00-17:00 window opens ten hours after midnight, not nine. tzdata is fetched only when this check
runs: not on load, not for another check. Used from the keyboard; the drawn result passes axe."""

from __future__ import annotations

import pytest

from hooks import guide_data
from scripts import serve_site
from tests.browser.panels import AXE
from tests.conftest import LANG_PREFIX, serve_build, strict_page

LANGS = ("zh", "en")
ADMIN_ZONE = "Europe/Berlin"  # the browser's zone: the form's default for "your time zone"
ZONE = "America/New_York"


@pytest.fixture(scope="module")
def hours_site(tmp_path_factory) -> str:
    server, url = serve_build(tmp_path_factory.mktemp("hours-build") / "site", "")
    yield url
    serve_site.stop(server)


@pytest.fixture
def page(browser):
    with strict_page(browser, timezone_id=ADMIN_ZONE) as page:
        page.requested = []
        page.context.on("request", lambda request: page.requested.append(request.url))
        yield page


def tzdata_requests(page) -> list[str]:
    return [url for url in page.requested if "/tzdata-" in url]


def open_hours(page, base: str, lang: str, now: str) -> dict:
    page.clock.set_fixed_time(now)
    page.goto(f"{base}{LANG_PREFIX[lang]}checks.html", wait_until="load")
    page.locator(".adm [data-admin=hours]").wait_for(state="visible")
    return guide_data.localize(guide_data.strings(), lang)["admin"]


def wait_done(page, part: str, t: dict) -> None:
    page.wait_for_function(
        """([sel, busy]) => {
            const s = document.querySelector(sel).textContent;
            return s !== "" && !busy.includes(s);
        }""",
        arg=[f".adm [data-admin={part}] .adm-state", [t["loading"], t["checking"]]],
        timeout=120000,
    )


def fill_from_keyboard(page, t: dict, windows: str, holidays: str = "") -> None:
    """Every day ticked, the windows, holidays and the service zone typed; Enter checks."""
    scope = page.locator(".adm [data-admin=hours]")
    scope.get_by_label(t["hours_day_names"][0]).focus()
    for day in range(1, 7):  # Tuesday .. Sunday
        page.keyboard.press("Tab")
        if day >= 5:
            page.keyboard.press("Space")  # Saturday and Sunday: Monday to Friday are ticked already
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == scope.get_by_label(t["hours_windows"]).get_attribute("id")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(windows)
    page.keyboard.press("Tab")
    page.keyboard.type(holidays)
    page.keyboard.press("Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(ZONE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == ADMIN_ZONE
    page.keyboard.press("Enter")
    wait_done(page, "hours", t)


def findings(page) -> dict[str, dict]:
    items = page.locator(".adm [data-admin=hours] .ck-finding")
    return {
        items.nth(i).get_attribute("data-finding"): {
            "status": items.nth(i).get_attribute("data-status"),
            "text": items.nth(i).text_content(),
        }
        for i in range(items.count())
    }


@pytest.mark.parametrize("lang", LANGS)
def test_closed_on_the_day_new_york_falls_back(page, hours_site, lang):
    t = open_hours(page, hours_site, lang, "2026-11-01T04:00:00Z")  # 00:00 EDT, 05:00 in Berlin
    scope = page.locator(".adm [data-admin=hours]")
    settings = guide_data.settings()
    assert scope.get_by_label(t["hours_zone"]).input_value() == settings["service_timezone"]
    assert scope.get_by_label(t["hours_admin_zone"]).input_value() == ADMIN_ZONE
    assert scope.locator("fieldset legend").inner_text() == t["hours_days"]
    assert tzdata_requests(page) == []  # not on load

    # Another admin check does not fetch it either.
    version = page.locator(".adm [data-admin=version]")
    version.get_by_label(t["version_text"]).fill("1.0")
    version.get_by_role("button", name=t["check"]).click()
    wait_done(page, "version", t)
    assert tzdata_requests(page) == []

    fill_from_keyboard(page, t, "09:00-17:00")
    manifest = guide_data.runtime_manifest()
    assert [url.split("/assets/")[1] for url in tzdata_requests(page)] == [manifest["tzdata_zip"].split("assets/")[1]]
    # Closed, and until when, in view above the findings.
    now = scope.locator(".adm-hours-now").inner_text()
    assert now.startswith(t["hours_now_closed"]) and "15:00" in now, now
    assert ("约 10 小时" if lang == "zh" else "about 10 hours") in now, now
    found = findings(page)
    assert set(found) == {"working-hours"}
    assert found["working-hours"]["status"] == "warn"
    text = found["working-hours"]["text"]
    # Opens at 09:00 EST, 14:00 UTC: 15:00 in Berlin, ten hours away (nine on any other Sunday).
    assert "2026-11-01" in text and "09:00" in text and "15:00" in text
    assert ZONE in text and ADMIN_ZONE in text
    assert ("约 10 小时" if lang == "zh" else "about 10 hours") in text, text

    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.adm [data-admin=hours]']]}))"
        ".violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_open_then_a_holiday_then_bad_input(page, hours_site, lang):
    t = open_hours(page, hours_site, lang, "2026-11-01T15:00:00Z")  # 10:00 EST, 16:00 in Berlin
    scope = page.locator(".adm [data-admin=hours]")
    fill_from_keyboard(page, t, "08:00-12:00, 13:00-18:00")
    now = scope.locator(".adm-hours-now").inner_text()
    # Open, when this window closes and the next opens: in view, though the finding folds with what passed.
    assert now.startswith(t["hours_now_open"]) and all(clock in now for clock in ("12:00", "13:00")), now
    assert ("约 2 小时" if lang == "zh" else "about 2 hours") in now, now
    found = findings(page)
    assert found["working-hours"]["status"] == "ok"
    # The one passed finding folds under a singular count (findings-view.js).
    assert scope.locator(".ck-passed summary").inner_text() == (
        "1 项正常（点击展开）" if lang == "zh" else "1 check passed (click to show)"
    )
    # Closes at 12:00 EST, 18:00 in Berlin; the next window opens at 13:00 EST, 19:00 in Berlin.
    text = found["working-hours"]["text"]
    assert all(clock in text for clock in ("12:00", "18:00", "13:00", "19:00")), text
    assert len(tzdata_requests(page)) == 1

    scope.get_by_label(t["hours_holidays"]).fill("2026-10-31..2026-11-01")
    scope.get_by_role("button", name=t["check"]).click()
    wait_done(page, "hours", t)
    assert scope.locator(".adm-hours-now").inner_text().startswith(t["hours_now_closed"])
    found = findings(page)
    assert found["working-hours"]["status"] == "warn"
    assert found["working-hours-holiday"]["status"] == "warn"
    assert "2026-11-02" in found["working-hours"]["text"]  # Monday's window is the next
    assert len(tzdata_requests(page)) == 1  # unpacked once per worker

    scope.get_by_label(t["hours_windows"]).fill("09:00-25:00")
    scope.get_by_label(t["hours_zone"]).fill("Mars/Olympus")
    scope.get_by_role("button", name=t["check"]).click()
    wait_done(page, "hours", t)
    errors = scope.locator(".adm-errors li")
    assert errors.count() == 2
    assert "09:00-25:00" in errors.nth(0).inner_text() and "Mars/Olympus" in errors.nth(1).inner_text()
    assert scope.locator(".adm-state").inner_text() == t["errors_done"].replace("{n}", "2")
    assert findings(page) == {}
    assert scope.locator(".adm-hours-now").is_hidden()
