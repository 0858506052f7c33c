"""The built site opened from disk (file://): pages render their text, each check widget shows
how to serve the folder (docs/assets/js/file-notice.js) instead of its "needs JavaScript" line,
and nothing throws uncaught (module scripts and workers cannot load from file://; the console
says so, which is expected, but no script may fail with an exception)."""

from __future__ import annotations

import pytest

from hooks import guide_data
from tests.conftest import LANG_PREFIX

NOTICE = {lang: guide_data.localize(guide_data.strings(), lang)["print"]["file_notice"] for lang in LANG_PREFIX}


@pytest.fixture(scope="module")
def disk_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.uncaught = []
    page.on("pageerror", lambda exc: page.uncaught.append(str(exc)))
    yield page
    context.close()


@pytest.mark.parametrize(
    ("path", "widgets"),
    [
        ("checks.html", True),
        ("en/checks.html", True),
        ("basics.html", True),
        ("en/notifications.html", True),
        ("index.html", False),
        ("en/request.html", False),
        ("faq.html", False),
    ],
)
def test_a_page_opened_from_disk_reads_and_explains(disk_page, built_site, path, widgets):
    page = disk_page
    page.uncaught.clear()
    page.goto((built_site / path).as_uri(), wait_until="load")
    # Let the theme finish what it starts at load (its search set-up fails or not by now).
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.wait_for_load_state("networkidle")
    lang = "en" if path.startswith("en/") else "zh"
    heading = page.locator("article h1").inner_text()
    assert heading.strip(), path
    notices = page.locator(".ck-panel .help-file-notice")
    if widgets:
        assert notices.count() > 0
        for i in range(notices.count()):
            notice = notices.nth(i)
            assert notice.is_visible(), path
            # The notice's text in the page's language, up to its first code span.
            assert NOTICE[lang].split("`")[0].strip() in notice.inner_text(), notice.inner_text()
        assert page.locator(".ck-panel .ck-fallback:visible").count() == 0
    else:
        assert notices.count() == 0
    assert page.uncaught == [], path


def test_the_notice_stays_hidden_over_http(page, site_url):
    page.goto(site_url + "checks.html")
    page.wait_for_selector(".ck-panel .ck-run:visible")
    assert page.locator(".help-file-notice").count() > 0
    assert page.locator(".help-file-notice:visible").count() == 0
