"""Proxy variables in the environment, any case, with the credentials in their URLs masked."""

from __future__ import annotations

import re

NAMES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
# user:password@ (or user@) right after the scheme, or at the start of a value without one.
USERINFO = re.compile(r"^((?:[A-Za-z][A-Za-z0-9+.-]*://)?)[^/@\s]+@")


def mask(value: str) -> str:
    """http://user:pass@proxy:3128 -> http://***@proxy:3128; anything else unchanged."""
    return USERINFO.sub(r"\1***@", value.strip())


def proxy_variables(environ) -> list[dict]:
    """[{"name": "HTTPS_PROXY", "value": "http://***@proxy:3128"}, ...] in name order, empty ones left out."""
    return [
        {"name": name, "value": mask(value)}
        for name, value in sorted(environ.items())
        if name.lower() in NAMES and value.strip()
    ]
