"""Escalation reaches a person: the support step lists the configured contacts, says what to do
when there are none, and the status page link is named for what it is, in both languages."""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import build_site

# No vendor e-mail or phone, and no status page: it is the official site (the defaults' shape).
BARE = """
official_site_url = "https://vendor.example/"
status_page_url = "https://vendor.example/"
[support]
url = "https://vendor.example/"
email = ""
phone = ""
internal_contact = { zh = "值班组长小王", en = "Wang, the shift lead" }
"""

# Every contact set, and a status page of its own.
FULL = """
official_site_url = "https://vendor.example/"
status_page_url = "https://status.vendor.example/"
[support]
url = "https://vendor.example/help/"
email = "help@vendor.example"
phone = "+86 10 1234 5678"
internal_contact = { zh = "值班组长小王", en = "Wang, the shift lead" }
"""

LEAD = {"zh": "值班组长小王", "en": "Wang, the shift lead"}
PREFIX = {"zh": "", "en": "en/"}
# Pages that send the agent to the status page step or link status_page_url.
STATUS_PAGES = ("basics.html", "faq.html", "support.html", "client.html", "persists.html")


@pytest.fixture(scope="module", params=["bare", "full"])
def variant(request, tmp_path_factory):
    dest = tmp_path_factory.mktemp(f"escalation-{request.param}") / "site"
    result = build_site(dest, BARE if request.param == "bare" else FULL)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, dest


def article(site, lang: str, page: str) -> str:
    text = (site / PREFIX[lang] / page).read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def section(site, lang: str, step_id: str, next_id: str) -> str:
    body = article(site, lang, "support.html")
    return body[body.index(f'id="{step_id}"') : body.index(f'id="{next_id}"')]


def words(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_support_contact_lists_the_team_first_then_the_configured_vendor_contacts(variant, lang):
    kind, site = variant
    contact = section(site, lang, "support-contact", "learn-concurrency")
    text = words(contact)
    assert LEAD[lang] in text
    assert contact.index(LEAD[lang]) < contact.index('href="https://vendor.example/')
    if kind == "full":
        assert 'href="mailto:help@vendor.example"' in contact
        assert "+86 10 1234 5678" in text
        assert 'href="https://vendor.example/help/"' in contact
        # With a way to reach the vendor, no "nobody configured" advice.
        assert "admonition warning" not in contact
    else:
        assert "mailto:" not in contact
        assert 'href="https://vendor.example/"' in contact


@pytest.mark.parametrize("variant", ["bare"], indirect=True)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_vendor_contacts_it_says_what_to_prepare_and_whom_to_ask(variant, lang):
    _, site = variant
    contact = section(site, lang, "support-contact", "learn-concurrency")
    warning = contact[contact.index("admonition warning") :]
    warning = warning[: warning.index("</div>")]
    assert 'href="#support-prepare"' in warning
    assert 'href="request.html"' in warning
    assert LEAD[lang] in words(warning)
    # Where the site settings go is an admin's business, folded away.
    assert re.search(r"<details class=\"info\">\s*<summary>(给管理员|For admins)</summary>", contact)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", STATUS_PAGES)
def test_the_status_link_is_named_for_what_it_is(variant, lang, page):
    kind, site = variant
    text = words(article(site, lang, page))
    promises = "状态页" if lang == "zh" else "status page"
    if kind == "bare":
        # The official site is no status page: nothing may call it one.
        assert promises not in text.lower()
    if page in ("basics.html", "faq.html"):
        body = article(site, lang, page)
        if kind == "bare":
            label = "服务商官网" if lang == "zh" else "the vendor's official site"
            assert f'href="https://vendor.example/">{html.escape(label, quote=False)}</a>' in body.replace("&#39;", "'")
        else:
            label = "服务状态页" if lang == "zh" else "status page"
            assert f'href="https://status.vendor.example/">{label}</a>' in body
