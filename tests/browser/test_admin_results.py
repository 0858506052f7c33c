"""The admin checks' last results (localStorage "help.admin.v1", admin-results.js) in the support
request and in saved and shared reports, in headless Chromium, in both languages: the request
attaches them under their own heading in either output language; the saved report carries them and
its share link shows them read-only, apart from the device's findings; corrupt or huge stored
results leave both pages working, with nothing else lost. The stored findings are what the
admin.rules check gives for a rule set with an empty group named like a phone number (masked in
the request)."""

from __future__ import annotations

import hashlib
import json

import pytest

from checks.admin import rules
from checks.report import build
from hooks import guide_data
from tests.browser.panels import AXE, CJK, LANGS, open_checks
from tests.conftest import LANG_PREFIX, strict_page
from tests.unit.request_data import META

PHONE = "13812345678"
RULES = {
    "groups": [{"id": "sales", "members": ["amy"], "channels": ["wechat_oa"]}, {"id": PHONE, "members": []}],
    "members": [{"id": "amy", "status": "online"}],
    "rules": [{"channel": "web", "group": PHONE}],
}
FINDINGS = rules.check(json.dumps(RULES))["findings"]
EMPTY = next(f for f in FINDINGS if f["id"] == "rules-group-empty")
STORED = {"v": 1, "checks": {"rules": {"at": "2026-11-26T02:30:50.123Z", "findings": FINDINGS}}}
HEADING = {"zh": "管理员检测（团队的设置，不是这台电脑）", "en": "Admin checks (the team's setup, not this computer)"}
LABEL = {"zh": "分配规则", "en": "Assignment rules"}
OTHER = {"zh": "en", "en": "zh"}
RAN = {"zh": "，检测于", "en": ", checked"}
LAST_RUN = {
    "v": 1,
    "at": "2024-05-06T07:08:00Z",
    "facts": {"browser": {"user_agent": "Mozilla/5.0"}},
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
BIG = "x" * 4000
CORRUPT = {
    "not-json": "{oops",
    "wrong-shape": json.dumps({"v": 1, "checks": [1, 2, 3]}),
    "odd-entries": json.dumps(
        {
            "v": 1,
            "checks": {
                "rules": {"at": "never", "findings": []},
                "hours": {"at": "2026-11-26T02:30:50Z", "findings": ["x", {"id": 1}]},
            },
        }
    ),
    # About 3 MB: many findings with long messages, of a readable shape.
    "huge": json.dumps(
        {
            "v": 1,
            "checks": {
                "rules": {
                    "at": "2026-11-26T02:30:50Z",
                    "findings": [{**EMPTY, "id": f"r{i}", "message": {"zh": BIG, "en": BIG}} for i in range(350)],
                }
            },
        }
    ),
}


@pytest.fixture
def page(browser):
    with strict_page(browser, timezone_id=guide_data.settings()["service_timezone"], accept_downloads=True) as page:
        yield page


def store(page, base: str, items: dict[str, str]) -> None:
    """Puts raw values in the site's localStorage (from a page of the site, before the page under test loads)."""
    page.goto(f"{base}404.html", wait_until="load")
    page.evaluate("items => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)


def open_request(page, base: str, lang: str) -> None:
    page.goto(f"{base}{LANG_PREFIX[lang]}request.html", wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)


def output(page, name: str) -> str:
    return page.input_value(f"[data-out={name}]")


def wait_text(page, needle: str) -> None:
    page.wait_for_function(
        "n => ['text', 'markdown', 'json'].every(o => document.querySelector(`[data-out=${o}]`).value.includes(n))",
        arg=needle,
        timeout=15000,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_request_attaches_the_admin_findings_in_both_languages(page, site_url, lang):
    store(page, site_url, {"help.admin.v1": json.dumps(STORED)})
    open_request(page, site_url, lang)
    assert page.input_value("#rq-out-lang") == lang
    for out_lang in (lang, OTHER[lang]):
        page.select_option("#rq-out-lang", out_lang)
        page.wait_for_function(
            "n => document.querySelector('[data-out=text]').value.includes(n)", arg=HEADING[out_lang], timeout=15000
        )
        wait_text(page, "rules-group-empty")
        text = output(page, "text")
        assert text.index(HEADING[out_lang]) < text.index(LABEL[out_lang]) < text.index("rules-group-empty")
        assert EMPTY["title"][out_lang] in text
        assert EMPTY["message"][out_lang].replace(PHONE, "138****5678") in text
        assert PHONE not in text and PHONE not in output(page, "markdown") and PHONE not in output(page, "json")
        document = json.loads(output(page, "json"))
        row = next(f for f in document["findings"] if f["id"] == "rules-group-empty")
        assert row["source"] == "admin" and row["admin"] == "rules"
        assert row["at"] == "2026-11-26T10:30:50+08:00"  # the stored moment, on this browser's clock
    # The agent sees what is attached: a notice in the page's language names the check and when it ran.
    notices = page.locator(".rq-notices li").all_inner_texts()
    said = [n for n in notices if LABEL[lang] in n]
    # In the browser's own time with its offset (the context runs in the service time zone, UTC+8).
    assert len(said) == 1 and "2026-11-26 10:30 UTC+08:00" in said[0], notices
    assert f"{LABEL[OTHER[lang]]}{RAN[OTHER[lang]]} 2026-11-26 10:30 UTC+08:00" in output(page, "text")
    assert bool(CJK.search(said[0])) == (lang == "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_admin_results_alone_say_so_and_can_be_left_out(page, site_url, lang):
    """Only admin checks run: no notice contradicts the attached results, passed ones go by title, and a
    box (kept with the form) leaves them all out."""
    passed = {
        **EMPTY,
        "id": "session-log-read",
        "check": "session_log",
        "status": "ok",
        "title": {"zh": "会话记录已完整读取", "en": "The whole session log was read"},
    }
    checks = {**STORED["checks"], "session_log": {"at": "2026-11-26T03:23:00.000Z", "findings": [passed]}}
    store(page, site_url, {"help.admin.v1": json.dumps({"v": 1, "checks": checks})})
    open_request(page, site_url, lang)
    t = guide_data.localize(guide_data.strings()["request"], lang)
    # The intro says the admin checks' results come along, and how to leave them out.
    intro = page.locator(".rq-intro").inner_text()
    assert ("管理员检测" if lang == "zh" else "admin checks") in intro and t["outputs"] in intro
    # The run's notice says the automatic checks did not run; the admin notice names what is attached.
    notices = page.locator(".rq-notices li").all_inner_texts()
    attached = [n for n in notices if LABEL[lang] in n]
    assert notices[0] == t["no_findings"] and len(attached) == 1, notices
    assert ("会话记录分析" if lang == "zh" else "Session-log analysis") in attached[0]
    assert "2026-11-26 11:23 UTC+08:00" in attached[0]
    box = page.locator("#rq-admin-include")
    assert box.is_visible() and box.is_checked()
    assert page.locator("label[for=rq-admin-include]").inner_text() == t["admin_include"]
    wait_text(page, "rules-group-empty")
    text = output(page, "text")
    ok_line = {"zh": "正常：会话记录已完整读取\n", "en": "OK: The whole session log was read\n"}[lang]
    assert ok_line in text and "session-log-read" not in text  # by title, not by id
    assert ("[问题]" if lang == "zh" else "[Problem]") in text
    # Left out: gone from every output, and said.
    box.uncheck()
    page.wait_for_function(
        "h => ['text', 'markdown', 'json'].every(o => !document.querySelector(`[data-out=${o}]`).value.includes(h))",
        arg="rules-group-empty",
        timeout=15000,
    )
    assert HEADING[lang] not in output(page, "text")
    assert not [f for f in json.loads(output(page, "json"))["findings"] if f["source"] == "admin"]
    notices = page.locator(".rq-notices li").all_inner_texts()
    assert notices[:2] == [t["no_findings"], t["admin_left_out"]] and not [n for n in notices if LABEL[lang] in n]
    # Kept with the form: still left out after a reload.
    page.reload(wait_until="load")
    page.wait_for_selector("#rq[data-ready]", state="attached", timeout=90000)
    assert not page.is_checked("#rq-admin-include")
    assert (
        "rules-group-empty" not in output(page, "text")
        and t["admin_left_out"] in page.locator(".rq-notices").inner_text()
    )
    page.check("#rq-admin-include")
    wait_text(page, "rules-group-empty")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run({include: [['#rq-outputs']]})).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_saved_report_carries_them_and_its_link_shows_them_read_only(page, site_url, lang):
    store(page, site_url, {"help.admin.v1": json.dumps(STORED)})
    open_checks(page, site_url, lang)
    page.locator(".rp-controls").wait_for(state="visible")
    # Before the buttons: the report takes the admin checks' results along, names and all.
    said = page.locator(".rp-controls > p").first
    assert "rp-admin-included" in said.get_attribute("class")
    assert said.inner_text() == guide_data.localize(guide_data.strings(), lang)["report"]["admin_included"]
    with page.expect_download() as info:
        page.locator(".rp-save").click()
    report = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert report["facts"] == {}  # no automatic check ran: the admin checks' results alone
    kept = report["admin"]["rules"]
    assert kept["at"] == STORED["checks"]["rules"]["at"]
    assert [f["id"] for f in kept["findings"]] == [f["id"] for f in FINDINGS]
    assert "data" not in kept["findings"][0]
    page.locator(".rp-share").click()
    field = page.locator(".rp-link-field")
    field.wait_for(state="visible")
    code = field.input_value().split("#report=")[1]
    other = OTHER[lang]
    page.goto(f"{site_url}{LANG_PREFIX[other]}checks.html#report={code}", wait_until="load")
    page.wait_for_selector(".rp-view:not([aria-busy]) .rp-admin .ck-finding", timeout=60000)
    strings = guide_data.localize(guide_data.strings(), other)
    # The banner says what the report holds, not "unknown on unknown".
    banner = page.locator(".rp-view .rp-banner").inner_text()
    head = strings["report"]["banner_admin"].split("{time}")[0]
    assert banner.startswith(head) and strings["report"]["unknown"] not in banner, banner
    admin = page.locator(".rp-view .rp-admin")
    assert admin.locator("h3").inner_text() == strings["report"]["admin_title"]
    assert admin.locator(".rp-admin-note").inner_text() == strings["report"]["admin_note"]
    assert LABEL[other] in admin.locator("[data-admin=rules] h4").inner_text()
    item = admin.locator("[data-finding=rules-group-empty]")
    assert item.get_attribute("data-scope") == "team"
    assert EMPTY["message"][other] in item.inner_text() and EMPTY["message"][lang] not in item.inner_text()
    assert strings["scope"]["team"] in item.inner_text()
    # Apart from the device's findings, and in the summary line after the device's.
    assert page.locator(".rp-view > .ck-findings [data-finding=rules-group-empty]").count() == 0
    summary = page.locator(".rp-view .ck-summary").first.inner_text()
    assert ("管理员检测" if other == "zh" else "Admin checks") in summary
    # Read-only: no request link under the admin findings, nothing to run.
    assert admin.locator(".ck-request:visible, button").count() == 0
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.rp-view']]})).violations.map(v => ({id: v.id, impact: v.impact}))"
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_admin_results_break_nothing(page, probe_site_url, probe_server, kind):
    site_url = probe_site_url  # the checks run against the local stand-ins
    form = {"v": 1, "values": {"account": "agent-77"}, "unmasked": [], "out_lang": "en"}
    store(
        page,
        site_url,
        {"help.admin.v1": CORRUPT[kind], "help.request.v1": json.dumps(form), "help.lastrun.v1": json.dumps(LAST_RUN)},
    )
    open_request(page, site_url, "en")
    wait_text(page, "conn-online")  # the last run's findings are still attached
    assert page.input_value("#rq-account") == "agent-77" and "agent-77" in output(page, "text")
    text = output(page, "text")
    if kind == "huge":  # cut to the limits, and said
        assert text.count("- [Problem] A group has no members") == 25 and "325 more results not listed" in text
    else:
        assert HEADING["en"] not in text
    # No readable admin results at all: no box to leave them out.
    assert page.locator(".rq-admin").is_hidden() == (kind in ("not-json", "wrong-shape"))
    # The checks page: the report still saves, with the admin part only when it was readable.
    open_checks(page, site_url, "en")
    page.locator(".rp-controls").wait_for(state="visible")
    page.locator("#check-all .ck-run").click()
    page.locator("#check-all .ck-summary:not([hidden])").wait_for(timeout=60000)
    with page.expect_download() as info:
        page.locator(".rp-save").click()
    report = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert {"browser", "notifications"} <= set(report["facts"])
    if kind == "huge":
        assert len(report["admin"]["rules"]["findings"]) == 25 and report["admin"]["rules"]["omitted"] == 325
        assert len(report["admin"]["rules"]["findings"][0]["message"]["en"]) == 500
    else:
        assert "admin" not in report


def noise(seed: int, size: int) -> str:
    """Text that does not compress, as long findings naming many agents would not."""
    out = ""
    while len(out) < size:
        out += hashlib.sha256(f"{seed}/{len(out)}".encode()).hexdigest()
    return out[:size]


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_too_large_for_a_link_says_so(page, site_url, lang):
    long = [
        {
            **EMPTY,
            "id": f"r{i}",
            "message": {"zh": noise(i, 500), "en": noise(-i, 500)},
            "fix": {"zh": noise(i + 99, 500), "en": ""},
        }
        for i in range(25)
    ]
    checks = {
        key: {"at": "2026-11-26T02:30:50Z", "findings": long} for key in ("version", "hours", "rules", "session_log")
    }
    store(page, site_url, {"help.admin.v1": json.dumps({"v": 1, "checks": checks})})
    open_checks(page, site_url, lang)
    page.locator(".rp-controls").wait_for(state="visible")
    page.locator(".rp-share").click()
    strings = guide_data.localize(guide_data.strings(), lang)["report"]
    page.wait_for_function(
        "t => document.querySelector('.rp-status').textContent === t", arg=strings["link_too_big"], timeout=60000
    )
    assert page.locator(".rp-link").is_hidden()
    # The file still carries all of it.
    with page.expect_download() as info:
        page.locator(".rp-save").click()
    report = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert [len(report["admin"][k]["findings"]) for k in ("version", "hours", "rules", "session_log")] == [25] * 4


@pytest.mark.parametrize("lang", LANGS)
def test_compare_shows_the_admin_findings_that_differ(page, site_url, lang):
    fixed = json.loads(json.dumps(RULES))
    fixed["groups"][1]["members"] = ["amy"]
    before = build({}, None, None, META, guide_data.settings(), STORED["checks"])
    after_admin = {"rules": {"at": "2026-11-27T08:00:00Z", "findings": rules.check(json.dumps(fixed))["findings"]}}
    after = build({}, None, None, META, guide_data.settings(), after_admin)
    page.goto(f"{site_url}{LANG_PREFIX[lang]}compare.html", wait_until="load")
    page.locator(".cmp-files").set_input_files(
        [
            {"name": n, "mimeType": "application/json", "buffer": json.dumps(r).encode("utf-8")}
            for n, r in (("before.json", before), ("after.json", after))
        ]
    )
    page.locator(".cmp-findings tr[data-finding=rules-group-empty].cmp-changed").wait_for(timeout=60000)
    row = page.locator(".cmp-differences tr.cmp-diff[data-path='admin.rules.rules-group-empty']")
    assert row.locator("mark").all_inner_texts()[0] == "fail"
    title = page.locator(".cmp-findings tr[data-finding=rules-group-empty] th").inner_text()
    assert EMPTY["title"][lang] in title
    summary = page.locator(".cmp-item .cmp-summary").first.inner_text()
    assert ("管理员检测" if lang == "zh" else "Admin checks") in summary
    # Neither report has a device: each says it holds the admin checks' results only.
    about = page.locator(".cmp-about").all_inner_texts()
    admin_only = guide_data.localize(guide_data.strings(), lang)["report"]["admin_only"]
    assert len(about) == 2 and all(a.startswith(admin_only) for a in about), about
