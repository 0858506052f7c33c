"""The built site ships segno once, for the share link's QR code, and the report pages get their scripts."""

from __future__ import annotations

import importlib.metadata
import json
import re
import zipfile

from hooks import guide_data


def test_segno_ships_once_as_the_worker_unpacks_it(built_site):
    manifest = guide_data.runtime_manifest()
    archives = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("segno-*.zip"))
    assert archives == [manifest["segno_zip"]]
    assert manifest["segno_zip"].endswith(f"segno-{importlib.metadata.version('segno')}.zip")
    with zipfile.ZipFile(built_site / manifest["segno_zip"]) as zf:
        names = zf.namelist()
    assert "segno/__init__.py" in names and "segno/LICENSE" in names
    assert all(name.startswith("segno/") and "__pycache__" not in name for name in names)


def config_of(page: str) -> dict:
    found = re.search(r'<script id="__help" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_report_pages_load_their_scripts(built_site):
    for prefix in ("", "en/"):
        checks = (built_site / prefix / "checks.html").read_text(encoding="utf-8")
        compare = (built_site / prefix / "compare.html").read_text(encoding="utf-8")
        assert "assets/js/report.js" in checks and "assets/js/compare.js" in compare
        assert "checks-panel.js" not in compare  # no check widget there
        for page in (checks, compare):
            assert config_of(page)["runtime"]["segno_zip"] == guide_data.runtime_manifest()["segno_zip"]
        basics = (built_site / prefix / "basics.html").read_text(encoding="utf-8")
        assert "report.js" not in basics and "compare.js" not in basics
