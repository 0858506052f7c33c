"""The admin checks' results in a saved report: kept from what the page stored (help.admin.v1) as far
as it is readable, read back strictly, shown as judged when they ran, summed up after the device's
summary, and compared like any other finding."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from checks import admin_results
from checks.admin import rules, version
from checks.report import build, compare, judge, link, read
from checks.report.compare import differences
from checks.report.document import MAX_BYTES, MAX_CODE

from .request_data import META, typical_facts, typical_probe
from .test_report import schema_validator

AT = "2026-11-26T02:30:50.123Z"
RULES = {
    "groups": [{"id": "sales", "members": ["amy"], "channels": ["wechat_oa"]}, {"id": "night", "members": []}],
    "members": [{"id": "amy", "status": "online"}],
    "rules": [{"channel": "web", "group": "night"}],
}


def defect_settings(settings: dict) -> dict:
    out = copy.deepcopy(settings)
    out["client"]["min_version"] = "3.0"
    out["client"]["known_defects"] = [
        {"version": "2.5.1", "note": {"zh": "新会话不推送", "en": "New chats are not pushed"}}
    ]
    return out


def stored(settings: dict) -> dict:
    """help.admin.v1's checks, as admin-checks.js saves them: Finding.to_dict() with its data."""
    found_version = version.check("Version 2.5.1 (build 7)", "desktop", defect_settings(settings))["findings"]
    return {
        "version": {"at": AT, "findings": found_version},
        "rules": {"at": "2026-11-26T02:31:00.000Z", "findings": rules.check(json.dumps(RULES))["findings"]},
    }


def with_admin(settings: dict, admin=None) -> dict:
    return build(
        typical_facts(), None, typical_probe(), META, settings, admin if admin is not None else stored(settings)
    )


def test_a_report_keeps_the_admin_findings_without_their_data(settings):
    admin = stored(settings)
    report = with_admin(settings, admin)
    assert list(report["admin"]) == ["version", "rules"]
    assert report["admin"]["version"]["at"] == AT
    ids = [f["id"] for f in report["admin"]["rules"]["findings"]]
    assert "rules-group-empty" in ids
    for key, entry in report["admin"].items():
        assert [f["id"] for f in entry["findings"]] == [f["id"] for f in admin[key]["findings"]]
        for kept, given in zip(entry["findings"], admin[key]["findings"], strict=True):
            assert list(kept) == list(admin_results.KEPT)
            assert kept == {k: given[k] for k in admin_results.KEPT}  # the data stays behind
    assert "client-version-defect" in {f["id"] for f in report["admin"]["version"]["findings"]}
    schema_validator().validate(report)
    assert read(json.dumps(report, ensure_ascii=False)) == (report, [], [])
    # Without admin results (or with none readable) the report is as before.
    assert "admin" not in build(typical_facts(), None, None, META, settings)
    assert "admin" not in build(typical_facts(), None, None, META, settings, {"rules": "x"})


@pytest.mark.parametrize(
    "stored_value",
    [
        None,
        "not an object",
        [],
        {"rules": None},
        {"rules": {"at": "yesterday", "findings": []}},
        {"rules": {"at": AT, "findings": "many"}},
        {"rules": {"at": 5, "findings": []}},
        {"rules": {"at": "", "findings": []}},
        {"rules": {"at": "2026-11-26T02:30:50.123Z" + "0" * 40, "findings": []}},
        {"printer": {"at": AT, "findings": []}},
        {"rules": {"at": AT, "findings": ["x", {"id": 1}]}},
    ],
)
def test_unreadable_storage_adds_nothing(settings, stored_value):
    report = build(typical_facts(), None, None, META, settings, stored_value)
    assert "admin" not in report and report["facts"]  # the rest of the report is whole


def test_odd_findings_are_dropped_and_long_ones_cut(settings):
    good = stored(settings)["rules"]["findings"][0]
    odd = [
        "text",
        {**good, "status": "great"},
        {**good, "scope": "browser"},
        {**good, "id": ""},
        {**good, "step": "x" * 81},
        {**good, "title": {"zh": "  ", "en": "A"}},
        {**good, "message": {"zh": "只有中文"}},
        {**good, "fix": None},
        {**good, "check": 7},
    ]
    long = {**good, "id": "long", "message": {"zh": "长" * 900, "en": "<b>" * 400}}
    report = with_admin(settings, {"rules": {"at": AT, "findings": [*odd, long, good]}})
    kept = report["admin"]["rules"]["findings"]
    assert [f["id"] for f in kept] == ["long", good["id"]]
    assert len(kept[0]["message"]["zh"]) == admin_results.MAX_TEXT and kept[0]["message"]["zh"].endswith("…")
    assert kept[0]["message"]["en"] == ("<b>" * 400)[: admin_results.MAX_TEXT - 1] + "…"
    assert read(report)[0] is report


def noise(seed: int, size: int) -> str:
    """Text that does not compress, as long findings about many agents' names would not."""
    out = ""
    while len(out) < size:
        out += hashlib.sha256(f"{seed}/{len(out)}".encode()).hexdigest()
    return out[:size]


def test_a_huge_store_keeps_the_worst_findings_and_still_fits(settings):
    good = stored(settings)["rules"]["findings"][0]
    many = [
        {
            **good,
            "id": f"r{i}",
            "status": "ok" if i % 3 else "fail",
            "message": {"zh": "长" * 5000, "en": noise(i, 9000)},
            "fix": {"zh": noise(-i, 600), "en": noise(i + 5000, 600)},
        }
        for i in range(5000)
    ]
    admin = {key: {"at": AT, "findings": many} for key in admin_results.CHECK_KEYS}
    report = with_admin(settings, admin)
    for key in admin_results.CHECK_KEYS:
        entry = report["admin"][key]
        assert (
            len(entry["findings"]) == admin_results.MAX_FINDINGS
            and entry["omitted"] == 5000 - admin_results.MAX_FINDINGS
        )
        assert {f["status"] for f in entry["findings"]} == {"fail"}  # the worst first
    schema_validator().validate(report)
    text = json.dumps(report, ensure_ascii=False)
    assert len(text.encode("utf-8")) < MAX_BYTES and read(text)[0] == report
    # Too large for a link that opens: no link, a clear message (report.js says the same).
    made = link(report, settings, "en")
    assert made["url"] is None and made["length"] > MAX_CODE
    assert [e["code"] for e in made["errors"]] == ["too-long"] and "Save report" in made["errors"][0]["message"]["en"]
    assert link(with_admin(settings), settings, "zh")["url"] is not None  # typical admin findings fit


def bad_admin_parts(settings: dict) -> list[tuple[object, str]]:
    entry = with_admin(settings)["admin"]["rules"]
    finding = entry["findings"][0]

    def one(**changes):
        return {"rules": {**entry, "findings": [{**finding, **changes}]}}

    return [
        ("a list", "admin"),
        ({"printer": entry}, "admin.printer"),
        ({"<img src=x>" * 20: entry}, "admin." + ("<img src=x>" * 20)[: admin_results.MAX_ID]),
        ({"rules": []}, "admin.rules"),
        ({"rules": {**entry, "script": 1}}, "admin.rules"),
        ({"rules": {**entry, "at": "soon"}}, "admin.rules.at"),
        ({"rules": {**entry, "omitted": 0}}, "admin.rules.omitted"),
        ({"rules": {**entry, "omitted": True}}, "admin.rules.omitted"),
        ({"rules": {**entry, "findings": {}}}, "admin.rules.findings"),
        ({"rules": {**entry, "findings": [finding] * 26}}, "admin.rules.findings"),
        ({"rules": {**entry, "findings": ["x"]}}, "admin.rules.findings[0]"),
        (one(status="great"), "admin.rules.findings[0].status"),
        (one(scope="browser"), "admin.rules.findings[0].scope"),
        (one(message={"zh": "长" * 501, "en": "x"}), "admin.rules.findings[0].message"),
        (one(title={"zh": "", "en": ""}), "admin.rules.findings[0].title"),
        (one(id=["x"]), "admin.rules.findings[0].id"),
        (one(data={"groups": ["night"]}), "admin.rules.findings[0]"),
        (one(message={"zh": "中", "en": "e", "fr": "f"}), "admin.rules.findings[0]"),
    ]


def test_a_report_with_a_bad_admin_part_gets_a_clear_message(settings):
    report = with_admin(settings)
    for admin, field in bad_admin_parts(settings):
        value = json.dumps({**report, "admin": admin})
        data, errors, _ = read(value)
        assert data is None and [(e["code"], e["field"]) for e in errors] == [("bad-field", field)], field
        assert field in errors[0]["message"]["en"] and field in errors[0]["message"]["zh"]
        assert judge(value, settings)["ok"] is False
        # One bad report in a batch: the others still compare.
        out = compare([report, value, report], settings)
        assert len(out["loaded"]) == 2 and out["errors"][0]["index"] == 1
    assert admin_results.problem("x") == ""
    assert read({**report, "admin": {}})[0] is not None  # an empty admin part is no harm


def test_judge_shows_the_admin_findings_apart_as_judged_then(settings):
    report = with_admin(settings)
    judged = judge(report, settings)
    device = judge(build(typical_facts(), None, typical_probe(), META, settings), settings)
    assert judged["findings"] == device["findings"]  # the device's findings, judged again, alone
    assert [p["key"] for p in judged["admin"]] == ["version", "rules"]
    version_part = judged["admin"][0]
    assert version_part["label"] == {"zh": "客户端版本", "en": "Client version"}
    assert version_part["at"] == AT and version_part["omitted"] == 0
    assert version_part["findings"] == report["admin"]["version"]["findings"]
    assert version_part["summary"]["fail"] >= 1
    # The summary: the device's counts, its line followed by the admin checks'.
    counts = {k: device["summary"][k] for k in ("ok", "warn", "fail", "unknown", "problems", "warnings")}
    assert {k: judged["summary"][k] for k in counts} == counts
    admin_fails = sum(1 for p in judged["admin"] for f in p["findings"] if f["status"] == "fail")
    assert judged["summary"]["admin"]["fail"] == admin_fails >= 2
    assert judged["summary"]["text"]["zh"].startswith(
        f"{device['summary']['text']['zh']}。管理员检测：{admin_fails} 个问题"
    )
    assert judged["summary"]["text"]["en"].startswith(
        f"{device['summary']['text']['en']}. Admin checks: {admin_fails} problems"
    )
    assert "admin" not in device["summary"] and device["admin"] == []
    # All clear in the admin checks reads as a phrase after the colon.
    fine = [f for f in report["admin"]["rules"]["findings"] if f["status"] == "ok"] or [
        {**report["admin"]["rules"]["findings"][0], "status": "ok"}
    ]
    clear = judge({**report, "admin": {"rules": {"at": AT, "findings": fine}}}, settings)
    assert clear["summary"]["text"]["en"].endswith(". Admin checks: all clear")
    assert clear["summary"]["text"]["zh"].endswith("。管理员检测：全部正常")
    # An admin part with no findings adds nothing to the line.
    empty = judge({**report, "admin": {"rules": {"at": AT, "findings": []}}}, settings)
    assert empty["summary"] == device["summary"] and [p["key"] for p in empty["admin"]] == ["rules"]


def test_an_admin_only_report(settings):
    report = build({}, None, None, META, settings, stored(settings))
    assert report["facts"] == {} and report["found"] == {}
    judged = judge(report, settings)
    assert judged["findings"] == [] and len(judged["admin"]) == 2
    # Said as it is: no automatic check ran (not "no checks ran", with the admin checks right after).
    assert judged["summary"]["text"]["en"].startswith("The automatic checks were not run. Admin checks: 3 problems")
    assert judged["summary"]["text"]["zh"].startswith("没有运行自动检测。管理员检测：3 个问题")
    # The banner knows there is no device to describe.
    assert judged["about"]["device"] is False and judged["about"]["browser"] is None
    assert judge(with_admin(settings), settings)["about"]["device"] is True
    assert judge(build({}, None, typical_probe(), META, settings), settings)["about"]["device"] is True


def test_compare_treats_admin_findings_like_the_others(settings):
    a = with_admin(settings)
    fixed = copy.deepcopy(RULES)
    fixed["groups"][1]["members"] = ["amy"]
    b_admin = stored(settings)
    b_admin["rules"] = {"at": "2026-11-27T08:00:00.000Z", "findings": rules.check(json.dumps(fixed))["findings"]}
    b = with_admin(settings, b_admin)
    out = compare([a, b], settings, ["before", "after"])
    rows = {row["id"]: row for row in out["table"]}
    assert rows["rules-group-empty"]["statuses"] == ["fail", None]
    assert rows["rules-group-empty"]["scope"] == "team"
    assert rows["client-version-defect"]["statuses"] == ["fail", "fail"]
    assert "rules-group-empty" in {row["id"] for row in out["changed"]}
    found = {d["path"]: d for d in out["differences"]}
    assert found["admin.rules.rules-group-empty"] == {
        "path": "admin.rules.rules-group-empty",
        "values": ["fail", None],
        "measure": False,
    }
    assert found["admin.rules.at"]["measure"] is True
    assert "admin.version.client-version-defect" not in found  # the same on both
    assert {d["path"] for d in differences(a, a)} == set()
    # Several reports: a team finding is grouped as the team's, with its own hint.
    plain = build(typical_facts(), None, typical_probe(), META, settings)
    out = compare([a, a, plain], settings)
    some = {g["id"]: g for g in out["groups"]["some"]}
    assert some["rules-group-empty"]["kind"] == "team" and some["rules-group-empty"]["reports"] == [0, 1]
    assert "setup" in some["rules-group-empty"]["hint"]["en"]
    assert "管理员检测" in out["loaded"][0]["summary"]["text"]["zh"]
