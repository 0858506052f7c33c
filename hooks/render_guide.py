"""Renders the guide's Markdown from the single sources before MkDocs parses it.

Each page is a Jinja template with StrictUndefined, so a typo fails the build:
- {{ step("net-online") }}  -> the step's heading with its stable, language-independent id;
- {{ checks("connectivity") }} -> the in-browser check widget;
- {{ s.product_name }} etc. -> settings.toml, already in the page's language;
- {{ page_script("compare.js") }} -> a module of docs/assets/js/ for this page, which gets the
  page config (settings, strings, runtime paths) as a page with a check widget does;
- {{ checklist() }} -> the printed checklist of steps.toml (hooks/checklist.py);
- {{ admin_checks("version hours", collapsed=True) }} -> an admin block ("For admins") with those
  admin checks (docs/assets/js/admin-checks.js, added as a page script); collapsed in the guide's
  sections, open on the checks page.
A section's page must show all of its steps, in steps.toml order, exactly once.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hooks import checklist as checklist_page
from hooks import guide_data, search_index, workstation_probe
from hooks import triage as triage_view

CHECK_NAMES = ("connectivity", "notifications", "browser", "background", "workstation", "all")
ADMIN_PARTS = ("version", "hours", "rules", "session_log")
_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
_pages_with_checks: dict[str, list[str]] = {}
_page_scripts: dict[str, list[str]] = {}


def on_config(config, **_):
    # `mkdocs serve` rebuilds in one process: read the TOML sources afresh each build.
    guide_data.clear_caches()
    _pages_with_checks.clear()
    _page_scripts.clear()
    return config


def page_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def section_of(page) -> str:
    """basics.md and basics.en.md both belong to section 'basics'."""
    return Path(page.file.src_uri).name.split(".")[0]


def _questions(name: str, t: dict) -> str:
    """The test buttons and the questions only the agent can answer."""
    ask = t["ask"]

    def question(key: str, text: str, button: str | None) -> str:
        btn = (
            f'<button type="button" class="md-button ck-try" data-try="{key}">{html.escape(button)}</button>'
            if button
            else ""
        )
        return (
            f'<div class="ck-ask" data-ask="{key}">{btn}'
            f'<fieldset class="ck-question" {"hidden" if button else ""}><legend>{html.escape(text)}</legend>'
            + "".join(
                f'<label><input type="radio" name="ck-{key}-{name}" value="{v}"> {html.escape(ask[v])}</label>'
                for v in ("yes", "no", "unsure")
            )
            + "</fieldset></div>"
        )

    return (
        '<div class="ck-asks">'
        + question("saw_notification", ask["notify_question"], ask["notify_button"])
        + question("heard_sound", ask["sound_question"], ask["sound_button"])
        + question("os_dnd_on", ask["dnd_question"], None)
        + "</div>"
    )


def _background(name: str, t: dict) -> str:
    """The background test: how long to stay hidden, start and stop. It replaces the run button."""
    b = t["background"]
    field = f"ck-bg-minutes-{name}"
    options = "".join(
        f'<option value="{n}"{" selected" if n == 5 else ""}>{html.escape(b["minutes"].format(n=n))}</option>'
        for n in range(1, 11)
    )
    return (
        '<div class="ck-bg" hidden>'
        f'<p class="ck-bg-how">{html.escape(b["how"])}</p>'
        f'<p><label for="{field}">{html.escape(b["label"])}</label> '
        f'<select id="{field}" class="ck-bg-minutes">{options}</select></p>'
        f'<p><button type="button" class="md-button md-button--primary ck-bg-start">{html.escape(b["start"])}</button>'
        f'<button type="button" class="md-button ck-bg-stop" hidden>{html.escape(b["stop"])}</button></p>'
        '<p class="ck-bg-state" role="status" aria-live="polite"></p>'
        "</div>"
    )


# Extra controls a panel kind shows between its run button and its results.
PANEL_CONTROLS = {
    "notifications": _questions,
    "all": _questions,
    "background": _background,
    "workstation": workstation_probe.handover_controls,
}


def _code_spans(text: str) -> str:
    """Escape `text`, turning `...` into <code>...</code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def _print_line(lang: str, t: dict) -> str:
    """On paper a widget is one line: the checks page's address and its QR code (print.css shows it)."""
    url = checklist_page.checks_url(lang)
    pr = t["print"]
    return (
        f'<p class="ck-print">{checklist_page.qr_svg(url, t["checklist"]["qr_label"])}'
        f'<span>{html.escape(pr["checks_line"])} <a href="{html.escape(url)}">{html.escape(url)}</a> '
        f"{html.escape(pr['checks_scan'])}</span></p>\n"
    )


# Stands for the panel heading's level until the page is rendered (see _panel_levels).
_LEVEL = "\x00ck-level\x00"
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]", re.M)


def _panel_levels(markdown: str) -> str:
    """Each panel's heading one level below the Markdown heading before it (h2 right after the
    page's h1, h3 under a step), so heading levels never skip."""
    while _LEVEL in markdown:
        at = markdown.index(_LEVEL)
        above = _MD_HEADING.findall(markdown[:at])
        level = str(min(len(above[-1]) + 1, 6) if above else 2)
        markdown = markdown[:at] + level + markdown[at + len(_LEVEL) :]
    return markdown


def _panel_html(name: str, lang: str) -> str:
    t = guide_data.localize(guide_data.strings(), lang)
    p = t["panel"]
    extra = PANEL_CONTROLS[name](name, t) if name in PANEL_CONTROLS else ""
    title = p["title"][name]
    # Interface, not guide text: kept out of the search index (hooks/search_index.py).
    return (
        f'<section class="ck-panel" id="check-{name}" data-checks="{name}" aria-labelledby="check-{name}-title" data-search-exclude>\n'
        f'<h{_LEVEL} class="ck-title" id="check-{name}-title">{html.escape(title)}</h{_LEVEL}>\n'
        f'<p class="ck-intro">{html.escape(p["intro"])}</p>\n'
        f'<p class="ck-fallback">{html.escape(p["noscript"])}</p>\n'
        # Un-hidden by file-notice.js when the page is opened from disk (file://).
        f'<p class="help-file-notice" hidden>{_code_spans(t["print"]["file_notice"])}</p>\n'
        + _print_line(lang, t)
        + f'<div class="ck-controls" hidden><button type="button" class="md-button md-button--primary ck-run">{html.escape(p["run"])}</button></div>\n'
        f"{extra}\n"
        # One live region: the progress, then the summary (shown once, here only).
        '<div class="ck-status" role="status" aria-live="polite"><p class="ck-progress"></p><p class="ck-summary" hidden></p></div>\n'
        f'<ul class="ck-findings" aria-label="{html.escape(p["results"])}"></ul>\n'
        f'<details class="ck-tech" hidden><summary>{html.escape(p["tech"])}</summary>'
        '<p class="ck-tech-error" hidden></p><pre class="ck-facts"></pre></details>\n'
        "</section>\n"
    )


def _admin_html(names: list[str], lang: str, collapsed: bool) -> str:
    """An admin block as the site draws one (a "For admins" info block, folded in the guide's
    sections) holding the container admin-checks.js fills; its parts' headings sit one level
    below the heading above (data-level). Interface, so kept out of the search index."""
    t = guide_data.localize(guide_data.strings(), lang)["admin"]
    # A block of one check says which: "For admins: check the client version".
    label = html.escape(t[f"block_{names[0]}"] if len(names) == 1 else t["for_admins"])
    inner = (
        f'<p class="adm-privacy">{html.escape(t["privacy"])}</p>\n'
        f'<div class="adm" data-parts="{" ".join(names)}" data-level="{_LEVEL}">\n'
        f'<p class="adm-fallback">{html.escape(t["noscript"])}</p>\n'
        "</div>\n"
    )
    if collapsed:
        return f'<details class="info adm-block" data-search-exclude>\n<summary>{label}</summary>\n{inner}</details>\n'
    return (
        f'<div class="admonition info adm-block" data-search-exclude>\n'
        f'<p class="admonition-title">{label}</p>\n{inner}</div>\n'
    )


def on_page_markdown(markdown: str, page, config, files, **_):
    lang = page_language(config)
    section = section_of(page)
    expected = [st["id"] for st in guide_data.steps_by_section().get(section, [])]
    shown: list[str] = []
    panels: list[str] = []
    scripts: list[str] = []

    def step(step_id: str) -> str:
        st = guide_data.step(step_id)
        if st["section"] != section:
            raise PluginError(f"{page.file.src_uri}: step {step_id!r} belongs to section {st['section']!r}")
        shown.append(step_id)
        return _step_markdown(st, lang)

    def checks(name: str) -> str:
        if name not in CHECK_NAMES:
            raise PluginError(f"{page.file.src_uri}: unknown check {name!r}; use one of {CHECK_NAMES}")
        panels.append(name)
        return _panel_html(name, lang)

    def page_script(name: str) -> str:
        if not (guide_data.ROOT / "docs/assets/js" / name).is_file() or "/" in name:
            raise PluginError(f"{page.file.src_uri}: page_script({name!r}): no such file in docs/assets/js/")
        if name not in scripts:
            scripts.append(name)
        return ""

    def admin_checks(parts: str, collapsed: bool = False) -> str:
        names = parts.split()
        unknown = [n for n in names if n not in ADMIN_PARTS]
        if not names or unknown or len(set(names)) != len(names):
            raise PluginError(f"{page.file.src_uri}: admin_checks({parts!r}): name some of {ADMIN_PARTS}, once each")
        page_script("admin-checks.js")
        return _admin_html(names, lang, collapsed)

    try:
        out = _env.from_string(markdown).render(
            s=guide_data.localize(guide_data.settings(), lang),
            step=step,
            checks=checks,
            page_script=page_script,
            admin_checks=admin_checks,
            lang=lang,
            probe=workstation_probe.for_page(page, lang, config),
            checklist=lambda: checklist_page.page_html(lang),
            triage=lambda: triage_view.chooser_html(lang),
        )
    except (jinja2.TemplateError, guide_data.DataError) as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    out = _panel_levels(out)
    if shown != expected:
        raise PluginError(
            f"{page.file.src_uri}: steps shown {shown} differ from steps.toml section {section!r}: {expected}"
        )
    _pages_with_checks[page.file.src_uri] = panels
    _page_scripts[page.file.src_uri] = scripts
    return out


def _step_markdown(st: dict, lang: str) -> str:
    """The step's heading, its one-line action and the words agents use for it (steps.toml
    `phrases`), shown, so search finds the step by them. The labels stay out of the index."""
    t = guide_data.localize(guide_data.strings(), lang)["step"]
    step_id = st["id"]
    kind = ".step .reference" if st["reference"] else ".step"  # reference: no "I tried this" box
    lines = [
        f'## {st["title"][lang]} {{ #{step_id} {kind} data-step="{step_id}" }}',
        "",
        f'<p class="step-do"><span class="step-label" data-search-exclude>{html.escape(t["do"])}</span> '
        f"{html.escape(st['do'][lang])}</p>",
    ]
    phrases = st.get("phrases", {}).get(lang)
    if phrases:
        lines.append(
            f'<p class="step-phrases"><span class="step-label" data-search-exclude>{html.escape(t["phrases"])}</span> '
            f"{html.escape(t['joiner'].join(phrases))}</p>"
        )
    return "\n".join(lines) + "\n"


@event_priority(50)
def _index_without_interface(context, page, **_):
    """Before the search plugin indexes the page (on_page_context, priority 0), it gets the page
    without its widgets' interface; the page itself keeps them (_restore_interface)."""
    page.help_full_content = page.content
    page.content = search_index.strip_interface(page.content)
    return context


@event_priority(-50)
def _restore_interface(context, page, **_):
    page.content = page.help_full_content
    return context


on_page_context = CombinedEvent(_index_without_interface, _restore_interface)


def _client_config(page, lang: str) -> dict:
    """What the page script needs: settings, interface text, step links and runtime paths."""
    here = posixpath.dirname(page.url) or "."
    root = posixpath.relpath(".", here)
    lang_dir = "" if lang == guide_data.LANGS[0] else f"{lang}/"
    steps = {
        st["id"]: {
            "title": st["title"][lang],
            "url": posixpath.relpath(f"{lang_dir}{st['section']}.html", here) + f"#{st['id']}",
        }
        for st in guide_data.steps_source()["steps"]
    }
    manifest = guide_data.runtime_manifest()
    return {
        "lang": lang,
        "settings": guide_data.settings(),
        "strings": guide_data.localize(guide_data.strings(), lang),
        "steps": steps,
        "runtime": {
            "root": root + "/",
            "pyodide": manifest["pyodide_dir"],
            "checks_zip": manifest["checks_zip"],
            "segno_zip": manifest["segno_zip"],
            "tzdata_zip": manifest["tzdata_zip"],
        },
    }


# The two-language texts mkdocs.yml gives the theme, and the furniture string each stands for.
FURNITURE = {
    "链接到此步骤 / Link to this step": "permalink",
    "切换到深色模式 / Dark mode": "dark_mode",
    "切换到浅色模式 / Light mode": "light_mode",
}


def _furniture(output: str, lang: str) -> str:
    """The theme's furniture (permalink titles, palette toggle names) in the page's language."""
    t = guide_data.localize(guide_data.strings(), lang)["furniture"]
    for both, key in FURNITURE.items():
        output = output.replace(both, html.escape(t[key]))
    product = guide_data.localize(guide_data.settings(), lang)["product_name"]
    note = html.escape(t["disclaimer"].replace("{product}", product))
    return output.replace(
        '<div class="md-copyright">', f'<div class="md-copyright">\n<p class="help-disclaimer">{note}</p>', 1
    )


def on_post_page(output: str, page, config, **_):
    output = _furniture(output, page_language(config))
    # Only a page with a check widget gets the page script (and with it the fact
    # collectors, the runtime client and the worker), or one that names its own scripts:
    # the others load none of them.
    panels = _pages_with_checks.get(page.file.src_uri)
    scripts = (["checks-panel.js"] if panels else []) + _page_scripts.get(page.file.src_uri, [])
    if not scripts:
        return output
    client = _client_config(page, page_language(config))
    data = json.dumps(client, ensure_ascii=False).replace("<", "\\u003c")
    js = f"{client['runtime']['root']}assets/js/"
    block = f'<script id="__help" type="application/json">{data}</script>\n' + "".join(
        f'<script type="module" src="{js}{name}"></script>\n' for name in scripts
    )
    # The panel script's imports, fetched in parallel with it instead of one after another:
    # a probe hand-over or a click right after load waits for the whole module graph.
    preload = (
        "".join(f'<link rel="modulepreload" href="{js}{name}">\n' for name in PANEL_MODULES + _extra_modules(panels))
        if panels
        else ""
    )
    return output.replace("</head>", preload + "</head>", 1).replace("</body>", block + "</body>", 1)


PANEL_MODULES = ["runtime-client.js", "facts.js", "findings-view.js", "background-test.js"]


def _extra_modules(panels) -> list[str]:
    return ["workstation-handover.js"] if "workstation" in panels else []
