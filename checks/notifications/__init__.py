"""Notifications and sound: the workstation's HTTPS from the settings, a pointer to the
workstation probe, and the three questions only the agent can answer (agent_answers.py).

This help site's own tab is not the workstation's: notification permission, autoplay and
the secure context are kept per site. So its facts (schemas/facts.schema.json,
"notifications") are never a warning or a problem here: they only tell whether the test
notification can show on this site, and change the answer findings' wording. The
workstation's own permission, sound and tab state come from the probe (the workstation
check). What a page cannot see (OS Do Not Disturb, system volume) is asked, never guessed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import site_settings
from ..facts import flag, mapping, notification_permission
from ..findings import Finding, finding_maker, text
from .agent_answers import heard_sound_finding, help_tab_blocker, os_dnd_finding, saw_notification_finding

CHECK = "notifications"
SCOPE = "browser"  # what its findings are about, unless a finding says otherwise
FIRST_STEP = "notify-browser-permission"

finding = finding_maker(CHECK, SCOPE)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    permission = notification_permission(facts)
    findings = [_secure(settings)]
    if "workstation" not in areas:
        findings.append(_probe_pointer())
    answers = mapping(facts, "answers") or {}
    blocker = help_tab_blocker(flag(facts, "supported"), flag(facts, "secure_context"), permission)
    findings.append(saw_notification_finding(flag(answers, "saw_notification"), blocker, permission))
    findings.append(heard_sound_finding(flag(answers, "heard_sound"), settings))
    findings.append(os_dnd_finding(flag(answers, "os_dnd_on"), settings))
    return findings


def _secure(settings: dict) -> Finding:
    """Judged from the workstation's address in the settings: the help site's own scheme says nothing about it."""
    url = site_settings.workstation_url(settings)
    data = {"workstation_url": url}
    if urlsplit(url).scheme == "https":
        return finding(
            "notify-secure",
            "ok",
            "notify-secure",
            text("工作台使用 HTTPS", "The workstation uses HTTPS"),
            text(
                f"工作台的地址以 https:// 开头（{url}），浏览器允许它显示通知。",
                f"The workstation's address starts with https:// ({url}), so the browser lets it show notifications.",
            ),
            data=data,
            scope="settings",
        )
    return finding(
        "notify-secure",
        "fail",
        "notify-secure",
        text("工作台地址不是 HTTPS", "The workstation's address is not HTTPS"),
        text(
            f"本站设置中的工作台地址是 {url}，不是 https://。浏览器只允许安全（HTTPS）的网站显示通知。",
            f"The workstation's address in this site's settings is {url}, not https://. Browsers show "
            "notifications only from secure (HTTPS) sites.",
        ),
        text(
            "如果你的工作台其实是用 https:// 打开的，请告诉管理员改正本站设置中的工作台地址；"
            "如果工作台确实不是 HTTPS，请管理员为它启用 HTTPS。",
            "If your workstation actually opens with https://, ask your administrator to correct the workstation "
            "address in the site's settings; if the workstation really is not on HTTPS, ask the administrator to "
            "put it on HTTPS.",
        ),
        data,
        scope="settings",
    )


def _probe_pointer() -> Finding:
    return finding(
        "notify-probe",
        "unknown",
        "notify-browser-permission",
        text("本页看不到工作台的通知设置", "This page cannot see the workstation's settings"),
        text(
            "通知权限、提示音和标签页状态是按网站分别保存的，本页看不到工作台的这些设置。"
            "检测脚本在工作台自己的标签页里读取它们。",
            "Notification permission, sound and the tab's state are kept per site, so this page cannot see the "
            "workstation's. The workstation probe reads them in the workstation's own tab.",
        ),
        text(
            "运行工作台检测脚本：把检测链接拖到书签栏，打开工作台标签页，在那里点一下这个书签。结果会显示在本站上。",
            "Run the workstation probe: drag its link to the bookmarks bar, open the workstation tab and click the "
            "bookmark there. The results appear on this site.",
        ),
        {"probe_facts": False},
        scope="workstation",
    )
