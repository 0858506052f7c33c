"""What the browser findings say: versions against the minimums, storage, private
windows (which a page cannot tell) and the time zone (by UTC offsets)."""

from __future__ import annotations

import pytest

from checks import browser
from checks.browser.version import LABELS

from .fact_scenarios import EU_DST_2026, EU_STD_2026, NOW, UA, US_DST_2026, US_STD_2026, _zo, with_chromium


def run(facts: dict, settings: dict) -> dict:
    return {f.id: f for f in browser.run(facts, settings)}


def test_old_browser_names_both_versions(settings):
    minimum = settings["browsers"]["chrome"]
    old = with_chromium(UA["chrome80_win7"], minimum - 1)
    version = run({"user_agent": old}, settings)["browser-version"]
    assert version.status == "fail"
    for lang in ("zh", "en"):
        assert f"Chrome {minimum - 1}" in version.message[lang] and f"Chrome {minimum}" in version.message[lang]
    assert "About Google Chrome" in version.fix["en"]
    every = ", ".join(f"{LABELS[name]['en']} {v}" for name, v in settings["browsers"].items())
    assert f"Minimum versions: {every}." in version.fix["en"]


def test_minimums_follow_the_settings(settings):
    settings["browsers"]["chrome"] = 121
    assert run({"user_agent": UA["chrome120_win"]}, settings)["browser-version"].status == "fail"
    settings["browsers"]["chrome"] = 120
    assert run({"user_agent": UA["chrome120_win"]}, settings)["browser-version"].status == "ok"


def test_dual_engine_fast_mode_is_honest_about_detection(settings):
    version = run({"user_agent": UA["qq_chromium123"]}, settings)["browser-version"]
    assert version.status == "warn"
    assert "Chromium 123" in version.message["en"] and "cannot" in version.message["en"]


def test_other_chromium_browsers_use_chromes_minimum(settings):
    minimum = settings["browsers"]["chrome"]
    old = run({"user_agent": with_chromium(UA["samsung_old"], minimum - 1)}, settings)["browser-version"]
    assert old.status == "fail" and f"Samsung Internet (Chromium {minimum - 1})" in old.message["en"]
    assert f"Chromium {minimum}" in old.message["en"]
    ok = run({"user_agent": with_chromium(UA["opera106"], minimum)}, settings)["browser-version"]
    assert ok.status == "ok" and f"Judged by Chrome's minimum, {minimum}" in ok.message["en"]


def test_storage_lists_what_is_blocked(settings):
    storage = run({"cookies": False, "local_storage": True, "indexed_db": False}, settings)["browser-storage"]
    assert "blocks cookies and IndexedDB." in storage.message["en"]
    assert "阻止了 Cookie 和 IndexedDB。" in storage.message["zh"]
    assert storage.data["blocked"] == ["cookies", "indexed_db"]


@pytest.mark.parametrize("ua", ["chrome120_win", "edge120_win", "firefox121_win", "safari17_mac", "curl"])
def test_a_private_window_is_never_guessed(settings, ua):
    private = run({"user_agent": UA[ua], "cookies": True}, settings)["browser-private"]
    assert private.status == "unknown"
    assert "cannot tell whether it is in a private window" in private.message["en"]
    assert "notifications do not work there" in private.message["en"]
    assert "no sign" not in private.message["en"].lower()


def test_features_name_what_is_missing(settings):
    features = run({"websocket_supported": False, "notification_supported": False}, settings)["browser-features"]
    assert "does not support WebSocket and Notification." in features.message["en"]
    assert features.data["missing"] == ["WebSocket", "Notification"]


def test_time_zone_difference(settings):
    # A deployment may leave service_timezone empty (no check); then judge against one.
    service = settings["service_timezone"] = settings["service_timezone"] or "Asia/Shanghai"
    product = settings["product_name"]
    tz = run({"time_zone": "Asia/Kolkata", "zone_offsets": [_zo(NOW, 330, 481)]}, settings)["browser-timezone"]
    assert tz.status == "warn"
    assert "Asia/Kolkata (UTC+05:30)" in tz.message["en"] and f"{service} (UTC+08:01 now)" in tz.message["en"]
    assert "Asia/Kolkata（UTC+05:30）" in tz.message["zh"]
    assert product["en"] in tz.message["en"] and product["zh"] in tz.message["zh"]
    assert "cross-border" in tz.fix["en"] and "跨境" in tz.fix["zh"]
    west = run({"time_zone": "America/St_Johns", "zone_offsets": [_zo(NOW, -210, 480)]}, settings)
    assert "UTC-03:30" in west["browser-timezone"].message["en"]


@pytest.mark.parametrize(
    ("zone", "offsets", "status"),
    [
        # The same clock as Shanghai all year, whatever the name.
        ("Asia/Hong_Kong", [(NOW, 480, 480)], "ok"),
        ("Asia/Taipei", [(NOW, 480, 480)], "ok"),
        ("Asia/Singapore", [(NOW, 480, 480)], "ok"),
        ("Asia/Shanghai", [(NOW, 480, 480)], "ok"),
        # New York differs now and after each change.
        ("America/New_York", [(NOW, -300, 480), (US_DST_2026, -240, 480), (US_STD_2026, -300, 480)], "warn"),
        ("Asia/Tokyo", [(NOW, 540, 480)], "warn"),
    ],
)
def test_zones_are_compared_by_offset_not_name(settings, zone, offsets, status):
    settings["service_timezone"] = "Asia/Shanghai"
    facts = {"time_zone": zone, "zone_offsets": [_zo(*o) for o in offsets]}
    assert run(facts, settings)["browser-timezone"].status == status


def test_a_zone_equal_now_but_not_after_the_next_change_names_the_date(settings):
    settings["service_timezone"] = "Africa/Abidjan"
    facts = {
        "time_zone": "Europe/London",
        "zone_offsets": [_zo(NOW, 0, 0), _zo(EU_DST_2026, 60, 0), _zo(EU_STD_2026, 0, 0)],
    }
    tz = run(facts, settings)["browser-timezone"]
    assert tz.status == "warn" and tz.data["differs_from"] == EU_DST_2026
    assert "keeps the same time as Africa/Abidjan now, but from 29 March 2026" in tz.message["en"]
    assert "UTC+01:00 while Africa/Abidjan is at UTC+00:00" in tz.message["en"]
    assert "从 2026 年 3 月 29 日起" in tz.message["zh"] and "Europe/London（UTC+00:00）现在" in tz.message["zh"]


def test_zones_in_step_through_their_changes_are_the_same(settings):
    settings["service_timezone"] = "Europe/Berlin"
    facts = {
        "time_zone": "Europe/Paris",
        "zone_offsets": [_zo(NOW, 60, 60), _zo(EU_DST_2026, 120, 120), _zo(EU_STD_2026, 60, 60)],
    }
    tz = run(facts, settings)["browser-timezone"]
    assert tz.status == "ok" and "keeps the same time as Europe/Berlin" in tz.message["en"]


def test_without_offsets_only_the_same_zone_is_judged(settings):
    settings["service_timezone"] = "Asia/Shanghai"
    assert run({"time_zone": "Asia/Shanghai"}, settings)["browser-timezone"].status == "ok"
    other = run({"time_zone": "Asia/Hong_Kong", "utc_offset_min": 480}, settings)["browser-timezone"]
    assert other.status == "unknown" and "may keep exactly the same time" in other.message["en"]
