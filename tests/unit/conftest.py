"""Real inputs for the checks: the site's own settings.toml and steps.toml."""
from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_toml(name: str) -> dict:
    with (ROOT / name).open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="session")
def settings_source() -> dict:
    return load_toml("settings.toml")


@pytest.fixture
def settings(settings_source) -> dict:
    """A fresh copy per test, so a test may change it freely."""
    return copy.deepcopy(settings_source)


@pytest.fixture(scope="session")
def steps() -> list[dict]:
    return load_toml("steps.toml")["step"]
