"""The browser's connectivity findings in a terminal's words, where the page's words would be wrong.

The judge (checks/connectivity) speaks for a web page: a failed host is "a DNS error, a TLS error or
a block: a web page cannot tell which", and a missing echo address means "this page cannot test
WebSocket". This command knows the stage a host failed at and takes --echo-url, so those findings
are reworded here, after judging; the browser's findings stay exactly as they are.
"""

from __future__ import annotations

import dataclasses

from ..connectivity import hosts as browser_hosts
from ..connectivity.websocket_echo import MANUAL_WEBSOCKET_TEST
from ..findings import Finding, text
from .findings import stage_reason

HOST_FIX = text(
    "公司代理或防火墙可能拦截了这个地址：换一个网络（例如手机热点）对比，并把这些结果发给网络管理员，请他放行这个地址。",
    "A company proxy or firewall may block this address: compare with another network, such as a phone hotspot, "
    "and send these results to your network administrator to have it allowed.",
)


def reword(judged: list[Finding], collected: dict, settings: dict) -> list[Finding]:
    return [_reworded(f, collected, settings) for f in judged]


def _reworded(f: Finding, collected: dict, settings: dict) -> Finding:
    if f.status == "fail" and f.id.startswith("conn-host-"):
        return dataclasses.replace(f, message=_host_reasons(f, [f.data["url"]], collected, settings), fix=HOST_FIX)
    if f.status == "fail" and f.id == "conn-hosts":
        return dataclasses.replace(f, message=_host_reasons(f, f.data["hosts"], collected, settings))
    if f.id == "conn-websocket" and f.data.get("echo_url_configured") is False:
        return _no_echo_url(f)
    if f.id == "conn-websocket" and f.status == "fail":
        # "This page reached N hosts over HTTPS but could not open a WebSocket": this computer did.
        return dataclasses.replace(
            f,
            message=text(
                f.message["zh"].replace("本页能通过", "这台电脑能通过", 1),
                f.message["en"].replace("This page reached", "This computer reached", 1),
            ),
        )
    if f.id == "conn-websocket-config":
        return _echo_url_invalid(f)
    return f


def _host_reasons(f: Finding, urls: list[str], collected: dict, settings: dict) -> dict:
    """The message with each host's "a web page cannot tell which" replaced by the stage it failed at."""
    probes = {p["url"]: p for p in collected["hosts"]}
    zh, en = f.message["zh"], f.message["en"]
    for url in urls:
        p = probes[url]
        seen = browser_hosts.HostResult(0, url, False, None, "timeout" if p["timed_out"] else "network")
        page = browser_hosts._failure_reason(seen, settings)  # the judge's own words, to find them
        here = stage_reason(p, collected["timeout_s"])
        zh = zh.replace(f"{url}：{page['zh']}", f"{url}：{here[0]}")
        en = en.replace(f"{url}: {page['en']}", f"{url}: {here[1]}")
    return text(zh, en)


def _no_echo_url(f: Finding) -> Finding:
    return dataclasses.replace(
        f,
        message=text(
            "没有 WebSocket 回显地址（设置里的 probe.websocket_echo_url 为空，命令里也没有 --echo-url），"
            "所以没有测试 WebSocket。工作台靠 WebSocket 实时接收消息。",
            "No WebSocket echo address was given (probe.websocket_echo_url in the settings is empty, and there is "
            "no --echo-url), so WebSocket was not tested. The workstation receives messages over WebSocket.",
        ),
        fix=text(
            "用 --echo-url wss://… 指定一个 WebSocket 回显服务器再运行一次，或在设置的 probe.websocket_echo_url 中填写它。"
            + MANUAL_WEBSOCKET_TEST["zh"],
            "Run again with --echo-url wss://… naming a WebSocket echo server, or set probe.websocket_echo_url in "
            "the settings. " + MANUAL_WEBSOCKET_TEST["en"],
        ),
    )


def _echo_url_invalid(f: Finding) -> Finding:
    """An echo address the WebSocket library refuses (the browser's SyntaxError): no browser involved."""
    url = f.data["url"]
    return dataclasses.replace(
        f,
        message=text(
            f"WebSocket 回显地址（{url}）不是有效的 WebSocket 地址，所以没有测试 WebSocket，这与你的网络无关。",
            f"The WebSocket echo address ({url}) is not a valid WebSocket address, so WebSocket was not tested; "
            "this says nothing about your network.",
        ),
        fix=text(
            "用 --echo-url 指定一个以 wss:// 开头的回显地址，或改正设置里的 probe.websocket_echo_url。",
            "Name an echo address starting with wss:// with --echo-url, or correct probe.websocket_echo_url in the "
            "settings.",
        ),
    )
