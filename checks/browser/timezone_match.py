"""Browser: does this computer keep the same clock as the time zone of working hours and routing.

Zones are compared by their UTC offsets, not their names: Asia/Hong_Kong, Asia/Taipei and
Asia/Singapore keep the same clock as Asia/Shanghai. The page reads the offsets of both zones
now and at each change in the next year (daylight saving) with Intl, because the self-hosted
Pyodide runtime ships without tzdata (no zoneinfo here). Without those offsets, only the same
zone (or a link to it) counts as equal, and anything else cannot be judged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from .. import site_settings
from ..facts import number, records
from ..findings import Finding, finding_maker, text
from ..wording import utc_offset

# Links to the same tzdb zone: the same clock under another name.
TIMEZONE_ALIASES = {
    "Asia/Shanghai": {"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"},
}
# Instants (epoch milliseconds) and offsets (minutes) outside these ranges are not what a browser sends.
LATEST_MS = 10**14
MAX_OFFSET_MIN = 24 * 60
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip

finding = finding_maker("browser", "browser")


def _same_zone(zone: str, service: str) -> bool:
    return zone == service or zone in TIMEZONE_ALIASES.get(service, ())


def zone_offsets(facts: dict) -> list[tuple[float, float, float]]:
    """(at, local, service) per instant, now first; entries missing a number, or out of range, are dropped."""
    out = []
    for entry in records(facts, "zone_offsets") or []:
        at, local, service = number(entry, "at"), number(entry, "local"), number(entry, "service")
        offsets_ok = all(x is not None and abs(x) <= MAX_OFFSET_MIN for x in (local, service))
        if offsets_ok and at is not None and 0 <= at < LATEST_MS:
            out.append((at, local, service))
    return out


def _date(at_ms: float, offset_min: float) -> dict:
    day = datetime.fromtimestamp(at_ms / 1000 + offset_min * 60, tz=UTC)
    return text(f"{day.year} 年 {day.month} 月 {day.day} 日", f"{day.day} {MONTHS[day.month - 1]} {day.year}")


def timezone_finding(zone: str | None, offsets: list[tuple[float, float, float]], settings: dict) -> Finding | None:
    service = site_settings.service_timezone(settings)
    if not service:
        return None  # nothing to compare with: the settings name no service time zone
    product = site_settings.product_name(settings)
    data = {"time_zone": zone, "service_timezone": service, "compared": "offsets" if offsets else "names"}
    fix = text(
        f"对照工作时间时，请换算成 {service} 的时间：非工作时间里，新会话可能不会分配给你。"
        "如果你和服务器不在同一个国家或地区，跨境线路和 DNS 可能让连接变慢或断开，请看链接的步骤。"
        f"如果你其实就在 {service} 所在地，请检查电脑的时区设置。",
        f"When you compare with the working hours, convert to {service} time: outside working hours new chats "
        "may not be assigned to you. If you and the servers are in different countries or regions, cross-border "
        "routing and DNS can slow or drop the connection: see the linked step. If you are actually in "
        f"{service}'s region, check the computer's time zone setting.",
    )
    if offsets:
        at, local, service_now = offsets[0]
        data.update({"local_offset_min": local, "service_offset_min": service_now})
        off = utc_offset(local)
        here = text(f"{zone}（{off}）", f"{zone} ({off})") if zone else text(off, off)
        gap = "" if here["zh"].endswith("）") else " "  # no space after a full-width bracket
        if local != service_now:
            return finding(
                "browser-timezone",
                "warn",
                "net-crossborder",
                text("电脑时区与服务时区不同", "Time zone differs from the service's"),
                text(
                    f"这台电脑的时区是 {here['zh']}，而{product['zh']}的工作时间和分配规则按 {service}"
                    f"（现在是 {utc_offset(service_now)}）设置。",
                    f"This computer's time zone is {here['en']}, but {product['en']}'s working hours and routing "
                    f"rules are set in {service} ({utc_offset(service_now)} now).",
                ),
                fix,
                data,
            )
        change = next(((a, lo, se) for a, lo, se in offsets[1:] if lo != se), None)
        if change:
            at, local_then, service_then = change
            day = _date(at, service_then)
            data.update({"differs_from": at, "local_offset_then": local_then, "service_offset_then": service_then})
            return finding(
                "browser-timezone",
                "warn",
                "net-crossborder",
                text("夏令时切换后，电脑时区将与服务时区不同", "The time zones part at the next clock change"),
                text(
                    f"这台电脑的时区 {here['zh']}{gap}现在与 {service} 的时间相同，但从 {day['zh']}起，"
                    f"这台电脑是 {utc_offset(local_then)}，而 {service} 是 {utc_offset(service_then)}："
                    "其中一方会切换夏令时。",
                    f"This computer's time zone, {here['en']}, keeps the same time as {service} now, but from "
                    f"{day['en']} this computer is at {utc_offset(local_then)} while {service} is at "
                    f"{utc_offset(service_then)}: one of them changes for daylight saving time.",
                ),
                fix,
                data,
            )
        return finding(
            "browser-timezone",
            "ok",
            "net-crossborder",
            text("电脑时间与服务时区一致", "Same time as the service's zone"),
            text(
                f"这台电脑的时区 {here['zh']}{gap}与工作时间和分配规则所用的 {service} 时间相同，未来一年的时间切换后也一样。",
                f"This computer's time zone, {here['en']}, keeps the same time as {service}, which working hours "
                "and routing rules use, and will through the clock changes of the coming year.",
            ),
            data=data,
        )
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
    return finding(
        "browser-timezone",
        "unknown",
        "net-crossborder",
        text("无法比较时区", "Time zones not compared"),
        text(
            f"这台电脑的时区是 {zone}，服务时区是 {service}。浏览器没有报告两者与 UTC 的时差，"
            "而不同名字的时区可能时间完全相同，所以无法判断。",
            f"This computer's time zone is {zone}, the service's is {service}. The browser did not report their UTC "
            "offsets, and zones with different names may keep exactly the same time, so this cannot be judged.",
        ),
        text(
            f"把电脑上的时间和 {service} 的当前时间对比一下：如果不同，对照工作时间时请换算成 {service} 的时间。",
            f"Compare the computer's clock with the current time in {service}: if they differ, convert the working "
            f"hours to {service} time.",
        ),
        data,
    )
