"""Reading the facts JavaScript sends.

A browser may lack an API, or a collector may fail, so every key is optional.
A value of the wrong type counts as missing: the check then says "unknown"
instead of guessing or crashing.
"""

from __future__ import annotations

import math


def flag(facts: dict, key: str) -> bool | None:
    value = facts.get(key)
    return value if isinstance(value, bool) else None


def number(facts: dict, key: str) -> float | None:
    value = facts.get(key)
    # bool is an int in Python, but True is not a measurement.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def choice(facts: dict, key: str, allowed: tuple[str, ...]) -> str | None:
    value = facts.get(key)
    return value if value in allowed else None


def string(facts: dict, key: str) -> str | None:
    value = facts.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def mapping(facts: dict, key: str) -> dict | None:
    value = facts.get(key)
    return value if isinstance(value, dict) else None


def records(facts: dict, key: str) -> list[dict] | None:
    """A list of objects; entries that are not objects are dropped."""
    value = facts.get(key)
    if not isinstance(value, list):
        return None
    return [item for item in value if isinstance(item, dict)]


def notification_permission(facts: dict) -> str | None:
    """Notification.permission, else permissions.query ("prompt" is "default"); when they disagree, the stricter wins."""
    direct = choice(facts, "permission", ("granted", "denied", "default"))
    queried = choice(facts, "permission_query", ("granted", "denied", "prompt"))
    queried = "default" if queried == "prompt" else queried
    if "denied" in (direct, queried):
        return "denied"
    return direct or queried
