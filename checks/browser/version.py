"""Browser: name and version against the minimum versions in settings.toml.

Dual-engine browsers (360, QQ, Sogou) pick an engine per site, so a page in their
fast mode cannot vouch for the workstation's tab; the finding says so.
"""

from __future__ import annotations

from .. import site_settings
from ..findings import Finding, finding_maker, text
from ..wording import join

DUAL_ENGINE = ("qq", "360", "sogou")

LABELS = {
    "chrome": text("Chrome", "Chrome"),
    "edge": text("Edge", "Edge"),
    "firefox": text("Firefox", "Firefox"),
    "safari": text("Safari", "Safari"),
    "opera": text("Opera", "Opera"),
    "samsung": text("三星浏览器", "Samsung Internet"),
    "qq": text("QQ 浏览器", "QQ Browser"),
    "360": text("360 浏览器", "360 Browser"),
    "sogou": text("搜狗浏览器", "Sogou Browser"),
}
DUAL_ENGINE_FIX = text(
    "如果你用的是 360、QQ 或搜狗等双核浏览器，点地址栏右侧的闪电或“e”图标，切换到“极速模式”；或者直接改用 Chrome 或 Edge。",
    "In a dual-engine browser such as 360, QQ or Sogou, click the lightning or “e” icon at the right of the address "
    "bar and switch to the fast (极速) mode, or use Chrome or Edge instead.",
)
UPDATE_HOWTO = {
    "chrome": text(
        "Chrome：点右上角的“⋮”→“帮助”→“关于 Google Chrome”。", "Chrome: ⋮ menu → Help → About Google Chrome."
    ),
    "edge": text(
        "Edge：点右上角的“…”→“帮助和反馈”→“关于 Microsoft Edge”。",
        "Edge: … menu → Help and feedback → About Microsoft Edge.",
    ),
    "firefox": text("Firefox：点右上角的“☰”→“帮助”→“关于 Firefox”。", "Firefox: ☰ menu → Help → About Firefox."),
    "safari": text(
        "Safari 随系统更新：Mac 上打开“系统设置”→“通用”→“软件更新”，iPhone 和 iPad 上更新 iOS。",
        "Safari updates with the system: on a Mac, System Settings → General → Software Update; on iPhone "
        "and iPad, update iOS.",
    ),
}

finding = finding_maker("browser", "browser")


def _label(parsed: dict) -> dict:
    if parsed["name"] in LABELS:
        return LABELS[parsed["name"]]
    brand = parsed.get("brand") or ""
    return text(brand or "未知浏览器", brand or "an unknown browser")


def _minimums_text(minimums: dict[str, int]) -> dict:
    items = [(LABELS.get(name, text(name, name)), v) for name, v in minimums.items()]
    return text(
        join([f"{label['zh']} {v}" for label, v in items], "zh") or "（未设置）",
        join([f"{label['en']} {v}" for label, v in items], "en") or "(none set)",
    )


def version_finding(parsed: dict, ua: str | None, ua_data: dict | None, settings: dict) -> Finding:
    minimums = site_settings.browser_minimums(settings)
    supported = _minimums_text(minimums)
    contact = site_settings.internal_contact(settings)
    data = {**parsed, "minimums": minimums, "user_agent": ua}
    label = _label(parsed)
    version = parsed["version"] or ""

    def too_old(shown: dict, minimum_shown: dict) -> Finding:
        howto = UPDATE_HOWTO.get(parsed["name"], text("", ""))
        return finding(
            "browser-version",
            "fail",
            "browser-supported",
            text("浏览器版本太旧", "The browser is too old"),
            text(
                f"检测到 {shown['zh']}，低于最低要求 {minimum_shown['zh']}。旧版浏览器可能保持不住实时连接，导致收不到新消息。",
                f"Found {shown['en']}, older than the minimum, {minimum_shown['en']}. An old browser may not keep the "
                "real-time connection, so new messages do not arrive.",
            ),
            text(
                f"更新浏览器后重新打开工作台。{howto['zh']}如果无法更新（例如系统太旧），请联系{contact['zh']}。"
                f"支持的最低版本：{supported['zh']}。",
                " ".join(
                    part
                    for part in (
                        "Update the browser, then reopen the workstation.",
                        howto["en"],
                        f"If it cannot be updated (for example on an old system), contact {contact['en']}.",
                        f"Minimum versions: {supported['en']}.",
                    )
                    if part
                ),
            ),
            data,
        )

    if not ua and not ua_data:
        return finding(
            "browser-version",
            "unknown",
            "browser-supported",
            text("无法识别浏览器", "Browser not identified"),
            text("浏览器没有提供它的名称和版本。", "The browser did not report its name and version."),
            text(
                f"请用这些浏览器或更新的版本打开工作台：{supported['zh']}。",
                f"Open the workstation in one of these browsers, this version or newer: {supported['en']}.",
            ),
            data,
        )
    chrome_min = minimums.get("chrome")
    chromium = parsed["chromium"]
    if parsed["name"] in DUAL_ENGINE:
        if chromium is not None and chrome_min and chromium < chrome_min:
            return too_old(
                text(f"{label['zh']}（Chromium {chromium} 内核）", f"{label['en']} (Chromium {chromium})"),
                text(f"Chromium {chrome_min}", f"Chromium {chrome_min}"),
            )
        core = text(f"Chromium {chromium}", f"Chromium {chromium}") if chromium else text("Chromium", "Chromium")
        # The page is in fast mode now, but these browsers switch engine per site.
        return finding(
            "browser-version",
            "warn",
            "browser-supported",
            text(
                "双核浏览器：请确认工作台在极速模式下打开",
                "Dual-engine browser: check the workstation uses the fast mode",
            ),
            text(
                f"检测到 {label['zh']}，本页运行在极速模式（{core['zh']} 内核）。这类浏览器会按网站切换内核，"
                "工作台可能仍在 IE 兼容模式下打开，网页无法可靠地检测这一点。",
                f"Found {label['en']}; this page runs in its fast mode ({core['en']}). These browsers switch engine "
                "per site, so the workstation may still open in IE compatibility mode, which a web page cannot "
                "reliably detect.",
            ),
            text(
                DUAL_ENGINE_FIX["zh"] + f"支持的浏览器：{supported['zh']}。",
                DUAL_ENGINE_FIX["en"] + f" Supported browsers: {supported['en']}.",
            ),
            data,
        )
    minimum = minimums.get(parsed["name"] or "")
    if minimum and parsed["major"] is None:
        return finding(
            "browser-version",
            "unknown",
            "browser-supported",
            text(f"读不出 {label['zh']} 的版本", f"{label['en']} version not found"),
            text(f"检测到 {label['zh']}，但读不出版本号。", f"Found {label['en']}, but could not read its version."),
            text(
                f"在浏览器的“关于”页面查看版本，需要不低于 {label['zh']} {minimum}。",
                f"Look up the version on the browser's About page: it must be {label['en']} {minimum} or newer.",
            ),
            data,
        )
    if minimum:
        shown = text(f"{label['zh']} {parsed['major']}", f"{label['en']} {parsed['major']}")
        if parsed["major"] < minimum:
            return too_old(shown, text(f"{label['zh']} {minimum}", f"{label['en']} {minimum}"))
        return _version_ok(shown, text(f"最低要求是 {minimum}。", f"The minimum is {minimum}."), data)
    if parsed["engine"] == "blink" and chromium is not None and chrome_min:
        # Other Chromium browsers (Opera, Samsung Internet, Brave...) are held to Chrome's minimum.
        shown = text(f"{label['zh']}（Chromium {chromium} 内核）", f"{label['en']} (Chromium {chromium})")
        if chromium < chrome_min:
            return too_old(shown, text(f"Chromium {chrome_min}", f"Chromium {chrome_min}"))
        return _version_ok(
            shown, text(f"按 Chrome 的最低要求 {chrome_min} 判断。", f"Judged by Chrome's minimum, {chrome_min}."), data
        )
    if parsed["name"] and parsed["name"] != "other":
        shown = text(f"{label['zh']} {version}".strip(), f"{label['en']} {version}".strip())
        return _version_ok(shown, text("这个浏览器没有设置最低版本。", "No minimum version is set for it."), data)
    snippet = (ua or "")[:160]
    return finding(
        "browser-version",
        "unknown",
        "browser-supported",
        text("无法识别浏览器", "Browser not recognised"),
        text(
            f"从浏览器标识（{snippet or '空'}）中识别不出浏览器和版本。",
            f"Could not tell the browser or its version from its user agent ({snippet or 'empty'}).",
        ),
        text(
            f"请用这些浏览器或更新的版本打开工作台：{supported['zh']}。",
            f"Open the workstation in one of these browsers, this version or newer: {supported['en']}.",
        ),
        data,
    )


def _version_ok(shown: dict, why: dict, data: dict) -> Finding:
    return finding(
        "browser-version",
        "ok",
        "browser-supported",
        text("浏览器版本符合要求", "The browser is supported"),
        text(f"检测到 {shown['zh']}。{why['zh']}", f"Found {shown['en']}. {why['en']}"),
        data=data,
    )
