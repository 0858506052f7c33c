"""Driving the check panels in a browser test, and reading what they show."""

from __future__ import annotations

import json
import re

import jsonschema

from hooks import guide_data
from tests.conftest import LANG_PREFIX, ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
LANGS = list(LANG_PREFIX)
FACTS_SCHEMA = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas/facts.schema.json").read_text("utf-8")))
AXE = ROOT / "node_modules/axe-core/axe.min.js"


def search(page, query: str) -> list[str]:
    """Types `query` into the theme's search box; the result pages, best first (no fragment, no ?h=)."""
    return [hit["href"].split("#")[0] for hit in search_hits(page, query)]


# Each result item (one page) links the page and its sections, each with its score; the item's
# best is the one with the highest score (the theme puts the page first whatever its score).
_HITS = """items => items.map(item => {
  const links = [...item.querySelectorAll("a.md-search-result__link")].map(a => ({
    href: a.href, score: Number(a.querySelector("article").dataset.mdScore),
  }));
  const best = links.reduce((a, b) => (b.score > a.score ? b : a));
  return { href: best.href, hrefs: links.map(l => l.href), text: item.textContent };
})"""


def search_hits(page, query: str) -> list[dict]:
    """Types `query` into the theme's search box and waits for its results: per result page, best
    page first, `href` (its best section, with the fragment, without the highlight's ?h=),
    `hrefs` (every link in it, likewise) and `text` (what it shows: titles and snippets)."""
    box = page.locator("input.md-search__input")
    box.click()
    # Empty first, so that the results waited for are this query's, not the last one's.
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=15000)
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hits = page.locator(".md-search-result__item").evaluate_all(_HITS)
    for hit in hits:
        hit["href"] = _no_highlight(hit["href"])
        hit["hrefs"] = [_no_highlight(h) for h in hit["hrefs"]]
    return hits


def _no_highlight(href: str) -> str:
    return re.sub(r"\?h=[^#]*", "", href)


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


# strings.toml tables whose text is the widgets' interface: buttons, questions, fallbacks, labels.
INTERFACE_TABLES = (
    "panel",
    "scope",
    "progress",
    "error",
    "status",
    "ask",
    "offline",
    "background",
    "probe",
    "report",
    "request",
    "service_worker",
    "print",
    "step",
    "triage",
)
_MIN_LENGTH = {"zh": 4, "en": 12}


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        yield value


def _prose(lang: str) -> str:
    """The guide's own text in `lang`: its pages' sources and the steps."""
    pages = [p for p in (ROOT / "docs").glob("*.md") if p.name.endswith(".en.md") == (lang == "en")]
    steps = guide_data.localize(guide_data.steps_source(), lang)
    return "\n".join(p.read_text("utf-8") for p in pages) + json.dumps(steps, ensure_ascii=False)


def interface_texts(lang: str) -> set[str]:
    """The widgets' interface text in `lang` (strings.toml), in the pieces a widget shows (split at
    placeholders and code spans), long enough to mean something, and not quoted by the guide's own
    prose (which names a button to tell the agent to press it): text that only a widget shows."""
    t = guide_data.localize(guide_data.strings(), lang)
    prose = _prose(lang)
    out = set()
    for table in INTERFACE_TABLES:
        for leaf in _leaves(t.get(table, {})):
            for raw in re.split(r"\{[^}]*\}|`|\n", leaf):
                piece = raw.strip(" :：,，.。;；")
                if len(piece) >= _MIN_LENGTH[lang] and piece not in prose:
                    out.add(piece)
    return out
