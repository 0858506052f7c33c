"""The workstation probe as built into the pages: its size, what its code can do, and how it is
handed out (bookmarklet, console line, readable source) in each language."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from mkdocs.exceptions import PluginError

from hooks import guide_data, workstation_probe
from tests.conftest import LANG_PREFIX

# What a page may not let out or pull in; the probe needs none of it.
FORBIDDEN = (
    "import(",
    "XMLHttpRequest",
    "sendBeacon",
    "WebSocket",
    "EventSource",
    "createElement",
    "Image(",
    "innerHTML",
    "textContent",
    "innerText",
    "outerHTML",
    "querySelector",
    "getElementBy",
    "cookie",
    "localStorage",
    "sessionStorage",
    "indexedDB",
    "document.title",
    "eval(",
)


def page_parts(site, lang: str, name: str) -> dict:
    text = (site / f"{LANG_PREFIX[lang]}{name}.html").read_text(encoding="utf-8")
    return {
        "hrefs": [html.unescape(h) for h in re.findall(r'<a class="[^"]*ws-bookmarklet[^"]*" href="([^"]+)"', text)],
        "console": [html.unescape(v) for v in re.findall(r'class="ws-console-code"[^>]*value="([^"]*)"', text)],
        "source": [
            html.unescape(s) for s in re.findall(r'<pre><code class="language-js">(.*?)</code></pre>', text, re.S)
        ],
    }


def site_url() -> str:
    return guide_data.settings()["site_url"]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_probe_is_at_most_2_kb_minified(built_site, lang):
    code = page_parts(built_site, lang, "checks")["console"][0]
    size = len(code.encode("utf-8"))
    assert size <= workstation_probe.SIZE_LIMIT == 2048, f"{size} bytes"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_bookmarklet_console_line_and_source_are_the_same_probe_for_this_site(built_site, lang):
    parts = page_parts(built_site, lang, "checks")
    assert len(parts["hrefs"]) == len(parts["console"]) == len(parts["source"]) == 1
    code = parts["console"][0]
    assert "\n" not in code
    assert parts["hrefs"][0].startswith("javascript:")
    assert unquote(parts["hrefs"][0].removeprefix("javascript:")) == code
    # "%", "#", "?" and spaces would change the code on its way through the address.
    assert not re.search(r"[#? ]", parts["hrefs"][0].removeprefix("javascript:"))
    # It opens the checks page of the page's language, at the site's absolute address.
    target = workstation_probe.checks_url(site_url(), lang)
    assert target.startswith(("https://", "http://")) and target.endswith(f"{LANG_PREFIX[lang]}checks.html")
    assert f'"{target}#probe="' in code
    prompt = guide_data.localize(guide_data.strings(), lang)["probe"]["prompt"]
    assert f'prompt("{prompt}"' in code
    # The readable source is the file, with the same address and prompt filled in.
    source = workstation_probe.SOURCE.read_text(encoding="utf-8")
    expected = source.replace('"HELP_CHECKS_URL', f'"{target}').replace('"HELP_COPY_PROMPT', f'"{prompt}')
    assert parts["source"][0] == expected
    assert "HELP_CHECKS_URL" in parts["source"][0]  # the comment still names the placeholder


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_notification_steps_offer_the_probe_without_a_second_copy_of_the_source(built_site, lang):
    parts = page_parts(built_site, lang, "notifications")
    checks = page_parts(built_site, lang, "checks")
    assert len(parts["hrefs"]) == len(parts["console"]) == 2
    assert parts["source"] == []
    assert set(parts["console"]) == set(checks["console"])
    text = (built_site / f"{LANG_PREFIX[lang]}notifications.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(ws-[^"]+)"', text)
    assert len(ids) == len(set(ids)), ids


def test_the_probe_loads_nothing_and_sends_only_one_request():
    code = workstation_probe.minified()
    assert [word for word in FORBIDDEN if word in code] == []
    # This page's own address is read only for its origin and path (for the HEAD); the
    # address set is that of the help site's tab the probe opened.
    assert re.findall(r"(?<![.\w])location\.(\w+)", code) == ["origin", "pathname"]
    # One fetch: a HEAD to this page's own origin and path, without cookies, not following redirects.
    assert code.count("fetch(") == 1
    call = code[code.index("fetch(") :]
    target = re.match(r"fetch\((\w+)\+location\.pathname,", call)
    assert target and f"{target.group(1)}=location.origin" in code, call[:120]
    for option in ('method:"HEAD"', 'credentials:"omit"', 'redirect:"manual"', 'cache:"no-store"'):
        assert option in call[:200], option
    # The facts leave only in the fragment of the help site's address, or in the copy prompt.
    assert code.count("#probe=") == 1 and code.count("prompt(") == 1


def test_build_stops_with_a_clear_message_without_terser_or_node(monkeypatch, tmp_path):
    minify = workstation_probe._minify.__wrapped__  # not the cache
    monkeypatch.setattr(workstation_probe, "TERSER", tmp_path / "node_modules/terser/bin/terser")
    with pytest.raises(PluginError, match=r"terser is missing .*make setup-build"):
        minify("x")
    monkeypatch.setattr(workstation_probe.shutil, "which", lambda name: None)
    with pytest.raises(PluginError, match=r"node is not installed"):
        minify("x")


def test_a_probe_that_does_not_minify_stops_the_build():
    with pytest.raises(PluginError, match=r"terser could not minify"):
        workstation_probe._minify.__wrapped__("const = ;")


def test_placeholders_must_stay_in_strings():
    with pytest.raises(PluginError, match=r"HELP_CHECKS_URL exactly once"):
        workstation_probe._fill('const a = HELP_CHECKS_URL; prompt("HELP_COPY_PROMPT")', "https://h.example/", "en")
