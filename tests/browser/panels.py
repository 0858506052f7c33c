"""Driving the check panels in a browser test, and reading what they show."""

from __future__ import annotations

import json
import re

import jsonschema

from tests.conftest import LANG_PREFIX, ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
LANGS = list(LANG_PREFIX)
FACTS_SCHEMA = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas/facts.schema.json").read_text("utf-8")))
AXE = ROOT / "node_modules/axe-core/axe.min.js"


def search(page, query: str) -> list[str]:
    """Types `query` into the theme's search box; the result pages, best first (no fragment, no ?h=)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [href.split("#")[0].split("?")[0] for href in hrefs]


def open_checks(page, base: str, lang: str, name: str = "checks"):
    page.goto(f"{base}{LANG_PREFIX[lang]}{name}.html", wait_until="load")
    page.wait_for_selector(".ck-panel:not([data-checks=background]) .ck-run:visible, .ck-bg:visible")
    return page


def wait_done(page, selector: str, timeout: int = 60000) -> None:
    page.locator(f"{selector} .ck-summary:not([hidden])").wait_for(timeout=timeout)
    page.wait_for_function("sel => !document.querySelector(sel).hasAttribute('aria-busy')", arg=selector)


def run_panel(page, selector: str = "#check-all", timeout: int = 60000) -> dict[str, str]:
    page.locator(f"{selector} .ck-run").click()
    wait_done(page, selector, timeout)
    return findings(page, selector)


def findings(page, selector: str = "#check-all") -> dict[str, str]:
    return page.locator(f"{selector} .ck-finding").evaluate_all(
        "els => Object.fromEntries(els.map(e => [e.dataset.finding, e.dataset.status]))"
    )


def problems(result: dict[str, str]) -> dict[str, str]:
    return {fid: status for fid, status in result.items() if status in ("fail", "warn")}


def finding_text(page, finding_id: str, selector: str = "#check-all") -> str:
    return page.locator(f"{selector} [data-finding={finding_id}]").inner_text()


def judged_facts(page, selector: str = "#check-all") -> dict:
    """The facts the panel last judged, from its "Technical details" block, checked against the schema."""
    facts = json.loads(page.locator(f"{selector} .ck-facts").text_content())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in FACTS_SCHEMA.iter_errors(facts)]
    assert errors == [], errors
    return facts


def assert_language(page, lang: str, selector: str = "#check-all"):
    titles = page.locator(f"{selector} .ck-finding-title").all_text_contents()
    assert titles
    for title in titles:
        assert bool(CJK.search(title)) == (lang == "zh"), title


def deny(context, page, origin: str):
    """Notification permission denied for one origin. Returns the CDP session, which must stay
    open for the setting to last."""
    cdp = context.new_cdp_session(page)
    context_id = cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    cdp.send(
        "Browser.setPermission",
        {
            "permission": {"name": "notifications"},
            "setting": "denied",
            "origin": origin.rstrip("/"),
            "browserContextId": context_id,
        },
    )
    return cdp
