"""Heading levels never skip on any page (Lighthouse's heading-order: an h3 right after the h1
cost the checks page its accessibility score). The check widgets' headings follow the heading
above them (hooks/render_guide.py): h2 right after a page's h1, h3 under a step."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.conftest import page_paths

HEADING = re.compile(r"<h([1-6])\b([^>]*)>")


def article(text: str) -> str:
    return re.search(r"<article\b.*?</article>", text, re.S).group(0)


@pytest.mark.parametrize("path", page_paths())
def test_heading_levels_never_skip(built_site, path):
    levels = [int(level) for level, _ in HEADING.findall(article((built_site / path).read_text("utf-8")))]
    assert levels and levels[0] == 1, levels
    for before, level in itertools.pairwise(levels):
        assert level <= before + 1, (path, levels)


@pytest.mark.parametrize(
    ("path", "panel", "level"),
    [
        ("checks.html", "all", 2),
        ("en/checks.html", "all", 2),
        ("checks.html", "workstation", 3),
        ("basics.html", "connectivity", 3),
        ("en/notifications.html", "notifications", 3),
    ],
)
def test_a_check_widget_heading_sits_under_the_heading_above_it(built_site, path, panel, level):
    text = (built_site / path).read_text("utf-8")
    found = re.search(rf'<h([1-6]) class="ck-title" id="check-{panel}-title">', text)
    assert found and int(found.group(1)) == level, (path, panel)
