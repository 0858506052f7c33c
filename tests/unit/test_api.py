"""call_json: the worker's second entry point. Only the listed functions; never an exception."""

from __future__ import annotations

import json

import pytest

import checks
from checks.api import CALLS, call_json
from checks.report import build, compare, judge, link, validate
from checks.request import render

from .request_data import META, filled_values, request_form, typical_facts, typical_probe, with_channels


@pytest.fixture
def steps() -> list[dict]:
    from hooks import guide_data

    return guide_data.steps_source()["steps"]


def call(fn: str, **args):
    return json.loads(call_json(fn, json.dumps(args)))


def same(value):
    """What a value looks like after a trip through JSON."""
    return json.loads(json.dumps(value))


def test_the_package_exports_it():
    assert checks.call_json is call_json
    assert sorted(CALLS) == [
        "admin.hours",
        "admin.rules",
        "admin.version",
        "qr.svg",
        "report.build",
        "report.compare",
        "report.judge",
        "report.link",
        "report.validate",
        "request.environment",
        "request.render",
        "session_log.finish",
        "session_log.start",
    ]


def test_each_call_gives_what_the_function_gives(settings, steps):
    site = with_channels(settings)
    form, values = request_form(), filled_values()
    found = checks.run_checks(typical_facts(), site)["findings"]
    got = call("request.render", form=form, values=values, settings=site, steps=steps, findings=found, lang="en")
    assert got == {"result": same(render(form, values, site, steps, found, None, "en"))}
    env = call("request.environment", facts=typical_facts(), lang="en")["result"]
    assert env["values"] == {"browser": "Edge 120.0.2210.91", "os": "Windows 10/11"}
    assert env["describe"]["os"] == "Windows 10/11" and env["describe"]["workstation"] is None
    report = call("report.build", facts=typical_facts(), probe=typical_probe(), meta=META, settings=settings)["result"]
    assert report == same(build(typical_facts(), None, typical_probe(), META, settings))
    assert call("report.validate", report=json.dumps(report)) == {"result": same(validate(report))}
    assert call("report.judge", report=report, settings=settings) == {"result": same(judge(report, settings))}
    two = [report, report]
    assert call("report.compare", reports=two, settings=settings, names=["a", "b"]) == {
        "result": same(compare(two, settings, ["a", "b"]))
    }
    assert call("report.link", report=report, settings=settings, lang="en") == {"result": link(report, settings, "en")}


def error(out: str) -> dict:
    parsed = json.loads(out)
    assert set(parsed) == {"error"}
    err = parsed["error"]
    assert err["message"]["zh"].endswith("。") and err["message"]["en"].endswith(".")
    return err


@pytest.mark.parametrize(
    ("fn", "args", "code"),
    [
        ("report.delete", "{}", "unknown-function"),
        ("__import__", "{}", "unknown-function"),
        (None, "{}", "unknown-function"),
        (["report.judge"], "{}", "unknown-function"),
        ("report.judge", "{report", "bad-json"),
        ("report.judge", "[1, 2]", "bad-json"),
        ("report.judge", '{"report": NaN, "settings": {}}', "bad-json"),
        ("report.judge", None, "bad-json"),
        ("report.judge", "{}", "bad-args"),
        ("report.judge", '{"report": {}, "settings": {}, "extra": 1}', "bad-args"),
        ("request.render", '{"form": {}, "values": {}, "settings": {}, "steps": []}', "form"),
        ("request.render", '{"form": null, "values": {}, "settings": {}, "steps": []}', "form"),
    ],
)
def test_malformed_calls_get_an_error_in_both_languages(fn, args, code):
    err = error(call_json(fn, args))
    assert err["code"] == code and err["detail"]


def test_a_failure_inside_a_function_is_an_error_too(settings, steps):
    # Settings without site_url: the renderer cannot link the steps.
    broken = {k: v for k, v in settings.items() if k != "site_url"}
    args = {"form": request_form(), "values": filled_values(), "settings": broken, "steps": steps}
    err = error(call_json("request.render", json.dumps(args)))
    assert err["code"] == "failed" and "KeyError" in err["detail"]
    assert len(err["detail"]) <= 300


def test_the_admin_checks_answer_through_call_json(settings):
    from checks.admin import hours, rules, version

    got = call("admin.version", text_in="版本 1.2.3 (build 45)", platform="desktop", settings=settings)
    assert got == {"result": same(version.check("版本 1.2.3 (build 45)", "desktop", settings))}
    assert got["result"]["version"] is not None
    schedule = {"weekdays": [1, 2, 3, 4, 5], "windows": ["09:00-18:00"], "time_zone": "UTC+8"}
    now = "2026-11-25T02:00:00Z"
    got = call("admin.hours", schedule=schedule, now_utc_iso=now, settings=settings)
    assert got == {"result": same(hours.check(schedule, now, settings))}
    team = json.dumps({"groups": [{"id": "g", "members": [], "channels": ["web"]}]})
    got = call("admin.rules", text=team, channels=["web"])
    assert got == {"result": same(rules.check(team, None, ["web"]))}
    assert "rules-group-empty" in {f["id"] for f in got["result"]["findings"]}
