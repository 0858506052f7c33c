"""The printed checklist of each language as an A4 PDF, beside its page (hooks/checklist.py).

Rendered by headless Chromium's command line (`--print-to-pdf`), the browser the tests already
use, so the PDF is exactly what "Print" gives in the browser: the site's own print styles, its
fonts (Noto CJK: the Chinese text stays text, for pdftotext and screen readers) and QR code.
The finished site is served from 127.0.0.1 on a free port (scripts/serve_site.py) rather than
opened as file://: the page is fetched as a reader fetches it, under its CSP, with the same URLs.
Both languages render at once, each Chromium in its own throw-away profile.

Chromium stamps the time and its own DOM node numbers into a PDF; both are rewritten (same
length, so the cross-reference offsets stay valid), and the same sources give the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks import checklist
from scripts import serve_site

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
TIMEOUT_S = 60
INSTALL = "install Debian's chromium and fonts-noto-cjk (`make setup-build` does it as root)"


def find_chromium() -> str:
    """$HELP_CHROMIUM, else Debian's Chromium, else one on PATH; a clear build error if none."""
    wanted = os.environ.get("HELP_CHROMIUM", "").strip()
    for candidate in (wanted,) if wanted else CANDIDATES:
        found = candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else shutil.which(candidate)
        if found:
            return found
    where = f"HELP_CHROMIUM={wanted!r} is not an executable" if wanted else "no Chromium found"
    raise PluginError(f"checklist PDF: {where}. The build prints the checklist with headless Chromium: {INSTALL}.")


def _check_cjk_font() -> None:
    """Without a CJK font Chromium prints Chinese as empty boxes, silently."""
    if not shutil.which("fc-list"):
        return
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    if not families.strip():
        raise PluginError(f"checklist PDF: no Chinese font installed, Chinese would print as boxes: {INSTALL}.")


def normalise(pdf: bytes, date: str) -> bytes:
    """Same sources, same bytes: the build date for Chromium's timestamps, and its DOM node ids
    (which shift between runs) renumbered in order of appearance. Every replacement keeps its
    length, so the cross-reference table stays right."""
    stamp = date.replace("-", "").encode() + b"000000"
    pdf = re.sub(rb"\((D:)\d{14}", lambda m: b"(" + m.group(1) + stamp, pdf)
    numbers: dict[bytes, bytes] = {}

    def renumber(m: re.Match) -> bytes:
        old = m.group(1)
        new = numbers.setdefault(old, b"%0*d" % (len(old), len(numbers) + 1))
        return b"(node" + new + b")"

    return re.sub(rb"\(node(\d{8,})\)", renumber, pdf)


ATTEMPTS = 3  # under heavy load Chromium has exited 0 without writing the PDF; a fresh run writes it


def _start(chromium: str, profile: Path, out: Path, url: str) -> subprocess.Popen:
    out.unlink(missing_ok=True)
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(run: subprocess.Popen, out: Path) -> str | None:
    """None when the PDF is written, else what went wrong."""
    try:
        _, err = run.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        return f"Chromium did not finish in {TIMEOUT_S} s"
    if run.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        tail = err.decode(errors="replace").strip().splitlines()[-5:]
        return f"Chromium exited with {run.returncode} and wrote no PDF:\n" + "\n".join(tail)
    return None


def render(site: Path) -> None:
    chromium = find_chromium()
    _check_cjk_font()
    date = checklist.build_date()
    server = serve_site.start(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        # Chromium's helpers may still be writing the profile as it exits: never fail on cleanup.
        with tempfile.TemporaryDirectory(prefix="checklist-pdf-", ignore_cleanup_errors=True) as tmp:
            jobs = {lang: site / pdf_name for lang, pdf_name in checklist.PDF_NAME.items()}
            failures: dict[str, str] = {}
            for attempt in range(ATTEMPTS):
                runs = {
                    lang: _start(chromium, Path(tmp) / f"{lang}-{attempt}", out, base + checklist.PAGE[lang])
                    for lang, out in jobs.items()
                }
                failures = {lang: why for lang, run in runs.items() if (why := _finish(run, jobs[lang]))}
                for lang in set(jobs) - set(failures):
                    jobs[lang].write_bytes(normalise(jobs[lang].read_bytes(), date))
                jobs = {lang: jobs[lang] for lang in failures}
                if not jobs:
                    return
            lang, why = next(iter(failures.items()))
            raise PluginError(f"checklist PDF ({lang}), after {ATTEMPTS} attempts: {chromium}: {why}")
    finally:
        serve_site.stop(server)
