"""What the notification findings say: this browser's menu path, and honesty about
what a web page cannot see."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from checks import notifications

from .fact_scenarios import FAMILY_UA, UA


def run(facts: dict, settings: dict) -> dict:
    return {f.id: f for f in notifications.run(facts, settings)}


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
def test_denied_gives_this_browsers_path(settings, family, path):
    permission = run({"secure_context": True, "permission": "denied", "user_agent": FAMILY_UA[family]}, settings)[
        "notify-permission"
    ]
    assert permission.status == "fail"
    assert path in permission.fix["en"]
    host = urlsplit(settings["workstation_url"]).hostname
    assert host in permission.fix["en"] and host in permission.fix["zh"]
    assert "per site" in permission.message["en"]


def test_never_asked_mentions_the_shared_pc(settings):
    permission = run({"permission": "default"}, settings)["notify-permission"]
    assert "Send a test notification" in permission.fix["en"] and "Allow" in permission.fix["en"]
    assert "each browser profile" in permission.fix["en"] and "每个浏览器配置文件" in permission.fix["zh"]


def test_insecure_page_skips_the_permission_finding(settings):
    found = run({"secure_context": False, "permission": "denied"}, settings)
    assert "notify-permission" not in found
    assert settings["workstation_url"] in found["notify-secure"].message["en"]
    assert settings["workstation_url"] in found["notify-secure"].message["zh"]


@pytest.mark.parametrize(
    ("family", "tip"),
    [
        ("edge", "edge://settings/content/mediaAutoplay"),
        ("firefox", "Allow Audio and Video"),
        ("safari", "Allow All Auto-Play"),
        ("chrome", None),
    ],
)
def test_sound_blocked_until_click(settings, family, tip):
    sound = run({"audio_state": "suspended", "user_agent": FAMILY_UA[family]}, settings)["notify-sound"]
    assert "click" in sound.fix["en"] and "点一下" in sound.fix["zh"]
    if tip:
        assert tip in sound.fix["en"]
    else:
        assert "You can also" not in sound.fix["en"]


def test_background_tab_explains_throttling(settings):
    tab = run({"visibility": "hidden"}, settings)["notify-tab"]
    assert "once a second" in tab.message["en"] and "5 minutes" in tab.message["en"]
    assert "cannot see" in tab.message["en"]
    assert "Memory Saver" in tab.fix["en"] and "Sleeping tabs" in tab.fix["en"]


def test_what_a_page_cannot_see_is_said_plainly(settings):
    found = run({"permission": "granted", "answers": {"saw_notification": False, "heard_sound": False}}, settings)
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
    found = run({}, settings)
    assert "Send a test notification" in found["notify-test-seen"].fix["en"]
    assert "Play a test sound" in found["notify-test-heard"].fix["en"]
    assert "“发送测试通知”" in found["notify-test-seen"].fix["zh"]


@pytest.mark.parametrize(
    ("ua", "path"),
    [
        ("edge120_win", "edge://settings/content/notifications"),
        ("firefox121_win", "Settings → Privacy & Security → Permissions"),
        ("safari17_mac", "Safari → Settings"),
        ("chrome120_win", "chrome://settings/content/notifications"),
        ("opera106", "In the browser's site settings"),
        ("curl", "In the browser's site settings"),
    ],
)
def test_the_menu_path_follows_the_user_agent(settings, ua, path):
    # The page's collector sends navigator.userAgent; the check names the browser from it.
    permission = run({"permission": "denied", "user_agent": UA[ua]}, settings)["notify-permission"]
    assert path in permission.fix["en"]
