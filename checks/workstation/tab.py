"""Workstation: notification permission, sound and tab state, as the probe read them
in the workstation's own tab (they are kept per site and per page)."""

from __future__ import annotations

from ..findings import Finding, finding_maker, text
from ..notifications.browser_menus import autoplay_setting_tip, notification_setting_path
from ..wording import cjk_gap, duration

finding = finding_maker("workstation", "workstation")


def permission_finding(permission: str | None, family: str | None, host: dict, data: dict) -> Finding:
    path = notification_setting_path(family, host)
    if permission == "denied":
        return finding(
            "ws-permission",
            "fail",
            "notify-browser-permission",
            text("工作台的通知被阻止", "Notifications are blocked for the workstation"),
            text(
                f"这个浏览器阻止了工作台（{host['zh']}）发送通知，所以新消息不会弹出提醒。",
                f"This browser blocks notifications from the workstation ({host['en']}), so new messages never pop up.",
            ),
            path,
            data,
        )
    if permission == "default":
        # "Never asked" is what the second agent on a shared PC sees: the first one answered the prompt.
        return finding(
            "ws-permission",
            "warn",
            "notify-shared-pc",
            text("工作台还没有获准发送通知", "The workstation was never allowed to notify"),
            text(
                f"在这个浏览器配置文件里，工作台（{host['zh']}）还没有被允许发送通知，新消息不会弹出提醒。"
                "在共用电脑上，往往只有第一个登录的客服看到过允许通知的提示。",
                f"In this browser profile the workstation ({host['en']}) has never been allowed to send "
                "notifications, so new messages do not pop up. On a shared computer, often only the first agent "
                "who signed in ever saw the prompt.",
            ),
            text(
                "在工作台里打开桌面通知，浏览器询问时选“允许”；每个 Windows 用户、每个浏览器配置文件都要各自允许一次。"
                "如果浏览器没有询问：" + path["zh"],
                "Turn on desktop notifications in the workstation and choose Allow when the browser asks; each "
                "Windows user and each browser profile must allow it once. If the browser does not ask: "
                + path["en"][:1].lower()
                + path["en"][1:],
            ),
            data,
        )
    if permission == "granted":
        return finding(
            "ws-permission",
            "ok",
            "notify-browser-permission",
            text("工作台可以发送通知", "The workstation may send notifications"),
            text(
                f"这个浏览器允许工作台（{host['zh']}）发送通知。系统是否真的显示通知，请用测试通知确认。",
                f"This browser lets the workstation ({host['en']}) send notifications. Whether the system really "
                "shows them, the test notification tells.",
            ),
            data=data,
        )
    return finding(
        "ws-permission",
        "unknown",
        "notify-browser-permission",
        text("不知道工作台的通知权限", "The workstation's notification permission is not known"),
        text(
            "检测脚本没有读到工作台的通知权限。", "The probe could not read the workstation's notification permission."
        ),
        path,
        data,
    )


def _since_load(since_load_ms: float | None, reloaded: bool) -> dict:
    verb = text("刷新", "reloaded") if reloaded else text("打开", "loaded")
    if since_load_ms is None:
        return text(
            f"工作台标签页{verb['zh']}之后", f"The workstation tab has not been clicked since it was {verb['en']}"
        )
    ago = duration(since_load_ms / 1000)
    return text(
        f"工作台标签页在{cjk_gap(ago['zh'])}前{verb['zh']}，之后",
        f"The workstation tab was {verb['en']} {ago['en']} ago and has not been clicked since",
    )


def sound_finding(facts: dict, family: str | None, host: dict) -> Finding:
    has_been_active = facts["has_been_active"]
    autoplay = facts["autoplay_policy"]
    data = {
        "has_been_active": has_been_active,
        "is_active": facts["is_active"],
        "autoplay_policy": autoplay,
        "since_load_ms": facts["since_load_ms"],
        "navigation_type": facts["navigation_type"],
    }
    tip = autoplay_setting_tip(family, host)
    fix = text(
        "每次刷新或重新打开工作台后，在工作台页面任意位置点一下，提示音才会响。" + tip["zh"],
        "After every reload or reopening of the workstation, click anywhere on its page once so that alert "
        "sounds can play." + (" " + tip["en"] if tip["en"] else ""),
    )
    if autoplay == "allowed":
        return finding(
            "ws-sound",
            "ok",
            "notify-sound",
            text("工作台可以播放提示音", "The workstation may play sound"),
            text(
                "浏览器允许工作台不经点击就播放声音。网页看不到系统音量、静音和输出设备，请用测试提示音确认。",
                "The browser lets the workstation play sound without a click. A web page cannot see the system "
                "volume, mute or output device: the test sound tells.",
            ),
            data=data,
        )
    if has_been_active is False:
        lead = _since_load(facts["since_load_ms"], facts["navigation_type"] == "reload")
        return finding(
            "ws-sound",
            "warn",
            "notify-sound",
            text("工作台点击之前不会有提示音", "No workstation sound until someone clicks it"),
            text(
                lead["zh"] + "没有人点过它：在有人点击这个标签页之前，浏览器不让它播放提示音。",
                lead["en"] + ": the browser blocks its sounds until someone clicks on the tab.",
            ),
            fix,
            data,
        )
    if has_been_active is True:
        # Transient activation right now may be the probe's own click, not the agent's.
        caveat = (
            text(
                "不过运行检测脚本的那次点击本身也可能算作点击：下次刷新工作台后，请记得在页面上点一下。",
                " Running the probe may itself have counted as that click: after the next reload, click on the "
                "workstation page once.",
            )
            if facts["is_active"] is True
            else text("", "")
        )
        return finding(
            "ws-sound",
            "ok",
            "notify-sound",
            text("工作台点过，可以播放提示音", "The workstation was clicked and may play sound"),
            text(
                "工作台标签页打开后有人点过它，浏览器允许它播放声音。" + caveat["zh"],
                "The workstation tab has been clicked since it loaded, so the browser lets it play sound."
                + caveat["en"],
            ),
            data=data,
        )
    if autoplay in ("disallowed", "allowed-muted"):
        return finding(
            "ws-sound",
            "warn",
            "notify-sound",
            text("工作台点击之前不会有提示音", "No workstation sound until someone clicks it"),
            text(
                f"浏览器在有人点击工作台页面之前不让它出声（自动播放策略为 {autoplay}）。",
                f"The browser keeps the workstation silent until someone clicks on its page (the autoplay policy "
                f"is {autoplay}).",
            ),
            fix,
            data,
        )
    return finding(
        "ws-sound",
        "unknown",
        "notify-sound",
        text("不知道工作台能否出声", "Whether the workstation may play sound is not known"),
        text(
            "这个浏览器没有告诉检测脚本，工作台标签页是否被点过、能否播放声音。",
            "This browser did not tell the probe whether the workstation tab has been clicked or may play sound.",
        ),
        fix,
        data,
    )


def keep_awake_fix(host: dict, product: dict) -> dict:
    return text(
        "让工作台保持活动：在 Chrome 的“设置”→“性能”（节省内存）中，把 "
        f"{host['zh']} 加入“始终保持这些网站处于活动状态”；在 Edge 的“设置”→“系统和性能”（睡眠标签页）中，把 "
        f"{host['zh']} 加入“从不让这些站点进入睡眠状态”。让工作台单独占一个窗口，或者改用{product['zh']}桌面客户端。",
        "Keep the workstation awake: in Chrome, Settings → Performance (Memory Saver), add "
        f"{host['en']} to “Always keep these sites active”; in Edge, Settings → System and performance "
        f"(Sleeping tabs), add {host['en']} to “Never put these sites to sleep”. Keep the workstation in a window "
        f"of its own, or use the {product['en']} desktop client.",
    )


def tab_finding(visibility: str | None, was_discarded: bool | None, host: dict, product: dict) -> Finding:
    data = {"visibility": visibility, "was_discarded": was_discarded}
    if was_discarded:
        return finding(
            "ws-tab",
            "warn",
            "notify-tab-sleep",
            text("工作台标签页曾被浏览器丢弃", "The browser discarded the workstation tab"),
            text(
                "浏览器为节省内存丢弃过工作台标签页，之后又重新加载了它。被丢弃期间，工作台收不到任何消息。",
                "The browser discarded the workstation tab to save memory and loaded it again later. While it was "
                "discarded, the workstation received nothing.",
            ),
            keep_awake_fix(host, product),
            data,
        )
    if visibility == "hidden":
        return finding(
            "ws-tab",
            "warn",
            "notify-tab-sleep",
            text("工作台标签页在后台", "The workstation tab was in the background"),
            text(
                "检测脚本运行时，工作台标签页在后台。浏览器会限制后台标签页，时间长了还可能冻结或丢弃它。",
                "The workstation tab was in the background when the probe ran. Browsers slow down background tabs "
                "and may freeze or discard them after a while.",
            ),
            keep_awake_fix(host, product),
            data,
        )
    if visibility == "visible":
        return finding(
            "ws-tab",
            "ok",
            "notify-tab-sleep",
            text("工作台标签页在前台，没有被丢弃", "The workstation tab was in front and not discarded"),
            text(
                "检测脚本运行时，工作台标签页在前台，也没有被丢弃过。这个浏览器会不会限制后台标签页，请用本站的后台测试来看。",
                "The workstation tab was in the foreground when the probe ran and had not been discarded. Whether "
                "this browser slows down background tabs, the background test on this site shows.",
            ),
            data=data,
        )
    return finding(
        "ws-tab",
        "unknown",
        "notify-tab-sleep",
        text("不知道工作台标签页的状态", "The workstation tab's state is not known"),
        text(
            "检测脚本没有读到工作台标签页是在前台还是后台、是否被丢弃过。",
            "The probe could not read whether the workstation tab was in the foreground or had been discarded.",
        ),
        keep_awake_fix(host, product),
        data,
    )
