"""The admin checks from a terminal: ``python -m checks <check> ...`` (or ``workstation-checks``).

    python -m checks session-log export.csv [--columns start=开始时间 ...] [--limit-bytes N] [--utc-offset 480]
    python -m checks rules team.yaml [--format json|yaml|csv]
    python -m checks hours [--weekdays mon-fri] [--windows 09:00-18:00] [--holidays 2026-10-01..2026-10-07]
                           [--time-zone Asia/Shanghai] [--admin-zone Europe/Berlin] [--now 2026-11-26T02:00:00Z]
    python -m checks hours --schedule hours.json        (a JSON object: weekdays, windows, holidays, time_zone)
    python -m checks version "版本：3.5.2" [--platform desktop|mobile|web]

hours takes the web form's defaults for what neither an option nor the schedule file gives: Monday
to Friday, 09:00-18:00; version's platform is desktop unless told, as on the web form.
    python -m checks connectivity [--host URL ...] [--echo-url wss://…] [--time-url URL] [--ca-file FILE]
                                  [--timeout SECONDS] [--expect-issuer NAME ...]

Every check also takes --lang zh|en (default zh), --json (the check's whole result, UTF-8),
--settings FILE and --watch SECONDS (run again every so many seconds and print only what changed:
a finding whose id, status or message differs from the round before, or one that went away;
Ctrl+C stops it with exit code 0).

Settings: the repository's settings.toml (or --settings FILE instead), with the overlays named by
$HELP_SETTINGS_OVERRIDE (paths separated by os.pathsep) merged over it, as the site build does:
nested tables merge key by key, anything else ({zh, en} text, lists, values) is replaced. Not
validated here (the build does that). session-log takes its size limit from [session_log] limit_mb
(the built-in 100 MB when no settings can be read); rules uses support.channels;
hours the service_timezone; version the [client] table; connectivity the [probe] table (hosts,
websocket_echo_url, time_url, timeout_ms and the thresholds), which --host, --echo-url and
--time-url replace. connectivity's collectors are checks/native/ (sockets, ssl, websockets): the
one part of checks/ the browser never gets, imported only when that command runs. Under --watch
it reports a finding whose status or title changed, not every new timing.

Exit codes: 0 all clear (every finding ok), 1 something to look at (any warning, or a finding that
could not be judged: "unknown" is not all clear), 2 a problem (any fail, or errors in the rules
as written, each printed with its line and field), and 2 as well when the input cannot be used at
all: a missing or unreadable file or broken settings (the message goes to stderr), and a session log
that cannot be analysed (empty, not CSV, too large, no start-time column or no readable start time),
working hours or a version that cannot be read (the finding that says why is printed as usual).
argparse's own usage errors also exit 2.

Standard library only: this module is zipped into the browser runtime with the rest of checks/
(checks/native/ is not).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .findings import LANGS

ROOT = Path(__file__).resolve().parents[1]
OVERLAY_ENV = "HELP_SETTINGS_OVERRIDE"
# The same words as strings.toml [status]; repeated here because an installed copy has no strings.toml.
STATUS_WORDS = {
    "ok": {"zh": "正常", "en": "OK"},
    "warn": {"zh": "注意", "en": "Warning"},
    "fail": {"zh": "问题", "en": "Problem"},
    "unknown": {"zh": "未知", "en": "Unknown"},
}
WORDS = {
    "fix": {"zh": "处理", "en": "Fix"},
    "error": {"zh": "错误", "en": "Error"},
    "gone": {"zh": "已消失", "en": "Gone"},
    "sep": {"zh": "：", "en": ": "},
}
EXIT_OK, EXIT_WARN, EXIT_FAIL = 0, 1, 2
# Findings that, unknown, mean the check could not use its input at all: exit 2, like a missing file.
UNUSABLE = ("session-log-read", "working-hours-input", "client-version-input")
# The web form's defaults (admin-hours.js, admin-checks.js), so a bare command judges the same schedule.
HOURS_DEFAULTS = {"weekdays": "mon-fri", "windows": "09:00-18:00"}


class InputError(Exception):
    """Input the check cannot use at all: printed to stderr, exit code 2."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.text = {"zh": zh, "en": en}


# --- settings ---


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        nested = isinstance(value, dict) and isinstance(base.get(key), dict) and set(value) != set(LANGS)
        out[key] = _merge(base[key], value) if nested else value
    return out


def _read_toml(path: str | Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise InputError(f"找不到设置文件：{path}", f"Settings file not found: {path}") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"设置文件无法读取：{path}（{exc}）", f"The settings file cannot be read: {path} ({exc})"
        ) from exc


def load_settings(path: str | None = None) -> dict:
    """settings.toml (or path), with the $HELP_SETTINGS_OVERRIDE overlays merged over it in order."""
    merged = _read_toml(path or ROOT / "settings.toml")
    for overlay in os.environ.get(OVERLAY_ENV, "").split(os.pathsep):
        if overlay.strip():
            merged = _merge(merged, _read_toml(overlay))
    return merged


# --- reading files ---


def _open_binary(path: str):
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{path}", f"File not found: {path}") from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件：{path}（{exc.strerror}）", f"Cannot read the file: {path} ({exc.strerror})"
        ) from exc


def _read_text(path: str) -> str:
    with _open_binary(path) as fh:
        data = fh.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"文件不是 UTF-8 文本：{path}。请用 UTF-8 编码保存后再试。",
            f"The file is not UTF-8 text: {path}. Save it as UTF-8 and try again.",
        ) from exc


# --- the checks ---


def _columns(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip():
            raise InputError(
                f"--columns 的写法是 字段=表头，例如 start=开始时间：{pair}",
                f"--columns takes field=header, e.g. start=Start time: {pair}",
            )
        out[field.strip()] = header.strip() or None  # field= : no such column
    return out


def _settings_limit(settings_loader) -> int | None:
    """[session_log] limit_mb in bytes, the site's limit; None (the reader's own 100 MB) without settings."""
    try:
        limit_mb = settings_loader().get("session_log", {}).get("limit_mb")
    except InputError:  # an admin with only the package and a file: the log needs no other setting
        return None
    return int(limit_mb * 1024 * 1024) if isinstance(limit_mb, int | float) else None


def run_session_log(args, settings_loader) -> dict:
    from .admin import session_log

    options = {"lang": args.lang, "where": "terminal"}  # its fixes name --columns, not the page's mapping
    if args.columns:
        options["columns"] = _columns(args.columns)
    limit = args.limit_bytes if args.limit_bytes is not None else _settings_limit(settings_loader)
    if limit is not None:
        options["limit_bytes"] = limit
    if args.utc_offset is not None:
        options["utc_offset_minutes"] = args.utc_offset
    with _open_binary(args.file) as fh:
        return session_log.analyse(fh, options)


def run_rules(args, settings_loader) -> dict:
    from .admin import rules

    channels = settings_loader()["support"]["channels"]
    return rules.check(_read_text(args.file), args.format, channels)


def _one_or_many(values: list[str] | None):
    if values is None:
        return None
    return values[0] if len(values) == 1 else values


def run_hours(args, settings_loader) -> dict:
    from .admin import hours

    schedule = {}
    if args.schedule:
        source = _read_text(args.schedule)
        try:
            schedule = json.loads(source)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{args.schedule} 不是有效的 JSON：第 {exc.lineno} 行，第 {exc.colno} 列（{exc.msg}）",
                f"{args.schedule} is not valid JSON: line {exc.lineno}, column {exc.colno} ({exc.msg})",
            ) from exc
        if not isinstance(schedule, dict):
            raise InputError(
                f"{args.schedule} 应是一个 JSON 对象（weekdays、windows、holidays、time_zone）。",
                f"{args.schedule} should hold one JSON object (weekdays, windows, holidays, time_zone).",
            )
    for key in ("weekdays", "windows", "holidays"):
        value = _one_or_many(getattr(args, key))
        if value is not None:
            schedule[key] = value
    if args.time_zone:
        schedule["time_zone"] = args.time_zone
    for key, value in HOURS_DEFAULTS.items():
        schedule.setdefault(key, value)
    now = args.now or datetime.now(UTC).isoformat(timespec="seconds")
    return hours.check(schedule, now, settings_loader(), args.admin_zone)


def run_version(args, settings_loader) -> dict:
    from .admin import version

    return version.check(args.text, args.platform, settings_loader())


def _url(value: str, schemes: tuple[str, ...], option: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.hostname:
        raise InputError(
            f"{option} 需要以 {' 或 '.join(s + '://' for s in schemes)} 开头的完整地址：{value}",
            f"{option} takes a full address starting with {' or '.join(s + '://' for s in schemes)}: {value}",
        )
    return value


def run_connectivity(args, settings_loader) -> dict:
    from . import native  # sockets, ssl and websockets: terminal only, never in the browser's zip

    hosts = [_url(url, ("https", "http"), "--host") for url in args.host] if args.host else None
    echo_url = _url(args.echo_url, ("wss", "ws"), "--echo-url") if args.echo_url else None
    time_url = _url(args.time_url, ("https", "http"), "--time-url") if args.time_url else None
    settings = native.with_overrides(settings_loader(), hosts, echo_url, time_url, args.timeout)
    return native.run(settings, args.ca_file, args.expect_issuer or ())


# --- output ---


def exit_code(result: dict) -> int:
    """2: a fail, input errors (the rules could not be read as written) or input the check could not use
    (UNUSABLE); 1: a warn or an unknown; else 0."""
    statuses = {f["status"] for f in result["findings"]}
    unusable = any(f["status"] == "unknown" and f.get("id") in UNUSABLE for f in result["findings"])
    if "fail" in statuses or result.get("errors") or unusable:
        return EXIT_FAIL
    if statuses & {"warn", "unknown"}:
        return EXIT_WARN
    return EXIT_OK


def render_finding(found: dict, lang: str) -> str:
    sep = WORDS["sep"][lang]
    line = f"[{STATUS_WORDS[found['status']][lang]}] {found['title'][lang]}{sep}{found['message'][lang]}"
    if found["fix"][lang]:
        line += f"\n    {WORDS['fix'][lang]}{sep}{found['fix'][lang]}"
    return line


def render(result: dict, lang: str, findings: list[dict] | None = None) -> str:
    """The findings (all, or the ones given), then any input errors with where they are."""
    lines = [render_finding(f, lang) for f in (result["findings"] if findings is None else findings)]
    for error in result.get("errors") or [] if findings is None else []:
        # The message names where it is (line and column, or a CSV row and column).
        lines.append(f"[{WORDS['error'][lang]}] {error['message'][lang]}")
    return "\n".join(lines)


def _key(found: dict, by: str) -> tuple:
    return (found["status"], json.dumps(found[by], sort_keys=True, ensure_ascii=False))


def changes(before: dict, result: dict, by: str = "message") -> tuple[list[dict], list[dict]]:
    """(new or changed findings, findings gone) against before: {id: finding}; by: what else than the
    status counts as a change ("title" where messages carry timings that differ every round)."""
    now = {f["id"]: f for f in result["findings"]}
    changed = [f for f in result["findings"] if f["id"] not in before or _key(before[f["id"]], by) != _key(f, by)]
    gone = [f for fid, f in before.items() if fid not in now]
    return changed, gone


# --- arguments ---


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="zh", help="language of the text output (default zh)")
    common.add_argument("--json", action="store_true", help="print the check's whole result as JSON")
    common.add_argument("--settings", metavar="FILE", help="use FILE instead of the repository's settings.toml")
    common.add_argument("--watch", type=float, metavar="SECONDS", help="repeat every SECONDS, printing only changes")
    parser = argparse.ArgumentParser(
        prog="python -m checks",
        description="Admin checks of the agent workstation help site. Exit codes: 0 all clear, 1 warnings or "
        "unknowns, 2 problems or unusable input.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="CHECK")

    p = sub.add_parser("session-log", parents=[common], help="analyse a session-log CSV export")
    p.add_argument("file")
    p.add_argument(
        "--columns",
        nargs="+",
        metavar="FIELD=HEADER",
        help="which header holds a field, e.g. start=开始时间 status=状态 (fields: "
        + ", ".join(session_log_fields())
        + "); FIELD= for none",
    )
    p.add_argument("--limit-bytes", type=int, metavar="N", help="refuse a file larger than N bytes")
    p.add_argument("--utc-offset", type=int, metavar="MINUTES", help="the export's zone, minutes east of UTC")
    p.set_defaults(run=run_session_log)

    p = sub.add_parser("rules", parents=[common], help="check assignment rules (JSON, YAML or CSV)")
    p.add_argument("file")
    p.add_argument("--format", choices=("json", "yaml", "csv"), help="default: detected")
    p.set_defaults(run=run_rules)

    p = sub.add_parser("hours", parents=[common], help="are new chats assigned now, and when that changes")
    p.add_argument("--schedule", metavar="FILE.json", help="a JSON object: weekdays, windows, holidays, time_zone")
    p.add_argument(
        "--weekdays", nargs="+", help="e.g. mon-fri, 1-5, 周一至周五, daily (default: mon-fri, as on the web form)"
    )
    p.add_argument(
        "--windows", nargs="+", help="e.g. 09:00-12:00 13:00-18:00 (default: 09:00-18:00, as on the web form)"
    )
    p.add_argument("--holidays", nargs="+", help="e.g. 2026-10-01..2026-10-07")
    p.add_argument("--time-zone", help="the schedule's zone (default: the settings' service_timezone)")
    p.add_argument("--admin-zone", help="also show times in this zone")
    p.add_argument("--now", metavar="ISO", help="judge at this time instead of now")
    p.set_defaults(run=run_hours)

    p = sub.add_parser("version", parents=[common], help="check a client version against the settings")
    p.add_argument("text", help="a version, or the text of the About dialog")
    p.add_argument(
        "--platform",
        choices=("desktop", "mobile", "web"),
        default="desktop",
        help="desktop client, mobile app or web (default: desktop, as on the web form)",
    )
    p.set_defaults(run=run_version)

    p = sub.add_parser(
        "connectivity",
        parents=[common],
        help="DNS, TCP, TLS (certificate issuer), HTTP Date, WebSocket echo and proxy variables, from here",
    )
    p.add_argument("--host", nargs="+", metavar="URL", help="probe these instead of the settings' probe.hosts")
    p.add_argument("--echo-url", metavar="URL", help="a WebSocket echo server (ws:// or wss://)")
    p.add_argument("--time-url", metavar="URL", help="read the clock from this URL's Date header")
    p.add_argument("--ca-file", metavar="FILE", help="trust only the CAs in this PEM file (default: the system's)")
    p.add_argument("--timeout", type=_positive, metavar="SECONDS", help="per step (default: probe.timeout_ms)")
    p.add_argument("--expect-issuer", nargs="+", metavar="NAME", help="certificate issuers that are not inspection")
    p.set_defaults(run=run_connectivity, watch_by="title")
    return parser


def session_log_fields() -> list[str]:
    from .admin.session_log.columns import FIELDS

    return list(FIELDS)


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value}")
    return number


def _print(text: str) -> None:
    print(text, flush=True)


def main(argv: list[str] | None = None, *, sleep=time.sleep, rounds: int | None = None) -> int:
    """Run one check; the exit code. sleep and rounds (stop after this many) make --watch testable."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:  # a Windows console or a C locale must not turn Chinese into an error
            reconfigure(encoding="utf-8", errors="replace")
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    cache: dict = {}

    def settings_loader() -> dict:
        if "settings" not in cache:
            cache["settings"] = load_settings(args.settings)
        return cache["settings"]

    before: dict | None = None
    code = EXIT_OK
    done = 0
    try:
        while True:
            try:
                result = args.run(args, settings_loader)
            except InputError as exc:
                print(exc.text[args.lang], file=sys.stderr, flush=True)
                return EXIT_FAIL
            code = exit_code(result)
            if before is None:
                _print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else render(result, args.lang))
            else:
                changed, gone = changes(before, result, getattr(args, "watch_by", "message"))
                if args.json and (changed or gone):
                    _print(json.dumps(result, ensure_ascii=False, indent=2))
                elif not args.json:
                    for found in changed:
                        _print(render_finding(found, args.lang))
                    for found in gone:
                        _print(f"[{WORDS['gone'][args.lang]}] {found['title'][args.lang]}")
            before = {f["id"]: f for f in result["findings"]}
            done += 1
            if not args.watch or (rounds is not None and done >= rounds):
                return code
            sleep(args.watch)
    except KeyboardInterrupt:
        return EXIT_OK
