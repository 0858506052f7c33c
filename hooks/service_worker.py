"""Workbox service worker (issue 9; being written)."""

from pathlib import Path


def generate(site: Path) -> None:
    return None
