"""The worker's second entry point: call_json(fn, args_json) -> JSON text.

The page sends {id, type: "call", fn, args}; the worker passes fn and JSON.stringify(args)
here and posts back what comes out. args is an object of the function's named arguments.
Only the functions in CALLS can be called. call_json never raises: it answers
{"result": ...} or {"error": {"code", "message": {zh, en}, "detail"}} with code
unknown-function, bad-json, bad-args, form (the form description is broken) or failed.

request.render(form, values, settings, steps, findings=None, unmasked=None, lang="en", admin=None)
    form: request_form.toml as JSON ({"group": [...], "field": [...]}); values: {field id: value};
    steps: steps.toml's [[step]] entries (id, section, title in zh and en); findings: the last run's
    and the probe's findings as run_checks gives them; unmasked: field ids the agent turned masking
    off for; lang: the output language; admin: the admin checks' last results, as stored in
    help.admin.v1 (checks/admin_results.py reads them).
    -> {text, markdown, json, subject, mailto, copy_first, errors, notices, masked}
request.environment(facts, lang="zh")
    -> {"values": {browser, os} for the form, "describe": checks.request.environment.describe(facts)}
report.build(facts, answers=None, probe=None, meta=None, settings=None, admin=None) -> a report (schemas/report.schema.json)
report.validate(report) -> {ok, report, errors, warnings}; report: a dict, JSON text or a share link
report.judge(report, settings) -> {ok, findings, summary, about, changed, warnings, errors}
report.compare(reports, settings, names=None) -> see checks.report.compare
report.link(report, settings, lang="zh") -> {url, length, errors}
qr.svg(text, scale=3) -> the QR code of text as an SVG document (checks/report/qr.py; needs segno)
admin.version(text_in, platform, settings) -> checks.admin.version.check
admin.hours(schedule, now_utc_iso, settings, admin_zone=None) -> checks.admin.hours.check (needs tzdata
    for named zones: the worker loads it first)
admin.rules(text, fmt=None, channels=None) -> checks.admin.rules.check
session_log.start(options=None) -> {handle, progress}: opens a checks.admin.session_log.SessionLogReader
session_log.finish(handle) -> the reader's result (then closed); an unknown handle is the error log-closed
A session log's bytes come between the two, chunk by chunk, through log_feed(handle, chunk) -> JSON text,
{"result": progress} or {"error": ...} (bytes cannot travel as JSON; the worker hands over a memoryview).
"""

from __future__ import annotations

import inspect
import itertools
import json

from . import report, request
from .admin import hours, rules, session_log, version
from .findings import text
from .report import qr

OPEN_LOGS = 4  # readers kept at once: a page that never finishes one cannot pile them up
_logs: dict[int, session_log.SessionLogReader] = {}
_handles = itertools.count(1)


class LogClosed(Exception):
    """No open reader has this handle: finished already, dropped, or the worker restarted."""


def _log_start(options=None) -> dict:
    reader = session_log.SessionLogReader(options)
    handle = next(_handles)
    _logs[handle] = reader
    while len(_logs) > OPEN_LOGS:
        del _logs[next(iter(_logs))]  # the oldest
    return {"handle": handle, "progress": reader.progress()}


def _log_finish(handle) -> dict:
    reader = _logs.pop(handle, None) if isinstance(handle, int) else None
    if reader is None:
        raise LogClosed(handle)
    return reader.finish()


def _environment(facts, lang: str = "zh") -> dict:
    return {"values": request.form_values(facts, lang), "describe": request.describe(facts)}


CALLS = {
    "request.render": request.render,
    "request.environment": _environment,
    "report.build": report.build,
    "report.validate": report.validate,
    "report.judge": report.judge,
    "report.compare": report.compare,
    "report.link": report.link,
    # segno is unpacked by the worker just before this call (checks-worker.js); checks/ imports without it.
    "qr.svg": qr.svg,
    "admin.version": version.check,
    "admin.hours": hours.check,
    "admin.rules": rules.check,
    "session_log.start": _log_start,
    "session_log.finish": _log_finish,
}


def _error(code: str, zh: str, en: str, detail: str = "") -> str:
    error = {"code": code, "message": text(zh, en), "detail": detail[:300]}
    return json.dumps({"error": error}, ensure_ascii=False)


def _log_closed(handle) -> str:
    return _error(
        "log-closed",
        "读取这个文件的过程中断了。请重新选择文件。",
        "Reading this file was interrupted. Choose the file again.",
        f"no open session log {handle!r}",
    )


def log_feed(handle, chunk) -> str:
    """The next bytes of an open session log: its progress, as JSON text (see the module docstring)."""
    reader = _logs.get(handle) if isinstance(handle, int) else None
    if reader is None:
        return _log_closed(handle)
    try:
        reader.feed(chunk)
        return json.dumps({"result": reader.progress()}, ensure_ascii=False)
    except Exception as exc:  # noqa: BLE001 - the page must always get an answer
        _logs.pop(handle, None)
        return _error(
            "failed",
            "检测程序处理时出错。请把这条信息告诉网站维护者。",
            "The checks failed while working on this. Pass this message on to the site's maintainers.",
            f"session_log.feed: {type(exc).__name__}: {exc}",
        )


def _no_constants(name: str):
    raise ValueError(f"{name} is not allowed in JSON")


def call_json(fn, args_json) -> str:
    handler = CALLS.get(fn) if isinstance(fn, str) else None
    if handler is None:
        return _error(
            "unknown-function",
            "页面请求了检测程序没有的功能。请刷新页面后再试。",
            "The page asked for something the checks cannot do. Reload the page and try again.",
            f"unknown function {fn!r}; known: {', '.join(CALLS)}",
        )
    try:
        args = json.loads(args_json, parse_constant=_no_constants)
        if not isinstance(args, dict):
            raise ValueError(f"expected an object, got {type(args).__name__}")
    except (TypeError, ValueError) as exc:
        return _error(
            "bad-json",
            "页面发给检测程序的数据无效。请刷新页面后再试。",
            "The page sent the checks data they cannot read. Reload the page and try again.",
            f"{fn}: {type(exc).__name__}: {exc}",
        )
    try:
        inspect.signature(handler).bind(**args)
    except TypeError as exc:
        return _error(
            "bad-args",
            "页面调用检测程序的方式不对。请刷新页面后再试。",
            "The page called the checks the wrong way. Reload the page and try again.",
            f"{fn}: {exc}",
        )
    try:
        return json.dumps({"result": handler(**args)}, ensure_ascii=False, allow_nan=False)
    except LogClosed as exc:
        return _log_closed(exc.args[0])
    except request.FormError as exc:
        return _error(
            "form",
            "支持请求表单的定义有误，无法生成请求。请把这条信息告诉网站维护者。",
            "The support request form is defined wrongly, so no request can be made. Pass this message on to the "
            "site's maintainers.",
            str(exc),
        )
    except Exception as exc:  # noqa: BLE001 - the page must always get an answer
        return _error(
            "failed",
            "检测程序处理时出错。请把这条信息告诉网站维护者。",
            "The checks failed while working on this. Pass this message on to the site's maintainers.",
            f"{fn}: {type(exc).__name__}: {exc}",
        )
