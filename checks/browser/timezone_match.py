"""Browser: is this computer in the time zone that working hours and routing use.

Zone names are compared, with the known aliases; no zoneinfo, because the
self-hosted Pyodide runtime ships without tzdata.
"""

from __future__ import annotations

from .. import site_settings
from ..findings import Finding, finding_maker, text
from ..wording import utc_offset

# Zone names that mean the same clock as the service's zone.
TIMEZONE_ALIASES = {
    "Asia/Shanghai": {"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"},
}

finding = finding_maker("browser", "browser")


def _same_zone(zone: str, service: str) -> bool:
    return zone == service or zone in TIMEZONE_ALIASES.get(service, ())


def timezone_finding(zone: str | None, offset_min: float | None, settings: dict) -> Finding | None:
    service = site_settings.service_timezone(settings)
    if not service:
        return None  # nothing to compare with: the settings name no service time zone
    product = site_settings.product_name(settings)
    data = {"time_zone": zone, "utc_offset_min": offset_min, "service_timezone": service}
    if zone is None:
        return finding(
            "browser-timezone",
            "unknown",
            "net-crossborder",
            text("无法读取时区", "Time zone not available"),
            text("浏览器没有报告这台电脑的时区。", "The browser did not report this computer's time zone."),
            text(
                f"确认电脑的时区设置正确。{product['zh']}的工作时间和分配规则按 {service} 设置。",
                f"Make sure the computer's time zone is set correctly. {product['en']}'s working hours and routing "
                f"rules are set in {service}.",
            ),
            data,
        )
    if _same_zone(zone, service):
        return finding(
            "browser-timezone",
            "ok",
            "net-crossborder",
            text("时区与服务时区一致", "Same time zone as the service"),
            text(
                f"这台电脑的时区是 {zone}，与工作时间和分配规则所用的时区一致。",
                f"This computer's time zone is {zone}, the one working hours and routing rules use.",
            ),
            data=data,
        )
    shown = f"{zone}（{utc_offset(offset_min)}）" if offset_min is not None else zone
    shown_en = f"{zone} ({utc_offset(offset_min)})" if offset_min is not None else zone
    return finding(
        "browser-timezone",
        "warn",
        "net-crossborder",
        text("电脑时区与服务时区不同", "Time zone differs from the service's"),
        text(
            f"这台电脑的时区是 {shown}，而{product['zh']}的工作时间和分配规则按 {service} 设置。",
            f"This computer's time zone is {shown_en}, but {product['en']}'s working hours and routing rules are "
            f"set in {service}.",
        ),
        text(
            f"对照工作时间时，请换算成 {service} 的时间：非工作时间里，新会话可能不会分配给你。"
            "如果你和服务器不在同一个国家或地区，跨境线路和 DNS 可能让连接变慢或断开，请看链接的步骤。"
            f"如果你其实就在 {service} 所在地，请检查电脑的时区设置。",
            f"When you compare with the working hours, convert to {service} time: outside working hours new chats "
            "may not be assigned to you. If you and the servers are in different countries or regions, cross-border "
            "routing and DNS can slow or drop the connection: see the linked step. If you are actually in "
            f"{service}'s region, check the computer's time zone setting.",
        ),
        data,
    )
