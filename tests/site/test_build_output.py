"""Checks on the built site: pages, step anchors, parity of the languages, links, hosts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hooks import guide_data
from scripts import serve_site
from tests.conftest import LANG_PREFIX, PAGES, ROOT, build_site


class Outline(HTMLParser):
    """The parts of a page that both languages must share."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.ids: list[str] = []
        self.steps: list[str] = []
        self.blocks = {"tabbed-set": 0, "admonition": 0, "details": 0, "ck-panel": 0}
        self.links: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "article":
            self.in_article = True
        if a.get("id"):
            self.ids.append(a["id"])
        if "data-step" in a:
            self.steps.append(a["data-step"])
        classes = (a.get("class") or "").split()
        for name in self.blocks:
            if name in classes or tag == name:
                self.blocks[name] += 1
        if self.in_article and tag == "a" and a.get("href") and "headerlink" not in classes:
            self.links.append(a["href"])


def outline(site: Path, rel: str) -> Outline:
    parser = Outline()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANG_PREFIX)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_exists_in_both_languages_with_lang(built_site, lang, name):
    page = outline(built_site, f"{LANG_PREFIX[lang]}{name}.html")
    assert page.lang == lang


def test_every_step_is_an_anchor_on_its_section_page_in_both_languages(built_site):
    for section, steps in guide_data.steps_by_section().items():
        expected = [st["id"] for st in steps]
        for lang, prefix in LANG_PREFIX.items():
            page = outline(built_site, f"{prefix}{section}.html")
            assert page.steps == expected, (lang, section)
            assert set(expected) <= set(page.ids), (lang, section)


def test_step_ids_are_unique_and_wiki_safe():
    ids = [st["id"] for st in guide_data.steps_source()["steps"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]+", i) for i in ids)


@pytest.mark.parametrize("name", PAGES)
def test_languages_have_the_same_structure(built_site, name):
    zh, en = outline(built_site, f"{name}.html"), outline(built_site, f"en/{name}.html")
    assert zh.steps == en.steps
    assert zh.blocks == en.blocks

    # Same in-site links (the English ones sit one folder down); a bookmarklet's code is per language.
    def internal(links, up):
        return sorted(
            link.removeprefix(up) for link in links if not link.startswith(("http", "mailto:", "javascript:"))
        )

    assert internal(zh.links, "") == internal(en.links, "")


def product_literals(settings: dict) -> set[str]:
    """What names the product: its name and the host names of its addresses."""
    urls = [settings[k] for k in ("workstation_url", "official_site_url", "status_page_url")]
    urls += [settings["support"]["url"], *settings["probe"]["hosts"]]
    hosts = {urlsplit(url).hostname.removeprefix("www.") for url in urls}
    return {settings["product_name"]["zh"], settings["product_name"]["en"], *hosts}


def test_guide_pages_show_settings_not_hard_coded_names(built_site):
    settings = guide_data.settings()
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert settings["product_name"]["zh"] in text
    assert settings["product_name"]["en"] in (built_site / "en/index.html").read_text(encoding="utf-8")
    # Neither the defaults of settings.toml nor the deployment's values may be written into a page.
    with (ROOT / "settings.toml").open("rb") as fh:
        literals = product_literals(tomllib.load(fh)) | product_literals(settings)
    for md in (ROOT / "docs").glob("*.md"):
        source = md.read_text(encoding="utf-8")
        for literal in literals:
            assert literal not in source, f"{md.name} hard-codes {literal!r}; use a setting"


EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|icon|prefetch|preconnect|dns-prefetch))[^>]*\bhref=["']?(?:https?:)?//""",
    re.I,
)
CSS_EXTERNAL = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I)


def test_no_resource_from_another_host_in_html_or_css(built_site):
    offenders = []
    for path in built_site.rglob("*.html"):
        offenders += [f"{path}: {m.group(0)}" for m in EXTERNAL_RESOURCE.finditer(path.read_text(encoding="utf-8"))]
    for path in built_site.rglob("*.css"):
        offenders += [f"{path}: {m.group(0)}" for m in CSS_EXTERNAL.finditer(path.read_text(encoding="utf-8"))]
    assert not offenders


def test_scanner_catches_an_external_script():
    assert EXTERNAL_RESOURCE.search('<script src="https://cdn.example/x.js"></script>')
    assert EXTERNAL_RESOURCE.search('<link href="//fonts.example/css" rel="stylesheet">')
    assert not EXTERNAL_RESOURCE.search('<a href="https://example.com/">x</a>')
    assert CSS_EXTERNAL.search("@font-face{src:url(https://fonts.example/a.woff2)}")


def test_runtime_is_self_hosted_and_versioned(built_site):
    manifest = guide_data.runtime_manifest()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (built_site / manifest["pyodide_dir"] / name).is_file()
    assert (built_site / manifest["checks_zip"]).is_file()
    assert not (built_site / "en" / manifest["pyodide_dir"]).exists(), "runtime must be shipped once"


def test_language_sitemaps_exist(built_site):
    assert "/en/basics.html</loc>" in (built_site / "en/sitemap.xml").read_text(encoding="utf-8")


# A server answering with a "LinkChecker" header lifts linkchecker's politeness delay
# (0.1-0.6 s a request), which otherwise makes the run last a minute.
FULL_RATE = {"LinkChecker": "full-rate"}


def run_linkchecker(url: str) -> subprocess.CompletedProcess:
    linkchecker = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    return subprocess.run(
        [linkchecker, "--config", str(ROOT / "tests/linkcheckerrc"), "--no-status", url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_linkchecker_finds_no_broken_link_or_anchor(built_site):
    server = serve_site.start(built_site, headers=FULL_RATE)
    try:
        result = run_linkchecker(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        serve_site.stop(server)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\b0 warnings found\. 0 errors found", result.stdout), result.stdout[-2000:]


def test_broken_anchor_is_reported_by_linkchecker(tmp_path):
    """The link check must be able to fail: a page linking to a missing anchor."""
    (tmp_path / "index.html").write_text('<html><body><a href="b.html#nope">x</a></body></html>')
    (tmp_path / "b.html").write_text('<html><body><h2 id="yes">y</h2></body></html>')
    server = serve_site.start(tmp_path, headers=FULL_RATE)
    try:
        result = run_linkchecker(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        serve_site.stop(server)
    assert result.returncode != 0, result.stdout


def test_strict_build_fails_when_someone_adds_an_external_asset(tmp_path):
    """The privacy plugin turns any asset from another host into a strict-mode failure."""
    result = build_site(tmp_path / "site", config_extra="extra_javascript:\n  - https://cdn.example.com/widget.js\n")
    assert result.returncode != 0
    assert "cdn.example.com" in result.stdout + result.stderr
