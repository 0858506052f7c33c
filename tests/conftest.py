"""Shared fixtures: real builds of the site, local servers and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import serve_site
from tests.probe_server import ProbeServer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if os.path.exists(p)), None)


# Quiet, offline-friendly flags; none of them changes what the checks measure.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def build_site(dest: Path, overlay: str | None = None, config_extra: str | None = None) -> subprocess.CompletedProcess:
    """A strict build into `dest`. `overlay` is a settings overlay (TOML text), applied after
    any deployment overlays already named by $HELP_SETTINGS_OVERRIDE (the second CI pass);
    `config_extra` is YAML added on top of mkdocs.yml for this build only."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if overlay:
        overlay_file = dest.with_suffix(".settings.toml")
        overlay_file.write_text(overlay, encoding="utf-8")
        stacked = [p for p in (os.environ.get("HELP_SETTINGS_OVERRIDE"), str(overlay_file)) if p]
        env["HELP_SETTINGS_OVERRIDE"] = os.pathsep.join(stacked)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    child = None
    if config_extra:
        # INHERIT resolves relative paths against the child, so it must sit at the root.
        child = ROOT / f".mkdocs-test-{os.getpid()}-{dest.parent.name}.yml"
        child.write_text(f"INHERIT: mkdocs.yml\n{config_extra}", encoding="utf-8")
        command += ["-f", str(child)]
    try:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    finally:
        if child:
            child.unlink()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site exactly as `make build` makes it, with the default settings."""
    dest = tmp_path_factory.mktemp("build") / "site"
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The default build, served on a free port: not the address it was built for, as when a
    deployment forgets to set site_url (tests/browser/test_404.py checks what that changes)."""
    server = serve_site.start(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    serve_site.stop(server)


@pytest.fixture(scope="session")
def probe_server() -> ProbeServer:
    return ProbeServer().start()


def serve_build(dest: Path, overlay: str = "") -> tuple[serve_site.SiteServer, str]:
    """A build served at the address it was built for, as a deployment serves it: the server
    takes its free port first, and the build's site_url is that address (its hreflang links,
    the checklist's QR code). `overlay` is settings TOML after site_url."""
    server = serve_site.start(dest)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = build_site(dest, f'site_url = "{url}"\n' + overlay)
    if result.returncode != 0:
        serve_site.stop(server)
    assert result.returncode == 0, result.stdout + result.stderr
    return server, url


@pytest.fixture(scope="session")
def probe_site_url(tmp_path_factory, probe_server) -> str:
    """The site built with its probe settings pointed at the local probe server, served at its
    site_url."""
    server, url = serve_build(tmp_path_factory.mktemp("probe-build") / "site", probe_server.settings_overlay())
    yield url
    serve_site.stop(server)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM is None:
        # Never skip: a missing browser is a broken setup, not an optional test.
        pytest.fail("Debian's Chromium is not installed (make setup installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


PAGES = [
    "index",
    "checks",
    "compare",
    "basics",
    "client",
    "notifications",
    "persists",
    "support",
    "request",
    "faq",
    "checklist",
]
LANG_PREFIX = {"zh": "", "en": "en/"}


def page_paths() -> list[str]:
    return [f"{LANG_PREFIX[lang]}{name}.html" for lang in LANG_PREFIX for name in PAGES]


def guard(context, page):
    """Fail-closed network guard: requests to any host but 127.0.0.1 are aborted and
    recorded; console errors and uncaught exceptions are collected."""
    foreign: list[str] = []
    errors: list[str] = []

    def route(route):
        url = route.request.url
        host = url.split("/")[2] if "://" in url else ""
        if url.startswith(("data:", "blob:")) or host.split(":")[0] == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.foreign_requests = foreign
    page.errors = errors
    return page


@pytest.fixture
def guarded_page(context, page):
    return guard(context, page)


@contextlib.contextmanager
def strict_page(browser, **context_args):
    """A page in a new context on which a dialog, a console error, an uncaught exception or a
    request leaving 127.0.0.1 fails the test (checked once the test body has passed)."""
    context = browser.new_context(**context_args)
    page = guard(context, context.new_page())
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        yield page
    finally:
        context.close()
    assert dialogs == [], dialogs
    assert page.errors == [], page.errors
    assert page.foreign_requests == [], page.foreign_requests


@pytest.fixture(scope="session", autouse=True)
def _no_service_workers():
    """Every page registers the offline service worker (hooks/service_worker.py), which would
    precache ~16 MB in each test's context and answer requests that page.route() then never
    sees. Contexts made with Browser.new_context (the `context` fixture and the tests' own)
    block it unless a test asks otherwise; tests/browser/test_offline.py uses persistent
    contexts, which allow it."""
    from playwright.sync_api import Browser

    original = Browser.new_context

    def new_context(self, *args, **kwargs):
        kwargs.setdefault("service_workers", "block")
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Browser, "new_context", new_context)
        yield
