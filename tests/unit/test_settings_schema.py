"""settings.toml and its overlays are validated: every problem names the key and the file."""

from __future__ import annotations

import copy
import os

import pytest

from hooks import guide_data, settings_schema


def changed(settings: dict, changes: dict) -> dict:
    """A copy with each dotted key set ("probe.timeout_ms", "probe.hosts[1]")."""
    out = copy.deepcopy(settings)
    for path, value in changes.items():
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        node = out
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return out


def test_the_settings_in_use_are_valid(settings_source):
    assert settings_schema.problems(settings_source) == []


INVALID = [
    # wrong types
    ({"probe.timeout_ms": "8000"}, "probe.timeout_ms", "must be a whole number, not a string ('8000')"),
    ({"probe.timeout_ms": 8000.5}, "probe.timeout_ms", "must be a whole number"),
    ({"probe.timeout_ms": True}, "probe.timeout_ms", "not a boolean (true)"),
    ({"probe.hosts": "https://a.example/"}, "probe.hosts", "must be an array"),
    ({"support": "help@example.com"}, "support", "must be a table"),
    ({"browsers.chrome": "109"}, "browsers.chrome", "must be a whole number"),
    ({"product_name": "LiveDesk"}, "product_name", 'must be text in both languages, { zh = "…", en = "…" }'),
    # numbers out of range, thresholds out of order
    ({"probe.timeout_ms": -1}, "probe.timeout_ms", "must be greater than 0, not -1"),
    ({"probe.latency_warn_ms": 0}, "probe.latency_warn_ms", "must be greater than 0"),
    ({"browsers.safari": 0}, "browsers.safari", "must be greater than 0"),
    ({"probe.clock_skew_warn_s": 300, "probe.clock_skew_fail_s": 300}, "probe.clock_skew_warn_s", "less than"),
    ({"probe.latency_warn_ms": 9000, "probe.timeout_ms": 8000}, "probe.latency_warn_ms", "already timed out"),
    # addresses
    ({"workstation_url": "app.example.com"}, "workstation_url", "needs https:// or http:// and a host name"),
    ({"site_url": "//help.example.com/"}, "site_url", "needs https:// or http://"),
    ({"probe.hosts[1]": "static.example.com"}, "probe.hosts[1]", "is not a full address"),
    ({"probe.hosts[1]": "https://exa mple.com/"}, "probe.hosts[1]", "is not a full address"),
    ({"probe.hosts[1]": "https://[::1/"}, "probe.hosts[1]", "is not a full address"),
    ({"probe.time_url": "/time"}, "probe.time_url", "is not a full address"),
    ({"probe.websocket_echo_url": "https://echo.example/"}, "probe.websocket_echo_url", "needs wss:// or ws://"),
    ({"status_page_url": ""}, "status_page_url", "must not be empty"),
    ({"support.url": "  "}, "support.url", "is not a full address"),
    ({"support.email": "help at example.com"}, "support.email", "is not an e-mail address"),
    ({"service_timezone": "Asia/Shangai"}, "service_timezone", "did you mean 'Asia/Shanghai'?"),
    ({"service_timezone": "UTC+8"}, "service_timezone", "is not a time zone name"),
    # unknown and missing keys
    ({"probe.timeout": 5000}, "probe.timeout", "unknown key (did you mean 'timeout_ms'?)"),
    ({"colour": "blue"}, "colour", "unknown key; known keys: product_name, site_url"),
    ({"browsers.crome": 100}, "browsers.crome", "did you mean 'chrome'?"),
    ({"product_name.fr": "Meiqia"}, "product_name.fr", "unknown key"),
    ({"product_name": {"zh": "美洽"}}, "product_name.en", "missing"),
    ({"support.internal_contact": {"zh": " ", "en": "the admin"}}, "support.internal_contact.zh", "must not be empty"),
    ({"client.known_defects": [{"version": "1.2.3"}]}, "client.known_defects[0].note", "missing"),
    (
        {"client.known_defects": [{"version": "", "note": {"zh": "不推送", "en": "No push"}}]},
        "client.known_defects[0].version",
        "must not be empty",
    ),
    ({"probe.hosts": ["https://a.example/", "https://a.example/"]}, "probe.hosts", "the same entry twice"),
    ({"support.channels[0].zh": ""}, "support.channels[0].zh", "must not be empty"),
    ({"support.channels": []}, "support.channels", "should be non-empty"),
    # unencrypted probes from an https:// site: the browser blocks them (mixed content)
    (
        {"site_url": "https://help.example.com/", "probe.websocket_echo_url": "ws://echo.example.com/"},
        "probe.websocket_echo_url",
        "browsers block ws:// from an https:// page, so use wss://",
    ),
    (
        {"site_url": "https://help.example.com/", "probe.time_url": "http://time.example.com/"},
        "probe.time_url",
        "so use https://",
    ),
    (
        {"site_url": "https://help.example.com/", "probe.hosts[0]": "http://app.example.com/"},
        "probe.hosts[0]",
        "so use https://",
    ),
]


@pytest.mark.parametrize(("changes", "key", "phrase"), INVALID, ids=[f"{c[1]}:{c[2][:30]}" for c in INVALID])
def test_each_invalid_setting_is_named(settings_source, changes, key, phrase):
    found = dict(settings_schema.problems(changed(settings_source, changes)))
    assert key in found, found
    assert phrase in found[key]


def test_a_channel_id_used_twice_is_named(settings_source):
    first = settings_source["support"]["channels"][0]["id"]
    found = dict(settings_schema.problems(changed(settings_source, {"support.channels[1].id": first})))
    assert f"'{first}' is used twice" in found["support.channels[1].id"]


def test_a_missing_key_is_named(settings_source):
    settings = copy.deepcopy(settings_source)
    del settings["probe"]["timeout_ms"]
    del settings["site_url"]
    assert settings_schema.problems(settings) == [("probe.timeout_ms", "missing"), ("site_url", "missing")]


VALID = [
    {"probe.websocket_echo_url": "", "probe.time_url": "", "service_timezone": "", "support.email": ""},
    {"site_url": "https://help.example.com/kb/", "probe.websocket_echo_url": "wss://echo.example.com/"},
    {"site_url": "http://help.intranet/", "probe.websocket_echo_url": "ws://10.0.0.5:8080/echo"},
    {"probe.hosts": []},
    {"browsers.opera": 100, "browsers.samsung": 20},
    {"support.email": "help@example.com", "service_timezone": "Europe/Berlin"},
    {"client.known_defects": [{"version": "1.2.3", "note": {"zh": "新会话不推送", "en": "New chats are not pushed"}}]},
]


@pytest.mark.parametrize("changes", VALID)
def test_valid_variants_pass(settings_source, changes):
    assert settings_schema.problems(changed(settings_source, changes)) == []


def test_dotted_names_list_items():
    assert settings_schema.dotted(["probe", "hosts", 2]) == "probe.hosts[2]"
    assert settings_schema.dotted(["client", "known_defects", 0, "note", "en"]) == "client.known_defects[0].note.en"
    assert settings_schema.dotted([]) == ""


# --- guide_data.settings(): the file named is the one that brought the problem ---------


@pytest.fixture
def load_afresh(monkeypatch):
    """guide_data.settings() re-read under a changed environment, and re-read again after."""
    guide_data.settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    guide_data.settings.cache_clear()


def test_overlays_stack_in_order(load_afresh, tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('site_url = "https://help.example.com/"\n[probe]\ntimeout_ms = 5000\n', encoding="utf-8")
    second.write_text("[probe]\ntimeout_ms = 4000\n", encoding="utf-8")
    load_afresh.setenv("HELP_SETTINGS_OVERRIDE", os.pathsep.join([str(first), "", str(second)]))
    merged = guide_data.settings()
    assert merged["probe"]["timeout_ms"] == 4000 and merged["site_url"] == "https://help.example.com/"


def test_the_overlay_that_breaks_the_settings_is_named(load_afresh, tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('site_url = "https://help.example.com/"\n', encoding="utf-8")
    second.write_text('[probe]\nwebsocket_echo_url = "ws://echo.example.com/"\n', encoding="utf-8")
    load_afresh.setenv("HELP_SETTINGS_OVERRIDE", os.pathsep.join([str(first), str(second)]))
    with pytest.raises(guide_data.DataError) as caught:
        guide_data.settings()
    assert str(caught.value).startswith(f"HELP_SETTINGS_OVERRIDE={second}: probe.websocket_echo_url: 'ws://")


def test_a_broken_settings_toml_is_named(load_afresh):
    real = guide_data._load

    def broken(name):
        data = real(name)
        data["probe"]["timeout_ms"] = 0
        data["browsers"]["edge"] = "109"
        return data

    load_afresh.setattr(guide_data, "_load", broken)
    with pytest.raises(guide_data.DataError) as caught:
        guide_data.settings()
    assert str(caught.value).splitlines() == [
        "settings.toml: browsers.edge: must be a whole number, not a string ('109')",
        "settings.toml: probe.timeout_ms: must be greater than 0, not 0",
    ]


def test_an_unreadable_overlay_is_named(load_afresh, tmp_path):
    missing = tmp_path / "nowhere.toml"
    load_afresh.setenv("HELP_SETTINGS_OVERRIDE", str(missing))
    with pytest.raises(guide_data.DataError) as caught:
        guide_data.settings()
    assert str(caught.value).startswith(f"HELP_SETTINGS_OVERRIDE={missing}: ")
