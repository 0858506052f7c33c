"""The support request in text, Markdown and JSON, in both languages, and its mailto: link."""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

import jsonschema
import markdown
import pytest

from checks import __version__, run_checks
from checks.request import render
from checks.request.render import MAILTO_BODY_LIMIT, MAILTO_URL_LIMIT, md_escape, step_url, zh_join

from .fact_scenarios import probe_facts
from .request_data import HOSTILE, ROOT, filled_values, request_form, typical_facts, with_channels
from .test_branches import HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

SCHEMA = json.loads((ROOT / "schemas/request.schema.json").read_text(encoding="utf-8"))
LANGS = ("zh", "en")


@pytest.fixture
def steps() -> list[dict]:
    from hooks import guide_data

    return copy.deepcopy(guide_data.steps_source()["steps"])


@pytest.fixture
def site(settings) -> dict:
    """The settings with channels and a support address (the defaults have none; an overlay may)."""
    out = with_channels(settings)
    out["support"]["email"] = "help@support.example"
    return out


def findings(site) -> list[dict]:
    """A run with a problem, and the probe's findings with one."""
    facts = typical_facts() | {"workstation": probe_facts(permission="denied")}
    facts["connectivity"]["websocket"] = {**facts["connectivity"]["websocket"], "echo_ok": False, "error": "timeout"}
    return run_checks(facts, site)["findings"]


def make(site, steps, lang, values=None, **kw) -> dict:
    kw.setdefault("findings", findings(site))
    return render(request_form(), filled_values() if values is None else values, site, steps, lang=lang, **kw)


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def expected_pieces(lang: str, site: dict, steps: list[dict]) -> dict[str, list[str]]:
    """What each filled-in field must show in every output, in that language."""
    zh = lang == "zh"
    by_id = {st["id"]: st for st in steps}
    return {
        "account": ["agent-4711"],
        "workspace": ["Northwind Trading"],
        "channels": ["网页聊天", "微信公众号"] if zh else ["Web chat", "WeChat official account"],
        "started": ["Asia/Shanghai"],  # the time itself: test_the_start_time_reads_as_a_clock_time
        "duration": ["45 分钟" if zh else "45 minutes"],
        "scope": ["部分同事" if zh else "Some colleagues"],
        "what_happened": ["New chats from the website never ring.", "The list stays empty until I reload."],
        "expected": ["Each new chat rings and shows up in the queue."],
        "steps_tried": [
            part
            for sid in ("status-page", "net-websocket")
            for part in (by_id[sid]["title"][lang], step_url(site["site_url"], by_id[sid]["section"], sid, lang))
        ],
        "browser": ["Edge 120.0.2210.91"],
        "os": ["Windows 10/11"],
        "client_version": ["4.2.1"],
        "attachments": [
            "queue-empty.png",
            "the empty queue at 09:41",
            "console.log",
            "the browser console after a reload",
        ],
    }


def md_text(md: str) -> str:
    """The Markdown source as CommonMark reads its characters: backslash escapes and the two entities undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])|&(amp|lt);", lambda m: m.group(1) or {"amp": "&", "lt": "<"}[m.group(2)], md)


def tags(md: str) -> list[str]:
    """The HTML tags a Markdown renderer makes of it, in order, without attributes."""
    return re.findall(r"</?([a-z0-9]+)", markdown.markdown(md))


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_appears_in_every_output(site, steps, lang):
    out = make(site, steps, lang)
    assert out["errors"] == [] and [n["code"] for n in out["notices"]] == ["copy-first"]
    document = json.dumps(out["json"], ensure_ascii=False)
    shown_md = md_text(out["markdown"])
    form = request_form()
    for fid, pieces in expected_pieces(lang, site, steps).items():
        label = next(f for f in form["field"] if f["id"] == fid)["label"][lang]
        assert label in out["text"] and label in shown_md and out["json"]["labels"][fid] == label
        assert fid in out["json"]["fields"]
        for piece in pieces:
            assert piece in out["text"], (fid, piece)
            assert piece in shown_md, (fid, piece)
            assert piece in document or fid == "duration", (fid, piece)
    assert out["json"]["fields"]["duration"] == {"ongoing": False, "amount": 45, "unit": "minutes", "minutes": 45}
    validate(out["json"])


@pytest.mark.parametrize("lang", LANGS)
def test_findings_appear_with_their_step_links(site, steps, lang):
    out = make(site, steps, lang)
    attached = out["json"]["findings"]
    by_id = {f["id"]: f for f in attached}
    sections = {st["id"]: st["section"] for st in steps}
    for f in findings(site):
        got = by_id[f["id"]]
        assert got["status"] == f["status"] and got["title"] == f["title"][lang]
        assert got["url"] == step_url(site["site_url"], sections[f["step"]], f["step"], lang)
        assert got["source"] == ("probe" if f["scope"] == "workstation" else "run")
        assert f["title"][lang] in out["text"] and f["title"][lang] in md_text(out["markdown"])
        if f["status"] != "ok":
            assert f["id"] in out["text"] and got["url"] in out["text"]
            assert f["id"] in md_text(out["markdown"]) and got["url"] in out["markdown"]
    # Passed ones: one line of titles after the status word the checks page uses, no ids.
    ok_word = {"zh": "正常：", "en": "OK: "}[lang]
    passed = [f for f in attached if f["status"] == "ok" and f["source"] == "run"]
    assert len(passed) >= 2
    line = next(x for x in out["text"].split("\n") if x.startswith(ok_word))
    assert line == ok_word + {"zh": "；", "en": "; "}[lang].join(f["title"] for f in passed)
    assert not any(f["id"] in out["text"] for f in passed)
    assert [f["status"] for f in attached] == sorted(
        (f["status"] for f in attached), key=("fail", "warn", "unknown", "ok").index
    )
    assert {f["source"] for f in attached} == {"run", "probe"}
    heading = {"zh": "工作台标签页（探针）", "en": "The workstation tab (probe)"}[lang]
    assert heading in out["text"] and heading in out["markdown"]


def test_step_links_are_absolute_per_language(site):
    assert step_url("https://help.example/agents/", "basics", "net-online", "zh") == (
        "https://help.example/agents/basics.html#net-online"
    )
    assert step_url("https://help.example/agents", "basics", "net-online", "en") == (
        "https://help.example/agents/en/basics.html#net-online"
    )


def test_the_output_language_is_apart_from_everything_else(site, steps):
    zh, en = make(site, steps, "zh"), make(site, steps, "en")
    assert zh["text"].startswith("支持请求：") and en["text"].startswith("Support request: ")
    assert zh["json"]["lang"] == "zh" and en["json"]["lang"] == "en"
    # Errors and notices always come in both languages: the page shows its own.
    assert make(site, steps, "zh", values={})["errors"] == make(site, steps, "en", values={})["errors"]
    assert make(site, steps, "fr")["json"]["lang"] == "zh"


def test_header_and_footer(site, steps):
    for lang in LANGS:
        out = make(site, steps, lang)
        product = site["product_name"][lang]
        assert product in out["subject"] and "agent-4711" in out["subject"]
        assert out["text"].splitlines()[0] == out["subject"] == out["json"]["subject"]
        assert __version__ in out["text"] and site["site_url"] in out["text"]
        assert out["json"]["site_version"] == __version__ and out["json"]["product"] == product
        assert out["json"]["schema"] == 1 and out["json"]["kind"] == "support-request"
    site["product_name"] = {"zh": "LiveDesk", "en": "LiveDesk"}
    assert make(site, steps, "zh")["subject"] == "支持请求：LiveDesk 工作台收不到客户消息（agent-4711）"
    assert make(site, steps, "en", values=filled_values() | {"account": ""})["subject"] == (
        "Support request: LiveDesk workstation not receiving customer messages"
    )


def test_missing_required_fields_are_marked_not_filled_in(site, steps):
    values = filled_values()
    for fid in ("account", "what_happened", "steps_tried", "client_version"):
        values.pop(fid)
    for lang, missing in (("zh", "（未填写）"), ("en", "(not filled in)")):
        out = make(site, steps, lang, values=values)
        assert [e["field"] for e in out["errors"]] == ["account", "what_happened"]
        assert out["text"].count(missing) == 2 and md_text(out["markdown"]).count(missing) == 2
        assert out["json"]["missing"] == ["account", "what_happened"]
        assert "client_version" not in out["json"]["fields"] and "steps_tried" not in out["json"]["fields"]
        validate(out["json"])
    # A group with nothing to show is left out.
    assert "== What was tried ==" not in make(site, steps, "en", values=values)["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_start_time_reads_as_a_clock_time(site, steps, lang):
    out = make(site, steps, lang)
    shown = {"zh": "2026-11-25 09:30 UTC+08:00（Asia/Shanghai）", "en": "2026-11-25 09:30 UTC+08:00 (Asia/Shanghai)"}
    assert shown[lang] in out["text"] and shown[lang] in md_text(out["markdown"])
    assert out["json"]["fields"]["started"]["at"] == "2026-11-25T09:30:00+08:00"  # JSON keeps ISO 8601


def test_durations_and_times_read_naturally(site, steps):
    cases = [
        ({"ongoing": True}, "仍在持续", "still going on"),
        ({"amount": 1, "unit": "hours"}, "1 小时", "1 hour"),
        ({"amount": 1.5, "unit": "days"}, "1.5 天", "1.5 days"),
    ]
    for duration, zh, en in cases:
        values = filled_values() | {"duration": duration, "started": "2026-11-25T01:30:00Z"}
        assert zh in make(site, steps, "zh", values=values)["text"]
        out = make(site, steps, "en", values=values)
        assert f"How long it lasted: {en}\n" in out["text"]
        assert "When it started: 2026-11-25 01:30 UTC\n" in out["text"]
        validate(out["json"])


# Text only, and no Markdown injection -------------------------------------------------------------
INJECTIONS = [
    *HOSTILE,
    "[click me](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example/>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "**bold** _em_ `code` ~~gone~~ | a | b |",
    "# heading\n> quote\n- item\n1. item\n+ item\n===\n    code",
    "\\[not a link\\](x)",
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", INJECTIONS)
def test_pasted_text_stays_text_in_every_output(site, steps, lang, typed):
    one_line = " ".join(typed.split())

    def values(text: str) -> dict:
        return filled_values() | {
            "what_happened": text,
            "expected": text,
            "workspace": text,
            "account": text,
            "attachments": [{"name": text, "shows": text}],
        }

    unmasked = ["what_happened", "expected", "attachments"]
    out = make(site, steps, lang, values=values(typed), unmasked=unmasked)
    assert "\n".join(f"  {line}" for line in typed.split("\n")) in out["text"] and one_line in out["text"]
    assert out["json"]["fields"]["what_happened"] == typed and out["json"]["fields"]["workspace"] == one_line
    shown = md_text(out["markdown"])
    assert one_line in shown
    for line in typed.split("\n"):
        assert line.strip() in shown, (typed, line)
    # A renderer makes the same elements of it as of plain words: nothing the agent typed became markup.
    plain = make(site, steps, lang, values=values("plain words"), unmasked=unmasked)
    assert tags(out["markdown"]) == tags(plain["markdown"])
    site_links = {f["url"] for f in out["json"]["findings"] if f["url"]}
    site_links |= {st["url"] for st in out["json"]["fields"]["steps_tried"]}
    assert set(re.findall(r'href="([^"]+)"', markdown.markdown(out["markdown"]))) <= site_links


def test_md_escape():
    assert md_escape("a_b*c`d[e]f<g>h&i|j~k#l\\m") == r"a\_b\*c\`d\[e\]f&lt;g\>h&amp;i\|j\~k\#l\\m"
    assert md_escape("- a\n+ b\n> c\n= d\n12. e\n3) f\n  - g") == "\\- a\n\\+ b\n\\> c\n\\= d\n12\\. e\n3\\) f\n  \\- g"
    assert md_escape("1.2.3 and 10.0.19045, 2026-11-25") == "1.2.3 and 10.0.19045, 2026-11-25"


def test_zh_join():
    assert zh_join("支持请求：", "LiveDesk", "工作台") == "支持请求：LiveDesk 工作台"
    assert zh_join("交给", "IT desk", "处理") == "交给 IT desk 处理"
    assert zh_join("美洽", "工作台", "", "。") == "美洽工作台。"


# mailto: -----------------------------------------------------------------------------------------
def parse_mailto(url: str) -> tuple[str, dict]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    return unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}


@pytest.mark.parametrize("lang", LANGS)
def test_a_short_request_goes_whole_into_the_mailto_link(site, steps, lang):
    values = filled_values() | {
        "steps_tried": [],
        "attachments": [],
        "what_happened": "No rings.",
        "expected": "Rings.",
    }
    out = make(site, steps, lang, values=values, findings=[])
    to, query = parse_mailto(out["mailto"])
    assert to == "help@support.example"
    assert query["subject"] == out["subject"]
    assert query["body"] == out["text"].replace("\n", "\r\n")
    assert out["copy_first"] is False and len(out["mailto"]) <= 2000
    assert ("没有附上检测结果。" if lang == "zh" else "No check results attached.") in out["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_request_gets_a_short_body_and_is_copied_first(site, steps, lang):
    values = filled_values() | {"account": "账" * 100, "what_happened": "很长的描述。" * 300}
    out = make(site, steps, lang, values=values)
    to, query = parse_mailto(out["mailto"])
    assert to == "help@support.example" and out["copy_first"] is True
    assert ("剪贴板" if lang == "zh" else "clipboard") in query["body"]
    assert len(out["mailto"]) <= MAILTO_URL_LIMIT
    assert query["subject"].endswith("…") and query["subject"].startswith(out["subject"][:20])
    notice = next(n for n in out["notices"] if n["code"] == "copy-first")
    assert notice["message"]["zh"] and notice["message"]["en"]


def test_a_body_within_its_limit_is_still_short_when_the_whole_link_is_too_long(site, steps):
    site["support"]["email"] = "a" * 300 + "@support.example"
    values = filled_values() | {"steps_tried": [], "attachments": []}
    out, length = None, 0
    while length < MAILTO_BODY_LIMIT - 150:
        values["what_happened"] += " More words."
        out = make(site, steps, "en", values=values, findings=[])
        length = len(quote(out["text"].replace("\n", "\r\n"), safe=""))
    assert length <= MAILTO_BODY_LIMIT and out["copy_first"] is True and len(out["mailto"]) <= MAILTO_URL_LIMIT


def test_no_support_address_gives_no_link_and_names_whom_to_send_it_to(site, steps):
    site["support"]["email"] = "  "
    out = make(site, steps, "en")
    assert out["mailto"] is None and out["copy_first"] is False
    notice = next(n for n in out["notices"] if n["code"] == "no-email")
    contact, url = site["support"]["internal_contact"], site["support"]["url"]
    assert contact["zh"] in notice["message"]["zh"] and contact["en"] in notice["message"]["en"]
    assert url in notice["message"]["zh"] and url in notice["message"]["en"]


# Findings that cannot be read ----------------------------------------------------------------------
def test_unreadable_findings_are_left_out_with_a_notice(site, steps):
    good = findings(site)[0]
    odd_step = {**good, "id": "x-future", "step": "step-of-a-newer-site"}
    bad = [{"id": 1}, "text", {**good, "status": "bad"}, {**good, "title": {"zh": "只有中文"}}]
    out = make(site, steps, "en", findings=[good, odd_step, *bad])
    assert [f["id"] for f in out["json"]["findings"]] == [good["id"], "x-future"]
    assert out["json"]["findings"][1]["url"] is None
    notice = next(n for n in out["notices"] if n["code"] == "findings")
    assert notice["message"]["en"] == "4 check results could not be read and were left out. Run the checks again."
    one = make(site, steps, "en", findings=[good, "x"])
    notice = next(n for n in one["notices"] if n["code"] == "findings")
    assert "1 check result could not be read and was left out." in notice["message"]["en"]
    assert "x-future" in out["text"] and "step-of-a-newer-site" not in out["text"]
    validate(out["json"])
    assert make(site, steps, "en", findings={"not": "a list"})["json"]["findings"] == []


# Wording --------------------------------------------------------------------------------------
def test_messages_follow_each_languages_typesetting(site, steps):
    values = filled_values() | {
        "what_happened": "13812345678 a@b.cn token=x sk-abcdefghijklmnop1234 " + "x" * 2000,
        "channels": ["fax"],
        "started": "bad",
        "attachments": [{"name": "a" * 300, "shows": ""}] * 12,
    }
    messages = []
    for email in ("", "help@support.example"):
        site["support"]["email"] = email
        out = make(site, steps, "zh", values=values, findings=[*findings(site), "bad"])
        messages += [m["message"] for m in out["errors"] + out["notices"]]
        messages += [e["message"] for e in make(site, steps, "zh", values={})["errors"]]
    assert {m["zh"][-1] for m in messages} <= set("。）")
    for m in messages:
        zh, en = m["zh"], m["en"]
        assert not HALF_WIDTH_NEXT_TO_CJK.search(zh.replace("(", "").replace(")", "")), zh
        assert not UNSPACED_LATIN.search(zh), zh
        assert not SPACE_BY_FULL_WIDTH.search(zh), zh
        assert "  " not in zh and "  " not in en
        assert not re.search(r"[\u4e00-\u9fff]", en), en
    # The request itself, in Chinese: full-width colons after labels, spaces around Latin words.
    text = make(site, steps, "zh")["text"]
    assert "账号或坐席 ID：agent-4711" in text and "持续多久：45 分钟" in text
