"""Browser: name and version, WebSocket and Notification support, storage, private
window and time zone: browser-wide facts that hold for the workstation's tab too. The
version is judged in version.py, storage and the private window in storage.py, the time
zone in timezone_match.py; the feature support is here.
The shape of the facts: schemas/facts.schema.json, "browser".
"""

from __future__ import annotations

from .. import site_settings
from ..facts import flag, mapping, string
from ..findings import Finding, finding_maker, text
from ..wording import join_and
from .storage import private_window_finding, storage_finding
from .timezone_match import timezone_finding, zone_offsets
from .user_agent import parse_browser
from .version import version_finding

__all__ = ["parse_browser", "run"]

CHECK = "browser"
SCOPE = "browser"  # what its findings are about, unless a finding says otherwise
FIRST_STEP = "browser-supported"

finding = finding_maker(CHECK, SCOPE)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    ua = string(facts, "user_agent")
    ua_data = mapping(facts, "ua_data")
    parsed = parse_browser(ua, ua_data)
    findings = [
        version_finding(parsed, ua, ua_data, settings),
        _features(flag(facts, "websocket_supported"), flag(facts, "notification_supported"), settings),
        storage_finding(facts, settings),
        private_window_finding(),
    ]
    timezone = timezone_finding(string(facts, "time_zone"), zone_offsets(facts), settings)
    if timezone:
        findings.append(timezone)
    return findings


def _features(websocket: bool | None, notification: bool | None, settings: dict) -> Finding:
    data = {"websocket": websocket, "notification": notification}
    product = site_settings.product_name(settings)
    missing = [name for name, value in (("WebSocket", websocket), ("Notification", notification)) if value is False]
    if missing:
        needs_zh, needs_en = [], []
        if websocket is False:
            needs_zh.append("工作台靠 WebSocket 实时接收消息。")
            needs_en.append("The workstation receives messages over WebSocket.")
        if notification is False:
            needs_zh.append("没有通知接口就无法弹出新消息提醒。")
            needs_en.append("Without the Notification interface there are no new-message pop-ups.")
        needs = text("".join(needs_zh), " " + " ".join(needs_en))
        return finding(
            "browser-features",
            "fail",
            "browser-supported",
            text("浏览器缺少必要功能", "The browser lacks required features"),
            text(
                f"这个浏览器不支持 {join_and(missing)['zh']}。{needs['zh']}",
                f"This browser does not support {join_and(missing)['en']}.{needs['en']}",
            ),
            text(
                f"用新版 Chrome、Edge、Firefox 或 Safari 打开工作台；在手机上请用{product['zh']}官方 App。",
                f"Open the workstation in an up-to-date Chrome, Edge, Firefox or Safari; on a phone, use the "
                f"official {product['en']} app.",
            ),
            {**data, "missing": missing},
        )
    if websocket and notification:
        return finding(
            "browser-features",
            "ok",
            "browser-supported",
            text("浏览器支持 WebSocket 和通知", "WebSocket and notifications are supported"),
            text(
                "这个浏览器支持实时连接（WebSocket）和网页通知（Notification）。",
                "This browser supports real-time connections (WebSocket) and web notifications (Notification).",
            ),
            data=data,
        )
    return finding(
        "browser-features",
        "unknown",
        "browser-supported",
        text("无法确认浏览器功能", "Browser features not known"),
        text(
            "浏览器没有报告是否支持 WebSocket 和通知。",
            "The browser did not report whether it supports WebSocket and notifications.",
        ),
        text(
            "用新版 Chrome、Edge、Firefox 或 Safari 打开工作台。",
            "Open the workstation in an up-to-date Chrome, Edge, Firefox or Safari.",
        ),
        data,
    )
