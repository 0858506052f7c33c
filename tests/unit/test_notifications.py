"""What the notification findings say: the help site's own tab never cries wolf, the
workstation's HTTPS comes from the settings, and a page says plainly what it cannot see."""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

import pytest

from checks import notifications, run_checks
from checks.notifications.browser_menus import notification_setting_path

from .fact_scenarios import HELP_TAB_DEFAULT, probe_facts


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> dict:
    return {f.id: f for f in notifications.run(facts, settings, areas=areas)}


HELP_TAB_VALUES = {
    "supported": (True, False, None),
    "permission": ("granted", "denied", "default", None),
    "permission_query": ("granted", "denied", "prompt", None),
    "secure_context": (True, False, None),
    "audio_state": ("running", "suspended", "closed", None),
    "autoplay_policy": ("allowed", "allowed-muted", "disallowed", None),
}


@pytest.mark.parametrize(
    "facts",
    [dict(zip(HELP_TAB_VALUES, combo, strict=True)) for combo in itertools.product(*HELP_TAB_VALUES.values())],
)
def test_the_help_sites_own_tab_is_never_a_warning_or_a_problem(settings, facts):
    settings["workstation_url"] = "https://app.example.com/"
    for finding in run(facts, settings).values():
        assert finding.status in ("ok", "unknown"), (finding.id, facts)


def test_help_site_facts_as_chromium_gives_them_only_give_a_tip(settings):
    found = run(HELP_TAB_DEFAULT, settings)
    assert set(found) == {"notify-secure", "notify-probe", "notify-test-seen", "notify-test-heard", "notify-os-dnd"}
    seen = found["notify-test-seen"]
    assert seen.status == "unknown" and seen.scope == "help-tab"
    assert "says nothing about the workstation" in seen.message["en"] and "说明不了工作台" in seen.message["zh"]
    assert "choose Allow" in seen.fix["en"]


@pytest.mark.parametrize(("help_site_secure", "expected"), [(True, "ok"), (False, "ok"), (None, "ok")])
def test_https_is_judged_from_the_workstation_address_not_the_help_site(settings, help_site_secure, expected):
    settings["workstation_url"] = "https://app.example.com/"
    secure = run({"secure_context": help_site_secure}, settings)["notify-secure"]
    assert secure.status == expected and secure.scope == "settings"
    assert "https://app.example.com/" in secure.message["en"] and "https://app.example.com/" in secure.message["zh"]


def test_a_workstation_on_plain_http_is_a_settings_problem(settings):
    settings["workstation_url"] = "http://kf.intranet.example/"
    secure = run({"secure_context": True}, settings)["notify-secure"]
    assert secure.status == "fail" and secure.scope == "settings"
    assert "http://kf.intranet.example/" in secure.message["en"] and "the site's settings" in secure.fix["en"]
    assert "settings.toml" not in secure.fix["en"] + secure.message["en"]


def test_the_probe_pointer_shows_only_without_probe_facts(settings):
    pointer = run({}, settings)["notify-probe"]
    assert pointer.status == "unknown" and pointer.scope == "workstation"
    assert "kept per site" in pointer.message["en"] and "按网站分别保存" in pointer.message["zh"]
    assert "notify-probe" not in run({}, settings, areas=frozenset({"notifications", "workstation"}))


@pytest.mark.parametrize(
    ("workstation", "pointer"),
    [(None, True), ({"collect_error": "the probe's code was malformed"}, True), (probe_facts(), False)],
)
def test_the_runner_says_whether_the_run_has_probe_facts(settings, workstation, pointer):
    facts = {"notifications": HELP_TAB_DEFAULT, "workstation": workstation}
    ids = {f["id"] for f in run_checks(facts, settings)["findings"]}
    assert ("notify-probe" in ids) is pointer
    # Only the notifications panel asked for: the workstation's facts still count.
    only = {f["id"] for f in run_checks(facts, settings, ["notifications"])["findings"]}
    assert ("notify-probe" in only) is pointer


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ({"permission": "denied"}, "the browser blocks notifications from this help site"),
        ({"secure_context": False}, "this help site is not on HTTPS"),
        ({"supported": False}, "this browser has no web notifications"),
        ({"permission_query": "prompt"}, "this help site has not been allowed to show notifications yet"),
    ],
)
def test_not_seeing_a_test_the_help_site_cannot_show_is_no_problem(settings, facts, reason):
    seen = run({**facts, "answers": {"saw_notification": False}}, settings)["notify-test-seen"]
    assert seen.status == "unknown" and seen.scope == "help-tab"
    assert seen.message["en"].startswith(f"You did not see the test notification, as expected: {reason}")
    assert "says nothing about the workstation" in seen.message["en"]


def test_what_a_page_cannot_see_is_said_plainly(settings):
    found = run({"permission": "granted", "answers": {"saw_notification": False, "heard_sound": False}}, settings)
    assert found["notify-test-seen"].status == "fail" and found["notify-test-seen"].scope == "browser"
    assert "cannot detect" in found["notify-test-seen"].message["en"]
    assert "无法检测" in found["notify-test-seen"].message["zh"]
    assert "cannot detect the system volume" in found["notify-test-heard"].message["en"]
    dnd = found["notify-os-dnd"]
    assert dnd.status == "unknown" and "cannot be detected" in dnd.message["en"]
    assert "Do Not Disturb" in dnd.fix["en"] and "勿扰模式" in dnd.fix["zh"]


def test_not_seen_without_a_known_permission_does_not_claim_it_was_allowed(settings):
    seen = run({"answers": {"saw_notification": False}}, settings)["notify-test-seen"]
    assert seen.status == "fail" and seen.message["en"].startswith("The test notification did not appear. If")
    granted = run({"permission": "granted", "answers": {"saw_notification": False}}, settings)["notify-test-seen"]
    assert granted.message["en"].startswith("The browser allows notifications here")


def test_unanswered_questions_prompt_for_the_buttons(settings):
    found = run({"permission": "granted"}, settings)
    assert "Send a test notification" in found["notify-test-seen"].fix["en"]
    assert "Play a test sound" in found["notify-test-heard"].fix["en"]
    assert "“发送测试通知”" in found["notify-test-seen"].fix["zh"]


def test_firefox_menu_path_is_firefoxs_own_in_both_languages():
    host = {"zh": "app.example.com", "en": "app.example.com"}
    firefox, chrome = notification_setting_path("firefox", host), notification_setting_path("chrome", host)
    for lang in ("zh", "en"):
        assert firefox[lang] != chrome[lang]
        assert "chrome://" not in firefox[lang] and "app.example.com" in firefox[lang]
    # Firefox's own labels: Settings → Privacy & Security → Permissions, and its block-new-requests box.
    assert "“设置”→“隐私与安全”→“权限”" in firefox["zh"] and "阻止新的通知请求" in firefox["zh"]
    assert "“网站设置”" not in firefox["zh"]  # Chrome's label, not Firefox's
    assert "Settings → Privacy & Security → Permissions" in firefox["en"]
    assert "Block new requests asking to allow notifications" in firefox["en"]


@pytest.mark.parametrize("family", ["chrome", "edge", "firefox", "safari", "other", None])
def test_every_menu_path_names_the_host(family):
    host = urlsplit("https://agent.example.org/console/").hostname
    path = notification_setting_path(family, {"zh": host, "en": host})
    assert host in path["zh"] and host in path["en"]
