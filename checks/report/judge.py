"""Judging a saved report with this copy of the site: its checks, its settings, its wording.

judge(report, settings) -> {"ok": True, "findings", "summary" (as run_checks gives them, in both
languages), "about": who and when, "changed": findings whose status differs from the one saved,
"admin", "warnings", "errors": []}, or {"ok": False, "errors": [...], "warnings": []} for a report
that cannot be read (document.read).

"admin": the report's admin checks, [{"key", "label", "at", "findings", "omitted", "summary"}] in a
fixed order, as they were judged when the admin ran them (what the admin entered is not in the
report, so they cannot be judged again). They are about the team's setup, not the device: the
summary's counts stay the device's, and its line adds the admin checks' own after them.
"""

from __future__ import annotations

from ..admin_results import CHECK_KEYS, LABELS, all_findings
from ..findings import text
from ..request.environment import describe
from ..runner import run_checks, summarise
from .document import _site_version, message, read, with_answers


def about(report: dict) -> dict:
    """Whose device and when: for the banner over a shared report (values, not sentences).

    "device": whether the report holds any of a device's facts; without, it is the admin checks'
    results alone (saved before any automatic check ran), and the banner says so."""
    described = describe(report["facts"])
    return {
        "at": report.get("at"),
        "zone": report.get("zone"),
        "site": report.get("site"),
        "product": report.get("product"),
        "device": bool(report["facts"]),
        **described,
    }


def changed(report: dict, findings: list[dict]) -> list[dict]:
    """Findings this site judges differently from the copy that saved the report."""
    was = {fid: status for status, ids in report.get("found", {}).items() for fid in ids if isinstance(fid, str)}
    return [
        {"id": f["id"], "was": was[f["id"]], "now": f["status"]}
        for f in findings
        if was.get(f["id"], f["status"]) != f["status"]
    ]


def _warnings(report: dict, settings: dict) -> list[dict]:
    out = []
    site, here = report.get("site"), _site_version()
    if site and site != here:
        out.append(
            message(
                "other-version",
                f"这份报告由本站的 {site} 版保存，现在按本站 {here} 版的检测重新判断。",
                f"This report was saved by version {site} of the site; it is judged again by this site, version {here}.",
            )
        )
    product = report.get("product")
    names = settings.get("product_name")
    mine = names.get("en") if isinstance(names, dict) else None
    if product and mine and product != mine:
        out.append(
            message(
                "other-product",
                f"这份报告保存自 {product} 的自助网站，本站按自己的设置（{names.get('zh', mine)}）判断。",
                f"This report was saved on the self-help site for {product}; this site judges it with its own "
                f"settings ({mine}).",
            )
        )
    return out


NO_DEVICE = text("没有运行自动检测", "The automatic checks were not run")


def admin_parts(report: dict) -> list[dict]:
    admin = report.get("admin", {})
    return [
        {
            "key": key,
            "label": LABELS[key],
            "at": admin[key]["at"],
            "findings": admin[key]["findings"],
            "omitted": admin[key].get("omitted", 0),
            "summary": summarise(admin[key]["findings"]),
        }
        for key in CHECK_KEYS
        if key in admin
    ]


def with_admin(summary: dict, report: dict) -> dict:
    """The device's summary, its line followed by the admin checks' ("…. Admin checks: 1 problem")."""
    findings = all_findings(report.get("admin", {}))
    if not findings:
        return summary
    own = summarise(findings)
    words = own["text"]
    # No device findings: "No checks ran" would deny the admin checks that follow.
    device = summary["text"] if any(summary[s] for s in ("fail", "warn", "unknown", "ok")) else NO_DEVICE
    line = text(
        f"{device['zh']}。管理员检测：{words['zh']}",
        f"{device['en']}. Admin checks: {words['en'][0].lower()}{words['en'][1:]}",
    )
    counts = {status: own[status] for status in ("fail", "warn", "unknown", "ok")}
    return {**summary, "text": line, "admin": counts}


def judge(report, settings) -> dict:
    settings = settings if isinstance(settings, dict) else {}
    data, errors, warnings = read(report)
    if data is None:
        return {"ok": False, "errors": errors, "warnings": []}
    return judge_document(data, warnings, settings)


def judge_document(data: dict, warnings: list[dict], settings: dict) -> dict:
    """judge() for a report already read."""
    result = run_checks(with_answers(data), settings)
    return {
        "ok": True,
        "findings": result["findings"],
        "summary": with_admin(result["summary"], data),
        "about": about(data),
        "changed": changed(data, result["findings"]),
        "admin": admin_parts(data),
        "warnings": warnings + _warnings(data, settings),
        "errors": [],
    }
