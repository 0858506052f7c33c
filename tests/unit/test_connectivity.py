"""What the connectivity findings say: numbers, causes, and folding when offline."""

from __future__ import annotations

import pytest

from checks import connectivity
from checks.wording import seconds_from_ms

from .fact_scenarios import OK_HOSTS


def run(facts: dict, settings: dict) -> dict:
    return {f.id: f for f in connectivity.run(facts, settings)}


def test_offline_folds_host_and_websocket_results(settings):
    found = run(
        {
            "online": False,
            "hosts": [{"url": "https://a/", "ok": False, "error": "network"}],
            "websocket": {"url": "wss://e/", "opened": False},
        },
        settings,
    )
    assert found["conn-online"].status == "fail"
    assert found["conn-hosts"].data == {"skipped": "offline"}
    assert found["conn-websocket"].data == {"skipped": "offline"}
    assert [f for f in found.values() if f.status == "fail"] == [found["conn-online"]]


def test_timeout_and_network_failures_are_told_apart(settings):
    found = run(
        {
            "online": True,
            "hosts": [
                {"url": "https://a/", "ok": False, "error": "timeout"},
                {"url": "https://b/", "ok": False, "error": "network"},
            ],
        },
        settings,
    )
    message = found["conn-hosts"].message
    s = seconds_from_ms(settings["probe"]["timeout_ms"])
    assert f"https://a/: no answer within {s} s (timed out)" in message["en"]
    assert f"https://a/：{s} 秒内没有响应（超时）" in message["zh"]
    assert "https://b/: the connection failed" in message["en"]
    assert message["en"].startswith("The browser says it is online, but none of the 2 hosts")
    assert message["zh"].startswith("浏览器显示已联网，但 2 个地址都访问不了")
    assert found["conn-hosts"].data["timeouts"] == 1
    assert settings["status_page_url"] in found["conn-hosts"].fix["en"]
    assert settings["status_page_url"] in found["conn-hosts"].fix["zh"]


@pytest.mark.parametrize("own_page", [False, True])
def test_the_status_page_is_named_for_what_it_is(settings, own_page):
    """The default status page is the official site: the fix must not promise a status page."""
    settings["official_site_url"] = "https://vendor.example/"
    settings["status_page_url"] = "https://status.vendor.example/" if own_page else "https://vendor.example/"
    fix = run({"online": True, "hosts": [{"url": "https://a/", "ok": False, "error": "network"}]}, settings)[
        "conn-hosts"
    ].fix
    url = settings["status_page_url"]
    if own_page:
        assert f"the status page {url}" in fix["en"] and f"状态页 {url}" in fix["zh"]
    else:
        assert (
            f"the notices on the vendor's official site ({url})" in fix["en"]
            and f"服务商官网（{url}）上的公告" in fix["zh"]
        )
        assert "status page" not in fix["en"] and "状态页" not in fix["zh"]


def test_timeout_seconds_follow_the_settings(settings):
    settings["probe"]["timeout_ms"] = 2500
    found = run(
        {
            "online": True,
            "hosts": [
                {"url": "https://a/", "ok": True, "ms": 10},
                {"url": "https://b/", "ok": False, "error": "timeout"},
            ],
        },
        settings,
    )
    assert "no answer within 2.5 s" in found["conn-host-2"].message["en"]
    assert "https://b/" in found["conn-host-2"].title["en"]
    assert "The other host answered" in found["conn-host-2"].message["en"]
    assert "另一个地址可以访问" in found["conn-host-2"].message["zh"]


def test_all_reachable_reports_the_slowest(settings):
    found = run({"online": True, "hosts": OK_HOSTS}, settings)
    assert found["conn-hosts"].title["en"] == "All 3 hosts are reachable"
    assert "https://h2.example.com/, answered in 120 ms" in found["conn-hosts"].message["en"]
    assert found["conn-hosts"].data["max_ms"] == 120.0


def test_latency_threshold_comes_from_the_settings(settings):
    facts = {"online": True, "hosts": [{"url": "https://a/", "ok": True, "ms": 400}]}
    assert "conn-latency" not in run(facts, settings)
    settings["probe"]["latency_warn_ms"] = 300
    latency = run(facts, settings)["conn-latency"]
    assert latency.status == "warn" and "https://a/ (400 ms)" in latency.message["en"]
    assert "300 ms" in latency.message["en"] and "300 毫秒" in latency.message["zh"]
    # Every reachable host slow: the fix points at cross-border routing.
    assert "cross-border" in latency.fix["en"] and "跨境" in latency.fix["zh"]


def test_websocket_blocked_mentions_close_code_and_causes(settings):
    found = run(
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": {"url": "wss://e/", "opened": False, "close_code": 1006, "error": "error"},
        },
        settings,
    )
    ws = found["conn-websocket"]
    assert ws.title["en"] == "WebSocket blocked while HTTPS works"
    assert "1006" in ws.message["en"] and "no detail" in ws.message["en"]
    product = settings["product_name"]
    assert "wss://e/" in ws.message["en"] and product["en"] in ws.message["en"] and product["zh"] in ws.message["zh"]
    for cause in ("proxy", "firewall", "TLS", "VPN", "antivirus"):
        assert cause in ws.fix["en"]


def test_websocket_stripped_and_ok(settings):
    stripped = run(
        {
            "online": True,
            "hosts": OK_HOSTS,
            "websocket": {"url": "wss://e/", "opened": True, "open_ms": 80, "echo_ok": False},
        },
        settings,
    )
    assert "handshake with wss://e/ succeeded (80 ms)" in stripped["conn-websocket"].message["en"]
    ok = run(
        {
            "online": True,
            "websocket": {"url": "wss://e/", "opened": True, "open_ms": 80.4, "echo_ok": True, "echo_ms": 33.3},
        },
        settings,
    )
    assert (
        ok["conn-websocket"].message["en"] == "Connecting to wss://e/ took 80 ms; the test message came back in 33 ms."
    )


def test_websocket_not_configured_says_what_the_admin_and_the_agent_can_do(settings):
    settings["probe"]["websocket_echo_url"] = ""
    ws = run({"online": True, "websocket": None}, settings)["conn-websocket"]
    assert ws.status == "unknown" and ws.scope == "settings"
    assert "cannot test WebSocket" in ws.message["en"]
    assert "F12" in ws.fix["en"] and "101" in ws.fix["en"]
    # For the administrator: the setting by name, in the site's settings; never a file name.
    assert "For the administrator: set a WebSocket echo address in probe.websocket_echo_url" in ws.fix["en"]
    assert "给管理员" in ws.fix["zh"] and "probe.websocket_echo_url" in ws.fix["zh"]
    # Meanwhile, the agent: the probe, another network.
    assert "workstation probe" in ws.fix["en"] and "phone hotspot" in ws.fix["en"]
    assert "工作台检测脚本" in ws.fix["zh"] and "手机热点" in ws.fix["zh"]
    for lang in ("zh", "en"):
        assert ".toml" not in ws.fix[lang] + ws.message[lang]


@pytest.mark.parametrize(
    ("error", "url", "says"),
    [
        ("SyntaxError", "wss//echo.example.com", "is not a valid WebSocket address"),
        ("SecurityError", "ws://echo.example.com/", "does not fit this page"),
    ],
)
def test_an_echo_address_the_browser_refuses_is_a_settings_matter_not_a_block(settings, error, url, says):
    facts = {
        "online": True,
        "hosts": OK_HOSTS,
        "websocket": {"url": url, "opened": False, "echo_ok": False, "error": error},
    }
    found = run(facts, settings)
    assert "conn-websocket" not in found
    config = found["conn-websocket-config"]
    assert config.status == "unknown" and config.scope == "settings" and config.step == "net-websocket"
    assert says in config.message["en"] and url in config.message["en"] and url in config.message["zh"]
    assert "says nothing about your network" in config.message["en"] and "与你的网络无关" in config.message["zh"]
    assert config.fix["en"].startswith("For the administrator:") and "probe.websocket_echo_url" in config.fix["en"]
    for lang in ("zh", "en"):
        text = config.title[lang] + config.message[lang] + config.fix[lang]
        assert "blocked" not in text and "拦截" not in text and "proxy" not in text and "代理" not in text
        assert ".toml" not in text


def test_messages_that_were_not_the_echo_are_named(settings):
    facts = {
        "online": True,
        "hosts": OK_HOSTS,
        "websocket": {"url": "wss://e/", "opened": True, "echo_ok": False, "other_messages": 3, "error": "timeout"},
    }
    ws = run(facts, settings)["conn-websocket"]
    assert ws.status == "unknown"
    assert "3 messages came back, but none was the test message" in ws.message["en"]
    assert "wss://e/ is not an echo server" in ws.message["en"] and "changed the message" in ws.message["en"]
    assert "收到了 3 条消息" in ws.message["zh"] and "不是回显服务器" in ws.message["zh"]
    one = dict(facts, websocket={**facts["websocket"], "other_messages": 1})
    assert "1 message came back" in run(one, settings)["conn-websocket"].message["en"]


def test_a_mute_server_is_not_an_echo(settings):
    # Opened, then nothing: the handshake alone is not an echo.
    facts = {
        "online": True,
        "hosts": OK_HOSTS,
        "websocket": {"url": "wss://e/", "opened": True, "echo_ok": False, "other_messages": 0, "error": "timeout"},
    }
    ws = run(facts, settings)["conn-websocket"]
    assert ws.status == "fail" and "never came back" in ws.message["en"]


def test_no_hosts_configured_names_no_file(settings):
    settings["probe"]["hosts"] = []
    hosts = run({"online": True}, settings)["conn-hosts"]
    assert hosts.scope == "settings" and "probe.hosts in the site's settings" in hosts.message["en"]
    assert ".toml" not in hosts.message["en"] + hosts.message["zh"]


@pytest.mark.parametrize(
    ("offset_ms", "direction", "en", "zh"),
    [
        # offset = server − local: positive means this computer is behind.
        (90_000, "behind", "This computer's clock is 90 seconds behind the server", "本机时钟比服务器慢 90 秒"),
        (-90_000, "ahead", "This computer's clock is 90 seconds ahead of the server", "本机时钟比服务器快 90 秒"),
        (7 * 60_000, "behind", "is about 7 minutes behind the server", "本机时钟比服务器慢约 7 分钟"),
        (-7 * 60_000, "ahead", "is about 7 minutes ahead of the server", "本机时钟比服务器快约 7 分钟"),
    ],
)
def test_clock_offset_sign_gives_the_direction(settings, offset_ms, direction, en, zh):
    settings["probe"]["clock_skew_warn_s"], settings["probe"]["clock_skew_fail_s"] = 60, 300
    clock = run({"clock": {"offset_ms": offset_ms}}, settings)["conn-clock"]
    assert clock.data["direction"] == direction and clock.data["offset_s"] == offset_ms / 1000
    assert en in clock.message["en"] and clock.message["zh"].startswith(zh)
    assert clock.status == ("warn" if abs(offset_ms) < 300_000 else "fail")


def test_clock_wording_blames_sign_in_at_minutes_and_certificates_only_past_a_day(settings):
    settings["probe"]["clock_skew_warn_s"], settings["probe"]["clock_skew_fail_s"] = 60, 300
    warn = run({"clock": {"offset_ms": 90_000}}, settings)["conn-clock"]
    assert "Sign-in tokens and sessions may expire early" in warn.message["en"]
    five = run({"clock": {"offset_ms": 5 * 60_000}}, settings)["conn-clock"]
    assert five.status == "fail"
    assert (
        "sign-in tokens and sessions stop working" in five.message["en"]
        and "登录凭证和会话会失效" in five.message["zh"]
    )
    for lang in ("zh", "en"):
        assert "certificate" not in five.message[lang] and "证书" not in five.message[lang]
    days = run({"clock": {"offset_ms": -2 * 86_400_000}}, settings)["conn-clock"]
    assert "HTTPS certificate checks fail too" in days.message["en"] and "证书校验也会失败" in days.message["zh"]


def test_clock_thresholds_come_from_the_settings(settings):
    settings["probe"]["clock_skew_warn_s"] = 5
    settings["probe"]["clock_skew_fail_s"] = 10
    assert run({"clock": {"offset_ms": 6000}}, settings)["conn-clock"].status == "warn"
    assert run({"clock": {"offset_ms": -10_000}}, settings)["conn-clock"].status == "fail"
    assert run({"clock": {"offset_ms": 4000}}, settings)["conn-clock"].status == "ok"


def test_clock_error_is_quoted(settings):
    clock = run({"online": True, "clock": {"error": "no Date header"}}, settings)["conn-clock"]
    assert clock.status == "unknown" and "no Date header" in clock.message["en"]


def test_connection_estimate_is_worded(settings):
    quality = run(
        {"online": True, "connection": {"effectiveType": "2g", "rtt": 1800, "downlink": 0.25, "saveData": True}},
        settings,
    )["conn-quality"]
    assert "2g (round trip about 1800 ms, downlink about 0.25 Mbit/s), with data saver on" in quality.message["en"]
