"""Puts the Python runtime and the checks archive into the built site.

Pyodide's core comes from the pinned npm package (never committed, never a CDN) and
lands once, at the site root, under a versioned path so browsers may cache it for good.
checks/ (but checks/native/, the terminal's own collectors) ships as one zip named by its content
hash, which the worker unpacks. segno (the share link's QR code) and tzdata (time zones for the
working-hours check), both pure Python, ship as <name>-<version>.zip, zipped from the installed
package; the worker unpacks each only when a call first needs it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks import guide_data

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def _is_root_build(config) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is None or i18n.current_language == i18n.default_language


def _write_language_sitemap(config) -> None:
    """mkdocs-static-i18n writes only the root sitemap.xml, but Material's language
    switcher fetches one per language (a console 404 otherwise). Write /<lang>/sitemap.xml
    from the root one, each entry's <loc> set to that language's alternate."""
    lang = config.plugins["i18n"].current_language
    root_map = Path(config.site_dir) / "sitemap.xml"
    if not root_map.is_file():
        return
    text = root_map.read_text(encoding="utf-8")

    def relocate(match: re.Match) -> str:
        block = match.group(0)
        alt = re.search(rf'hreflang="{lang}" href="([^"]+)"', block)
        return re.sub(r"<loc>[^<]*</loc>", f"<loc>{alt.group(1)}</loc>", block) if alt else block

    (Path(config.site_dir) / lang / "sitemap.xml").write_text(
        re.sub(r"<url>.*?</url>", relocate, text, flags=re.S), encoding="utf-8"
    )


def on_post_build(config, **_):
    if not _is_root_build(config):
        _write_language_sitemap(config)
        return
    site = Path(config.site_dir)
    manifest = guide_data.runtime_manifest()
    src = guide_data.ROOT / "node_modules/pyodide"
    dest = site / manifest["pyodide_dir"]
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if not (src / name).is_file():
            raise SystemExit(f"runtime_assets: {src / name} is missing; run `npm ci` (make setup)")
        target = dest / name
        if not target.exists() or target.stat().st_size != (src / name).stat().st_size:
            shutil.copy2(src / name, target)
    write_checks_zip(site / manifest["checks_zip"])
    write_package_zip("segno", site / manifest["segno_zip"])
    write_package_zip("tzdata", site / manifest["tzdata_zip"])


def write_checks_zip(archive: Path) -> None:
    """checks/ as the one archive the worker unpacks (the unit tests load the same one)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in guide_data.runtime_sources():
            zf.write(path, path.relative_to(guide_data.ROOT).as_posix())


def write_package_zip(name: str, archive: Path) -> None:
    """An installed pure-Python package (its modules, data files and licence), as the worker unpacks it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        raise SystemExit(f"runtime_assets: {name} is not installed; run `make setup` (requirements/build.txt)")
    package = Path(spec.origin).parent
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                zf.write(path, (name / path.relative_to(package)).as_posix())
        for licence in sorted(package.parent.glob(f"{name}-*.dist-info/**/LICENSE*")):
            zf.write(licence, f"{name}/{licence.name}")  # the licence's notice travels with the code
