"""The theme's furniture (permalink titles, palette toggle names, the footer) is in the page's language."""

from __future__ import annotations

import html
import json
import re

import pytest

from hooks import guide_data, render_guide
from tests.conftest import LANG_PREFIX, page_paths

TITLES = re.compile(r'(?:title|aria-label)="([^"]*)"')


@pytest.mark.parametrize("path", page_paths())
def test_furniture_speaks_the_page_language(built_site, path):
    lang = "en" if path.startswith(LANG_PREFIX["en"]) else "zh"
    other = "zh" if lang == "en" else "en"
    text = (built_site / path).read_text(encoding="utf-8")
    strings = guide_data.strings()["furniture"]
    labels = set(TITLES.findall(text))
    for both in render_guide.FURNITURE:
        assert both not in text, both
    assert strings["dark_mode"][lang] in labels and strings["light_mode"][lang] in labels
    assert not {strings[key][other] for key in strings} & labels
    if 'class="headerlink"' in text:
        assert strings["permalink"][lang] in labels


@pytest.mark.parametrize("path", page_paths())
def test_every_page_says_it_is_not_the_vendor_site_in_its_language(built_site, path):
    lang = "en" if path.startswith(LANG_PREFIX["en"]) else "zh"
    text = (built_site / path).read_text(encoding="utf-8")
    product = guide_data.localize(guide_data.settings(), lang)["product_name"]
    note = guide_data.strings()["furniture"]["disclaimer"][lang].replace("{product}", product)
    footer = text[text.index('<footer class="md-footer">') :]
    assert html.escape(note) in footer
    assert "Made with" not in text


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ATTRS = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
# The language switch names each language in that language: "中文" on an English page is right.
SWITCH = re.compile(r'<a href="[^"]*" hreflang="[^"]*" class="md-select__link">.*?</a>', re.S)


def furniture(text: str) -> list[str]:
    """What the theme puts around the content, as separate texts: the header (search included),
    the navigation, the footer, every title/aria-label/placeholder/alt outside the article, and
    the search's messages in the theme's config."""
    outside = re.sub(r"<article\b.*?</article>", "", text, flags=re.S)
    outside = re.sub(r"<script\b.*?</script>", "", SWITCH.sub("", outside), flags=re.S)
    parts = []
    header = re.search(r"<header\b.*?</header>", outside, re.S).group(0)
    nav = re.search(
        r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-sidebar md-sidebar--secondary")',
        outside,
        re.S,
    )
    footer = outside[outside.index('<footer class="md-footer">') :]
    for block in (header, nav.group(0) if nav else "", footer):
        parts += [line.strip() for line in html.unescape(TAG.sub("\n", block)).splitlines() if line.strip()]
    parts += [html.unescape(value) for value in ATTRS.findall(outside)]
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
    parts += list(json.loads(config.group(1))["translations"].values())
    return [p for p in parts if p]


@pytest.mark.parametrize("path", page_paths())
def test_no_furniture_in_the_other_language(built_site, path):
    text = (built_site / path).read_text(encoding="utf-8")
    parts = furniture(text)
    assert len(parts) > 20  # header, navigation, footer and the search's messages were found
    if path.startswith(LANG_PREFIX["en"]):
        assert [p for p in parts if CJK.search(p)] == []
    else:
        assert [p for p in parts if LATIN_WORD.search(p) and not CJK.search(p)] == []


def test_the_404_page_has_its_furniture_in_both_languages(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    parts = furniture(text)
    notes = {}
    for lang in LANG_PREFIX:
        product = guide_data.localize(guide_data.settings(), lang)["product_name"]
        notes[lang] = guide_data.strings()["furniture"]["disclaimer"][lang].replace("{product}", product)
        assert f'<p class="help-disclaimer" lang="{lang}">{html.escape(notes[lang])}</p>' in text
    # Every other word of furniture is in both languages, Chinese first ("查找 / Search").
    one_language = [p for p in parts if not (CJK.search(p) and LATIN_WORD.search(p))]
    assert sorted(one_language) == sorted(notes.values())
    assert all(CJK.search(p).start() < LATIN_WORD.search(p).start() for p in parts if p not in notes.values())
    assert '<div class="md-sidebar md-sidebar--primary"' not in text  # no navigation in one language
