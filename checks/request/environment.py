"""Which browser and system the facts describe, in words: for the request form's environment
fields (filled in from the last check run) and for a report's banner.

describe(facts) -> {"browser": {zh, en} | None, "os": str | None,
                    "workstation": {"origin", "browser", "os"} | None}
The browser comes from the browser area (user agent and client hints), else from the
notifications area's user agent; the workstation's from the probe's own user agent.
"""

from __future__ import annotations

import re

from ..browser.user_agent import parse_browser
from ..browser.version import LABELS
from ..facts import mapping, string
from ..findings import text

# (pattern, name or a function of the match), first match wins.
OS_PATTERNS = (
    (re.compile(r"Windows NT 10\.0"), lambda m: "Windows 10/11"),
    (re.compile(r"Windows NT 6\.3"), lambda m: "Windows 8.1"),
    (re.compile(r"Windows NT 6\.2"), lambda m: "Windows 8"),
    (re.compile(r"Windows NT 6\.1"), lambda m: "Windows 7"),
    (re.compile(r"Windows"), lambda m: "Windows"),
    (
        re.compile(r"(?:iPhone|CPU) OS (\d+)(?:_(\d+))?"),
        lambda m: f"iOS {m.group(1)}" + (f".{m.group(2)}" if m.group(2) else ""),
    ),
    (re.compile(r"iPad"), lambda m: "iPadOS"),
    (re.compile(r"Android (\d+(?:\.\d+)?)"), lambda m: f"Android {m.group(1)}"),
    (re.compile(r"CrOS"), lambda m: "ChromeOS"),
    (re.compile(r"Mac OS X"), lambda m: "macOS"),
    (re.compile(r"Linux"), lambda m: "Linux"),
)


def operating_system(user_agent: str | None) -> str | None:
    """The system a user agent names; None when it names none. (Browsers freeze the macOS and Windows 11 versions.)"""
    for pattern, name in OS_PATTERNS:
        match = pattern.search(user_agent or "")
        if match:
            return name(match)
    return None


def browser_label(user_agent: str | None, ua_data: dict | None = None) -> dict | None:
    """ "Chrome 120.0.6099.144" / "QQ 浏览器 13.0": the browser and its version; None when not recognised."""
    parsed = parse_browser(user_agent, ua_data)
    if parsed["name"] is None:
        return None
    label = LABELS.get(parsed["name"]) or text(parsed["brand"], parsed["brand"])  # "other": a Chromium brand
    version = parsed["version"]
    return {lang: f"{name} {version}" if version else name for lang, name in label.items()}


def describe(facts) -> dict:
    facts = facts if isinstance(facts, dict) else {}
    browser = mapping(facts, "browser") or {}
    notifications = mapping(facts, "notifications") or {}
    ua = string(browser, "user_agent") or string(notifications, "user_agent")
    ua_data = mapping(browser, "ua_data")
    probe = mapping(facts, "workstation")
    workstation = None
    if probe is not None and not isinstance(probe.get("collect_error"), str):
        probe_ua = string(probe, "user_agent")
        workstation = {
            "origin": string(probe, "origin"),
            "browser": browser_label(probe_ua),
            "os": operating_system(probe_ua),
        }
    return {"browser": browser_label(ua, ua_data), "os": operating_system(ua), "workstation": workstation}


def form_values(facts, lang: str) -> dict:
    """The request form's environment fields, in the page's language: {"browser", "os"} (only those known)."""
    described = describe(facts)
    out = {}
    if described["browser"]:
        out["browser"] = described["browser"][lang if lang in described["browser"] else "en"]
    if described["os"]:
        out["os"] = described["os"]
    return out
