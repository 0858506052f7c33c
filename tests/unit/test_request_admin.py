"""The admin checks' last results in the support request: after the run's findings, under their own
heading, each check with when it ran and its findings' messages, masked like free text; in text,
Markdown and JSON, in both languages; unreadable or huge stored results never break the request."""

from __future__ import annotations

import copy
import json
import re

import markdown
import pytest

from checks import admin_results
from checks.admin import rules
from checks.request import render
from checks.request.render import clock

from .request_data import filled_values, request_form
from .test_branches import HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN
from .test_request_render import findings, site, steps, validate  # noqa: F401 - fixtures

PHONE = "13812345678"
RULES = {
    "groups": [{"id": "sales", "members": ["amy"], "channels": ["wechat_oa"]}, {"id": PHONE, "members": []}],
    "members": [{"id": "amy", "status": "online"}],
    "rules": [{"channel": "web", "group": PHONE}],
}
HEADING = {"zh": "管理员检测（团队的设置，不是这台电脑）", "en": "Admin checks (the team's setup, not this computer)"}
LANGS = ("zh", "en")


def admin() -> dict:
    """help.admin.v1's checks, as admin-checks.js saves them, with the time as the request page sends it:
    in the browser's own offset."""
    return {"rules": {"at": "2026-11-26T10:30:50.123+08:00", "findings": rules.check(json.dumps(RULES))["findings"]}}


def make(site, steps, lang, **kw) -> dict:  # noqa: F811 - site and steps are the fixtures' values
    kw.setdefault("findings", findings(site))
    return render(request_form(), filled_values(), site, steps, lang=lang, **kw)


@pytest.mark.parametrize("lang", LANGS)
def test_admin_findings_are_attached_in_every_output(site, steps, lang):  # noqa: F811
    given = admin()
    out = make(site, steps, lang, admin=given)
    empty = next(f for f in given["rules"]["findings"] if f["id"] == "rules-group-empty")
    label = {
        "zh": "分配规则，检测于 2026-11-26 10:30 UTC+08:00",
        "en": "Assignment rules, checked 2026-11-26 10:30 UTC+08:00",
    }[lang]
    # Text: the run's findings first, then the admin checks, each check with when it ran.
    text = out["text"]
    assert text.index("== ") < text.index(HEADING[lang]) < text.index(label) < text.index("rules-group-empty")
    assert text.index("conn-websocket") < text.index(HEADING[lang])
    masked_message = empty["message"][lang].replace(PHONE, "138****5678")
    assert f"  {masked_message}" in text and PHONE not in text
    assert empty["title"][lang] in text and empty["title"]["zh" if lang == "en" else "en"] not in text
    # Markdown: a heading per check, the message under its finding, the phone masked and escaped.
    md = out["markdown"]
    assert f"### {HEADING[lang]}" in md and f"#### {label}" in md
    html = markdown.markdown(md)
    assert "138****5678" in html and PHONE not in md and "<script" not in html
    # JSON: source admin, which check and when, the message; masked kinds under "admin".
    validate(out["json"])
    attached = [f for f in out["json"]["findings"] if f["source"] == "admin"]
    assert [f["id"] for f in attached] == [f["id"] for f in given["rules"]["findings"]]
    row = next(f for f in attached if f["id"] == "rules-group-empty")
    assert row["admin"] == "rules" and row["at"] == given["rules"]["at"] and row["message"] == masked_message
    assert row["url"] and row["url"].endswith(f"#{empty['step']}")
    assert out["masked"]["admin"] == ["phone"] and out["json"]["masked"]["admin"] == ["phone"]
    footer = {
        "zh": "填写的内容和管理员检测结果中，电话号码已隐去。",
        "en": "Phone numbers in the free text and the admin check results are masked.",
    }
    assert footer[lang] in text
    # The page's notice says what is attached, in both languages.
    notice = next(n for n in out["notices"] if n["code"] == "admin")
    assert notice["message"] == {
        "zh": "已附上管理员检测的结果：分配规则（2026-11-26 10:30 UTC+08:00）。",
        "en": "Admin check results are attached: Assignment rules (2026-11-26 10:30 UTC+08:00).",
    }


def test_every_check_in_order_with_passed_and_omitted(site, steps):  # noqa: F811
    finding = admin()["rules"]["findings"][0]

    def passed(name: str) -> dict:
        return {**finding, "id": name, "status": "ok", "title": {"zh": f"{name} 正常", "en": f"{name} is fine"}}

    stored = {
        key: {
            "at": "2026-11-25T21:30:00-05:00",
            "findings": [{**finding, "id": f"{key}-bad"}, *(passed(f"{key}-ok{i}") for i in range(30))],
        }
        for key in reversed(admin_results.CHECK_KEYS)
    }
    stored["hours"]["findings"] = [passed("hours-fine"), passed("hours-open")]
    out = make(site, steps, "en", findings=[], admin=stored)
    text = out["text"]
    # The names the admin checks carry on the page, each with its time in the offset it came with.
    names = ["Client version", "Working hours", "Assignment rules", "Session-log analysis"]
    at = [text.index(f"{n}, checked 2026-11-25 21:30 UTC-05:00:") for n in names]
    assert at == sorted(at)
    # Passed findings by title, not by id.
    assert "OK: hours-fine is fine; hours-open is fine\n" in text and "hours-open\n" not in text
    assert "- **OK:** hours-fine is fine; hours-open is fine" in out["markdown"]
    assert text.count("6 more results not listed") == 3  # 31 findings, 25 kept
    assert out["markdown"].count("6 more results not listed") == 3
    zh = make(site, steps, "zh", findings=[], admin=stored)
    assert "会话记录分析，检测于 2026-11-25 21:30 UTC-05:00：" in zh["text"]
    assert "正常：hours-fine 正常；hours-open 正常\n" in zh["text"]
    assert "No check results attached." not in text
    validate(out["json"])


def test_unreadable_admin_results_leave_the_request_whole(site, steps):  # noqa: F811
    plain = make(site, steps, "en")
    for stored in (None, "x", [], {"rules": "x"}, {"rules": {"at": "never", "findings": []}}, {"spam": {}}):
        assert make(site, steps, "en", admin=stored) == plain
    # Entries with only broken findings: as if the check had not run.
    out = make(site, steps, "zh", admin={"rules": {"at": "2026-11-26T02:30:50Z", "findings": ["x", {"id": 1}]}})
    assert out == make(site, steps, "zh")
    # Huge: cut to the limits, the request still made.
    finding = admin()["rules"]["findings"][0]
    huge = {
        "rules": {
            "at": "2026-11-26T02:30:50Z",
            "findings": [{**finding, "message": {"zh": "长" * 10**5, "en": "x" * 10**5}}] * 3000,
        }
    }
    out = make(site, steps, "en", admin=huge)
    attached = [f for f in out["json"]["findings"] if f["source"] == "admin"]
    assert len(attached) == admin_results.MAX_FINDINGS and len(attached[0]["message"]) == admin_results.MAX_TEXT
    assert "2975 more results not listed" in out["text"]


def test_admin_findings_alone_and_times_without_a_zone(site, steps):  # noqa: F811
    out = make(
        site,
        steps,
        "zh",
        findings=[],
        admin={"version": {"at": "2026-11-26T10:30:00", "findings": admin()["rules"]["findings"]}},
    )
    assert "客户端版本，检测于 2026-11-26 10:30：" in out["text"]
    assert "没有附上检测结果" not in out["text"]
    # Each time in its own offset (the page sends local times); offset 0 is plain UTC.
    assert clock("2026-11-26T10:30:00+08:00") == "2026-11-26 10:30 UTC+08:00"
    assert clock("2026-11-26T02:30:50.123Z") == "2026-11-26 02:30 UTC"
    assert clock("2026-11-26T02:30:00+05:45") == "2026-11-26 02:30 UTC+05:45"
    assert clock("2026-11-25T21:30:00-03:30") == "2026-11-25 21:30 UTC-03:30"
    # A step this site does not have: no link.
    odd = {**admin()["rules"]["findings"][0], "step": "step-of-a-newer-site"}
    row = make(site, steps, "en", admin={"rules": {"at": "2026-11-26T02:30:50Z", "findings": [odd]}})["json"][
        "findings"
    ][-1]
    assert row["url"] is None and row["source"] == "admin"


def test_admin_wording_follows_each_languages_typesetting(site, steps):  # noqa: F811
    out = make(site, steps, "zh", admin=admin())
    messages = [n["message"] for n in out["notices"] if n["code"] == "admin"]
    messages.append(HEADING)
    for m in messages:
        zh, en = m["zh"], m["en"]
        assert not HALF_WIDTH_NEXT_TO_CJK.search(zh.replace("(", "").replace(")", "")), zh
        assert not UNSPACED_LATIN.search(zh), zh
        assert not SPACE_BY_FULL_WIDTH.search(zh), zh
        assert not re.search(r"[\u4e00-\u9fff]", en), en


def test_stored_results_are_not_changed(site, steps):  # noqa: F811
    given = admin()
    kept = copy.deepcopy(given)
    make(site, steps, "en", admin=given)
    assert given == kept


def test_names_and_status_words_are_the_pages():
    """The request and the shared report name the admin checks and the statuses as the checks page does."""
    from checks.request.render import STATUS_WORDS
    from hooks import guide_data

    strings = guide_data.strings()
    assert {key: strings["admin"][f"{key}_title"] for key in admin_results.CHECK_KEYS} == admin_results.LABELS
    assert strings["status"] == STATUS_WORDS
