"""Connectivity: online state and connection estimate here; the hosts, WebSocket and
clock in hosts.py, websocket_echo.py and clock_skew.py. Browser-wide: this browser's
network path holds for the workstation's tab too.

The shape of the facts: schemas/facts.schema.json, "connectivity".
When the browser says it is offline, the host and WebSocket tests are reported
once as "skipped" instead of piling up failures with the same cause.
"""

from __future__ import annotations

from ..facts import choice, flag, mapping, number
from ..findings import Finding, finding_maker, text
from ..wording import ms
from .clock_skew import clock_finding
from .hosts import host_findings, host_results
from .websocket_echo import websocket_finding

CHECK = "connectivity"
SCOPE = "browser"  # what its findings are about, unless a finding says otherwise
FIRST_STEP = "net-online"
SLOW_CONNECTION_TYPES = ("slow-2g", "2g")
CONNECTION_TYPES = ("slow-2g", "2g", "3g", "4g")

finding = finding_maker(CHECK, SCOPE)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    online = flag(facts, "online")
    hosts = host_results(facts)
    findings = [_online(online)]
    if online is not False:
        quality = _connection_quality(mapping(facts, "connection"))
        if quality:
            findings.append(quality)
    findings += host_findings(hosts, online, settings)
    findings.append(websocket_finding(facts, hosts, online, settings))
    findings.append(clock_finding(mapping(facts, "clock"), online, settings))
    return findings


def _online(online: bool | None) -> Finding:
    if online is False:
        return finding(
            "conn-online",
            "fail",
            "net-online",
            text("浏览器处于离线状态", "The browser is offline"),
            text(
                "浏览器报告这台电脑没有联网，所以收不到任何消息。",
                "The browser reports that this computer has no network connection, so no messages can arrive.",
            ),
            text(
                "检查网线或 Wi-Fi、飞行模式和 VPN。恢复联网后，再运行一次检测。",
                "Check the cable or Wi-Fi, airplane mode and any VPN. Once you are back online, run the checks again.",
            ),
            {"online": False},
        )
    if online is True:
        return finding(
            "conn-online",
            "ok",
            "net-online",
            text("浏览器在线", "The browser is online"),
            text(
                "浏览器报告已联网。这只说明电脑连上了网络，不能证明能访问互联网：请看各地址的访问结果。",
                "The browser reports a network connection. This only means the computer is on a "
                "network, not that the internet works: see the host results.",
            ),
            data={"online": True},
        )
    return finding(
        "conn-online",
        "unknown",
        "net-online",
        text("无法读取联网状态", "Online state not available"),
        text(
            "浏览器没有报告是否联网。请根据各地址的访问结果判断网络是否正常。",
            "The browser did not say whether it is online. Use the host results to judge the network.",
        ),
        text(
            "如果其他网站也打不开，检查网线或 Wi-Fi、飞行模式和 VPN。",
            "If other websites do not load either, check the cable or Wi-Fi, airplane mode and any VPN.",
        ),
        {"online": None},
    )


def _connection_quality(connection: dict | None) -> Finding | None:
    # Safari and Firefox have no navigator.connection; that is normal, not a finding.
    if connection is None:
        return None
    kind = choice(connection, "effectiveType", CONNECTION_TYPES)
    rtt = number(connection, "rtt")
    downlink = number(connection, "downlink")
    save_data = flag(connection, "saveData")
    if kind is None and save_data is None:
        return None
    details_zh, details_en = [], []
    if rtt is not None:
        details_zh.append(f"往返约 {ms(rtt)} 毫秒")
        details_en.append(f"round trip about {ms(rtt)} ms")
    if downlink is not None:
        details_zh.append(f"下行约 {downlink:g} Mbit/s")
        details_en.append(f"downlink about {downlink:g} Mbit/s")
    estimate_zh = f"浏览器估计当前网络为 {kind or '未知类型'}" + (f"（{'，'.join(details_zh)}）" if details_zh else "")
    estimate_en = f"The browser estimates this connection as {kind or 'unknown type'}" + (
        f" ({', '.join(details_en)})" if details_en else ""
    )
    data = {"effective_type": kind, "rtt_ms": rtt, "downlink_mbps": downlink, "save_data": save_data}
    if kind in SLOW_CONNECTION_TYPES or save_data:
        saver_zh = "，并且开启了省流量模式" if save_data else ""
        saver_en = ", with data saver on" if save_data else ""
        return finding(
            "conn-quality",
            "warn",
            "net-online",
            text("网络很慢或开启了省流量", "Slow connection or data saver"),
            text(
                f"{estimate_zh}{saver_zh}。在这样的网络上，消息会延迟，连接也容易断开重连。",
                f"{estimate_en}{saver_en}. On such a connection messages arrive late and the "
                "connection drops and reconnects.",
            ),
            text(
                "换用更稳定的网络（有线网络或信号更好的 Wi-Fi），并关闭浏览器或系统的省流量模式。",
                "Use a steadier network (a cable or a stronger Wi-Fi signal) and turn off data "
                "saver in the browser or the system.",
            ),
            data,
        )
    return finding(
        "conn-quality",
        "ok",
        "net-online",
        text("网络速度估计正常", "Connection estimate looks fine"),
        text(f"{estimate_zh}。这只是浏览器的粗略估计。", f"{estimate_en}. This is only a rough estimate."),
        data=data,
    )
