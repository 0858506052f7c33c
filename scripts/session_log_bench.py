"""Session-log benchmarks (part of `make bench`; alone: python -m scripts.session_log_bench).

- a 300,000-row export analysed in the browser: the file picked on the checks page, the runtime already
  warm, until the findings are drawn (the input's change event to the part's data-finished), and the
  peak resident memory of the renderer process holding the page and its worker (sampled from /proc
  every 50 ms: Pyodide's heap lives in the worker, which JSHeapUsedSize does not see);
- the same file from a terminal: `python -m checks session-log FILE --json`, wall time;
- 1,000,000 rows from a terminal: wall time and the child's peak RSS (os.wait4), beside the 300k run's
  peak RSS: the reader keeps aggregates only, so memory should not grow with the file.
The exports are generated on the fly (realistic columns, a four-hour gap on a busy Wednesday).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "会话ID,开始时间,结束时间,客服,状态,渠道,首次响应时间,消息数\n"
AGENTS = [f"客服{i:02d}" for i in range(40)]
CHANNELS = ["网页", "微信公众号", "微信小程序", "App", "微博"]
STATUSES = ["已结束"] * 97 + ["转接中", "排队中", "已结束"]
GAP = (datetime(2026, 9, 16, 10), datetime(2026, 9, 16, 14))  # a Wednesday: usually busy


def write_export(path: Path, rows: int) -> Path:
    """rows sessions from 2026-08-03, one about every 20 s between 08:00 and midnight, none in GAP."""
    rnd = random.Random(11)
    moment = datetime(2026, 8, 3, 8)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for n in range(1, rows + 1):
            moment += timedelta(seconds=rnd.expovariate(1 / 20))
            if moment.hour < 8:
                moment = moment.replace(hour=8)
            if GAP[0] <= moment < GAP[1]:
                moment = GAP[1]
            end = moment + timedelta(seconds=rnd.randint(30, 1800))
            first = moment + timedelta(seconds=rnd.randint(3, 90))
            out.write(
                f"S{n:08d},{moment:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},{rnd.choice(AGENTS)},"
                f"{rnd.choice(STATUSES)},{rnd.choice(CHANNELS)},{first:%Y-%m-%d %H:%M:%S},{rnd.randint(1, 40)}\n"
            )
    return path


def terminal_run(path: Path) -> dict:
    """Wall time and peak RSS of `python -m checks session-log FILE --json` (output discarded)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "checks", "session-log", str(path), "--json", "--limit-bytes", str(1 << 31)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1, 2):
        raise SystemExit(f"session-log failed: {child.stderr.read().decode()}")
    child.stderr.close()
    return {"s": wall, "peak_rss_mb": usage.ru_maxrss / 1024}


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def renderers() -> list[int]:
    """Chromium renderer processes started (through the Playwright driver) by this process."""
    tree, found, todo = _children(), [], [os.getpid()]
    while todo:
        pid = todo.pop()
        for child in tree.get(pid, []):
            todo.append(child)
            try:
                if b"--type=renderer" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
            except OSError:
                continue
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakRss:
    """The largest RSS any of the given processes reaches while sampling."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak, self._stop = pids, dict.fromkeys(pids, 0.0), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_mb(pid))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


PICKED = """(sel) => new Promise((resolve) => {
  const part = document.querySelector(sel);
  const before = Number(part.dataset.finished);
  part.querySelector("input[type=file]").addEventListener("change", () => { window.__t0 = performance.now(); }, { once: true });
  new MutationObserver((_, obs) => {
    if (Number(part.dataset.finished) > before) { obs.disconnect(); window.__t1 = performance.now(); }
  }).observe(part, { attributes: true, attributeFilter: ["data-finished"] });
  resolve();
})"""
PART = ".adm [data-admin=session_log]"


def browser_run(site: str, browser, path: Path, warmup: Path, runs: int = 3) -> dict:
    """Median time from picking the file to its findings, runtime warm; peak renderer RSS over the runs."""
    times, peaks, before = [], [], []
    for _ in range(runs):
        ctx = browser.new_context(service_workers="block")  # no precache running beside the analysis
        page = ctx.new_page()
        page.goto(site + "checks.html", wait_until="load")
        field = page.locator(f"{PART} input[type=file]")
        field.wait_for(state="visible")
        page.evaluate(PICKED, PART)
        field.set_input_files(str(warmup))  # starts the runtime: the figure is the analysis, not the boot
        page.wait_for_function("() => window.__t1 !== undefined", timeout=180000)
        pids = renderers()
        before.append(max(rss_mb(pid) for pid in pids))
        page.evaluate("() => { delete window.__t0; delete window.__t1; }")
        page.evaluate(PICKED, PART)
        with PeakRss(pids) as rss:
            field.set_input_files(str(path))
            page.wait_for_function("() => window.__t1 !== undefined", timeout=180000, polling=100)
        times.append(page.evaluate("() => window.__t1 - window.__t0"))
        peaks.append(max(rss.peak.values()))
        state = page.locator(PART).get_attribute("data-state")
        found = page.locator(f"{PART} [data-finding=session-log-gaps]").get_attribute("data-status")
        if state != "done" or found != "warn":
            raise SystemExit(f"session-log bench: state {state}, gaps finding {found}")
        ctx.close()
    return {
        "session_log_300k_browser_ms": round(statistics.median(times)),
        "session_log_300k_browser_peak_rss_mb": round(max(peaks)),
        "session_log_browser_rss_before_mb": round(statistics.median(before)),
    }


def run(site: str | None = None, browser=None) -> dict:
    """The terminal figures; the browser ones too when given a served build and a browser."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        small = write_export(Path(tmp) / "warmup.csv", 2000)
        rows300k = write_export(Path(tmp) / "sessions-300k.csv", 300_000)
        out["session_log_300k_mb"] = round(rows300k.stat().st_size / 1048576, 1)
        runs = [terminal_run(rows300k) for _ in range(3)]
        out["session_log_300k_terminal_s"] = round(statistics.median(r["s"] for r in runs), 2)
        out["session_log_300k_terminal_peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in runs))
        if browser is not None:
            out.update(browser_run(site, browser, rows300k, small))
        rows300k.unlink()
        rows1m = write_export(Path(tmp) / "sessions-1m.csv", 1_000_000)
        out["session_log_1m_mb"] = round(rows1m.stat().st_size / 1048576, 1)
        one = terminal_run(rows1m)
        out["session_log_1m_terminal_s"] = round(one["s"], 2)
        out["session_log_1m_terminal_peak_rss_mb"] = round(one["peak_rss_mb"])
    return out


ROWS = [
    (
        "Session log, 300,000 rows ({session_log_300k_mb} MB) in the browser: file picked → findings drawn (runtime warm)",
        "{session_log_300k_browser_ms} ms",
    ),
    (
        "Same: peak RSS of the page's renderer process, worker included (before the file: "
        "{session_log_browser_rss_before_mb} MB)",
        "{session_log_300k_browser_peak_rss_mb} MB",
    ),
    (
        "Session log, same file, terminal (`python -m checks session-log --json`, wall time)",
        "{session_log_300k_terminal_s} s",
    ),
    (
        "Session log, 1,000,000 rows ({session_log_1m_mb} MB), terminal: wall time, peak RSS (300,000 rows: "
        "{session_log_300k_terminal_peak_rss_mb} MB)",
        "{session_log_1m_terminal_s} s, {session_log_1m_terminal_peak_rss_mb} MB",
    ),
]


def rows(results: dict) -> list[tuple[str, str]]:
    return [(name.format(**results), value.format(**results)) for name, value in ROWS]


def main() -> None:
    from playwright.sync_api import sync_playwright

    from scripts import serve_site
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        built = build_site(site_dir)
        if built.returncode:
            raise SystemExit(built.stdout + built.stderr)
        server = serve_site.start(site_dir)
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            results = run(site, browser)
            browser.close()
        serve_site.stop(server)
    for name, value in rows(results):
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
