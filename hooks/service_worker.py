"""The offline service worker, on the finished site (called by hooks/finish_site.py).

With `[offline] service_worker = true` (settings.toml):
- every page gets the "new version" notice (hidden) and `assets/js/sw-register.js`, which
  registers `sw.js` with workbox-window (copied from the pinned npm package, never a CDN);
- `scripts/service_worker.mjs` (workbox-build's generateSW) writes `sw.js`, precaching the
  finished files, these edits included, each with a revision hash: a new build makes a new sw.js.
With it off, no Workbox worker is written and pages register none. sw.js is then a small
worker that removes itself: a browser keeps a worker whose script is gone (404), and Chromium
keeps sending an open tab's navigations through it, so an older build's worker must be told to go.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks import guide_data

WORKBOX_WINDOW = "node_modules/workbox-window/build/workbox-window.prod.mjs"
# Where the page's side of Workbox lands (sw-register.js imports it by this name).
WINDOW_DEST = "assets/js/workbox-window.prod.mjs"
MARK = 'class="help-sw-update"'


# Replaces an older build's worker when the setting is off: clears its caches, unregisters, and
# reloads the open pages from the server.
REMOVER = """// The service worker is turned off ([offline] service_worker = false in settings.toml).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("help-")) await caches.delete(key);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
  })());
});
"""


def enabled(settings: dict | None = None) -> bool:
    return bool((settings or guide_data.settings())["offline"]["service_worker"])


def _notice(lang: str, rel: str, on: bool) -> str:
    t = guide_data.localize(guide_data.strings(), lang)["service_worker"]
    sw = f"{rel}sw.js" if on else ""  # empty: unregister any worker an older build left
    return (
        f'<div {MARK} role="status" hidden data-sw="{sw}" data-scope="{rel or "./"}">'
        f"<span>{html.escape(t['new_version'])}</span> "
        f'<button type="button" class="md-button md-button--primary">{html.escape(t["reload"])}</button>'
        "</div>\n"
        f'<script type="module" src="{rel}assets/js/sw-register.js"></script>\n'
    )


def inject(site: Path, on: bool) -> int:
    """Adds the notice, its stylesheet and the registration script to every page; returns the count.
    404.html is left alone: it is served at any depth, where its relative paths are wrong."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        rel_path = page.relative_to(site)
        if rel_path.as_posix() == "404.html":
            continue
        text = page.read_text(encoding="utf-8")
        if MARK in text:
            continue
        lang_match = re.search(r'<html[^>]*\blang="([a-z]+)', text)
        lang = lang_match.group(1) if lang_match and lang_match.group(1) in guide_data.LANGS else "zh"
        rel = "../" * (len(rel_path.parts) - 1)
        if "</body>" not in text or "</head>" not in text:
            raise SystemExit(f"service_worker: {rel_path} has no </head> or </body>")
        css = f'<link rel="stylesheet" href="{rel}assets/sw-update.css">\n' if on else ""
        text = text.replace("</head>", css + "</head>", 1)
        head, _, tail = text.rpartition("</body>")
        page.write_text(head + _notice(lang, rel, on) + "</body>" + tail, encoding="utf-8")
        count += 1
    return count


def _copy_window(site: Path) -> None:
    src = guide_data.ROOT / WORKBOX_WINDOW
    if not src.is_file():
        raise SystemExit(f"service_worker: {src} is missing; run `npm ci` (make setup)")
    # The source map is not shipped; drop the comment that would make devtools ask for it.
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", src.read_text(encoding="utf-8"))
    (site / WINDOW_DEST).write_text(text, encoding="utf-8")


def generate(site: Path) -> dict | None:
    """Writes sw.js (the remover when the setting is off); returns what was precached:
    {"count": files, "size": bytes, "warnings": [...]}, or None when off."""
    on = enabled()
    inject(site, on)
    if not on:
        (site / "sw.js").write_text(REMOVER, encoding="utf-8")
        (site / WINDOW_DEST).unlink(missing_ok=True)
        return None
    _copy_window(site)
    node = shutil.which("node")
    if node is None:
        raise SystemExit("service_worker: node is not installed; the service worker is built with workbox-build")
    result = subprocess.run(
        [node, "scripts/service_worker.mjs", str(site)],
        cwd=guide_data.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"service_worker: workbox-build failed:\n{result.stderr or result.stdout}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["warnings"]:
        raise SystemExit("service_worker: workbox-build warned:\n" + "\n".join(report["warnings"]))
    return report
