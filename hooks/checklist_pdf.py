"""Checklist PDFs (issue 9; being written)."""

from pathlib import Path


def render(site: Path) -> None:
    return None
