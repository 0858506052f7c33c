"""Broken sources stop the build with a message that names the file and the problem."""
from __future__ import annotations

import subprocess

from tests.conftest import build_site


def test_malformed_settings_overlay_names_the_file(tmp_path):
    result = build_site(tmp_path / "site", overlay="[probe\nhosts = 3")
    assert result.returncode != 0
    assert "HELP_SETTINGS_OVERRIDE" in result.stdout + result.stderr


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
