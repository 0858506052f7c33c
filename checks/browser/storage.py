"""Browser: storage blocked, and the private-window guess.

Chromium gives a private window a small storage quota; that is the only clue, and
a nearly full disk looks the same, so the finding calls it a guess.
"""

from __future__ import annotations

from .. import site_settings
from ..facts import flag
from ..findings import Finding, finding_maker, text
from ..wording import join_and, size_bytes

# A normal window usually gets many GB; a private one far less.
PRIVATE_QUOTA_BYTES = 200 * 1024 * 1024

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


def private_window_finding(parsed: dict, quota: float | None) -> Finding:
    data = {"storage_quota": quota, "threshold": PRIVATE_QUOTA_BYTES, "engine": parsed["engine"]}
    if parsed["engine"] == "blink" and quota is not None:
        size = size_bytes(quota)
        if quota < PRIVATE_QUOTA_BYTES:
            return finding(
                "browser-private",
                "warn",
                "browser-private",
                text("这可能是无痕窗口", "This may be a private window"),
                text(
                    f"本页可用的存储空间只有约 {size}，普通窗口通常有几 GB，无痕窗口的配额则很小。"
                    "这只是推测：磁盘快满时，普通窗口也会这样。",
                    f"This page may store only about {size}; a normal window usually gets several GB, a private "
                    "window much less. This is a guess: a nearly full disk looks the same.",
                ),
                PRIVATE_WINDOW_FIX,
                data,
            )
        return finding(
            "browser-private",
            "ok",
            "browser-private",
            text("没有无痕窗口的迹象", "No sign of a private window"),
            text(
                f"本页可用的存储空间约 {size}，不像无痕窗口。这只是推测，无痕窗口无法被可靠地检测。",
                f"This page may store about {size}, which does not look like a private window. This is a guess: "
                "private windows cannot be detected reliably.",
            ),
            data=data,
        )
    return finding(
        "browser-private",
        "unknown",
        "browser-private",
        text("无法判断是否为无痕窗口", "Private window cannot be detected"),
        text(
            "这个浏览器没有可靠的线索，网页无法检测无痕或隐私窗口。",
            "This browser gives no dependable clue, so a web page cannot detect a private window.",
        ),
        PRIVATE_WINDOW_FIX,
        data,
    )
