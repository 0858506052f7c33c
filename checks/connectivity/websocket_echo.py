"""Connectivity, part 2 of 3: does a WebSocket open and carry messages.

Judged against the host results: WebSocket failing while HTTPS works points at a
proxy, a firewall or TLS inspection; failing along with every host says nothing new.
An echo is only the exact test message coming back. An echo address the browser refuses
outright (malformed, or a scheme that does not fit the page) is the settings' fault, told
to the administrator, never "blocked".
"""

from __future__ import annotations

from .. import site_settings
from ..facts import choice, flag, mapping, number, string
from ..findings import Finding, finding_maker, text
from ..wording import ms, plural, seconds_from_ms
from .hosts import HostResult

# A browser reports 1006 ("abnormal closure") whenever a WebSocket fails, whatever the cause.
CLOSE_CODE_NO_DETAIL = 1006

finding = finding_maker("connectivity", "browser")

MANUAL_WEBSOCKET_TEST = text(
    "手动测试：在工作台页面按 F12 打开开发者工具，选“网络”（Network）面板并筛选 WS，然后刷新页面。"
    "正常时会有一条状态为 101 的连接，并在“消息”（Messages）里持续有数据往来；如果连接失败或反复重连，"
    "就是 WebSocket 被拦截了。",
    "To test by hand: on the workstation page press F12 to open the developer tools, choose the Network panel, "
    "filter by WS and reload the page. When it works there is a connection with status 101 and data keeps "
    "flowing under Messages; if it fails or keeps reconnecting, WebSocket is being blocked.",
)
# The constructor's own errors: the browser refused the address before any network traffic.
CONFIG_ERRORS = ("SyntaxError", "SecurityError")
WS_ERRORS = ("timeout", "closed", "error", *CONFIG_ERRORS)

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
    error = choice(ws, "error", WS_ERRORS) if ws else None
    if error in CONFIG_ERRORS:
        return _echo_address_refused(
            error, string(ws, "url") or site_settings.probe_text(settings, "websocket_echo_url")
        )
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
        "other_messages": number(ws, "other_messages"),
        "error": error,
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
        if data["other_messages"]:
            return _not_the_echo(url, data)
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
        return finding(
            "conn-websocket",
            "unknown",
            "net-websocket",
            text("未测试 WebSocket", "WebSocket not tested"),
            text(
                "WebSocket 测试没有运行或没有返回结果，所以无法判断 WebSocket 是否被拦截。",
                "The WebSocket test did not run or returned nothing, so it is unknown whether WebSocket is blocked.",
            ),
            MANUAL_WEBSOCKET_TEST,
            {"echo_url_configured": True},
        )
    return finding(
        "conn-websocket",
        "unknown",
        "net-websocket",
        text("未测试 WebSocket", "WebSocket not tested"),
        text(
            "本站没有设置 WebSocket 回显地址，所以本页无法测试 WebSocket。工作台靠 WebSocket 实时接收消息。",
            "This site has no WebSocket echo address set, so this page cannot test WebSocket. The workstation "
            "receives messages over WebSocket.",
        ),
        text(
            "在那之前，你可以在工作台标签页上运行工作台检测脚本，也可以换一个网络（例如手机热点）对比："
            "如果在那里能收到消息，就是当前网络拦截了 WebSocket。"
            + MANUAL_WEBSOCKET_TEST["zh"]
            + "给管理员：在本站设置的 probe.websocket_echo_url 中填一个 WebSocket 回显地址，本检测就能自动测试。",
            "Meanwhile, run the workstation probe on the workstation tab, and compare with another network, such "
            "as a phone hotspot: if messages arrive there, this network blocks WebSocket. "
            + MANUAL_WEBSOCKET_TEST["en"]
            + " For the administrator: set a WebSocket echo address in probe.websocket_echo_url in the site's "
            "settings, and this check tests WebSocket by itself.",
        ),
        {"echo_url_configured": False},
        scope="settings",
    )


def _echo_address_refused(error: str, url: str) -> Finding:
    if error == "SyntaxError":
        why = text(
            f"本站设置中的 WebSocket 回显地址（{url}）不是有效的 WebSocket 地址，浏览器拒绝使用它。",
            f"The WebSocket echo address in the site's settings ({url}) is not a valid WebSocket address, so the "
            "browser refused it.",
        )
        fix = text(
            "给管理员：在本站设置的 probe.websocket_echo_url 中填一个有效的回显地址（以 wss:// 开头）。",
            "For the administrator: put a valid echo address, starting with wss://, in probe.websocket_echo_url in "
            "the site's settings.",
        )
    else:
        why = text(
            f"本站设置中的 WebSocket 回显地址（{url}）与本页不匹配，浏览器拒绝连接，"
            "例如通过 https:// 打开的页面只能连接 wss:// 地址。",
            f"The WebSocket echo address in the site's settings ({url}) does not fit this page, so the browser "
            "refused to connect: a page opened over https://, for example, may only connect to wss:// addresses.",
        )
        fix = text(
            "给管理员：在本站设置的 probe.websocket_echo_url 中使用 wss:// 开头的回显地址。",
            "For the administrator: use an echo address starting with wss:// in probe.websocket_echo_url in the "
            "site's settings.",
        )
    return finding(
        "conn-websocket-config",
        "unknown",
        "net-websocket",
        text("WebSocket 测试地址设置有误", "The WebSocket test address is set wrong"),
        text(
            why["zh"] + "所以没有测试 WebSocket，这与你的网络无关。",
            why["en"] + " So WebSocket was not tested; this says nothing about your network.",
        ),
        text(
            fix["zh"] + "在那之前，可以按链接的步骤手动测试 WebSocket。",
            fix["en"] + " Meanwhile, the linked step shows how to test WebSocket by hand.",
        ),
        {"url": url, "error": error},
        scope="settings",
    )


def _not_the_echo(url: str, data: dict) -> Finding:
    n = int(data["other_messages"])
    return finding(
        "conn-websocket",
        "unknown",
        "net-websocket",
        text("WebSocket 有回应，但不是测试消息", "WebSocket answers, but not with the test message"),
        text(
            f"到 {url} 的 WebSocket 连上了，也收到了 {n} 条消息，但没有一条是发出的测试消息。"
            f"要么 {url} 不是回显服务器（本站设置的地址不对），要么途中有代理或安全软件改动了消息。",
            f"The WebSocket to {url} opened and {plural(n, 'message', 'messages')} came back, but none was the test "
            f"message. Either {url} is not an echo server (the site's settings name the wrong address), or a proxy "
            "or security software on the way changed the message.",
        ),
        text(
            "换一个网络（例如手机热点）再测：如果在那里测试消息能原样返回，就是当前网络改动了 WebSocket 消息。"
            "给管理员：确认本站设置的 probe.websocket_echo_url 是回显服务器，它会把每条消息原样发回。",
            "Test again on another network, such as a phone hotspot: if the test message comes back unchanged there, "
            "this network changes WebSocket messages. For the administrator: make sure probe.websocket_echo_url in "
            "the site's settings is an echo server, one that sends each message back unchanged.",
        ),
        data,
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
                "WebSocket 也连不上，但所有地址都访问不了，原因相同：请先解决地址访问的问题。",
                "WebSocket failed too, but so did every host, for the same reason: fix host access first.",
            ),
            text(
                "按“所有地址都无法访问”的建议处理后，再运行一次检测。",
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
                f"本页能通过 HTTPS 访问 {n} 个地址，却连不上 WebSocket 地址 {url}{wait['zh']}。{note['zh']}"
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
