"""Which browser, which version: from UA client hints where Chromium offers them,
else from the user-agent string.

parse_browser() returns {"name", "version", "major", "engine", "chromium", "brand"}:
- name: "chrome" | "edge" | "firefox" | "safari" | "opera" | "samsung" | "qq" | "360" | "sogou"
  | "other" (an unlisted Chromium brand) | None (not recognised);
- version/major: the browser's own version;
- engine: "blink" | "gecko" | "webkit" | "edgehtml" | None;
- chromium: the Chromium major version behind a Blink browser, else None;
- brand: the raw brand text when name is "other" or a dual-engine browser, else None.

Internet Explorer's engine (IE, or a dual-engine browser in compatibility mode) is not
recognised: it cannot run the page's module scripts, so its user agent never gets here.
"""

from __future__ import annotations

import re

# GREASE brands ("Not A;Brand", "Not_A Brand", "Not)A;Brand"...) exist only to keep sniffers honest.
GREASE = re.compile(r"not.?a.?brand", re.IGNORECASE)
CHROMIUM_BRANDS = {"microsoft edge": "edge", "opera": "opera", "google chrome": "chrome"}
# Chinese dual-engine browsers: their token survives in both the Chromium and the IE mode.
DUAL_ENGINE_TOKENS = (
    (re.compile(r"QQBrowser/([\d.]+)", re.IGNORECASE), "qq", "QQBrowser"),
    (re.compile(r"(?:360SE|360EE|QIHU 360|QihooBrowser)()", re.IGNORECASE), "360", "360"),
    (re.compile(r"MetaSr ?([\d.]*)", re.IGNORECASE), "sogou", "Sogou"),
)


def _major(version: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", version or "")
    return int(match.group(1)) if match else None


def _result(name=None, version=None, engine=None, chromium=None, brand=None) -> dict:
    version = version or None
    return {
        "name": name,
        "version": version,
        "major": _major(version),
        "engine": engine,
        "chromium": chromium,
        "brand": brand,
    }


def _search(pattern: str, ua: str) -> str | None:
    match = re.search(pattern, ua)
    return match.group(1) if match else None


def _dual_engine(ua: str) -> tuple[str, str, str] | None:
    for pattern, name, brand in DUAL_ENGINE_TOKENS:
        match = pattern.search(ua)
        if match:
            return name, match.group(1) or "", brand
    return None


def _from_user_agent(ua: str) -> dict:
    dual = _dual_engine(ua)
    chromium = _major(_search(r"(?:Chrome|Chromium|CriOS)/([\d.]+)", ua))
    blink = "AppleWebKit" in ua and re.search(r"(?:Chrome|Chromium)/", ua) is not None
    engine = "blink" if blink else None
    if dual and blink:
        name, version, brand = dual
        return _result(name, version, "blink", chromium=chromium, brand=brand)
    for pattern, name, eng in (
        (r"Edge/([\d.]+)", "edge", "edgehtml"),  # the pre-2020 Edge, before Chromium
        (r"Edg(?:A|iOS)?/([\d.]+)", "edge", engine or "webkit"),
        (r"OPR/([\d.]+)", "opera", engine),
        (r"SamsungBrowser/([\d.]+)", "samsung", engine),
        (r"Firefox/([\d.]+)", "firefox", "gecko"),
        (r"FxiOS/([\d.]+)", "firefox", "webkit"),  # every iOS browser runs on WebKit
        (r"CriOS/([\d.]+)", "chrome", "webkit"),
        (r"(?:Chrome|Chromium)/([\d.]+)", "chrome", engine),
    ):
        version = _search(pattern, ua)
        if version:
            return _result(name, version, eng, chromium=chromium if eng == "blink" else None)
    safari = _search(r"Version/([\d.]+).*Safari/", ua)
    if safari:
        return _result("safari", safari, "webkit")
    return _result(engine="webkit" if "AppleWebKit" in ua else None)


def _brand_list(ua_data: dict) -> list[tuple[str, str]]:
    for key in ("fullVersionList", "brands"):  # full versions are more precise
        entries = ua_data.get(key)
        if isinstance(entries, list) and entries:
            return [
                (e["brand"].strip(), str(e.get("version") or "").strip())
                for e in entries
                if isinstance(e, dict) and isinstance(e.get("brand"), str) and not GREASE.search(e["brand"])
            ]
    return []


def _from_client_hints(ua_data: dict) -> dict | None:
    brands = _brand_list(ua_data)
    if not brands:
        return None
    by_name = {brand.lower(): version for brand, version in brands}
    chromium = _major(by_name.get("chromium") or by_name.get("google chrome") or by_name.get("microsoft edge"))
    for key, name in CHROMIUM_BRANDS.items():
        if key in by_name:
            return _result(name, by_name[key], "blink", chromium=chromium)
    others = [(b, v) for b, v in brands if b.lower() != "chromium"]
    if others:
        brand, version = others[0]
        return _result("other", version, "blink", chromium=chromium, brand=brand)
    return _result("chrome", by_name["chromium"], "blink", chromium=chromium)


def parse_browser(user_agent: str | None, ua_data: dict | None = None) -> dict:
    """Name, version and engine of the browser; see the module docstring for the keys."""
    ua = user_agent if isinstance(user_agent, str) else ""
    from_ua = _from_user_agent(ua)
    hints = _from_client_hints(ua_data) if isinstance(ua_data, dict) else None
    if hints is None:
        return from_ua
    if from_ua["name"] in ("qq", "360", "sogou"):
        # The client hints only say "Chromium"; the UA token names the dual-engine browser.
        return {**from_ua, "chromium": hints["chromium"] or from_ua["chromium"]}
    return hints
