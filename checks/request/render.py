"""The support request in plain text, Markdown and JSON, and the mailto: link.

render() takes the form description, the agent's values, the findings to attach, the
steps (steps.toml) and the settings, and the output language, which is chosen apart from the
page's: support may read the other one. Errors and notices come in both languages, for the page.

- Text is plain: the page shows it as text and puts it on the clipboard or in a file.
- Markdown escapes every character Markdown or HTML would act on in what the agent typed, so
  pasted text cannot make a link, an image or markup.
- JSON follows schemas/request.schema.json ("schema": 1).
- mailto: to support.email with subject and body. When the URL-encoded body is longer than
  MAILTO_BODY_LIMIT characters, or the whole link longer than MAILTO_URL_LIMIT (mail programs
  cut long links), the link carries a short body saying the full text is on the clipboard, and
  copy_first tells the page to copy it first. No
  support e-mail set: no link, and a notice naming whom to send it to (support.internal_contact).
Steps and findings link to the step on this site: <site_url><section>.html#<id> in Chinese,
<site_url>en/<section>.html#<id> in English.

The admin checks' last results (admin, as the page keeps them: checks/admin_results.py) come after
the run's and the probe's findings, source "admin", each check under its name and when it ran,
with its message: the title alone does not say which group or version. The message comes from what
the admin entered, so it is masked like free text (the kinds masked are listed under "admin").
Passed findings are listed by title on one line. Times are written in the offset they carry, as
"2026-11-26 10:30 UTC+08:00": the page sends the admin checks' times in its own local time, so they
read like the start time the agent entered.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from .. import admin_results, site_settings
from ..findings import LANGS, STATUSES, text
from . import form as form_module
from .masking import mask

SCHEMA = 1
KIND = "support-request"
MAILTO_BODY_LIMIT = 1800  # URL-encoded characters of the body
MAILTO_URL_LIMIT = 2000  # the whole link: mail programs on Windows cut longer ones
SUBJECT_LIMIT = 400  # URL-encoded characters
# The words the checks page shows (strings.toml [status]; a test keeps them the same).
STATUS_WORDS = {
    "fail": text("问题", "Problem"),
    "warn": text("注意", "Warning"),
    "unknown": text("未知", "Unknown"),
    "ok": text("正常", "OK"),
}
SOURCES = {
    "run": text("本站的检测（上次运行）", "This site's checks (last run)"),
    "probe": text("工作台标签页（探针）", "The workstation tab (probe)"),
    "admin": text("管理员检测（团队的设置，不是这台电脑）", "Admin checks (the team's setup, not this computer)"),
}
WORDS = {
    "colon": text("：", ": "),
    "missing": text("（未填写）", "(not filled in)"),
    "ongoing": text("仍在持续", "still going on"),
    "findings": text("检测结果", "Check results"),
    "no_findings": text("没有附上检测结果。", "No check results attached."),
    "footer": text("由自助排查网站生成", "Made with the self-help site"),
    "version": text("版本", "version"),
    "ran": text("检测于", "checked"),
    "omitted": text("另有 {n} 条结果未列出", "{n} more results not listed"),
}
PASSED_SEP = text("；", "; ")  # between the titles of passed findings (a title may hold a comma)
UNIT_WORDS = {
    "minutes": text("分钟", "minute"),
    "hours": text("小时", "hour"),
    "days": text("天", "day"),
}
CJK = re.compile(r"[\u3400-\u9fff]")
# Markdown acts on these anywhere in a line; a backslash makes each literal (CommonMark).
MD_INLINE = re.compile(r"([\\`*_\[\]>|~#])")
# ...and on these at the start of a line (lists, setext headings).
MD_LINE_START = re.compile(r"^(\s*|\s*\d{1,9}(?=[.)](?:\s|$)))([-+=.)])", re.MULTILINE)


def zh_join(*parts: str) -> str:
    """Joins parts, with a space where a Chinese character meets a Latin letter or digit."""
    out = ""
    for part in parts:
        if out and part and _gap(out[-1], part[0]):
            out += " "
        out += part
    return out


def _gap(a: str, b: str) -> bool:
    def latin(c: str) -> bool:
        return c.isascii() and c.isalnum()

    return bool((CJK.match(a) and latin(b)) or (latin(a) and CJK.match(b)))


def md_escape(value: str) -> str:
    """User text made literal in Markdown: no emphasis, link, image, code, list, heading, HTML or entity.

    < and & become entities rather than backslash escapes: every Markdown dialect reads those, so
    no renderer sees a tag, an autolink or an entity the agent typed.
    """
    value = MD_INLINE.sub(r"\\\1", value).replace("&", "&amp;").replace("<", "&lt;")
    return MD_LINE_START.sub(r"\1\\\2", value)


def md_url(url: str) -> str:
    """A link target with nothing that could end it early."""
    return quote(url, safe=":/#?&=%.~-_+@!$,;*'")


def step_url(site_url: str, section: str, step_id: str, lang: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"{base}{'' if lang == LANGS[0] else lang + '/'}{section}.html#{step_id}"


def _finding_ok(f) -> bool:
    return (
        isinstance(f, dict)
        and isinstance(f.get("id"), str)
        and f.get("status") in STATUSES
        and form_module._bilingual(f.get("title"))
        and isinstance(f.get("step"), str)
    )


def findings_list(findings, steps: list[dict], site_url: str, lang: str) -> tuple[list[dict], int]:
    """The findings to attach, in the output language, with step links; and how many were unreadable."""
    findings = findings if isinstance(findings, list) else []
    sections = {st["id"]: st["section"] for st in steps}
    out = []
    for f in findings:
        if not _finding_ok(f):
            continue
        section = sections.get(f["step"])
        out.append(
            {
                "id": f["id"],
                "status": f["status"],
                "title": f["title"][lang],
                "step": f["step"],
                "url": step_url(site_url, section, f["step"], lang) if section else None,
                "source": "probe" if f.get("scope") == "workstation" else "run",
            }
        )
    rank = {status: i for i, status in enumerate(STATUSES)}
    out.sort(key=lambda f: rank[f["status"]])
    return out, len(findings) - len(out)


def clock(at: str) -> str:
    """ "2026-11-26T10:30:50+08:00" -> "2026-11-26 10:30 UTC+08:00": the time as given, in its own offset
    (the page sends local times), "UTC" alone for offset 0; a time without a zone stays as it is."""
    moment = datetime.fromisoformat(at)
    offset = moment.utcoffset()
    if offset is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    minutes = round(offset.total_seconds() / 60)
    zone = f"UTC{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}" if minutes else "UTC"
    return f"{moment:%Y-%m-%d %H:%M} {zone}"


def admin_list(admin, steps: list[dict], site_url: str, lang: str) -> tuple[list[dict], dict, list[str]]:
    """The admin checks' findings to attach (masked), what each check left out, and the kinds masked."""
    sections = {st["id"]: st["section"] for st in steps}
    out, omitted, kinds = [], {}, set()
    for key, entry in admin_results.from_storage(admin).items():
        omitted[key] = entry.get("omitted", 0)
        for f in entry["findings"]:
            title, found_in_title = mask(f["title"][lang], lang)
            message, found_in_message = mask(f["message"][lang], lang)
            kinds.update(found_in_title, found_in_message)
            section = sections.get(f["step"])
            out.append(
                {
                    "id": f["id"],
                    "status": f["status"],
                    "title": title,
                    "step": f["step"],
                    "url": step_url(site_url, section, f["step"], lang) if section else None,
                    "source": "admin",
                    "admin": key,
                    "at": entry["at"],
                    "message": message,
                }
            )
    return out, omitted, [k for k in form_module.KIND_WORDS if k in kinds]


def _json_value(field: dict, value, site_url: str, lang: str):
    if field["type"] == "steps":
        return [
            {"id": st["id"], "title": st["title"][lang], "url": step_url(site_url, st["section"], st["id"], lang)}
            for st in value
        ]
    return value


def _amount(number) -> str:
    return f"{number:g}"


def value_text(field: dict, value, lang: str) -> str:
    """A one-line value as text (lists and blocks are drawn by the renderers)."""
    kind = field["type"]
    if kind in ("select", "radio"):
        return value["label"]
    if kind == "multiselect":
        return ("、" if lang == "zh" else ", ").join(v["label"] for v in value)
    if kind == "datetime":
        zone, at = value.get("zone"), clock(value["at"])
        if not zone:
            return at
        return f"{at}（{zone}）" if lang == "zh" else f"{at} ({zone})"
    if kind == "duration":
        if value["ongoing"]:
            return WORDS["ongoing"][lang]
        unit = UNIT_WORDS[value["unit"]][lang]
        if lang == "zh":
            return f"{_amount(value['amount'])} {unit}"
        return f"{_amount(value['amount'])} {unit}{'' if value['amount'] == 1 else 's'}"
    return value  # text


def subject(settings: dict, values: dict, lang: str) -> str:
    product = site_settings.product_name(settings)[lang]
    account = values.get("account")
    if lang == "zh":
        line = zh_join("支持请求：", product, "工作台收不到客户消息")
        return line + (f"（{account}）" if account else "")
    return f"Support request: {product} workstation not receiving customer messages" + (
        f" ({account})" if account else ""
    )


class Request:
    """One request, cleaned, in one output language."""

    def __init__(self, cleaned: dict, findings: list[dict], settings: dict, lang: str, omitted=None) -> None:
        self.cleaned = cleaned
        self.values = cleaned["values"]
        self.findings = findings
        self.omitted = omitted or {}  # admin check -> how many of its findings were left out
        self.settings = settings
        self.lang = lang
        self.site_url = settings["site_url"]

    def label(self, field: dict) -> str:
        return field["label"][self.lang]

    def grouped(self):
        """(group, [(field, value or None)]) for each group with something to show; None: a required field left empty."""
        for group in self.cleaned["groups"]:
            rows = [
                (f, self.values.get(f["id"]))
                for f in self.cleaned["fields"]
                if f["group"] == group["id"] and (f["id"] in self.values or f.get("required", False))
            ]
            if rows:
                yield group, rows

    def masked_kinds(self) -> list[str]:
        found = {k for kinds in self.cleaned["masked"].values() for k in kinds}
        return [k for k in form_module.KIND_WORDS if k in found]

    def footer(self) -> list[str]:
        lang = self.lang
        version = _site_version()
        line = f"{WORDS['footer'][lang]} {self.site_url}（{WORDS['version'][lang]} {version}）。"
        if lang == "en":
            line = f"{WORDS['footer'][lang]} {self.site_url} ({WORDS['version'][lang]} {version})."
        lines = [line]
        kinds = self.masked_kinds()
        if kinds:
            words = form_module.kind_words(kinds)
            admin = "admin" in self.cleaned["masked"]
            where = text("填写的内容和管理员检测结果中", "the free text and the admin check results")
            where = where if admin else text("填写的内容中", "the free text")
            lines.append(
                f"{where['zh']}，{words['zh']}已隐去。"
                if lang == "zh"
                else f"{words['en'].capitalize()} in {where['en']} are masked."
            )
        return lines

    # Plain text --------------------------------------------------------------------------------
    def text(self) -> str:
        lang, colon = self.lang, WORDS["colon"][self.lang]
        blocks = [subject(self.settings, self.values, lang)]
        for group, rows in self.grouped():
            lines = [f"== {group['title'][lang]} =="]
            for field, value in rows:
                name = self.label(field)
                if value is None:
                    lines.append(f"{name}{colon}{WORDS['missing'][lang]}")
                elif field["type"] == "textarea":
                    lines.append(f"{name}{colon}")
                    lines += [f"  {line}" for line in value.split("\n")]
                elif field["type"] == "steps":
                    lines.append(f"{name}{colon}")
                    lines += [f"- {st['title'][lang]}{colon}{self.step_link(st)}" for st in value]
                elif field["type"] == "attachments":
                    lines.append(f"{name}{colon}")
                    lines += [f"- {a['name']}{colon}{a['shows']}" for a in value]
                else:
                    lines.append(f"{name}{colon}{value_text(field, value, lang)}")
            blocks.append("\n".join(lines))
        blocks.append("\n".join(self.findings_text()))
        blocks.append("--\n" + "\n".join(self.footer()))
        return "\n".join(line.rstrip() for line in "\n\n".join(blocks).split("\n")) + "\n"

    def step_link(self, st: dict) -> str:
        return step_url(self.site_url, st["section"], st["id"], self.lang)

    def findings_text(self) -> list[str]:
        lang, colon = self.lang, WORDS["colon"][self.lang]
        lines = [f"== {WORDS['findings'][lang]} =="]
        if not self.findings:
            return [*lines, WORDS["no_findings"][lang]]
        for source, found in self.by_source():
            lines.append(f"{SOURCES[source][lang]}{colon}")
            for heading, part in self.by_admin_check(found) if source == "admin" else [(None, found)]:
                if heading:
                    lines.append(f"{heading}{colon}")
                for f in part:
                    if f["status"] != "ok":
                        where = f"{colon}{f['url']}" if f["url"] else ""
                        ident = f"（{f['id']}）" if lang == "zh" else f" ({f['id']})"
                        lines.append(f"- [{STATUS_WORDS[f['status']][lang]}] {f['title']}{ident}{where}")
                        lines += [f"  {line}" for line in f.get("message", "").split("\n") if line.strip()]
                passed = [f["title"] for f in part if f["status"] == "ok"]
                if passed:
                    lines.append(f"{STATUS_WORDS['ok'][lang]}{colon}{PASSED_SEP[lang].join(passed)}")
                if heading and self.omitted[part[0]["admin"]]:
                    lines.append(WORDS["omitted"][lang].format(n=self.omitted[part[0]["admin"]]))
        return lines

    def by_admin_check(self, found: list[dict]):
        """(the check's name and when it ran, its findings) for each admin check, in order."""
        lang, sep = self.lang, "，" if self.lang == "zh" else ", "
        for key in admin_results.CHECK_KEYS:
            part = [f for f in found if f["admin"] == key]
            if part:
                yield f"{admin_results.LABELS[key][lang]}{sep}{WORDS['ran'][lang]} {clock(part[0]['at'])}", part

    def by_source(self):
        for source in SOURCES:
            found = [f for f in self.findings if f["source"] == source]
            if found:
                yield source, found

    # Markdown ----------------------------------------------------------------------------------
    def markdown(self) -> str:
        lang, colon = self.lang, WORDS["colon"][self.lang]
        blocks = [f"# {md_escape(subject(self.settings, self.values, lang))}"]
        for group, rows in self.grouped():
            blocks.append(f"## {md_escape(group['title'][lang])}")
            items: list[str] = []
            for field, value in rows:
                name = f"**{md_escape(self.label(field))}{colon.strip()}**"
                if value is None or field["type"] not in ("textarea", "steps", "attachments"):
                    shown = WORDS["missing"][lang] if value is None else value_text(field, value, lang)
                    items.append(f"- {name} {md_escape(shown)}")
                    continue
                if items:
                    blocks.append("\n".join(items))
                    items = []
                blocks.append(name.rstrip())
                if field["type"] == "textarea":
                    # Indentation would make a code block inside the quote: the text output keeps it.
                    lines = [md_escape(line.strip()) for line in value.split("\n")]
                    blocks.append("\n".join(f"> {line}" if line else ">" for line in lines))
                elif field["type"] == "steps":
                    blocks.append(
                        "\n".join(f"- [{md_escape(st['title'][lang])}]({md_url(self.step_link(st))})" for st in value)
                    )
                else:
                    blocks.append(
                        "\n".join(f"- {md_escape(a['name'])}{colon}{md_escape(a['shows'])}".rstrip() for a in value)
                    )
            if items:
                blocks.append("\n".join(items))
        blocks += self.findings_markdown()
        blocks.append("---\n\n" + "  \n".join(md_escape(line) for line in self.footer()))
        return "\n\n".join(blocks) + "\n"

    def findings_markdown(self) -> list[str]:
        lang, colon = self.lang, WORDS["colon"][self.lang]
        blocks = [f"## {WORDS['findings'][lang]}"]
        if not self.findings:
            return [*blocks, md_escape(WORDS["no_findings"][lang])]
        for source, found in self.by_source():
            blocks.append(f"### {md_escape(SOURCES[source][lang])}")
            for heading, part in self.by_admin_check(found) if source == "admin" else [(None, found)]:
                if heading:
                    blocks.append(f"#### {md_escape(heading)}")
                items = []
                for f in part:
                    if f["status"] == "ok":
                        continue
                    title = md_escape(f["title"])
                    title = f"[{title}]({md_url(f['url'])})" if f["url"] else title
                    items.append(f"- **{STATUS_WORDS[f['status']][lang]}** · {title} · {md_escape(f['id'])}")
                    message = " ".join(line.strip() for line in f.get("message", "").split("\n") if line.strip())
                    if message:
                        items.append(f"  {md_escape(message)}")
                passed = [md_escape(f["title"]) for f in part if f["status"] == "ok"]
                if passed:
                    items.append(f"- **{STATUS_WORDS['ok'][lang]}{colon.strip()}** {PASSED_SEP[lang].join(passed)}")
                if heading and self.omitted[part[0]["admin"]]:
                    items.append(md_escape(WORDS["omitted"][lang].format(n=self.omitted[part[0]["admin"]])))
                blocks.append("\n".join(items))
        return blocks

    # JSON --------------------------------------------------------------------------------------
    def document(self) -> dict:
        fields = {f["id"]: f for f in self.cleaned["fields"]}
        return {
            "schema": SCHEMA,
            "kind": KIND,
            "lang": self.lang,
            "product": site_settings.product_name(self.settings)[self.lang],
            "site_version": _site_version(),
            "site_url": self.site_url,
            "subject": subject(self.settings, self.values, self.lang),
            "labels": {fid: f["label"][self.lang] for fid, f in fields.items()},
            "fields": {
                fid: _json_value(fields[fid], value, self.site_url, self.lang) for fid, value in self.values.items()
            },
            "missing": [e["field"] for e in self.cleaned["errors"] if e["code"] == "required"],
            "findings": self.findings,
            "masked": self.cleaned["masked"],
        }

    # mailto: -----------------------------------------------------------------------------------
    def mailto(self, body: str) -> tuple[str | None, bool]:
        email = self.settings["support"]["email"].strip()
        if not email:
            return None, False
        line = subject(self.settings, self.values, self.lang)
        while len(quote(line, safe="")) > SUBJECT_LIMIT:
            line = line[:-2] + "…"
        head = f"mailto:{quote(email, safe='@')}?subject={quote(line, safe='')}&body="
        full = quote(body.replace("\n", "\r\n"), safe="")
        copy_first = len(full) > MAILTO_BODY_LIMIT or len(head) + len(full) > MAILTO_URL_LIMIT
        if copy_first:
            short = text(
                "完整的支持请求太长，放不进这个邮件链接，已复制到剪贴板：请在这里粘贴（Ctrl+V，Mac 上按 Cmd+V）。",
                "The full support request is too long for this e-mail link and has been copied to the clipboard: "
                "paste it here (Ctrl+V, or Cmd+V on a Mac).",
            )[self.lang]
            full = quote(short, safe="")
        return head + full, copy_first


def _site_version() -> str:
    from .. import __version__  # read at call time: checks/__init__.py sets it after importing this package

    return __version__


def admin_notice(omitted: dict, found: list[dict]) -> dict:
    """Which admin checks' results are attached, and when each ran."""
    when = {f["admin"]: f["at"] for f in found}
    parts = {
        lang: [
            admin_results.LABELS[key][lang] + (f"（{clock(when[key])}）" if lang == "zh" else f" ({clock(when[key])})")
            for key in omitted
        ]
        for lang in LANGS
    }
    return form_module.problem(
        "admin",
        None,
        f"已附上管理员检测的结果：{'、'.join(parts['zh'])}。",
        f"Admin check results are attached: {', '.join(parts['en'])}.",
    )


def _no_email_notice(settings: dict) -> dict:
    contact = site_settings.internal_contact(settings)
    url = settings["support"]["url"]
    return form_module.problem(
        "no-email",
        None,
        zh_join("本站没有设置支持邮箱：请把这份请求交给", contact["zh"], f"，或通过 {url} 联系支持。"),
        f"This site has no support e-mail address set: give this request to {contact['en']}, or contact support at {url}.",
    )


def render(form, values, settings: dict, steps, findings=None, unmasked=None, lang: str = "en", admin=None) -> dict:
    """The request in every output format, with the page's errors and notices.

    admin: the admin checks' results as the page keeps them ({check: {at, findings}}), or None.

    Returns {text, markdown, json, subject, mailto, copy_first, errors, notices, masked}.
    A broken form description raises form.FormError (the API reports it).
    """
    lang = lang if lang in LANGS else LANGS[0]
    cleaned = form_module.clean(form, values, settings, steps, unmasked, lang)
    step_list = form_module.step_list(steps)
    attached, unreadable = findings_list(findings, step_list, settings["site_url"], lang)
    from_admin, omitted, admin_masked = admin_list(admin, step_list, settings["site_url"], lang)
    if admin_masked:
        cleaned["masked"]["admin"] = admin_masked
    notices = list(cleaned["notices"])
    if omitted:
        notices.append(admin_notice(omitted, from_admin))
    if unreadable:
        notices.append(
            form_module.problem(
                "findings",
                None,
                f"有 {unreadable} 条检测结果无法读取，没有附上。请重新运行检测。",
                f"{unreadable} check result{'' if unreadable == 1 else 's'} could not be read and "
                f"{'was' if unreadable == 1 else 'were'} left out. Run the checks again.",
            )
        )
    request = Request(cleaned, attached + from_admin, settings, lang, omitted)
    body = request.text()
    mailto, copy_first = request.mailto(body)
    if mailto is None:
        notices.append(_no_email_notice(settings))
    elif copy_first:
        notices.append(
            form_module.problem(
                "copy-first",
                None,
                "请求太长，放不进邮件链接：打开邮件前会先复制全文，在邮件里粘贴即可。",
                "The request is too long for an e-mail link: the full text is copied first; paste it into the e-mail.",
            )
        )
    return {
        "text": body,
        "markdown": request.markdown(),
        "json": request.document(),
        "subject": subject(settings, cleaned["values"], lang),
        "mailto": mailto,
        "copy_first": copy_first,
        "errors": cleaned["errors"],
        "notices": notices,
        "masked": cleaned["masked"],
    }
