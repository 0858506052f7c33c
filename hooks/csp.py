"""The site's own Content-Security-Policy, written into every page as a <meta http-equiv>.

One policy for the whole site: a server that sends it as a header (README, "Hosting on an
intranet (nginx)"; scripts/serve_site.py) sends the same string to every page, and a page
under both a header and a meta obeys both, so the policy must allow every page's inline code.
The theme's inline scripts (its localStorage helpers, palette and tab restore) differ per page
depth only in a relative path, so they are hashed from the finished pages, never allowed with
'unsafe-inline'. The build writes no style="" attribute today (classes in site.css instead);
one that appears is allowed by hash with 'unsafe-hashes', covering that exact value only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from hooks import guide_data

META_NAME = "Content-Security-Policy"
# Added only in the header: a <meta> policy cannot carry frame-ancestors (browsers ignore it there).
HEADER_ONLY = "frame-ancestors 'self'"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_STYLE_ATTR = re.compile(r"""<[a-zA-Z][^<>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_META = re.compile(r'\n[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
# Types a browser runs; application/json and the like are data.
_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_code(page: str) -> tuple[set[str], set[str]]:
    """The hash sources of a page's inline executable scripts, and of its inline styles
    (<style> elements and style="" attribute values, as the browser reads them)."""
    scripts = set()
    for attrs, body in _SCRIPT.findall(page):
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue
        scripts.add(_hash(body))
    styles = {_hash(body) for body in _STYLE_ELEMENT.findall(page)}
    for double, single in _STYLE_ATTR.findall(page):
        styles.add(_hash(html.unescape(double or single)))
    return scripts, styles


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def connect_sources(settings: dict) -> list[str]:
    """Where the checks connect besides the site itself: probe hosts, echo URL, time source."""
    probe = settings["probe"]
    urls = [*probe["hosts"], probe["websocket_echo_url"], probe["time_url"]]
    out: list[str] = []
    for url in urls:
        if url and _origin(url) not in out:
            out.append(_origin(url))
    return out


def policy(settings: dict, script_hashes: set[str] = frozenset(), style_hashes: set[str] = frozenset()) -> str:
    """The policy string of the <meta>; a header adds HEADER_ONLY (see header_policy)."""
    style = ["'self'"]
    if style_hashes:
        style += ["'unsafe-hashes'", *sorted(style_hashes)]
    directives = [
        ("default-src", ["'self'"]),
        # 'wasm-unsafe-eval': Pyodide compiles WebAssembly; nothing uses eval().
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *sorted(script_hashes)]),
        ("style-src", style),
        # data: for the theme's icons (CSS masks) and the emoji/QR images.
        ("img-src", ["'self'", "data:"]),
        ("connect-src", ["'self'", *connect_sources(settings)]),
        # Material's search worker, the checks' worker and the service worker.
        ("worker-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def header_policy(meta_policy: str) -> str:
    """The same policy for a Content-Security-Policy header, with frame-ancestors."""
    return f"{meta_policy}; {HEADER_ONLY}"


def site_policy(site: Path, settings: dict | None = None) -> str:
    """The policy for every page of a finished site (any meta already written is ignored)."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for path in sorted(site.rglob("*.html")):
        found = inline_code(_META.sub("", path.read_text(encoding="utf-8")))
        scripts |= found[0]
        styles |= found[1]
    return policy(settings if settings is not None else guide_data.settings(), scripts, styles)


def built_policy(site: Path) -> str | None:
    """The policy a built site carries (read from its home page), or None."""
    index = site / "index.html"
    if not index.is_file():
        return None
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', index.read_text("utf-8"))
    return html.unescape(found.group(1)) if found else None


def write_file_search_stub(site: Path) -> None:
    """Opened from disk, the theme loads search/search_index.js instead of the JSON, and throws
    an uncaught "Invalid script" on every page when it is missing. Its search worker cannot start
    from file:// anyway (the theme then hides search), so the file holds no documents: the
    theme's config only, a few hundred bytes instead of a second copy of the index. One beside
    each language's index (hooks/search_index.py), where that language's pages look for it."""
    for index in sorted(site.glob("**/search/search_index.json")):
        config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
        stub = {"config": config, "docs": []}
        index.with_suffix(".js").write_text(
            f"var __index = {json.dumps(stub, ensure_ascii=False)};\n", encoding="utf-8"
        )


def apply(site: Path) -> None:
    """Write the site's policy into every page, right after <meta charset> (which must stay in
    the first 1024 bytes), so it comes before every other element of <head>."""
    write_file_search_stub(site)
    csp = site_policy(site)
    content = html.escape(csp, quote=False).replace('"', "&quot;")
    meta = f'\n      <meta http-equiv="{META_NAME}" content="{content}">'
    for path in sorted(site.rglob("*.html")):
        page = _META.sub("", path.read_text(encoding="utf-8"))
        charset = _CHARSET.search(page)
        if charset is None:
            raise SystemExit(f"hooks/csp.py: {path.relative_to(site)} has no <meta charset>; cannot place the CSP")
        at = charset.end()
        path.write_text(page[:at] + meta + page[at:], encoding="utf-8")
