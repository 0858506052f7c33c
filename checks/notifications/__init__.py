"""Notifications and sound: secure context and permission here; autoplay in
sound_autoplay.py, the background tab in background_tab.py, and the three questions
only the agent can answer in agent_answers.py.

The facts describe this help page, not the workstation's tab: permissions are
per site, so the findings say so and point at the workstation's own setting.
What a page cannot see (OS Do Not Disturb, system volume) is asked, never guessed.
"""

from __future__ import annotations

from .. import site_settings
from ..browser.user_agent import parse_browser
from ..facts import choice, flag, mapping, string
from ..findings import Finding, finding_maker, text
from .agent_answers import heard_sound_finding, os_dnd_finding, saw_notification_finding
from .background_tab import background_tab_finding
from .browser_menus import notification_setting_path
from .sound_autoplay import sound_finding

CHECK = "notifications"
SCOPE = "browser"  # what its findings are about, unless a finding says otherwise
FIRST_STEP = "notify-browser-permission"
BROWSERS = ("chrome", "edge", "firefox", "safari", "other")

finding = finding_maker(CHECK, SCOPE)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    secure = flag(facts, "secure_context")
    supported = flag(facts, "supported")
    permission = _permission(facts)
    browser = _browser_from_user_agent(string(facts, "user_agent"))
    host = site_settings.workstation_host(settings)
    findings = [_secure(secure, settings)]
    # On a page without HTTPS the permission is meaningless; the secure-context finding explains.
    if secure is not False:
        findings.append(_permission_finding(supported, permission, facts, browser, host, settings))
    findings.append(
        sound_finding(
            choice(facts, "audio_state", ("running", "suspended", "closed")),
            choice(facts, "autoplay_policy", ("allowed", "allowed-muted", "disallowed")),
            browser,
            host,
        )
    )
    findings.append(
        background_tab_finding(
            choice(facts, "visibility", ("visible", "hidden")),
            flag(facts, "was_discarded"),
            host,
        )
    )
    answers = mapping(facts, "answers") or {}
    test_possible = supported is not False and secure is not False and permission not in ("denied", "default")
    findings.append(saw_notification_finding(flag(answers, "saw_notification"), test_possible, permission))
    findings.append(heard_sound_finding(flag(answers, "heard_sound"), settings))
    findings.append(os_dnd_finding(flag(answers, "os_dnd_on"), settings))
    return findings


def _browser_from_user_agent(user_agent: str | None) -> str | None:
    """Which browser's menus to describe, from the user agent the page's collector sends."""
    if not user_agent:
        return None
    name = parse_browser(user_agent)["name"]
    if name is None:
        return None
    # Other Chromium browsers have their own menus: the generic path fits them best.
    return name if name in BROWSERS else "other"


def _permission(facts: dict) -> str | None:
    """Notification.permission, else permissions.query; when they disagree, the stricter wins."""
    direct = choice(facts, "permission", ("granted", "denied", "default"))
    queried = choice(facts, "permission_query", ("granted", "denied", "prompt"))
    queried = "default" if queried == "prompt" else queried
    if "denied" in (direct, queried):
        return "denied"
    return direct or queried


def _secure(secure: bool | None, settings: dict) -> Finding:
    url = site_settings.workstation_url(settings)
    check_url = text(
        f"请同样确认工作台地址以 https:// 开头（{url}）。",
        f"Make sure the workstation's address starts with https:// too ({url}).",
    )
    if secure is False:
        return finding(
            "notify-secure",
            "fail",
            "notify-secure",
            text("本页不是通过 HTTPS 打开的", "This page is not on HTTPS"),
            text(
                "本页不在安全环境（HTTPS）中，浏览器不允许它显示通知，所以下面的测试通知也无法工作。" + check_url["zh"],
                "This page is not in a secure context (HTTPS), so the browser does not let it show notifications "
                "and the test notification below cannot work. " + check_url["en"],
            ),
            text(
                "用 https:// 开头的地址打开本站和工作台；如果浏览器提示证书错误，请联系管理员，不要忽略提示继续访问。",
                "Open this site and the workstation with an https:// address. If the browser warns about the "
                "certificate, contact your administrator instead of clicking through.",
            ),
            {"secure_context": False},
        )
    if secure is True:
        return finding(
            "notify-secure",
            "ok",
            "notify-secure",
            text("本页通过 HTTPS 打开", "This page is on HTTPS"),
            text(
                "本页在安全环境（HTTPS）中，浏览器允许它请求通知。" + check_url["zh"],
                "This page is in a secure context (HTTPS), so it may ask to show notifications. " + check_url["en"],
            ),
            data={"secure_context": True},
        )
    return finding(
        "notify-secure",
        "unknown",
        "notify-secure",
        text("无法判断是否为 HTTPS", "HTTPS state not available"),
        text(
            "浏览器没有报告本页是否在安全环境中。", "The browser did not say whether this page is in a secure context."
        ),
        text(
            "看地址栏：工作台地址应以 https:// 开头，并显示锁形图标。",
            "Look at the address bar: the workstation's address should start with https:// and show a lock icon.",
        ),
        {"secure_context": None},
    )


def _permission_finding(
    supported: bool | None, permission: str | None, facts: dict, browser: str | None, host: dict, settings: dict
) -> Finding:
    data = {
        "permission": facts.get("permission") if isinstance(facts.get("permission"), str) else None,
        "permission_query": facts.get("permission_query") if isinstance(facts.get("permission_query"), str) else None,
        "resolved": permission,
        "supported": supported,
        "browser": browser,
    }
    if supported is False:
        product = site_settings.product_name(settings)
        return finding(
            "notify-permission",
            "fail",
            "notify-browser-permission",
            text("这个浏览器不支持网页通知", "This browser has no web notifications"),
            text(
                "浏览器没有提供通知接口（Notification），网页无法弹出桌面通知。",
                "The browser has no notification interface (Notification), so web pages cannot show desktop "
                "notifications.",
            ),
            text(
                f"用新版 Chrome、Edge、Firefox 或 Safari 打开工作台；在手机上请用{product['zh']}官方 App 接收推送。",
                "Open the workstation in an up-to-date Chrome, Edge, Firefox or Safari; on a phone, use the official "
                f"{product['en']} app for push notifications.",
            ),
            data,
        )
    if permission == "denied":
        return finding(
            "notify-permission",
            "fail",
            "notify-browser-permission",
            text("通知被浏览器阻止", "Notifications are blocked in this browser"),
            text(
                "浏览器对本站的通知权限是“阻止”。通知权限按网站分别设置，所以请同时检查工作台"
                f"（{host['zh']}）：它很可能也被阻止了，或者浏览器设成了阻止所有网站的通知。",
                "The browser blocks notifications from this site. Permission is set per site, so check the "
                f"workstation ({host['en']}) too: it is probably blocked as well, or the browser is set to block "
                "notifications from every site.",
            ),
            notification_setting_path(browser, host),
            data,
        )
    if permission == "default":
        # "Never asked" is what the second agent on a shared PC sees: the first one answered the prompt.
        return finding(
            "notify-permission",
            "warn",
            "notify-shared-pc",
            text("还没有允许通知", "Notifications were never allowed"),
            text(
                "浏览器还没有问过是否允许本站发送通知。在共用电脑上，往往只有第一个登录的客服看到过这个提示。",
                "The browser has not yet asked whether this site may send notifications. On a shared computer, "
                "often only the first agent who signed in ever saw that prompt.",
            ),
            text(
                "点“发送测试通知”，在浏览器弹出的提示中选“允许”。在工作台"
                f"（{host['zh']}）也要同样允许一次：每个 Windows 用户、每个浏览器配置文件都要各自允许。",
                "Click “Send a test notification” and choose Allow when the browser asks. Allow it once on the "
                f"workstation ({host['en']}) as well: each Windows user and each browser profile must allow it "
                "separately.",
            ),
            data,
        )
    if permission == "granted":
        return finding(
            "notify-permission",
            "ok",
            "notify-browser-permission",
            text("浏览器允许通知", "The browser allows notifications"),
            text(
                f"浏览器允许本站发送通知。权限按网站分别设置，请确认工作台（{host['zh']}）也是“允许”；"
                "系统是否真的显示通知，请用测试通知确认。",
                f"The browser lets this site send notifications. Permission is set per site, so make sure the "
                f"workstation ({host['en']}) is allowed too; use the test notification to see whether the system "
                "really shows them.",
            ),
            data=data,
        )
    return finding(
        "notify-permission",
        "unknown",
        "notify-browser-permission",
        text("无法读取通知权限", "Notification permission not available"),
        text("浏览器没有报告通知权限。", "The browser did not report the notification permission."),
        notification_setting_path(browser, host),
        data,
    )
