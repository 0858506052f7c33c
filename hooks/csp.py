"""Content-Security-Policy meta in every page (issue 9; being written)."""

from pathlib import Path


def apply(site: Path) -> None:
    return None
