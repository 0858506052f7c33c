"""run_checks and run_json: isolation, order, summary, and bad input."""

from __future__ import annotations

import json

import pytest

import checks
from checks import CHECKS, Finding, run_checks, run_json
from checks.findings import SCOPES, finding_maker, text
from checks.runner import summarise

from .fact_scenarios import HELP_TAB_DEFAULT, OK_HOSTS, UA, background_facts, probe_facts

GOOD_FACTS = {
    "connectivity": {"online": True, "hosts": OK_HOSTS},
    "workstation": probe_facts(),
    "notifications": {"secure_context": True, "supported": True, "permission": "granted"},
    "browser": {"user_agent": UA["chrome120_win"], "cookies": True},
    "background": background_facts(),
}


def test_package_exports():
    # Display order: the network, the workstation's own tab, notifications, this browser, the background test.
    assert list(checks.CHECKS) == ["connectivity", "workstation", "notifications", "browser", "background"]
    for name, module in checks.CHECKS.items():
        assert name == module.CHECK and module.SCOPE in SCOPES and module.FIRST_STEP
    assert checks.run_checks is run_checks and checks.run_json is run_json and checks.Finding is Finding
    assert isinstance(checks.__version__, str) and checks.__version__
    from checks.browser import parse_browser  # exported for reuse without JavaScript

    assert parse_browser(UA["chrome120_win"], None)["name"] == "chrome"


def test_runs_each_present_check(settings):
    result = run_checks(GOOD_FACTS, settings)
    assert {f["check"] for f in result["findings"]} == set(CHECKS)
    assert json.loads(json.dumps(result, allow_nan=False)) == result


@pytest.mark.parametrize("missing", ["absent", "null"])
def test_missing_area_is_skipped(settings, missing):
    facts = {"connectivity": GOOD_FACTS["connectivity"]}
    if missing == "null":
        facts["browser"] = None
    result = run_checks(facts, settings)
    assert {f["check"] for f in result["findings"]} == {"connectivity"}


def test_empty_area_runs_and_reports_unknowns(settings):
    result = run_checks({"browser": {}}, settings)
    assert result["findings"] and all(f["status"] == "unknown" for f in result["findings"])


@pytest.mark.parametrize(
    ("only", "expected"),
    [
        (None, set(CHECKS)),
        (["browser"], {"browser"}),
        (["browser", "connectivity"], {"browser", "connectivity"}),
        ("notifications", {"notifications"}),
        (["no-such-check"], set()),
        ([], set()),
    ],
)
def test_only_selects_checks(settings, only, expected):
    result = run_checks(GOOD_FACTS, settings, only)
    assert {f["check"] for f in result["findings"]} == expected


def test_a_raising_check_becomes_one_unknown_finding(settings, monkeypatch):
    def broken(facts, settings, areas):
        raise RuntimeError("collector sent nonsense")

    monkeypatch.setattr(CHECKS["notifications"], "run", broken)
    result = run_checks(GOOD_FACTS, settings)
    errors = [f for f in result["findings"] if f["check"] == "notifications"]
    assert len(errors) == 1
    error = errors[0]
    assert error["id"] == "notifications-error" and error["status"] == "unknown"
    assert error["step"] == "notify-browser-permission" and error["scope"] == "browser"
    for lang in ("zh", "en"):
        assert "RuntimeError" in error["message"][lang] and "collector sent nonsense" in error["message"][lang]
    # The other checks still report.
    assert {f["check"] for f in result["findings"]} == set(CHECKS)
    assert any(f["id"] == "conn-hosts" and f["status"] == "ok" for f in result["findings"])


@pytest.mark.parametrize(
    ("name", "step", "scope"),
    [
        ("connectivity", "net-online", "browser"),
        ("browser", "browser-supported", "browser"),
        ("workstation", "notify-browser-permission", "workstation"),
        ("background", "notify-tab-sleep", "browser"),
    ],
)
def test_error_finding_links_to_the_first_step(settings, monkeypatch, name, step, scope):
    monkeypatch.setattr(CHECKS[name], "run", lambda facts, settings, areas: 1 / 0)
    [error] = [f for f in run_checks(GOOD_FACTS, settings)["findings"] if f["check"] == name]
    assert error["id"] == f"{name}-error" and error["step"] == step and error["scope"] == scope
    assert "ZeroDivisionError" in error["message"]["en"]


def test_unserialisable_data_is_isolated_too(settings, monkeypatch):
    make = finding_maker("browser", "browser")
    monkeypatch.setattr(
        CHECKS["browser"],
        "run",
        lambda facts, settings, areas: [
            make(
                "browser-x",
                "ok",
                "browser-supported",
                text("标题", "Title"),
                text("内容。", "Text."),
                data={"x": {1, 2}},
            )
        ],
    )
    result = run_checks(GOOD_FACTS, settings)
    assert [f["id"] for f in result["findings"] if f["check"] == "browser"] == ["browser-error"]
    json.dumps(result)


def test_area_of_the_wrong_type_is_an_error_not_a_crash(settings):
    result = run_checks({"connectivity": [1, 2], "browser": GOOD_FACTS["browser"]}, settings)
    [error] = [f for f in result["findings"] if f["check"] == "connectivity"]
    assert error["id"] == "connectivity-error" and "TypeError" in error["message"]["en"]


def test_order_is_fail_warn_unknown_ok_and_stable(settings):
    facts = {
        "connectivity": {
            "online": True,
            "hosts": [
                {"url": "https://a/", "ok": False, "error": "network"},
                {"url": "https://b/", "ok": True, "ms": 2000},
            ],
        },
        # The probe ran on this deployment's workstation, whatever the product.
        "workstation": probe_facts(
            origin=settings["workstation_url"].rstrip("/"), permission="denied", has_been_active=False
        ),
        "notifications": {"secure_context": True, "permission": "granted", "answers": {"saw_notification": False}},
        "browser": {"user_agent": UA["chrome80_win7"], "cookies": True, "local_storage": True, "indexed_db": True},
        "background": background_facts(discarded=True),
    }
    findings = run_checks(facts, settings)["findings"]
    statuses = [f["status"] for f in findings]
    rank = {"fail": 0, "warn": 1, "unknown": 2, "ok": 3}
    assert statuses == sorted(statuses, key=rank.get)
    assert set(statuses) == {"fail", "warn", "unknown", "ok"}
    # Within one status, checks keep their run order and each check its own order.
    fails = [f["id"] for f in findings if f["status"] == "fail"]
    assert fails == ["conn-host-1", "ws-permission", "notify-test-seen", "browser-version"]
    warns = [f["id"] for f in findings if f["status"] == "warn"]
    assert warns == ["conn-latency", "ws-sound", "bg-throttle"]
    unknowns = [f["id"] for f in findings if f["status"] == "unknown"]
    assert unknowns.index("conn-websocket") < unknowns.index("conn-clock") < unknowns.index("notify-test-heard")
    assert unknowns.index("notify-test-heard") < unknowns.index("browser-private")


def _f(status: str) -> dict:
    return {"status": status}


@pytest.mark.parametrize(
    ("statuses", "counts", "zh", "en"),
    [
        (["ok", "ok"], (2, 0, 0, 0), "全部正常", "All clear"),
        (["ok", "warn"], (1, 1, 0, 0), "1 个注意", "1 warning"),
        (["fail", "warn", "warn", "ok"], (1, 2, 1, 0), "1 个问题，2 个注意", "1 problem, 2 warnings"),
        (
            ["fail", "warn", "ok", "unknown"],
            (1, 1, 1, 1),
            "1 个问题，1 个注意，另有 1 项无法判断",
            "1 problem, 1 warning; 1 could not be judged",
        ),
        (["fail"] * 3, (0, 0, 3, 0), "3 个问题", "3 problems"),
        (
            ["warn"] * 2 + ["unknown"] * 2,
            (0, 2, 0, 2),
            "2 个注意，另有 2 项无法判断",
            "2 warnings; 2 could not be judged",
        ),
        # Unknowns do not spoil "all clear": they are counted apart.
        (["ok", "unknown"], (1, 0, 0, 1), "全部正常，另有 1 项无法判断", "All clear; 1 could not be judged"),
        (["unknown", "unknown"], (0, 0, 0, 2), "2 项无法判断", "2 could not be judged"),
        ([], (0, 0, 0, 0), "没有运行任何检测", "No checks ran"),
    ],
)
def test_summary(statuses, counts, zh, en):
    summary = summarise([_f(s) for s in statuses])
    assert (summary["ok"], summary["warn"], summary["fail"], summary["unknown"]) == counts
    # problems are the failures alone; warnings are counted apart (a warning is not a problem).
    assert summary["problems"] == summary["fail"] and summary["warnings"] == summary["warn"]
    assert summary["text"] == {"zh": zh, "en": en}


def test_run_json_matches_run_checks(settings):
    out = run_json(json.dumps(GOOD_FACTS), json.dumps(settings), json.dumps(["browser"]))
    assert isinstance(out, str)
    assert json.loads(out) == run_checks(GOOD_FACTS, settings, ["browser"])
    assert settings["product_name"]["zh"] in out  # Chinese stays readable in the JSON


def test_run_json_default_only_runs_everything(settings):
    for extra in ((), ("null",), (None,)):  # None: what JavaScript's undefined becomes
        result = json.loads(run_json(json.dumps(GOOD_FACTS), json.dumps(settings), *extra))
        assert {f["check"] for f in result["findings"]} == set(CHECKS)


@pytest.mark.parametrize(
    ("facts_json", "settings_json", "only_json", "where"),
    [
        ("{not json", "{}", "null", "facts"),
        ("", "{}", "null", "facts"),
        ("{}", "[1,", "null", "settings"),
        ("{}", "{}", "[browser]", "only"),
        (None, "{}", "null", "facts"),
        ("[1, 2]", "{}", "null", "facts"),
        ('"text"', "{}", "null", "facts"),
    ],
)
def test_run_json_bad_input_gives_one_input_error(facts_json, settings_json, only_json, where):
    result = json.loads(run_json(facts_json, settings_json, only_json))
    [finding] = result["findings"]
    assert finding["id"] == "input-error" and finding["status"] == "unknown"
    assert finding["step"] == "net-online"
    assert where in finding["message"]["en"] and where in finding["message"]["zh"]
    assert finding["title"]["zh"] and finding["title"]["en"] and finding["fix"]["zh"] and finding["fix"]["en"]
    assert result["summary"]["unknown"] == 1 and result["summary"]["problems"] == 0
    assert result["summary"]["warnings"] == 0


def test_settings_without_their_keys_give_error_findings_not_exceptions():
    # The build validates the settings, so the checks read them without fallbacks. Settings
    # missing their keys are a bug, never a deployment: each check that needs a key then gives
    # one unknown "<check>-error" finding naming it, and the page still has a result to draw.
    for settings in (None, {}, {"probe": "nonsense", "product_name": 3}):
        result = run_checks(GOOD_FACTS, settings)
        json.dumps(result, allow_nan=False)
        assert {f["id"] for f in result["findings"]} == {f"{name}-error" for name in CHECKS}
        assert result["summary"]["unknown"] == len(CHECKS) and result["summary"]["problems"] == 0
    result = json.loads(run_json(json.dumps(GOOD_FACTS), "{}"))
    errors = {f["data"]["error_type"] for f in result["findings"]}
    assert errors == {"KeyError"} and "KeyError" in result["findings"][0]["message"]["en"]


def test_healthy_facts_as_chromium_collects_them_are_all_clear(settings):
    """The shape docs/assets/js/facts.js sends from headless Chromium with default flags and
    permissions: the help site's own permission never asked and its sound suspended until a click.
    Those describe the help site's tab, not the workstation's, so they spoil nothing."""
    service = settings["service_timezone"]
    facts = {
        "connectivity": {
            "online": True,
            "connection": {"effectiveType": "4g", "rtt": 50, "downlink": 10, "saveData": False},
            "hosts": [{"url": h, "ok": True, "ms": 35, "error": None} for h in settings["probe"]["hosts"]],
            "websocket": None,
            "clock": {"source": "http://127.0.0.1:8000/", "offset_ms": 420, "rtt_ms": 3, "error": None},
        },
        "notifications": HELP_TAB_DEFAULT,
        "browser": {
            "user_agent": UA["chrome120_win"],
            "ua_data": {
                "brands": [{"brand": "Chromium", "version": "156"}, {"brand": "Not=A?Brand", "version": "24"}],
                "fullVersionList": [
                    {"brand": "Chromium", "version": "156.0.7000.0"},
                    {"brand": "Not=A?Brand", "version": "24.0.0.0"},
                ],
            },
            "cookies": True,
            "local_storage": True,
            "indexed_db": True,
            "websocket_supported": True,
            "notification_supported": True,
            "time_zone": service or "Asia/Shanghai",
            "utc_offset_min": 480,
            "zone_offsets": [{"at": 1_768_000_000_000, "local": 480, "service": 480 if service else None}],
        },
    }
    result = json.loads(run_json(json.dumps(facts), json.dumps(settings)))
    status = {f["id"]: f["status"] for f in result["findings"]}
    assert not [i for i in status if i.endswith("-error")]
    assert status["conn-hosts"] == "ok" and status["conn-websocket"] == "unknown" and status["conn-clock"] == "ok"
    assert status["notify-test-seen"] == "unknown" and status["notify-probe"] == "unknown"
    assert status["browser-version"] == "ok" and status["browser-private"] == "unknown"
    summary = result["summary"]
    assert summary["problems"] == summary["warnings"] == 0, [(i, s) for i, s in status.items() if s in ("warn", "fail")]
    n = summary["unknown"]
    assert summary["text"] == {"zh": f"全部正常，另有 {n} 项无法判断", "en": f"All clear; {n} could not be judged"}


def test_a_collector_that_failed_reports_unknown_and_the_others_still_run(settings):
    from checks import run_checks

    result = run_checks(
        {"browser": {"collect_error": "timeout after 10000 ms"}, "connectivity": {"online": False}}, settings
    )
    by_id = {f["id"]: f for f in result["findings"]}
    assert by_id["browser-error"]["status"] == "unknown"
    assert "timeout after 10000 ms" in by_id["browser-error"]["message"]["en"]
    assert "timeout after 10000 ms" in by_id["browser-error"]["message"]["zh"]
    assert by_id["browser-error"]["step"] == "browser-supported"
    assert by_id["conn-online"]["status"] == "fail"


def test_offline_leads_and_folds_what_could_not_be_judged(settings, monkeypatch):
    from checks import run_checks, runner

    # Even were the connectivity check to run last, the offline finding leads.
    monkeypatch.setattr(runner, "CHECKS", dict(reversed(list(runner.CHECKS.items()))))
    facts = {
        "connectivity": {"online": False, "hosts": [{"url": "https://a/", "ok": False, "error": "network"}]},
        "browser": {"collect_error": "timeout after 10000 ms"},
        "background": {"collect_error": "timeout after 10000 ms"},
    }
    result = run_checks(facts, settings)
    first = result["findings"][0]
    assert (first["id"], first["status"]) == ("conn-online", "fail")
    summary = result["summary"]
    assert summary["fold_unknowns"] is True
    n = summary["unknown"]
    assert n >= 3
    assert summary["text"] == {
        "zh": f"1 个问题：浏览器处于离线状态。另有 {n} 项要等联网后才能判断",
        "en": f"1 problem: the browser is offline. {n} more can only be judged once it is back online",
    }
    # Online, what could not be judged stays in view.
    facts["connectivity"]["online"] = True
    assert run_checks(facts, settings)["summary"]["fold_unknowns"] is False
