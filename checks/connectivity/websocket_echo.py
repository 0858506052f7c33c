"""Connectivity, part 2 of 3: does a WebSocket open and carry messages.

Judged against the host results: WebSocket failing while HTTPS works points at a
proxy, a firewall or TLS inspection; failing along with every host says nothing new.
"""

from __future__ import annotations

from .. import site_settings
from ..facts import flag, mapping, number, string
from ..findings import Finding, finding_maker, text
from ..wording import ms, plural, seconds_from_ms
from .hosts import HostResult

# A browser reports 1006 ("abnormal closure") whenever a WebSocket fails, whatever the cause.
CLOSE_CODE_NO_DETAIL = 1006

finding = finding_maker("connectivity", "browser")

MANUAL_WEBSOCKET_TEST = text(
    "手动测试：在工作台页面按 F12 打开开发者工具，选“网络”（Network）面板并筛选 WS，然后刷新页面。"
    "正常时会有一条状态为 101 的连接，并在“消息”（Messages）里持续有数据往来；如果连接失败或反复重连，"
    "就是 WebSocket 被拦截了。管理员可以在 settings.toml 的 probe.websocket_echo_url 配置一个回显地址，让本检测自动测试。",
    "To test by hand: on the workstation page press F12 to open the developer tools, choose the Network panel, "
    "filter by WS and reload the page. When it works there is a connection with status 101 and data keeps "
    "flowing under Messages; if it fails or keeps reconnecting, WebSocket is being blocked. An administrator can "
    "set an echo address in probe.websocket_echo_url in settings.toml so this check tests it automatically.",
)

WEBSOCKET_BLOCK_FIX = text(
    "常见原因是公司代理或防火墙、HTTPS 检查（TLS 解密）、VPN，或杀毒软件的“网页防护”。换一个网络（例如手机热点）对比；"
    "临时关闭 VPN 或杀毒软件的网页防护后再试；请网络管理员放行 WebSocket（wss://）连接，并让代理转发 Upgrade 请求头。",
    "The usual causes are a company proxy or firewall, HTTPS inspection (TLS interception), a VPN, or the web "
    "protection of antivirus software. Compare with another network, such as a phone hotspot; try again with the "
    "VPN or the antivirus web protection off for a moment; ask your network administrator to allow WebSocket "
    "(wss://) connections and to let the proxy pass the Upgrade header.",
)


def websocket_finding(facts: dict, hosts: list[HostResult] | None, online: bool | None, settings: dict) -> Finding:
    ws = mapping(facts, "websocket")
    if online is False:
        return finding(
            "conn-websocket",
            "unknown",
            "net-websocket",
            text("已跳过 WebSocket 测试", "WebSocket test skipped"),
            text(
                "浏览器处于离线状态，所以没有测试 WebSocket。", "The browser is offline, so WebSocket was not tested."
            ),
            text("恢复联网后，再运行一次检测。", "Run the checks again once you are back online."),
            {"skipped": "offline"},
        )
    if ws is None:
        return _websocket_not_tested(settings)
    url = string(ws, "url") or site_settings.probe_text(settings, "websocket_echo_url") or "?"
    opened = flag(ws, "opened")
    data = {
        "url": url,
        "opened": opened,
        "open_ms": number(ws, "open_ms"),
        "echo_ok": flag(ws, "echo_ok"),
        "echo_ms": number(ws, "echo_ms"),
        "error": string(ws, "error"),
        "close_code": number(ws, "close_code"),
    }
    if opened is None:
        return finding(
            "conn-websocket",
            "unknown",
            "net-websocket",
            text("WebSocket 测试没有完成", "WebSocket test incomplete"),
            text("WebSocket 测试没有返回完整结果。", "The WebSocket test did not return a complete result."),
            MANUAL_WEBSOCKET_TEST,
            data,
        )
    if not opened:
        return _websocket_not_opened(url, data, hosts, settings)
    if data["echo_ok"] is not True:
        return _websocket_stripped(url, data, settings)
    open_ms = "?" if data["open_ms"] is None else ms(data["open_ms"])
    echo_ms = "?" if data["echo_ms"] is None else ms(data["echo_ms"])
    return finding(
        "conn-websocket",
        "ok",
        "net-websocket",
        text("WebSocket 工作正常", "WebSocket works"),
        text(
            f"连接 {url} 用时 {open_ms} 毫秒，测试消息往返 {echo_ms} 毫秒。",
            f"Connecting to {url} took {open_ms} ms; the test message came back in {echo_ms} ms.",
        ),
        data=data,
    )


def _websocket_not_tested(settings: dict) -> Finding:
    if site_settings.probe_text(settings, "websocket_echo_url"):
        message = text(
            "WebSocket 测试没有运行或没有返回结果，所以无法判断 WebSocket 是否被拦截。",
            "The WebSocket test did not run or returned nothing, so it is unknown whether WebSocket is blocked.",
        )
    else:
        message = text(
            "没有配置 WebSocket 回显地址，本页无法测试 WebSocket。工作台靠 WebSocket 实时接收消息，请手动确认。",
            "No WebSocket echo endpoint is configured, so this page cannot test WebSocket. The workstation "
            "receives messages over WebSocket, so check it by hand.",
        )
    return finding(
        "conn-websocket",
        "unknown",
        "net-websocket",
        text("未测试 WebSocket", "WebSocket not tested"),
        message,
        MANUAL_WEBSOCKET_TEST,
        {"echo_url_configured": bool(site_settings.probe_text(settings, "websocket_echo_url"))},
    )


def _close_code_note(data: dict) -> dict:
    code = data["close_code"]
    if code is None:
        return text("", "")
    if code == CLOSE_CODE_NO_DETAIL:
        return text(
            "关闭代码 1006 只表示连接异常断开，浏览器不提供具体原因。",
            " Close code 1006 only means the connection closed abnormally; the browser gives no detail.",
        )
    return text(f"关闭代码 {code:.0f}。", f" Close code {code:.0f}.")


def _ws_error_note(data: dict, settings: dict) -> dict:
    if data["error"] == "timeout":
        s = seconds_from_ms(site_settings.probe_number(settings, "timeout_ms"))
        return text(f"（{s} 秒内没有响应）", f" (no answer within {s} s)")
    return text("", "")


def _websocket_not_opened(url: str, data: dict, hosts: list[HostResult] | None, settings: dict) -> Finding:
    reachable = [h for h in hosts or [] if h.reachable]
    if hosts and not reachable:
        # Nothing answers at all: the host finding already names the cause.
        return finding(
            "conn-websocket",
            "unknown",
            "net-websocket",
            text("WebSocket 未判断", "WebSocket not judged"),
            text(
                "WebSocket 也连不上，但所有主机都访问不了，原因相同：请先解决主机访问的问题。",
                "WebSocket failed too, but so did every host, for the same reason: fix host access first.",
            ),
            text(
                "按“所有主机都无法访问”的建议处理后，再运行一次检测。",
                "Follow the advice for “No host could be reached”, then run the checks again.",
            ),
            {**data, "skipped": "no-host-reachable"},
        )
    product = site_settings.product_name(settings)
    note = _close_code_note(data)
    wait = _ws_error_note(data, settings)
    if reachable:
        n = len(reachable)
        return finding(
            "conn-websocket",
            "fail",
            "net-websocket",
            text("WebSocket 被拦截，而 HTTPS 正常", "WebSocket blocked while HTTPS works"),
            text(
                f"本页能通过 HTTPS 访问 {n} 个主机，却连不上 WebSocket 地址 {url}{wait['zh']}。{note['zh']}"
                f"{product['zh']}工作台靠 WebSocket 实时接收消息，所以会出现页面能打开、却收不到新消息的情况。",
                f"This page reached {plural(n, 'host', 'hosts')} over HTTPS but could not open a WebSocket to "
                f"{url}{wait['en']}.{note['en']} The {product['en']} workstation receives messages over WebSocket, "
                "so the page loads but new messages never arrive.",
            ),
            WEBSOCKET_BLOCK_FIX,
            data,
        )
    return finding(
        "conn-websocket",
        "fail",
        "net-websocket",
        text("WebSocket 连不上", "WebSocket cannot connect"),
        text(
            f"无法建立到 {url} 的 WebSocket 连接{wait['zh']}。{note['zh']}"
            f"{product['zh']}工作台靠 WebSocket 实时接收消息。",
            f"Could not open a WebSocket to {url}{wait['en']}.{note['en']} The {product['en']} workstation "
            "receives messages over WebSocket.",
        ),
        WEBSOCKET_BLOCK_FIX,
        data,
    )


def _websocket_stripped(url: str, data: dict, settings: dict) -> Finding:
    open_ms = "?" if data["open_ms"] is None else ms(data["open_ms"])
    wait = _ws_error_note(data, settings)
    return finding(
        "conn-websocket",
        "fail",
        "net-websocket",
        text("WebSocket 能连上，但消息传不回来", "WebSocket connects but messages do not come back"),
        text(
            f"到 {url} 的 WebSocket 握手成功（{open_ms} 毫秒），但发出的测试消息没有返回{wait['zh']}。"
            "连接看起来正常，消息却传不过来，通常是代理或安全软件在检查、缓冲或截断 WebSocket 数据。",
            f"The WebSocket handshake with {url} succeeded ({open_ms} ms), but the test message never came "
            f"back{wait['en']}. The connection looks fine yet carries no messages: usually a proxy or security "
            "software is inspecting, buffering or cutting WebSocket data.",
        ),
        WEBSOCKET_BLOCK_FIX,
        data,
    )
