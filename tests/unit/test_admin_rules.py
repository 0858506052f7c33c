"""Assignment rules (checks/admin/rules.py): each defect in each format, bad input naming where it
is, limits, and hostile text kept as plain data."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest

from checks.admin import rules
from checks.findings import SCOPES

from .test_branches import HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
SITE_CHANNELS = ["web", "app", "wechat_oa", "wechat_mp", "weibo", "api"]
FORMATS = ("json", "yaml", "csv")


def to_yaml(model: dict) -> str:
    out = []
    for key in ("groups", "members", "rules"):
        if not model.get(key):
            continue
        out.append(f"{key}:")
        for item in model[key]:
            for n, (k, v) in enumerate(item.items()):
                shown = "[" + ", ".join(v) + "]" if isinstance(v, list) else "null" if v is None else v
                shown = f'"{shown}"' if shown == "*" else shown  # a plain * would be a YAML alias
                out.append(f"{'  - ' if n == 0 else '    '}{k}: {shown}")
    return "\n".join(out) + "\n"


def to_csv(model: dict) -> str:
    assert not model.get("rules"), "CSV has no ordered rules"
    members = {m["id"]: m for m in model.get("members", [])}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["group", "member", "channels", "limit", "status"])
    for group in model["groups"]:
        channels = ";".join(group.get("channels", []))
        for i, member_id in enumerate(group["members"] or [""]):
            member = members.get(member_id, {})
            limit = member.get("limit")
            writer.writerow(
                [
                    group["id"],
                    member_id,
                    channels if i == 0 else "",
                    "" if limit is None else limit,
                    member.get("status") or "",
                ]
            )
    return buffer.getvalue()


def render(model: dict, fmt: str) -> str:
    return {"json": json.dumps, "yaml": to_yaml, "csv": to_csv}[fmt](model)


def run(model_or_text, fmt=None, channels=None) -> dict:
    result = rules.check(model_or_text, fmt=fmt, channels=channels)
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    for f in result["findings"]:
        assert f["check"] == "rules" and f["scope"] == "team" and f["scope"] in SCOPES
        assert_wording(f)
    for error in result["errors"]:
        assert set(error) == {"line", "column", "field", "message"}
        assert_wording({"id": "error", "message": error["message"]})
    return result


def assert_wording(f: dict) -> None:
    for key in ("title", "message", "fix"):
        if key not in f or not f[key]["zh"]:
            continue
        zh, en = f[key]["zh"], f[key]["en"]
        assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], zh)
        assert not UNSPACED_LATIN.search(zh), (f["id"], zh)
        assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], zh)
        assert en.strip() == en and "  " not in en
        if key != "title":
            assert zh[-1] in "。）”", (f["id"], zh)


def by_id(result: dict) -> dict:
    return {f["id"]: f for f in result["findings"]}


def team(*groups, members=(), rules_=()) -> dict:
    return {"groups": list(groups), "members": list(members), "rules": list(rules_)}


def group(gid, members, channels):
    return {"id": gid, "members": list(members), "channels": list(channels)}


def member(mid, status="online", limit=5):
    return {"id": mid, "status": status, "limit": limit}


HEALTHY = team(
    group("sales", ["wang", "li"], ["web", "app", "wechat_oa"]),
    group("care", ["li", "zhang"], ["wechat_mp", "weibo", "api"]),
    members=[member("wang"), member("li", "busy"), member("zhang")],
)


# The same team in every format -------------------------------------------------------------------


def test_the_three_fixture_files_read_into_one_model():
    results = {
        name: run((FIXTURES / name).read_text(encoding="utf-8"), channels=SITE_CHANNELS)
        for name in ("team.json", "team.yaml", "team.csv")
    }
    assert [results[n]["format"] for n in results] == ["json", "yaml", "csv"]
    for result in results.values():
        assert [f["id"] for f in result["findings"]] == ["rules-ok"]
        assert result["errors"] == []
        assert result["routing"] == [
            {"channel": "web", "group": "presales"},
            {"channel": "app", "group": "presales"},
            *({"channel": c, "group": "aftersales"} for c in SITE_CHANNELS[2:]),
        ]
    json_model, yaml_model, csv_model = (results[n]["rules"] for n in results)
    assert yaml_model == json_model
    assert csv_model["members"] == json_model["members"]
    assert [(g["id"], g["members"], g["channels"]) for g in csv_model["groups"]] == [
        (g["id"], g["members"], g["channels"]) for g in json_model["groups"]
    ]
    assert json_model["rules"] == [{"channel": "web", "condition": "vip", "group": "aftersales"}]
    assert json_model["groups"][0]["name"] == "售前"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_healthy_team_is_all_clear_in_every_format(fmt):
    for given in (fmt, None):
        result = run(render(HEALTHY, fmt), fmt=given, channels=SITE_CHANNELS)
        assert result["format"] == fmt
        ok = by_id(result)["rules-ok"]
        assert ok["status"] == "ok" and len(result["findings"]) == 1
        assert ok["data"] == {"groups": 2, "members": 3, "rules": 0}
        assert ok["message"]["en"] == "Every channel goes to a group with someone online, and no rule is hidden."


def test_the_page_form_sends_the_model_itself():
    result = run(HEALTHY, channels=SITE_CHANNELS)
    assert result["format"] == "form"
    assert [f["id"] for f in result["findings"]] == ["rules-ok"]
    assert result["rules"]["members"][1] == {"id": "li", "name": "li", "status": "busy", "limit": 5}


# Each defect, in each format ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_channel_routed_to_no_group(fmt):
    model = team(group("sales", ["wang", "li"], ["web"]), members=[member("wang"), member("li")])
    found = by_id(run(render(model, fmt), channels=SITE_CHANNELS))
    f = found["rules-channel-unrouted"]
    assert (f["status"], f["step"]) == ("fail", "rules-channels")
    assert f["data"]["channels"] == SITE_CHANNELS[1:]
    assert "“app”, “wechat_oa”" in f["message"]["en"] and "“app”、“wechat_oa”" in f["message"]["zh"]
    assert "rules-ok" not in found


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_group_with_no_members(fmt):
    model = team(
        group("sales", ["wang", "li"], ["web"]), group("night", [], ["app"]), members=[member("wang"), member("li")]
    )
    found = by_id(run(render(model, fmt)))
    f = found["rules-group-empty"]
    assert (f["status"], f["step"], f["data"]["groups"]) == ("fail", "rules-empty-group", ["night"])
    assert "“night”" in f["message"]["zh"]
    assert "rules-one-agent" not in found


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("statuses", "step"),
    [(("offline", "offline"), "rules-auto-status"), (("away", "busy"), "rules-empty-group")],
)
def test_a_group_with_nobody_online(fmt, statuses, step):
    model = team(
        group("sales", ["wang"], ["web"]),
        group("care", ["li", "zhang"], ["app"]),
        members=[member("wang"), member("li", statuses[0]), member("zhang", statuses[1])],
    )
    f = by_id(run(render(model, fmt)))["rules-group-offline"]
    assert (f["status"], f["step"], f["data"]["groups"]) == ("warn", step, ["care"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_online_with_a_limit_of_zero_is_nobody_to_take_chats(fmt):
    model = team(
        group("sales", ["wang", "li"], ["web"]), members=[member("wang", "online", 0), member("li", "offline")]
    )
    found = by_id(run(render(model, fmt)))
    assert found["rules-group-offline"]["step"] == "rules-empty-group"
    f = found["rules-limit-zero"]
    assert (f["status"], f["step"], f["data"]["members"]) == ("fail", "rules-busy", ["wang"])


def test_members_without_a_status_are_not_called_offline():
    model = team(group("sales", ["wang", "li"], ["web"]), members=[member("wang", None), member("li", "away")])
    [ok] = run(model)["findings"]
    assert ok["id"] == "rules-ok" and "whether someone is online was not checked" in ok["message"]["en"]
    assert ok["message"]["zh"].endswith("无法判断是否有人在线。")


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_traffic_to_one_agent(fmt):
    model = team(
        group("sales", ["wang"], SITE_CHANNELS[:3]),
        group("care", ["wang"], SITE_CHANNELS[3:]),
        members=[member("wang")],
    )
    f = by_id(run(render(model, fmt), channels=SITE_CHANNELS))["rules-one-agent"]
    assert (f["status"], f["step"], f["data"]) == ("warn", "rules-one-agent", {"member": "wang"})
    assert "“wang”" in f["message"]["en"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_limit_of_zero(fmt):
    model = team(group("sales", ["wang", "li"], ["web"]), members=[member("wang"), member("li", "online", 0)])
    found = by_id(run(render(model, fmt)))
    assert found["rules-limit-zero"]["data"]["members"] == ["li"]
    assert "rules-group-offline" not in found


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_channel_given_to_two_groups_hides_the_second(fmt):
    model = team(
        group("sales", ["wang"], ["web", "app"]),
        group("care", ["li"], ["app"]),
        members=[member("wang"), member("li")],
    )
    f = by_id(run(render(model, fmt)))["rules-shadowed"]
    assert (f["status"], f["step"]) == ("warn", "rules-review")
    assert f["data"]["hidden"] == [
        {
            "rule": {"channel": "app", "condition": None, "group": "care", "source": "group", "index": 2},
            "by": {"channel": "app", "condition": None, "group": "sales", "source": "group", "index": 1},
        }
    ]
    assert "channel “app” of group “care” is hidden by the earlier channel “app” of group “sales”" in f["message"]["en"]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_earlier_catch_all_rule_hides_later_rules(fmt):
    model = team(
        group("sales", ["wang"], []),
        group("vip", ["li"], []),
        members=[member("wang"), member("li")],
        rules_=[
            {"channel": "web", "condition": "vip", "group": "vip"},
            {"channel": "*", "condition": None, "group": "sales"},
            {"channel": "web", "condition": None, "group": "vip"},
            {"channel": "app", "condition": "vip", "group": "vip"},
            {"channel": "web", "condition": None, "group": "sales"},
        ],
    )
    result = run(render(model, fmt), channels=SITE_CHANNELS)
    found = by_id(result)
    f = found["rules-shadowed"]
    hidden = [(h["rule"]["index"], h["by"]["index"]) for h in f["data"]["hidden"]]
    assert hidden == [(2, 1), (3, 1)]  # rule 5 repeats rule 2's group: unreachable but harmless
    assert "rule 3 (“web” → “vip”) is hidden by the earlier rule 2 (every channel → “sales”)" in f["message"]["en"]
    assert "第 4 条规则（“app”（条件“vip”）→“vip”）被前面的第 2 条规则（所有渠道→“sales”）挡住了" in f["message"]["zh"]
    assert "rules-channel-unrouted" not in found  # the catch-all takes every channel
    assert {r["group"] for r in result["routing"]} == {"sales"}


def test_a_same_condition_rule_hides_a_later_one_for_one_channel():
    model = team(
        group("sales", ["wang"], ["web"]),
        group("vip", ["li"], []),
        members=[member("wang"), member("li")],
        rules_=[
            {"channel": "all", "condition": "vip", "group": "vip"},
            {"channel": "web", "condition": "vip", "group": "sales"},
        ],
    )
    found = by_id(run(model))
    assert [h["rule"]["index"] for h in found["rules-shadowed"]["data"]["hidden"]] == [1]


def test_only_conditional_rules_leave_a_channel_unrouted():
    model = team(
        group("vip", ["li", "wang"], []),
        members=[member("li"), member("wang")],
        rules_=[{"channel": "web", "condition": "vip", "group": "vip"}],
    )
    result = run(model)
    assert result["routing"] == [{"channel": "web", "group": None}]
    assert by_id(result)["rules-channel-unrouted"]["data"]["channels"] == ["web"]


def test_no_rule_and_no_channel_routes_nothing():
    found = by_id(run(team(group("sales", ["wang", "li"], []), members=[member("wang"), member("li")])))
    f = found["rules-channel-unrouted"]
    assert f["data"]["channels"] == [] and "go to nobody" in f["message"]["en"]


def test_a_catch_all_without_known_channels_routes_everything():
    model = team(
        group("sales", ["wang", "li"], []), members=[member("wang"), member("li")], rules_=[{"group": "sales"}]
    )
    result = run(model)
    assert result["routing"] == [{"channel": "*", "group": "sales"}]
    assert [f["id"] for f in result["findings"]] == ["rules-ok"]


def test_a_rule_to_a_missing_group_and_an_unknown_channel():
    model = team(
        group("sales", ["wang", "li"], SITE_CHANNELS[1:]),
        members=[member("wang"), member("li")],
        rules_=[{"channel": "Web", "group": "ghost"}, {"channel": "wechat", "group": "sales"}],
    )
    found = by_id(run(model, channels=[*SITE_CHANNELS, "*", 7.5, None]))
    assert found["rules-group-missing"]["data"]["groups"] == ["ghost"]
    assert found["rules-channel-unrouted"]["data"]["channels"] == ["web"]
    unknown = found["rules-channel-unknown"]
    assert (unknown["status"], unknown["data"]["channels"]) == ("warn", ["wechat"])
    assert "Known channels: “web”, “app”" in unknown["message"]["en"]


SITE = tomllib.loads((Path(__file__).parents[2] / "settings.toml").read_text("utf-8"))["support"]["channels"]
DEFAULT_SITE = [
    {"id": "web", "zh": "网页聊天插件", "en": "Web chat"},
    {"id": "app", "zh": "移动应用（SDK）", "en": "Mobile app (SDK)"},
    {"id": "wechat_oa", "zh": "微信公众号", "en": "WeChat official account"},
    {"id": "wechat_mp", "zh": "微信小程序", "en": "WeChat mini program"},
    {"id": "weibo", "zh": "微博", "en": "Weibo"},
    {"id": "api", "zh": "开放接口（API/SDK）", "en": "API/SDK"},
]


def test_channels_by_the_names_a_user_sees():
    """The site's names (both languages, any case and spacing) and common ones stand for the ids."""
    model = team(
        group("sales", ["wang"], ["网页聊天插件", "web  CHAT", "Mobile app (SDK)", "公众号"]),
        group("care", ["li"], ["小程序", "微博", "开放接口（API/SDK）"]),
        members=[member("wang"), member("li")],
        rules_=[{"channel": "网页", "condition": "VIP", "group": "care"}],
    )
    result = run(model, channels=DEFAULT_SITE)
    assert result["errors"] == []
    assert [g["channels"] for g in result["rules"]["groups"]] == [
        ["web", "app", "wechat_oa"],
        ["wechat_mp", "weibo", "api"],
    ]
    assert result["rules"]["rules"][0]["channel"] == "web"
    assert [f["id"] for f in result["findings"]] == ["rules-ok"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_channel_names_in_every_format(fmt):
    text = {
        "json": '{"groups": [{"id": "g", "members": ["a"], "channels": "Web chat; 微信小程序 app"}]}',
        "yaml": "groups:\n  - id: g\n    members: [a]\n    channels: [Web chat, 微信小程序, app]\n",
        "csv": "组,成员,渠道\ng,a,Web chat;微信小程序 app\n",
    }[fmt]
    result = run(text, channels=DEFAULT_SITE)
    assert result["format"] == fmt and result["errors"] == []
    assert result["rules"]["groups"][0]["channels"] == ["web", "wechat_mp", "app"]


def test_a_name_that_may_mean_two_channels_stays_unknown():
    model = team(group("sales", ["wang"], ["微信", "web app"]), members=[member("wang")])
    found = by_id(run(model, channels=DEFAULT_SITE))
    unknown = found["rules-channel-unknown"]
    assert unknown["data"]["channels"] == ["微信"]
    assert "微信公众号（wechat_oa）、微信小程序（wechat_mp）" in unknown["message"]["zh"]
    assert "a name in the list or the code in brackets" in unknown["fix"]["en"]
    # With one WeChat channel on the site, 微信 is that one; spaces still split a list.
    one = [c for c in DEFAULT_SITE if c["id"] != "wechat_mp"]
    result = run(model, channels=one)
    assert result["rules"]["groups"][0]["channels"] == ["wechat_oa", "web", "app"]
    assert "rules-channel-unknown" not in by_id(result)


def test_a_truly_unknown_channel_name_is_still_reported():
    model = team(group("sales", ["wang"], ["传真", "网页"]), members=[member("wang")])
    result = run(model, channels=DEFAULT_SITE)
    assert by_id(result)["rules-channel-unknown"]["data"]["channels"] == ["传真"]
    # Without the site's channels nothing is renamed: names are kept as typed.
    assert run(model)["rules"]["groups"][0]["channels"] == ["传真", "网页"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_pages_examples_read_cleanly(lang, fmt):
    """The rules part's examples (strings.toml [admin] rules_example_*) are the shape this module reads."""
    strings = tomllib.loads((Path(__file__).parents[2] / "strings.toml").read_text("utf-8"))["admin"]
    result = run(strings[f"rules_example_{fmt}"][lang], channels=SITE)
    assert result["format"] == fmt and result["errors"] == []
    assert "rules-channel-unknown" not in by_id(result)
    groups = result["rules"]["groups"]
    assert len(groups) == 2 and groups[0]["channels"] == ["web", "wechat_oa"]
    assert len(result["rules"]["members"]) == 3 and result["rules"]["members"][1]["status"] == "busy"
    assert len(result["rules"]["rules"]) == (0 if fmt == "csv" else 1)


def test_without_the_site_channels_unknown_channels_are_not_judged():
    model = team(group("sales", ["wang", "li"], ["wechat"]), members=[member("wang"), member("li")])
    assert [f["id"] for f in run(model, channels="web")["findings"]] == ["rules-ok"]


# Reading each format: aliases, shapes, partial errors --------------------------------------------


def test_chinese_keys_and_statuses_in_yaml():
    source = """分组:
  - 编号: 售前
    成员:
      - 编号: 小王
        状态: 在线
        接待上限: "3"
      - 小李
    渠道: web、app
规则:
  - 渠道: 全部
    条件: ~
    组: 售前
客服:
  - 小李
"""
    result = run(source)
    assert result["format"] == "yaml"
    assert result["rules"]["members"] == [
        {"id": "小李", "name": "小李", "status": None, "limit": None},
        {"id": "小王", "name": "小王", "status": "online", "limit": 3},
    ]
    assert result["rules"]["groups"][0]["channels"] == ["web", "app"]
    assert result["rules"]["rules"] == [{"channel": "*", "condition": None, "group": "售前"}]
    assert result["errors"] == []


def test_yaml_subset_features():
    source = """---
# leading comment
groups:
- id: 'it''s'
  name: "a # not a comment"
  members:
  -
    id: m1
    status: online
  - "m2"
  - m3: odd
  channels: []
- name: plain
  members: [m1, "m2"]
  channels:
    - web
    - 'app'
members:
  - m1
  - id: m2
    name: null
    limit: 4
rules:
  - group: plain
    channel: web
    condition: true
"""
    result = run(source)
    model = result["rules"]
    assert model["groups"][0]["id"] == "it's" and model["groups"][0]["name"] == "a # not a comment"
    assert model["groups"][0]["members"] == ["m1", "m2"]
    assert model["groups"][1] == {"id": "plain", "name": "plain", "members": ["m1", "m2"], "channels": ["web", "app"]}
    assert model["rules"] == [{"channel": "web", "condition": "True", "group": "plain"}]
    assert model["members"][1] == {"id": "m2", "name": "m2", "status": None, "limit": 4}
    # The inline member gives m1 the status the members list did not.
    assert model["members"][0]["status"] == "online"
    fields = [e["field"] for e in result["errors"]]
    assert fields == ["groups.#1.members.#3.m3", "groups.#1.members.#3"]
    assert [e["line"] for e in result["errors"]] == [11, 11]


@pytest.mark.parametrize(
    ("source", "line", "field", "words"),
    [
        ("groups:\n  - id: a\n   name: x\n", 3, "name", "does not line up"),
        ("groups:\n\t- id: a\n", 2, "id", "spaces, not tabs"),
        ("groups: &anchor\n", 1, "groups", "“&”"),
        ("groups: {a: 1}\n", 1, "groups", "“{”"),
        ("notes: |\n  text\n", 1, "notes", "“|”"),
        ("groups:\n  - id: a\n  - id: a\n    id: b\n", 4, "id", "appears twice"),
        ("groups:\n  - - a\n", 2, None, "“- -”"),
        ('groups: "open\n', 1, "groups", "double-quoted"),
        ("groups: 'it's'\n", 1, "groups", "single-quoted"),
        ("groups: 'open\n", 1, "groups", "single-quoted"),
        ("groups: [a, [b]]\n", 1, "groups", "brackets inside"),
        ("groups: [a, b\n", 1, "groups", "not closed"),
        ("groups:\n  just text\n", 2, None, "“key: value”"),
        ("a: 1\n---\nb: 2\n", 2, None, "one document"),
        ("a: 1\n...\n", 2, None, "one document"),
        ("? complex\n", 1, None, "“?”"),
        ("groups:\n  - id: a\n    channels:\n      - x\n    -\n", 5, None, "does not line up"),
        ("# only a comment\n\n", 1, None, "only comments"),
        ("groups:\n  - id: a\nmembers: x\n - b\n", 4, None, "does not line up"),
        ("a:\n" + "\n".join(" " * (i + 1) + f"k{i}:" for i in range(30)) + "\n", 22, "k20", "nested too deeply"),
    ],
)
def test_bad_yaml_names_the_line(source, line, field, words):
    result = run(source, fmt="yaml")
    assert result["findings"] == [] and result["rules"] == {"groups": [], "members": [], "rules": []}
    [error] = result["errors"]
    assert (error["line"], error["field"]) == (line, field)
    assert words in error["message"]["en"]
    assert error["message"]["zh"].startswith(f"第 {line} 行")


def test_yaml_detection():
    assert rules.check("- a\n")["format"] == "yaml"
    assert rules.check("---\ngroups: []\n")["format"] == "yaml"
    assert rules.check("# c\ngroups:\n")["format"] == "yaml"
    assert rules.check("group,member\n")["format"] == "csv"
    assert rules.check("group: a, member: b\n")["format"] == "yaml"
    assert rules.check("group,note: x\n")["format"] == "csv"
    assert rules.check("  [1]")["format"] == "json"


def test_bad_json_names_the_line_column_and_field():
    source = '{\n  "groups": [\n    {"id": "a", "members": ["x",, "y"]}\n  ]\n}'
    result = run(source)
    [error] = result["errors"]
    assert (error["line"], error["column"], error["field"]) == (3, 33, "members")
    assert error["message"]["zh"].startswith("第 3 行，第 33 列，“members”：JSON 格式有误")
    assert error["message"]["en"].startswith(
        "Line 3, column 33, “members”: the JSON is not valid here (Expecting value)"
    )
    assert run("[1, 2")["errors"][0]["field"] is None


def test_json_nested_too_deeply_is_an_error_not_a_crash():
    result = run("[" * 100_000 + "]" * 100_000, fmt="json")
    assert result["errors"][0]["message"]["en"] == "Nested too deeply to check."


def test_malformed_parts_are_reported_and_the_rest_is_checked():
    model = {
        "groups": [
            {"id": "sales", "members": ["wang", "li", {"name": "zhao", "status": "napping"}, 3.5], "channels": "web"},
            {"id": "sales", "members": []},
            {"members": ["x"]},
            "care",
            {"id": "care", "members": "wang", "channels": [["web"]], "colour": "red"},
        ],
        "members": [
            {"id": "wang", "status": "online", "limit": "2"},
            {"id": "li", "status": "ONLINE", "limit": -1},
            {"id": "li"},
            {"status": "online"},
            True,
            {"id": "qian", "limit": True, "Status": "busy", "状态": "away"},
        ],
        "rules": [
            {"channel": "web", "group": "sales"},
            {"channel": ["web", "app"], "group": "sales"},
            {"channel": "app"},
            "web -> sales",
            {"channel": None, "condition": "", "to": "care"},
        ],
        "notes": "x",
        "规则": [],
    }
    result = run(json.dumps(model))
    messages = {e["field"]: e["message"]["en"] for e in result["errors"]}
    assert messages == {
        "groups.#1.members.#3.status": "“groups.#1.members.#3.status”: “napping” is not a status: use online, away, busy or offline.",
        "groups.#1.members.#4": "“groups.#1.members.#4”: this should be a member id or a member's details.",
        "groups.#2": "“groups.#2”: this group appears earlier, skipped.",
        "groups.#3": "“groups.#3”: a group with no id or name, skipped.",
        "groups.#4": "“groups.#4”: this should be a mapping that describes a group.",
        "groups.#5.colour": "“groups.#5.colour”: unknown field, skipped.",
        "groups.#5.members": "“groups.#5.members”: this should be a list.",
        "groups.#5.channels": "“groups.#5.channels”: channels should be a list of channel ids, such as [web, app].",
        "members.#2.limit": "“members.#2.limit”: the chat limit “-1” should be a whole number, 0 or more.",
        "members.#3": "“members.#3”: this member appears earlier; the first is kept.",
        "members.#4": "“members.#4”: a member with no id or name, skipped.",
        "members.#5": "“members.#5”: this should be a member id or a member's details.",
        "members.#6.limit": "“members.#6.limit”: the chat limit “True” should be a whole number, 0 or more.",
        "members.#6.状态": "“members.#6.状态”: repeats an earlier field, skipped.",
        "rules.#2.channel": "“rules.#2.channel”: a rule takes one channel id; skipped.",
        "rules.#3": "“rules.#3”: the rule names no group, skipped.",
        "rules.#4": "“rules.#4”: this should be a mapping that describes a rule.",
        "notes": "“notes”: unknown field, skipped.",
        "规则": "“规则”: repeats an earlier field, skipped.",
    }
    model_out = result["rules"]
    assert [g["id"] for g in model_out["groups"]] == ["sales", "care"]
    assert model_out["groups"][0]["members"] == ["wang", "li", "zhao"]
    assert model_out["members"][:2] == [
        {"id": "wang", "name": "wang", "status": "online", "limit": 2},
        {"id": "li", "name": "li", "status": "online", "limit": None},
    ]
    assert model_out["rules"] == [
        {"channel": "web", "condition": None, "group": "sales"},
        {"channel": "*", "condition": None, "group": "care"},
    ]
    ok = by_id(result)
    assert "rules-shadowed" not in ok


def test_the_ok_finding_says_when_parts_could_not_be_read():
    model = {**HEALTHY, "extra": 1}
    ok = by_id(run(model, channels=SITE_CHANNELS))["rules-ok"]
    assert ok["message"]["en"].endswith("(in the parts that could be read).")
    assert ok["message"]["zh"].endswith("（只检查了能读取的部分）。")


def test_top_level_shapes():
    for source, fmt in (("[1, 2]", None), ('"text"', "json"), ("- a\n- b\n", None)):
        result = run(source, fmt=fmt)
        assert result["errors"][0]["message"]["en"].startswith("The top level should be a mapping")
        assert result["findings"] == []
    result = run('{"groups": null, "members": [], "rules": null}')
    assert result["errors"][0]["message"]["en"] == "No groups, members or rules were found."


@pytest.mark.parametrize(
    ("source", "fmt", "words"),
    [
        ("", None, "Nothing to check"),
        ("  \n", "csv", "Nothing to check"),
        (None, None, "No rules were given"),
        (42, None, "No rules were given"),
        ("a,b", "xml", "JSON, YAML or CSV"),
    ],
)
def test_nothing_to_read(source, fmt, words):
    result = run(source, fmt=fmt)
    assert result["findings"] == [] and words in result["errors"][0]["message"]["en"]


def test_format_names_are_forgiving():
    assert rules.check("a: 1\n", fmt="YML")["format"] == "yaml"
    assert rules.check("{}", fmt="JSON")["format"] == "json"


# CSV ---------------------------------------------------------------------------------------------


def test_csv_with_chinese_headers_tabs_and_a_bom():
    source = "\ufeff分组\t客服\t渠道\t上限\t状态\n售前\t小王\tweb app\t2\t忙碌\n售前\t小王\t\t3\t在线\n"
    result = run(source)
    assert result["rules"]["members"] == [{"id": "小王", "name": "小王", "status": "busy", "limit": 2}]
    assert [(e["line"], e["field"]) for e in result["errors"]] == [(3, "状态"), (3, "上限")]
    assert result["errors"][0]["message"]["zh"] == "第 3 行，“状态”列：和这个成员前面写的不一样，以前面的为准。"
    assert result["errors"][0]["message"]["en"].startswith("Row 3, column “状态”: differs")


def test_bad_csv_names_the_row_and_the_column():
    source = (
        "group;member;channels;limit;status;colour;group\n"
        "sales;wang;web;5;online\n"
        "sales;li;;lots;sleeping\n"
        ";zhao;app;1;online\n"
        "\n"
        "care;qian;app;1;online;red;x;y\n"
        "care;sun;;2;away\n"
    )
    result = run(source)
    where = [(e["line"], e["field"]) for e in result["errors"]]
    assert where == [(1, "colour"), (1, "group"), (3, "status"), (3, "limit"), (4, "group"), (6, None)]
    assert (
        result["errors"][3]["message"]["en"]
        == "Row 3, column “limit”: the chat limit “lots” should be a whole number, 0 or more."
    )
    assert result["errors"][1]["message"]["en"] == "Row 1, column “group”: this column repeats, skipped."
    assert result["errors"][2]["message"]["zh"].startswith("第 3 行，“status”列：“sleeping”不是可用的状态")
    assert [g["id"] for g in result["rules"]["groups"]] == ["sales", "care"]
    assert [m["id"] for m in result["rules"]["members"]] == ["wang", "li", "qian", "sun"]
    assert result["errors"][5]["message"]["en"].startswith("Row 6: this row has more cells")
    assert by_id(result)  # the rest is still checked
    assert run(",,\n ,\n")["errors"][0]["message"]["en"] == "The table is empty."


def test_csv_without_the_needed_columns():
    [error] = run("name,channels\nwang,web\n", fmt="csv")["errors"]
    assert error["line"] == 1 and "needs a “group” and a “member” column" in error["message"]["en"]


def test_csv_that_cannot_be_read():
    source = 'group,member\nsales,"' + "x" * 200_000 + '"\n'
    [error] = run(source)["errors"]
    assert error["line"] == 2 and error["message"]["en"].startswith("Row 2: this row cannot be read")


# Limits and hostile text -------------------------------------------------------------------------


def test_huge_input_is_refused_with_a_clear_message():
    result = run("x" * (rules.MAX_CHARS + 1))
    [error] = result["errors"]
    assert "more than 1,000,000 characters (about 1 MB)" in error["message"]["en"]
    assert result["findings"] == [] and result["format"] is None


@pytest.mark.parametrize(
    ("kind", "count"),
    [("members", rules.MAX_MEMBERS + 1), ("groups", rules.MAX_GROUPS + 1), ("rules", rules.MAX_RULES + 1)],
)
def test_too_many_items_are_refused(kind, count):
    items = [{"id": f"x{i}", "group": "g"} for i in range(count)]
    [error] = run({kind: items})["errors"]
    assert f"more than {getattr(rules, 'MAX_' + kind.upper()):,} {kind}" in error["message"]["en"]


def test_too_many_members_through_groups_or_csv_are_refused():
    groups = [{"id": f"g{i}", "members": [f"m{i}-{j}" for j in range(10)]} for i in range(501)]
    assert "5,000 members" in run({"groups": groups})["errors"][0]["message"]["en"]
    csv_source = "group,member\n" + "".join(f"g,m{i}\n" for i in range(rules.MAX_MEMBERS + 1))
    assert "5,000 members" in run(csv_source)["errors"][0]["message"]["en"]
    csv_groups = "group,member\n" + "".join(f"g{i},\n" for i in range(rules.MAX_GROUPS + 1))
    assert "1,000 groups" in run(csv_groups)["errors"][0]["message"]["en"]


def test_hostile_text_passes_through_as_plain_data():
    hostile = '<img src=x onerror="alert(1)">\x07\u202e'
    model = team(
        {"id": hostile, "members": ["<b>wang</b>"], "channels": ["web"]},
        members=[{"id": "<b>wang</b>", "name": "A\x00" + "B" * 60, "status": "online", "limit": 0}],
        rules_=[{"channel": "web", "condition": "<script>", "group": hostile}, {"channel": "web", "group": "x"}],
    )
    for source in (json.dumps(model), model):
        result = run(source)
        assert result["rules"]["groups"][0]["id"] == hostile
        assert result["rules"]["members"][0]["name"] == "A\x00" + "B" * 60
        found = by_id(result)
        assert found["rules-limit-zero"]["data"]["members"] == ["<b>wang</b>"]
        shown = found["rules-limit-zero"]["message"]["en"]
        assert "A\ufffd" + "B" * 37 + "…" in shown and "\x00" not in shown
        assert '<img src=x onerror="alert(1)">\ufffd\ufffd' in found["rules-shadowed"]["message"]["en"]
        assert "“<b>wang</b>”" not in found["rules-one-agent"]["message"]["en"]  # the name is shown, not the id
    bad = run('{"groups": [{"id": "a", "<x>\\u0001": 1}]}')["errors"][0]
    assert bad["field"] == "groups.#1.<x>\x01" and "<x>\ufffd" in bad["message"]["en"]
    assert run("group,member,status\n<a>,<b>,\x1b[31m\n")["errors"][0]["message"]["en"].startswith(
        "Row 2, column “status”: “\ufffd[31m” is not a status"
    )


def test_yaml_quoting_and_repeats():
    source = """# only the model below
"groups":
  - id: sales
    name: "say \\"hi\\" # still the name"   # a comment
    members:
      - wang
      - wang
      - id: li
        status: online
      - id: wang
        status: away
    channels: web
  - id: care
    members:
      - id: li
        status: online
        limit: 5
    channels: 5
members:
  - id: li
    status: online
  - id: wang
    status: busy
    limit: 1
"""
    result = run(source)
    assert result["format"] == "yaml"
    sales, care = result["rules"]["groups"]
    assert sales["name"] == 'say "hi" # still the name'
    assert sales["members"] == ["wang", "li"] and care["members"] == ["li"]
    assert [(e["line"], e["field"]) for e in result["errors"]] == [
        (10, "groups.#1.members.#4"),
        (18, "groups.#2.channels"),
    ]
    assert result["rules"]["members"][0] == {"id": "li", "name": "li", "status": "online", "limit": 5}
    assert result["rules"]["members"][1] == {"id": "wang", "name": "wang", "status": "busy", "limit": 1}
    assert run("# nothing\n")["errors"][0]["message"]["en"] == "Line 1: only comments, nothing to check."


def test_many_group_channels_are_checked_quickly():
    groups = [
        {"id": f"g{i}", "members": [f"m{i}"], "channels": [f"c{i}-{j}" for j in range(100)] + ["web"]}
        for i in range(1000)
    ]
    members = [{"id": f"m{i}", "status": "online"} for i in range(1000)]
    result = run({"groups": groups, "members": members})
    shadowed = by_id(result)["rules-shadowed"]
    hidden = shadowed["data"]["hidden"]
    assert len(hidden) == 999 and hidden[0]["by"]["group"] == "g0"
    assert len(result["routing"]) == 100_001
    # Messages name the first ten; data holds them all.
    assert shadowed["message"]["en"].count("is hidden by") == 10 and shadowed["message"]["en"].endswith("; 999 in all.")
    assert shadowed["message"]["zh"].endswith("；共 999 条。")
    unrouted = by_id(run({"groups": groups[:1], "members": members}, channels=[f"x{i}" for i in range(12)]))
    listed = unrouted["rules-channel-unrouted"]["message"]
    assert "“x9” and 2 more." in listed["en"] and "“x10”" not in listed["en"]
    assert "、“x9”等 12 个。" in listed["zh"]
    assert len(unrouted["rules-channel-unrouted"]["data"]["channels"]) == 12


def test_long_lists_inside_one_group_are_read_quickly():
    channels = [f"c{i}" for i in range(40_000)]
    source = json.dumps(
        {"groups": [{"id": "g", "members": [f"m{i % 3000}" for i in range(40_000)], "channels": channels}]}
    )
    model = run(source)["rules"]
    assert len(model["groups"][0]["members"]) == 3000 and len(model["groups"][0]["channels"]) == 40_000
    rows = "".join(f"g,m{i % 3000},{';'.join(channels[i * 10 : i * 10 + 10])}\n" for i in range(4000))
    model = run("group,member,channels\n" + rows)["rules"]
    assert len(model["groups"][0]["members"]) == 3000 and len(model["groups"][0]["channels"]) == 40_000


def test_the_sites_channel_list_names_channels_in_messages():
    # settings.toml's own list (web, app, …), whatever overlay the test run has.
    site = tomllib.loads((Path(__file__).parents[2] / "settings.toml").read_text("utf-8"))["support"]["channels"]
    model = team(group("sales", ["wang", "li"], ["web", "webchat"]), members=[member("wang"), member("li")])
    found = by_id(run(model, channels=[*site, {"id": "web", "zh": "重复", "en": "again"}, {"id": "fax", "zh": 1}]))
    unrouted = found["rules-channel-unrouted"]
    ids = [c["id"] for c in site]  # the site's channels (an overlay may name others)
    assert unrouted["data"]["channels"] == [c for c in ids if c not in ("web", "webchat")] + ["fax"]
    first, second, *_ = (c for c in site if c["id"] not in ("web", "webchat"))  # by the site's names
    assert unrouted["message"]["zh"].startswith(
        f"这些渠道的新会话没有分给任何组：{first['zh']}（{first['id']}）、{second['zh']}（{second['id']}）"
    )
    assert "“fax”" in unrouted["message"]["zh"]
    assert f"{first['en']} ({first['id']}), {second['en']} ({second['id']})" in unrouted["message"]["en"]
    unknown = found["rules-channel-unknown"]
    assert unknown["data"]["channels"] == ["webchat"]
    assert (
        f"Known channels: {site[0]['en']} ({site[0]['id']}), {site[1]['en']} ({site[1]['id']})"
        in (unknown["message"]["en"])
    )
    assert "again" not in unknown["message"]["en"]
