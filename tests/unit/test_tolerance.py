"""A fact the browser could not collect, or sent in the wrong shape, must give an
"unknown" finding, never an exception."""

from __future__ import annotations

import copy
import json
from urllib.parse import urlsplit

import pytest

from checks import CHECKS

from .fact_scenarios import UA, UA_DATA, background_facts, probe_facts

FULL_FACTS = {
    "connectivity": {
        "online": True,
        "connection": {"effectiveType": "4g", "rtt": 50, "downlink": 10.0, "saveData": False},
        "hosts": [
            {"url": "https://a/", "ok": True, "ms": 80.0, "error": None},
            {"url": "https://b/", "ok": False, "ms": None, "error": "timeout"},
        ],
        "websocket": {
            "url": "wss://e/",
            "opened": True,
            "open_ms": 50.0,
            "echo_ok": True,
            "echo_ms": 20.0,
            "error": None,
            "close_code": None,
        },
        "clock": {"source": "/", "offset_ms": 100.0, "rtt_ms": 30.0, "error": None},
    },
    "notifications": {
        "supported": True,
        "permission": "granted",
        "permission_query": "granted",
        "secure_context": True,
        "audio_state": "running",
        "autoplay_policy": "allowed",
        "user_agent": UA["chrome120_win"],
        "answers": {"saw_notification": True, "heard_sound": True, "os_dnd_on": False},
    },
    "browser": {
        "user_agent": UA["edge120_win"],
        "ua_data": UA_DATA["edge_full"],
        "cookies": True,
        "local_storage": True,
        "indexed_db": True,
        "websocket_supported": True,
        "notification_supported": True,
        "time_zone": "Asia/Shanghai",
        "utc_offset_min": 480,
        "zone_offsets": [
            {"at": 1_768_000_000_000, "local": 480, "service": 480},
            {"at": 1_774_746_000_000, "local": 480, "service": 480},
        ],
    },
    "workstation": probe_facts(),
    "background": background_facts(),
}
GARBAGE = [None, "", "nonsense", 0, -1, 1e308, float("inf"), float("nan"), True, [], [None, 1, "x"], {}, {"a": None}]


def key_paths(value, prefix=()):
    """Every key path into the facts, including list items and nested objects."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from key_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield (*prefix, i)
            yield from key_paths(child, (*prefix, i))


def replaced(facts, path, new):
    out = copy.deepcopy(facts)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = new
    return out


def removed(facts, path):
    out = copy.deepcopy(facts)
    node = out
    for key in path[:-1]:
        node = node[key]
    if isinstance(node, dict):
        del node[path[-1]]
    return out


CASES = [(area, path) for area, facts in FULL_FACTS.items() for path in key_paths(facts)]


@pytest.mark.parametrize(("area", "path"), CASES, ids=[f"{a}:{'.'.join(map(str, p))}" for a, p in CASES])
def test_any_fact_may_be_missing_or_malformed(area, path, settings):
    module = CHECKS[area]
    for facts in [removed(FULL_FACTS[area], path)] + [replaced(FULL_FACTS[area], path, g) for g in GARBAGE]:
        findings = [f.to_dict() for f in module.run(facts, settings)]
        assert findings
        json.dumps(findings, allow_nan=False)


@pytest.mark.parametrize("area", list(FULL_FACTS))
def test_whole_area_garbage_is_contained_by_the_runner(area, settings):
    from checks import run_checks

    for junk in GARBAGE:
        result = run_checks({area: junk}, settings)
        json.dumps(result, allow_nan=False)
        for f in result["findings"]:
            assert f["status"] in ("ok", "warn", "fail", "unknown")


def test_full_facts_are_all_clear(settings):
    from checks import run_checks

    facts = copy.deepcopy(FULL_FACTS)
    facts["connectivity"]["hosts"] = facts["connectivity"]["hosts"][:1]
    settings["probe"]["websocket_echo_url"] = "wss://e/"
    # A healthy machine for these settings: the same Edge, new enough for their minimums,
    # in the service's time zone.
    major = max(120, settings["browsers"]["edge"], settings["browsers"]["chrome"])
    facts["browser"] = json.loads(
        json.dumps(facts["browser"]).replace('"120', f'"{major}').replace("/120.", f"/{major}.")
    )
    facts["browser"]["time_zone"] = settings["service_timezone"] or None
    # The probe ran on the workstation these settings name.
    facts["workstation"]["origin"] = "https://" + urlsplit(settings["workstation_url"]).hostname
    facts["workstation"]["resources"] = [{"host": urlsplit(settings["workstation_url"]).hostname, "count": 9}]
    result = run_checks(facts, settings)
    summary = result["summary"]
    # Only what no page can know stays unknown: whether this is a private window.
    unknown = sorted(f["id"] for f in result["findings"] if f["status"] == "unknown")
    assert unknown == ["browser-private"], unknown
    assert summary["text"] == {
        "zh": "全部正常，另有 1 项无法判断",
        "en": "All clear; 1 could not be judged",
    }, [(f["id"], f["status"]) for f in result["findings"] if f["status"] != "ok"]
