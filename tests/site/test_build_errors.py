"""Broken sources stop the build with a message that names the file and the problem."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import build_site


def test_malformed_settings_overlay_names_the_file(tmp_path):
    result = build_site(tmp_path / "site", overlay="[probe\nhosts = 3")
    assert result.returncode != 0
    assert "HELP_SETTINGS_OVERRIDE" in result.stdout + result.stderr


INVALID_SETTINGS = {
    "wrong type": ('[probe]\ntimeout_ms = "8000"\n', "probe.timeout_ms", "must be a whole number"),
    "negative timeout": ("[probe]\ntimeout_ms = -1\n", "probe.timeout_ms", "must be greater than 0"),
    "url without scheme": ('workstation_url = "app.example.com"\n', "workstation_url", "needs https://"),
    "unknown key": ("[probe]\ntimeout = 5000\n", "probe.timeout", "unknown key"),
    "ws echo for an https site": (
        'site_url = "https://help.example.com/"\n[probe]\nwebsocket_echo_url = "ws://echo.example.com/"\n',
        "probe.websocket_echo_url",
        "use wss://",
    ),
}


@pytest.mark.parametrize(("overlay", "key", "problem"), INVALID_SETTINGS.values(), ids=list(INVALID_SETTINGS))
def test_an_invalid_setting_stops_the_build_naming_key_and_file(tmp_path, overlay, key, problem):
    result = build_site(tmp_path / "site", overlay=overlay)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    # build_site writes the overlay next to the site folder; the message names that file.
    assert f"HELP_SETTINGS_OVERRIDE={tmp_path / 'site.settings.toml'}: {key}: " in out, out[-2000:]
    assert problem in out
    assert not (tmp_path / "site" / "index.html").exists()


def _build_with_docs(tmp_path, basics_zh: str) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n", encoding="utf-8")
    (docs / "basics.md").write_text(basics_zh, encoding="utf-8")
    (docs / "basics.en.md").write_text("# Basics\n", encoding="utf-8")
    return build_site(tmp_path / "site", config_extra=f"docs_dir: {docs}\nnav:\n  - index.md\n  - basics.md\n")


def test_unknown_step_id_fails_the_build(tmp_path):
    result = _build_with_docs(tmp_path, '# 基础\n\n{{ step("net-onlin") }}\n')
    assert result.returncode != 0
    assert "unknown step id 'net-onlin'" in result.stdout + result.stderr


def test_a_page_missing_a_step_fails_the_build(tmp_path):
    result = _build_with_docs(tmp_path, '# 基础\n\n{{ step("status-page") }}\n')
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "basics.md" in out and "differ from steps.toml" in out


def test_unknown_setting_fails_the_build(tmp_path):
    result = _build_with_docs(tmp_path, "# 基础\n\n{{ s.no_such_setting }}\n")
    assert result.returncode != 0
    assert "no_such_setting" in result.stdout + result.stderr
