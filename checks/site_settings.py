"""Reading settings.toml values (passed in as a dict from JSON).

Every build validates settings.toml and its overlays (schemas/settings.schema.json,
hooks/settings_schema.py), so each key the schema requires is here, with the right type.
settings.toml is the one place that holds a default: nothing here repeats one, and a
missing key is a bug that the runner reports as a "<check>-error" finding. What the schema
lets a deployment leave unset is an empty string (websocket_echo_url, time_url,
service_timezone) or an absent browser in [browsers]; the checks say what that means.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def product_name(settings: dict) -> dict:
    return settings["product_name"]


def internal_contact(settings: dict) -> dict:
    return settings["support"]["internal_contact"]


def probe_number(settings: dict, key: str) -> float:
    """timeout_ms, latency_warn_ms, clock_skew_warn_s or clock_skew_fail_s: a positive integer."""
    return float(settings["probe"][key])


def probe_text(settings: dict, key: str) -> str:
    """websocket_echo_url or time_url; empty when not set."""
    return settings["probe"][key]


def probe_hosts(settings: dict) -> list[str]:
    return list(settings["probe"]["hosts"])


def browser_minimums(settings: dict) -> dict[str, int]:
    """Minimum major version per browser name (chrome, edge, firefox, safari; opera and samsung optional)."""
    return dict(settings["browsers"])


def service_timezone(settings: dict) -> str:
    """An IANA zone name; empty when working hours have no time zone set."""
    return settings["service_timezone"]


def workstation_url(settings: dict) -> str:
    return settings["workstation_url"]


def status_page_url(settings: dict) -> str:
    return settings["status_page_url"]


def status_page(settings: dict) -> dict:
    """The status page, named for what it is: by default it is the official site (the vendor
    publishes none), where only the vendor's notices can be read."""
    url = status_page_url(settings)
    if url == settings["official_site_url"]:
        return {"zh": f"服务商官网（{url}）上的公告", "en": f"the notices on the vendor's official site ({url})"}
    return {"zh": f"状态页 {url}", "en": f"the status page {url}"}


def workstation_host(settings: dict) -> dict:
    """The workstation's host name for "find this site in the settings" instructions."""
    host = urlsplit(workstation_url(settings)).hostname
    return {"zh": host, "en": host}
