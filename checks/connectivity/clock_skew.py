"""Connectivity, part 3 of 3: is this computer's clock close to the server's.

A skew of minutes breaks sign-in tokens and sessions; certificates only fail when the
clock is off by a day or more. The workstation check judges the workstation server's
clock (read by the probe) with the same function.
"""

from __future__ import annotations

from .. import site_settings
from ..facts import number, string
from ..findings import Finding, finding_maker, text
from ..wording import cjk_gap, duration

# Certificate validity is checked in whole days at best: only a skew this large breaks HTTPS.
CERTIFICATE_SKEW_S = 86400
THIS_SERVER = {"zh": "服务器", "en": "the server"}

CLOCK_MANUAL_FIX = text(
    "手动核对：把电脑右下角（或右上角）的时间和手机上的时间对比，相差超过 1 分钟就在系统设置里打开“自动设置时间”。",
    "Check by hand: compare the computer's clock with your phone's. If they differ by more than a minute, turn on "
    "“Set time automatically” in the system settings.",
)


def clock_finding(
    clock: dict | None,
    online: bool | None,
    settings: dict,
    finding_id: str = "conn-clock",
    check: str = "connectivity",
    scope: str = "browser",
    server: dict = THIS_SERVER,
) -> Finding:
    """offset_ms = server − local, from `server` (bilingual words); the finding gets the given id and check."""
    finding = finding_maker(check, scope)
    offset_ms = number(clock, "offset_ms") if clock else None
    if offset_ms is None:
        error = string(clock, "error") if clock else None
        if online is False:
            why = text(
                f"浏览器处于离线状态，读不到{server['zh']}的时间。",
                f"The browser is offline, so the time of {server['en']} could not be read.",
            )
        elif error:
            why = text(
                f"读取{server['zh']}的时间失败：{error}。", f"Reading the time of {server['en']} failed: {error}."
            )
        else:
            why = text(
                f"没有拿到{server['zh']}的时间，无法比较本机时钟。",
                f"No time was received from {server['en']}, so the clock could not be compared.",
            )
        return finding(
            finding_id,
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
        data["direction"] = "behind"
        where = text(f"本机时钟比{server['zh']}慢{gap}", f"This computer's clock is {size['en']} behind {server['en']}")
    else:
        data["direction"] = "ahead"
        where = text(
            f"本机时钟比{server['zh']}快{gap}", f"This computer's clock is {size['en']} ahead of {server['en']}"
        )
    if abs(skew_s) >= fail_s:
        certificates = (
            text(
                "偏差超过一天时，HTTPS 证书校验也会失败，浏览器会提示连接不安全。",
                " Off by more than a day, HTTPS certificate checks fail too, and the browser says the connection "
                "is not private.",
            )
            if abs(skew_s) >= CERTIFICATE_SKEW_S
            else text("", "")
        )
        return finding(
            finding_id,
            "fail",
            "net-clock",
            text("本机时钟偏差很大", "The clock is far off"),
            text(
                f"{where['zh']}。偏差这么大，登录凭证和会话会失效：工作台可能把你登出、连不上或反复掉线。"
                + certificates["zh"],
                f"{where['en']}. With a skew this large, sign-in tokens and sessions stop working: the workstation "
                "may sign you out, fail to connect or keep dropping out." + certificates["en"],
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
            finding_id,
            "warn",
            "net-clock",
            text("本机时钟有偏差", "The clock is off"),
            text(
                f"{where['zh']}，超过了 {warn_s:g} 秒的提醒阈值。这可能让登录凭证和会话提前过期，或让消息时间显示错乱。",
                f"{where['en']}, above the {warn_s:g} s warning threshold. Sign-in tokens and sessions may expire "
                "early, and messages may show the wrong time.",
            ),
            text(
                "在系统设置里打开“自动设置时间”，让电脑自动同步时间。",
                "Turn on “Set time automatically” in the system settings so the clock stays in sync.",
            ),
            data,
        )
    return finding(
        finding_id,
        "ok",
        "net-clock",
        text("本机时钟准确", "The clock is right"),
        text(
            f"本机时钟与{server['zh']}相差{gap}，在正常范围内。",
            f"This computer's clock differs from {server['en']} by {size['en']}, which is fine.",
        ),
        data=data,
    )
