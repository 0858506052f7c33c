"""Reading settings.toml values (passed in as a dict) with safe fallbacks.

The build always sends the whole file, so the fallbacks only keep a check from
crashing on a trimmed or older settings file; they are not a second source of truth.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

# Generic thresholds, used only when settings.toml lacks the key.
PROBE_FALLBACKS = {
    "timeout_ms": 8000,
    "latency_warn_ms": 1000,
    "clock_skew_warn_s": 60,
    "clock_skew_fail_s": 300,
}
# Neutral wording when no product name is set.
GENERIC_PRODUCT = {"zh": "客服系统", "en": "the chat system"}
GENERIC_CONTACT = {"zh": "你的团队主管或管理员", "en": "your team lead or administrator"}


def _table(settings, key: str) -> dict:
    value = settings.get(key) if isinstance(settings, dict) else None
    return value if isinstance(value, dict) else {}


def _bilingual(value, fallback: dict) -> dict:
    """Accepts {zh, en} or a single string (settings already localised by a caller)."""
    if isinstance(value, str) and value.strip():
        return {"zh": value, "en": value}
    if isinstance(value, dict) and all(isinstance(value.get(k), str) and value[k].strip() for k in ("zh", "en")):
        return {"zh": value["zh"], "en": value["en"]}
    return dict(fallback)


def product_name(settings) -> dict:
    return _bilingual(settings.get("product_name") if isinstance(settings, dict) else None, GENERIC_PRODUCT)


def internal_contact(settings) -> dict:
    return _bilingual(_table(settings, "support").get("internal_contact"), GENERIC_CONTACT)


def probe_number(settings, key: str) -> float:
    value = _table(settings, "probe").get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return float(PROBE_FALLBACKS[key])
    return float(value)


def probe_text(settings, key: str) -> str:
    value = _table(settings, "probe").get(key)
    return value.strip() if isinstance(value, str) else ""


def probe_hosts(settings) -> list[str]:
    value = _table(settings, "probe").get("hosts")
    return [h for h in value if isinstance(h, str) and h.strip()] if isinstance(value, list) else []


def browser_minimums(settings) -> dict[str, int]:
    """Minimum major version per browser name; names without a usable number are left out."""
    out = {}
    for name, value in _table(settings, "browsers").items():
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            out[name] = value
        elif isinstance(value, str) and value.strip().isdigit():
            out[name] = int(value.strip())
    return out


def _text(settings, key: str) -> str:
    value = settings.get(key) if isinstance(settings, dict) else None
    return value.strip() if isinstance(value, str) else ""


def service_timezone(settings) -> str:
    return _text(settings, "service_timezone")


def workstation_url(settings) -> str:
    return _text(settings, "workstation_url")


def status_page_url(settings) -> str:
    return _text(settings, "status_page_url")


def workstation_host(settings) -> dict:
    """The workstation's host name for "find this site in the settings" instructions."""
    host = urlsplit(workstation_url(settings)).hostname
    if host:
        return {"zh": host, "en": host}
    return {"zh": "工作台网站", "en": "the workstation's site"}
