"""The built site's Content-Security-Policy (hooks/csp.py), the README's copy of it, the .gz
files (hooks/precompress.py) and the file:// search stub, on the session's real build."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import tomllib
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks import csp, guide_data, precompress
from scripts import serve_site
from tests.conftest import ROOT


class Head(HTMLParser):
    """Inline code of a page, found by a real HTML parser (hooks/csp.py uses regular expressions)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head: list[tuple[str, dict]] = []
        self.in_head = False
        self.script: dict | None = None
        self.scripts: list[str] = []
        self.style_attrs: list[str] = []
        self.metas: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head.append((tag, a))
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.metas.append(a["content"])
        if a.get("style") is not None:
            self.style_attrs.append(a["style"])
        if tag == "script":
            runs = (a.get("type") or "text/javascript").lower() in ("text/javascript", "module")
            self.script = {"runs": runs and "src" not in a, "text": ""}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self.script is not None:
            if self.script["runs"]:
                self.scripts.append(self.script["text"])
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"] += data


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, tuple[str, Head]]:
    out = {}
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        head = Head()
        head.feed(text)
        out[path.relative_to(built_site).as_posix()] = (text, head)
    return out


@pytest.fixture(scope="module")
def built(pages) -> str:
    return pages["index.html"][1].metas[0]


def test_every_page_carries_one_policy_first_in_head(pages, built):
    assert len(pages) >= 21
    for rel, (text, head) in pages.items():
        assert head.metas == [built], rel
        # Right after <meta charset> (which must stay in the first 1024 bytes), before anything else.
        assert [t for t, _ in head.head[:2]] == ["meta", "meta"], rel
        assert head.head[0][1].get("charset", "").lower() == "utf-8", rel
        assert head.head[1][1].get("http-equiv") == "Content-Security-Policy", rel
        assert text.lower().find("<meta charset") < 1024, rel


def test_the_policy_is_strict(built):
    d = directives(built)
    assert d["default-src"] == ["'self'"]
    assert d["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(v.startswith("'sha256-") for v in d["script-src"][2:])
    assert d["worker-src"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert d["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in built and "'unsafe-eval'" not in built
    assert "frame-ancestors" not in d  # ignored in a <meta>; the header adds it
    # Styles: the site's own files, plus only the exact style="" values the build writes.
    assert d["style-src"][0] == "'self'"
    assert all(v == "'unsafe-hashes'" or v.startswith("'sha256-") for v in d["style-src"][1:])


def test_every_inline_script_and_style_of_every_page_is_hashed(pages, built):
    d = directives(built)
    needed_scripts, needed_styles = set(), set()
    for rel, (_, head) in pages.items():
        assert head.scripts, f"{rel}: the theme's inline scripts are gone; is the parser right?"
        needed_scripts |= {sha(s) for s in head.scripts}
        needed_styles |= {sha(s) for s in head.style_attrs}
    assert needed_scripts <= set(d["script-src"])
    assert needed_styles <= set(d["style-src"])
    # Nothing else: no hash of code the site does not have.
    assert set(d["script-src"][2:]) == needed_scripts
    assert {v for v in d["style-src"] if v.startswith("'sha256-")} == needed_styles


def test_connect_src_is_the_site_and_the_configured_hosts(built):
    probe = guide_data.settings()["probe"]
    expected = ["'self'"]
    for url in [*probe["hosts"], probe["websocket_echo_url"], probe["time_url"]]:
        if url:
            origin = "/".join(url.split("/")[:3])
            if origin not in expected:
                expected.append(origin)
    assert directives(built)["connect-src"] == expected


def test_policy_names_echo_and_time_origins_once():
    settings = {
        "probe": {
            "hosts": ["https://a.example/x/", "https://a.example/y", "https://b.example:8443/"],
            "websocket_echo_url": "wss://echo.example/ws",
            "time_url": "",
        }
    }
    d = directives(csp.policy(settings, {"'sha256-x'"}))
    assert d["connect-src"] == ["'self'", "https://a.example", "https://b.example:8443", "wss://echo.example"]
    assert d["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'sha256-x'"]
    assert d["style-src"] == ["'self'"]  # no style attribute, no 'unsafe-hashes'


def readme_policy() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r'set \$csp "([^"]+)";', text)
    assert found, "README: no CSP in the nginx sample"
    assert text.count("add_header Content-Security-Policy $csp always;") == 2
    return found.group(1)


def test_readme_sends_the_built_policy_for_the_default_settings(built_site, built):
    """The README's nginx sample: the same policy as the pages carry, as a header, with
    frame-ancestors. Compared for settings.toml alone (the second CI pass builds under an overlay,
    whose probe hosts differ)."""
    with (ROOT / "settings.toml").open("rb") as fh:
        defaults = tomllib.load(fh)
    default_policy = csp.header_policy(csp.site_policy(built_site, defaults))
    if guide_data.overlay_paths():
        # An overlay changes the theme's inline scripts too (the site's name, its URL): only
        # the hashes can differ from a build with settings.toml alone.
        def unhashed(policy: str) -> str:
            return re.sub(r" 'sha256-[A-Za-z0-9+/=]+'", "", policy)

        assert unhashed(readme_policy()) == unhashed(default_policy)
    else:
        assert readme_policy() == default_policy == csp.header_policy(built)


def test_serve_site_sends_the_policy_and_the_build_gz(built_site, built):
    headers = serve_site.csp_headers(built_site)
    assert headers == {"Content-Security-Policy": csp.header_policy(built)}
    server = serve_site.start(built_site, headers=headers)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(urllib.request.Request(base + "index.html")) as resp:
            assert resp.headers["Content-Security-Policy"] == csp.header_policy(built)
        request = urllib.request.Request(base + "en/basics.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            assert resp.read() == (built_site / "en/basics.html.gz").read_bytes()
    finally:
        serve_site.stop(server)


def test_precompressed_files_are_complete_exact_and_deterministic(built_site):
    targets = precompress.targets(built_site)
    assert any(p.suffix == ".wasm" for p in targets) and any(p.name == "index.html" for p in targets)
    written = 0
    for path in targets:
        gz = path.with_name(path.name + ".gz")
        data = path.read_bytes()
        if not gz.exists():
            assert len(precompress.compress(data)) >= len(data), f"{path}: no .gz"
            continue
        packed = gz.read_bytes()
        assert gzip.decompress(packed) == data, path
        assert packed[4:8] == b"\0\0\0\0", f"{path}: gzip mtime is not 0"
        assert packed[3] & 0x08 == 0, f"{path}: gzip header names a file"
        assert packed == precompress.compress(data), f"{path}: not reproducible"
        written += 1
    assert written >= len(targets) - 2
    if (built_site / "sw.js").is_file() and (built_site / "sw.js").stat().st_size >= precompress.MIN_BYTES:
        assert (built_site / "sw.js.gz").is_file()
    # Small files and other types get none (MkDocs writes its own sitemap.xml.gz).
    for gz in built_site.rglob("*.gz"):
        original = gz.with_suffix("")
        assert original in targets or gz.name == "sitemap.xml.gz", gz


def test_file_url_search_stub(built_site):
    """Opened from disk the theme loads search/search_index.js; the build writes one without documents."""
    stub = (built_site / "search/search_index.js").read_text(encoding="utf-8")
    assert stub.startswith("var __index = ") and len(stub) < 2000
    real = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert json.loads(stub.removeprefix("var __index = ").rstrip().rstrip(";")) == {
        "config": real["config"],
        "docs": [],
    }


def test_file_notice_script_is_classic_on_every_page(pages):
    for rel, (text, _) in pages.items():
        tag = re.search(r'<script[^>]*src="[^"]*assets/js/file-notice\.js"[^>]*>', text)
        assert tag and "module" not in tag.group(0), rel


def test_apply_is_idempotent(tmp_path, built_site):
    page = tmp_path / "index.html"
    page.write_text((built_site / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    once = page.read_text(encoding="utf-8")
    csp.apply(tmp_path)
    twice = page.read_text(encoding="utf-8")
    assert once.count("Content-Security-Policy") == twice.count("Content-Security-Policy") == 1
    assert Path(tmp_path / "search").exists() is False  # no index, no stub


def test_serve_site_sends_the_404_page_for_a_missing_file_at_any_depth(built_site, built):
    server = serve_site.start(built_site, headers=serve_site.csp_headers(built_site))
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        for missing in ("nope.html", "en/nope/deeper/x.html", "assets/nope.js"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(base + missing)
            assert caught.value.code == 404
            assert caught.value.headers["Content-Security-Policy"] == csp.header_policy(built)
            assert caught.value.read() == (built_site / "404.html").read_bytes()
    finally:
        serve_site.stop(server)
