"""The support request page as built: every field of request_form.toml, in both languages,
with its label, description and required marker, in the form and in the printable blank form."""

from __future__ import annotations

import html
import json
import re
import tomllib

import pytest

from hooks import guide_data
from tests.conftest import LANG_PREFIX, ROOT

FORM = tomllib.loads((ROOT / "request_form.toml").read_text("utf-8"))


def page_html(built_site, lang: str) -> str:
    return (built_site / f"{LANG_PREFIX[lang]}request.html").read_text("utf-8")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_field_is_on_the_request_page(built_site, lang):
    out = page_html(built_site, lang)
    form = out[out.index('id="rq-form"') : out.index('id="rq-outputs"')]
    start = out.index('id="rq-blank"')
    blank = out[start : out.index("</section>", start)]
    required = guide_data.localize(guide_data.strings()["request"], lang)["required"]
    for field in FORM["field"]:
        fid = field["id"]
        label = html.escape(field["label"][lang], quote=True)
        assert f'data-field="{fid}"' in form, fid
        assert label in form and label in blank, fid
        assert f'id="rq-{fid}-desc"' in form and f'aria-describedby="rq-{fid}-desc"' in form, fid
        assert html.escape(field["description"][lang], quote=True) in form, fid
        head = re.search(rf'data-field="{fid}".*?</(label|legend)>', form).group(0)
        assert (html.escape(required) in head) == bool(field.get("required")), fid
        if field.get("mask"):
            assert f'data-nomask="{fid}"' in form, fid
    for step in guide_data.steps_source()["steps"]:
        # Only steps to do can be "tried"; FAQ answers and lessons are to read.
        assert (f'value="{step["id"]}"' in form) != step["reference"], step["id"]
        assert (html.escape(step["title"][lang], quote=True) in blank) != step["reference"], step["id"]


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_page_config_carries_the_form_and_the_steps(built_site, lang):
    out = page_html(built_site, lang)
    data = re.search(r'<script id="__request" type="application/json">(.*?)</script>', out, re.S).group(1)
    config = json.loads(data)
    assert config["form"] == FORM
    assert [s["id"] for s in config["steps"]] == [s["id"] for s in guide_data.steps_source()["steps"]]
    assert config["lang"] == lang
    assert re.search(r'<script type="module" src="(\./|\.\./)assets/js/request-builder\.js"', out)


def test_step_ticks_load_only_on_pages_with_steps(built_site):
    for name in ("basics", "faq", "support"):
        assert "step-ticks.js" in (built_site / f"{name}.html").read_text("utf-8")
    for name in ("index", "request", "checks"):
        assert "step-ticks.js" not in (built_site / f"{name}.html").read_text("utf-8")


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_the_mail_button_is_a_real_link_only_with_an_address(built_site, lang):
    """With no support e-mail (the default) there is no mail button at all; no page has a link
    without an address (search engines and Lighthouse's crawlable-anchors)."""
    assert guide_data.settings()["support"]["email"] or "rq-mailto" not in page_html(built_site, lang)
    for path in built_site.rglob("*.html"):
        for anchor in re.findall(r"<a\b[^>]*>", path.read_text("utf-8")):
            assert "href=" in anchor or "name=" in anchor, (path.name, anchor)
