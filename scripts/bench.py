"""Benchmarks: build time, page weight, the offline service worker (precache, offline reload), click-to-first-finding (cold, warm, start-up
hidden, runtime warmed), longest main-thread task, Pyodide in a worker vs on the main
thread, the workstation probe (its minified size, and probe → findings on screen), and
reports (a typical share link's length; comparing 20 reports), session logs of 300,000 and
1,000,000 rows (scripts/session_log_bench.py: browser and terminal, time and peak memory), and Lighthouse on every page
type in both languages (scripts/lighthouse_bench.py; exits non-zero when a target is missed).

Runs against a real build served on 127.0.0.1 with the probe hosts played by the
local test server, in Debian's headless Chromium. Prints a Markdown table for the
README and writes bench-results.json.
"""

from __future__ import annotations

import html
import json
import re
import socket
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts import lighthouse_bench, serve_site, session_log_bench
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, build_site
from tests.probe_server import ProbeServer
from tests.workstation_server import WorkstationServer

ROOT = Path(__file__).resolve().parent.parent

RUNS = 5
ARGS = CHROMIUM_ARGS

# Installed before the page's scripts: records long tasks and the largest gap of a 16 ms
# heartbeat, which is how a user feels a freeze.
PROBE_JS = """
window.__bench = {longest: 0, gap: 0, from: 0};
new PerformanceObserver(l => { for (const e of l.getEntries()) if (e.startTime >= __bench.from) __bench.longest = Math.max(__bench.longest, e.duration); })
  .observe({type: 'longtask', buffered: true});
let last = performance.now();
setInterval(() => { const t = performance.now(); if (last >= __bench.from) __bench.gap = Math.max(__bench.gap, t - last - 16); last = t; }, 16);
"""

# Clicks `button` and waits for the first item in `list` (selectors).
CLICK_AND_WAIT_JS = """async ({button, list: listSelector}) => {
  const list = document.querySelector(listSelector);
  __bench.from = performance.now(); __bench.longest = 0; __bench.gap = 0;
  const t0 = performance.now();
  const done = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('no finding within 60 s')), 60000);
    new MutationObserver((_, obs) => {
      if (list.children.length) { obs.disconnect(); resolve(performance.now() - t0); }
    }).observe(list, {childList: true});
  });
  document.querySelector(button).click();
  const ms = await done;
  return {ms, longest: __bench.longest, gap: __bench.gap};
}"""

WIDGET_TARGET = {"button": "#check-all .ck-run", "list": "#check-all .ck-findings"}
MAIN_THREAD_TARGET = {"button": "#go", "list": ".ck-findings"}

MAIN_THREAD_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>bench: main thread</title>
<button id="go">run</button><ul class="ck-findings"></ul>
<script type="module">
import { collect } from '/assets/js/facts.js';
const cfg = JSON.parse(document.getElementById('cfg').textContent);
// The same work as the widget (facts collected while the runtime loads), minus the worker.
document.getElementById('go').onclick = async () => {
  const load = (async () => {
    const { loadPyodide } = await import(cfg.pyodide + 'pyodide.mjs');
    const py = await loadPyodide({ indexURL: cfg.pyodide });
    py.unpackArchive(await (await fetch(cfg.zip)).arrayBuffer(), 'zip', { extractDir: '/home/pyodide/app' });
    py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
    return py;
  })();
  const [facts, py] = await Promise.all([collect(['all'], cfg.settings, {}), load]);
  const out = JSON.parse(py.pyimport('checks').run_json(JSON.stringify(facts), JSON.stringify(cfg.settings), 'null'));
  const li = document.createElement('li'); li.textContent = out.findings[0].id;
  document.querySelector('.ck-findings').append(li);
};
</script><script id="cfg" type="application/json">__CFG__</script></html>"""


# Installed in every document of a context: the time the first workstation finding is drawn.
WS_FIRST_JS = """
new MutationObserver((_, obs) => {
  if (document.querySelector('#check-workstation .ck-finding')) { window.__wsFirst = Date.now(); obs.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


def median(values):
    return round(statistics.median(values), 1)


def measure_build() -> float:
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = build_site(Path(tmp) / "site")
            times.append(time.perf_counter() - start)
            if result.returncode:
                raise SystemExit(result.stdout + result.stderr)
    return round(statistics.median(times), 2)


def sizes_of(page, into: list, exclude_runtime: bool = False, raw: list | None = None):
    """Bytes on the wire (body as sent, gzip or not, plus headers); optionally the
    uncompressed body sizes too. A cache hit reports a negative size: counted as 0."""

    def record(request):
        if exclude_runtime and ("/assets/runtime/" in request.url or "checks-worker" in request.url):
            return
        try:
            s = request.sizes()
            into.append(max(s["responseBodySize"], 0) + s["responseHeadersSize"])
            if raw is not None:
                raw.append(len(request.response().body()))
        except Exception:  # noqa: BLE001 - a request that vanished with its page
            pass

    page.on("requestfinished", record)


def run(site: str, browser, user_data: str, p) -> dict:
    out: dict = {}
    # Page weight: everything a guide page loads, without the runtime preload.
    weights, weights_raw, runtime_bytes, cold, hidden, tasks, gaps, warm, cold_tasks, cold_gaps = (
        [] for _ in range(10)
    )
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        bytes_page: list[int] = []
        bytes_raw: list[int] = []
        sizes_of(page, bytes_page, exclude_runtime=True, raw=bytes_raw)
        page.goto(site + "basics.html", wait_until="load")
        page.wait_for_timeout(500)
        weights.append(sum(bytes_page) / 1024)
        weights_raw.append(sum(bytes_raw) / 1024)
        ctx.close()

        # Cold: click as soon as the page has loaded, nothing cached.
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        all_bytes: list[int] = []
        sizes_of(page, all_bytes)
        page.goto(site + "checks.html", wait_until="domcontentloaded")
        page.wait_for_selector("#check-all .ck-run:visible")
        r = page.evaluate(CLICK_AND_WAIT_JS, WIDGET_TARGET)
        cold.append(r["ms"])
        cold_tasks.append(r["longest"])
        cold_gaps.append(r["gap"])
        page.wait_for_timeout(300)
        runtime_bytes.append(sum(all_bytes) / 1024)
        ctx.close()

        # Start-up hidden: click 5 s after load, as an agent reading the page would.
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(site + "checks.html", wait_until="load")
        page.wait_for_timeout(5000)
        r = page.evaluate(CLICK_AND_WAIT_JS, WIDGET_TARGET)
        hidden.append(r["ms"])
        tasks.append(r["longest"])
        gaps.append(r["gap"])
        ctx.close()

    # Warm: second visit in a persistent profile (HTTP cache and compiled wasm kept).
    ctx = p.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True, args=ARGS)
    page = ctx.new_page()
    page.goto(site + "checks.html", wait_until="load")
    page.locator("#check-all .ck-run").click()
    page.wait_for_selector("#check-all .ck-finding")
    page.close()
    for _ in range(RUNS):
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(site + "checks.html", wait_until="domcontentloaded")
        page.wait_for_selector("#check-all .ck-run:visible")
        warm.append(page.evaluate(CLICK_AND_WAIT_JS, WIDGET_TARGET)["ms"])
        page.close()
    ctx.close()

    out["page_weight_kb"] = median(weights)
    out["page_weight_uncompressed_kb"] = median(weights_raw)
    out["bytes_with_checks_kb"] = median(runtime_bytes)
    out["click_to_first_finding_cold_ms"] = median(cold)
    out["click_to_first_finding_warm_ms"] = median(warm)
    out["click_to_first_finding_after_5s_ms"] = median(hidden)
    out["longest_task_during_check_ms"] = median(tasks)
    out["longest_task_during_cold_check_ms"] = median(cold_tasks)
    out["largest_heartbeat_gap_during_cold_check_ms"] = median(cold_gaps)
    out["largest_heartbeat_gap_during_check_ms"] = median(gaps)
    return out


def run_main_thread(site_dir: Path, site: str, browser) -> dict:
    html = json.loads(
        (site_dir / "checks.html")
        .read_text(encoding="utf-8")
        .split('<script id="__help" type="application/json">')[1]
        .split("</script>")[0]
    )
    cfg = {
        "pyodide": "/" + html["runtime"]["pyodide"],
        "zip": "/" + html["runtime"]["checks_zip"],
        "settings": html["settings"],
    }
    (site_dir / "bench-main-thread.html").write_text(
        MAIN_THREAD_PAGE.replace("__CFG__", json.dumps(cfg)), encoding="utf-8"
    )
    cold, tasks, gaps = [], [], []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(site + "bench-main-thread.html", wait_until="load")
        r = page.evaluate(CLICK_AND_WAIT_JS, MAIN_THREAD_TARGET)
        cold.append(r["ms"])
        tasks.append(r["longest"])
        gaps.append(r["gap"])
        ctx.close()
    return {
        "main_thread_click_to_first_finding_cold_ms": median(cold),
        "main_thread_longest_task_ms": median(tasks),
        "main_thread_largest_heartbeat_gap_ms": median(gaps),
    }


def run_warm_all(site: str, browser) -> dict:
    """A click on "run all checks" once the runtime has warmed up (the panel says so) → first finding."""
    times = []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(site + "checks.html", wait_until="load")
        page.wait_for_selector("#check-all[data-runtime=ready]", state="attached", timeout=120000)
        times.append(page.evaluate(CLICK_AND_WAIT_JS, WIDGET_TARGET)["ms"])
        ctx.close()
    return {"click_to_first_finding_runtime_warm_ms": median(times)}


def probe_code(site_dir: Path, lang_dir: str = "") -> str:
    """The workstation probe's console line (the bookmarklet's code) as built into the checks page."""
    text = (site_dir / lang_dir / "checks.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r'class="ws-console-code"[^>]*value="([^"]*)"', text).group(1))


def run_probe(site: str, site_dir: Path, browser, workstation: WorkstationServer) -> dict:
    """The probe run on the workstation (clicked) → its findings on the help site's screen,
    with the help site cold (a new context: nothing cached, the runtime loads after the hand-over).
    Each run is paired with a cold click on "run all checks" right after it, so that the two
    compare under the same load of the machine."""
    code = probe_code(site_dir)
    times, cold, extra = [], [], []
    for _ in range(RUNS):
        ctx = browser.new_context()
        ctx.add_init_script(WS_FIRST_JS)
        desk = ctx.new_page()
        desk.goto(workstation.origin + "/desk", wait_until="load")
        with ctx.expect_page() as popup:
            started = desk.evaluate("Date.now()")
            desk.evaluate(code)
        help_page = popup.value
        help_page.wait_for_function("() => window.__wsFirst", timeout=120000)
        times.append(help_page.evaluate("window.__wsFirst") - started)
        ctx.close()
        ctx = browser.new_context()
        page = ctx.new_page()
        page.add_init_script(PROBE_JS)
        page.goto(site + "checks.html", wait_until="domcontentloaded")
        page.wait_for_selector("#check-all .ck-run:visible")
        cold.append(page.evaluate(CLICK_AND_WAIT_JS, WIDGET_TARGET)["ms"])
        extra.append(times[-1] - cold[-1])
        ctx.close()
    return {
        "probe_to_workstation_findings_cold_ms": median(times),
        "probe_paired_cold_click_ms": median(cold),
        "probe_over_cold_click_ms": median(extra),
        "probe_size_bytes": max(len(probe_code(site_dir, d).encode()) for d in ("", "en")),
    }


def run_reports(site: str, site_dir: Path, browser, workstation: WorkstationServer) -> dict:
    """The share link of a typical report (the probe's facts plus "run all checks"), and 20
    reports loaded on the compare page at once (files read, compared, drawn), runtime warm."""
    from checks.report import build
    from hooks import guide_data
    from tests.unit.request_data import META, typical_facts, typical_probe

    lengths = []
    for _ in range(RUNS):
        ctx = browser.new_context()
        desk = ctx.new_page()
        desk.goto(workstation.origin + "/desk", wait_until="load")
        with ctx.expect_page() as popup:
            desk.evaluate(probe_code(site_dir))
        page = popup.value
        page.wait_for_selector("#check-workstation .ck-finding", timeout=120000)
        page.locator("#check-all .ck-run").click()
        page.wait_for_selector("#check-all .ck-summary:not([hidden])", timeout=120000)
        page.locator(".rp-share").click()
        page.wait_for_function(
            "() => document.querySelector('.rp-link-field').value.includes('#report=')", timeout=60000
        )
        lengths.append(len(page.locator(".rp-link-field").input_value()))
        ctx.close()
    settings = guide_data.settings()
    reports = []
    for i in range(20):
        facts = typical_facts()
        facts["browser"]["cookies"] = i % 3 != 0  # a third of the desks block cookies
        facts["connectivity"]["websocket"]["echo_ok"] = i % 5 != 0
        reports.append(json.dumps(build(facts, None, typical_probe(), META, settings)))
    files = [
        {"name": f"agent-{i}.json", "mimeType": "application/json", "buffer": r.encode()} for i, r in enumerate(reports)
    ]
    times = []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(site + "compare.html", wait_until="load")
        page.locator(".cmp-files").set_input_files(files[:1])  # warms the runtime
        page.wait_for_selector(".cmp-findings", timeout=120000)
        page.locator(".cmp-clear").click()
        page.wait_for_function("() => !document.querySelector('.cmp-findings')")
        page.evaluate(
            """() => { window.__cmp = null; const t0 = performance.now();
            new MutationObserver((_, obs) => { if (document.querySelector('.cmp-groups')) { window.__cmp = performance.now() - t0; obs.disconnect(); } })
              .observe(document.querySelector('.cmp-result'), {childList: true, subtree: true}); }"""
        )
        page.locator(".cmp-files").set_input_files(files)
        page.wait_for_function("() => window.__cmp !== null", timeout=60000)
        times.append(page.evaluate("window.__cmp"))
        ctx.close()
    return {"share_link_typical_chars": median(lengths), "compare_20_reports_ms": median(times)}


KEYSTROKE_JS = """async (n) => {
  const input = document.querySelector('#rq-account');
  const text = document.querySelector('[data-out=text]');
  const times = [];
  for (let i = 0; i < n; i++) {
    const typed = input.value + 'k';
    const t0 = performance.now();
    const done = new Promise((resolve) => {
      const obs = new MutationObserver(() => { if (text.value.includes(typed)) { obs.disconnect(); resolve(); } });
      obs.observe(document.querySelector('#rq-outputs'), { attributes: true });
    });
    input.value = typed;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await done;
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return times;
}"""


def run_request(site: str, browser) -> dict:
    """The support request page with its runtime warm: one keystroke → the outputs updated
    (the input debounce, request.render in the worker and the drawing), 10 keystrokes a run."""
    times = []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(site + "request.html", wait_until="load")
        page.wait_for_selector("#rq[data-ready]", state="attached", timeout=120000)
        times += page.evaluate(KEYSTROKE_JS, 10)
        ctx.close()
    return {"request_keystroke_to_outputs_ms": median(times)}


PRECACHE_ENTRY = re.compile(r'\{url:"([^"]+)",revision:')


def precache_manifest(site_dir: Path) -> tuple[int, int]:
    """Files and bytes (uncompressed) that sw.js precaches."""
    urls = PRECACHE_ENTRY.findall((site_dir / "sw.js").read_text(encoding="utf-8"))
    return len(urls), sum((site_dir / url).stat().st_size for url in urls)


def run_offline(site: str, site_dir: Path, p, user_data: str) -> dict:
    """The service worker: what its precache moves in the background after the first visit
    (not part of the page weight), and a guide page reloaded offline from it."""
    files, size = precache_manifest(site_dir)
    ctx = p.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True, args=ARGS)
    background: list[int] = []

    def record(request):
        if request.service_worker is None:
            return
        try:
            s = request.sizes()
            background.append(max(s["responseBodySize"], 0) + s["responseHeadersSize"])
        except Exception:  # noqa: BLE001 - a request that vanished with its worker
            pass

    ctx.on("requestfinished", record)
    page = ctx.pages[0] if ctx.pages else ctx.new_page()
    page.goto(site + "basics.html", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120000)
    page.wait_for_timeout(500)
    ctx.set_offline(True)
    times = []
    for _ in range(RUNS):
        page.reload(wait_until="load")
        times.append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
    ctx.close()
    return {
        "precache_files": files,
        "precache_bytes": size,
        "precache_transferred_kb": round(sum(background) / 1024, 1),
        "offline_reload_ms": median(times),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    results = {"build_time_s": measure_build()}
    probe = ProbeServer().start()
    workstation = WorkstationServer().start()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        # The probe opens the help site at its site_url: build for the address it is served on.
        port = free_port()
        site = f"http://127.0.0.1:{port}/"
        overlay = f'site_url = "{site}"\nworkstation_url = "{workstation.origin}/"\n' + probe.settings_overlay()
        built = build_site(site_dir, overlay)
        if built.returncode:
            raise SystemExit(built.stdout + built.stderr)
        server = serve_site.start(site_dir, port)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            results.update(run(site, browser, str(Path(tmp) / "profile"), p))
            results.update(run_offline(site, site_dir, p, str(Path(tmp) / "sw-profile")))
            results.update(run_warm_all(site, browser))
            results.update(run_probe(site, site_dir, browser, workstation))
            results.update(run_reports(site, site_dir, browser, workstation))
            results.update(run_request(site, browser))
            results.update(session_log_bench.run(site, browser))
            results.update(run_main_thread(site_dir, site, browser))
            browser.close()
        serve_site.stop(server)
    workstation.stop()
    lighthouse, missed = lighthouse_bench.main()
    results.update(lighthouse_bench.summary(lighthouse))
    results["lighthouse"] = lighthouse
    results["runs"] = RUNS
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2))
    rows = [
        ("Build time (`make build`)", f"{results['build_time_s']} s"),
        (
            "Page weight of a guide page before any check runs, transferred (gzip)",
            f"{results['page_weight_kb']:.0f} KB",
        ),
        ("Same page, uncompressed", f"{results['page_weight_uncompressed_kb']:.0f} KB"),
        (
            "Service worker precache: files, bytes (uncompressed)",
            f"{results['precache_files']} files, {results['precache_bytes'] / 1048576:.1f} MB",
        ),
        (
            "Same, transferred in the background after the first visit (gzip; not in the page weight)",
            f"{results['precache_transferred_kb'] / 1024:.1f} MB",
        ),
        ("Guide page reloaded offline, from the service worker (load event)", f"{results['offline_reload_ms']:.0f} ms"),
        (
            "Bytes transferred when the checks run (cold, runtime included, gzip)",
            f"{results['bytes_with_checks_kb'] / 1024:.1f} MB",
        ),
        ("Click → first finding, cold (nothing cached)", f"{results['click_to_first_finding_cold_ms']:.0f} ms"),
        (
            "Click → first finding, warm (second visit, click at once: the cached runtime still boots)",
            f"{results['click_to_first_finding_warm_ms']:.0f} ms",
        ),
        ("Click → first finding, click 5 s after load", f"{results['click_to_first_finding_after_5s_ms']:.0f} ms"),
        (
            "“Run all checks” → first finding, runtime warm (clicked once the runtime is ready)",
            f"{results['click_to_first_finding_runtime_warm_ms']:.0f} ms",
        ),
        (
            "Workstation probe run → its findings on the help site's screen, help site cold",
            f"{results['probe_to_workstation_findings_cold_ms']:.0f} ms",
        ),
        (
            "Same, minus a cold click → first finding run right after each (help page load and probe included)",
            f"{results['probe_over_cold_click_ms']:.0f} ms (cold click: {results['probe_paired_cold_click_ms']:.0f} ms)",
        ),
        ("Workstation probe, minified (the longer language)", f"{results['probe_size_bytes'] / 1024:.2f} KB"),
        (
            "Share link of a typical report (the probe, then “run all checks”), length",
            f"{results['share_link_typical_chars']:.0f} characters",
        ),
        (
            "Compare 20 reports (files read, compared, drawn; runtime warm)",
            f"{results['compare_20_reports_ms']:.0f} ms",
        ),
        (
            "Support request: keystroke → text, Markdown and JSON updated (runtime warm)",
            f"{results['request_keystroke_to_outputs_ms']:.0f} ms",
        ),
        (
            "Worker: longest main-thread task, runtime warm (click 5 s after load)",
            f"{results['longest_task_during_check_ms']:.0f} ms",
        ),
        ("Worker: largest page freeze, runtime warm", f"{results['largest_heartbeat_gap_during_check_ms']:.0f} ms"),
        (
            "Worker: longest main-thread task, cold (runtime loads after the click)",
            f"{results['longest_task_during_cold_check_ms']:.0f} ms",
        ),
        ("Worker: largest page freeze, cold", f"{results['largest_heartbeat_gap_during_cold_check_ms']:.0f} ms"),
        (
            "Pyodide on the main thread: click → first finding, cold",
            f"{results['main_thread_click_to_first_finding_cold_ms']:.0f} ms",
        ),
        ("Pyodide on the main thread: longest task", f"{results['main_thread_longest_task_ms']:.0f} ms"),
        (
            "Pyodide on the main thread: largest page freeze",
            f"{results['main_thread_largest_heartbeat_gap_ms']:.0f} ms",
        ),
    ]
    rows += session_log_bench.rows(results)
    rows += [
        (
            "Lighthouse, desktop: lowest SEO, accessibility, best practices, performance over the pages",
            " / ".join(
                str(results[f"lighthouse_min_{k}"]) for k in ("seo", "accessibility", "best_practices", "performance")
            ),
        ),
        (
            "Lighthouse, mobile performance (one run per page), and its total blocking time",
            f"{results['lighthouse_mobile_performance_range']} "
            f"(blocking {results['lighthouse_mobile_tbt_range_ms']} ms)",
        ),
    ]
    print(f"| figure (median of {RUNS}) | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if missed:
        raise SystemExit("Lighthouse targets missed:\n" + "\n".join(missed))


if __name__ == "__main__":
    main()
