"""Runs the checks on the facts JavaScript collected and shapes one result.

Each check is isolated: if one raises, it becomes a single "unknown" finding and
the others still report. run_json() is the worker's entry point: JSON in, JSON out,
and it never raises, so the page always has something to draw.
"""

from __future__ import annotations

import json

from . import background, browser, connectivity, notifications, workstation
from .findings import STATUSES, Finding, text

# Run and display order of the checks. Each module has run(facts, settings, areas), CHECK,
# SCOPE (what its findings are about unless one says otherwise) and FIRST_STEP.
CHECKS = {
    "connectivity": connectivity,
    "workstation": workstation,
    "notifications": notifications,
    "browser": browser,
    "background": background,
}
INPUT_ERROR_STEP = "net-online"  # where the docs send people when the checks cannot run
# Problems that make the rest moot: offline, nothing that needs the network can be judged. Such a
# finding leads, and what could not be judged is folded under it (findings-view.js draws that).
LEADING_PROBLEMS = ("conn-online",)


def _check_unknown(name: str, title: dict, message: dict, fix: dict, data: dict) -> dict:
    """The one "<check>-error" finding a check gives when it could not judge anything."""
    return Finding(
        id=f"{name}-error",
        check=name,
        status="unknown",
        title=title,
        message=message,
        fix=fix,
        step=CHECKS[name].FIRST_STEP,
        scope=CHECKS[name].SCOPE,
        data=data,
    ).to_dict()


def _error_finding(name: str, exc: BaseException) -> dict:
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return _check_unknown(
        name,
        text("检测出错", "The check failed"),
        text(
            f"这项检测在分析时出错（{detail}），结果未知。",
            f"This check failed while analysing ({detail}), so its result is unknown.",
        ),
        text(
            "请按链接的步骤手动检查，并把这条信息告诉网站维护者。",
            "Follow the linked steps by hand, and pass this message on to the site's maintainers.",
        ),
        {"error_type": type(exc).__name__, "error": str(exc)[:300]},
    )


def _collect_error_finding(name: str, reason: str) -> dict:
    reason = reason[:200]
    return _check_unknown(
        name,
        text("浏览器没能完成这项检测", "The browser could not finish this check"),
        text(
            f"收集这项检测所需的信息时出错或超时（{reason}），结果未知。其他检测不受影响。",
            f"Collecting the facts for this check failed or timed out ({reason}), so its result is unknown. "
            "The other checks are not affected.",
        ),
        text(
            "稍后点击“重新检测”；仍然不行时，请按链接的步骤手动检查。",
            'Press "Run again" in a moment; if it still fails, follow the linked steps by hand.',
        ),
        {"collect_error": reason},
    )


def _run_one(name: str, facts, settings: dict, areas: frozenset) -> list[dict]:
    # The page reports a collector that threw or hung as {"collect_error": reason}.
    if isinstance(facts, dict) and isinstance(facts.get("collect_error"), str):
        return [_collect_error_finding(name, facts["collect_error"])]
    try:
        if not isinstance(facts, dict):
            raise TypeError(f"facts for {name} must be an object, got {type(facts).__name__}")
        found = CHECKS[name].run(facts, settings, areas=areas)
        out = [f.to_dict() for f in found]
        json.dumps(out, allow_nan=False)  # unserialisable data fails here, inside the isolation
        return out
    except Exception as exc:  # noqa: BLE001 - any bug in one check must not hide the others
        return [_error_finding(name, exc)]


def _leading_problem(findings: list[dict]) -> dict | None:
    return next((f for f in findings if f["status"] == "fail" and f.get("id") in LEADING_PROBLEMS), None)


def summarise(findings: list[dict]) -> dict:
    """Counts per status and one line: "1 problem, 2 warnings" or "All clear", then what could not be judged.
    After a leading problem (offline), what could not be judged is folded and the line says why."""
    counts = {status: sum(1 for f in findings if f["status"] == status) for status in STATUSES}
    fails, warns, unknowns = counts["fail"], counts["warn"], counts["unknown"]
    leading = _leading_problem(findings)
    if not findings:
        words = text("没有运行任何检测", "No checks ran")
    else:
        zh, en = [], []
        if fails:
            zh.append(f"{fails} 个问题")
            en.append(f"{fails} problem{'' if fails == 1 else 's'}")
        if warns:
            zh.append(f"{warns} 个注意")
            en.append(f"{warns} warning{'' if warns == 1 else 's'}")
        if not zh and not counts["ok"]:  # "all clear" needs something that was judged fine
            zh.append(f"{unknowns} 项无法判断")
            en.append(f"{unknowns} could not be judged")
        elif not zh:  # unknowns do not spoil "all clear": they are listed apart
            zh.append("全部正常")
            en.append("All clear")
        words = text("，".join(zh), ", ".join(en))
        if leading:
            words = text(
                f"{words['zh']}：{leading['title']['zh']}",
                f"{words['en']}: {leading['title']['en'][0].lower()}{leading['title']['en'][1:]}",
            )
        if unknowns and leading:
            words = text(
                f"{words['zh']}。另有 {unknowns} 项要等联网后才能判断",
                f"{words['en']}. {unknowns} more can only be judged once it is back online",
            )
        elif unknowns and (fails or warns or counts["ok"]):
            words = text(f"{words['zh']}，另有 {unknowns} 项无法判断", f"{words['en']}; {unknowns} could not be judged")
    return {
        "ok": counts["ok"],
        "warn": warns,
        "fail": fails,
        "unknown": unknowns,
        "problems": fails,
        "warnings": warns,
        "text": words,
        "fold_unknowns": leading is not None,
    }


def _selected(facts: dict, only) -> list[str]:
    if isinstance(only, str):
        only = [only]
    wanted = set(only) if isinstance(only, (list, tuple, set)) else None
    # A missing or null area means its collector did not run: skip that check.
    return [name for name in CHECKS if facts.get(name) is not None and (wanted is None or name in wanted)]


def _areas(facts: dict) -> frozenset:
    """The areas this run has facts for (an area whose collector failed has none)."""
    return frozenset(
        name
        for name in CHECKS
        if isinstance(facts.get(name), dict) and not isinstance(facts[name].get("collect_error"), str)
    )


def run_checks(facts: dict, settings: dict, only: list[str] | None = None) -> dict:
    """Runs every check whose facts are present (and that `only` names, if given).

    Each check is told which areas the run has facts for: the notifications check, for
    one, points to the workstation probe only when the run has no probe facts.
    """
    facts = facts if isinstance(facts, dict) else {}
    settings = settings if isinstance(settings, dict) else {}
    areas = _areas(facts)
    findings: list[dict] = []
    for name in _selected(facts, only):
        findings += _run_one(name, facts[name], settings, areas)
    rank = {status: i for i, status in enumerate(STATUSES)}
    leading = _leading_problem(findings)
    # Stable: a check's own order survives; a leading problem comes first of all.
    findings.sort(key=lambda f: (f is not leading, rank[f["status"]]))
    return {"findings": findings, "summary": summarise(findings)}


def _input_error(detail: str) -> dict:
    finding = Finding(
        id="input-error",
        check="runner",
        status="unknown",
        title=text("检测程序收到的数据无效", "The checks received invalid data"),
        message=text(
            f"检测程序无法读取浏览器收集到的信息（{detail}），所以没有得出结果。",
            f"The checks could not read the facts the browser collected ({detail}), so there are no results.",
        ),
        fix=text(
            "刷新页面后再运行一次检测；如果仍然出错，请按本页步骤手动排查。",
            "Reload the page and run the checks again; if it still fails, follow the steps on this page by hand.",
        ),
        step=INPUT_ERROR_STEP,
        scope="browser",
        data={"error": detail},
    ).to_dict()
    return {"findings": [finding], "summary": summarise([finding])}


def run_json(facts_json: str, settings_json: str, only_json: str | None = "null") -> str:
    """The worker's entry point. Invalid JSON gives a result with one "input-error" finding."""
    if only_json is None:  # a caller that left "only" out entirely means "every check"
        only_json = "null"
    parsed = []
    for label, raw in (("facts", facts_json), ("settings", settings_json), ("only", only_json)):
        try:
            parsed.append(json.loads(raw))
        except (TypeError, ValueError) as exc:
            return json.dumps(_input_error(f"{label}: {type(exc).__name__}: {exc}"[:300]), ensure_ascii=False)
    facts, settings, only = parsed
    if not isinstance(facts, dict):
        return json.dumps(_input_error(f"facts: expected an object, got {type(facts).__name__}"), ensure_ascii=False)
    return json.dumps(run_checks(facts, settings, only), ensure_ascii=False)
