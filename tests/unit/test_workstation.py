"""What the workstation findings say, from the probe's facts in the workstation's own tab."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from checks import workstation
from checks.workstation.hosts import registrable_domain

from .fact_scenarios import FAMILY_UA, probe_facts


def origin_of(settings: dict) -> str:
    return "https://" + urlsplit(settings["workstation_url"]).hostname


def run(settings: dict, **over) -> dict:
    facts = probe_facts(origin=origin_of(settings), **over)
    return {f.id: f for f in workstation.run(facts, settings)}


def test_every_finding_is_about_the_workstation(settings):
    found = run(settings)
    assert set(found) == {
        "ws-origin",
        "ws-secure",
        "ws-permission",
        "ws-sound",
        "ws-tab",
        "ws-online",
        "ws-resources",
        "ws-clock",
    }
    assert {f.scope for f in found.values()} == {"workstation"}
    assert {f.check for f in found.values()} == {"workstation"}


@pytest.mark.parametrize(
    ("family", "path"),
    [
        ("chrome", "chrome://settings/content/notifications"),
        ("edge", "edge://settings/content/notifications"),
        ("firefox", "Settings → Privacy & Security → Permissions"),
        ("safari", "Safari → Settings (or Preferences) → Websites → Notifications"),
        (None, "In the browser's site settings"),
        ("other", "In the browser's site settings"),
    ],
)
def test_permission_denied_gives_this_browsers_path(settings, family, path):
    permission = run(settings, permission="denied", user_agent=FAMILY_UA[family])["ws-permission"]
    assert permission.status == "fail" and permission.step == "notify-browser-permission"
    assert path in permission.fix["en"]
    host = urlsplit(settings["workstation_url"]).hostname
    assert host in permission.fix["en"] and host in permission.fix["zh"] and host in permission.message["en"]


def test_permission_never_asked_is_the_shared_pc_case(settings):
    permission = run(settings, permission="default", permission_query="prompt")["ws-permission"]
    assert permission.status == "warn" and permission.step == "notify-shared-pc"
    assert "shared computer" in permission.message["en"] and "共用电脑" in permission.message["zh"]
    assert "each browser profile" in permission.fix["en"] and "choose Allow" in permission.fix["en"]
    assert "If the browser does not ask: on the workstation page" in permission.fix["en"]


def test_permission_granted_is_fine(settings):
    assert run(settings)["ws-permission"].status == "ok"


def test_not_on_https_replaces_the_permission_finding(settings):
    found = run(settings, secure_context=False, permission="denied")
    assert found["ws-secure"].status == "fail" and "ws-permission" not in found
    assert settings["workstation_url"] in found["ws-secure"].fix["en"]


def test_never_clicked_since_a_reload_blocks_sound(settings):
    sound = run(settings, has_been_active=False, navigation_type="reload", since_load_ms=10 * 60_000)["ws-sound"]
    assert sound.status == "warn" and sound.step == "notify-sound"
    assert sound.message["en"] == (
        "The workstation tab was reloaded about 10 minutes ago and has not been clicked since: the browser blocks "
        "its sounds until someone clicks on the tab."
    )
    assert sound.message["zh"].startswith("工作台标签页在约 10 分钟前刷新，之后没有人点过它")
    loaded = run(settings, has_been_active=False, since_load_ms=45_000)["ws-sound"]
    assert loaded.message["en"].startswith("The workstation tab was loaded 45 seconds ago")
    assert "工作台标签页在 45 秒前打开" in loaded.message["zh"]


@pytest.mark.parametrize(
    ("family", "tip"),
    [("edge", "edge://settings/content/mediaAutoplay"), ("firefox", "Allow Audio and Video"), ("chrome", None)],
)
def test_sound_fix_adds_this_browsers_autoplay_switch(settings, family, tip):
    sound = run(settings, has_been_active=False, user_agent=FAMILY_UA[family])["ws-sound"]
    assert "click anywhere on its page once" in sound.fix["en"] and "点一下" in sound.fix["zh"]
    if tip:
        assert tip in sound.fix["en"]
    else:
        assert "You can also" not in sound.fix["en"]


def test_a_click_that_may_have_been_the_probe_is_said(settings):
    sound = run(settings, has_been_active=True, is_active=True)["ws-sound"]
    assert sound.status == "ok" and "Running the probe may itself have counted as that click" in sound.message["en"]
    assert "may itself" not in run(settings, has_been_active=True, is_active=False)["ws-sound"].message["en"]


def test_discarded_tab_says_how_to_keep_the_workstation_awake(settings):
    tab = run(settings, was_discarded=True)["ws-tab"]
    assert tab.status == "warn" and tab.step == "notify-tab-sleep"
    for words in ("Memory Saver", "Sleeping tabs", "a window of its own", "desktop client"):
        assert words in tab.fix["en"]
    assert "节省内存" in tab.fix["zh"] and "睡眠标签页" in tab.fix["zh"]


def test_failing_resources_are_named_with_whose_host_they_are(settings):
    own = urlsplit(settings["workstation_url"]).hostname
    resources = [
        {"host": own, "count": 12, "failed": 2, "no_status": 0},
        {"host": "fonts.example.net", "count": 3, "failed": 1, "no_status": None},
        {"host": "cdn.example.org", "count": 5, "failed": 0, "no_status": 5},
    ]
    found = run(settings, resources=resources)["ws-resources"]
    assert found.status == "warn"
    assert f"{own} (2 of 12 failed, one of the workstation's own hosts)" in found.message["en"]
    # A failure on some other site (a font, an image, a tracker) is not the workstation's problem.
    assert "fonts.example.net" not in found.message["en"] and "cdn.example.org" not in found.message["en"]
    assert f"{own}（12 个请求中 2 个出错，是工作台自己的地址）" in found.message["zh"]
    assert settings["status_page_url"] in found.fix["en"]


def test_failures_only_on_other_sites_do_not_warn(settings):
    resources = [
        {"host": "fonts.example.net", "count": 3, "failed": 1, "no_status": None},
        {"host": "ads.example.org:8443", "count": 2, "failed": 1, "no_status": 0},
    ]
    found = run(settings, resources=resources)["ws-resources"]
    assert found.status == "ok" and found.data["failed_elsewhere"] == 2
    assert (
        "2 requests to other sites failed" in found.message["en"]
        and "另有 2 个发往其他网站的请求出错" in found.message["zh"]
    )
    one = run(settings, resources=resources[:1])["ws-resources"]
    assert one.status == "ok" and "1 request to other sites failed" in one.message["en"]


def test_workstation_clock_10_minutes_behind(settings):
    settings["probe"]["clock_skew_fail_s"] = 300
    clock = run(settings, clock={"offset_ms": 600_000, "rtt_ms": 20, "error": None})["ws-clock"]
    assert clock.status == "fail" and clock.check == "workstation" and clock.scope == "workstation"
    assert clock.data["direction"] == "behind"
    assert clock.message["en"].startswith("This computer's clock is about 10 minutes behind the workstation's server")
    assert clock.message["zh"].startswith("本机时钟比工作台服务器慢约 10 分钟")
    ahead = run(settings, clock={"offset_ms": -600_000, "rtt_ms": 20, "error": None})["ws-clock"]
    assert ahead.data["direction"] == "ahead" and "ahead of the workstation's server" in ahead.message["en"]


def test_a_probe_run_on_another_site_is_named(settings):
    found = {f.id: f for f in workstation.run(probe_facts(origin="http://127.0.0.1:9001"), settings)}
    origin = found["ws-origin"]
    assert origin.status == "warn" and "http://127.0.0.1:9001" in origin.message["en"]
    assert settings["workstation_url"] in origin.message["en"] and settings["workstation_url"] in origin.fix["zh"]
    # The findings name the site the probe really ran on.
    found = {
        f.id: f for f in workstation.run(probe_facts(origin="http://127.0.0.1:9001", permission="denied"), settings)
    }
    assert "127.0.0.1" in found["ws-permission"].message["en"]


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("app.meiqia.com", "meiqia.com"),
        ("static.meiqia.com", "meiqia.com"),
        ("meiqia.com", "meiqia.com"),
        ("kf.example.com.cn", "example.com.cn"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("agent.livedesk.example", "livedesk.example"),
        ("127.0.0.1", "127.0.0.1"),
        ("::1", "::1"),
        ("localhost", "localhost"),
        ("APP.Meiqia.COM.", "meiqia.com"),
    ],
)
def test_registrable_domain(host, domain):
    assert registrable_domain(host) == domain
