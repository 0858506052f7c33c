"""Client version: what an admin typed or pasted (a version, or a whole About dialog) against
the minimum version and the known defects in the settings' [client] table.

check(text, platform, settings) -> {"version", "parts", "build", "platform", "read", "findings"}

Reading the version (parse): the version is the first number after 版本, Version, Ver or v
("版本：3.5.2", "Version 1.2.3.4567", "v1.2"); without such a word, the first dotted number
("Meiqia 3.5.2") that does not belong to a component (Chromium 120.0.1, Electron 28.1,
Windows 10.0.19045). Years and ranges (© 2019-2024) are never a version; a lone whole number
counts only after one of those words, or when it is all that was typed. "(build 45)" is kept
as the build. Full-width digits and dots read as ASCII. Pre-release tags (1.2.3-beta) are not
compared: only the numbers are.

Comparing: part by part as numbers, missing parts are zero (1.10 > 1.9, 1.2 == 1.2.0).

Known defects: an entry names a release or a line of releases. Its parts must match the first
parts of the version (missing version parts count as zero): "1.2.3" matches 1.2.3 and its
builds (1.2.3.4567) but not 1.2.30; "1.2" (or "1.2.x", "1.2.*") matches every 1.2 release.

Platforms: settings.toml's [client] describes the desktop client, so the minimum applies to
the desktop client only. A defect entry applies to the desktop client unless it names a
"platform" (desktop, mobile or web); for mobile and web nothing is configured until then.
"""

from __future__ import annotations

import re
import unicodedata

from ..findings import Finding, finding_maker, text
from ..wording import plural

CHECK = "client-version"
PLATFORMS = ("desktop", "mobile", "web")
PLATFORM_LABELS = {
    "desktop": text("桌面客户端", "desktop client"),
    "mobile": text("手机 App", "mobile app"),
    "web": text("网页版工作台", "web workstation"),
}
# The form's labels (strings.toml [admin] version_title and platform; a unit test keeps them equal).
FIELD_LABELS = {"text": text("客户端版本", "Client version"), "platform": text("平台", "Platform")}
MAX_TEXT = 10_000  # an About dialog is a few lines; anything longer is read only this far

_NUMBER = r"\d+(?:\.\d+)*"
# A word that announces the version, then optional punctuation and a "v", right before a number.
_ANCHOR = re.compile(r"(?:版本号?|(?<![a-z])(?:version|ver\.?))\s*[:：]?\s*v?\.?\s*$|(?<![a-z])v\.?\s?$", re.IGNORECASE)
_DOTTED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)+)(?![\d.]*\d)")
_BUILD = re.compile(r"(?:build|构建|内部版本)\s*(?:号)?\s*[:：#]?\s*(\d+)", re.IGNORECASE)
# Components an About dialog names with their own versions.
_COMPONENT = re.compile(
    r"(?<![a-z])(?:chrome|chromium|electron|node(?:\.js)?|v8|webkit|cef|qt|windows|win|macos|mac\s?os(?:\s?x)?|os|ios|"
    r"android|harmonyos|linux|ubuntu|kernel|java|\.net|系统|内核)\s*(?:版本号?|version)?\s*[:：/]?\s*v?$",
    re.IGNORECASE,
)

finding = finding_maker(CHECK, "team")


def parse_parts(value: str) -> list[int] | None:
    """ "1.2.3" -> [1, 2, 3]; "1.2.x" -> [1, 2]; None when it is not a version."""
    value = unicodedata.normalize("NFKC", value).strip().lstrip("vV").strip()
    parts = value.split(".")
    while len(parts) > 1 and parts[-1] in ("x", "X", "*"):
        parts.pop()
    if not all(p.isascii() and p.isdigit() for p in parts):
        return None
    return [int(p) for p in parts]


def compare(a: list[int], b: list[int]) -> int:
    """-1, 0 or 1, part by part, missing parts zero."""
    n = max(len(a), len(b))
    pa, pb = a + [0] * (n - len(a)), b + [0] * (n - len(b))
    return (pa > pb) - (pa < pb)


def defect_matches(entry: list[int], version: list[int]) -> bool:
    padded = version + [0] * (len(entry) - len(version))
    return padded[: len(entry)] == entry


def _component_before(source: str, start: int) -> bool:
    return bool(_COMPONENT.search(source[max(0, start - 40) : start].rstrip()))


def parse(value: str) -> dict | None:
    """The version in what was typed or pasted: {version, parts, build, read} or None."""
    source = unicodedata.normalize("NFKC", value[:MAX_TEXT])
    found = None
    for m in re.finditer(_NUMBER, source):
        before = source[max(0, m.start() - 30) : m.start()]
        anchor = _ANCHOR.search(before)
        if anchor and not _component_before(source, m.start() - len(before) + anchor.start()):
            found = m
            break
    if found is None:
        for m in _DOTTED.finditer(source):
            if not _component_before(source, m.start()):
                found = m
                break
    if found is None:
        whole = source.strip()
        if whole.isascii() and whole.isdigit():
            found = re.search(r"\d+", source)
    if found is None:
        return None
    build = _BUILD.search(source[found.end() : found.end() + 40])
    line_start = source.rfind("\n", 0, found.start()) + 1
    line_end = source.find("\n", found.end())
    line = source[line_start : line_end if line_end >= 0 else len(source)].strip()
    parts = [int(p) for p in found.group(0).split(".")]
    return {
        "version": ".".join(str(p) for p in parts),
        "parts": parts,
        "build": build.group(1) if build else None,
        "read": line[:120],
    }


def _snippet(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line[:80] + ("…" if len(one_line) > 80 else "")


def _input_error(field: dict, problem: dict, fix: dict, data: dict) -> Finding:
    return finding(
        "client-version-input",
        "unknown",
        "client-update",
        text("无法检查版本：输入有误", "Cannot check the version: the input is wrong"),
        text(f"“{field['zh']}”：{problem['zh']}", f"{field['en']}: {problem['en']}"),
        fix,
        data,
    )


def check(text_in, platform, settings: dict) -> dict:
    """Check a client version. Never raises on bad input: the findings say what is wrong."""
    result = {"version": None, "parts": None, "build": None, "platform": None, "read": "", "findings": []}
    findings: list[Finding] = []
    key = platform.strip().lower() if isinstance(platform, str) else None
    if key not in PLATFORMS:
        findings.append(
            _input_error(
                FIELD_LABELS["platform"],
                text(
                    f"应为 desktop、mobile 或 web，收到的是“{platform}”。",
                    f"must be desktop, mobile or web, got “{platform}”.",
                ),
                text("选择桌面客户端、手机 App 或网页版后再检查。", "Pick desktop, mobile or web, then check again."),
                {"field": "platform", "value": repr(platform)[:80]},
            )
        )
    else:
        result["platform"] = key
    if not isinstance(text_in, str) or not text_in.strip():
        findings.append(
            _input_error(
                FIELD_LABELS["text"],
                text("没有填写版本号。", "nothing was entered."),
                text(
                    "在客户端的“关于”页面找到版本号（形如 1.2.3），填入或整段粘贴后再检查。",
                    "Find the version on the client's About page (like 1.2.3), type it or paste the whole text, "
                    "then check again.",
                ),
                {"field": "text"},
            )
        )
    if findings:
        result["findings"] = [f.to_dict() for f in findings]
        return result
    parsed = parse(text_in)
    label = PLATFORM_LABELS[key]
    if parsed is None:
        shown = _snippet(text_in)
        result["read"] = shown
        result["findings"] = [
            finding(
                "client-version",
                "unknown",
                "client-update",
                text("读不出版本号", "No version number found"),
                text(
                    f"在你输入的内容（“{shown}”）里没有找到版本号。",
                    f"Found no version number in what was entered (“{shown}”).",
                ),
                text(
                    "在客户端的“关于”页面找到版本号（形如 1.2.3 或 v1.2），只填这串数字后再检查。",
                    "Find the version on the client's About page (like 1.2.3 or v1.2), enter just that, then check "
                    "again.",
                ),
                {"read": shown},
            ).to_dict()
        ]
        return result
    result.update(parsed, platform=key)
    data = {**parsed, "platform": key}
    version = parsed["version"]
    shown = text(f"{label['zh']} {version}", f"{label['en']} {version}")
    client = settings["client"]
    findings.append(_minimum_finding(client["min_version"], key, parsed, shown, data))
    defect = _defect_finding(client["known_defects"], key, parsed, shown, data)
    if defect:
        findings.append(defect)
    result["findings"] = [f.to_dict() for f in findings]
    return result


def _minimum_finding(minimum: str, platform: str, parsed: dict, shown: dict, data: dict) -> Finding:
    update_fix = text(
        "从官网下载最新版客户端，安装后重启客户端再登录。",
        "Download the latest client from the official site, install it, restart the client and sign in again.",
    )
    if platform != "desktop" or not minimum.strip():
        # Say what is set and what is not: a minimum for another platform is no minimum for this one.
        label = PLATFORM_LABELS[platform]
        gap = " " if label["zh"][-1].isascii() else ""  # 手机 App 的: a space between Latin and Chinese
        why = (
            text("这个帮助网站还没有设置最低客户端版本。", "This help site has no minimum client version set.")
            if not minimum.strip()
            else text(
                f"这个帮助网站只设置了桌面客户端的最低版本，没有设置{label['zh']}{gap}的最低版本。",
                f"This help site sets a minimum version for the desktop client only, none for the {label['en']}.",
            )
        )
        return finding(
            "client-version",
            "unknown",
            "client-update",
            text("无法判断版本是否太旧", "Cannot tell whether the version is too old"),
            text(f"读到的是{shown['zh']}。{why['zh']}", f"Version read: {shown['en']}. {why['en']}"),
            text(
                "到官网查看最新版本号；如果你的版本更旧，请更新后重启。",
                "Look up the latest version on the official site; if yours is older, update and restart.",
            ),
            {**data, "minimum": None},
        )
    minimum_parts = parse_parts(minimum)
    if minimum_parts is None:
        return finding(
            "client-version",
            "unknown",
            "client-update",
            text("设置里的最低版本无法读取", "The minimum version in the settings cannot be read"),
            text(
                f"读到的是{shown['zh']}，但这个帮助网站设置的最低版本“{minimum}”不是版本号。",
                f"Version read: {shown['en']}, but the minimum version this help site sets, “{minimum}”, is not a version.",
            ),
            text(
                "请本站管理员把 settings.toml 里 [client] 的 min_version 改成形如 1.2.3 的版本号。",
                "Ask this site's administrator to set min_version under [client] in settings.toml to a version "
                "such as 1.2.3.",
            ),
            {**data, "minimum": minimum},
            scope="settings",
        )
    minimum_shown = ".".join(str(p) for p in minimum_parts)
    data = {**data, "minimum": minimum_shown}
    if compare(parsed["parts"], minimum_parts) < 0:
        return finding(
            "client-version",
            "fail",
            "client-update",
            text("客户端版本太旧", "The client is too old"),
            text(
                f"读到的是{shown['zh']}，低于最低要求 {minimum_shown}。旧版客户端可能收不到新消息。",
                f"Version read: {shown['en']}, older than the minimum, {minimum_shown}. An old client may not receive new "
                "messages.",
            ),
            update_fix,
            data,
        )
    return finding(
        "client-version",
        "ok",
        "client-update",
        text("客户端版本符合要求", "The client version is supported"),
        text(
            f"读到的是{shown['zh']}，不低于最低要求 {minimum_shown}。",
            f"Version read: {shown['en']}, not older than the minimum, {minimum_shown}.",
        ),
        data=data,
    )


def _defect_finding(defects: list, platform: str, parsed: dict, shown: dict, data: dict) -> Finding | None:
    relevant = [d for d in defects if str(d.get("platform") or "desktop").lower() == platform]
    if not relevant:
        return None
    matched, ignored = [], []
    for entry in relevant:
        parts = parse_parts(str(entry["version"]))
        if parts is None:
            ignored.append(str(entry["version"]))
        elif defect_matches(parts, parsed["parts"]):
            matched.append(entry)
    data = {
        **data,
        "defects": [{"version": str(d["version"]), "note": dict(d["note"])} for d in matched],
        "ignored_defects": ignored,
    }
    if not matched:
        return finding(
            "client-version-defect",
            "ok",
            "client-changelog",
            text("没有已知的收消息缺陷", "No known message defect"),
            text(
                f"这个帮助网站记录了 {len(relevant)} 个有已知缺陷的版本，{shown['zh']} 不在其中。",
                f"This help site lists {plural(len(relevant), 'version', 'versions')} with a known defect; "
                f"{shown['en']} is not one of them.",
            ),
            data=data,
        )
    notes_zh = "；".join(f"{d['note']['zh'].rstrip('。')}（{d['version']}）" for d in matched)
    notes_en = "; ".join(f"{d['note']['en'].rstrip('.')} ({d['version']})" for d in matched)
    return finding(
        "client-version-defect",
        "fail",
        "client-changelog",
        text("这个版本有已知的收消息缺陷", "This version has a known message defect"),
        text(f"{shown['zh']} 有已知缺陷：{notes_zh}。", f"The {shown['en']} has a known defect: {notes_en}."),
        text(
            "对照官网更新日志，更新到已修复这个问题的版本，然后重启客户端。",
            "Check the official changelog, update to a version that fixes it, then restart the client.",
        ),
        data,
    )
