"""Where each browser keeps its per-site switches: notifications and autoplay.

Menu names change between browser versions; these match current desktop releases.
"""

from __future__ import annotations

from ..browser.user_agent import parse_browser
from ..findings import text

FAMILIES = ("chrome", "edge", "firefox", "safari")


def menu_family(user_agent: str | None) -> str | None:
    """Whose menus to describe: chrome, edge, firefox, safari, "other" (another browser) or None (not known)."""
    if not user_agent:
        return None
    name = parse_browser(user_agent)["name"]
    if name is None:
        return None
    # Other Chromium browsers have their own menus: the generic path fits them best.
    return name if name in FAMILIES else "other"


def notification_setting_path(browser: str | None, host: dict) -> dict:
    """Where THIS browser keeps the per-site notification switch."""
    h_zh, h_en = host["zh"], host["en"]
    if browser == "chrome":
        return text(
            f"在工作台页面点地址栏左侧的图标（“查看网站信息”）→“网站设置”，把“通知”改为“允许”。"
            f"也可以打开 chrome://settings/content/notifications，把 {h_zh} 从“不允许发送通知”中移除，"
            "并确认没有选“不允许网站发送通知”。改完后刷新工作台。",
            "On the workstation page, click the icon left of the address bar (“View site information”) → Site "
            f"settings, and set Notifications to Allow. Or open chrome://settings/content/notifications, remove {h_en} "
            "from “Not allowed to send notifications”, and make sure “Don't allow sites to send notifications” is not "
            "selected. Then reload the workstation.",
        )
    if browser == "edge":
        return text(
            "在工作台页面点地址栏左侧的锁形图标 →“此站点的权限”，把“通知”改为“允许”。"
            f"也可以打开 edge://settings/content/notifications，把 {h_zh} 从“阻止”列表中移除。改完后刷新工作台。",
            "On the workstation page, click the lock icon left of the address bar → Permissions for this site, and "
            f"set Notifications to Allow. Or open edge://settings/content/notifications and remove {h_en} from the "
            "Block list. Then reload the workstation.",
        )
    if browser == "firefox":
        return text(
            "在工作台页面点地址栏左侧的权限图标，清除“发送通知：已阻止”。也可以打开“设置”→“隐私与安全”→“权限”，"
            f"点“通知”旁的“设置…”，把 {h_zh} 设为“允许”，并取消勾选“阻止新的通知请求”。改完后刷新工作台。",
            "On the workstation page, click the permissions icon left of the address bar and clear “Send "
            "notifications: Blocked”. Or open Settings → Privacy & Security → Permissions, click Settings… next to "
            f"Notifications, set {h_en} to Allow, and untick “Block new requests asking to allow notifications”. "
            "Then reload the workstation.",
        )
    if browser == "safari":
        return text(
            f"打开 Safari 浏览器 →“设置”（或“偏好设置”）→“网站”→“通知”，把 {h_zh} 设为“允许”。"
            "同时在 macOS 的“系统设置”→“通知”→ Safari 浏览器中允许通知。改完后刷新工作台。",
            f"Open Safari → Settings (or Preferences) → Websites → Notifications, and set {h_en} to Allow. Also allow "
            "notifications for Safari in macOS System Settings → Notifications. Then reload the workstation.",
        )
    return text(
        f"在浏览器的网站设置中找到 {h_zh}，把“通知”改为“允许”，然后刷新工作台。",
        f"In the browser's site settings, find {h_en} and set Notifications to Allow, then reload the workstation.",
    )


def autoplay_setting_tip(browser: str | None, host: dict) -> dict:
    """Browsers that let a user allow sound for one site without a click each time."""
    if browser == "edge":
        return text(
            f"也可以在 edge://settings/content/mediaAutoplay 中把 {host['zh']} 加入“允许”列表。",
            f"You can also add {host['en']} to the Allow list in edge://settings/content/mediaAutoplay.",
        )
    if browser == "firefox":
        return text(
            "也可以在工作台地址栏左侧的权限图标中，把“自动播放”设为“允许音频和视频”。",
            "You can also set Autoplay to “Allow Audio and Video” in the permissions icon left of the "
            "workstation's address bar.",
        )
    if browser == "safari":
        return text(
            f"也可以在 Safari 浏览器 →“设置”→“网站”→“自动播放”中，把 {host['zh']} 设为“允许全部自动播放”。",
            f"You can also set {host['en']} to “Allow All Auto-Play” in Safari → Settings → Websites → Auto-Play.",
        )
    return text("", "")
