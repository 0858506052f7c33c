"""The built search indexes (hooks/search_index.py): one per language, with each language's pages
pointed at theirs; no widget interface in them; each step found by its one-line action and its
phrases (steps.toml), which steps.toml validation keeps well-formed."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil

import pytest

from hooks import guide_data, search_index
from tests.browser.panels import interface_texts
from tests.conftest import LANG_PREFIX

INDEX = {lang: f"{prefix}search/search_index.json" for lang, prefix in LANG_PREFIX.items()}
BASE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base": "([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def load(site, lang: str) -> dict:
    return json.loads((site / INDEX[lang]).read_text("utf-8"))


def plain(text: str) -> str:
    """An entry's text as a reader sees it: no tags, no entities, no jieba word breaks."""
    return html.unescape(TAG.sub("", text)).replace("\u200b", "")


def entries(site, lang: str) -> dict[str, dict]:
    return {doc["location"]: doc for doc in load(site, lang)["docs"]}


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_each_language_has_its_own_index_of_its_own_pages(built_site, lang):
    docs = load(built_site, lang)["docs"]
    assert len(docs) > 50
    root = built_site / LANG_PREFIX[lang]
    for doc in docs:
        path = doc["location"].split("#")[0] or "index.html"
        # Relative to the language's root, and a page of that language.
        assert not doc["location"].startswith("en/"), doc["location"]
        assert (root / path).is_file(), doc["location"]
    texts = " ".join(plain(doc["title"] + doc["text"]) for doc in docs)
    han = len(re.findall(r"[\u4e00-\u9fff]", texts))
    # English pages quote a few Chinese names (中文 in the switcher is not indexed); Chinese is Chinese.
    assert (han > 5000) if lang == "zh" else (han < 50), han


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_pages_load_their_language_index_and_the_file_stub_beside_it(built_site, lang):
    """The theme loads base + search/search_index.json (…/search_index.js from disk): base is the
    language's root on every page of it."""
    root = built_site / LANG_PREFIX[lang]
    # 404.html has an absolute base ("/"): it is served at any depth.
    pages = [p for p in root.glob("*.html") if p.name != "404.html"]
    assert len(pages) >= 11
    here = LANG_PREFIX[lang].rstrip("/") or "."
    for page in pages:
        base = BASE.search(page.read_text("utf-8")).group(1)
        assert posixpath.normpath(posixpath.join(here, base)) == here, (page, base)
    stub = (root / "search/search_index.js").read_text("utf-8")
    assert stub.startswith("var __index = ") and '"docs": []' in stub
    assert json.loads(stub[len("var __index = ") :].rstrip(";\n"))["config"] == load(built_site, lang)["config"]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_no_entry_holds_widget_interface_text(built_site, lang):
    texts = interface_texts(lang)
    assert len(texts) > 50  # the check would pass on nothing
    for doc in load(built_site, lang)["docs"]:
        body = plain(doc["title"] + " " + doc["text"])
        found = [t for t in texts if t in body]
        assert not found, (doc["location"], found)
        # No section starts at a widget's heading (the check panels', the request form's).
        assert not re.search(r"#(check-[a-z]+-title|rq-)", doc["location"]), doc["location"]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_step_is_found_by_its_action_and_phrases(built_site, lang):
    found = entries(built_site, lang)
    steps = guide_data.steps_source()["steps"]
    assert sum("phrases" in st for st in steps) >= 10
    for st in steps:
        doc = found[f"{st['section']}.html#{st['id']}"]
        assert plain(doc["title"]) == st["title"][lang]
        text = plain(doc["text"])
        assert st["do"][lang] in text, st["id"]
        phrases = st.get("phrases", {}).get(lang, [])
        assert [plain(p) for p in doc.get("phrases", [])] == phrases, st["id"]
        for phrase in phrases:
            assert phrase in text, (st["id"], phrase)
        # The labels around them are not the step's words.
        labels = guide_data.localize(guide_data.strings(), lang)["step"]
        assert labels["do"].strip("：:") not in text and labels["phrases"].strip("：:") not in text


def test_the_phrases_field_is_weighed_in_both_languages(built_site):
    for lang in LANG_PREFIX:
        config = load(built_site, lang)["config"]
        assert config["fields"]["phrases"]["boost"] >= config["fields"]["title"]["boost"]
        assert config["lang"] == ["zh", "en"]


def test_strip_interface_removes_whole_elements_even_with_same_tags_inside():
    """Material's own data-search-exclude ends at the first element of the same tag closing inside
    (its parser compares elements by tag): the request form leaked into the index that way."""
    page = (
        '<h2 id="a">Step</h2><p>before</p>\n<div class="rq"><div class="rq-errors"></div>\n'
        '<p>form label</p><h2 id="rq-out">Output</h2></div>\n<p>after</p>'
        '<p class="x"><span class="step-label" data-search-exclude>Label:</span> action</p>'
        '<section class="ck-panel"><p>unclosed<section><p>inner</p></section></section><p>end</p>'
    )
    out = search_index.strip_interface(page)
    assert out == '<h2 id="a">Step</h2><p>before</p>\n\n<p>after</p><p class="x"> action</p><p>end</p>'
    with pytest.raises(ValueError, match="never closed"):
        search_index.strip_interface('<div class="cmp"><p>never closed</p>')


@pytest.fixture
def steps_file(tmp_path, monkeypatch):
    """A copy of the sources whose steps.toml a test may break; guide_data reads it afresh."""
    for name in ("steps.toml", "strings.toml", "settings.toml"):
        shutil.copy(guide_data.ROOT / name, tmp_path / name)
    monkeypatch.setattr(guide_data, "ROOT", tmp_path)
    guide_data.steps_source.cache_clear()
    yield tmp_path / "steps.toml"
    guide_data.steps_source.cache_clear()


@pytest.mark.parametrize(
    "phrases",
    [
        'phrases = { zh = ["没声音"] }',  # English missing
        'phrases = { zh = ["没声音"], en = "no sound" }',  # not a list
        'phrases = { zh = ["没声音"], en = [] }',  # empty
        'phrases = { zh = ["没声音", " "], en = ["no sound"] }',  # blank phrase
        'phrases = { zh = ["没声音", "没声音"], en = ["no sound"] }',  # twice
        'phrases = { zh = ["没声音"], en = ["no sound"], fr = ["pas de son"] }',  # unknown language
        'phrases = ["没声音", "no sound"]',  # not per language
    ],
)
def test_steps_toml_rejects_malformed_phrases(steps_file, phrases):
    text = steps_file.read_text("utf-8")
    anchor = 'id = "net-hosts"\n'
    at = text.index("\ndo = ", text.index(anchor))
    line_end = text.index("\n", at + 1)
    steps_file.write_text(text[: line_end + 1] + phrases + "\n" + text[line_end + 1 :], "utf-8")
    with pytest.raises(guide_data.DataError, match=r"step 'net-hosts' phrases"):
        guide_data.steps_source()


def test_steps_toml_accepts_the_real_phrases(steps_file):
    assert any("phrases" in st for st in guide_data.steps_source()["steps"])
