"""Every branch of every finding: the facts in fact_scenarios.py and what they must give."""

from __future__ import annotations

import json
import re

import pytest

from checks import CHECKS
from checks.findings import SCOPES

from .fact_scenarios import SCENARIOS, Scenario

CJK = re.compile(r"[\u4e00-\u9fff]")
# ASCII punctuation touching a Chinese character: Chinese text uses full-width ，。：；（）.
HALF_WIDTH_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]")
# Chinese typesetting puts a space between Chinese and Latin letters or digits.
UNSPACED_LATIN = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]")
# Full-width punctuation carries its own spacing: no space beside it.
SPACE_BY_FULL_WIDTH = re.compile(r"[，。：；！？（）、“”] | [，。：；！？（）、“”]")
# The one Chinese word English text may quote: the dual-engine browsers' own label.
ALLOWED_CJK_IN_EN = {"极速"}


def run_scenario(scenario: Scenario, settings: dict) -> list[dict]:
    scenario.prepare(settings)
    return [f.to_dict() for f in CHECKS[scenario.check].run(scenario.facts, settings, areas=scenario.areas)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_scenario_gives_expected_findings(scenario, settings):
    found = {f["id"]: f for f in run_scenario(scenario, settings)}
    for finding_id, expected in scenario.expect.items():
        status, step, scope = (*expected, None, None)[:3] if isinstance(expected, tuple) else (expected, None, None)
        assert finding_id in found, f"{finding_id} missing; got {sorted(found)}"
        assert found[finding_id]["status"] == status, found[finding_id]["message"]["en"]
        if step:
            assert found[finding_id]["step"] == step
        if scope:
            assert found[finding_id]["scope"] == scope
    for finding_id in scenario.absent:
        assert finding_id not in found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_findings_are_well_formed(scenario, settings):
    findings = run_scenario(scenario, settings)
    ids = [f["id"] for f in findings]
    assert len(ids) == len(set(ids)), "a check must not repeat an id"
    assert json.loads(json.dumps(findings, allow_nan=False)) == findings
    for f in findings:
        assert set(f) == {"id", "check", "status", "title", "message", "fix", "step", "scope", "data"}
        assert f["check"] == scenario.check
        assert f["status"] in ("ok", "warn", "fail", "unknown")
        assert f["scope"] in SCOPES
        # The help site's own tab says nothing about the workstation: at most a tip.
        assert not (f["scope"] == "help-tab" and f["status"] in ("warn", "fail")), f["id"]
        for key in ("title", "message"):
            assert f[key]["zh"].strip() and f[key]["en"].strip(), (f["id"], key)
        if f["status"] != "ok":
            # Anything short of ok must say what to do next, in both languages.
            assert f["fix"]["zh"].strip() and f["fix"]["en"].strip(), f["id"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_wording_follows_each_language(scenario, settings):
    for f in run_scenario(scenario, settings):
        for key in ("title", "message", "fix"):
            zh, en = f[key]["zh"], f[key]["en"]
            assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], key, zh)
            assert not UNSPACED_LATIN.search(zh), (f["id"], key, UNSPACED_LATIN.search(zh), zh)
            assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], key, SPACE_BY_FULL_WIDTH.search(zh), zh)
            assert "  " not in zh and "  " not in en, (f["id"], key)
            leftover = set(CJK.findall(en)) - set("".join(ALLOWED_CJK_IN_EN))
            assert not leftover, (f["id"], key, en)
            if zh and key != "title":  # titles are short lines; sentences end in full-width marks
                assert zh[-1] in "。？！）”", (f["id"], key, zh)
                assert zh[-1] not in ".?!", (f["id"], key, zh)
            if key == "title":
                assert not zh.endswith("。") and not en.endswith("."), (f["id"], zh, en)
            assert en == en.strip(), (f["id"], key)
