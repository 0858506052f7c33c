"""A saved diagnostic report: built from facts, read back from JSON, a file or a share link.

A report carries facts, not wording (schemas/report.schema.json, "schema": 1):
    {"schema": 1, "kind": "diagnostic-report",
     "at": "2026-11-25T09:30:00+08:00", "zone": "Asia/Shanghai",   time saved, with its UTC offset
     "site": "1.0.0", "product": "Meiqia",                         the site version and product that saved it
     "facts": {area: facts, ...},                                  as in schemas/facts.schema.json; the probe's
                                                                   facts are the "workstation" area
     "answers": {...},                                             the agent's answers (notifications.answers)
     "found": {"fail": [ids], "warn": [...], "unknown": [...], "ok": [...]},
                                                                   the findings at save time, for compare
     "admin": {"rules": {"at": ISO time, "findings": [...]}, ...}} optional: the admin checks' last results
                                                                   (checks/admin_results.py), as judged then
Nulls in the facts' objects are dropped (null and absent both mean "not collected"), so a typical
report stays small enough for a link. Any copy of the site re-judges the facts (judge.py), in
the reader's language.

read(value) takes the report as a dict, as JSON text, or as a share link (…#report=<base64url of
the raw-deflated JSON>, or the bare code) and gives (report, errors, warnings); each message
has a code and both languages: empty, too-large, link-broken, truncated, malformed, foreign
(JSON that is not a report), newer-schema, bad-field (with the field's path: "admin.rules.findings[0].status").
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from datetime import datetime, timedelta, timezone

from .. import admin_results
from ..findings import STATUSES, text
from ..runner import CHECKS

SCHEMA = 1
KIND = "diagnostic-report"
MAX_BYTES = 1_000_000  # a report is a few KB; anything near this is not one
LINK_KEY = "report="
MAX_CODE = 65536  # report.js refuses to open a link with a longer code (a typical one is under 2,000)
ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$")


def message(code: str, zh: str, en: str, **extra) -> dict:
    return {"code": code, "message": text(zh, en), **extra}


def _site_version() -> str:
    from .. import __version__  # read at call time: checks/__init__.py sets it after importing this package

    return __version__


def prune(value):
    """The facts without nulls in objects (null and absent mean the same: not collected).

    Entries of lists are kept whole: their keys may be required, with null as a value
    (zone_offsets' service)."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None}
    return value


def iso_time(at_ms, offset_min) -> str | None:
    """Epoch milliseconds and minutes east of UTC -> "2026-11-25T09:30:00+08:00"; None when either is unusable."""
    numbers = [v for v in (at_ms, offset_min) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) != 2 or abs(offset_min) > 18 * 60 or not 0 <= at_ms <= 100_000_000_000_000:
        return None
    zone = timezone(timedelta(minutes=round(offset_min)))
    return datetime.fromtimestamp(at_ms / 1000, zone).isoformat(timespec="seconds")


def found_at_save(findings: list[dict]) -> dict:
    """The finding ids by status, statuses with none left out."""
    out = {status: [f["id"] for f in findings if f["status"] == status] for status in STATUSES}
    return {status: ids for status, ids in out.items() if ids}


def build(facts, answers=None, probe=None, meta=None, settings=None, admin=None) -> dict:
    """A report from one run: its facts, the agent's answers, the probe's facts and when.

    meta: {"at_ms": epoch milliseconds, "offset_min": minutes east of UTC, "zone": IANA name};
    the page's clock when the report is saved. settings: this site's, for the product name and
    the findings at save time. admin: the admin checks' results as this browser keeps them
    (loadAdminResults()), kept as far as they are readable (admin_results.from_storage).
    """
    from ..runner import run_checks

    facts = prune(facts) if isinstance(facts, dict) else {}
    if isinstance(probe, dict):
        facts["workstation"] = prune(probe)
    meta = meta if isinstance(meta, dict) else {}
    settings = settings if isinstance(settings, dict) else {}
    report: dict = {"schema": SCHEMA, "kind": KIND}
    at = iso_time(meta.get("at_ms"), meta.get("offset_min"))
    if at:
        report["at"] = at
    zone = meta.get("zone")
    if isinstance(zone, str) and ZONE.match(zone):
        report["zone"] = zone
    report["site"] = _site_version()
    product = settings.get("product_name")
    if isinstance(product, dict) and isinstance(product.get("en"), str):
        report["product"] = product["en"]
    report["facts"] = facts
    answers = prune(answers) if isinstance(answers, dict) else {}
    if answers:
        report["answers"] = answers
    report["found"] = found_at_save(run_checks(with_answers(report), settings)["findings"])
    admin = admin_results.from_storage(admin)
    if admin:
        report["admin"] = admin
    return report


def with_answers(report: dict) -> dict:
    """The facts to judge: the report's, with the agent's answers where the checks read them."""
    facts = dict(report["facts"])
    answers = report.get("answers")
    notifications = facts.get("notifications")
    if answers and isinstance(notifications, dict) and "collect_error" not in notifications:
        given = notifications.get("answers")
        facts["notifications"] = {**notifications, "answers": {**(given if isinstance(given, dict) else {}), **answers}}
    return facts


# Reading ---------------------------------------------------------------------------------------
def _link_code(value: str) -> str | None:
    """The base64url code of a share link (…#report=CODE, or report=CODE), else None."""
    at = value.rfind(LINK_KEY)
    if at < 0:
        return None
    return value[at + len(LINK_KEY) :].split("&", maxsplit=1)[0].strip()


def _inflate(code: str) -> str:
    """base64url of raw deflate -> text. Raises ValueError for a code that is cut off or damaged."""
    try:
        packed = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc
    inflater = zlib.decompressobj(-15)
    try:
        raw = inflater.decompress(packed, MAX_BYTES)
    except zlib.error as exc:
        raise ValueError("not deflate") from exc
    if not inflater.eof:
        raise ValueError("cut off")
    return raw.decode("utf-8")


def encode(report: dict) -> str:
    """The share-link code of a report: its compact JSON, raw-deflated, base64url without padding."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(packer.compress(raw) + packer.flush()).decode("ascii").rstrip("=")


def link(report, settings: dict, lang: str = "zh") -> dict:
    """The share link for a report: the checks page of this site, in that language, with the report in the fragment.

    A report too large for a link that opens (long admin findings, say) gets no link but an error."""
    report, errors, _ = read(report)
    if report is None:
        return {"url": None, "errors": errors}
    base = settings["site_url"] if settings["site_url"].endswith("/") else settings["site_url"] + "/"
    code = encode(report)
    url = f"{base}{'en/' if lang == 'en' else ''}checks.html#{LINK_KEY}{code}"
    if len(code) > MAX_CODE:
        return {"url": None, "length": len(url), "errors": [too_long_for_link()]}
    return {"url": url, "length": len(url), "errors": []}


def too_long_for_link() -> dict:
    return message(
        "too-long",
        "这份报告太大，放不进分享链接：请改用“保存报告”，把文件发给对方。",
        'This report is too large for a share link: use "Save report" and send the file instead.',
    )


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _parse(value) -> tuple[object, dict | None]:
    """JSON text, a share link or a dict -> (the parsed value, or None and the error)."""
    if not isinstance(value, str):
        return value, None
    stripped = value.strip()
    if not stripped:
        return None, message("empty", "内容是空的，里面没有报告。", "It is empty: there is no report in it.")
    if len(stripped.encode("utf-8")) > MAX_BYTES:
        return None, message(
            "too-large", "内容太大，不是本站保存的报告。", "It is far too large to be a report saved by this site."
        )
    code = _link_code(stripped) if not stripped.startswith("{") else None
    if code is not None:
        try:
            stripped = _inflate(code)
        except (ValueError, UnicodeDecodeError):
            return None, message(
                "link-broken",
                "分享链接不完整或已损坏：请复制完整的链接，或请对方发送报告文件。",
                "The share link is cut off or damaged: copy the whole link, or ask for the report file instead.",
            )
    try:
        return json.loads(stripped, parse_constant=_no_constant), None
    except ValueError as exc:
        pos = getattr(exc, "pos", 0)
        if pos >= len(stripped.rstrip()) or str(exc).startswith("Unterminated string"):
            return None, message(
                "truncated",
                "报告不完整，像是在中途被截断了：请重新下载或复制完整的报告。",
                "The report is incomplete, as if cut off part-way: download or copy the whole report again.",
            )
        return None, message(
            "malformed",
            "这不是有效的 JSON，报告可能被改动或损坏了。",
            "This is not valid JSON: the report may have been edited or damaged.",
        )


FIELD_TYPES = {
    "at": str,
    "zone": str,
    "site": str,
    "product": str,
    "facts": dict,
    "answers": dict,
    "found": dict,
    "admin": dict,
}


def _bad_field(name: str) -> dict:
    return message(
        "bad-field",
        f"报告中的“{name}”格式不对，报告可能被改动或损坏了。",
        f'The report\'s "{name}" has the wrong form: the report may have been edited or damaged.',
        field=name,
    )


def _refusal(data) -> dict | None:
    """Why a parsed value is not a report this site can read; None when it is one."""
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return message(
            "foreign",
            "这不是本站的诊断报告：请选择检测页“保存报告”得到的文件或链接。",
            'This is not a diagnostic report from this site: choose the file or link that "Save report" on the '
            "checks page gives.",
        )
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        return _bad_field("schema")
    if schema > SCHEMA:
        return message(
            "newer-schema",
            f"这份报告来自更新版本的网站（格式 {schema}），本站只能读取格式 {SCHEMA}：请在更新后的网站上打开。",
            f"This report comes from a newer version of the site (format {schema}); this site reads format "
            f"{SCHEMA}. Open it on the newer site.",
        )
    for name, kind in FIELD_TYPES.items():
        if (name in data or name == "facts") and not isinstance(data.get(name), kind):
            return _bad_field(name)
    if any(s not in STATUSES or not isinstance(ids, list) for s, ids in data.get("found", {}).items()):
        return _bad_field("found")
    where = admin_results.problem(data["admin"]) if "admin" in data else None
    if where is not None:
        return _bad_field(f"admin.{where}")
    return None


def read(value) -> tuple[dict | None, list[dict], list[dict]]:
    """(the report, [], warnings), or (None, [the error], []). See the module docstring."""
    data, error = _parse(value)
    error = error or _refusal(data)
    if error:
        return None, [error], []
    warnings = []
    unknown = sorted(set(data["facts"]) - set(CHECKS))
    if unknown:
        warnings.append(
            message(
                "unknown-areas",
                f"报告里有本站不认识的检测项（{'、'.join(unknown)}），已略过。",
                f"The report has check areas this site does not know ({', '.join(unknown)}); they were skipped.",
            )
        )
    return data, [], warnings
