"""The theme's furniture (permalink titles, palette toggle names, the footer) is in the page's language."""

from __future__ import annotations

import html
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
