"""The Finding type: validation and its JSON form."""

from __future__ import annotations

import json

import pytest

from checks.findings import Finding, finding_maker, text


def make(**over) -> Finding:
    fields = dict(
        id="x-1",
        check="browser",
        status="ok",
        title=text("标题", "Title"),
        message=text("内容。", "Text."),
        fix=text("", ""),
        step="browser-supported",
        scope="browser",
    )
    return Finding(**{**fields, **over})


def test_to_dict_is_plain_json_and_a_copy():
    finding = make(data={"n": 1})
    out = finding.to_dict()
    assert out == {
        "id": "x-1",
        "check": "browser",
        "status": "ok",
        "title": {"zh": "标题", "en": "Title"},
        "message": {"zh": "内容。", "en": "Text."},
        "fix": {"zh": "", "en": ""},
        "step": "browser-supported",
        "scope": "browser",
        "data": {"n": 1},
    }
    out["title"]["zh"] = "changed"
    out["data"]["n"] = 2
    assert finding.title["zh"] == "标题" and finding.data == {"n": 1}
    json.dumps(out)


@pytest.mark.parametrize(
    "over",
    [
        {"status": "error"},
        {"status": None},
        {"title": {"zh": "只有中文"}},
        {"message": "plain string"},
        {"fix": None},
        {"step": ""},
        {"scope": "page"},
        {"scope": None},
        {"scope": "help-tab", "status": "warn"},
        {"scope": "help-tab", "status": "fail"},
    ],
)
def test_invalid_findings_are_refused(over):
    with pytest.raises(ValueError, match="finding"):
        make(**over)


def test_maker_fills_check_and_defaults():
    make_finding = finding_maker("connectivity", "browser")
    finding = make_finding("conn-x", "warn", "net-online", text("标题", "T"), text("内容。", "M."))
    assert finding.check == "connectivity" and finding.scope == "browser"
    assert finding.fix == {"zh": "", "en": ""} and finding.data == {}
    other = make_finding("conn-y", "unknown", "net-online", text("标题", "T"), text("内容。", "M."), scope="settings")
    assert other.scope == "settings"


def test_help_tab_findings_may_be_a_tip():
    assert make(scope="help-tab", status="unknown").to_dict()["scope"] == "help-tab"
    assert make(scope="help-tab", status="ok").scope == "help-tab"
