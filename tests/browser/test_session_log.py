"""The session-log part of the admin checks (docs/assets/js/admin-session-log.js) in headless Chromium,
in both languages, on a site built with a small size limit: a GB18030 export with a gap on a busy
Wednesday, dropped (a real drop event carrying a DataTransfer) or picked, is streamed to the worker in
slices and comes back with the gap in the findings and in the chart, the malformed rows by line, the
column mapping (changing it reads the file again) and the spread across agents and channels; empty,
binary and oversized files get their own message; markup in a cell stays text; nothing leaves the
page; and `python -m checks session-log` gives the same findings for the same file."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from checks.admin.session_log import analyse
from checks.admin.session_log.columns import FIELDS
from hooks import guide_data
from scripts import serve_site
from tests.browser.panels import AXE
from tests.conftest import LANG_PREFIX, ROOT, serve_build, strict_page

FIXTURES = ROOT / "tests/unit/fixtures/session_log"
GAP = FIXTURES / "gap_gb18030.csv"  # 3 weeks, 9:00-18:00; nothing on Wed 2026-11-18 10:00-15:00
HOSTILE = "<img src=x onerror=alert(1)>"  # an agent's name on line 31
LIMIT_MB = 3  # over the page's 2 MB slice, so a file can take several
OVERLAY = f"[session_log]\nlimit_mb = {LIMIT_MB}\n"
LANGS = ("zh", "en")
PART = ".adm [data-admin=session_log]"

# Counts File/Blob reads, so a test can tell that a file was refused without being read; records
# what the content security policy refuses.
COUNT_SLICES = """
const slice = Blob.prototype.slice;
window.__slices = 0;
Blob.prototype.slice = function (...args) { window.__slices += 1; return slice.apply(this, args); };
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""

DROP = """([b64, name]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type: "text/csv" }));
  const zone = document.querySelector(".adm [data-admin=session_log] .sl-drop");
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }
}"""


@pytest.fixture(scope="module")
def log_site(tmp_path_factory) -> str:
    server, url = serve_build(tmp_path_factory.mktemp("session-log-build") / "site", OVERLAY)
    yield url
    serve_site.stop(server)


@pytest.fixture
def page(browser):
    """A strict page that also records every request: none may send a body, and no CSP refusal."""
    sent: list[str] = []
    with strict_page(browser) as page:
        page.context.add_init_script(COUNT_SLICES)
        page.on("request", lambda r: sent.append(r.method) if r.method != "GET" or r.post_data else None)
        yield page
        refused = page.evaluate("() => window.__csp")
    assert refused == [], refused
    assert sent == [], sent


def open_part(page, base: str, lang: str) -> dict:
    page.goto(f"{base}{LANG_PREFIX[lang]}checks.html", wait_until="load")
    page.locator(f"{PART} input[type=file]").wait_for(state="visible")
    return guide_data.localize(guide_data.strings(), lang)["session_log"]


def finished(page) -> int:
    return int(page.locator(PART).get_attribute("data-finished"))


def wait_done(page, before: int) -> str:
    page.wait_for_function(
        "([sel, n]) => Number(document.querySelector(sel).dataset.finished) > n", arg=[PART, before], timeout=120000
    )
    return page.locator(PART).get_attribute("data-state")


def pick(page, name: str, data: bytes) -> str:
    before = finished(page)
    page.locator(f"{PART} input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})
    return wait_done(page, before)


def drop(page, name: str, data: bytes) -> str:
    before = finished(page)
    page.evaluate(DROP, [base64.b64encode(data).decode(), name])
    return wait_done(page, before)


def findings(page) -> dict[str, dict]:
    items = page.locator(f"{PART} .ck-finding")
    return {
        items.nth(i).get_attribute("data-finding"): {
            "status": items.nth(i).get_attribute("data-status"),
            "text": items.nth(i).text_content(),
        }
        for i in range(items.count())
    }


def state(page) -> str:
    return page.locator(f"{PART} .adm-state").inner_text()


def axe(page) -> list:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated: the CSP refuses inline scripts
    violations = page.evaluate(
        "async (sel) => (await axe.run({include: [[sel]]})).violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary).slice(0, 3)}))",
        PART,
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def chart_colours(page) -> dict:
    return page.evaluate(
        """(sel) => {
            const figure = document.querySelector(sel + " .sl-chart");
            const bar = figure.querySelector("rect.bar"), gap = figure.querySelector("rect.gap");
            return {text: getComputedStyle(figure).color, bar: getComputedStyle(bar).fill,
                    gap: getComputedStyle(gap).stroke, scheme: document.body.dataset.mdColorScheme};
        }""",
        PART,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_dropped_log_shows_the_gap_in_findings_and_chart(page, log_site, lang):
    t = open_part(page, log_site, lang)
    assert drop(page, "导出.csv", GAP.read_bytes()) == "done"
    found = findings(page)
    gap = found["session-log-gaps"]
    assert gap["status"] == "warn"
    assert ("2026-11-18 10:00 至 15:00" if lang == "zh" else "2026-11-18 10:00 to 15:00") in gap["text"]
    read = found["session-log-read"]
    assert read["status"] == "ok"
    assert "gb18030" in read["text"]
    assert ("读取了" in read["text"]) == (lang == "zh")
    native = analyse(GAP.read_bytes())
    assert state(page) == t["done"].format(name="导出.csv", rows=native["rows"], sessions=native["sessions"])
    # The chart: Python's SVG, in the page's language, the gap marked with its hours.
    chart = page.locator(f"{PART} .sl-chart svg")
    assert chart.get_attribute("role") == "img"
    assert chart.get_attribute("lang") == lang
    gaps = chart.locator("rect.gap title")
    assert gaps.count() == 1
    assert "2026-11-18 10:00" in gaps.first.text_content()
    assert ("空档" in gaps.first.text_content()) == (lang == "zh")
    label_ids = chart.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"[id='{i}']").count() == 1 for i in label_ids)
    # Malformed rows, by line, in the page's language.
    lines = page.locator(f"{PART} .sl-malformed li")
    assert [lines.nth(i).get_attribute("data-line") for i in range(lines.count())] == ["6", "21"]
    assert t["line"].format(line=6) in lines.first.inner_text()
    # The spread: the markup in an agent's name is a table cell's text.
    agents = page.locator(f"{PART} table.sl-table").first
    assert agents.locator("caption").inner_text().startswith(t["agents"])
    assert HOSTILE in agents.inner_text()
    # Headers a screen reader announces with each cell, and the columns set apart (Material spaces
    # only tables without a class).
    assert agents.locator("thead th[scope=col]").count() == 3
    gaps_px = agents.evaluate(
        """(t) => [...t.querySelectorAll('tbody tr:first-child td')].map((c) => {
             const s = getComputedStyle(c);
             return parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
           })"""
    )
    assert all(px >= 8 for px in gaps_px[:-1]), gaps_px
    assert page.locator(f"{PART} img, {PART} script, {PART} foreignObject").count() == 0
    # The mapping, from the Chinese headers.
    assert page.locator(f"{PART} select[data-field=start] option:checked").inner_text() == "开始时间"
    assert "会话ID" in page.locator(f"{PART} .sl-headers").inner_text()
    # Kept for the report and the request: findings only.
    stored = json.loads(page.evaluate("() => localStorage.getItem('help.admin.v1')"))
    kept = stored["checks"]["session_log"]["findings"]
    assert {f["id"] for f in kept} == set(found)
    # Readable and accessible in both palettes: the chart is drawn in the text colour of each.
    assert axe(page) == []
    light = chart_colours(page)
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    dark = chart_colours(page)
    for colours in (light, dark):
        assert colours["bar"] == colours["gap"] == colours["text"], colours
    assert light["text"] != dark["text"]
    assert axe(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_changing_the_mapping_reads_the_file_again(page, log_site, lang):
    t = open_part(page, log_site, lang)
    assert pick(page, "log.csv", GAP.read_bytes()) == "done"
    slices = page.evaluate("() => window.__slices")
    assert slices >= 1
    agents = page.locator(f"{PART} table.sl-table").first
    assert "张三" in agents.inner_text()
    # The agent's column is now the channel's: the agents are the channels.
    page.locator(PART).get_by_label(FIELDS["agent"][0][lang], exact=True).select_option(label="渠道")
    before = finished(page)
    page.get_by_role("button", name=t["again"]).click()
    assert wait_done(page, before) == "done"
    assert page.evaluate("() => window.__slices") > slices  # read again, from the file
    assert "网页" in agents.inner_text() and "张三" not in agents.inner_text()
    assert page.locator(f"{PART} select[data-field=agent] option:checked").inner_text() == "渠道"
    # No start column at all: said in the page's language, with the headers to choose from.
    page.locator(f"{PART} select[data-field=start]").select_option("")
    before = finished(page)
    page.get_by_role("button", name=t["again"]).click()
    wait_done(page, before)
    read = findings(page)["session-log-read"]
    assert read["status"] == "unknown"
    assert ("找不到“开始时间”列" if lang == "zh" else "No Start time column") in read["text"]
    # The mapping is named as what it is, not by where it sits, and never as a terminal option.
    assert ("在“列对应”里指定" if lang == "zh" else "in the column mapping") in read["text"]
    assert "--columns" not in read["text"] and "上面" not in read["text"] and "above" not in read["text"]
    assert state(page) == t["not_read"].format(name="log.csv")


@pytest.mark.parametrize("lang", LANGS)
def test_empty_binary_and_oversized_files_get_their_message(page, log_site, lang):
    open_part(page, log_site, lang)
    expected = {
        "empty.csv": ("文件是空的", "The file is empty"),
        "export.csv": ("Excel（.xlsx）", "Excel (.xlsx) or zip"),
        "big.csv": (f"文件超过 {LIMIT_MB} MB", f"over {LIMIT_MB} MB"),
    }
    big = ("会话ID,开始时间\n" + "S1,2026-11-25 09:00:00\n" * 140000).encode("utf-8")
    assert len(big) > LIMIT_MB * 1024 * 1024
    for name, data in (
        ("empty.csv", b""),
        ("export.csv", (FIXTURES / "spreadsheet.xlsx").read_bytes()),
        ("big.csv", big),
    ):
        slices = page.evaluate("() => window.__slices")
        assert pick(page, name, data) == "done"
        read = findings(page)
        assert list(read) == ["session-log-read"], read
        assert read["session-log-read"]["status"] == "unknown"
        words = expected[name][0 if lang == "zh" else 1]
        assert words in read["session-log-read"]["text"], read
        assert expected[name][1 if lang == "zh" else 0] not in read["session-log-read"]["text"]
        if name == "big.csv":
            assert page.evaluate("() => window.__slices") == slices  # refused before a byte was read
        assert page.locator(f"{PART} .sl-chart").count() == 0


def test_the_file_input_is_labelled_and_reached_from_the_keyboard(page, log_site):
    t = open_part(page, log_site, "en")
    field = page.get_by_label(t["choose"])
    assert field.get_attribute("type") == "file"
    page.locator("body").focus()
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.type === 'file'"):
            break
    assert page.evaluate("() => document.activeElement.id") == field.get_attribute("id")
    assert page.locator(f"{PART} progress").get_attribute("id") == page.locator(
        f"{PART} .sl-progress label"
    ).get_attribute("for")


def busy_log(path) -> bytes:
    """About 2.5 MB of GB18030: 100 sessions an hour, 8:00 to 20:00, for 4 weeks; none on Wednesday
    2026-11-18 from 13:00 to 17:00; a malformed row at line 1001. Read in two slices by the page."""
    rows = [GAP.read_bytes().decode("gb18030").splitlines()[0]]
    start = datetime(2026, 11, 2)
    for day in range(28):
        for hour in range(8, 20):
            if day == 16 and 13 <= hour < 17:
                continue
            for k in range(100):
                begin = start + timedelta(days=day, hours=hour, seconds=36 * k)
                n = len(rows)
                rows.append(
                    f"S{n},{begin:%Y-%m-%d %H:%M:%S},{begin + timedelta(minutes=5):%Y-%m-%d %H:%M:%S},"
                    f"{'张三李四王五'[n % 3 * 2 : n % 3 * 2 + 2]},已结束,{'网页' if n % 4 else '微信'},{begin:%H:%M:%S},{n % 9 + 1}"
                )
    rows[1000] = "S1000,下午三点,,张三,已结束,网页,,1"
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    return path.read_bytes()


def test_the_terminal_gives_the_same_findings(page, log_site, tmp_path):
    open_part(page, log_site, "en")
    big = tmp_path / "busy.csv"
    assert 2 * 1024 * 1024 < len(busy_log(big)) < LIMIT_MB * 1024 * 1024
    for path, slices, gap in ((GAP, 1, "2026-11-18 10:00"), (big, 2, "2026-11-18 13:00")):
        before = page.evaluate("() => window.__slices")
        assert pick(page, path.name, path.read_bytes()) == "done"
        assert page.evaluate("() => window.__slices") - before == slices
        assert page.evaluate("(sel) => document.querySelector(sel + ' progress').value", PART) == path.stat().st_size
        stored = json.loads(page.evaluate("() => localStorage.getItem('help.admin.v1')"))
        browser = [(f["id"], f["status"], f["message"]) for f in stored["checks"]["session_log"]["findings"]]
        out = subprocess.run(
            [sys.executable, "-m", "checks", "session-log", str(path), "--json", "--lang", "en"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 1, out.stderr  # warnings: the gap, the malformed rows
        terminal = [(f["id"], f["status"], f["message"]) for f in json.loads(out.stdout)["findings"]]
        assert browser == terminal
        found = {i: (s, m) for i, s, m in terminal}
        assert found["session-log-gaps"][0] == "warn" and gap in found["session-log-gaps"][1]["en"]
        assert found["session-log-malformed"][0] == "warn"


def test_the_chart_is_checked_before_it_is_shown(page, log_site):
    """chartNode keeps only chart.py's own SVG elements, without handlers, links or style, ids made unique."""
    open_part(page, log_site, "en")
    got = page.evaluate(
        """async () => {
            const { chartNode } = await import("/assets/js/admin-session-log.js");
            const ns = 'xmlns="http://www.w3.org/2000/svg"';
            const show = (svg) => { const n = chartNode(svg, "p"); return n && n.outerHTML; };
            return {
                good: show(`<svg ${ns} aria-labelledby="t d" onload="alert(1)"><title id="t">T</title><desc id="d">D</desc>`
                    + `<g><rect class="bar" style="fill:red" onclick="alert(2)" width="1" height="1"/></g></svg>`),
                script: show(`<svg ${ns}><script>alert(3)</script></svg>`),
                foreign: show(`<svg ${ns}><foreignObject><img src="x"/></foreignObject></svg>`),
                link: show(`<svg ${ns}><a href="javascript:alert(4)"><text>x</text></a></svg>`),
                html: show("<p>not svg</p>"),
                broken: show(`<svg ${ns}><rect></svg>`),
            };
        }"""
    )
    assert got["good"] == (
        '<svg xmlns="http://www.w3.org/2000/svg" aria-labelledby="p-t p-d"><title id="p-t">T</title>'
        '<desc id="p-d">D</desc><g><rect class="bar" width="1" height="1"></rect></g></svg>'
    )
    assert got["script"] is got["foreign"] is got["link"] is got["html"] is got["broken"] is None
    # Parsing the hostile SVG is already refused by the page's policy (its document inherits it): the
    # handlers, style and script never run even before chartNode drops them.
    refused = page.evaluate("() => window.__csp.splice(0)")
    assert refused and all(r.endswith(" inline") for r in refused), refused
    policy = [e for e in page.errors if "Content Security Policy" in e]
    assert len(policy) == len(refused), page.errors  # the console's copy of the same refusals
    page.errors[:] = [e for e in page.errors if e not in policy]
