"""The support request page: its form, rendered at build time from request_form.toml.

A page holding the marker <!-- request-form --> gets, in the page's language:
- the form (visible labels, descriptions tied with aria-describedby, required markers, a
  "don't mask" box per masked free-text field, the steps of steps.toml grouped by section,
  attachment rows from a <template>), hidden until request-builder.js has the runtime;
- the outputs (text with its own language, Markdown, JSON; copy, download, mailto);
- a printable blank form with the same fields, shown when the runtime cannot load;
- a JSON config (the form description, the raw steps, settings, strings, runtime paths) and
  request-builder.js.
Every other page with a step heading gets step-ticks.js (the "I tried this" boxes).
The form description is checked with checks.request at build time, so a broken
request_form.toml fails the build instead of the page.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import sys
import tomllib
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads a hook by its path
    sys.path.insert(0, str(ROOT))

from checks.request import form as form_check  # noqa: E402
from hooks import guide_data  # noqa: E402

MARKER = "<!-- request-form -->"
OUTPUTS = ("text", "markdown", "json")
_request_pages: set[str] = set()
_step_pages: set[str] = set()


@functools.cache
def form_source() -> dict:
    """request_form.toml as data, checked by the same code that validates requests."""
    try:
        with (ROOT / "request_form.toml").open("rb") as fh:
            data = tomllib.load(fh)
        form_check.fields(data)
    except (tomllib.TOMLDecodeError, form_check.FormError) as exc:
        raise PluginError(f"request_form.toml: {exc}") from exc
    return data


def on_config(config, **_):
    form_source.cache_clear()  # `mkdocs serve` rebuilds in one process
    _request_pages.clear()
    _step_pages.clear()
    return config


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def strings(lang: str) -> dict:
    return guide_data.localize(guide_data.strings()["request"], lang)


def _limit_note(field: dict, t: dict) -> str:
    if "max_length" not in field:
        return ""
    key = "limit_line" if field["type"] == "attachments" else "limit"
    return " " + t[key].format(n=field["max_length"])


def _head(field: dict, lang: str, t: dict) -> tuple[str, str]:
    """The label text with its required marker, and the description paragraph."""
    fid = field["id"]
    req = f' <span class="rq-req">{_e(t["required"])}</span>' if field.get("required") else ""
    desc = f'<p class="rq-desc" id="rq-{fid}-desc">{_e(field["description"][lang])}{_e(_limit_note(field, t))}</p>'
    return _e(field["label"][lang]) + req, desc


def _nomask(field: dict, t: dict) -> str:
    if not field.get("mask"):
        return ""
    fid = field["id"]
    return (
        f'<p class="rq-nomask"><input type="checkbox" id="rq-{fid}-nomask" data-nomask="{fid}"> '
        f'<label for="rq-{fid}-nomask">{_e(t["nomask"])}</label></p>'
    )


def _choices_html(field: dict, lang: str, kind: str, settings: dict) -> str:
    fid = field["id"]
    out = []
    for choice in form_check.choices(field, settings) or []:
        cid = f"rq-{fid}-{choice['id']}"
        out.append(
            f'<span class="rq-choice"><input type="{kind}" id="{cid}" name="{fid}" value="{_e(choice["id"])}"> '
            f'<label for="{cid}">{_e(choice[lang])}</label></span>'
        )
    return "".join(out)


def _steps_html(field: dict, lang: str) -> str:
    fid = field["id"]
    by_section = guide_data.action_steps_by_section()
    out = []
    for section in guide_data.steps_source()["sections"]:
        if section["id"] not in by_section:
            continue
        boxes = "".join(
            f'<li><input type="checkbox" id="rq-{fid}-{st["id"]}" name="{fid}" value="{st["id"]}"> '
            f'<label for="rq-{fid}-{st["id"]}">{_e(st["title"][lang])}</label></li>'
            for st in by_section[section["id"]]
        )
        out.append(
            f'<fieldset class="rq-section"><legend>{_e(section["title"][lang])}</legend>'
            f'<ul class="rq-steps">{boxes}</ul></fieldset>'
        )
    return "".join(out)


def _field_html(field: dict, lang: str, t: dict, settings: dict) -> str:
    fid, kind = field["id"], field["type"]
    label, desc = _head(field, lang, t)
    described = f'aria-describedby="rq-{fid}-desc"'
    req = ' aria-required="true"' if field.get("required") else ""
    attrs = f'id="rq-{fid}" name="{fid}" {described}{req}'
    if kind in ("text", "textarea"):
        control = (
            f'<input type="text" {attrs} autocomplete="off">'
            if kind == "text"
            else f'<textarea {attrs} rows="5"></textarea>'
        )
        return (
            f'<div class="rq-field" data-field="{fid}" data-type="{kind}">'
            f'<label for="rq-{fid}">{label}</label>{desc}{control}{_nomask(field, t)}</div>'
        )
    if kind == "select":
        options = "".join(
            f'<option value="{_e(c["id"])}">{_e(c[lang])}</option>' for c in form_check.choices(field, settings) or []
        )
        return (
            f'<div class="rq-field" data-field="{fid}" data-type="select"><label for="rq-{fid}">{label}</label>'
            f'{desc}<select {attrs}><option value=""></option>{options}</select></div>'
        )
    if kind in ("multiselect", "radio", "steps"):
        inner = (
            _steps_html(field, lang)
            if kind == "steps"
            else _choices_html(field, lang, "checkbox" if kind == "multiselect" else "radio", settings)
        )
        return (
            f'<fieldset class="rq-field" data-field="{fid}" data-type="{kind}" id="rq-{fid}" {described}>'
            f"<legend>{label}</legend>{desc}{inner}</fieldset>"
        )
    if kind == "datetime":
        return (
            f'<fieldset class="rq-field" data-field="{fid}" data-type="datetime" id="rq-{fid}" {described}>'
            f"<legend>{label}</legend>{desc}"
            f'<span class="rq-part"><label for="rq-{fid}-local">{_e(t["when"])}</label> '
            f'<input type="datetime-local" id="rq-{fid}-local" {described}{req}></span> '
            f'<span class="rq-part"><label for="rq-{fid}-zone">{_e(t["zone"])}</label> '
            f'<select id="rq-{fid}-zone" {described}></select></span></fieldset>'
        )
    if kind == "duration":
        units = "".join(f'<option value="{u}">{_e(t["units"][u])}</option>' for u in ("minutes", "hours", "days"))
        return (
            f'<fieldset class="rq-field" data-field="{fid}" data-type="duration" id="rq-{fid}" {described}>'
            f"<legend>{label}</legend>{desc}"
            f'<span class="rq-part"><label for="rq-{fid}-amount">{_e(t["amount"])}</label> '
            f'<input type="number" min="0" step="any" inputmode="decimal" id="rq-{fid}-amount" {described}></span> '
            f'<span class="rq-part"><label for="rq-{fid}-unit">{_e(t["unit"])}</label> '
            f'<select id="rq-{fid}-unit">{units}</select></span> '
            f'<span class="rq-part"><input type="checkbox" id="rq-{fid}-ongoing"> '
            f'<label for="rq-{fid}-ongoing">{_e(t["ongoing"])}</label></span></fieldset>'
        )
    # attachments: rows are cloned from the <template> by the page script
    row = (
        f'<li class="rq-attachment"><span class="rq-part"><label data-for="name">{_e(t["attach_name"])}</label> '
        f'<input type="text" data-part="name" autocomplete="off"></span> '
        f'<span class="rq-part"><label data-for="shows">{_e(t["attach_shows"])}</label> '
        f'<input type="text" data-part="shows" autocomplete="off"></span> '
        f'<button type="button" class="md-button rq-remove">{_e(t["attach_remove"])}</button></li>'
    )
    return (
        f'<fieldset class="rq-field" data-field="{fid}" data-type="attachments" id="rq-{fid}" {described}>'
        f'<legend>{label}</legend>{desc}<ol class="rq-attachments"></ol><template class="rq-row">{row}</template>'
        f'<p><button type="button" class="md-button rq-add">{_e(t["attach_add"])}</button></p>'
        f"{_nomask(field, t)}</fieldset>"
    )


def _blank_field(field: dict, lang: str, t: dict, settings: dict) -> str:
    """One field of the printable blank form: its label, and lines or boxes to fill in by hand."""
    kind = field["type"]
    req = f' <span class="rq-req">{_e(t["required"])}</span>' if field.get("required") else ""
    head = f'<dt>{_e(field["label"][lang])}{req}</dt><dd><p class="rq-desc">{_e(field["description"][lang])}</p>'
    if kind in ("select", "radio", "multiselect"):
        body = "<ul class='rq-boxes'>" + "".join(
            f"<li>☐ {_e(c[lang])}</li>" for c in form_check.choices(field, settings) or []
        )
        body += "</ul>" if form_check.choices(field, settings) else f"<li>☐ {_e(t['other'])}</li></ul>"
    elif kind == "steps":
        body = ""
        by_section = guide_data.action_steps_by_section()
        for section in guide_data.steps_source()["sections"]:
            if section["id"] not in by_section:
                continue
            items = "".join(f"<li>☐ {_e(st['title'][lang])}</li>" for st in by_section[section["id"]])
            body += f'<p class="rq-blank-section">{_e(section["title"][lang])}</p><ul class="rq-boxes">{items}</ul>'
    elif kind == "duration":
        body = f'<p class="rq-line"></p><p>☐ {_e(t["ongoing"])}</p>'
    else:
        lines = {"textarea": 5, "attachments": 4}.get(kind, 1)
        body = '<p class="rq-line"></p>' * lines
    return head + body + "</dd>"


def form_html(lang: str, root: str = "") -> str:
    """The form; `root` is the site root relative to the page (for the no-JavaScript stylesheet)."""
    data, t, settings = form_source(), strings(lang), guide_data.settings()
    fields = data["field"]
    groups = []
    for group in data["group"]:
        inner = "".join(_field_html(f, lang, t, settings) for f in fields if f["group"] == group["id"])
        groups.append(
            f'<section class="rq-group" id="rq-group-{group["id"]}"><h2>{_e(group["title"][lang])}</h2>{inner}</section>'
        )
    blank = "".join(_blank_field(f, lang, t, settings) for f in fields)
    outputs = "".join(
        f'<section class="rq-output" data-output="{name}"><h3 id="rq-out-{name}-title">{_e(t["out"][name])}</h3>'
        f'<textarea readonly rows="12" class="rq-out-text" aria-labelledby="rq-out-{name}-title" data-out="{name}"></textarea>'
        f'<p><button type="button" class="md-button rq-copy" data-copy="{name}">{_e(t["copy"])}</button> '
        f'<button type="button" class="md-button rq-download" data-download="{name}">{_e(t["download"])}</button></p>'
        "</section>"
        for name in OUTPUTS
    )
    email = settings["support"]["email"].strip()
    # Only with an address to write to; request-builder.js keeps its href current.
    mail = (
        f'<p class="rq-mail"><a class="md-button md-button--primary rq-mailto" href="mailto:{_e(email)}" hidden>'
        f"{_e(t['mailto'])}</a></p>"
        if email
        else ""
    )
    lang_options = "".join(
        f'<option value="{code}" lang="{code}"{" selected" if code == lang else ""}>{_e(name)}</option>'
        for code, name in (("zh", "中文"), ("en", "English"))
    )
    return (
        '<div class="rq" id="rq">\n'
        f'<p class="rq-state" role="status" aria-live="polite">{_e(t["noscript"])}</p>\n'
        # Shown from the start, so nothing moves when the builder starts (layout shift); hidden
        # where the builder cannot run, as the blank form below is shown.
        '<form class="rq-form" id="rq-form" novalidate>'
        f'<p class="rq-intro">{_e(t["intro"])}</p>'
        '<div class="rq-errors" id="rq-errors" role="alert" tabindex="-1"></div>'
        + "".join(groups)
        + f'<p class="rq-actions"><button type="button" class="md-button rq-clear">{_e(t["clear"])}</button></p>'
        "</form>\n"
        '<section class="rq-outputs" id="rq-outputs" hidden aria-labelledby="rq-outputs-title">'
        f'<h2 id="rq-outputs-title">{_e(t["outputs"])}</h2>'
        f'<p><label for="rq-out-lang">{_e(t["out_lang"])}</label> <select id="rq-out-lang">{lang_options}</select></p>'
        # Shown by request-builder.js when this browser keeps admin checks' results; kept with the form.
        '<p class="rq-admin" hidden><input type="checkbox" id="rq-admin-include" checked> '
        f'<label for="rq-admin-include">{_e(t["admin_include"])}</label></p>'
        '<ul class="rq-notices" aria-live="polite"></ul>'
        + mail
        + '<p class="rq-said" role="status" aria-live="polite"></p>'
        f"{outputs}</section>\n"
        # Hidden until needed, so it never shows and then vanishes as the builder starts (layout
        # shift): request-builder.js shows it (and hides the form) when the runtime fails,
        # file-notice.js on file:// or without module scripts, this stylesheet without JavaScript.
        f'<noscript><link rel="stylesheet" href="{root}assets/request-noscript.css"></noscript>'
        f'<section class="rq-blank" id="rq-blank" aria-labelledby="rq-blank-title" hidden>'
        f'<h2 id="rq-blank-title">{_e(t["blank_title"])}</h2><p>{_e(t["blank_intro"])}</p>'
        f"<dl>{blank}</dl></section>\n"
        "</div>\n"
    )


def on_page_content(output: str, page, config, **_):
    lang = _lang(config)
    if MARKER in output:
        _request_pages.add(page.file.src_uri)
        root = posixpath.relpath(".", posixpath.dirname(page.url) or ".")
        return output.replace(MARKER, form_html(lang, f"{root}/"), 1)
    if 'class="step"' in output or "data-step=" in output:
        _step_pages.add(page.file.src_uri)
    return output


def _config(page, lang: str) -> dict:
    here = posixpath.dirname(page.url) or "."
    root = posixpath.relpath(".", here) + "/"
    manifest = guide_data.runtime_manifest()
    steps = [
        {"id": st["id"], "section": st["section"], "title": st["title"]} for st in guide_data.steps_source()["steps"]
    ]
    return {
        "lang": lang,
        "form": form_source(),
        "steps": steps,
        "settings": guide_data.settings(),
        "strings": strings(lang),
        "runtime": {"root": root, "pyodide": manifest["pyodide_dir"], "checks_zip": manifest["checks_zip"]},
    }


def on_post_page(output: str, page, config, **_):
    src = page.file.src_uri
    here = posixpath.dirname(page.url) or "."
    root = posixpath.relpath(".", here) + "/"
    if src in _request_pages:
        data = json.dumps(_config(page, _lang(config)), ensure_ascii=False).replace("<", "\\u003c")
        block = (
            f'<script id="__request" type="application/json">{data}</script>\n'
            f'<script type="module" src="{root}assets/js/request-builder.js"></script>\n'
        )
        style = f'<link rel="stylesheet" href="{root}assets/request.css">\n'
        return output.replace("</head>", style + "</head>", 1).replace("</body>", block + "</body>", 1)
    if src in _step_pages:
        t = strings(_lang(config))
        block = f'<script type="module" src="{root}assets/js/step-ticks.js" data-label="{_e(t["tick"])}"></script>\n'
        return output.replace("</body>", block + "</body>", 1)
    return output
