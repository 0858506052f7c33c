"""What the connectivity findings say: numbers, causes, and folding when offline."""

from __future__ import annotations

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
    assert message["zh"].startswith("浏览器显示已联网，但 2 个主机都访问不了")
    assert found["conn-hosts"].data["timeouts"] == 1
    assert settings["status_page_url"] in found["conn-hosts"].fix["en"]
    assert settings["status_page_url"] in found["conn-hosts"].fix["zh"]


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
    assert "另一个主机可以访问" in found["conn-host-2"].message["zh"]


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


def test_websocket_not_configured_explains_the_manual_test(settings):
    settings["probe"]["websocket_echo_url"] = ""
    ws = run({"online": True, "websocket": None}, settings)["conn-websocket"]
    assert "cannot test WebSocket" in ws.message["en"]
    assert "F12" in ws.fix["en"] and "101" in ws.fix["en"] and "websocket_echo_url" in ws.fix["en"]


def test_clock_direction_and_size(settings):
    slow = run({"clock": {"offset_ms": 90_000}}, settings)["conn-clock"]
    assert slow.status == "warn"
    assert slow.message["en"].startswith("This computer's clock is 90 seconds behind the server")
    assert slow.message["zh"].startswith("本机时钟比服务器慢 90 秒")
    fast = run({"clock": {"offset_ms": -7 * 60_000}}, settings)["conn-clock"]
    assert fast.status == "fail"
    assert fast.message["en"].startswith("This computer's clock is about 7 minutes ahead of the server")
    assert fast.message["zh"].startswith("本机时钟比服务器快约 7 分钟")
    assert fast.data["offset_s"] == -420.0


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
