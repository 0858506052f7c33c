"""What the background test's finding says, and that it claims nothing the facts do not show."""

from __future__ import annotations

import pytest

from checks import background

from .fact_scenarios import background_facts


def run(settings: dict, facts: dict):
    [finding] = background.run(facts, settings)
    assert finding.id == "bg-throttle" and finding.scope == "browser" and finding.step == "notify-tab-sleep"
    return finding


def test_not_run_says_how_to_run_it(settings):
    finding = run(settings, {})
    assert finding.status == "unknown" and "Start the background test" in finding.fix["en"]
    assert "“开始后台测试”" in finding.fix["zh"]


@pytest.mark.parametrize(
    ("over", "words"),
    [({"discarded": True}, "discarded this page"), ({"froze": True}, "froze this page")],
)
def test_discarded_or_frozen_warns_with_how_to_keep_the_workstation_awake(settings, over, words):
    finding = run(settings, background_facts(**over))
    assert finding.status == "warn" and words in finding.message["en"]
    assert "treats a workstation tab left in the background the same way" in finding.message["en"]
    for fix in ("Memory Saver", "Sleeping tabs", "a window of its own", "desktop client"):
        assert fix in finding.fix["en"]


def test_once_a_minute_is_intensive_throttling(settings):
    facts = background_facts(planned_ms=360_000, hidden_ms=361_000, hidden_ticks=300, max_gap_ms=61_000)
    finding = run(settings, facts)
    assert finding.status == "warn" and finding.data["intensive"] is True
    assert "the longest gap between its timer's runs was 61 seconds" in finding.message["en"]
    assert "once a minute" in finding.message["en"]


def test_once_a_second_is_normal_and_harmless(settings):
    finding = run(settings, background_facts())
    assert finding.status == "ok"
    assert "does not delay messages that arrive over WebSocket" in finding.message["en"]
    # Two minutes cannot show what happens after five: said, not assumed.
    assert "could not show that" in finding.message["en"] and "6 minutes or more" in finding.message["en"]
    long = run(settings, background_facts(hidden_ms=420_000, max_gap_ms=1_200))
    assert long.status == "ok" and "could not show" not in long.message["en"]


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"hidden_ms": 4_000}, "hardly in the background during the test (it was hidden for 4 seconds)"),
        ({"hidden_ms": None}, "hardly in the background during the test, so"),
        ({"completed": False}, "has to be left in the background"),
        ({"max_gap_ms": None}, "recorded no timer gaps"),
    ],
)
def test_what_the_test_did_not_show_stays_unknown(settings, over, words):
    finding = run(settings, background_facts(**over))
    assert finding.status == "unknown" and words in finding.message["en"]


def test_no_tick_while_hidden_is_a_stopped_tab(settings):
    finding = run(settings, background_facts(hidden_ticks=0, max_gap_ms=121_000))
    assert finding.status == "warn" and "did not run once" in finding.message["en"]
