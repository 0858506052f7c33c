"""The request form: its field list (request_form.toml, sent by the page as JSON) and the
agent's values, checked and cleaned.

Everything the agent typed is text, never markup: control characters and bidirectional
overrides are dropped, line ends become \\n, one-line fields become one line. Free text is cut
at the field's max_length (with a notice) and masked (masking.py) unless the field has
mask = false or the agent turned masking off for it. Missing required fields and values that
do not parse are errors, each naming the field's label in both languages; what was cut,
masked or left out is a notice.

A field list that is itself broken (a bug in request_form.toml or the page) raises FormError:
the API turns it into an error for the page, never into a half-rendered request.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone

from ..findings import LANGS, text
from ..wording import join_and
from .masking import mask

TYPES = ("text", "textarea", "select", "multiselect", "radio", "datetime", "duration", "steps", "attachments")
FREE_TEXT = ("text", "textarea", "attachments")  # types that need max_length and may be masked
CHOICE_TYPES = ("select", "multiselect", "radio")
LIST_TYPES = ("multiselect", "steps", "attachments")
DURATION_UNITS = {"minutes": 1, "hours": 60, "days": 1440}
ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$")
# C0 controls but tab and line feed, DEL, C1 controls, bidirectional embeddings, overrides and isolates.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KIND_WORDS = {
    "phone": text("电话号码", "phone numbers"),
    "email": text("邮箱地址", "e-mail addresses"),
    "token": text("令牌", "tokens"),
    "key": text("密钥", "keys"),
}


def kind_words(kinds: list[str]) -> dict:
    """["phone", "email", "token"] -> "电话号码、邮箱地址和令牌" / "phone numbers, e-mail addresses and tokens"."""
    zh = [KIND_WORDS[k]["zh"] for k in kinds]
    return {
        "zh": "和".join(["、".join(zh[:-1]), zh[-1]]) if len(zh) > 1 else zh[0],
        "en": join_and([KIND_WORDS[k]["en"] for k in kinds])["en"],
    }


class FormError(ValueError):
    """The field list itself is malformed."""


def problem(code: str, field: str | None, zh: str, en: str) -> dict:
    """An error or notice for the page: a code, the field it is about, and the words in both languages."""
    return {"code": code, "field": field, "message": text(zh, en)}


def _bilingual(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS)


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _check_field(field, groups: set[str], seen: set[str]) -> dict:
    if not isinstance(field, dict) or not isinstance(field.get("id"), str) or not ID.match(field["id"]):
        raise FormError(f"a field needs an id of lower-case letters, digits and _: {field!r}"[:300])
    fid = field["id"]
    wrong = []
    if fid in seen:
        wrong.append("its id is used twice")
    if field.get("type") not in TYPES:
        wrong.append(f"type must be one of {', '.join(TYPES)}")
    if field.get("group") not in groups:
        wrong.append("group must name a [[group]]")
    if not _bilingual(field.get("label")) or not _bilingual(field.get("description")):
        wrong.append("label and description need zh and en text")
    if not isinstance(field.get("required", False), bool) or not isinstance(field.get("mask", False), bool):
        wrong.append("required and mask are true or false")
    if field.get("type") in FREE_TEXT and not _positive_int(field.get("max_length")):
        wrong.append("a free-text field needs max_length")
    if "max_items" in field and not _positive_int(field["max_items"]):
        wrong.append("max_items is a positive integer")
    if field.get("type") in CHOICE_TYPES and not (
        isinstance(field.get("choices_from"), str) or _choice_list(field.get("choices")) is not None
    ):
        wrong.append("a choice field needs choices [{id, zh, en}] or choices_from")
    if wrong:
        raise FormError(f"field {fid!r}: " + "; ".join(wrong))
    return field


def _choice_list(value) -> list[dict] | None:
    """[{id, zh, en}], or None when the value is not such a list."""
    if isinstance(value, list) and all(
        isinstance(c, dict) and isinstance(c.get("id"), str) and c["id"] and _bilingual(c) for c in value
    ):
        return value
    return None


def fields(form) -> tuple[list[dict], list[dict]]:
    """The groups and fields of a form description ({"group": [...], "field": [...]}), checked."""
    if not isinstance(form, dict) or not isinstance(form.get("field"), list) or not isinstance(form.get("group"), list):
        raise FormError("the form needs a list of [[group]] and a list of [[field]]")
    groups = form["group"]
    for group in groups:
        if not (isinstance(group, dict) and isinstance(group.get("id"), str) and _bilingual(group.get("title"))):
            raise FormError(f"a group needs an id and a title in zh and en: {group!r}"[:300])
    group_ids = {g["id"] for g in groups}
    seen: set[str] = set()
    out = []
    for field in form["field"]:
        out.append(_check_field(field, group_ids, seen))
        seen.add(field["id"])
    return groups, out


def step_list(steps) -> list[dict]:
    """The steps (steps.toml's [[step]] entries: id, section, title in zh and en) that are well formed."""
    if not isinstance(steps, list):
        return []
    return [
        st
        for st in steps
        if isinstance(st, dict)
        and isinstance(st.get("id"), str)
        and isinstance(st.get("section"), str)
        and _bilingual(st.get("title"))
    ]


def choices(field: dict, settings: dict) -> list[dict] | None:
    """The field's choices; None when they come from a settings key this deployment does not have."""
    if "choices" in field:
        return field["choices"]
    node = settings
    for key in field["choices_from"].split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return _choice_list(node)


def clean_text(value, one_line: bool) -> str:
    """Text as typed, made safe to show anywhere: no control characters, \\n line ends, trimmed."""
    if not isinstance(value, str):
        return ""
    value = CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if one_line:
        return " ".join(value.split())
    return "\n".join(line.rstrip() for line in value.split("\n")).strip("\n").strip()


def _label(field: dict, lang: str) -> str:
    return field["label"][lang]


def _quoted(field: dict) -> dict:
    return text(f"“{_label(field, 'zh')}”", f'"{_label(field, "en")}"')


class Cleaner:
    """Cleans one request's values against the field list; collects errors, notices and what was masked."""

    def __init__(self, settings: dict, steps: list[dict], unmasked, lang: str) -> None:
        self.settings = settings
        self.steps = step_list(steps)
        self.unmasked = set(unmasked) if isinstance(unmasked, list) else set()
        self.lang = lang
        self.errors: list[dict] = []
        self.notices: list[dict] = []
        self.masked: dict[str, list[str]] = {}

    # Free text -------------------------------------------------------------------------------
    def free_text(self, field: dict, value, one_line: bool, cut_notice: bool = True) -> str:
        typed = clean_text(value, one_line)
        limit = field["max_length"]
        out = typed
        if field.get("mask", False) and field["id"] not in self.unmasked:
            out, kinds = mask(typed, self.lang)
            if kinds:
                found = self.masked.setdefault(field["id"], [])
                found += [k for k in kinds if k not in found]
        if len(typed) > limit:
            out = out[:limit].rstrip()
            if cut_notice:
                self.cut(field)
        return out

    def cut(self, field: dict) -> None:
        q, limit = _quoted(field), field["max_length"]
        self.notices.append(
            problem(
                "cut",
                field["id"],
                f"{q['zh']}超过了 {limit} 字的上限，后面的部分已截去。",
                f"{q['en']} was longer than its limit of {limit:,} characters; the rest was cut off.",
            )
        )

    def masked_notices(self, fields: list[dict]) -> None:
        for field in fields:
            kinds = self.masked.get(field["id"])
            if not kinds:
                continue
            q, words = _quoted(field), kind_words(kinds)
            self.notices.append(
                problem(
                    "masked",
                    field["id"],
                    f"{q['zh']}中的{words['zh']}已隐去。要保留原文，请关闭这一栏的隐去。",
                    f"{q['en']}: {words['en']} were masked. To keep them as typed, turn masking off for this field.",
                )
            )

    # Lists -----------------------------------------------------------------------------------
    def left_out(self, field: dict, unknown: list[str]) -> None:
        q = _quoted(field)
        shown = ", ".join(clean_text(u, True)[:40] for u in unknown[:5])
        self.notices.append(
            problem(
                "unknown",
                field["id"],
                f"{q['zh']}中有本站不认识的选项（{shown}），已略去。",
                f"{q['en']} had entries this site does not know ({shown}); they were left out.",
            )
        )

    def too_many(self, field: dict, items: list) -> list:
        limit = field.get("max_items")
        if limit is None or len(items) <= limit:
            return items
        q = _quoted(field)
        self.notices.append(
            problem(
                "too-many",
                field["id"],
                f"{q['zh']}最多 {limit} 项，多出的已略去。",
                f"{q['en']} takes at most {limit} entries; the rest were left out.",
            )
        )
        return items[:limit]

    def invalid(self, field: dict, zh: str, en: str) -> None:
        self.errors.append(problem("invalid", field["id"], zh, en))

    # Per type ----------------------------------------------------------------------------------
    def choice(self, field: dict, value):
        known = choices(field, self.settings)
        if field["type"] != "multiselect":
            value = [value]
        wanted = [w for w in value if isinstance(w, str) and w.strip()] if isinstance(value, list) else []
        wanted = list(dict.fromkeys(wanted))
        if known is None:  # the settings hold no list for this deployment: keep the ids as given
            picked = [{"id": w, "label": clean_text(w, True)[:100]} for w in wanted]
        else:
            by_id = {c["id"]: c for c in known}
            unknown = [w for w in wanted if w not in by_id]
            if unknown:
                self.left_out(field, unknown)
            picked = [{"id": c["id"], "label": c[self.lang]} for c in known if c["id"] in wanted]
        if field["type"] == "multiselect":
            return self.too_many(field, picked)
        return picked[0] if picked else None

    def datetime(self, field: dict, value):
        if value in (None, "", {}):
            return None
        at = _moment(value)
        if at is None:
            q = _quoted(field)
            self.invalid(
                field,
                f"{q['zh']}不是有效的日期和时间（需要带时区）。",
                f"{q['en']} is not a valid date and time with a time zone.",
            )
            return None
        out = {"at": at.isoformat(timespec="seconds")}
        zone = value.get("zone") if isinstance(value, dict) else None
        if isinstance(zone, str) and ZONE.match(zone):
            out["zone"] = zone
        return out

    def duration(self, field: dict, value):
        if not isinstance(value, dict):
            return None
        if value.get("ongoing") is True:
            return {"ongoing": True}
        amount, unit = value.get("amount"), value.get("unit")
        if amount in (None, ""):
            return None
        number = _number(amount)
        if number is None or not 0 < number <= 1_000_000 or unit not in DURATION_UNITS:
            q = _quoted(field)
            self.invalid(
                field,
                f"{q['zh']}需要一个大于 0 的数和单位（分钟、小时或天），或者选“仍在持续”。",
                f"{q['en']} needs a number above 0 and a unit (minutes, hours or days), or “still going on”.",
            )
            return None
        return {"ongoing": False, "amount": number, "unit": unit, "minutes": number * DURATION_UNITS[unit]}

    def steps_tried(self, field: dict, value):
        wanted = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        by_id = {st["id"]: st for st in self.steps}
        unknown = [w for w in dict.fromkeys(wanted) if w not in by_id]
        if unknown:
            self.left_out(field, unknown)
        picked = [st for st in self.steps if st["id"] in wanted]
        return self.too_many(field, picked)

    def attachments(self, field: dict, value):
        entries = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
        out, cut = [], False
        for entry in entries:
            name = self.free_text(field, entry.get("name"), True, cut_notice=False)
            shows = self.free_text(field, entry.get("shows"), True, cut_notice=False)
            cut = cut or any(len(clean_text(entry.get(k), True)) > field["max_length"] for k in ("name", "shows"))
            if not name and not shows:
                continue
            n = len(out) + 1
            typed = clean_text(entry.get("name"), True)[:100]  # as the agent sees it on the page
            if not name:
                self.invalid(field, f"附件第 {n} 项缺少文件名。", f"Attachment {n} has no file name.")
            elif not shows:
                self.invalid(
                    field,
                    f"附件第 {n} 项（{typed}）缺少说明：写一句它显示了什么。",
                    f"Attachment {n} ({typed}) needs a line saying what it shows.",
                )
            out.append({"name": name, "shows": shows})
        if cut:
            self.cut(field)
        return self.too_many(field, out)

    def value(self, field: dict, value):
        kind = field["type"]
        if kind in ("text", "textarea"):
            return self.free_text(field, value, kind == "text") or None
        if kind in CHOICE_TYPES:
            return self.choice(field, value)
        if kind == "steps":
            return self.steps_tried(field, value)
        if kind == "attachments":
            return self.attachments(field, value)
        return getattr(self, kind)(field, value)  # datetime, duration


def _moment(value) -> datetime | None:
    """An ISO 8601 time with its UTC offset, or {local: ISO time without one, offset_min: minutes east of UTC}."""
    local, offset = (value.get("local"), value.get("offset_min")) if isinstance(value, dict) else (value, None)
    try:
        moment = datetime.fromisoformat(local.strip())
    except (AttributeError, ValueError):
        return None
    number = _number(offset)
    if moment.tzinfo is None and number is not None and abs(number) <= 18 * 60:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=round(number))))
    return moment if moment.tzinfo is not None else None


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _required(field: dict) -> dict:
    q = _quoted(field)
    if field["type"] in (*CHOICE_TYPES, "steps"):
        return problem("required", field["id"], f"请选择{q['zh']}。", f"Please choose {q['en']}.")
    return problem("required", field["id"], f"请填写{q['zh']}。", f"Please fill in {q['en']}.")


def clean(form, values, settings: dict, steps: list[dict], unmasked=None, lang: str = "en") -> dict:
    """Checks and cleans the agent's values.

    Returns {groups, fields, values: {field id: cleaned value}, errors, notices, masked: {field id: kinds}}.
    Errors (a missing required field, a value that does not parse) come in field order, so the
    page can move the focus to the first one.
    """
    groups, field_list = fields(form)
    values = values if isinstance(values, dict) else {}
    cleaner = Cleaner(settings, steps, unmasked, lang)
    out: dict = {}
    for field in field_list:
        before = len(cleaner.errors)
        value = cleaner.value(field, values.get(field["id"]))
        if value not in (None, []):
            out[field["id"]] = value
        elif field.get("required", False) and len(cleaner.errors) == before:
            cleaner.errors.append(_required(field))
    order = {f["id"]: i for i, f in enumerate(field_list)}
    cleaner.errors.sort(key=lambda e: order[e["field"]])
    cleaner.masked_notices(field_list)
    return {
        "groups": groups,
        "fields": field_list,
        "values": out,
        "errors": cleaner.errors,
        "notices": cleaner.notices,
        "masked": cleaner.masked,
    }
