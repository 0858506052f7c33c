"""The terminal's connectivity check: native facts from the configured hosts, judged like the browser's.

collect() probes each host (DNS, TCP, TLS with the certificate's issuer, HTTP HEAD with its Date:
host_probe.py, certificate.py), the WebSocket echo URL (websocket_echo.py, the websockets library) and
reads the proxy variables (proxy.py). browser_facts() reshapes what the browser can also see into
schemas/facts.schema.json's "connectivity", so checks.connectivity judges it with the same findings;
findings.py adds what only a terminal can see: DNS, where a connection failed, TLS inspection, proxies;
terminal_words.py rewords the judged findings whose page wording would be wrong here.

Terminal only: never zipped for the browser (hooks/guide_data.runtime_sources() leaves checks/native/
out), and the only part of checks/ that may use sockets, ssl and third-party code.
"""

from __future__ import annotations

import copy
import os
import ssl
import time
from datetime import datetime

from .. import connectivity
from ..cli import InputError
from ..report import document
from .findings import native_findings
from .host_probe import probe, tls_context
from .proxy import proxy_variables
from .terminal_words import reword
from .websocket_echo import echo

# The browser's own fact: a terminal has no navigator.onLine, and "the browser is online" would be untrue here.
BROWSER_ONLY = ("conn-online",)
WEBSOCKET_KEYS = ("url", "opened", "open_ms", "echo_ok", "echo_ms", "other_messages", "error", "close_code")


def _user_agent() -> str:
    from .. import __version__  # set by checks/__init__.py after its imports

    return f"workstation-checks/{__version__}"


def context_for(ca_file: str | None) -> ssl.SSLContext:
    try:
        return tls_context(ca_file)
    except FileNotFoundError as exc:
        raise InputError(f"找不到 CA 文件：{ca_file}", f"CA file not found: {ca_file}") from exc
    except (OSError, ssl.SSLError) as exc:
        raise InputError(
            f"CA 文件无法读取：{ca_file}（{exc}）", f"The CA file cannot be read: {ca_file} ({exc})"
        ) from exc


def _clock(probes: list[dict], time_probe: dict | None) -> dict | None:
    """The first Date header read (the time URL's when one is set), in the browser's clock shape."""
    candidates = [time_probe] if time_probe else probes
    for found in candidates:
        if "offset_ms" in found:
            return {"source": found["url"], "offset_ms": found["offset_ms"], "rtt_ms": found["http_ms"], "error": None}
    if not candidates:
        return None
    first = candidates[0]
    error = first.get("clock_error") or f"{first['failed_at']}: {first['error']}"
    return {"source": first["url"], "offset_ms": None, "rtt_ms": None, "error": error[:200]}


def collect(settings: dict, ca_file: str | None, timeout: float, environ=None) -> dict:
    """Everything the terminal measures, for the hosts, echo URL and time URL of settings["probe"]."""
    context = context_for(ca_file)
    agent = _user_agent()
    conf = settings["probe"]
    probes = [probe(url, context, timeout, agent) for url in conf["hosts"]]
    time_probe = probe(conf["time_url"], context, timeout, agent) if conf["time_url"] else None
    return {
        "hosts": probes,
        "time": time_probe,
        "clock": _clock(probes, time_probe),
        "websocket": echo(conf["websocket_echo_url"], context, timeout) if conf["websocket_echo_url"] else None,
        "proxy": proxy_variables(os.environ if environ is None else environ),
        "timeout_s": timeout,
    }


def browser_facts(collected: dict) -> dict:
    """The part a browser also sees, in its shape (schemas/facts.schema.json, "connectivity")."""
    hosts = [
        {
            "url": p["url"],
            "ok": p["failed_at"] is None,
            "ms": p["ms"],
            "error": None if p["failed_at"] is None else "timeout" if p["timed_out"] else "network",
        }
        for p in collected["hosts"]
    ]
    ws = collected["websocket"]
    return {
        "connectivity": {
            "hosts": hosts,
            "websocket": {key: ws[key] for key in WEBSOCKET_KEYS} if ws else None,
            "clock": collected["clock"],
        }
    }


def with_overrides(settings: dict, hosts=None, echo_url=None, time_url=None, timeout=None) -> dict:
    """The settings with the command line's hosts, echo URL, time URL and timeout (seconds) in [probe],
    so the findings name what was actually tested."""
    out = copy.deepcopy(settings)
    timeout_ms = None if timeout is None else timeout * 1000
    overrides = {"hosts": hosts, "websocket_echo_url": echo_url, "time_url": time_url, "timeout_ms": timeout_ms}
    for key, value in overrides.items():
        if value is not None:
            out["probe"][key] = value
    return out


def run(settings: dict, ca_file=None, expected_issuers=(), environ=None) -> dict:
    """A report (schemas/report.schema.json) with the terminal's findings and native facts added."""
    timeout = settings["probe"]["timeout_ms"] / 1000
    collected = collect(settings, ca_file, timeout, environ)
    facts = browser_facts(collected)
    judged = [f for f in connectivity.run(facts["connectivity"], settings) if f.id not in BROWSER_ONLY]
    judged = reword(judged, collected, settings)  # the page's words where a terminal knows more
    judged += native_findings(collected, settings, tuple(expected_issuers), ca_file is not None)
    now = datetime.now().astimezone()
    meta = {"at_ms": time.time() * 1000, "offset_min": now.utcoffset().total_seconds() / 60}
    report = document.build(facts, meta=meta, settings=settings)
    return {**report, "findings": [f.to_dict() for f in judged], "native": collected}
