"""The request form: request_form.toml itself, required fields, limits, text only, masking per field."""

from __future__ import annotations

import copy
import json

import pytest

from checks.request import FormError
from checks.request.form import clean, clean_text, fields, kind_words

from .request_data import ROOT, filled_values, request_form, with_channels


@pytest.fixture
def form() -> dict:
    return request_form()


@pytest.fixture
def steps() -> list[dict]:
    from hooks import guide_data

    return copy.deepcopy(guide_data.steps_source()["steps"])


def run(form, values, settings, steps, unmasked=None, lang="en") -> dict:
    return clean(form, values, with_channels(settings), steps, unmasked, lang)


def field(form, fid) -> dict:
    return next(f for f in form["field"] if f["id"] == fid)


# The form description ---------------------------------------------------------------------------
def test_request_form_toml_is_well_formed(form):
    groups, field_list = fields(form)
    ids = [f["id"] for f in field_list]
    assert ids == [
        "account",
        "workspace",
        "channels",
        "started",
        "duration",
        "scope",
        "what_happened",
        "expected",
        "steps_tried",
        "browser",
        "os",
        "client_version",
        "attachments",
    ]
    assert [g["id"] for g in groups] == ["account", "problem", "tried", "environment", "attachments"]
    # Every group shows something, every free-text field states its limit, the JSON schema knows every field.
    assert {f["group"] for f in field_list} == {g["id"] for g in groups}
    assert all(f.get("max_length") for f in field_list if f["type"] in ("text", "textarea", "attachments"))
    schema = json.loads((ROOT / "schemas/request.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["fields"]["properties"]) == set(ids)
    assert field(form, "channels")["choices_from"] == "support.channels"


BROKEN = [
    (lambda f: f.pop("field"), "a list of .*group"),
    (lambda f: f["group"].append({"id": "x"}), "a group needs"),
    (lambda f: f["field"].append("text"), "a field needs an id"),
    (lambda f: f["field"][0].update(id="Account"), "a field needs an id"),
    (lambda f: f["field"].append(copy.deepcopy(f["field"][0])), "used twice"),
    (lambda f: f["field"][0].update(type="email"), "type must be one of"),
    (lambda f: f["field"][0].update(group="nowhere"), "group must name"),
    (lambda f: f["field"][0]["label"].pop("en"), "label and description"),
    (lambda f: f["field"][0].update(description={"zh": " ", "en": "x"}), "label and description"),
    (lambda f: f["field"][0].update(required="yes"), "required and mask"),
    (lambda f: f["field"][0].update(mask=1), "required and mask"),
    (lambda f: f["field"][0].pop("max_length"), "needs max_length"),
    (lambda f: f["field"][0].update(max_length=0), "needs max_length"),
    (lambda f: f["field"][2].update(max_items=True), "max_items"),
    (lambda f: f["field"][2].pop("choices_from"), "a choice field needs"),
    (lambda f: f["field"][5].update(choices=[{"id": "me", "zh": "我"}]), "a choice field needs"),
]


@pytest.mark.parametrize(("breaks", "says"), BROKEN)
def test_a_broken_form_description_is_refused(form, breaks, says):
    breaks(form)
    with pytest.raises(FormError, match=says):
        fields(form)


def test_a_form_that_is_not_an_object_is_refused():
    with pytest.raises(FormError):
        fields(["field"])


# Required fields --------------------------------------------------------------------------------
def test_every_required_field_missing_gives_one_message_each_in_field_order(form, settings, steps):
    out = run(form, {}, settings, steps)
    required = [f["id"] for f in form["field"] if f.get("required")]
    assert [e["field"] for e in out["errors"]] == required
    assert {e["code"] for e in out["errors"]} == {"required"}
    by_field = {e["field"]: e["message"] for e in out["errors"]}
    assert by_field["account"] == {"zh": "请填写“账号或坐席 ID”。", "en": 'Please fill in "Account or agent ID".'}
    assert by_field["scope"] == {"zh": "请选择“影响范围”。", "en": 'Please choose "Who is affected".'}
    assert by_field["channels"]["en"] == 'Please choose "Channels affected".'
    assert out["values"] == {}


def test_blank_and_wrong_typed_values_count_as_missing(form, settings, steps):
    values = {
        "account": "   ",
        "what_happened": "\n\n \t\n",
        "expected": 42,
        "channels": "web",
        "scope": ["me"],
        "steps_tried": "net-online",
        "attachments": {"name": "a"},
        "duration": "45 minutes",
        "started": None,
    }
    out = run(form, values, settings, steps)
    assert {e["field"] for e in out["errors"]} == {f["id"] for f in form["field"] if f.get("required")}
    assert out["values"] == {}


def test_a_filled_form_has_no_errors_or_notices(form, settings, steps):
    out = run(form, filled_values(), settings, steps)
    assert out["errors"] == [] and out["notices"] == [] and out["masked"] == {}
    values = out["values"]
    assert values["channels"] == [
        {"id": "web", "label": "Web chat"},
        {"id": "wechat-oa", "label": "WeChat official account"},
    ]
    assert values["started"] == {"at": "2026-11-25T09:30:00+08:00", "zone": "Asia/Shanghai"}
    assert values["duration"] == {"ongoing": False, "amount": 45, "unit": "minutes", "minutes": 45}
    assert values["scope"] == {"id": "some", "label": "Some colleagues"}
    assert [st["id"] for st in values["steps_tried"]] == ["status-page", "net-websocket"]
    zh = run(form, filled_values(), settings, steps, lang="zh")["values"]
    assert zh["scope"]["label"] == "部分同事" and zh["channels"][1]["label"] == "微信公众号"


# Limits -----------------------------------------------------------------------------------------
def test_free_text_over_its_limit_is_cut_there_with_a_notice(form, settings, steps):
    values = filled_values() | {"what_happened": "x" * 2500, "account": "a" * 101}
    out = run(form, values, settings, steps)
    assert len(out["values"]["what_happened"]) == 2000 and out["values"]["account"] == "a" * 100
    cut = [n for n in out["notices"] if n["code"] == "cut"]
    assert [n["field"] for n in cut] == ["account", "what_happened"]
    assert cut[1]["message"] == {
        "zh": "“发生了什么”超过了 2000 字的上限，后面的部分已截去。",
        "en": '"What happened" was longer than its limit of 2,000 characters; the rest was cut off.',
    }
    assert out["errors"] == []


def test_text_at_its_limit_is_kept_whole(form, settings, steps):
    out = run(form, filled_values() | {"expected": "y" * 1000}, settings, steps)
    assert out["values"]["expected"] == "y" * 1000 and out["notices"] == []


def test_the_cut_never_leaves_half_a_phone_number(form, settings, steps):
    values = filled_values() | {"expected": "x" * 990 + " 13812345678"}
    out = run(form, values, settings, steps)
    assert "1381234" not in out["values"]["expected"] and len(out["values"]["expected"]) <= 1000


def test_lists_over_their_limit_keep_the_first_entries(form, settings, steps):
    many = [{"name": f"shot-{i}.png", "shows": f"screen {i}"} for i in range(12)]
    long_line = {"name": "n" * 250, "shows": "s" * 250}
    out = run(form, filled_values() | {"attachments": [long_line, *many]}, settings, steps)
    attached = out["values"]["attachments"]
    assert len(attached) == 10 and attached[0] == {"name": "n" * 200, "shows": "s" * 200}
    assert [n["code"] for n in out["notices"]] == ["cut", "too-many"]
    assert out["notices"][1]["message"]["zh"] == "“附件”最多 10 项，多出的已略去。"
    few_channels = copy.deepcopy(form)
    field(few_channels, "channels")["max_items"] = 1
    out = run(few_channels, filled_values(), settings, steps)
    assert out["values"]["channels"] == [{"id": "web", "label": "Web chat"}]
    assert out["notices"][0]["code"] == "too-many"


# Text only --------------------------------------------------------------------------------------
def test_text_is_cleaned_but_never_interpreted():
    assert clean_text("a\r\nb\rc\x00d\u202eе\x1b[31m", False) == "a\nb\ncdе[31m"
    assert clean_text("  one\n  two\t three  ", True) == "one two three"
    assert clean_text("<b>&amp;</b>\n\n  \n", False) == "<b>&amp;</b>"
    assert clean_text(None, True) == "" and clean_text(["a"], False) == ""
    assert clean_text("keep  \n  indent  \n", False) == "keep\n  indent"


def test_hostile_text_stays_as_typed(form, settings, steps):
    hostile = '<img src=x onerror=alert(1)> "><svg onload=alert(1)> </textarea><script>alert(1)</script>'
    out = run(form, filled_values() | {"what_happened": hostile, "workspace": hostile}, settings, steps)
    assert out["values"]["what_happened"] == hostile and out["values"]["workspace"] == hostile


# Masking per field ------------------------------------------------------------------------------
def test_free_text_is_masked_unless_the_agent_turns_it_off(form, settings, steps):
    values = filled_values() | {
        "what_happened": "Customer 13812345678 wrote to a.b@example.com",
        "expected": "token=abc123",
        "account": "lead@example.com",
        "attachments": [{"name": "13812345678.png", "shows": "key sk-abcdefghijklmnop1234"}],
    }
    out = run(form, values, settings, steps)
    assert out["values"]["what_happened"] == "Customer 138****5678 wrote to a***@example.com"
    assert out["values"]["expected"] == "token=[token removed]"
    assert out["values"]["account"] == "lead@example.com"  # mask = false: support needs the account
    assert out["values"]["attachments"] == [{"name": "138****5678.png", "shows": "key [key removed]"}]
    assert out["masked"] == {
        "what_happened": ["phone", "email"],
        "expected": ["token"],
        "attachments": ["phone", "key"],
    }
    notice = next(n for n in out["notices"] if n["field"] == "what_happened")
    assert notice == {
        "code": "masked",
        "field": "what_happened",
        "message": {
            "zh": "“发生了什么”中的电话号码和邮箱地址已隐去。要保留原文，请关闭这一栏的隐去。",
            "en": '"What happened": phone numbers and e-mail addresses were masked. To keep them as typed, turn '
            "masking off for this field.",
        },
    }
    kept = run(form, values, settings, steps, unmasked=["what_happened"])
    assert kept["values"]["what_happened"] == values["what_happened"]
    assert "what_happened" not in kept["masked"] and kept["values"]["expected"] == "token=[token removed]"
    zh = run(form, values, settings, steps, lang="zh")
    assert zh["values"]["expected"] == "token=[已隐去令牌]"
    assert run(form, values, settings, steps, unmasked="what_happened")["masked"] == out["masked"]


def test_kind_words():
    assert kind_words(["phone"]) == {"zh": "电话号码", "en": "phone numbers"}
    assert kind_words(["phone", "email", "token", "key"]) == {
        "zh": "电话号码、邮箱地址、令牌和密钥",
        "en": "phone numbers, e-mail addresses, tokens and keys",
    }


# Choices ----------------------------------------------------------------------------------------
def test_unknown_choices_are_left_out_with_a_notice(form, settings, steps):
    values = filled_values() | {"channels": ["fax", "web", "web", 3, ""], "scope": "everyone"}
    out = run(form, values, settings, steps)
    assert out["values"]["channels"] == [{"id": "web", "label": "Web chat"}]
    assert "scope" not in out["values"]
    assert [(n["code"], n["field"]) for n in out["notices"]] == [("unknown", "channels"), ("unknown", "scope")]
    assert (
        out["notices"][0]["message"]["en"]
        == '"Channels affected" had entries this site does not know (fax); they were left out.'
    )
    assert [e["field"] for e in out["errors"]] == ["scope"]


def test_without_channels_in_the_settings_the_ids_are_kept(form, settings, steps):
    settings["support"].pop("channels", None)
    out = clean(form, filled_values() | {"channels": ["web", "  "]}, settings, steps, None, "en")
    assert out["values"]["channels"] == [{"id": "web", "label": "web"}]
    settings.pop("support")
    out = clean(form, filled_values(), settings, steps, None, "en")
    assert out["values"]["channels"][0]["id"] == "web"


# Time and duration ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"local": "2026-11-25T09:30", "offset_min": 480, "zone": "Asia/Shanghai"},
            {"at": "2026-11-25T09:30:00+08:00", "zone": "Asia/Shanghai"},
        ),
        ({"local": "2026-03-29T01:30:15", "offset_min": -210.0}, {"at": "2026-03-29T01:30:15-03:30"}),
        ({"local": "2026-11-25T09:30", "offset_min": "60"}, {"at": "2026-11-25T09:30:00+01:00"}),
        ({"local": "2026-11-25T09:30+05:30", "offset_min": 0}, {"at": "2026-11-25T09:30:00+05:30"}),
        ("2026-11-25T01:30:00Z", {"at": "2026-11-25T01:30:00+00:00"}),
        (" 2026-11-25T09:30+08:00 ", {"at": "2026-11-25T09:30:00+08:00"}),
        ({"local": "2026-11-25T09:30", "offset_min": 480, "zone": "<b>"}, {"at": "2026-11-25T09:30:00+08:00"}),
    ],
)
def test_start_times_carry_their_utc_offset(form, settings, steps, value, expected):
    out = run(form, filled_values() | {"started": value}, settings, steps)
    assert out["values"]["started"] == expected and out["errors"] == []


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-25T09:30",  # no zone
        "yesterday",
        {"local": "2026-11-25T09:30"},
        {"local": "2026-11-25T09:30", "offset_min": 1200},
        {"local": "2026-11-25T09:30", "offset_min": True},
        {"local": "2026-11-25T09:30", "offset_min": float("inf")},
        {"local": "25/11/2026", "offset_min": 480},
        {"local": 20261125, "offset_min": 480},
        ["2026-11-25T09:30+08:00"],
    ],
)
def test_a_start_time_without_a_usable_zone_is_an_error(form, settings, steps, value):
    out = run(form, filled_values() | {"started": value}, settings, steps)
    assert [(e["code"], e["field"]) for e in out["errors"]] == [("invalid", "started")]
    assert out["errors"][0]["message"]["zh"] == "“开始时间”不是有效的日期和时间（需要带时区）。"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"ongoing": True, "amount": 5, "unit": "minutes"}, {"ongoing": True}),
        ({"amount": "1.5", "unit": "hours"}, {"ongoing": False, "amount": 1.5, "unit": "hours", "minutes": 90.0}),
        (
            {"ongoing": False, "amount": 2, "unit": "days"},
            {"ongoing": False, "amount": 2, "unit": "days", "minutes": 2880},
        ),
        ({"amount": 3.0, "unit": "minutes"}, {"ongoing": False, "amount": 3, "unit": "minutes", "minutes": 3}),
    ],
)
def test_durations(form, settings, steps, value, expected):
    out = run(form, filled_values() | {"duration": value}, settings, steps)
    assert out["values"]["duration"] == expected and out["errors"] == []


@pytest.mark.parametrize(
    "value",
    [
        {"amount": 0, "unit": "minutes"},
        {"amount": -5, "unit": "hours"},
        {"amount": "soon", "unit": "hours"},
        {"amount": 5, "unit": "weeks"},
        {"amount": True, "unit": "days"},
        {"amount": [5], "unit": "days"},
        {"amount": 2_000_000, "unit": "minutes"},
    ],
)
def test_a_duration_that_does_not_parse_is_an_error(form, settings, steps, value):
    out = run(form, filled_values() | {"duration": value}, settings, steps)
    assert [(e["code"], e["field"]) for e in out["errors"]] == [("invalid", "duration")]


def test_an_empty_duration_is_missing(form, settings, steps):
    for value in ({}, {"amount": "", "unit": "minutes"}, {"ongoing": False}):
        out = run(form, filled_values() | {"duration": value}, settings, steps)
        assert [(e["code"], e["field"]) for e in out["errors"]] == [("required", "duration")]


# Steps tried and attachments --------------------------------------------------------------------
def test_steps_tried_follow_the_guide_order_and_unknown_ones_are_left_out(form, settings, steps):
    values = filled_values() | {"steps_tried": ["net-websocket", "no-such-step", 7, "status-page", "net-websocket"]}
    out = run(form, values, settings, steps)
    assert [st["id"] for st in out["values"]["steps_tried"]] == ["status-page", "net-websocket"]
    assert [(n["code"], n["field"]) for n in out["notices"]] == [("unknown", "steps_tried")]
    broken_steps = [*steps, {"id": "x"}, "y", {"id": "z", "section": "basics", "title": {"zh": "z"}}]
    assert run(form, values | {"steps_tried": ["x", "z"]}, settings, broken_steps)["notices"][0]["code"] == "unknown"
    assert "steps_tried" not in run(form, values, settings, "steps")["values"]


def test_each_attachment_needs_a_name_and_what_it_shows(form, settings, steps):
    values = filled_values() | {
        "attachments": [
            {"name": "a.png", "shows": ""},
            {"name": "", "shows": "the console"},
            {"name": " ", "shows": None},
            "b.png",
            {"name": "c.log", "shows": "the log"},
        ]
    }
    out = run(form, values, settings, steps)
    assert [e["message"]["en"] for e in out["errors"]] == [
        "Attachment 1 (a.png) needs a line saying what it shows.",
        "Attachment 2 has no file name.",
    ]
    assert out["errors"][0]["message"]["zh"] == "附件第 1 项（a.png）缺少说明：写一句它显示了什么。"
    assert len(out["values"]["attachments"]) == 3
