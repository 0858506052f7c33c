"""Validates settings.toml and every overlay merged over it, and gives MkDocs the site's address.

schemas/settings.schema.json states the types, the required keys and the allowed keys.
This module defines the formats the schema names (web addresses, e-mail, time zones) and
checks what a schema cannot state: thresholds in order, and no unencrypted probe from a
site served over https://. guide_data.settings() calls problems() after settings.toml and
again after each overlay, so every message names the key and the file that caused it.

As a MkDocs hook, it sets `site_url` from settings.toml (mkdocs.yml carries no copy), and
makes every page's hreflang links absolute under it (search engines ignore relative ones).
"""

from __future__ import annotations

import difflib
import functools
import json
import sys
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads a hook by its path
    sys.path.insert(0, str(ROOT))
SCHEMA_PATH = ROOT / "schemas" / "settings.schema.json"

FORMATS = jsonschema.FormatChecker(formats=())

# How TOML names the types the schema asks for, and the types a value has.
EXPECTED = {
    "string": "a string in quotes",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a table",
    "array": "an array [ … ]",
}
FOUND = (
    (bool, "a boolean"),  # before int: True is an int in Python
    (int, "a number"),
    (float, "a number"),
    (str, "a string"),
    (dict, "a table"),
    (list, "an array"),
)


def _has_space(value: str) -> bool:
    return any(ch.isspace() for ch in value)


def _address(value: str, schemes: tuple[str, ...], example: str) -> bool:
    """Empty means "not set"; anything else needs one of the schemes and a host."""
    if not isinstance(value, str) or value == "":
        return True
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in schemes or not host or _has_space(value):
        needs = " or ".join(f"{scheme}://" for scheme in schemes)
        raise ValueError(f"{value!r} is not a full address: it needs {needs} and a host name, like {example}")
    return True


@FORMATS.checks("web-url", raises=ValueError)
def _web_url(value) -> bool:
    return _address(value, ("https", "http"), "https://example.com/")


@FORMATS.checks("websocket-url", raises=ValueError)
def _websocket_url(value) -> bool:
    return _address(value, ("wss", "ws"), "wss://echo.example.com/")


@FORMATS.checks("email", raises=ValueError)
def _email(value) -> bool:
    if isinstance(value, str) and value and (value.count("@") != 1 or _has_space(value) or value[0] == "@"):
        raise ValueError(f"{value!r} is not an e-mail address (leave it empty to hide it)")
    return True


@FORMATS.checks("time-zone", raises=ValueError)
def _time_zone(value) -> bool:
    known = _zones()
    if isinstance(value, str) and value and known and value not in known:
        close = difflib.get_close_matches(value, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"{value!r} is not a time zone name like 'Asia/Shanghai'{hint}")
    return True


@FORMATS.checks("nonblank", raises=ValueError)
def _nonblank(value) -> bool:
    if isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty")
    return True


@functools.cache
def _zones() -> frozenset[str]:
    """The IANA names this machine knows; empty (no check) on a machine without a zone database."""
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=FORMATS)


def dotted(path) -> str:
    """probe.hosts[2].url from the path parts ("probe", "hosts", 2, "url")."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _found(value) -> str:
    word = next((w for t, w in FOUND if isinstance(value, t)), "a value")
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    return f"{word} ({shown[:40]}…)" if len(shown) > 40 else f"{word} ({shown})"


def _schema_problems(error) -> list[tuple[str, str]]:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(allowed)}"
            out.append((dotted([*path, key]), f"unknown key{hint}"))
        return out
    if kind == "required":
        return [(dotted([*path, key]), "missing") for key in error.validator_value if key not in error.instance]
    if kind == "type" and set(error.schema.get("required", ())) == {"zh", "en"}:
        return [
            (dotted(path), f'must be text in both languages, {{ zh = "…", en = "…" }}, not {_found(error.instance)}')
        ]
    if kind == "type":
        return [(dotted(path), f"must be {EXPECTED[error.validator_value]}, not {_found(error.instance)}")]
    if kind == "exclusiveMinimum":
        return [(dotted(path), f"must be greater than {error.validator_value}, not {error.instance!r}")]
    if kind == "minLength":
        return [(dotted(path), "must not be empty")]
    if kind == "uniqueItems":
        return [(dotted(path), "lists the same entry twice")]
    if kind == "format" and error.cause is not None:
        return [(dotted(path), str(error.cause))]
    return [(dotted(path), error.message)]


def _rules(settings: dict) -> list[tuple[str, str]]:
    """What the schema cannot say. Runs only on settings that passed the schema."""
    out = []
    probe = settings["probe"]
    if probe["clock_skew_warn_s"] >= probe["clock_skew_fail_s"]:
        out.append(
            (
                "probe.clock_skew_warn_s",
                f"must be less than probe.clock_skew_fail_s ({probe['clock_skew_warn_s']} is not less than "
                f"{probe['clock_skew_fail_s']})",
            )
        )
    if probe["latency_warn_ms"] >= probe["timeout_ms"]:
        out.append(
            (
                "probe.latency_warn_ms",
                f"must be less than probe.timeout_ms ({probe['latency_warn_ms']} is not less than "
                f"{probe['timeout_ms']}): a host that slow has already timed out",
            )
        )
    ids = [channel["id"] for channel in settings["support"].get("channels", [])]
    for i, channel_id in enumerate(ids):
        if channel_id in ids[:i]:
            out.append((f"support.channels[{i}].id", f"{channel_id!r} is used twice: each channel needs its own id"))
    site = settings["site_url"]
    if urlsplit(site).scheme == "https":
        # A page served over https:// may not open ws:// or fetch http:// (mixed content): the probe
        # would always fail and report the chat hosts as blocked.
        unencrypted = [
            ("probe.websocket_echo_url", probe["websocket_echo_url"], "ws", "wss"),
            ("probe.time_url", probe["time_url"], "http", "https"),
            *((f"probe.hosts[{i}]", url, "http", "https") for i, url in enumerate(probe["hosts"])),
        ]
        for key, url, plain, secure in unencrypted:
            if urlsplit(url).scheme == plain:
                out.append(
                    (
                        key,
                        f"{url!r} is {plain}://, but site_url {site!r} is https://: browsers block {plain}:// "
                        f"from an https:// page, so use {secure}://",
                    )
                )
    return out


def problems(settings: dict) -> list[tuple[str, str]]:
    """(dotted key, what is wrong) for each problem; empty when the settings are valid."""
    found = {item for error in _validator().iter_errors(settings) for item in _schema_problems(error)}
    if found:
        return sorted(found)
    return _rules(settings)


# --- MkDocs hook -----------------------------------------------------------------------

_command = {"name": None}


def on_startup(command, **_):
    _command["name"] = command


@event_priority(100)  # before the i18n plugin and Material read site_url
def on_config(config, **_):
    from hooks import guide_data  # here: guide_data imports this module

    guide_data.settings.cache_clear()  # `mkdocs serve` rebuilds in one process
    try:
        site_url = guide_data.settings()["site_url"]
    except guide_data.DataError as exc:
        raise PluginError(str(exc)) from exc
    # `mkdocs serve` points site_url at its own address; keep that while serving.
    if _command["name"] != "serve":
        config.site_url = site_url if site_url.endswith("/") else site_url + "/"
    return config
