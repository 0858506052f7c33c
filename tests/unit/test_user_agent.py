"""parse_browser on real user-agent strings and client hints."""

from __future__ import annotations

import pytest

from checks.browser import parse_browser

from .fact_scenarios import UA, UA_DATA

# ua key -> (name, major, engine, chromium)
UA_TABLE = [
    ("chrome120_win", "chrome", 120, "blink", 120),
    ("edge120_win", "edge", 120, "blink", 120),
    ("firefox121_win", "firefox", 121, "gecko", None),
    ("safari17_mac", "safari", 17, "webkit", None),
    ("safari_ios17", "safari", 17, "webkit", None),
    ("chrome_android", "chrome", 120, "blink", 120),
    ("chrome_ios", "chrome", 120, "webkit", None),
    ("firefox_ios", "firefox", 121, "webkit", None),
    ("qq_chromium94", "qq", 11, "blink", 94),
    ("360_chromium", "360", None, "blink", 63),
    # The IE engine never runs the page's module scripts, so it is not recognised.
    ("360_ie_mode", None, None, None, None),
    ("sogou_ie_mode", None, None, None, None),
    ("ie11", None, None, None, None),
    ("chrome80_win7", "chrome", 80, "blink", 80),
    ("edge18_legacy", "edge", 18, "edgehtml", None),
    ("opera106", "opera", 106, "blink", 120),
    ("samsung23", "samsung", 23, "blink", 115),
    ("curl", None, None, None, None),
]


@pytest.mark.parametrize(("key", "name", "major", "engine", "chromium"), UA_TABLE, ids=[row[0] for row in UA_TABLE])
def test_user_agent_strings(key, name, major, engine, chromium):
    parsed = parse_browser(UA[key], None)
    assert (parsed["name"], parsed["major"], parsed["engine"], parsed["chromium"]) == (name, major, engine, chromium)
    assert set(parsed) >= {"name", "version", "major", "engine"}


def test_versions_are_kept_whole():
    assert parse_browser(UA["edge120_win"], None)["version"] == "120.0.2210.91"
    assert parse_browser(UA["safari17_mac"], None)["version"] == "17.1"
    assert parse_browser(UA["qq_chromium94"], None)["brand"] == "QQBrowser"


def test_client_hints_prefer_the_full_version_list():
    parsed = parse_browser(UA["edge120_win"], UA_DATA["edge_full"])
    assert parsed["name"] == "edge" and parsed["version"] == "120.0.2210.91" and parsed["chromium"] == 120


def test_client_hints_brands_only():
    parsed = parse_browser(UA["chrome120_win"], UA_DATA["chrome_brands_only"])
    assert (parsed["name"], parsed["version"], parsed["major"]) == ("chrome", "120", 120)


def test_chromium_brand_alone_means_chrome():
    parsed = parse_browser("", UA_DATA["chromium_only"])
    assert (parsed["name"], parsed["major"], parsed["engine"]) == ("chrome", 118, "blink")


def test_grease_brands_are_ignored():
    hints = {"brands": [{"brand": "Not A;Brand", "version": "99"}]}
    assert parse_browser("", hints)["name"] is None  # nothing real left: fall back to the (empty) UA


def test_unlisted_chromium_brand_is_other():
    parsed = parse_browser("", UA_DATA["brave"])
    assert (parsed["name"], parsed["brand"], parsed["chromium"]) == ("other", "Brave", 120)


def test_dual_engine_token_beats_client_hints():
    hints = {"brands": [{"brand": "Chromium", "version": "123"}, {"brand": "Not_A Brand", "version": "8"}]}
    parsed = parse_browser(UA["qq_chromium94"], hints)
    assert parsed["name"] == "qq" and parsed["chromium"] == 123


@pytest.mark.parametrize(
    ("ua", "hints"),
    [
        (None, None),
        (123, None),
        ("", {}),
        ("", {"brands": "nope"}),
        ("", {"brands": [None, 3, {"brand": 5}]}),
        ("", {"fullVersionList": [{"brand": "Google Chrome"}]}),
        ("Chrome/abc", None),
        ("MSIE", None),
    ],
)
def test_garbage_never_raises(ua, hints):
    parsed = parse_browser(ua, hints)
    assert set(parsed) >= {"name", "version", "major", "engine"}
