"""Finishes the built site once every language is in it, in an order that matters:

1. search_index one search index per language (i18n merges them), each language's pages on theirs;
2. csp          a Content-Security-Policy <meta> in every page, hashing the theme's inline scripts;
3. checklist_pdf the printed checklist of each language as a PDF (rendered under that policy);
4. service_worker the Workbox service worker, precaching the finished files (PDFs, indexes included);
5. precompress  .gz files beside large text assets, for a server's gzip_static.

mkdocs-static-i18n builds the other languages inside the first build's on_post_build and
rewrites the search index after them, so the last on_post_build is still too early: this
runs at on_shutdown, only for `mkdocs build`, and only when the build got that far.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks import checklist_pdf, csp, precompress, search_index, service_worker

_state: dict = {}


def on_startup(command, **_):
    _state.clear()
    _state["command"] = command


def on_post_build(config, **_):
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language == i18n.build_languages[-1]:
        _state["site_dir"] = config.site_dir


def on_shutdown(**_):
    site_dir = _state.pop("site_dir", None)
    if _state.get("command") != "build" or site_dir is None:
        return
    site = Path(site_dir)
    search_index.split(site)
    csp.apply(site)
    checklist_pdf.render(site)
    service_worker.generate(site)
    precompress.write(site)
