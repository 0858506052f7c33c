"""Notifications: what only the agent can tell a page (did the test notification
show, was the sound heard, is Do Not Disturb on), asked as questions, never guessed.
"""

from __future__ import annotations

from .. import site_settings
from ..findings import Finding, finding_maker, text

finding = finding_maker("notifications", "browser")


OS_NOTIFICATION_FIX = text(
    "Windows：打开“设置”→“系统”→“通知”，确认通知已打开、浏览器的开关也是开的，并关闭“请勿打扰”或“专注助手”。"
    "macOS：打开“系统设置”→“通知”，找到浏览器，允许通知并把样式设为“横幅”或“提醒”，再在控制中心关闭“专注模式”。"
    "改完后再发一次测试通知。",
    "Windows: open Settings → System → Notifications, make sure notifications are on and the browser's switch is on, "
    "and turn off Do not disturb or Focus assist. macOS: open System Settings → Notifications, find the browser, "
    "allow notifications with the Banners or Alerts style, and turn off Focus in Control Centre. Then send another "
    "test notification.",
)


# Why the help site itself cannot show the test notification. Its permission and scheme are its
# own (kept per site): they say nothing about the workstation, so these give a tip, never a problem.
HELP_TAB_BLOCKERS = {
    "unsupported": (
        text("这个浏览器没有网页通知功能", "this browser has no web notifications"),
        text(
            "用新版 Chrome、Edge、Firefox 或 Safari 打开本站和工作台。",
            "Open this site and the workstation in an up-to-date Chrome, Edge, Firefox or Safari.",
        ),
    ),
    "insecure": (
        text(
            "本站不是通过 HTTPS 打开的，浏览器不让它显示通知",
            "this help site is not on HTTPS, so the browser does not let it show notifications",
        ),
        text(
            "如果本站有 https:// 开头的地址，用它打开本站再测；没有的话，请告诉管理员。在那之前，可以按链接的步骤手动检查系统的通知设置。",
            "If this help site has an https:// address, open it that way and test again; if not, tell your "
            "administrator. Meanwhile, check the system's notification settings by hand with the linked step.",
        ),
    ),
    "denied": (
        text("浏览器阻止了本站的通知", "the browser blocks notifications from this help site"),
        text(
            "想用测试通知检查系统设置的话，先在浏览器的网站设置中允许本站显示通知（点地址栏左侧的图标），再发一次测试通知。",
            "To check the system's settings with the test notification, first allow notifications for this help "
            "site in the browser's site settings (click the icon left of the address bar), then send the test "
            "again.",
        ),
    ),
    "default": (
        text("本站还没有获准显示通知", "this help site has not been allowed to show notifications yet"),
        text(
            "点“发送测试通知”，浏览器询问时选“允许”，然后回答“你看到测试通知了吗？”",
            "Click “Send a test notification”, choose Allow when the browser asks, then answer “Did you see the test "
            "notification?”",
        ),
    ),
}
NOT_ABOUT_THE_WORKSTATION = text(
    "这只关系到本站，说明不了工作台：工作台自己的通知权限，请用工作台检测脚本查看。",
    "This concerns this help site only and says nothing about the workstation: the workstation probe shows the "
    "workstation's own permission.",
)


def help_tab_blocker(supported: bool | None, secure: bool | None, permission: str | None) -> str | None:
    """Why the test notification cannot show on this help site, if it cannot."""
    if supported is False:
        return "unsupported"
    if secure is False:
        return "insecure"
    if permission in ("denied", "default"):
        return permission
    return None


def saw_notification_finding(saw: bool | None, blocker: str | None, permission: str | None) -> Finding:
    data = {"saw_notification": saw, "help_site_blocker": blocker, "help_site_permission": permission}
    if blocker:
        reason, fix = HELP_TAB_BLOCKERS[blocker]
        if saw is False:
            message = text(
                f"你没看到测试通知，这在意料之中：{reason['zh']}。" + NOT_ABOUT_THE_WORKSTATION["zh"],
                f"You did not see the test notification, as expected: {reason['en']}. "
                + NOT_ABOUT_THE_WORKSTATION["en"],
            )
        else:
            message = text(
                f"测试通知无法在本站显示：{reason['zh']}。" + NOT_ABOUT_THE_WORKSTATION["zh"],
                f"The test notification cannot show on this help site: {reason['en']}. "
                + NOT_ABOUT_THE_WORKSTATION["en"],
            )
        return finding(
            "notify-test-seen",
            "unknown",
            "notify-os-dnd",
            text("测试通知无法在本站显示", "The test notification cannot show here"),
            message,
            fix,
            data,
            scope="help-tab",
        )
    if saw is True:
        return finding(
            "notify-test-seen",
            "ok",
            "notify-os-dnd",
            text("你看到了测试通知", "You saw the test notification"),
            text(
                "浏览器和系统都放行了网页通知。工作台也能显示通知，前提是它自己的通知权限也是“允许”。",
                "The browser and the system both let web notifications through. The workstation can show them "
                "too, as long as its own permission is Allow as well.",
            ),
            data=data,
        )
    if saw is False:
        # Without a readable permission, say "if" rather than claim the browser allowed it.
        if permission == "granted":
            lead = text(
                "浏览器允许本站显示通知，测试通知却没有出现。原因在浏览器之外：",
                "The browser allows notifications here, yet the test notification did not appear. The cause "
                "is outside the browser: ",
            )
        else:
            lead = text(
                "测试通知没有出现。如果浏览器已允许本站显示通知，原因就在浏览器之外：",
                "The test notification did not appear. If the browser allows notifications here, the cause is "
                "outside the browser: ",
            )
        return finding(
            "notify-test-seen",
            "fail",
            "notify-os-dnd",
            text("通知没有出现在屏幕上", "The notification did not appear"),
            text(
                lead["zh"] + "系统开着“勿扰模式”“专注助手”或“专注模式”，或者系统设置里关闭了这个浏览器的通知。"
                "网页无法检测这些设置。工作台的通知也会同样被挡住。",
                lead["en"] + "Do Not Disturb, Focus assist or a Focus mode is on, or notifications for this browser "
                "are turned off in the system settings. A web page cannot detect these settings. They hide the "
                "workstation's notifications as well.",
            ),
            OS_NOTIFICATION_FIX,
            data,
        )
    return finding(
        "notify-test-seen",
        "unknown",
        "notify-os-dnd",
        text("还没有测试通知", "Test notification not tried yet"),
        text(
            "网页看不到通知有没有真正显示在屏幕上，需要你来确认。",
            "A web page cannot see whether a notification really appeared on screen, so you need to tell it.",
        ),
        text(
            "点“发送测试通知”，然后回答“你看到测试通知了吗？”",
            "Click “Send a test notification”, then answer “Did you see the test notification?”",
        ),
        data,
    )


def heard_sound_finding(heard: bool | None, settings: dict) -> Finding:
    data = {"heard_sound": heard}
    product = site_settings.product_name(settings)
    if heard is True:
        return finding(
            "notify-test-heard",
            "ok",
            "notify-sound",
            text("你听到了测试提示音", "You heard the test sound"),
            text("这台电脑能播放浏览器的声音。", "This computer plays sound from the browser."),
            data=data,
        )
    if heard is False:
        return finding(
            "notify-test-heard",
            "fail",
            "notify-sound",
            text("没听到测试提示音", "You did not hear the test sound"),
            text(
                "测试提示音没有被听到。网页无法检测系统音量、静音、所用的输出设备，也看不到工作台标签页是否被静音。",
                "The test sound was not heard. A web page cannot detect the system volume, mute, which output "
                "device is used, or whether the workstation's tab is muted.",
            ),
            text(
                "依次检查：系统音量和静音；输出设备（耳机或音箱是否选对、接好）；Windows 音量合成器里浏览器的音量；"
                f"工作台标签页是否被静音（右键标签页，选“取消网站静音”）；{product['zh']}里的提示音设置。然后再测一次。",
                "Check in turn: the system volume and mute; the output device (the right headset or speakers, "
                "plugged in); the browser's level in the Windows volume mixer; whether the workstation's tab is "
                f"muted (right-click the tab and choose Unmute site); the alert sound settings in {product['en']}. "
                "Then test again.",
            ),
            data,
        )
    return finding(
        "notify-test-heard",
        "unknown",
        "notify-sound",
        text("还没有测试提示音", "Test sound not tried yet"),
        text("网页听不到扬声器，需要你来确认。", "A web page cannot hear the speakers, so you need to tell it."),
        text(
            "点“播放测试提示音”，然后回答“你听到提示音了吗？”",
            "Click “Play a test sound”, then answer “Did you hear the sound?”",
        ),
        data,
    )


def os_dnd_finding(dnd_on: bool | None, settings: dict) -> Finding:
    data = {"os_dnd_on": dnd_on}
    product = site_settings.product_name(settings)
    if dnd_on is True:
        return finding(
            "notify-os-dnd",
            "fail",
            "notify-os-dnd",
            text("勿扰或专注模式开着", "Do Not Disturb or Focus is on"),
            text(
                "你确认这台设备开着勿扰或专注模式：系统会隐藏通知，也可能让提示音静音。",
                "You confirmed that Do Not Disturb or Focus is on: the system hides notifications and may silence "
                "alert sounds.",
            ),
            text(
                "Windows 11：点任务栏右下角的日期和时间，关闭“请勿打扰”；Windows 10：在操作中心关闭“专注助手”。"
                f"macOS 和 iPhone：在控制中心关闭“专注模式”，或把浏览器和{product['zh']} App 加入允许列表。"
                "Android：下拉通知栏，关闭“勿扰”。",
                "Windows 11: click the date and time at the right of the taskbar and turn off Do not disturb; "
                "Windows 10: turn off Focus assist in the Action Centre. macOS and iPhone: turn off Focus in Control "
                f"Centre, or add the browser and the {product['en']} app to its allowed list. Android: pull down "
                "the notification shade and turn off Do not disturb.",
            ),
            data,
        )
    if dnd_on is False:
        return finding(
            "notify-os-dnd",
            "ok",
            "notify-os-dnd",
            text("勿扰和专注模式已关闭", "Do Not Disturb and Focus are off"),
            text("你确认这台设备没有开勿扰或专注模式。", "You confirmed that Do Not Disturb and Focus are off."),
            data=data,
        )
    return finding(
        "notify-os-dnd",
        "unknown",
        "notify-os-dnd",
        text("网页看不到勿扰或专注模式", "Do Not Disturb cannot be detected"),
        text(
            "系统的勿扰模式、专注助手和专注模式对网页不可见，无法自动检测。",
            "A web page cannot see the system's Do Not Disturb, Focus assist or Focus modes, so they cannot be "
            "detected.",
        ),
        text(
            "请回答上面的问题：电脑或手机是否开着“勿扰模式”或“专注模式”？",
            "Answer the question above: is Do Not Disturb or Focus turned on on this computer or phone?",
        ),
        data,
    )
