"""The environment fields, filled in from the last check run, and the report banner's device."""

from __future__ import annotations

import pytest

from checks.request import describe, form_values
from checks.request.environment import browser_label, operating_system

from .fact_scenarios import UA, UA_DATA, probe_facts
from .request_data import typical_facts


@pytest.mark.parametrize(
    ("ua", "system"),
    [
        (UA["chrome120_win"], "Windows 10/11"),
        (UA["chrome80_win7"], "Windows 7"),
        ("Mozilla/5.0 (Windows NT 6.3; Win64; x64) Chrome/109.0.0.0", "Windows 8.1"),
        ("Mozilla/5.0 (Windows NT 6.2; Win64; x64) Chrome/109.0.0.0", "Windows 8"),
        ("Mozilla/5.0 (Windows; U; Windows CE)", "Windows"),
        (UA["safari_ios17"], "iOS 17.1"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18 like Mac OS X) Version/18.0 Mobile Safari/604.1", "iOS 18"),
        ("Mozilla/5.0 (iPad; U; like Mac OS X) AppleWebKit/605.1.15", "iPadOS"),
        (UA["chrome_android"], "Android 10"),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Chrome/120.0.0.0", "ChromeOS"),
        (UA["safari17_mac"], "macOS"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Linux"),
        (UA["curl"], None),
        (None, None),
    ],
)
def test_operating_system(ua, system):
    assert operating_system(ua) == system


def test_browser_label():
    assert browser_label(UA["edge120_win"], UA_DATA["edge_full"]) == {
        "zh": "Edge 120.0.2210.91",
        "en": "Edge 120.0.2210.91",
    }
    assert browser_label(UA["qq_chromium123"]) == {"zh": "QQ 浏览器 13.0.6071.400", "en": "QQ Browser 13.0.6071.400"}
    assert browser_label(UA["360_chromium"]) == {"zh": "360 浏览器", "en": "360 Browser"}
    assert browser_label(None, {"brands": [{"brand": "Yandex", "version": "24"}]}) == {
        "zh": "Yandex 24",
        "en": "Yandex 24",
    }
    assert browser_label(UA["curl"]) is None


def test_describe_a_run_with_the_probe():
    facts = typical_facts() | {"workstation": probe_facts(user_agent=UA["firefox121_win"])}
    assert describe(facts) == {
        "browser": {"zh": "Edge 120.0.2210.91", "en": "Edge 120.0.2210.91"},
        "os": "Windows 10/11",
        "workstation": {
            "origin": "https://app.meiqia.com",
            "browser": {"zh": "Firefox 121.0", "en": "Firefox 121.0"},
            "os": "Windows 10/11",
        },
    }


def test_describe_falls_back_and_tolerates_what_is_missing():
    only_notifications = {"notifications": {"user_agent": UA["safari17_mac"]}, "workstation": {"collect_error": "x"}}
    assert describe(only_notifications) == {
        "browser": {"zh": "Safari 17.1", "en": "Safari 17.1"},
        "os": "macOS",
        "workstation": None,
    }
    assert describe({"browser": "broken", "workstation": {"v": 1}}) == {
        "browser": None,
        "os": None,
        "workstation": {"origin": None, "browser": None, "os": None},
    }
    assert describe(None) == {"browser": None, "os": None, "workstation": None}


def test_form_values_in_the_page_language():
    facts = {"browser": {"user_agent": UA["qq_chromium123"]}}
    assert form_values(facts, "zh") == {"browser": "QQ 浏览器 13.0.6071.400", "os": "Windows 10/11"}
    assert form_values(facts, "en") == {"browser": "QQ Browser 13.0.6071.400", "os": "Windows 10/11"}
    assert form_values(facts, "fr") == {"browser": "QQ Browser 13.0.6071.400", "os": "Windows 10/11"}
    assert form_values({}, "zh") == {}
