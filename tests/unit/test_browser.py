"""What the browser findings say: versions against the minimums, storage, private
windows (a guess, said as one) and the time zone."""

from __future__ import annotations

from checks import browser

from .fact_scenarios import UA


def run(facts: dict, settings: dict) -> dict:
    return {f.id: f for f in browser.run(facts, settings)}


def test_old_browser_names_both_versions(settings):
    version = run({"user_agent": UA["chrome80_win7"]}, settings)["browser-version"]
    assert "Chrome 80" in version.message["en"] and "Chrome 109" in version.message["en"]
    assert "Chrome 80" in version.message["zh"] and "Chrome 109" in version.message["zh"]
    assert "About Google Chrome" in version.fix["en"]
    assert "Chrome 109, Edge 109, Firefox 115, Safari 15" in version.fix["en"]


def test_minimums_follow_the_settings(settings):
    settings["browsers"]["chrome"] = 130
    assert run({"user_agent": UA["chrome120_win"]}, settings)["browser-version"].status == "fail"
    settings["browsers"]["chrome"] = "100"  # a number written as text still counts
    assert run({"user_agent": UA["chrome120_win"]}, settings)["browser-version"].status == "ok"


def test_ie_mode_asks_for_the_fast_mode(settings):
    version = run({"user_agent": UA["360_ie_mode"]}, settings)["browser-version"]
    assert version.status == "fail"
    assert "360 Browser in IE compatibility mode" in version.message["en"]
    assert "极速模式" in version.fix["zh"] and "fast (极速) mode" in version.fix["en"]


def test_dual_engine_fast_mode_is_honest_about_detection(settings):
    version = run({"user_agent": UA["qq_chromium123"]}, settings)["browser-version"]
    assert version.status == "warn"
    assert "Chromium 123" in version.message["en"] and "cannot" in version.message["en"]


def test_other_chromium_browsers_use_chromes_minimum(settings):
    version = run({"user_agent": UA["samsung_old"]}, settings)["browser-version"]
    assert version.status == "fail" and "Samsung Internet (Chromium 71)" in version.message["en"]
    assert "Chromium 109" in version.message["en"]
    ok = run({"user_agent": UA["opera106"]}, settings)["browser-version"]
    assert ok.status == "ok" and "Judged by Chrome's minimum, 109" in ok.message["en"]


def test_storage_lists_what_is_blocked(settings):
    storage = run({"cookies": False, "local_storage": True, "indexed_db": False}, settings)["browser-storage"]
    assert "blocks cookies and IndexedDB." in storage.message["en"]
    assert "阻止了 Cookie 和 IndexedDB。" in storage.message["zh"]
    assert storage.data["blocked"] == ["cookies", "indexed_db"]


def test_private_window_is_a_stated_guess(settings):
    private = run({"user_agent": UA["edge120_win"], "storage_quota": 150 * 1024 * 1024}, settings)["browser-private"]
    assert private.status == "warn" and "about 150 MB" in private.message["en"]
    normal = run({"user_agent": UA["edge120_win"], "storage_quota": 60 * 1024**3}, settings)["browser-private"]
    assert "about 60 GB" in normal.message["en"] and "guess" in normal.message["en"]
    assert "guess" in private.message["en"] and "推测" in private.message["zh"]
    assert run({"user_agent": UA["safari17_mac"], "storage_quota": 1}, settings)["browser-private"].status == "unknown"


def test_features_name_what_is_missing(settings):
    features = run({"websocket_supported": False, "notification_supported": False}, settings)["browser-features"]
    assert "does not support WebSocket and Notification." in features.message["en"]
    assert features.data["missing"] == ["WebSocket", "Notification"]


def test_time_zone_difference(settings):
    tz = run({"time_zone": "Europe/Berlin", "utc_offset_min": 60}, settings)["browser-timezone"]
    assert "Europe/Berlin (UTC+01:00)" in tz.message["en"] and "Asia/Shanghai" in tz.message["en"]
    assert "Meiqia" in tz.message["en"] and "美洽" in tz.message["zh"]
    assert "cross-border" in tz.fix["en"] and "跨境" in tz.fix["zh"]
    west = run({"time_zone": "America/St_Johns", "utc_offset_min": -210}, settings)["browser-timezone"]
    assert "UTC-03:30" in west.message["en"]
