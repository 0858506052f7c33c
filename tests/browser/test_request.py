"""The support request page in headless Chromium (default flags), in both languages: every
field reaches every output, hostile text stays text, the form survives a reload and clears,
the mailto link, the runtime missing, ticks from the guide pages and the last check run."""

from __future__ import annotations

import json
import tomllib
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from hooks import guide_data
from scripts import serve_site
from tests.browser.panels import AXE, LANGS
from tests.conftest import LANG_PREFIX, ROOT, build_site, guard

FORM = tomllib.loads((ROOT / "request_form.toml").read_text("utf-8"))
FIELDS = {f["id"]: f for f in FORM["field"]}
FREE_TEXT = [f["id"] for f in FORM["field"] if f["type"] in ("text", "textarea")]
EMAIL = "help-desk@example.com"
HOSTILE = ["<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "</textarea><script>alert(1)</script>"]
OUTPUTS = ("text", "markdown", "json")


@pytest.fixture(scope="module")
def request_site(tmp_path_factory) -> str:
    """The site with a support e-mail address, so the page makes a mailto: link."""
    dest = tmp_path_factory.mktemp("request-build") / "site"
    result = build_site(dest, f'[support]\nemail = "{EMAIL}"\n')
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve_site.start(dest)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    serve_site.stop(server)


@pytest.fixture
def rq(context, page, request_site):
    """A guarded page where any dialog but an expected confirm fails the test."""
    guard(context, page)
    page.dialogs, page.confirms, page.accept_confirm = [], [], False

    def on_dialog(dialog):
        if dialog.type == "confirm" and page.accept_confirm:
            page.accept_confirm = False
            page.confirms.append(dialog.message)
            dialog.accept()
        else:
            page.dialogs.append(dialog.message)
            dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    assert page.dialogs == []
    assert page.foreign_requests == []
    assert page.errors == []


def open_request(page, base: str, lang: str):
    page.goto(f"{base}{LANG_PREFIX[lang]}request.html", wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    return page


def output(page, name: str) -> str:
    return page.input_value(f"[data-out={name}]")


def wait_outputs(page, needle: str) -> None:
    page.wait_for_function(
        "n => ['text', 'markdown', 'json'].every(o => document.querySelector(`[data-out=${o}]`).value.includes(n))",
        arg=needle,
        timeout=15000,
    )


def fill_all(page, token: str) -> dict[str, list[str]]:
    """Fills every field; returns per field what each output must show (in the page's language)."""
    lang = page.evaluate("document.documentElement.lang").split("-")[0]
    lang = "en" if lang == "en" else "zh"
    settings = guide_data.settings()
    expect: dict[str, list[str]] = {}
    for fid, field in FIELDS.items():
        kind = field["type"]
        if kind in ("text", "textarea"):
            value = f"V{token}{fid.replace('_', '')}"
            page.fill(f"#rq-{fid}", value)
            expect[fid] = [value]
        elif kind == "multiselect":
            choices = settings["support"]["channels"]
            for c in choices[:2]:
                page.check(f"#rq-{fid}-{c['id']}")
            expect[fid] = [c[lang] for c in choices[:2]]
        elif kind == "radio":
            c = field["choices"][1]
            page.check(f"#rq-{fid}-{c['id']}")
            expect[fid] = [c[lang]]
        elif kind == "steps":
            steps = guide_data.steps_source()["steps"][:2]
            for st in steps:
                page.check(f"#rq-{fid}-{st['id']}")
            expect[fid] = [st["id"] for st in steps]
        elif kind == "datetime":
            page.fill(f"#rq-{fid}-local", "2024-05-06T07:08")
            page.select_option(f"#rq-{fid}-zone", "Asia/Shanghai")
            expect[fid] = ["Asia/Shanghai"]  # the time: a clock time in text and Markdown, ISO 8601 in JSON
        elif kind == "duration":
            page.fill(f"#rq-{fid}-amount", "37")
            page.select_option(f"#rq-{fid}-unit", "hours")
            expect[fid] = ["37"]
        elif kind == "attachments":
            page.click(".rq-add")
            page.locator(".rq-attachment [data-part=name]").last.fill(f"shot{token}.png")
            page.locator(".rq-attachment [data-part=shows]").last.fill(f"Shows{token}")
            expect[fid] = [f"shot{token}", f"Shows{token}"]
    return expect


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_reaches_every_output(rq, request_site, lang):
    page = open_request(rq, request_site, lang)
    # Nothing filled in: an attempt to copy names the missing fields and moves the focus.
    page.click(".rq-copy[data-copy=text]")
    alert = page.locator("#rq-errors[role=alert]")
    alert.locator("li").first.wait_for()
    for field in FIELDS.values():
        if field.get("required") and field["type"] != "datetime":  # the start time defaults to now
            assert field["label"][lang] in alert.inner_text()
    first = next(f for f in FIELDS.values() if f.get("required") and f["type"] != "datetime")
    assert page.evaluate("document.activeElement.closest('[data-field]').dataset.field") == first["id"]

    expect = fill_all(page, "q7")
    wait_outputs(page, "Showsq7")
    for name in OUTPUTS:
        shown = output(page, name)
        for fid, needles in expect.items():
            for needle in needles:
                assert needle in shown, (name, fid, needle)
    assert json.loads(output(page, "json"))["schema"] == 1
    assert "2024-05-06 07:08 UTC+08:00" in output(page, "text") and "2024-05-06 07:08 UTC+08:00" in output(
        page, "markdown"
    )
    assert json.loads(output(page, "json"))["fields"]["started"]["at"] == "2024-05-06T07:08:00+08:00"
    page.click(".rq-copy[data-copy=text]")
    page.wait_for_function("() => !document.querySelector('#rq-errors').textContent")
    # The text's language is chosen apart from the page's.
    other = "en" if lang == "zh" else "zh"
    page.select_option("#rq-out-lang", other)
    label = FIELDS["what_happened"]["label"][other]
    page.wait_for_function("l => document.querySelector('[data-out=text]').value.includes(l)", arg=label)
    assert page.get_attribute("[data-out=text]", "lang") == other
    # Axe on the live form and outputs, not only on the page as first drawn.
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run('#rq')).violations.filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary.slice(0, 160))])"
    )
    assert violations == []


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_stays_text(rq, request_site, lang):
    page = open_request(rq, request_site, lang)
    page.click(".rq-add")
    for hostile in HOSTILE:
        # A short tag per field: the client version takes only 50 characters.
        typed = {fid: f"{hostile} f{n}" for n, fid in enumerate(FREE_TEXT)}
        for fid, value in typed.items():
            page.fill(f"#rq-{fid}", value)
        page.locator(".rq-attachment [data-part=name]").fill(hostile)
        page.locator(".rq-attachment [data-part=shows]").fill(f"{hostile} shows")
        page.wait_for_function(
            "v => document.querySelector('[data-out=text]').value.includes(v)", arg=f"{hostile} shows"
        )
        text = output(page, "text")
        for value in typed.values():
            assert value in text
        page.wait_for_timeout(200)  # time for an injected handler to fire, if there were one
        assert page.locator("#rq img, #rq svg, #rq script").count() == 0
    assert page.dialogs == []


@pytest.mark.parametrize("lang", LANGS)
def test_reload_keeps_the_form_and_clear_empties_it(rq, request_site, lang):
    page = open_request(rq, request_site, lang)
    fill_all(page, "r4")
    page.check("#rq-what_happened-nomask")
    wait_outputs(page, "Showsr4")
    page.reload(wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    for fid in FREE_TEXT:
        assert page.input_value(f"#rq-{fid}") == f"Vr4{fid.replace('_', '')}"
    assert page.is_checked("#rq-what_happened-nomask")
    assert page.input_value(".rq-attachment [data-part=name]") == "shotr4.png"
    assert page.input_value("#rq-started-zone") == "Asia/Shanghai"
    t = guide_data.localize(guide_data.strings()["request"], lang)
    page.accept_confirm = True
    page.click(".rq-clear")
    assert page.confirms == [t["clear_confirm"]]
    page.wait_for_function("() => !document.querySelector('#rq-account').value")
    for fid in FREE_TEXT:
        assert page.input_value(f"#rq-{fid}") == ""
    assert page.locator(".rq-attachment").count() == 0
    page.reload(wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    assert page.input_value("#rq-account") == ""


@pytest.mark.parametrize("lang", LANGS)
def test_corrupt_storage_is_dropped_with_a_notice(rq, request_site, lang):
    rq.add_init_script("localStorage.setItem('help.request.v1', '{\"v\": 0, \"values\": [')")
    page = open_request(rq, request_site, lang)
    t = guide_data.localize(guide_data.strings()["request"], lang)
    assert t["dropped"] in page.locator(".rq-notices").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_mailto_parses_and_stays_within_the_limit(rq, request_site, lang):
    page = open_request(rq, request_site, lang)
    # A short request: the whole body goes into the link.
    page.fill("#rq-account", "Vm1account")
    page.check("#rq-scope-me")
    page.fill("#rq-what_happened", "Vm1whathappened")
    wait_outputs(page, "Vm1whathappened")
    href = page.get_attribute(".rq-mailto", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == EMAIL
    query = parse_qs(parts.query)
    assert "Vm1account" in query["subject"][0] and "Vm1whathappened" in query["body"][0]
    assert len(href) <= 2000
    # Too long for a link: a short body, and the full text is copied first.
    page.fill("#rq-what_happened", "x " * 900)
    page.wait_for_function("() => document.querySelector('[data-out=text]').value.includes('x x x x x x x x x x')")
    href = page.get_attribute(".rq-mailto", "href")
    assert len(href) <= 2000 and parse_qs(urlsplit(href).query)["body"][0]
    assert "x x x x x x x x x x" not in unquote(href)


@pytest.mark.parametrize("lang", LANGS)
def test_runtime_missing_gives_the_blank_form(context, page, request_site, lang):
    context.route("**/checks-worker.js", lambda route: route.fulfill(status=404, body="not here"))
    page.goto(f"{request_site}{LANG_PREFIX[lang]}request.html", wait_until="load")
    t = guide_data.localize(guide_data.strings()["request"], lang)
    page.wait_for_function("m => document.querySelector('.rq-state').textContent === m", arg=t["runtime"])
    assert page.is_visible("#rq-blank") and not page.is_visible("#rq-form")
    blank = page.locator("#rq-blank").inner_text()
    for field in FIELDS.values():
        assert field["label"][lang] in blank
    first_step = guide_data.steps_source()["steps"][0]
    assert first_step["title"][lang] in blank


@pytest.mark.parametrize("lang", LANGS)
def test_ticks_and_the_last_run_fill_the_form(rq, request_site, lang):
    page = rq
    page.goto(f"{request_site}{LANG_PREFIX[lang]}basics.html", wait_until="load")
    step = guide_data.steps_by_section()["basics"][1]["id"]
    page.check(f"#tick-{step}")
    last_run = {
        "v": 1,
        "at": "2024-05-06T07:08:00Z",
        "facts": {"browser": {"user_agent": page.evaluate("navigator.userAgent")}},
        "findings": [
            {
                "id": "conn-online",
                "status": "fail",
                "scope": "browser",
                "step": "net-online",
                "title": {"zh": "浏览器处于离线状态", "en": "The browser is offline"},
                "message": {"zh": "离线", "en": "Offline"},
                "fix": {"zh": "联网", "en": "Get online"},
            }
        ],
    }
    page.evaluate("r => localStorage.setItem('help.lastrun.v1', JSON.stringify(r))", last_run)
    open_request(page, request_site, lang)
    assert page.is_checked(f"#rq-steps_tried-{step}")
    assert page.input_value("#rq-browser").startswith(("Chrome", "Chromium"))
    wait_outputs(page, "conn-online")
    assert last_run["findings"][0]["title"][lang] in output(page, "text")


@pytest.mark.parametrize("lang", LANGS)
def test_without_the_builder_the_blank_form_shows_and_with_it_never_does(browser, built_site, site_url, lang):
    """The printable blank form starts hidden (no layout shift while the builder starts): it
    shows with JavaScript off (a <noscript> stylesheet) and from disk (file-notice.js), and
    stays hidden all through a normal start."""
    path = f"{LANG_PREFIX[lang]}request.html"
    for options, url in (
        ({"java_script_enabled": False}, f"{site_url}{path}"),
        ({}, (built_site / path).as_uri()),
    ):
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(url, wait_until="load")
        assert page.is_visible("#rq-blank") and not page.is_visible("#rq-form"), url
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "new MutationObserver(() => { if (document.getElementById('rq-blank')?.checkVisibility())"
        " window.__blankShown = true; }).observe(document, {subtree: true, childList: true, attributes: true})"
    )
    page.goto(f"{site_url}{path}", wait_until="load")
    page.wait_for_function("() => document.getElementById('rq').dataset.ready === '1'", timeout=60000)
    assert page.evaluate("window.__blankShown === undefined") and not page.is_visible("#rq-blank")
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_only_steps_to_do_get_an_i_tried_this_box(page, site_url, lang):
    """FAQ answers and lessons are to read: no box. A page's steps to do each get one
    (step-ticks.js, a module script, has run by the load event)."""
    for section in ("faq", "support"):
        page.goto(f"{site_url}{LANG_PREFIX[lang]}{section}.html", wait_until="load")
        ticked = page.locator("h2.step").evaluate_all(
            "els => els.filter(h => document.getElementById('tick-' + h.dataset.step)).map(h => h.dataset.step)"
        )
        steps = guide_data.steps_by_section()[section]
        assert ticked == [st["id"] for st in steps if not st["reference"]], section
