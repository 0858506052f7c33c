"""The printed checklist, generated from steps.toml: one page per language, and its PDF.

`page_html(lang)` is what `{{ checklist() }}` puts on docs/checklist*.md: a header (product,
contacts, build date, a QR code and the short URL of that language's checks page), then every
step of steps.toml by section, in guide order, each with a tick box, its title, its one-line
`do` action and room for the time and the result. `qr_svg(url)` draws a QR code at build time
(segno), which the check widgets' print line uses too.
"""

from __future__ import annotations

import datetime
import functools
import html
import os
import subprocess
from urllib.parse import urljoin

import segno

from hooks import guide_data

# Where each language's checklist PDF lands, relative to the site root (hooks/checklist_pdf.py):
# the same name in each language's folder, so the two pages link alike; a download is saved
# under a name that says its language.
PDF_NAME = {"zh": "checklist.pdf", "en": "en/checklist.pdf"}
DOWNLOAD_NAME = {"zh": "checklist-zh.pdf", "en": "checklist-en.pdf"}
PAGE = {"zh": "checklist.html", "en": "en/checklist.html"}
CHECKS_PAGE = {"zh": "checks.html", "en": "en/checks.html"}


def build_date() -> str:
    """The date printed on the checklist, deterministic for a given source: $SOURCE_DATE_EPOCH,
    else the date of the git HEAD commit, else today (a copy of the sources without git)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date().isoformat()
    try:
        found = subprocess.run(
            ["git", "-C", str(guide_data.ROOT), "log", "-1", "--format=%cs"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except OSError:
        found = ""
    return found or datetime.date.today().isoformat()


def checks_url(lang: str) -> str:
    """The online "run all checks" page of that language, under site_url."""
    return urljoin(guide_data.settings()["site_url"].rstrip("/") + "/", CHECKS_PAGE[lang])


def short_url(url: str) -> str:
    """What to type: the URL without its scheme (browsers add it back)."""
    return url.split("://", 1)[-1]


@functools.cache
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for `url` (no size: CSS sizes it; no style attribute, for the CSP)."""
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=1, border=2, omitsize=True, svgclass="qr")
    # An image with a name for screen readers instead of segno's <title>.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def _contacts(t: dict, settings: dict) -> list[tuple[str, str]]:
    support = settings["support"]
    vendor = [support[k] for k in ("url", "email", "phone") if support.get(k)]
    return [
        (t["product"], settings["product_name"]),
        (t["internal"], settings["support"]["internal_contact"]),
        (t["vendor"], " · ".join(vendor)),
        (t["built"], build_date()),
    ]


def page_html(lang: str) -> str:
    """The checklist's HTML (raw HTML, kept out of Markdown) for `lang`."""
    t = guide_data.localize(guide_data.strings(), lang)["checklist"]
    settings = guide_data.localize(guide_data.settings(), lang)
    url = checks_url(lang)
    esc = html.escape
    pdf = PDF_NAME[lang].rsplit("/", 1)[-1]  # the PDF sits beside its page
    wrappable = esc(short_url(url)).replace("/", "/<wbr>")  # a long address breaks after a slash
    head = "".join(
        f'<div class="cl-field"><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>'
        for label, value in _contacts(t, settings)
    )
    out = [
        '<div class="cl" markdown="0">',
        f'<p class="cl-pdf"><a class="md-button md-button--primary" href="{pdf}" download="{DOWNLOAD_NAME[lang]}">{esc(t["pdf"])}</a> '
        f'<span class="cl-pdf-note">{esc(t["pdf_note"])}</span></p>',
        '<div class="cl-head">',
        f'<dl class="cl-fields">{head}</dl>',
        '<div class="cl-online">',
        qr_svg(url, t["qr_label"]),
        f'<p>{esc(t["online"])}<br><a href="{esc(url)}" class="cl-url">{wrappable}</a></p>',
        "</div></div>",
        f'<p class="cl-fill">{esc(t["fill"])}</p>',
    ]
    titles = {s["id"]: s["title"][lang] for s in guide_data.steps_source()["sections"]}
    base = url.rsplit("/", 1)[0] + "/"  # this language's folder under site_url
    # One table, so that its header row repeats on the second sheet; each section is a row heading.
    out.append(
        '<table class="cl-table"><thead><tr>'
        f'<th class="cl-done" scope="col">{esc(t["col_done"])}</th><th scope="col">{esc(t["col_step"])}</th>'
        f'<th class="cl-time" scope="col">{esc(t["col_time"])}</th>'
        f'<th class="cl-result" scope="col">{esc(t["col_result"])}</th>'
        "</tr></thead>"
    )
    for section, steps in guide_data.action_steps_by_section().items():
        if not steps:
            continue
        out.append(
            f'<tbody><tr class="cl-section"><th colspan="4" scope="colgroup" id="cl-{section}">'
            f"{esc(titles[section])}</th></tr>"
        )
        for st in steps:
            # Absolute, under site_url: the PDF's links lead to the online guide, not to the
            # local server that printed it.
            href = esc(urljoin(base, f"{section}.html#{st['id']}"))
            out.append(
                f'<tr data-step="{st["id"]}"><td class="cl-done"><span class="cl-box" aria-hidden="true"></span></td>'
                f'<td class="cl-step"><a class="cl-title" href="{href}">{esc(st["title"][lang])}</a>'
                f'<span class="cl-do">{esc(st["do"][lang])}</span></td>'
                '<td class="cl-time"></td><td class="cl-result"></td></tr>'
            )
        out.append("</tbody>")
    out.append("</table>")
    out.append("</div>")
    return "\n".join(out)
