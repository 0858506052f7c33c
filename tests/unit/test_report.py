"""Saved reports: built from facts, read back from JSON, files and share links, judged again, compared."""

from __future__ import annotations

import base64
import copy
import json
import re
import zlib

import jsonschema
import pytest
from referencing import Registry, Resource

from checks import __version__, run_checks
from checks.report import build, compare, encode, judge, link, read, validate
from checks.report.compare import differences, flatten
from checks.report.document import prune

from .fact_scenarios import SCENARIOS, probe_facts
from .request_data import META, ROOT, typical_facts, typical_probe
from .test_branches import HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

SCHEMAS = {
    name: json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    for name in ("report.schema.json", "facts.schema.json")
}


def schema_validator() -> jsonschema.Draft202012Validator:
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in SCHEMAS.items())
    jsonschema.Draft202012Validator.check_schema(SCHEMAS["report.schema.json"])
    return jsonschema.Draft202012Validator(SCHEMAS["report.schema.json"], registry=registry)


def typical(settings, **changes) -> dict:
    facts = typical_facts()
    for path, value in changes.items():
        area, *keys = path.split("__")
        node = facts[area]
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return build(facts, None, typical_probe(), META, settings)


def statuses(findings: list[dict]) -> list[tuple[str, str]]:
    return [(f["id"], f["status"]) for f in findings]


# Building -----------------------------------------------------------------------------------------
def test_a_typical_report(settings):
    report = typical(settings)
    assert list(report) == ["schema", "kind", "at", "zone", "site", "product", "facts", "found"]
    assert report["schema"] == 1 and report["kind"] == "diagnostic-report"
    assert report["at"] == "2025-12-29T17:20:00+08:00" and report["zone"] == "Asia/Shanghai"
    assert report["site"] == __version__ and report["product"] == settings["product_name"]["en"]
    assert report["facts"]["workstation"] == prune(probe_facts())
    assert prune({"a": None, "b": [None, {"c": None}], "d": {"e": None}}) == {"b": [None, {"c": None}], "d": {}}
    assert "null" not in json.dumps({k: v for k, v in report["facts"].items() if k != "connectivity"})
    expected = run_checks(typical_facts() | {"workstation": typical_probe()}, settings)["findings"]
    assert sorted(i for ids in report["found"].values() for i in ids) == sorted(f["id"] for f in expected)
    schema_validator().validate(report)


def test_a_typical_report_fits_in_a_share_link(settings):
    report = typical(settings)
    for lang in ("zh", "en"):
        made = link(report, settings, lang)
        assert made["errors"] == [] and made["length"] == len(made["url"]) <= 2000, made["length"]
        assert made["url"].startswith(
            settings["site_url"].rstrip("/") + ("/en/" if lang == "en" else "/") + "checks.html#report="
        )
        assert re.fullmatch(r"[A-Za-z0-9_-]+", made["url"].split("#report=")[1])
    assert link("{broken", settings)["url"] is None
    settings["site_url"] = "https://help.example/agents"
    assert link(report, settings, "zh")["url"].startswith("https://help.example/agents/checks.html#report=")


def test_build_takes_what_it_is_given_and_no_more(settings):
    report = build(None, None, None, None, None)
    assert report == {"schema": 1, "kind": "diagnostic-report", "site": __version__, "facts": {}, "found": {}}
    odd_meta = {"at_ms": "now", "offset_min": 480, "zone": "<script>"}
    assert "at" not in build({}, None, None, odd_meta, settings) and "zone" not in build(
        {}, None, None, odd_meta, settings
    )
    for meta in ({"at_ms": 1, "offset_min": 20 * 60}, {"at_ms": -1, "offset_min": 0}, {"at_ms": True, "offset_min": 0}):
        assert "at" not in build({}, None, None, meta, settings)
    assert build({}, None, None, {"at_ms": 0, "offset_min": -330}, settings)["at"] == "1969-12-31T18:30:00-05:30"
    assert "product" not in build({}, None, None, None, {"product_name": "Meiqia"})


def test_answers_are_kept_apart_and_judged_with_the_notifications(settings):
    facts = typical_facts()
    facts["notifications"]["answers"] = None
    answers = {"saw_notification": False, "heard_sound": None, "os_dnd_on": True}
    report = build(facts, answers, None, META, settings)
    assert report["answers"] == {"saw_notification": False, "os_dnd_on": True}
    judged = judge(report, settings)
    facts["notifications"]["answers"] = {"saw_notification": False, "os_dnd_on": True}
    assert judged["findings"] == run_checks(facts, settings)["findings"]
    # Without a notifications area the answers are kept but nothing reads them.
    facts.pop("notifications")
    alone = build(facts, answers, None, META, settings)
    assert judge(alone, settings)["findings"] == run_checks(facts, settings)["findings"]
    # An answers value of the wrong shape in the facts gives way to the report's answers.
    odd = build(typical_facts(), answers, None, META, settings)
    odd["facts"]["notifications"]["answers"] = ["yes"]
    assert judge(odd, settings)["ok"] is True
    assert build(typical_facts(), {}, None, META, settings).get("answers") is None


# Round trip -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_round_trip_judges_like_the_run(scenario, settings):
    scenario.prepare(settings)
    facts = scenario.run_facts()
    report = build(copy.deepcopy(facts), None, None, META, settings)
    text = json.dumps(report, ensure_ascii=False)
    checked = validate(text)
    assert checked["ok"] and checked["errors"] == [] and checked["report"] == report
    judged = judge(text, settings)
    expected = run_checks(facts, settings)
    assert statuses(judged["findings"]) == statuses(expected["findings"])
    assert judged["findings"] == expected["findings"] and judged["summary"] == expected["summary"]
    assert judged["changed"] == [] and judged["warnings"] == []
    assert read(link(report, settings)["url"])[0] == report
    if not scenario.off_contract:
        schema_validator().validate(report)


# Reading what is not a readable report -----------------------------------------------------------------
def cut(text: str, at: float) -> str:
    return text[: int(len(text) * at)]


@pytest.fixture
def report_text(settings) -> str:
    return json.dumps(typical(settings), ensure_ascii=False, indent=2)


def code_of(value: dict | str) -> str:
    """A share-link code of any JSON value, or of text that is not UTF-8 (a lone surrogate)."""
    raw = value if isinstance(value, str) else json.dumps(value)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(raw.encode("utf-8", "surrogateescape")) + packer.flush()
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def bad_inputs(report_text: str, settings) -> list[tuple[str, object, str]]:
    report = json.loads(report_text)
    url = link(report, settings)["url"]
    return [
        ("empty", "", "empty"),
        ("blank", " \n\t", "empty"),
        ("huge", "[" + " " * 1_000_001 + "]", "too-large"),
        ("truncated in a value", cut(report_text, 0.5), "truncated"),
        ("truncated at the end", report_text[:-1], "truncated"),
        ("truncated in a string", report_text[: report_text.index('"Asia/') + 4], "truncated"),
        ("malformed", report_text.replace('"facts":', '"facts"', 1), "malformed"),
        ("NaN", report_text.replace('"schema": 1', '"schema": NaN', 1), "malformed"),
        ("trailing text", report_text + "\nthanks!", "malformed"),
        ("a cut share link", url[: len(url) // 2], "link-broken"),
        ("a link with nothing in it", "https://help.example/checks.html#report=%%%", "link-broken"),
        ("a link one character too long", "#report=abcde", "link-broken"),
        ("a link in Chinese", "#report=报告", "link-broken"),
        ("a link that is not deflate", "#report=" + base64.urlsafe_b64encode(b"plain text").decode(), "link-broken"),
        ("a link to something not UTF-8", "#report=" + code_of("\udcff"), "link-broken"),
        ("a link to a foreign object", "#report=" + code_of({"hello": 1}), "foreign"),
        ("foreign object", '{"name": "my-package", "version": "1.0.0"}', "foreign"),
        ("foreign array", "[1, 2, 3]", "foreign"),
        ("foreign string", '"report"', "foreign"),
        ("a support request", json.dumps({"schema": 1, "kind": "support-request"}), "foreign"),
        ("newer schema", json.dumps({**report, "schema": 2}), "newer-schema"),
        ("schema as text", json.dumps({**report, "schema": "1"}), "bad-field"),
        ("schema zero", json.dumps({**report, "schema": 0}), "bad-field"),
        ("schema true", json.dumps({**report, "schema": True}), "bad-field"),
        ("no facts", json.dumps({k: v for k, v in report.items() if k != "facts"}), "bad-field"),
        ("facts a list", json.dumps({**report, "facts": []}), "bad-field"),
        ("time a number", json.dumps({**report, "at": 1767000000000}), "bad-field"),
        ("found a list", json.dumps({**report, "found": ["conn-online"]}), "bad-field"),
        ("found odd status", json.dumps({**report, "found": {"great": ["conn-online"]}}), "bad-field"),
        ("found ids not a list", json.dumps({**report, "found": {"ok": "conn-online"}}), "bad-field"),
        ("a number", 42, "foreign"),
        ("nothing", None, "foreign"),
    ]


def test_every_unreadable_report_gets_its_own_clear_message(report_text, settings):
    seen = set()
    for name, value, code in bad_inputs(report_text, settings):
        report, errors, warnings = read(value)
        assert report is None and warnings == [], name
        assert [e["code"] for e in errors] == [code], (name, errors)
        assert errors[0]["message"]["zh"] and errors[0]["message"]["en"], name
        assert validate(value) == {"ok": False, "report": None, "errors": errors, "warnings": []}
        assert judge(value, settings) == {"ok": False, "errors": errors, "warnings": []}
        seen.add(code)
    assert seen == {
        "empty",
        "too-large",
        "truncated",
        "malformed",
        "link-broken",
        "foreign",
        "newer-schema",
        "bad-field",
    }
    newer = read(json.dumps({"schema": 3, "kind": "diagnostic-report", "facts": {}}))[1][0]["message"]
    assert newer == {
        "zh": "这份报告来自更新版本的网站（格式 3），本站只能读取格式 1：请在更新后的网站上打开。",
        "en": "This report comes from a newer version of the site (format 3); this site reads format 1. Open it on the newer site.",
    }
    assert read(json.dumps({"schema": 1, "kind": "diagnostic-report", "facts": {}, "at": 5}))[1][0]["field"] == "at"


def test_reports_are_read_from_links_codes_and_text(settings, report_text):
    report = json.loads(report_text)
    url = link(report, settings, "en")["url"]
    code = url.split("#report=")[1]
    for value in (url, f"  {url}  ", f"#report={code}", f"report={code}", f"{url}&utm=x", report_text, report):
        assert read(value) == (report, [], []), str(value)[:80]
    assert encode(report) == code


def test_unknown_areas_are_skipped_with_a_warning(settings):
    report = typical(settings)
    report["facts"]["printer"] = {"jammed": True}
    data, errors, warnings = read(report)
    assert data is report and errors == []
    assert [w["code"] for w in warnings] == ["unknown-areas"] and "printer" in warnings[0]["message"]["en"]
    judged = judge(report, settings)
    assert judged["ok"] and [w["code"] for w in judged["warnings"]] == ["unknown-areas"]


# Judging -----------------------------------------------------------------------------------------
def test_judge_says_whose_device_and_when(settings):
    judged = judge(typical(settings), settings)
    assert judged["ok"] and judged["errors"] == []
    assert judged["about"] == {
        "at": "2025-12-29T17:20:00+08:00",
        "zone": "Asia/Shanghai",
        "site": __version__,
        "product": settings["product_name"]["en"],
        "device": True,
        "browser": {"zh": "Edge 120.0.2210.91", "en": "Edge 120.0.2210.91"},
        "os": "Windows 10/11",
        "workstation": {
            "origin": "https://app.meiqia.com",
            "browser": {"zh": "Chrome 120.0.0.0", "en": "Chrome 120.0.0.0"},
            "os": "Windows 10/11",
        },
    }
    assert all(set(f["title"]) == {"zh", "en"} for f in judged["findings"])  # worded in either language


def test_an_older_site_or_another_product_is_said_and_still_judged(settings):
    report = typical(settings)
    report["site"] = "0.9.0"
    report["product"] = "OtherDesk"
    report["found"] = {"ok": ["conn-online", "gone-finding"], "fail": ["conn-hosts"]}
    judged = judge(json.dumps(report), settings)
    assert [w["code"] for w in judged["warnings"]] == ["other-version", "other-product"]
    assert "0.9.0" in judged["warnings"][0]["message"]["zh"] and __version__ in judged["warnings"][0]["message"]["en"]
    assert "OtherDesk" in judged["warnings"][1]["message"]["en"]
    assert judged["changed"] == [{"id": "conn-hosts", "was": "fail", "now": "ok"}]
    no_names = judge(report, {"product_name": None, "site_url": "x"})
    assert [w["code"] for w in no_names["warnings"]] == ["other-version"]
    assert judge(report, None)["ok"] is True


# Compare -----------------------------------------------------------------------------------------
def test_flatten():
    assert flatten({"a": {"b": [{"url": "u", "ok": 1}, {"host": "h", "n": 2}, 7]}, "e": {}, "l": []}) == {
        "a.b[u].url": "u",
        "a.b[u].ok": 1,
        "a.b[h].host": "h",
        "a.b[h].n": 2,
        "a.b[2]": 7,
        "e": {},
        "l": [],
    }
    assert flatten({}) == {"": {}}


def test_compare_two_reports_that_differ_in_one_fact(settings):
    a = typical(settings)
    b = typical(settings, connectivity__websocket__echo_ok=False)
    out = compare([a, json.dumps(b)], settings, ["desk-1.json", "desk-2.json"])
    assert [r["name"] for r in out["loaded"]] == ["desk-1.json", "desk-2.json"] and out["errors"] == []
    assert out["differences"] == [{"path": "connectivity.websocket.echo_ok", "values": [True, False], "measure": False}]
    assert [(row["id"], row["statuses"]) for row in out["changed"]] == [("conn-websocket", ["ok", "fail"])]
    # The row carries the wording of its worst status, in both languages.
    row = out["changed"][0]
    bad = next(f for f in judge(b, settings)["findings"] if f["id"] == "conn-websocket")
    assert row["title"] == bad["title"] and row["step"] == bad["step"]
    assert out["groups"]["one"][0]["id"] == "conn-websocket" and out["groups"]["one"][0]["reports"] == [1]
    assert out["notices"] == []


def test_compare_two_reports_marks_measurements(settings):
    a = typical(settings)
    b = typical(settings, connectivity__websocket__echo_ms=300.0, browser__cookies=1)
    b["facts"]["connectivity"]["hosts"] = b["facts"]["connectivity"]["hosts"][:2]
    found = {d["path"]: d for d in compare([a, b], settings)["differences"]}
    assert found["connectivity.websocket.echo_ms"]["measure"] is True
    assert found["browser.cookies"] == {"path": "browser.cookies", "values": [True, 1], "measure": False}
    gone = "connectivity.hosts[https://h3.example.com/].ok"
    assert found[gone]["values"] == [True, None]
    assert found["connectivity.hosts[https://h3.example.com/].ms"]["measure"] is True


def test_compare_reports_the_answers_that_differ(settings):
    a = build(typical_facts(), {"saw_notification": True}, None, META, settings)
    b = build(typical_facts(), {"saw_notification": False}, None, META, settings)
    assert {d["path"] for d in differences(a, b)} == {"notifications.answers.saw_notification"}


def test_compare_five_reports_groups_what_they_share(settings):
    offline = {"connectivity__online": False}
    reports = [
        typical(settings, **offline, browser__local_storage=False),
        typical(settings, **offline),
        typical(settings, **offline, notifications__permission="denied"),
        typical(settings, **offline),
        typical(settings, **offline, browser__local_storage=False),
    ]
    reports[3]["facts"]["workstation"]["permission"] = "denied"
    out = compare(reports, settings)
    assert len(out["loaded"]) == 5 and "differences" not in out and "changed" not in out
    groups = {spread: {g["id"]: g for g in found} for spread, found in out["groups"].items()}
    assert groups["all"]["conn-online"]["reports"] == [0, 1, 2, 3, 4]
    assert groups["all"]["conn-online"]["kind"] == "network"
    assert "service" in groups["all"]["conn-online"]["hint"]["en"]
    assert groups["some"]["browser-storage"]["reports"] == [0, 4]
    assert groups["some"]["browser-storage"]["kind"] == "device"
    assert groups["one"]["ws-permission"]["reports"] == [3]
    assert groups["one"]["ws-permission"]["hint"]["en"] == "On one report only: a problem of that computer."
    assert not any(g["scope"] in ("settings", "help-tab") for found in out["groups"].values() for g in found)
    assert len(out["table"]) == len({row["id"] for row in out["table"]})
    assert all(len(row["statuses"]) == 5 for row in out["table"])


def test_bad_reports_in_a_batch_get_a_message_each_and_the_rest_compare(settings, report_text):
    good = [typical(settings), typical(settings, connectivity__online=False), report_text]
    bad = [cut(report_text, 0.7), "{oops}", json.dumps({"schema": 9, "kind": "diagnostic-report", "facts": {}}), "[]"]
    out = compare([bad[0], good[0], bad[1], good[1], bad[2], good[2], bad[3]], settings, ["a", None, "   "])
    assert [r["index"] for r in out["loaded"]] == [1, 3, 5]
    assert [(e["index"], e["name"], e["errors"][0]["code"]) for e in out["errors"]] == [
        (0, "a", "truncated"),
        (2, "#3", "malformed"),
        (4, "#5", "newer-schema"),
        (6, "#7", "foreign"),
    ]
    assert out["loaded"][0]["name"] == "#2"
    assert groups_ids(out, "one") == {"conn-online"} and groups_ids(out, "some") == set()


def groups_ids(out: dict, spread: str) -> set[str]:
    return {g["id"] for g in out["groups"][spread]}


def test_compare_needs_two_readable_reports(settings):
    for reports in ([], [typical(settings)], [typical(settings), "{"], "not a list"):
        out = compare(reports, settings)
        assert [n["code"] for n in out["notices"]] == ["too-few"] and "groups" not in out
    # Without settings every check fails inside its isolation: still two reports, compared.
    assert len(compare([typical(settings)] * 2, None)["loaded"]) == 2


# Wording -----------------------------------------------------------------------------------------
def test_report_messages_follow_each_languages_typesetting(settings, report_text):
    messages = [e["message"] for _, value, _ in bad_inputs(report_text, settings) for e in read(value)[1]]
    report = typical(settings)
    report.update(site="0.9.0", product="OtherDesk")
    report["facts"]["printer"] = {}
    messages += [w["message"] for w in judge(report, settings)["warnings"]]
    out = compare([typical(settings, connectivity__online=False)] * 3 + [typical(settings)], settings)
    messages += [n["message"] for n in compare([], settings)["notices"]]
    from checks.report.compare import HINTS

    messages += list(HINTS.values())
    assert out["groups"]["some"]
    for m in messages:
        zh, en = m["zh"], m["en"]
        assert zh[-1] in "。）" and en[-1] in ".)", m
        assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), zh
        assert not UNSPACED_LATIN.search(zh), zh
        assert not SPACE_BY_FULL_WIDTH.search(zh), zh
        assert not re.search(r"[\u4e00-\u9fff]", en), en
