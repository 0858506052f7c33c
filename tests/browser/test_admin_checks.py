"""The checks page's admin part (docs/assets/js/admin-checks.js), in headless Chromium, in both
languages, on a site built with a minimum client version and a known defect: a pasted About text
is judged by admin.version with the defect's note in the page's language, pasted rules by
admin.rules (findings, and errors that name the line), and pasted markup stays text."""

from __future__ import annotations

import json

import pytest

from hooks import guide_data
from scripts import serve_site
from tests.browser.panels import AXE
from tests.conftest import LANG_PREFIX, serve_build, strict_page

OVERLAY = """
[client]
min_version = "3.0"
known_defects = [{ version = "2.5.1", note = { zh = "新会话不推送", en = "New chats are not pushed" } }]
"""
NOTE = {"zh": "新会话不推送", "en": "New chats are not pushed"}
ABOUT = "About\nVersion 2.5.1 (build 7)\n© 2019-2024"
HOSTILE = "<img src=x onerror=alert(1)>"
# "app" goes to no group; "night" receives "web" chats but has nobody in it.
RULES = json.dumps(
    {
        "groups": [{"id": "sales", "members": ["amy"], "channels": ["wechat_oa"]}, {"id": "night", "members": []}],
        "members": [{"id": "amy", "status": "online"}],
        "rules": [{"channel": "web", "group": "night"}],
    },
    indent=2,
)
BROKEN = '{\n  "groups": [\n    {"id": "sales",, "members": []}\n  ]\n}'
LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory) -> str:
    server, url = serve_build(tmp_path_factory.mktemp("admin-build") / "site", OVERLAY)
    yield url
    serve_site.stop(server)


@pytest.fixture
def page(browser):
    with strict_page(browser) as page:
        yield page


def open_admin(page, base: str, lang: str) -> dict:
    page.goto(f"{base}{LANG_PREFIX[lang]}checks.html", wait_until="load")
    page.locator(".adm [data-admin=rules]").wait_for(state="visible")
    assert page.locator(".adm-fallback").count() == 0
    return guide_data.localize(guide_data.strings(), lang)["admin"]


def check(page, part: str, text: str, choice: str, t: dict) -> None:
    """Fills a part by its labels, checks from the keyboard and waits for the result."""
    scope = page.locator(f".adm [data-admin={part}]")
    label = t["version_text"] if part == "version" else t["rules_text"]
    scope.get_by_label(label).fill(text)
    scope.get_by_label(t["platform"] if part == "version" else t["format"]).select_option(choice)
    scope.get_by_role("button", name=t["check"]).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        """([sel, busy]) => {
            const s = document.querySelector(sel).textContent;
            return s !== "" && !busy.includes(s);
        }""",
        arg=[f".adm [data-admin={part}] .adm-state", [t["loading"], t["checking"]]],
        timeout=120000,
    )


def findings(page, part: str) -> dict[str, dict]:
    items = page.locator(f".adm [data-admin={part}] .ck-finding")
    return {
        items.nth(i).get_attribute("data-finding"): {
            "status": items.nth(i).get_attribute("data-status"),
            "scope": items.nth(i).get_attribute("data-scope"),
            "text": items.nth(i).inner_text(),
        }
        for i in range(items.count())
    }


@pytest.mark.parametrize("lang", LANGS)
def test_version_with_known_defect(page, admin_site, lang):
    t = open_admin(page, admin_site, lang)
    live = page.locator(".adm [data-admin=version] .adm-results")
    assert live.get_attribute("aria-live") == "polite"
    check(page, "version", ABOUT, "desktop", t)
    found = findings(page, "version")
    assert found["client-version-defect"]["status"] == "fail"
    assert found["client-version-defect"]["scope"] == "team"
    assert NOTE[lang] in found["client-version-defect"]["text"]
    assert NOTE["en" if lang == "zh" else "zh"] not in found["client-version-defect"]["text"]
    assert found["client-version"]["status"] == "fail"  # 2.5.1 is below 3.0
    # Each finding links to its step on the client page, in the page's language.
    href = page.locator(".adm [data-finding=client-version-defect] a.ck-step").get_attribute("href")
    assert href.endswith("client.html#client-changelog")
    strings = guide_data.localize(guide_data.strings(), lang)
    assert strings["scope"]["team"] in found["client-version"]["text"]
    # The drawn results pass axe too (evaluated: the CSP refuses inline scripts).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.adm']]})).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_rules_findings_and_errors(page, admin_site, lang):
    t = open_admin(page, admin_site, lang)
    check(page, "rules", RULES, "json", t)
    found = findings(page, "rules")
    assert found["rules-channel-unrouted"]["status"] == "fail"
    assert found["rules-group-empty"]["status"] == "fail"
    assert "night" in found["rules-group-empty"]["text"]
    assert {f["scope"] for f in found.values()} == {"team"}
    assert page.locator(".adm [data-admin=rules] .adm-errors").is_hidden()

    check(page, "rules", BROKEN, "", t)  # format detected
    assert findings(page, "rules") == {}
    errors = page.locator(".adm [data-admin=rules] .adm-errors li")
    assert errors.count() >= 1
    first = errors.first.inner_text()
    assert ("第 3 行" if lang == "zh" else "Line 3") in first, first
    assert errors.count() == 1  # the one syntax error: a singular in English
    assert page.locator(".adm [data-admin=rules] .adm-state").inner_text() == (
        "输入有误，共 1 处，见下面的列表。" if lang == "zh" else "The input has 1 error, listed below."
    )


@pytest.mark.parametrize("lang", LANGS)
def test_rules_say_what_they_take(page, admin_site, lang):
    """The rules part says where the rules come from and lists the site's channels by name and code
    before the field; the folded example, checked as it is shown, reads with no input error; and a
    channel written by the name the page shows is taken."""
    t = open_admin(page, admin_site, lang)
    part = page.locator(".adm [data-admin=rules]")
    hint = part.locator(".adm-hint").first
    assert hint.inner_text() == t["rules_hint"] and hint.is_visible()
    site = guide_data.settings()["support"]["channels"]
    listed = part.locator(".adm-hint").nth(1).inner_text()
    web = next(c for c in site if c["id"] == "web")
    assert listed.startswith(t["rules_channels"].strip())
    assert (f"{web['zh']}（web）" if lang == "zh" else f"{web['en']} (web)") in listed
    described = part.get_by_label(t["rules_text"]).get_attribute("aria-describedby").split()
    assert [page.locator(f"#{i}").inner_text() for i in described] == [hint.inner_text(), listed]
    # The example is folded; opened from the keyboard it shows JSON, YAML and CSV.
    example = part.locator("details.adm-example")
    assert example.get_attribute("open") is None
    example.locator("summary").focus()
    page.keyboard.press("Enter")
    assert example.get_attribute("open") is not None
    assert example.locator("summary").inner_text() == t["rules_example"]
    assert example.locator("strong").all_inner_texts() == ["JSON", "YAML", "CSV"]
    for n, fmt in enumerate(("json", "yaml", "csv")):
        shown = example.locator("pre code").nth(n).inner_text()
        assert shown == t[f"rules_example_{fmt}"].strip()
        check(page, "rules", shown, "", t)
        assert part.locator(".adm-errors").is_hidden(), fmt
        found = findings(page, "rules")
        assert "rules-channel-unknown" not in found and found, (fmt, found)
    # A channel by the name the page lists, in either language.
    named = json.dumps({"groups": [{"id": "g", "members": ["a"], "channels": [web["zh"], web["en"].upper()]}]})
    check(page, "rules", named, "json", t)
    found = findings(page, "rules")
    assert part.locator(".adm-errors").is_hidden() and "rules-channel-unknown" not in found, found
    assert found["rules-channel-unrouted"]["status"] == "fail"  # the other channels, not web
    assert web[lang] not in found["rules-channel-unrouted"]["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_single_line_fields_have_a_visible_border_in_both_palettes(page, admin_site, lang):
    """Material strips an input's border: the admin form gives it one, over 3:1 against the page in
    the light and the dark palette, as textareas have."""
    open_admin(page, admin_site, lang)
    contrast = r"""(el) => {
        const rgb = (c) => c.match(/[\d.]+/g).map(Number);
        const lum = ([r, g, b]) => {
            const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const s = getComputedStyle(el);
        const bg = rgb(getComputedStyle(document.body).backgroundColor);
        const [r, g, b, a = 1] = rgb(s.borderTopColor);
        const border = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
        const [hi, lo] = [lum(border), lum(bg)].sort((x, y) => y - x);
        return {width: parseFloat(s.borderTopWidth), style: s.borderTopStyle, ratio: (hi + 0.05) / (lo + 0.05)};
    }"""
    fields = page.locator(".adm input[type=text], .adm textarea")
    assert fields.count() >= 5
    for scheme in ("default", "slate"):
        if scheme == "slate":
            page.locator("form[data-md-component=palette] label:visible").click()
            page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        for i in range(fields.count()):
            found = fields.nth(i).evaluate(contrast)
            assert found["width"] >= 1 and found["style"] == "solid", (scheme, i, found)
            assert found["ratio"] >= 3, (scheme, i, found)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.adm']]})).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_minimum_for_another_platform_is_not_this_ones(page, admin_site, lang):
    """The site sets a desktop minimum only: for the mobile app the one result says none is set for it,
    named by the form's labels, with a singular count in English."""
    t = open_admin(page, admin_site, lang)
    check(page, "version", "3.5", "mobile", t)
    found = findings(page, "version")
    assert list(found) == ["client-version"] and found["client-version"]["status"] == "unknown"
    assert (
        "这个帮助网站只设置了桌面客户端的最低版本，没有设置手机 App 的最低版本。"
        if lang == "zh"
        else "This help site sets a minimum version for the desktop client only, none for the mobile app."
    ) in found["client-version"]["text"]
    state = page.locator(".adm [data-admin=version] .adm-state").inner_text()
    assert state == ("检查完成：1 条结果。" if lang == "zh" else "Check finished: 1 result.")
    # Nothing typed: the error names the field as the form does.
    check(page, "version", "", "desktop", t)
    found = findings(page, "version")
    assert ("“客户端版本”：没有填写版本号。" if lang == "zh" else "Client version: nothing was entered.") in found[
        "client-version-input"
    ]["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_stays_text(page, admin_site, lang):
    t = open_admin(page, admin_site, lang)
    check(page, "version", HOSTILE, "web", t)
    assert HOSTILE in findings(page, "version")["client-version"]["text"]
    check(page, "rules", f"groups:\n  - id: {HOSTILE}\n    members: []\n    channels: [web]\n", "yaml", t)
    assert HOSTILE in findings(page, "rules")["rules-group-empty"]["text"]
    check(page, "rules", HOSTILE, "", t)  # read as a CSV header: an error naming it
    assert HOSTILE in page.locator(".adm [data-admin=rules] .adm-errors").inner_text()
    assert page.locator(".adm img, .adm svg, .adm script").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_client_sections_admin_block(page, admin_site, lang):
    """In the guide's client section, the folded "for admins" block holds the version check alone."""
    t = guide_data.localize(guide_data.strings(), lang)["admin"]
    page.goto(f"{admin_site}{LANG_PREFIX[lang]}client.html", wait_until="load")
    block = page.locator("details.adm-block")
    assert block.get_attribute("open") is None
    block.locator("summary", has_text=t["for_admins"]).click()
    page.locator(".adm [data-admin=version]").wait_for(state="visible")
    assert page.locator(".adm .adm-part").count() == 1
    assert page.locator(".adm-fallback").count() == 0
    # The part's heading sits under the step's h2.
    assert page.locator(".adm [data-admin=version] h3").inner_text() == t["version_title"]
    check(page, "version", ABOUT, "desktop", t)
    found = findings(page, "version")
    assert found["client-version-defect"]["status"] == "fail"
    assert NOTE[lang] in found["client-version-defect"]["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_broken_session_log_module_costs_only_its_part(page, admin_site, lang):
    """admin-session-log.js served without sessionLogPart (or absent from the build): a message in
    that part's place, in the page's language, and the other parts still work."""
    page.route(
        "**/assets/js/admin-session-log.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body="export const other = 1;\n"),
    )
    t = open_admin(page, admin_site, lang)
    part = page.locator(".adm [data-admin=session_log]")
    part.wait_for(state="visible")
    assert part.locator(".adm-state").inner_text() == t["session_log_unavailable"]
    assert part.locator("h3").inner_text() == t["session_log_title"]
    order = page.locator(".adm .adm-part").evaluate_all("parts => parts.map(p => p.dataset.admin)")
    assert order == ["version", "hours", "rules", "session_log"]
    check(page, "version", ABOUT, "desktop", t)
    assert findings(page, "version")["client-version-defect"]["status"] == "fail"


SECTION_PARTS = [
    ("client", "version"),
    ("notifications", "rules"),
    ("notifications", "hours"),
    ("persists", "session_log"),
]


@pytest.mark.parametrize("lang", LANGS)
def test_every_sections_admin_block_draws_its_part(page, admin_site, lang):
    """Each section's folded block, named for its check, draws its one part (no fallback left), with no
    console error."""
    t = guide_data.localize(guide_data.strings(), lang)["admin"]
    for name, part in SECTION_PARTS:
        page.goto(f"{admin_site}{LANG_PREFIX[lang]}{name}.html", wait_until="load")
        block = page.locator("details.adm-block", has=page.locator(f".adm[data-parts={part}]"))
        summary = block.locator("> summary")
        summary.click()
        assert summary.inner_text() == t[f"block_{part}"]
        block.locator(f".adm [data-admin={part}]").wait_for(state="visible")
        drawn = block.locator(".adm .adm-part").evaluate_all("parts => parts.map(p => p.dataset.admin)")
        assert drawn == [part], (name, drawn)
        assert page.locator(".adm-fallback, .adm-unavailable").count() == 0, name
        assert block.locator(f".adm [data-admin={part}] h3").count() >= 1, name
