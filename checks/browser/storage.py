"""Browser: storage blocked, and the private window (which a page cannot detect)."""

from __future__ import annotations

from .. import site_settings
from ..facts import flag
from ..findings import Finding, finding_maker, text
from ..wording import join_and

finding = finding_maker("browser", "browser")


def storage_finding(facts: dict, settings: dict) -> Finding:
    values = {
        "cookies": flag(facts, "cookies"),
        "local_storage": flag(facts, "local_storage"),
        "indexed_db": flag(facts, "indexed_db"),
    }
    names = {
        "cookies": text("Cookie", "cookies"),
        "local_storage": text("localStorage", "localStorage"),
        "indexed_db": text("IndexedDB", "IndexedDB"),
    }
    blocked = [key for key, value in values.items() if value is False]
    host = site_settings.workstation_host(settings)
    if blocked:
        return finding(
            "browser-storage",
            "fail",
            "browser-storage",
            text("浏览器存储被阻止", "Browser storage is blocked"),
            text(
                f"浏览器阻止了 {join_and([names[k]['zh'] for k in blocked])['zh']}。工作台要用浏览器存储保存登录状态和设置，"
                "被阻止时会反复要求登录或掉线。原因可能是浏览器设置、公司策略或无痕窗口。",
                f"The browser blocks {join_and([names[k]['en'] for k in blocked])['en']}. The workstation keeps the "
                "sign-in and settings there; without them it keeps asking you to sign in or drops out. Browser "
                "settings, a company policy or a private window can cause this.",
            ),
            text(
                f"在浏览器的隐私设置中允许网站保存 Cookie 和数据，至少把 {host['zh']} 加入允许列表；"
                "不要使用无痕窗口。如果是公司统一设置，请联系管理员。",
                f"In the browser's privacy settings, allow sites to save cookies and data, or at least add "
                f"{host['en']} to the allowed list; do not use a private window. If a company policy sets this, "
                "contact your administrator.",
            ),
            {**values, "blocked": blocked},
        )
    if all(values.values()):
        return finding(
            "browser-storage",
            "ok",
            "browser-storage",
            text("浏览器存储可用", "Browser storage works"),
            text("Cookie、localStorage 和 IndexedDB 都可以使用。", "Cookies, localStorage and IndexedDB all work."),
            data=values,
        )
    return finding(
        "browser-storage",
        "unknown",
        "browser-storage",
        text("无法确认浏览器存储", "Browser storage not known"),
        text(
            "浏览器没有报告 Cookie 和本地存储是否可用。",
            "The browser did not report whether cookies and local storage work.",
        ),
        text(
            f"确认浏览器允许 {host['zh']} 保存 Cookie 和网站数据。",
            f"Make sure the browser lets {host['en']} save cookies and site data.",
        ),
        values,
    )


PRIVATE_WINDOW_FIX = text(
    "看看窗口是否显示“无痕”“隐身”“InPrivate”或“隐私浏览”。如果是，请在普通窗口中打开工作台：无痕窗口关闭后会丢失登录状态，通知权限也不会保留。",
    "See whether the window says Incognito, InPrivate or Private Browsing. If it does, open the workstation in a "
    "normal window: a private window forgets the sign-in when it closes and does not keep notification permission.",
)


def private_window_finding() -> Finding:
    # Chromium reports the same storage quota in a private window as in a normal one, and no
    # other signal works across Chromium, Firefox and Safari: a page cannot tell, so it says so.
    return finding(
        "browser-private",
        "unknown",
        "browser-private",
        text("网页无法判断是否为无痕窗口", "A page cannot tell a private window"),
        text(
            "网页无法判断自己是否在无痕（隐私）窗口中。工作台不能开在无痕窗口里：那里通知不起作用，窗口关闭后登录状态也会丢失。",
            "A web page cannot tell whether it is in a private window. The workstation must not be in one: "
            "notifications do not work there, and the sign-in is forgotten when the window closes.",
        ),
        PRIVATE_WINDOW_FIX,
        {"detectable": False},
    )
