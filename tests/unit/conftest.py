"""Real inputs for the checks: the site's own settings.toml and steps.toml."""

from __future__ import annotations

import copy

import pytest

from hooks import guide_data


@pytest.fixture(scope="session")
def settings_source() -> dict:
    return guide_data.settings()


@pytest.fixture
def settings(settings_source) -> dict:
    """A fresh copy per test, so a test may change it freely."""
    return copy.deepcopy(settings_source)


@pytest.fixture(scope="session")
def steps() -> list[dict]:
    return guide_data.steps_source()["steps"]
