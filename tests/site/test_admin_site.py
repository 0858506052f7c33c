"""The admin checks in the built site: tzdata ships once, for the working-hours check; the checks page
has all four parts, and each guide section has its admin block next to its step, folded, marked "for
admins", with its fallback text in the page's language and admin-checks.js to draw it."""

from __future__ import annotations

import importlib.metadata
import json
import re
import zipfile

import pytest

from hooks import guide_data

# The page, the parts its block shows, and the step the block follows (before the next step).
BLOCKS = {
    "client": ("version", "client-changelog"),
    "notifications": ("hours", "rules-off-hours"),
    "notifications#rules": ("rules", "rules-channels"),
    "persists": ("session_log", "persist-session-logs"),
}
PREFIX = {"zh": "", "en": "en/"}
BLOCK = re.compile(r'<(details|div) class="(?:info|admonition info) adm-block" data-search-exclude>(.*?)</\1>', re.S)


def config_of(page: str) -> dict:
    found = re.search(r'<script id="__help" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def blocks(page: str) -> list[tuple[str, str]]:
    return BLOCK.findall(page)


def test_tzdata_ships_once_as_the_worker_unpacks_it(built_site):
    manifest = guide_data.runtime_manifest()
    archives = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("tzdata-*.zip"))
    assert archives == [manifest["tzdata_zip"]]
    assert manifest["tzdata_zip"].endswith(f"tzdata-{importlib.metadata.version('tzdata')}.zip")
    with zipfile.ZipFile(built_site / manifest["tzdata_zip"]) as zf:
        names = zf.namelist()
    assert "tzdata/zoneinfo/America/New_York" in names and "tzdata/LICENSE" in names
    assert all(name.startswith("tzdata/") and "__pycache__" not in name for name in names)
    for prefix in PREFIX.values():
        for name in ("checks", *BLOCKS):
            page = (built_site / prefix / f"{name.split('#')[0]}.html").read_text(encoding="utf-8")
            assert config_of(page)["runtime"]["tzdata_zip"] == manifest["tzdata_zip"], name


@pytest.mark.parametrize("lang", PREFIX)
def test_checks_page_has_every_admin_part(built_site, lang):
    t = guide_data.localize(guide_data.strings(), lang)["admin"]
    page = (built_site / PREFIX[lang] / "checks.html").read_text(encoding="utf-8")
    found = blocks(page)
    assert len(found) == 1
    tag, inner = found[0]
    assert tag == "div"  # open on the checks page, under its own heading
    assert f'<p class="admonition-title">{t["for_admins"]}</p>' in inner
    assert 'data-parts="version hours rules session_log" data-level="3"' in inner
    assert f'<p class="adm-fallback">{t["noscript"]}</p>' in inner
    assert page.count("assets/js/admin-checks.js") == 1


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("name", BLOCKS)
def test_each_section_has_its_folded_admin_block(built_site, lang, name):
    strings = guide_data.localize(guide_data.strings(), lang)["admin"]
    other = guide_data.localize(guide_data.strings(), "en" if lang == "zh" else "zh")["admin"]
    part, after = BLOCKS[name]
    page = (built_site / PREFIX[lang] / f"{name.split('#')[0]}.html").read_text(encoding="utf-8")
    found = [b for b in blocks(page) if f'data-parts="{part}"' in b[1]]
    assert len(found) == 1, name
    tag, inner = found[0]
    assert tag == "details"  # folded: the pattern allows no `open`
    # Its summary names the check inside.
    assert inner.lstrip().startswith(f"<summary>{strings[f'block_{part}']}</summary>")
    assert strings["for_admins"] in strings[f"block_{part}"]
    assert f'<div class="adm" data-parts="{part}" data-level="3"' in inner
    assert f'<p class="adm-fallback">{strings["noscript"]}</p>' in inner
    assert other["noscript"] not in page
    assert re.search(r'<script type="module" src="[./]*assets/js/admin-checks\.js"></script>', page)
    # Right after its step: no other step heading between the step and the block.
    steps = re.findall(r'<h2 class="step[^"]*" data-step="([^"]+)"', page[: page.index(f'data-parts="{part}"')])
    assert steps[-1] == after, (name, steps)


@pytest.mark.parametrize("lang", PREFIX)
def test_the_rules_block_is_where_its_findings_lead(built_site, lang):
    """The rules findings link to the notifications section's rules-channels step: the block is there,
    and no longer in basics."""
    basics = (built_site / PREFIX[lang] / "basics.html").read_text(encoding="utf-8")
    assert blocks(basics) == []
    notifications = (built_site / PREFIX[lang] / "notifications.html").read_text(encoding="utf-8")
    assert [re.search(r'data-parts="([^"]+)"', inner).group(1) for _, inner in blocks(notifications)] == [
        "rules",
        "hours",
    ]
