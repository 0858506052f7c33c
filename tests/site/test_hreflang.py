"""Every page's hreflang links are absolute, under site_url (search engines and Lighthouse ignore
relative ones), name both languages and lead to pages that exist; the script that points them at
the serving origin is the same on every page (one hash in the CSP)."""

from __future__ import annotations

import re

import pytest

from hooks import guide_data
from tests.conftest import LANG_PREFIX, PAGES, page_paths

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">')
REBASE = re.compile(r"<script>\(\(\)=>\{const s=[^<]*__md_scope[^<]*</script>")


@pytest.mark.parametrize("path", page_paths())
def test_alternates_are_absolute_under_site_url_and_exist(built_site, path):
    text = (built_site / path).read_text(encoding="utf-8")
    site = guide_data.settings()["site_url"]
    name = path.rsplit("/", 1)[-1]
    found = {lang: href for href, lang in ALTERNATE.findall(text)}
    assert found == {lang: f"{site}{LANG_PREFIX[lang]}{name}" for lang in LANG_PREFIX}
    for href in found.values():
        assert (built_site / href[len(site) :]).is_file(), href
    head = text[: text.index("</head>")]
    assert len(REBASE.findall(head)) == 1 and head.index("__md_scope=") < REBASE.search(head).start()


def test_the_rebase_script_is_one_text_on_every_page(built_site):
    scripts = {REBASE.search((built_site / path).read_text("utf-8")).group(0) for path in page_paths()}
    assert len(scripts) == 1 and len(PAGES) * len(LANG_PREFIX) == len(page_paths())


def test_the_404_page_has_no_alternates(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert not ALTERNATE.search(text) and not REBASE.search(text)


def test_a_site_served_elsewhere_keeps_absolute_links_under_its_own_site_url(tmp_path):
    from tests.conftest import build_site

    result = build_site(tmp_path / "site", 'site_url = "https://help.example.internal/guide/"\n')
    assert result.returncode == 0, result.stdout + result.stderr
    text = (tmp_path / "site" / "en" / "faq.html").read_text(encoding="utf-8")
    assert dict(ALTERNATE.findall(text)) == {
        "https://help.example.internal/guide/faq.html": "zh",
        "https://help.example.internal/guide/en/faq.html": "en",
    }
    assert 'const s="https://help.example.internal/guide/"' in text
