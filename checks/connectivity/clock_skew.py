"""Connectivity, part 3 of 3: is this computer's clock close to the server's.

A large skew breaks TLS certificate checks and login tokens.
"""

from __future__ import annotations

from .. import site_settings
from ..facts import number, string
from ..findings import Finding, finding_maker, text
from ..wording import cjk_gap, duration

finding = finding_maker("connectivity", "browser")

CLOCK_MANUAL_FIX = text(
    "手动核对：把电脑右下角（或右上角）的时间和手机上的时间对比，相差超过 1 分钟就在系统设置里打开“自动设置时间”。",
    "Check by hand: compare the computer's clock with your phone's. If they differ by more than a minute, turn on "
    "“Set time automatically” in the system settings.",
)


def clock_finding(clock: dict | None, online: bool | None, settings: dict) -> Finding:
    offset_ms = number(clock, "offset_ms") if clock else None
    if offset_ms is None:
        error = string(clock, "error") if clock else None
        if online is False:
            why = text(
                "浏览器处于离线状态，读不到服务器时间。",
                "The browser is offline, so the server time could not be read.",
            )
        elif error:
            why = text(f"读取服务器时间失败：{error}。", f"Reading the server time failed: {error}.")
        else:
            why = text(
                "没有拿到服务器时间，无法比较本机时钟。",
                "No server time was received, so the clock could not be compared.",
            )
        return finding(
            "conn-clock",
            "unknown",
            "net-clock",
            text("时钟未检查", "Clock not checked"),
            why,
            CLOCK_MANUAL_FIX,
            {"error": error, "source": string(clock, "source") if clock else None},
        )
    skew_s = offset_ms / 1000
    size = duration(skew_s)
    warn_s = site_settings.probe_number(settings, "clock_skew_warn_s")
    fail_s = site_settings.probe_number(settings, "clock_skew_fail_s")
    data = {
        "offset_s": round(skew_s, 3),
        "rtt_ms": number(clock, "rtt_ms"),
        "source": string(clock, "source"),
        "warn_s": warn_s,
        "fail_s": fail_s,
    }
    # offset = server − local: a positive offset means the local clock is behind.
    gap = cjk_gap(size["zh"])
    if skew_s > 0:
        where = text(f"本机时钟比服务器慢{gap}", f"This computer's clock is {size['en']} behind the server")
    else:
        where = text(f"本机时钟比服务器快{gap}", f"This computer's clock is {size['en']} ahead of the server")
    if abs(skew_s) >= fail_s:
        return finding(
            "conn-clock",
            "fail",
            "net-clock",
            text("本机时钟偏差很大", "The clock is far off"),
            text(
                f"{where['zh']}。偏差这么大会让 HTTPS 证书校验和登录凭证失效，工作台可能连不上或反复掉线。",
                f"{where['en']}. A skew this large breaks HTTPS certificate checks and login tokens, so the "
                "workstation may fail to connect or keep dropping out.",
            ),
            text(
                "在系统设置里打开“自动设置时间”和“自动设置时区”，同步后刷新工作台并重新登录。",
                "Turn on “Set time automatically” and “Set time zone automatically” in the system settings, then "
                "reload the workstation and sign in again.",
            ),
            data,
        )
    if abs(skew_s) >= warn_s:
        return finding(
            "conn-clock",
            "warn",
            "net-clock",
            text("本机时钟有偏差", "The clock is off"),
            text(
                f"{where['zh']}，超过了 {warn_s:g} 秒的提醒阈值。这可能让登录凭证提前过期，或让消息时间显示错乱。",
                f"{where['en']}, above the {warn_s:g} s warning threshold. This can expire login tokens early or "
                "show messages at the wrong time.",
            ),
            text(
                "在系统设置里打开“自动设置时间”，让电脑自动同步时间。",
                "Turn on “Set time automatically” in the system settings so the clock stays in sync.",
            ),
            data,
        )
    return finding(
        "conn-clock",
        "ok",
        "net-clock",
        text("本机时钟准确", "The clock is right"),
        text(
            f"本机时钟与服务器相差{gap}，在正常范围内。",
            f"This computer's clock differs from the server's by {size['en']}, which is fine.",
        ),
        data=data,
    )
