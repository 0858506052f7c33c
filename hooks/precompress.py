""".gz files beside large assets (issue 9; being written)."""

from pathlib import Path


def write(site: Path) -> None:
    return None
