"""`.gz` files beside the finished site's text assets, for a server's `gzip_static` (README,
"Hosting on an intranet (nginx)"); scripts/serve_site.py sends them too.

Runs last (hooks/finish_site.py), after the service worker, so sw.js gets one; the service
worker never precaches them (its glob ignores **/*.gz). Deterministic: no file name and mtime 0
in the gzip header, so the same site gives the same bytes. A .gz that would not be smaller is
not written (the server then sends the file itself).
"""

from __future__ import annotations

import gzip
import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt"}
MIN_BYTES = 1024
# Level 9 costs about as much as 6 on text and wasm here, and the files are written once per build.
LEVEL = 9


def compress(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=LEVEL, mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def targets(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES)


def write(site: Path) -> dict:
    """Writes the .gz files; returns counts and bytes (before, after) for the benchmark."""
    stats = {"files": 0, "bytes": 0, "gz_bytes": 0}
    # zlib releases the GIL: threads use every core (the Pyodide wasm alone is most of the work).
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for size, packed in pool.map(_one, targets(site)):
            if packed:
                stats["files"] += 1
                stats["bytes"] += size
                stats["gz_bytes"] += packed
    return stats


def _one(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    packed = compress(data)
    dest = path.with_name(path.name + ".gz")
    if len(packed) >= len(data):
        dest.unlink(missing_ok=True)
        return len(data), 0
    dest.write_bytes(packed)
    return len(data), len(packed)
