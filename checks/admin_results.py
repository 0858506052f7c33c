"""The admin checks' last results, as the page keeps them (help.admin.v1, admin-results.js), for the
report and the support request.

An admin part is {check key: {"at": ISO time, "findings": [finding, ...]}} with keys version, hours,
rules and session_log. The findings were judged when the admin ran the check, from what the admin
entered, which is never kept: so they travel as wording (both languages), not as facts, and are
shown as they were judged. Each finding keeps id, check, status, title, message, fix, step and
scope ("team"); its data stays behind (it can be large, and nothing shows it).

- from_storage(value): what this browser stored, made safe to save or send. Anything unreadable
  is dropped, the rest kept: entries whose time is not a time or with no readable finding, findings
  of the wrong shape; texts
  are cut at MAX_TEXT and each check keeps its MAX_FINDINGS worst findings ("omitted": how many
  more there were). Never raises.
- problem(value): why an admin part read from a report is not one (a path like "rules.findings[2].status"),
  None when it is. A report that passes holds nothing from_storage would have changed.
"""

from __future__ import annotations

from datetime import datetime

from .findings import LANGS, STATUSES, text

CHECK_KEYS = ("version", "hours", "rules", "session_log")
LABELS = {
    "version": text("客户端版本", "Client version"),
    "hours": text("工作时间", "Working hours"),
    "rules": text("分配规则", "Assignment rules"),
    "session_log": text("会话记录分析", "Session-log analysis"),
}  # the names the admin checks' boxes carry (strings.toml [admin] *_title)
MAX_FINDINGS = 25  # a check gives a handful; the worst ones are kept
MAX_TEXT = 500  # characters of one title, message or fix in one language
MAX_ID = 80
MAX_AT = 40
KEPT = ("id", "check", "status", "title", "message", "fix", "step", "scope")
SCOPE = "team"


def _time(value) -> bool:
    if not isinstance(value, str) or not value or len(value) > MAX_AT:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _name(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID


def _words(value, cut: bool) -> dict | None:
    """Both languages as strings (cut to MAX_TEXT when cut, else refused when longer); None when not."""
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in LANGS):
        return None
    if cut:
        return {
            lang: value[lang] if len(value[lang]) <= MAX_TEXT else value[lang][: MAX_TEXT - 1] + "…" for lang in LANGS
        }
    if any(len(value[lang]) > MAX_TEXT for lang in LANGS):
        return None
    return {lang: value[lang] for lang in LANGS}


def _finding_problem(f, cut: bool) -> tuple[dict | None, str]:
    """(the finding as kept, "") or (None, the first field at fault)."""
    if not isinstance(f, dict):
        return None, ""
    out = {}
    for name in ("id", "check", "step"):
        if not _name(f.get(name)):
            return None, name
        out[name] = f[name]
    if f.get("status") not in STATUSES:
        return None, "status"
    out["status"] = f["status"]
    if f.get("scope") != SCOPE:
        return None, "scope"
    out["scope"] = SCOPE
    for name in ("title", "message", "fix"):
        words = _words(f.get(name), cut)
        if words is None or (name == "title" and not all(words[lang].strip() for lang in LANGS)):
            return None, name
        out[name] = words
    return {k: out[k] for k in KEPT}, ""


def from_storage(value) -> dict:
    value = value if isinstance(value, dict) else {}
    rank = {status: i for i, status in enumerate(STATUSES)}
    out = {}
    for key in CHECK_KEYS:
        entry = value.get(key)
        if not isinstance(entry, dict) or not _time(entry.get("at")) or not isinstance(entry.get("findings"), list):
            continue
        kept = [f for f in (_finding_problem(f, True)[0] for f in entry["findings"]) if f is not None]
        if not kept:
            continue  # nothing readable: as if the check had not run
        kept.sort(key=lambda f: rank[f["status"]])  # stable: the check's own order within a status
        out[key] = {"at": entry["at"], "findings": kept[:MAX_FINDINGS]}
        if len(kept) > MAX_FINDINGS:
            out[key]["omitted"] = len(kept) - MAX_FINDINGS
    return out


def problem(value) -> str | None:
    if not isinstance(value, dict):
        return ""
    for key, entry in value.items():
        if key not in CHECK_KEYS:
            return str(key)[:MAX_ID]
        if not isinstance(entry, dict) or set(entry) - {"at", "findings", "omitted"}:
            return key
        if not _time(entry.get("at")):
            return f"{key}.at"
        omitted = entry.get("omitted", 1)
        if not isinstance(omitted, int) or isinstance(omitted, bool) or omitted < 1:
            return f"{key}.omitted"
        findings = entry.get("findings")
        if not isinstance(findings, list) or len(findings) > MAX_FINDINGS:
            return f"{key}.findings"
        for i, f in enumerate(findings):
            kept, where = _finding_problem(f, False)
            if kept is None or kept != f:
                return f"{key}.findings[{i}]" + (f".{where}" if where else "")
    return None


def all_findings(admin: dict) -> list[dict]:
    """Every finding of an admin part, in the order of CHECK_KEYS."""
    return [f for key in CHECK_KEYS if key in admin for f in admin[key]["findings"]]
