"""The home page's "What do you see?" chooser (symptoms.toml, hooks/triage.py) and the link to
it on every other page, in the built site of both languages."""

from __future__ import annotations

import html
import re

import pytest

from hooks import guide_data
from tests.conftest import LANG_PREFIX, page_paths

SECTION = re.compile(r'<section class="triage-path" id="see-([a-z0-9-]+)"[^>]*>(.*?)</section>', re.S)
STEP = re.compile(
    r'<li><a class="triage-step" href="([^"]+)">([^<]*)</a> <span class="triage-do">([^<]*)</span>'
    r'(?: <a class="triage-check" href="([^"]+)">([^<]*)</a>)?</li>'
)


def _ids(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text))


def test_every_symptom_path_uses_existing_steps():
    steps = {st["id"]: st for st in guide_data.steps_source()["steps"]}
    symptoms = guide_data.symptoms_source()
    ids = [sy["id"] for sy in symptoms]
    assert len(ids) == len(set(ids))
    # The symptoms the issue asked for, each with its own stable anchor.
    assert {
        "no-chats",
        "no-alert",
        "one-channel",
        "other-device",
        "whole-team",
        "late",
        "no-sound-after-reload",
    } <= set(ids)
    for sy in symptoms:
        assert 3 <= len(sy["steps"]) <= 5, sy["id"]
        assert all(step_id in steps for step_id in sy["steps"]), sy["id"]
    # The most common fix comes first when no chats arrive at all.
    assert next(sy for sy in symptoms if sy["id"] == "no-chats")["steps"][0] == "agent-status"


GOOD = """
[[symptom]]
id = "x"
label = { zh = "甲", en = "X" }
steps = ["agent-status", "net-online", "status-page"]
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('"status-page"', '"no-such-step"'), "symptoms.toml symptom 'x': unknown step id 'no-such-step'"),
        (GOOD + GOOD, "symptoms.toml symptom 'x': duplicate id"),
        (GOOD.replace('zh = "甲", ', ""), "symptoms.toml symptom 'x' label: needs non-empty 'zh' and 'en' text"),
        (GOOD.replace('id = "x"', 'id = "x"\nhint = { zh = "提示" }'), "symptoms.toml symptom 'x' hint: needs"),
        (GOOD.replace(', "status-page"', ""), "symptoms.toml symptom 'x': steps must list 3 to 5 step ids"),
        (
            GOOD.replace('"status-page"', '"status-page", "net-hosts", "net-clock", "net-websocket"'),
            "symptoms.toml symptom 'x': steps must list 3 to 5",
        ),
        (GOOD.replace('"status-page"', '"net-online"'), "symptoms.toml symptom 'x': a step is listed twice"),
        (GOOD.replace('id = "x"', 'id = "Not An Anchor"'), "symptoms.toml symptom 'Not An Anchor': id must be"),
        (GOOD.replace('id = "x"', ""), "symptoms.toml symptom #1: id must be"),
        ("", "symptoms.toml: needs at least one"),
        ("[[symptom]\n", "symptoms.toml: "),
    ],
)
def test_a_bad_symptoms_file_is_refused_naming_the_file_and_entry(tmp_path, text, message):
    path = tmp_path / "symptoms.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(guide_data.DataError) as caught:
        guide_data.read_symptoms(path)
    assert str(caught.value).startswith(message), caught.value


def test_the_good_example_passes(tmp_path):
    path = tmp_path / "symptoms.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert [sy["id"] for sy in guide_data.read_symptoms(path)] == ["x"]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_home_page_shows_each_symptom_and_its_steps_in_its_language(built_site, lang):
    prefix = LANG_PREFIX[lang]
    text = (built_site / prefix / "index.html").read_text(encoding="utf-8")
    t = guide_data.localize(guide_data.strings(), lang)
    symptoms = guide_data.symptoms_source()
    nav = text[text.index('<nav class="triage" id="start"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'<h2 id="triage-title">{html.escape(t["triage"]["heading"])}</h2>' in nav
    assert re.findall(r'<a href="#see-([^"]+)">([^<]*)</a>', nav) == [
        (sy["id"], html.escape(sy["label"][lang])) for sy in symptoms
    ]
    sections = dict(SECTION.findall(text))
    assert list(sections) == [sy["id"] for sy in symptoms]
    pages: dict[str, set[str]] = {}
    for sy in symptoms:
        body = sections[sy["id"]]
        assert f">{html.escape(sy['label'][lang])}</h3>" in body
        if "hint" in sy:
            assert html.escape(sy["hint"][lang]) in body
        shown = STEP.findall(body)
        assert len(shown) == len(sy["steps"]), (sy["id"], body)
        for step_id, (href, title, do, check_href, check_title) in zip(sy["steps"], shown, strict=True):
            st = guide_data.step(step_id)
            assert href == f"{st['section']}.html#{step_id}"
            assert (title, do) == (html.escape(st["title"][lang]), html.escape(st["do"][lang]))
            page = href.split("#")[0]
            targets = pages.setdefault(page, _ids((built_site / prefix / page).read_text(encoding="utf-8")))
            assert step_id in targets, href
            if st.get("check"):
                # The step's own check widget, on its page.
                assert check_href == f"{page}#check-{st['check']}"
                assert f"check-{st['check']}" in targets, check_href
                assert check_title == html.escape(t["panel"]["title"][st["check"]])
            else:
                assert check_href == ""


def test_symptom_anchors_are_the_same_in_both_languages(built_site):
    zh = _ids((built_site / "index.html").read_text(encoding="utf-8"))
    en = _ids((built_site / "en/index.html").read_text(encoding="utf-8"))
    wanted = {f"see-{sy['id']}" for sy in guide_data.symptoms_source()} | {"start", "sections", "about"}
    assert wanted <= zh and wanted <= en


@pytest.mark.parametrize("path", page_paths())
def test_every_page_links_to_the_chooser_in_its_language(built_site, path):
    lang = "en" if path.startswith(LANG_PREFIX["en"]) else "zh"
    text = (built_site / path).read_text(encoding="utf-8")
    if path.endswith("index.html"):
        assert '<nav class="triage" id="start"' in text
        assert 'class="help-triage-link"' not in text  # the chooser itself is the page's top
        return
    link = guide_data.strings()["triage"]["link"][lang]
    found = re.findall(r'<p class="help-triage-link"><a href="([^"]+)">([^<]*)</a></p>', text)
    assert found == [("index.html#start", html.escape(link))]
    # Above the page's own heading, so it is seen first.
    assert text.index("help-triage-link") < text.index("<h1")
