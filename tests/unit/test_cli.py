"""python -m checks: each admin check from a terminal, its text in both languages, --json, the exit
codes, unusable input on stderr, and --watch printing only what changed."""

from __future__ import annotations

import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from checks import cli
from checks.admin import hours, rules, session_log, version

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
LOG = str(FIXTURES / "session_log" / "bom_utf8.csv")
TEAM = FIXTURES / "rules" / "team.csv"
NOW = "2026-11-26T02:00:00Z"  # Thursday 10:00 in Asia/Shanghai
HOURS = ["hours", "--weekdays", "mon-fri", "--windows", "09:00-18:00", "--time-zone", "Asia/Shanghai"]


@pytest.fixture(autouse=True)
def _no_overlays(monkeypatch):
    monkeypatch.delenv(cli.OVERLAY_ENV, raising=False)


@pytest.fixture
def settings(_no_overlays) -> dict:
    """What the terminal reads here: settings.toml, without the overlays of the test run (the
    second CI pass sets one), so its output and the module's are compared on the same settings."""
    return cli.load_settings()


@pytest.fixture
def min_version(tmp_path, monkeypatch):
    overlay = tmp_path / "overlay.toml"
    overlay.write_text('[client]\nmin_version = "2.0"\n', encoding="utf-8")
    monkeypatch.setenv(cli.OVERLAY_ENV, os.pathsep.join(["", str(overlay)]))
    return overlay


def run(capsys, *argv, **kwargs) -> tuple[int, str, str]:
    code = cli.main(list(argv), **kwargs)
    out, err = capsys.readouterr()
    return code, out, err


def as_json(out: str) -> dict:
    return json.loads(out)


# --- each check ---


def test_version_text_in_both_languages_and_exit_codes(capsys, min_version, settings):
    code, out, _ = run(capsys, "version", "版本：1.0", "--platform", "desktop")
    assert code == 2
    assert out.startswith("[问题] ") and "1.0" in out and "2.0" in out and "\n    处理：" in out
    code, out, _ = run(capsys, "version", "Version 1.0", "--platform", "desktop", "--lang", "en")
    assert code == 2 and out.startswith("[Problem] ") and "\n    Fix: " in out
    code, out, _ = run(capsys, "version", "3.0", "--platform", "desktop", "--lang", "en", "--json")
    settings["client"]["min_version"] = "2.0"
    assert as_json(out) == version.check("3.0", "desktop", settings)
    assert code == 0 and all(f["status"] == "ok" for f in as_json(out)["findings"])


def test_unknown_alone_exits_1(capsys, settings):
    # settings.toml sets no minimum version: whether 1.0 is too old cannot be judged.
    code, out, _ = run(capsys, "version", "1.0", "--platform", "desktop", "--json")
    result = as_json(out)
    assert {f["status"] for f in result["findings"]} == {"unknown"}
    assert code == 1
    assert result == version.check("1.0", "desktop", settings)


def test_rules_uses_the_site_channels_and_matches_the_module(capsys, settings):
    code, out, _ = run(capsys, "rules", str(TEAM), "--json")
    assert as_json(out) == rules.check(TEAM.read_text(encoding="utf-8"), None, settings["support"]["channels"])
    assert code == cli.exit_code(as_json(out))
    code, out, _ = run(capsys, "rules", str(TEAM), "--lang", "en")
    assert code == 0 and out.startswith("[OK] No problem found in the assignment rules: ")
    for name in ("team.json", "team.yaml"):
        code, out, _ = run(capsys, "rules", str(FIXTURES / "rules" / name), "--format", name.split(".")[1])
        assert code == 0 and out.startswith("[正常] ")


def test_rules_errors_name_the_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"groups": [\n  {"id": 1,}\n]}', encoding="utf-8")
    code, out, _ = run(capsys, "rules", str(bad))
    assert code == 2
    assert out.strip() == "[错误] 第 2 行，第 12 列，“id”：JSON 格式有误，请检查这里前后的逗号、引号和括号。"
    code, out, _ = run(capsys, "rules", str(bad), "--lang", "en")
    assert code == 2 and out.startswith("[Error] Line 2, column 12, “id”: ")


def test_rules_file_not_utf8(capsys, tmp_path):
    bad = tmp_path / "team.csv"
    bad.write_bytes("组,成员\n售前,王\n".encode("gb18030"))
    code, out, err = run(capsys, "rules", str(bad), "--lang", "en")
    assert code == 2 and out == ""
    assert err.strip() == f"The file is not UTF-8 text: {bad}. Save it as UTF-8 and try again."


def test_session_log_streams_the_file_with_options(capsys):
    code, out, _ = run(capsys, "session-log", LOG, "--json", "--utc-offset", "480", "--columns", "agent=Agent")
    expected = session_log.analyse(Path(LOG).read_bytes(), {"utc_offset_minutes": 480, "columns": {"agent": "Agent"}})
    assert as_json(out) == expected
    assert code == 1  # stuck sessions (warn), too short a log to judge gaps (unknown), nothing fails
    code, out, _ = run(capsys, "session-log", LOG, "--lang", "en")
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] + "]" for line in lines] == [
        f"[{cli.STATUS_WORDS[f['status']]['en']}]" for f in expected["findings"]
    ]
    assert "[Warning] " in out and "[Unknown] " in out


def test_session_log_column_without_header_and_limit(capsys):
    code, out, _ = run(capsys, "session-log", LOG, "--json", "--columns", "agent=", "--limit-bytes", "10")
    result = as_json(out)
    assert result["error"]["code"] == "too-large"
    assert [f["status"] for f in result["findings"]] == ["unknown"] and code == 2  # input it cannot use
    with open(LOG, "rb") as fh:  # refused from its size before a byte is read
        assert result == session_log.analyse(fh, {"columns": {"agent": None}, "limit_bytes": 10, "where": "terminal"})
    assert result["bytes"] == 0


def test_session_log_takes_the_sites_size_limit(capsys, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text("[session_log]\nlimit_mb = 0.0001\n", encoding="utf-8")  # 104 bytes
    code, out, _ = run(capsys, "session-log", LOG, "--json", "--settings", str(settings))
    assert as_json(out)["error"]["code"] == "too-large" and code == 2
    # --limit-bytes wins over the settings
    code, out, _ = run(capsys, "session-log", LOG, "--json", "--settings", str(settings), "--limit-bytes", "100000")
    assert as_json(out)["error"] is None
    # no usable limit, or no settings at all: the reader's own limit, and the log is still read
    settings.write_text('[session_log]\nlimit_mb = "big"\n', encoding="utf-8")
    for extra in (["--settings", str(settings)], ["--settings", str(tmp_path / "missing.toml")]):
        code, out, _ = run(capsys, "session-log", LOG, "--json", *extra)
        assert as_json(out) == session_log.analyse(Path(LOG).read_bytes(), {"lang": "zh", "where": "terminal"})


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", "empty"),
        ("export.xlsx", (FIXTURES / "session_log" / "spreadsheet.xlsx").read_bytes(), "not-text"),
        ("binary.csv", b"Start time\n\x00\x01\x02\x00", "not-text"),
        ("ids.csv", "会话ID,客服\nC1,张三\n".encode(), "no-start-column"),
    ],
)
def test_session_log_input_it_cannot_use_exits_2(capsys, tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    status, out, _ = run(capsys, "session-log", str(path), "--json")
    assert as_json(out)["error"]["code"] == code and status == 2
    status, out, _ = run(capsys, "session-log", str(path), "--lang", "en")
    assert status == 2 and out.startswith("[Unknown] This file cannot be analysed: ")


def test_session_log_without_readable_start_times_exits_2_and_names_columns(capsys, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Start time,Agent\nyesterday,Ann\n", encoding="utf-8")
    status, out, _ = run(capsys, "session-log", str(path), "--lang", "en")
    assert status == 2 and out.startswith("[Unknown] No sessions to analyse in the file: ")
    assert "--columns start= names the start-time column" in out
    ids = tmp_path / "ids.csv"
    ids.write_text("会话ID,客服\nC1,张三\n", encoding="utf-8")
    status, out, _ = run(capsys, "session-log", str(ids))
    assert status == 2 and "请用 --columns start=表头 写出哪一列是开始时间。" in out and "列对应" not in out


def test_session_log_fixes_name_the_columns_option(capsys, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Start time,Agent\n2026-11-25 09:00,Ann\n", encoding="utf-8")
    status, out, _ = run(capsys, "session-log", str(path), "--lang", "en")
    assert status == 1 and "--columns status=Status" in out and "column mapping" not in out and "above" not in out


def test_session_log_bad_columns_option(capsys):
    code, out, err = run(capsys, "session-log", LOG, "--columns", "agent")
    assert code == 2 and out == "" and "字段=表头" in err
    code, _, err = run(capsys, "session-log", LOG, "--columns", "=Agent", "--lang", "en")
    assert code == 2 and "field=header" in err


def test_hours_open_and_closed(capsys, settings):
    code, out, _ = run(capsys, *HOURS, "--now", NOW, "--lang", "en")
    assert code == 0 and out.startswith(
        "[OK] Inside working hours: new chats are assigned: It is now Thu 2026-11-26 10:00"
    )
    code, out, _ = run(capsys, *HOURS, "--now", "2026-11-26T12:00:00Z", "--json", "--admin-zone", "Europe/Berlin")
    schedule = {"weekdays": "mon-fri", "windows": "09:00-18:00", "time_zone": "Asia/Shanghai"}
    assert as_json(out) == hours.check(schedule, "2026-11-26T12:00:00Z", settings, "Europe/Berlin")
    assert as_json(out)["open"] is False and code == 1


def test_hours_several_values_and_holidays(capsys, settings):
    argv = ["hours", "--windows", "09:00-12:00", "13:00-18:00", "--holidays", "2026-11-26", "--now", NOW, "--json"]
    code, out, _ = run(capsys, *argv)
    schedule = {"windows": ["09:00-12:00", "13:00-18:00"], "holidays": "2026-11-26", "weekdays": "mon-fri"}
    assert as_json(out) == hours.check(schedule, NOW, settings)
    assert as_json(out)["holiday_today"] is True and code == 1


def test_hours_from_a_schedule_file_flags_override(capsys, tmp_path, settings):
    path = tmp_path / "hours.json"
    path.write_text(json.dumps({"weekdays": "sat", "windows": "09:00-18:00", "time_zone": "UTC"}), encoding="utf-8")
    code, out, _ = run(capsys, "hours", "--schedule", str(path), "--weekdays", "周四", "--now", NOW, "--json")
    schedule = {"weekdays": "周四", "windows": "09:00-18:00", "time_zone": "UTC"}
    assert as_json(out) == hours.check(schedule, NOW, settings)
    assert as_json(out)["open"] is False and code == 1  # 02:00 UTC, before the window


def test_hours_now_defaults_to_the_clock(capsys):
    code, out, _ = run(capsys, "hours", "--weekdays", "daily", "--windows", "00:00-24:00", "--json")
    assert code == 0 and as_json(out)["open"] is True


def test_hours_bad_input_is_named_and_exits_2(capsys):
    code, out, _ = run(capsys, "hours", "--windows", "25:00-18:00", "--time-zone", "Mars/X", "--now", NOW)
    assert code == 2 and out.startswith("[未知] ") and "25:00-18:00" in out and "Mars/X" in out
    code, out, _ = run(capsys, "hours", "--windows", "abc", "--now", NOW, "--lang", "en")
    assert code == 2 and out.startswith("[Unknown] ") and "abc" in out  # working-hours-input


def test_hours_defaults_are_the_web_forms(capsys, settings, tmp_path):
    code, out, _ = run(capsys, "hours", "--now", NOW, "--json")
    schedule = {"weekdays": "mon-fri", "windows": "09:00-18:00"}
    assert as_json(out) == hours.check(schedule, NOW, settings) and code == 0  # Thursday 10:00
    assert as_json(out)["windows"] == [{"start": 540, "end": 1080}]
    saturday = "2026-11-28T02:00:00Z"
    code, out, _ = run(capsys, "hours", "--now", saturday, "--json")
    assert as_json(out)["open"] is False and code == 1
    code, out, _ = run(capsys, "hours", "--weekdays", "daily", "--now", saturday, "--json")
    assert as_json(out)["open"] is True and code == 0
    path = tmp_path / "hours.json"  # what the file leaves out takes the same defaults
    path.write_text('{"windows": "10:00-11:00"}', encoding="utf-8")
    code, out, _ = run(capsys, "hours", "--schedule", str(path), "--now", saturday, "--json")
    assert as_json(out) == hours.check({"windows": "10:00-11:00", "weekdays": "mon-fri"}, saturday, settings)


def test_version_platform_defaults_to_desktop_and_empty_text_exits_2(capsys, settings):
    code, out, _ = run(capsys, "version", "3.5.2", "--json")
    assert as_json(out) == version.check("3.5.2", "desktop", settings) and as_json(out)["platform"] == "desktop"
    code, out, _ = run(capsys, "version", " ", "--lang", "en")
    assert code == 2 and out.startswith("[Unknown] ")  # client-version-input: nothing to check


def test_help_names_the_defaults(capsys):
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["hours", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: mon-fri, as on the web form)" in out and "(default: 09:00-18:00, as on the web form)" in out
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["version", "--help"])
    assert "(default: desktop, as on the web form)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        ('{"windows": ', "不是有效的 JSON：第 1 行", "is not valid JSON: line 1, column 13"),
        ('["09:00-18:00"]', "应是一个 JSON 对象", "should hold one JSON object"),
    ],
)
def test_hours_unusable_schedule(capsys, tmp_path, content, zh, en):
    path = tmp_path / "hours.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "hours", "--schedule", str(path))
    assert code == 2 and out == "" and zh in err
    code, _, err = run(capsys, "hours", "--schedule", str(path), "--lang", "en")
    assert code == 2 and en in err


# --- unusable input, settings ---


def test_missing_and_unreadable_files(capsys, tmp_path):
    missing = tmp_path / "nope.csv"
    code, out, err = run(capsys, "session-log", str(missing))
    assert (code, out, err.strip()) == (2, "", f"找不到文件：{missing}")
    code, _, err = run(capsys, "rules", str(missing), "--lang", "en")
    assert (code, err.strip()) == (2, f"File not found: {missing}")
    code, _, err = run(capsys, "rules", str(tmp_path), "--lang", "en")  # a folder
    assert code == 2 and err.startswith(f"Cannot read the file: {tmp_path} (")


def test_settings_file_instead_and_broken_settings(capsys, tmp_path, monkeypatch):
    own = tmp_path / "settings.toml"
    own.write_text(
        (ROOT / "settings.toml").read_text(encoding="utf-8").replace('min_version = ""', 'min_version = "5"')
    )
    code, out, _ = run(capsys, "version", "4.9", "--platform", "desktop", "--settings", str(own), "--lang", "en")
    assert code == 2 and "5" in out
    code, _, err = run(capsys, "version", "1", "--platform", "desktop", "--settings", str(tmp_path / "x.toml"))
    assert code == 2 and err.strip() == f"找不到设置文件：{tmp_path / 'x.toml'}"
    broken = tmp_path / "broken.toml"
    broken.write_text("[client\n", encoding="utf-8")
    monkeypatch.setenv(cli.OVERLAY_ENV, str(broken))
    code, _, err = run(capsys, "version", "1", "--platform", "desktop", "--lang", "en")
    assert code == 2 and err.startswith(f"The settings file cannot be read: {broken} (")


def test_merge_keeps_nested_tables_and_replaces_text():
    base = {"a": {"x": 1, "y": 2}, "name": {"zh": "甲", "en": "A"}, "list": [1]}
    over = {"a": {"y": 3}, "name": {"zh": "乙", "en": "B"}, "list": [2], "new": {"k": 1}}
    assert cli._merge(base, over) == {
        "a": {"x": 1, "y": 3},
        "name": {"zh": "乙", "en": "B"},
        "list": [2],
        "new": {"k": 1},
    }


def test_usage_errors_and_help(capsys):
    assert cli.main([]) == 2
    assert cli.main(["version", "1.0", "--platform", "tablet"]) == 2
    assert cli.main(["--help"]) == 0
    out, err = capsys.readouterr()
    assert "session-log" in out and "--platform" in err


def test_exit_code():
    def result(*statuses, errors=None):
        return {"findings": [{"status": s} for s in statuses], "errors": errors}

    assert cli.exit_code(result()) == 0
    assert cli.exit_code(result("ok", "ok")) == 0
    assert cli.exit_code(result("ok", "unknown")) == 1
    assert cli.exit_code(result("warn", "ok")) == 1
    assert cli.exit_code(result("warn", "fail", "unknown")) == 2
    assert cli.exit_code(result("ok", errors=[{"message": {}}])) == 2
    # Input the check could not use at all: exit 2, as a missing file does; other unknowns 1.
    for finding_id in cli.UNUSABLE:
        assert cli.exit_code({"findings": [{"id": finding_id, "status": "unknown"}]}) == 2
        assert cli.exit_code({"findings": [{"id": finding_id, "status": "ok"}]}) == 0
    assert cli.exit_code({"findings": [{"id": "session-log-gaps", "status": "unknown"}]}) == 1


# --- watch ---


class Rounds:
    """A sleep that changes the session log between rounds, then stops with Ctrl+C (or not)."""

    def __init__(self, path: Path, contents: list[bytes], interrupt: bool = True):
        self.path, self.contents, self.interrupt, self.slept = path, contents, interrupt, []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        if not self.contents:
            if self.interrupt:
                raise KeyboardInterrupt
            return
        self.path.write_bytes(self.contents.pop(0))


def test_watch_prints_only_changes_and_ctrl_c_exits_0(capsys, tmp_path):
    log = tmp_path / "log.csv"
    original = Path(LOG).read_bytes()
    log.write_bytes(original)
    lines = original.decode("utf-8-sig").splitlines()
    closed = "\n".join(lines[:3]).encode()  # without the transferring and the queued sessions
    # Round 2: the same file (nothing printed); round 3: nothing stuck or queued; round 4: no rows.
    sleep = Rounds(log, [original, closed, b"Start time\n"])
    code, out, _ = run(capsys, "session-log", str(log), "--watch", "5", "--lang", "en", sleep=sleep)
    assert code == 0 and sleep.slept == [5.0, 5.0, 5.0, 5.0]
    terminal = {"where": "terminal"}
    first, second, third = (session_log.analyse(d, terminal)["findings"] for d in (original, closed, b"Start time\n"))
    by_id = {f["id"]: f for f in second}
    assert [by_id["session-log-stuck"]["status"], by_id["session-log-queued"]["status"]] == ["ok", "ok"]
    expected = [cli.render(session_log.analyse(original, terminal), "en")]
    before = {f["id"]: (f["status"], f["message"]) for f in first}
    changed = [f for f in second if before[f["id"]] != (f["status"], f["message"])]
    assert {"session-log-stuck", "session-log-queued"} <= {f["id"] for f in changed} and len(changed) < len(second)
    expected += [cli.render_finding(f, "en") for f in changed]
    assert [f["id"] for f in third] == ["session-log-read"]
    expected.append(cli.render_finding(third[0], "en"))
    expected += [f"[Gone] {f['title']['en']}" for f in second[1:]]
    assert out == "\n".join(expected) + "\n"
    assert "[Gone] " not in expected[0] and first[0]["status"] == "ok" and third[0]["status"] == "unknown"


def test_watch_json_and_rounds(capsys, tmp_path):
    log = tmp_path / "log.csv"
    original = Path(LOG).read_bytes()
    log.write_bytes(original)
    sleep = Rounds(log, [original, b"Start time\n"], interrupt=False)
    code, out, _ = run(capsys, "session-log", str(log), "--watch", "1", "--json", sleep=sleep, rounds=3)
    decoder, documents, at = json.JSONDecoder(), [], 0
    while at < len(out.strip()):
        doc, at = decoder.raw_decode(out, at)
        documents.append(doc)
        at += 1
    # Round 1 printed, round 2 unchanged (nothing), round 3 changed: printed whole.
    assert len(documents) == 2 and documents[1] == session_log.analyse(b"Start time\n", {"where": "terminal"})
    assert code == cli.exit_code(documents[1])


def test_watch_stops_when_the_file_goes(capsys, tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(Path(LOG).read_bytes())
    code, out, err = run(capsys, "session-log", str(log), "--watch", "1", sleep=lambda s: log.unlink())
    assert code == 2 and out.startswith("[正常] ") and err.strip() == f"找不到文件：{log}"


# --- the module entry ---


def test_module_entry_in_process(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["checks", "version", "1.0", "--platform", "web", "--json"])
    with pytest.raises(SystemExit) as exc:
        runpy.run_module("checks", run_name="__main__")
    assert exc.value.code == cli.exit_code(json.loads(capsys.readouterr().out))


def test_python_dash_m_checks():
    env = {k: v for k, v in os.environ.items() if k != cli.OVERLAY_ENV} | {"PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "checks", "session-log", LOG], cwd=ROOT, capture_output=True, env=env, check=False
    )
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").startswith("[正常] 读取了 4 个会话")
    done = subprocess.run(
        [sys.executable, "-m", "checks", "rules", "missing.csv", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.decode().strip() == "File not found: missing.csv"


def test_watch_without_changes_prints_once_and_reads_settings_once(capsys, monkeypatch):
    calls = []
    real = cli.load_settings
    monkeypatch.setattr(cli, "load_settings", lambda path=None: calls.append(path) or real(path))
    code, out, _ = run(
        capsys, "version", "1.0", "--platform", "desktop", "--watch", "2", sleep=lambda s: None, rounds=3
    )
    assert code == 1 and out.count("[未知] ") == 1 and len(out.splitlines()) == 2
    assert calls == [None]


def test_output_to_a_stream_that_cannot_be_reconfigured(monkeypatch):
    out = io.StringIO()  # no reconfigure(): printed as is
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["version", "3", "--platform", "web", "--lang", "en"]) == 1
    assert out.getvalue().startswith("[Unknown] ")


# --- connectivity (the collectors and their scenarios: test_native_connectivity.py) ---


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from .native_servers import all_servers

    with all_servers(tmp_path_factory.mktemp("cli-native")) as found:
        yield found


@pytest.fixture
def no_proxies(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


def test_connectivity_exit_codes_0_1_2(capsys, servers, no_proxies):
    from .native_servers import refused_port

    ca = ["--ca-file", str(servers.certs["ca"])]
    healthy = ["connectivity", "--host", servers.https, "--echo-url", servers.wss + "/echo", *ca]
    code, out, _ = run(capsys, *healthy, "--lang", "en")
    assert code == 0 and out.startswith("[OK] The host is reachable: ") and "[Problem]" not in out, out
    code, out, _ = run(capsys, "connectivity", "--host", servers.https, *ca)  # no echo URL: WebSocket not tested
    assert code == 1 and "[未知] 未测试 WebSocket：" in out
    code, out, _ = run(capsys, "connectivity", "--host", f"https://127.0.0.1:{refused_port()}/", *ca, "--lang", "en")
    assert code == 2 and "[Problem] No host could be reached: " in out and "TCP failed (Connection refused)" in out
    code, out, _ = run(capsys, "connectivity", "--host", servers.inspect, *ca, "--json")
    assert code == 2 == cli.exit_code(as_json(out))
    assert "Corporate SSL Inspection" in {f["id"]: f for f in as_json(out)["findings"]}["native-tls"]["message"]["en"]


def test_connectivity_unusable_input(capsys, tmp_path, servers):
    missing = tmp_path / "ca.pem"
    code, out, err = run(capsys, "connectivity", "--host", servers.https, "--ca-file", str(missing))
    assert (code, out, err.strip()) == (2, "", f"找不到 CA 文件：{missing}")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n", encoding="ascii")
    code, _, err = run(capsys, "connectivity", "--host", servers.https, "--ca-file", str(junk), "--lang", "en")
    assert code == 2 and err.startswith(f"The CA file cannot be read: {junk} (")
    code, _, err = run(capsys, "connectivity", "--host", "app.example.com", "--lang", "en")
    assert code == 2 and err.strip() == "--host takes a full address starting with https:// or http://: app.example.com"
    code, _, err = run(capsys, "connectivity", "--echo-url", "https://echo.example/")
    assert code == 2 and err.strip() == "--echo-url 需要以 wss:// 或 ws:// 开头的完整地址：https://echo.example/"
    code, _, err = run(capsys, "connectivity", "--time-url", "ftp://x/", "--lang", "en")
    assert code == 2 and err.startswith("--time-url takes a full address")
    code, _, err = run(capsys, "connectivity", "--timeout", "0")
    assert code == 2 and "must be more than 0: 0" in err


def test_connectivity_watch_ignores_new_timings(capsys, servers, no_proxies):
    # Every round measures new milliseconds; only a change of status or title is news.
    args = ["connectivity", "--host", servers.https, "--ca-file", str(servers.certs["ca"]), "--lang", "en"]
    code, out, _ = run(capsys, *args, "--watch", "1", sleep=lambda s: None, rounds=3)
    # Round 1 prints its 7 findings; rounds 2 and 3, with other timings, print nothing.
    assert code == 1 and out.count("[OK] The host is reachable: ") == 1
    assert len([line for line in out.splitlines() if line.startswith("[")]) == 7
    before = {"conn-hosts": {"status": "ok", "title": {"en": "x"}, "message": {"en": "y"}}}
    now = {"findings": [{"id": "conn-hosts", "status": "ok", "title": {"en": "x"}, "message": {"en": "z"}}]}
    assert cli.changes(before, now, "title") == ([], []) and cli.changes(before, now)[0] == now["findings"]
