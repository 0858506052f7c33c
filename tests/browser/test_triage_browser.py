"""The home page's "What do you see?" chooser in headless Chromium: on the first screen of a
laptop and a phone, by keyboard, by direct link, from every page, and accessible (axe-core)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hooks import guide_data
from tests.browser.panels import AXE
from tests.conftest import LANG_PREFIX, guard

VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SYMPTOMS = [sy["id"] for sy in guide_data.symptoms_source()]


@pytest.fixture
def open_page(browser):
    """A guarded page in a context of the given viewport; closed after the test."""
    contexts = []

    def make(viewport: dict, color_scheme: str = "light"):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
        contexts.append(context)
        return guard(context, context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_heading_and_every_choice_are_on_the_first_screen(open_page, site_url, lang, viewport):
    page = open_page(VIEWPORTS[viewport])
    page.goto(f"{site_url}{LANG_PREFIX[lang]}index.html")
    assert page.evaluate("window.scrollY") == 0
    heading = page.locator("#triage-title")
    expect(heading).to_have_text(guide_data.strings()["triage"]["heading"][lang])
    expect(heading).to_be_in_viewport(ratio=1)
    choices = page.locator("nav.triage .triage-choices a")
    expect(choices).to_have_count(len(SYMPTOMS))
    for index, symptom in enumerate(guide_data.symptoms_source()):
        choice = choices.nth(index)
        expect(choice).to_have_text(symptom["label"][lang])
        expect(choice).to_be_in_viewport(ratio=1)
    # Not clipped sideways either (to_be_in_viewport only needs a box inside the window).
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('nav.triage a')].map(a => a.getBoundingClientRect().right))"
    )
    assert right <= VIEWPORTS[viewport]["width"]
    assert page.errors == []


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_keyboard_reaches_a_choice_and_enter_opens_its_path(open_page, site_url, lang):
    page = open_page(VIEWPORTS["laptop"])
    page.goto(f"{site_url}{LANG_PREFIX[lang]}index.html")
    first = "#see-" + SYMPTOMS[0]
    for _ in range(40):  # the theme's skip link and header come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == first:
            break
    else:
        pytest.fail("Tab never reached the first choice")
    # The choices follow one another in the tab order, each with a visible focus ring.
    for symptom in SYMPTOMS[1:3]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == f"#see-{symptom}"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] == "solid" and ring[1] >= 2, ring
    chosen = SYMPTOMS[2]
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '#see-{chosen}'")
    path = page.locator(f"#see-{chosen}")
    expect(path.locator("h3")).to_be_in_viewport(ratio=1)
    expect(path.locator("ol.triage-steps > li").first).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == f"see-{chosen}"
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_a_direct_link_shows_that_path_marked(open_page, site_url, lang, scheme):
    page = open_page(VIEWPORTS["phone"], scheme)
    page.goto(f"{site_url}{LANG_PREFIX[lang]}index.html#see-one-channel")
    path = page.locator("#see-one-channel")
    expect(path.locator("h3")).to_be_in_viewport(ratio=1)
    # Clear of the theme's fixed header.
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert path.locator("h3").bounding_box()["y"] >= header_bottom
    expect(page.locator("#triage-title")).not_to_be_in_viewport()
    # The chosen path is marked (:target), the others are not.
    marked = "id => getComputedStyle(document.getElementById(id)).backgroundColor"
    assert page.evaluate(marked, "see-one-channel") != page.evaluate(marked, "see-no-chats")
    # Its first step leads to the step on its page, in this language.
    page.locator("#see-one-channel a.triage-step").first.click()
    page.wait_for_url(f"{site_url}{LANG_PREFIX[lang]}basics.html#agent-channels")
    expect(page.locator("#agent-channels")).to_be_in_viewport()
    assert page.errors == []


@pytest.mark.parametrize(("lang", "name"), [("zh", "basics"), ("en", "faq"), ("en", "checks")])
def test_the_link_on_every_page_reaches_the_chooser(open_page, site_url, lang, name):
    page = open_page(VIEWPORTS["phone"])
    page.goto(f"{site_url}{LANG_PREFIX[lang]}{name}.html")
    link = page.locator(".help-triage-link a")
    expect(link).to_have_text(guide_data.strings()["triage"]["link"][lang])
    expect(link).to_be_in_viewport()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{LANG_PREFIX[lang]}index.html#start")
    expect(page.locator("#triage-title")).to_be_in_viewport(ratio=1)
    expect(page.locator("nav.triage .triage-choices a").last).to_be_in_viewport(ratio=1)
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_home_page_has_no_accessibility_violation(open_page, site_url, lang, scheme):
    page = open_page(VIEWPORTS["laptop"], scheme)
    # With a path chosen, so its marked state is checked too (contrast on the tint).
    page.goto(f"{site_url}{LANG_PREFIX[lang]}index.html#see-whole-team")
    # Evaluated, not added as a <script>: the site's CSP refuses inline scripts (hooks/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run()).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    assert violations == []


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_link_of_the_chooser_is_big_enough_to_tap_on_a_phone(open_page, site_url, lang):
    """WCAG 2.5.8: every link of the chooser and its paths is at least 24 px tall."""
    page = open_page(VIEWPORTS["phone"])
    page.goto(f"{site_url}{LANG_PREFIX[lang]}index.html", wait_until="load")
    heights = page.locator("nav.triage a, .triage-path a").evaluate_all(
        "els => els.map(a => [a.getAttribute('href'), a.getBoundingClientRect().height])"
    )
    assert heights and [(href, h) for href, h in heights if h < 24] == []
