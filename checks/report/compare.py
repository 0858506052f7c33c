"""Comparing reports: one device against another, or a team's reports grouped.

compare(reports, settings, names) judges every report with this site (judge.py), so all of them
are worded alike, whichever version saved them. A report that cannot be read gets its own
error, and the others still compare.

Returns {
  "loaded": [{"index", "name", "about", "summary", "warnings"}],   the readable ones, in order
  "errors": [{"index", "name", "errors"}],                          one entry per unreadable one
  "notices": [...],                                                 e.g. fewer than two to compare
  "table": [{"id", "check", "scope", "title", "step", "statuses"}],  every finding, one status per loaded
                                                                    report (null: not judged there)
  "differences": [{"path", "values", "measure"}],                  two reports: the facts that differ
                                                                    (paths like connectivity.websocket.echo_ok;
                                                                    list entries by url or host, else index;
                                                                    an admin finding's status as
                                                                    admin.rules.rules-group-empty, when it ran
                                                                    as admin.rules.at);
                                                                    measure: a time or rate that always varies
  "changed": [table rows whose statuses differ],                   two reports
  "groups": {"all": [...], "some": [...], "one": [...]},            two or more: each finding that is a problem
                                                                    or warning on at least one report, with
                                                                    "reports" (the indexes in "loaded"), "kind"
                                                                    (network, device or team) and "hint" (what the
                                                                    spread suggests), in both languages
}
The admin checks' findings (a report's "admin" part, as judged when they ran) are rows like any other.
"""

from __future__ import annotations

from ..findings import STATUSES, text
from ..request.form import clean_text
from .document import message, read, with_answers
from .judge import judge_document

BAD = ("fail", "warn")
NETWORK_CHECKS = ("connectivity",)
# Settings findings are about this copy of the site, the same for every report; help-tab ones never warn.
SKIPPED_SCOPES = ("settings", "help-tab")
MEASURES = ("ms", "rtt", "downlink", "at", "offset_ms", "since_load_ms", "count", "no_status", "failed", "ticks")
HINTS = {
    ("all", "network"): text(
        "每份报告都有：多半是服务本身，或这些电脑共用的网络（同一个办公网络、代理或 VPN）。",
        "On every report: most likely the service itself, or the network these computers share (the same "
        "office network, proxy or VPN).",
    ),
    ("all", "device"): text(
        "每份报告都有：多半是这些电脑共同的设置，例如统一下发的浏览器策略或系统镜像。",
        "On every report: most likely a setting these computers share, such as a browser policy or system "
        "image rolled out to all of them.",
    ),
    ("some", "network"): text(
        "只在部分报告中出现：多半是这些电脑所在的网络，例如某个办公室、网段或 VPN。",
        "On some reports only: most likely the network those computers are on, such as one office, subnet or VPN.",
    ),
    ("some", "device"): text(
        "只在部分报告中出现：是这几台电脑各自的问题。",
        "On some reports only: a problem of those computers themselves.",
    ),
    ("one", "network"): text(
        "只在一份报告中出现：是这台电脑或它自己的网络连接的问题。",
        "On one report only: that computer or its own network connection.",
    ),
    ("one", "device"): text(
        "只在一份报告中出现：是这台电脑的问题。", "On one report only: a problem of that computer."
    ),
    # Admin checks: the team's setup as each admin entered it, not the computers.
    ("all", "team"): text(
        "每份报告的管理员检测都有：团队的设置（版本、工作时间、分配规则或会话）本身有问题，与电脑无关。",
        "In the admin checks of every report: the team's setup itself (version, working hours, assignment rules "
        "or sessions), not the computers.",
    ),
    ("some", "team"): text(
        "只在部分报告的管理员检测中出现：这些报告检测的团队设置不同，或检测之后设置改过。",
        "In the admin checks of some reports only: those reports checked a different setup, or it changed "
        "between the checks.",
    ),
    ("one", "team"): text(
        "只在一份报告的管理员检测中出现：那次检测的团队设置与其他的不同。",
        "In the admin checks of one report only: the setup checked there differs from the others.",
    ),
}


def _key(item, index: int) -> str:
    if isinstance(item, dict):
        for name in ("url", "host"):
            if isinstance(item.get(name), str):
                return item[name]
    return str(index)


def flatten(value, prefix: str = "") -> dict:
    """{"a": {"b": [{"url": "u", "ok": 1}]}} -> {"a.b[u].ok": 1}; an empty object or list stays a value."""
    if isinstance(value, dict) and value:
        out = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list) and value:
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{_key(item, i)}]"))
        return out
    return {prefix: value}


def _measure(path: str) -> bool:
    return path.rsplit(".", 1)[-1].split("[", maxsplit=1)[0] in MEASURES or path.endswith("_ms")


def admin_values(report: dict) -> dict:
    """{"admin.rules.at": when, "admin.rules.rules-group-empty": "fail", ...}: an admin part, to compare."""
    out = {}
    for key, entry in report.get("admin", {}).items():
        out[f"admin.{key}.at"] = entry["at"]
        out.update({f"admin.{key}.{f['id']}": f["status"] for f in entry["findings"]})
    return out


def differences(a: dict, b: dict) -> list[dict]:
    """The fact paths whose values differ between two reports (the agent's answers as notifications.answers,
    the admin checks' findings as their statuses)."""
    left = {**flatten(with_answers(a)), **admin_values(a)}
    right = {**flatten(with_answers(b)), **admin_values(b)}
    out = []
    for path in sorted(set(left) | set(right)):
        x, y = left.get(path), right.get(path)
        if x != y or isinstance(x, bool) != isinstance(y, bool):
            out.append({"path": path, "values": [x, y], "measure": _measure(path)})
    return out


def _table(judged: list[dict]) -> list[dict]:
    """One row per finding id, with its status on each report; the title and step of its worst status."""
    rank = {status: i for i, status in enumerate(STATUSES)}
    rows: dict[str, dict] = {}
    for i, result in enumerate(judged):
        for f in result["findings"]:
            row = rows.get(f["id"])
            if row is None:
                row = rows[f["id"]] = {"id": f["id"], "statuses": [None] * len(judged), "rank": len(STATUSES)}
            row["statuses"][i] = f["status"]
            if rank[f["status"]] < row["rank"]:
                row.update(rank=rank[f["status"]], check=f["check"], scope=f["scope"], title=f["title"], step=f["step"])
    ordered = sorted(rows.values(), key=lambda row: row["rank"])
    return [{k: row[k] for k in ("id", "check", "scope", "title", "step", "statuses")} for row in ordered]


def groups(table: list[dict], count: int) -> dict:
    out: dict = {"all": [], "some": [], "one": []}
    for row in table:
        if row["scope"] in SKIPPED_SCOPES:
            continue
        bad = [i for i, status in enumerate(row["statuses"]) if status in BAD]
        if not bad:
            continue
        spread = "all" if len(bad) == count else "one" if len(bad) == 1 else "some"
        kind = "team" if row["scope"] == "team" else "network" if row["check"] in NETWORK_CHECKS else "device"
        out[spread].append({**row, "reports": bad, "kind": kind, "hint": HINTS[(spread, kind)]})
    return out


def _name(names, index: int) -> str:
    given = names[index] if isinstance(names, list) and index < len(names) else None
    return clean_text(given, True)[:120] or f"#{index + 1}"


def compare(reports, settings, names=None) -> dict:
    reports = reports if isinstance(reports, list) else []
    settings = settings if isinstance(settings, dict) else {}
    loaded, judged, documents, errors = [], [], [], []
    for index, raw in enumerate(reports):
        name = _name(names, index)
        document, problems, warnings = read(raw)
        if document is None:
            errors.append({"index": index, "name": name, "errors": problems})
            continue
        result = judge_document(document, warnings, settings)
        loaded.append(
            {
                "index": index,
                "name": name,
                "about": result["about"],
                "summary": result["summary"],
                "warnings": result["warnings"],
            }
        )
        # The admin checks' findings as rows of their own, beside the re-judged ones.
        judged.append({"findings": result["findings"] + [f for part in result["admin"] for f in part["findings"]]})
        documents.append(document)
    table = _table(judged)
    out = {"loaded": loaded, "errors": errors, "notices": [], "table": table}
    if len(loaded) < 2:
        out["notices"].append(
            message(
                "too-few",
                "至少需要两份能读取的报告才能比较。",
                "Comparing needs at least two reports that can be read.",
            )
        )
        return out
    if len(loaded) == 2:
        out["differences"] = differences(*documents)
        out["changed"] = [row for row in table if row["statuses"][0] != row["statuses"][1]]
    out["groups"] = groups(table, len(loaded))
    return out
