"""Lighthouse on every page type in both languages (`make bench`, or `python -m scripts.lighthouse_bench`).

Builds the site for the address it is then served on (127.0.0.1, a free port, with the CSP
header, as scripts/serve_site.py serves it), and runs the pinned `lighthouse` npm package with
Debian's Chromium, one page at a time and one Chrome at a time (the machine has 2 cores):
SEO, accessibility, best practices and performance with the desktop preset, then performance
with Lighthouse's default mobile emulation. The targets are for the desktop run; the mobile
score is recorded (README). Exits non-zero, naming the page, category and failing audits,
when a target is missed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import serve_site
from tests.conftest import CHROMIUM, build_site

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# One page of each type, in both languages; the 404 page holds both languages.
PAGE_TYPES = ["index", "basics", "faq", "checks", "compare", "request", "checklist"]
PAGES = [f"{prefix}{name}.html" for prefix in ("", "en/") for name in PAGE_TYPES] + ["404.html"]
CATEGORIES = ["seo", "accessibility", "best-practices", "performance"]
# Minimum scores (0-100) of the desktop run.
TARGETS = {"seo": 100, "accessibility": 100, "best-practices": 100, "performance": 95}
# The 404 page is fetched as /404.html (status 200): a missing URL's status 404 is what
# Lighthouse's "http-status-code" audit exists to flag, and it is right for that page.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def lighthouse(url: str, mobile: bool, workdir: Path) -> dict:
    """One Lighthouse run; its JSON report."""
    out = workdir / "report.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
        "--max-wait-for-load=60000",
    ]
    command += (
        ["--only-categories=performance"]
        if mobile
        else ["--preset=desktop", f"--only-categories={','.join(CATEGORIES)}"]
    )
    env = {**os.environ, "CHROME_PATH": CHROMIUM or ""}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode or not out.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stdout}\n{done.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int]:
    return {key: round((cat["score"] or 0) * 100) for key, cat in report["categories"].items()}


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost `category` points: id and title."""
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            out.append(f"{ref['id']} ({audit['score']:.2f}): {audit['title']}")
    return out


def run(base: str, workdir: Path, pages: list[str]) -> tuple[dict, list[str]]:
    """Scores per page ({page: {category: score, "performance-mobile": score}}) and the misses."""
    results: dict[str, dict[str, int]] = {}
    misses: list[str] = []
    for page in pages:
        desktop = lighthouse(base + page, mobile=False, workdir=workdir)
        mobile = lighthouse(base + page, mobile=True, workdir=workdir)
        row = scores(desktop)
        row["performance-mobile"] = scores(mobile)["performance"]
        row["tbt-mobile-ms"] = round(mobile["audits"]["total-blocking-time"]["numericValue"])
        results[page] = row
        keep = os.environ.get("LIGHTHOUSE_REPORTS")  # a folder to keep every JSON report in
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            for kind, report in (("desktop", desktop), ("mobile", mobile)):
                name = f"{page.replace('/', '_')}.{kind}.json"
                (Path(keep) / name).write_text(json.dumps(report), encoding="utf-8")
        print(f"  {page:22} " + "  ".join(f"{k} {v}" for k, v in row.items()), flush=True)
        for category, target in TARGETS.items():
            if row[category] < target:
                misses.append(f"{page}: {category} {row[category]} < {target}")
                misses += [f"    {line}" for line in failing_audits(desktop, category)]
    return results, misses


def summary(results: dict) -> dict:
    """The lowest score of each category over the pages (what the README table shows)."""
    keys = [*CATEGORIES, "performance-mobile"]
    out = {f"lighthouse_min_{k.replace('-', '_')}": min(row[k] for row in results.values()) for k in keys}
    mobile = sorted(row["performance-mobile"] for row in results.values())
    out["lighthouse_mobile_performance_range"] = f"{mobile[0]}–{mobile[-1]}"
    tbt = sorted(row["tbt-mobile-ms"] for row in results.values())
    out["lighthouse_mobile_tbt_range_ms"] = f"{tbt[0]}–{tbt[-1]}"
    return out


def main(pages: list[str] = PAGES) -> tuple[dict, list[str]]:
    """Builds, serves and runs; returns (results, misses). bench.py calls this."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run `make setup` (npm ci)")
    if CHROMIUM is None:
        raise SystemExit("Debian's Chromium is not installed (make setup installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        headers: dict[str, str] = {}
        # The server takes its port first; the build's site_url is that address.
        server = serve_site.start(site_dir, headers=headers)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            built = build_site(site_dir, f'site_url = "{base}"\n')
            if built.returncode:
                raise SystemExit(built.stdout + built.stderr)
            headers.update(serve_site.csp_headers(site_dir))  # the handler reads this dict
            print(f"Lighthouse {len(pages)} pages, desktop then mobile, on {base}", flush=True)
            results, misses = run(base, Path(tmp), pages)
        finally:
            serve_site.stop(server)
    return results, misses


if __name__ == "__main__":
    results, misses = main(sys.argv[1:] or PAGES)  # pages may be named, as "en/checks.html"
    print(json.dumps(summary(results), indent=2, ensure_ascii=False))
    if misses:
        print("Lighthouse targets missed:\n" + "\n".join(misses), file=sys.stderr)
        sys.exit(1)
