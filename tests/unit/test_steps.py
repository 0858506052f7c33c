"""Every finding links to a real step in steps.toml, and every checked step is linked."""

from __future__ import annotations

import pytest

from checks import CHECKS, runner
from hooks.guide_data import ROOT

from .fact_scenarios import SCENARIOS
from .test_branches import run_scenario

# Steps a check links to on purpose although steps.toml files them under another check.
CROSS_LINKS = {
    ("browser", "net-crossborder"),  # the time zone hints at cross-border routing
    # The probe judges the workstation's own tab: its findings lead to the steps about each setting.
    ("workstation", "notify-browser-permission"),
    ("workstation", "notify-shared-pc"),
    ("workstation", "notify-secure"),
    ("workstation", "notify-sound"),
    ("workstation", "notify-tab-sleep"),
    ("workstation", "net-online"),
    ("workstation", "net-hosts"),
    ("workstation", "net-clock"),
    ("background", "notify-tab-sleep"),  # the background test sits under that step
}


@pytest.fixture(scope="module")
def all_findings(settings_source):
    import copy

    return [f for s in SCENARIOS for f in run_scenario(s, copy.deepcopy(settings_source))]


def test_every_step_exists(all_findings, steps):
    known = {st["id"] for st in steps}
    used = {f["step"] for f in all_findings}
    assert used <= known, f"unknown step ids: {sorted(used - known)}"


def test_steps_belong_to_the_check(all_findings, steps):
    check_of = {st["id"]: st.get("check") for st in steps}
    mismatched = {(f["check"], f["step"]) for f in all_findings if check_of[f["step"]] != f["check"]}
    assert mismatched == CROSS_LINKS


def test_every_checked_step_is_linked(all_findings, steps):
    linked = {f["step"] for f in all_findings}
    checked = {st["id"] for st in steps if st.get("check") in CHECKS}
    assert checked - linked == set(), "steps.toml marks these as checked, but no finding links to them"


def test_first_step_of_each_check(steps):
    """A check's first step is one of its own, the one whose text holds its widget (steps are
    ordered by likelihood, so that need not be the first of them)."""
    known = {st["id"] for st in steps}
    for name, module in CHECKS.items():
        own = [st["id"] for st in steps if st.get("check") == name]
        if own:
            assert module.FIRST_STEP in own, name
            pages = list(_pages_with_widget(name))
            assert len(pages) == 2, name  # the widget's page in both languages
            for page in pages:
                text = page.read_text(encoding="utf-8")
                heading = text.rindex("{{ step(", 0, text.index(f'{{{{ checks("{name}") }}}}'))
                assert text.startswith(f'{{{{ step("{module.FIRST_STEP}") }}}}', heading), (name, page.name)
        else:  # the probe and the background test have no steps of their own: the step where each is offered
            assert module.FIRST_STEP in known, name


def _pages_with_widget(name: str):
    return (
        p for p in sorted(ROOT.joinpath("docs").glob("*.md")) if f'{{{{ checks("{name}") }}}}' in p.read_text("utf-8")
    )


def test_runner_fallback_step_exists(steps):
    assert runner.INPUT_ERROR_STEP in {st["id"] for st in steps}
