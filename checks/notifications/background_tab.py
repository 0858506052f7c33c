"""Notifications: is this page in the background, throttled or discarded.

Only this page's own state is visible; the workstation's tab is not, and the
finding says so.
"""

from __future__ import annotations

from ..findings import Finding, finding_maker, text

finding = finding_maker("notifications", "browser")


def background_tab_finding(visibility: str | None, was_discarded: bool | None, host: dict) -> Finding:
    data = {"visibility": visibility, "was_discarded": was_discarded}
    fix = text(
        "让工作台单独占一个窗口并保持打开。在 Chrome 的“设置”→“性能”（节省内存），或 Edge 的“设置”→"
        f"“系统和性能”（睡眠标签页）中，把 {host['zh']} 加入“始终保持这些网站处于活动状态”。",
        "Keep the workstation open in its own window. In Chrome, Settings → Performance (Memory Saver), or in "
        f"Edge, Settings → System and performance (Sleeping tabs), add {host['en']} to the sites that are "
        "always kept active.",
    )
    cannot_see = text(
        "网页看不到工作台标签页是否在后台被限制、冻结或丢弃。",
        "A web page cannot see whether the workstation's tab is throttled, frozen or discarded.",
    )
    if was_discarded:
        return finding(
            "notify-tab",
            "warn",
            "notify-tab-sleep",
            text("本页曾被浏览器丢弃", "This page was discarded by the browser"),
            text(
                "浏览器为节省内存丢弃过本页，之后又重新加载了它。放在后台太久的工作台标签页也会这样被冻结或丢弃，"
                "这段时间里收不到消息。" + cannot_see["zh"],
                "The browser discarded this page to save memory and loaded it again later. A workstation tab left "
                "in the background can be frozen or discarded the same way, and receives nothing meanwhile. "
                + cannot_see["en"],
            ),
            fix,
            data,
        )
    if visibility == "hidden":
        return finding(
            "notify-tab",
            "warn",
            "notify-tab-sleep",
            text("本页在后台", "This page is in the background"),
            text(
                "检测时本页在后台。Chrome 会限制后台标签页：计时器最多每秒运行一次，隐藏 5 分钟后，"
                "连续的计时器每分钟只运行一次；长时间不用的标签页还可能被冻结或丢弃。在后台的工作台标签页也一样。"
                + cannot_see["zh"],
                "This page was in the background during the check. Chrome throttles background tabs: timers run "
                "at most once a second, and after 5 minutes hidden, chained timers run once a minute; tabs unused "
                "for long may be frozen or discarded. A workstation tab in the background is treated the same. "
                + cannot_see["en"],
            ),
            fix,
            data,
        )
    if visibility == "visible":
        return finding(
            "notify-tab",
            "ok",
            "notify-tab-sleep",
            text("本页在前台", "This page is in the foreground"),
            text(
                "检测时本页在前台。" + cannot_see["zh"] + "如何让工作台标签页不休眠，请看链接的步骤。",
                "This page was in the foreground during the check. "
                + cannot_see["en"]
                + " The linked step shows how to keep the workstation's tab awake.",
            ),
            data=data,
        )
    return finding(
        "notify-tab",
        "unknown",
        "notify-tab-sleep",
        text("无法判断页面是否在后台", "Background state not available"),
        text(
            "浏览器没有报告本页是在前台还是后台。" + cannot_see["zh"],
            "The browser did not say whether this page is in the foreground. " + cannot_see["en"],
        ),
        fix,
        data,
    )
