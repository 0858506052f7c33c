"""The home page's "What do you see?" chooser, from symptoms.toml and steps.toml.

- {{ triage() }} (registered in hooks/render_guide.py) renders, in the page's language, a
  <nav id="start"> with one plain link per symptom to #see-<id>, then one section per symptom
  (id "see-<id>", the same in both languages) with its first steps in order: each step's title
  linked to page.html#step-id, its one-line action, and the check widget that tests it.
  Plain links: they work from the keyboard, without JavaScript and on paper.
- As a MkDocs hook (mkdocs.yml), it gives every other page's template `triage_link`, the
  link to the chooser in the page's language (overrides/main.html shows it).
The pages sit at their language's root, so links are relative to it.
"""

from __future__ import annotations

import html
import posixpath
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads a hook by its path
    sys.path.insert(0, str(ROOT))

from hooks import guide_data  # noqa: E402

CHOOSER_ID = "start"  # the old "Quick triage" heading's anchor: links to it land here


def anchor(symptom_id: str) -> str:
    return f"see-{symptom_id}"


def step_href(step: dict) -> str:
    return f"{step['section']}.html#{step['id']}"


def check_href(step: dict) -> str:
    """The step's check widget, on the step's own page (render_guide's panel id)."""
    return f"{step['section']}.html#check-{step['check']}"


def _step_item(step_id: str, lang: str, panel_titles: dict) -> str:
    st = guide_data.step(step_id)
    check = (
        f' <a class="triage-check" href="{check_href(st)}">{html.escape(panel_titles[st["check"]])}</a>'
        if st.get("check")
        else ""
    )
    return (
        f'<li><a class="triage-step" href="{step_href(st)}">{html.escape(st["title"][lang])}</a>'
        f' <span class="triage-do">{html.escape(st["do"][lang])}</span>{check}</li>'
    )


def chooser_html(lang: str) -> str:
    t = guide_data.localize(guide_data.strings(), lang)
    text = t["triage"]
    panel_titles = t["panel"]["title"]
    symptoms = guide_data.symptoms_source()
    choices = "".join(f'<li><a href="#{anchor(sy["id"])}">{html.escape(sy["label"][lang])}</a></li>' for sy in symptoms)
    nav = (
        f'<nav class="triage" id="{CHOOSER_ID}" aria-labelledby="triage-title">'
        f'<h2 id="triage-title">{html.escape(text["heading"])}</h2>'
        f'<ul class="triage-choices">{choices}</ul></nav>'
    )
    paths = []
    for sy in symptoms:
        sid = anchor(sy["id"])
        hint = f'<p class="triage-hint">{html.escape(sy["hint"][lang])}</p>' if "hint" in sy else ""
        items = "".join(_step_item(step_id, lang, panel_titles) for step_id in sy["steps"])
        paths.append(
            f'<section class="triage-path" id="{sid}" aria-labelledby="{sid}-title">'
            f'<h3 id="{sid}-title">{html.escape(sy["label"][lang])}</h3>{hint}'
            f'<p class="triage-lead">{html.escape(text["steps"])}</p>'
            f'<ol class="triage-steps">{items}</ol>'
            f'<p class="triage-back"><a href="#{CHOOSER_ID}">{html.escape(text["back"])}</a></p></section>'
        )
    # Blank lines around: Markdown passes a block of raw HTML through untouched.
    return f"\n\n{nav}\n\n" + "\n\n".join(paths) + "\n\n"


def on_page_context(context, page, config, nav, **_):
    """Every page but the home pages gets the link to the chooser in its language."""
    if Path(page.file.src_uri).name.split(".")[0] == "index":
        return context
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or config.theme["language"]
    lang_dir = "" if lang == guide_data.LANGS[0] else f"{lang}/"
    here = posixpath.dirname(page.url) or "."
    context["triage_link"] = {
        "href": posixpath.relpath(f"{lang_dir}index.html", here) + f"#{CHOOSER_ID}",
        "text": guide_data.localize(guide_data.strings(), lang)["triage"]["link"],
    }
    return context
