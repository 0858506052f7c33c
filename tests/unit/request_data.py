"""Inputs for the support request and report tests: the real form, a filled-in request, typical facts."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path

from .fact_scenarios import OK_HOSTS, UA, UA_DATA, _clock, _ws, background_facts, probe_facts

ROOT = Path(__file__).resolve().parents[2]
# What settings.toml's support.channels holds once the request page adds it (the tests add it
# themselves, and also check the form without it).
CHANNELS = [
    {"id": "web", "zh": "网页聊天", "en": "Web chat"},
    {"id": "app", "zh": "手机 App", "en": "Mobile app"},
    {"id": "wechat-oa", "zh": "微信公众号", "en": "WeChat official account"},
    {"id": "wechat-mp", "zh": "微信小程序", "en": "WeChat mini program"},
    {"id": "weibo", "zh": "微博", "en": "Weibo"},
    {"id": "api", "zh": "API / SDK", "en": "API / SDK"},
]
HOSTILE = ("<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "</textarea><script>alert(1)</script>")


def request_form() -> dict:
    """request_form.toml, as the page sends it (JSON)."""
    with (ROOT / "request_form.toml").open("rb") as fh:
        return json.loads(json.dumps(tomllib.load(fh)))


def with_channels(settings: dict) -> dict:
    out = copy.deepcopy(settings)
    out["support"]["channels"] = copy.deepcopy(CHANNELS)  # the tests name their own choices, whatever the deployment
    return out


def filled_values() -> dict:
    """Every field filled in, each with a value that is easy to find in the outputs."""
    return {
        "account": "agent-4711",
        "workspace": "Northwind Trading",
        "channels": ["web", "wechat-oa"],
        "started": {"local": "2026-11-25T09:30", "offset_min": 480, "zone": "Asia/Shanghai"},
        "duration": {"ongoing": False, "amount": 45, "unit": "minutes"},
        "scope": "some",
        "what_happened": "New chats from the website never ring.\nThe list stays empty until I reload.",
        "expected": "Each new chat rings and shows up in the queue.",
        "steps_tried": ["status-page", "net-websocket"],
        "browser": "Edge 120.0.2210.91",
        "os": "Windows 10/11",
        "client_version": "4.2.1",
        "attachments": [
            {"name": "queue-empty.png", "shows": "the empty queue at 09:41"},
            {"name": "console.log", "shows": "the browser console after a reload"},
        ],
    }


def typical_facts() -> dict:
    """What a full run of the checks page collects on a healthy Windows PC (the probe's facts apart)."""
    return {
        "connectivity": {
            "online": True,
            "connection": {"effectiveType": "4g", "rtt": 50, "downlink": 10, "saveData": False},
            "hosts": copy.deepcopy(OK_HOSTS),
            "websocket": _ws(),
            "clock": _clock(800),
        },
        "notifications": {
            "supported": True,
            "permission": "granted",
            "permission_query": "granted",
            "secure_context": True,
            "audio_state": "running",
            "autoplay_policy": None,
            "user_agent": UA["edge120_win"],
            "answers": {"saw_notification": True, "heard_sound": True, "os_dnd_on": False},
        },
        "browser": {
            "user_agent": UA["edge120_win"],
            "ua_data": copy.deepcopy(UA_DATA["edge_full"]),
            "cookies": True,
            "local_storage": True,
            "indexed_db": True,
            "websocket_supported": True,
            "notification_supported": True,
            "time_zone": "Asia/Shanghai",
            "utc_offset_min": 480,
            "zone_offsets": [{"at": 1_768_000_000_000, "local": 480, "service": 480}],
        },
        "background": background_facts(),
    }


def typical_probe() -> dict:
    return probe_facts()


META = {"at_ms": 1_767_000_000_000, "offset_min": 480, "zone": "Asia/Shanghai"}
