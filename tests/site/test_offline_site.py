"""The service worker as the build writes it (hooks/service_worker.py): sw.js precaches every page
of both languages, the search index, the assets, the runtime and any PDF, with nothing from
another host and no .gz; every page carries the notice in its language and the registration."""

from __future__ import annotations

import re

from hooks import guide_data, service_worker
from tests.conftest import LANG_PREFIX, page_paths

ENTRY = re.compile(r'\{url:"([^"]+)",revision:"([0-9a-f]+)"\}')


def manifest(site) -> dict[str, str]:
    return dict(ENTRY.findall((site / "sw.js").read_text("utf-8")))


def test_sw_precaches_every_page_the_search_index_assets_runtime_and_pdfs(built_site):
    urls = manifest(built_site)
    assert set(page_paths()) <= set(urls)
    runtime = guide_data.runtime_manifest()
    wanted = {
        "search/search_index.json",
        runtime["checks_zip"],
        runtime["segno_zip"],
        *(
            runtime["pyodide_dir"] + name
            for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
        ),
        service_worker.WINDOW_DEST,
        "assets/js/sw-register.js",
        "assets/js/checks-worker.js",
    }
    assert wanted <= set(urls)
    # Every site file a page may ask for: the pages, scripts, styles, images, runtime, PDFs.
    kinds = ("html", "js", "mjs", "css", "json", "wasm", "zip", "svg", "png", "pdf")
    on_disk = {
        p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file() and p.suffix[1:] in kinds
    }
    assert on_disk - {"sw.js"} <= set(urls), sorted(on_disk - set(urls))
    pdfs = [u for u in urls if u.endswith(".pdf")]
    assert [u for u in pdfs if "/" not in u] and [u for u in pdfs if u.startswith("en/")], pdfs  # the checklists
    assert not [u for u in urls if u.endswith((".gz", ".map")) or u == "sw.js"]
    assert all((built_site / u).is_file() for u in urls)


def test_sw_loads_nothing_from_another_host_and_waits_to_take_over(built_site):
    text = (built_site / "sw.js").read_text("utf-8")
    assert "importScripts" not in text  # the Workbox runtime is inlined
    assert not (set(re.findall(r"https?://[^\s\"'`)]+", text)) - {"https://bit.ly/wb-precache"})
    # A new worker takes over only when the page asks (the notice's Reload); the first claims at once.
    assert text.count("skipWaiting()") == 1
    assert re.search(r'"SKIP_WAITING"===\w+\.data\.type&&self\.skipWaiting\(\)', text)
    assert "self.clients.claim()" in text


def test_revisions_follow_the_content(built_site, tmp_path):
    """The cache is versioned by file: a page's revision is its content's hash."""
    import hashlib

    for url, revision in manifest(built_site).items():
        if url.endswith(".html"):
            assert hashlib.md5((built_site / url).read_bytes()).hexdigest() == revision, url  # Workbox's own hash


def test_every_page_has_the_notice_in_its_language_and_the_registration(built_site):
    strings = guide_data.strings()["service_worker"]
    for lang, prefix in LANG_PREFIX.items():
        rel = "../" * prefix.count("/")
        for path in [p for p in page_paths() if p.startswith(prefix) and p.count("/") == prefix.count("/")]:
            text = (built_site / path).read_text("utf-8")
            assert text.count('class="help-sw-update"') == 1, path
            assert f'data-sw="{rel}sw.js"' in text, path
            assert strings["new_version"][lang] in text and strings["reload"][lang] in text, path
            assert f'<script type="module" src="{rel}assets/js/sw-register.js"></script>' in text, path
            assert f'href="{rel}assets/sw-update.css"' in text, path
