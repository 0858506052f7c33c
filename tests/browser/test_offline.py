"""Offline support in headless Chromium (persistent contexts, service workers allowed): after one
visit every page in both languages reloads offline from the service worker with its text, search
finds results, the checks run and report the browser offline, and the request builder writes
its text; a rebuild shows "a new version" and Reload brings it; a build with the service worker
turned off removes the old one."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from scripts import serve_site
from tests.browser.panels import findings, judged_facts, run_panel, search
from tests.conftest import LANG_PREFIX, build_site, page_paths

PHONE = "+86 10 5555 0199"  # the changed page of the rebuild: support.html shows it
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def heading(site: Path, path: str) -> str:
    """The page's first heading as the build wrote it (text only)."""
    raw = H1.search((site / path).read_text("utf-8")).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", raw)).replace("¶", "").strip()


@pytest.fixture
def served(built_site, tmp_path):
    """A copy of the default build, served; tests may overwrite it with a rebuild."""
    root = tmp_path / "site"
    shutil.copytree(built_site, root)
    server = serve_site.start(root)
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    serve_site.stop(server)


@pytest.fixture
def sw_context(browser_type, browser_type_launch_args, tmp_path):
    context = browser_type.launch_persistent_context(
        str(tmp_path / "profile"), **browser_type_launch_args, service_workers="allow"
    )
    yield context
    context.close()


def visit_until_controlled(page, url: str) -> None:
    page.goto(url, wait_until="load")
    # clientsClaim: the worker controls the page once it is active, i.e. once the precache is complete.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60000)


def replace_site(root: Path, new: Path) -> None:
    """Deploys a new build into the served folder, as a copy over the old one would."""
    shutil.rmtree(root)
    shutil.copytree(new, root)


def test_every_page_search_checks_and_request_work_offline(sw_context, served):
    root, base = served
    page = sw_context.pages[0] if sw_context.pages else sw_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    visit_until_controlled(page, base + "index.html")
    sw_context.set_offline(True)
    assert page.evaluate("() => navigator.onLine") is False

    for path in page_paths():
        response = page.goto(base + path, wait_until="load")
        assert response is not None and response.ok and response.from_service_worker, path
        assert page.locator("h1").first.inner_text().replace("¶", "").strip() == heading(root, path), path
    # The site root and the English root: directory URLs come from the precache too.
    for path in ("", "en/"):
        response = page.goto(base + path, wait_until="load")
        assert response.from_service_worker and page.locator("h1").first.inner_text().strip(), path

    page.goto(base + "index.html", wait_until="load")
    assert base + "notifications.html" in search(page, "通知")
    page.goto(base + "en/index.html", wait_until="load")
    assert base + "en/notifications.html" in search(page, "notification")

    for lang in LANG_PREFIX:
        page.goto(f"{base}{LANG_PREFIX[lang]}checks.html", wait_until="load")
        # The runtime loads from the precache: the checks run in Python, not the offline fallback.
        page.wait_for_selector("#check-all[data-runtime=ready]", state="attached", timeout=90000)
        result = run_panel(page, "#check-all", timeout=90000)
        assert result["conn-online"] == "fail", result
        assert judged_facts(page)["connectivity"]["online"] is False
        assert len(findings(page)) > 1  # the other areas were judged too

    page.goto(base + "en/request.html", wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    page.locator("#rq-account").fill("offline-desk-7")
    page.wait_for_function("() => document.querySelector('[data-out=text]').value.includes('offline-desk-7')")
    assert errors == []


def test_a_new_build_is_offered_and_reload_brings_it(sw_context, served, tmp_path):
    root, base = served
    page = sw_context.pages[0] if sw_context.pages else sw_context.new_page()
    visit_until_controlled(page, base + "en/support.html")
    notice = page.locator(".help-sw-update")
    assert notice.is_hidden()
    assert PHONE not in page.content()

    rebuilt = tmp_path / "rebuilt" / "site"
    rebuilt.parent.mkdir()
    result = build_site(rebuilt, f'[support]\nphone = "{PHONE}"\n')
    assert result.returncode == 0, result.stdout + result.stderr
    replace_site(root, rebuilt)

    # A navigation makes the browser fetch sw.js: the new worker installs and waits, and the
    # page still comes whole from the old build's cache.
    page.reload(wait_until="load")
    notice.wait_for(state="visible", timeout=60000)
    assert PHONE not in page.locator("article").inner_text()
    assert "new version" in notice.inner_text()
    with page.expect_navigation(wait_until="load"):
        notice.locator("button").click()
    assert PHONE in page.locator("article").inner_text()
    assert notice.is_hidden()
    # Every page now comes from the new build's cache, offline too.
    sw_context.set_offline(True)
    response = page.goto(base + "support.html", wait_until="load")
    assert response.from_service_worker and PHONE in page.locator("article").inner_text()
    sw_context.set_offline(False)

    # The deployment turns the service worker off: sw.js is now a worker that removes itself,
    # its caches too, and reloads the open page from the server.
    off = tmp_path / "off" / "site"
    off.parent.mkdir()
    result = build_site(off, "[offline]\nservice_worker = false\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "importScripts" not in (off / "sw.js").read_text() and "precache" not in (off / "sw.js").read_text()
    replace_site(root, off)
    page.reload(wait_until="load")  # the browser checks sw.js on navigation
    # The remover reloads the page from the server: the new build's notice has no worker to register.
    page.wait_for_selector('.help-sw-update[data-sw=""]', state="attached", timeout=60000)
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    assert not any(key.startswith("help-") for key in page.evaluate("() => caches.keys()"))
    response = page.goto(base + "support.html", wait_until="load")
    assert not response.from_service_worker
    assert page.evaluate("() => navigator.serviceWorker.controller") is None
    assert page.get_attribute(".help-sw-update", "data-sw") == ""


def test_on_a_page_with_checks_the_precache_waits_for_the_runtime(sw_context, served):
    """The service worker registers only once the checks' runtime has loaded: its 16 MB precache
    must not compete with the runtime while the agent waits for the first finding."""
    _, base = served
    page = sw_context.pages[0] if sw_context.pages else sw_context.new_page()
    held: list = []
    sw_context.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # noqa: PLW0108 (Playwright wants a function, not a bound builtin)
    page.goto(base + "checks.html", wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(1500)  # room for a registration that should not happen yet (not a timing assertion)
    assert held, "the runtime did not start loading"
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    for route in held:
        route.continue_()
    sw_context.unroute("**/pyodide.asm.wasm")
    page.wait_for_selector("#check-all[data-runtime=ready]", state="attached", timeout=90000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60000)
