"""The workstation probe on the pages: minified, pointed at this site, and handed out three ways.

docs/assets/js/workstation-probe.js is minified once per build with terser (an npm dependency,
run by node), then filled in per language: HELP_CHECKS_URL becomes the absolute address of the
checks page in that language, built from `site_url` (settings.toml; `mkdocs serve` uses its own
address), and HELP_COPY_PROMPT the text shown when the pop-up is blocked ([probe] in strings.toml).

hooks/render_guide.py gives the pages two things from here:
- {{ probe() }}: the bookmarklet link, the same code as one line for the developer console with
  a copy button and, unless source=False, the readable source in a collapsed block; it also loads
  docs/assets/js/workstation-handover.js, which reads the probe's facts on the checks page;
- the workstation panel's controls (PANEL_CONTROLS["workstation"]): the banner naming the tab
  the facts came from, and the box to paste the code into when the pop-up was blocked.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError

from hooks import guide_data

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs/assets/js/workstation-probe.js"
TERSER = ROOT / "node_modules/terser/bin/terser"
URL_TOKEN = "HELP_CHECKS_URL"
PROMPT_TOKEN = "HELP_COPY_PROMPT"
# The size the issue sets for the minified probe, in UTF-8 bytes (tests/site asserts it).
SIZE_LIMIT = 2048
# Left as they are in the javascript: address; everything else is percent-encoded, which the
# browser undoes before it runs the code. "%", "#", "?" and spaces must be encoded there.
BOOKMARKLET_SAFE = "!$&'()*+,-./:;=@[]_~{}|^"


def _fail(message: str):
    raise PluginError(f"workstation_probe: {message}")


@functools.cache
def _minify(source: str) -> str:
    """The source minified by terser; cached by its text, so `mkdocs serve` picks up edits."""
    node = shutil.which("node")
    if node is None:
        _fail("node is not installed; the build runs terser with Node.js to minify the workstation probe")
    if not TERSER.is_file():
        _fail(f"terser is missing ({TERSER}); install the locked npm packages: make setup-build (npm ci --omit=dev)")
    result = subprocess.run(
        [node, str(TERSER), "--compress", "passes=2", "--mangle", "--ecma", "2020"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        _fail(f"terser could not minify {SOURCE.relative_to(ROOT)}: {result.stderr.strip()[:1000]}")
    code = result.stdout.strip()
    return code


def minified() -> str:
    """The minified probe, its placeholders not yet filled in."""
    return _minify(SOURCE.read_text(encoding="utf-8"))


def checks_url(site_url: str, lang: str) -> str:
    """The absolute address of the checks page in `lang`, where the probe hands its facts over."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    lang_dir = "" if lang == guide_data.LANGS[0] else f"{lang}/"
    return f"{base}{lang_dir}checks.html"


def _fill(code: str, site_url: str, lang: str) -> str:
    prompt = guide_data.localize(guide_data.strings(), lang)["probe"]["prompt"]

    def js_string(text: str) -> str:  # the inside of a double-quoted JavaScript string
        return json.dumps(text, ensure_ascii=False)[1:-1]

    # Only inside strings (after their opening quote): the comments keep the names.
    for token, value in ((URL_TOKEN, checks_url(site_url, lang)), (PROMPT_TOKEN, prompt)):
        if code.count(f'"{token}') != 1:
            _fail(f"the probe must hold {token} exactly once, at the start of a double-quoted string")
        code = code.replace(f'"{token}', f'"{js_string(value)}')
    return code


def probe_code(site_url: str, lang: str) -> str:
    """The minified probe for `lang`: what the bookmarklet runs and the console line holds."""
    return _fill(minified(), site_url, lang)


def readable_source(site_url: str, lang: str) -> str:
    return _fill(SOURCE.read_text(encoding="utf-8"), site_url, lang)


def bookmarklet(code: str) -> str:
    return "javascript:" + quote(code, safe=BOOKMARKLET_SAFE)


def _site_url(config) -> str:
    return getattr(config, "site_url", None) or guide_data.settings()["site_url"]


def _script_tag(page) -> str:
    here = posixpath.dirname(page.url) or "."
    root = posixpath.relpath(".", here)
    return f'<script type="module" src="{root}/assets/js/workstation-handover.js"></script>'


def for_page(page, lang: str, config):
    """The page's {{ probe() }} function. Each call on a page gets its own element ids."""
    calls = []

    def probe(source: bool = True) -> str:
        calls.append(source)
        n = len(calls)
        t = guide_data.localize(guide_data.strings(), lang)["probe"]
        site_url = _site_url(config)
        code = probe_code(site_url, lang)
        field = f"ws-console-{n}"
        parts = [
            # Messages for docs/assets/js/workstation-handover.js.
            f'<div class="ws-probe" id="ws-probe-{n}" data-checks-url="{html.escape(checks_url(site_url, lang))}"'
            f' data-copied="{html.escape(t["copied"])}"'
            f' data-copy-failed="{html.escape(t["copy_failed"])}" data-clicked-here="{html.escape(t["clicked_here"])}">',
            # The link text becomes the bookmark's name.
            f'<p><a class="md-button md-button--primary ws-bookmarklet" href="{html.escape(bookmarklet(code))}">'
            f"{html.escape(t['link'])}</a></p>",
            f'<p class="ws-drag">{html.escape(t["drag"])}</p>',
            f'<p><label for="{field}">{html.escape(t["console_label"])}</label></p>',
            '<p class="ws-console">'
            f'<input id="{field}" class="ws-console-code" type="text" readonly spellcheck="false" autocomplete="off"'
            f' value="{html.escape(code)}">'
            f'<button type="button" class="md-button md-button--primary ws-copy" data-copy="{field}" hidden>{html.escape(t["copy"])}</button>'
            "</p>",
            '<p class="ws-probe-status" role="status" aria-live="polite"></p>',
        ]
        if source:
            parts.append(
                '<details class="ws-source" data-search-exclude>'
                f"<summary>{html.escape(t['source'])}</summary>"
                f"<p>{html.escape(t['source_note'])}</p>"
                f'<pre><code class="language-js">{html.escape(readable_source(site_url, lang))}</code></pre>'
                "</details>"
            )
        parts.append("</div>")
        # Module scripts run once per page, however many probe blocks it has.
        parts.append(_script_tag(page))
        return "\n\n" + "\n".join(parts) + "\n\n"

    return probe


def handover_controls(name: str, t: dict) -> str:
    """The workstation panel's controls: the banner and the paste box (render_guide.PANEL_CONTROLS)."""
    p = t["probe"]
    field = f"ws-paste-{name}"
    return (
        # Shown by docs/assets/js/workstation-handover.js once the checks can run here.
        '<div class="ws-handover" hidden>'
        '<p class="ws-banner" tabindex="-1" hidden></p>'
        f'<p><label for="{field}">{html.escape(p["paste_label"])}</label></p>'
        f'<p><textarea id="{field}" class="ws-paste-input" rows="3" spellcheck="false" autocomplete="off"'
        f' autocapitalize="off"></textarea></p>'
        f'<p><button type="button" class="md-button md-button--primary ws-paste-run">{html.escape(p["paste_button"])}</button></p>'
        '<p class="ws-message" role="status" aria-live="polite" tabindex="-1"></p>'
        "</div>"
    )
