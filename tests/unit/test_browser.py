"""What the browser findings say: versions against the minimums, storage, private
windows (a guess, said as one) and the time zone."""

from __future__ import annotations

from checks import browser
from checks.browser.version import LABELS

from .fact_scenarios import UA, with_chromium


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
    # A deployment may leave service_timezone empty (no check); then judge against one.
    service = settings["service_timezone"] = settings["service_timezone"] or "Asia/Shanghai"
    product = settings["product_name"]
    here = "Asia/Kolkata" if service != "Asia/Kolkata" else "Europe/Berlin"
    offset = 330 if here == "Asia/Kolkata" else 60
    tz = run({"time_zone": here, "utc_offset_min": offset}, settings)["browser-timezone"]
    assert tz.status == "warn"
    assert f"{here} (UTC+{offset // 60:02d}:{offset % 60:02d})" in tz.message["en"] and service in tz.message["en"]
    assert product["en"] in tz.message["en"] and product["zh"] in tz.message["zh"]
    assert "cross-border" in tz.fix["en"] and "跨境" in tz.fix["zh"]
    west = run({"time_zone": "America/St_Johns", "utc_offset_min": -210}, settings)["browser-timezone"]
    assert "UTC-03:30" in west.message["en"]
