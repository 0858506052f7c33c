"""Assignment rules: groups, members, channels and ordered routing rules, and their defects.

check(text, fmt=None, channels=None) -> {format, findings, rules, routing, errors}
    text: JSON, YAML or CSV text, or the page form's model as a dict (the same shape as the JSON);
    fmt: "json", "yaml" or "csv", or None to detect it; channels: the channels the site knows, as ids
    or as settings support.channels entries ({id, zh, en}: messages then name them), to spot routes
    to unknown channels and channels routed nowhere (without it: the channels the input names).
    With them, a channel may be written as the site names it (网页聊天插件, Web chat) or by a common
    name (网页, 公众号; COMMON_CHANNEL_NAMES) as well as by its id.
    findings: Finding.to_dict() list, scope "team"; rules: the normalised model; routing: for each
    channel, the group its chats go to (null: none); errors: [{line, column, field, message}], each
    naming where it is (line and column for JSON syntax, line for YAML, row and column name for CSV).

The one model every input maps into (JSON and YAML spell it the same way; Chinese keys work too):
    groups:  [{id, name, members: [member ids], channels: [channel ids]}]   (组、分组)
    members: [{id, name, status: online|away|busy|offline|null, limit: int|null}]   (成员、客服)
    rules:   [{channel ("*": every channel), condition (null: always), group}]   (规则)
A group's members may be written inline as member mappings. Routing is first match: the rules in
order, then each group's channels, in group order, as rules without a condition. Only groups that
receive chats are judged for members and who is online: a spare group that gets nothing is harmless.

CSV: one row per member, the header names the columns, in English or Chinese:
    group (组, 分组, 客服组, 技能组), member (成员, 客服, 坐席), channels (渠道; several split by
    ; 、 or spaces), limit (接待上限, 上限), status (状态), name (姓名, 名称). group and member are
    required; a row with a group and no member makes a group with no members.

YAML: a strict subset, parsed here because checks/ is standard-library only and must run the
same in the browser (a lazy optional import would make YAML work in one place and not the other):
block mappings and block lists (a list item may start a mapping: "- id: a"), plain, 'single'
and "double" quoted scalars, one-line [a, b] lists, # comments, an optional leading ---.
Anchors, aliases, tags, {flow mappings}, block scalars (| >) and several documents are refused
with the line number. Numbers are integers only; true, false, null and ~ are the only keywords
(yes, no, on and off stay text).

Limits: 1,000,000 characters, 5,000 members, 1,000 groups, 1,000 rules; more is refused whole.
Names stay as typed in the model (the page escapes them); messages show them with control
characters replaced and long ones cut.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..findings import finding_maker, text
from ..wording import join

MAX_CHARS = 1_000_000
MAX_MEMBERS = 5000
MAX_GROUPS = 1000
MAX_RULES = 1000
MAX_DEPTH = 20
FORMATS = ("json", "yaml", "csv")

STATUS_WORDS = {
    "online": "online",
    "在线": "online",
    "away": "away",
    "离开": "away",
    "暂离": "away",
    "busy": "busy",
    "忙碌": "busy",
    "offline": "offline",
    "离线": "offline",
}
ANY_CHANNEL = {"*", "all", "any", "全部", "所有"}

TOP_KEYS = {
    **dict.fromkeys(("groups", "分组", "组", "客服组", "技能组"), "groups"),
    **dict.fromkeys(("members", "agents", "成员", "客服", "坐席"), "members"),
    **dict.fromkeys(("rules", "规则", "分配规则"), "rules"),
}
GROUP_KEYS = {
    **dict.fromkeys(("id", "编号"), "id"),
    **dict.fromkeys(("name", "名称", "组名"), "name"),
    **dict.fromkeys(("members", "agents", "成员", "客服", "坐席"), "members"),
    **dict.fromkeys(("channels", "channel", "渠道"), "channels"),
}
MEMBER_KEYS = {
    **dict.fromkeys(("id", "编号", "member", "agent"), "id"),
    **dict.fromkeys(("name", "名称", "姓名"), "name"),
    **dict.fromkeys(("status", "状态"), "status"),
    **dict.fromkeys(("limit", "接待上限", "上限", "max_chats", "concurrency"), "limit"),
}
RULE_KEYS = {
    **dict.fromkeys(("channel", "channels", "渠道"), "channel"),
    **dict.fromkeys(("condition", "when", "条件"), "condition"),
    **dict.fromkeys(("group", "to", "组", "分组", "客服组", "技能组"), "group"),
}
CSV_KEYS = {
    **dict.fromkeys(("group", "team", "组", "分组", "客服组", "技能组"), "group"),
    **dict.fromkeys(("member", "agent", "成员", "客服", "坐席"), "member"),
    **dict.fromkeys(("channels", "channel", "渠道"), "channels"),
    **dict.fromkeys(("limit", "接待上限", "上限", "max chats"), "limit"),
    **dict.fromkeys(("status", "状态"), "status"),
    **dict.fromkeys(("name", "姓名", "名称"), "name"),
}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Spaces split a list of channels too ("web app"), but only after a name a user sees was looked up
# whole ("Web chat"): see _resolve_channels.
CHANNEL_SPLIT = re.compile(r"\s*[,;，；、|]+\s*")
# Names users give channels besides the site's own labels, each with the ids it may mean: it stands
# for one when exactly one of them is a site channel ("微信", with both WeChat channels listed, is
# left as typed and reported as unknown, with the site's names).
COMMON_CHANNEL_NAMES = {
    **dict.fromkeys(("网页", "网站", "网页聊天", "网页咨询", "在线咨询", "web chat", "website"), ("web",)),
    **dict.fromkeys(("手机 app", "移动应用", "手机应用", "mobile app"), ("app",)),
    **dict.fromkeys(("公众号", "微信公众号", "official account"), ("wechat_oa",)),
    **dict.fromkeys(("小程序", "微信小程序", "mini program"), ("wechat_mp",)),
    **dict.fromkeys(("微信", "wechat"), ("wechat_oa", "wechat_mp")),
    **dict.fromkeys(("微博",), ("weibo",)),
    **dict.fromkeys(("接口", "开放接口"), ("api",)),
}

finding = finding_maker("rules", "team")


class _Refused(Exception):
    """The input is too big: refused whole."""


class _YamlError(Exception):
    def __init__(self, line: int, zh: str, en: str) -> None:
        super().__init__(en)
        self.line, self.zh, self.en = line, zh, en


def _shown(value) -> str:
    """A name as messages show it: no control characters, at most 40 characters."""
    s = CONTROL.sub("\ufffd", str(value))
    return s if len(s) <= 40 else s[:39] + "…"


MAX_LISTED = 10  # names a message lists; data holds them all


def _listed(zh: list[str], en: list[str]) -> dict:
    more = len(zh) - MAX_LISTED
    if more <= 0:
        return text(join(zh, "zh"), join(en, "en"))
    return text(f"{join(zh[:MAX_LISTED], 'zh')}等 {len(zh)} 个", f"{join(en[:MAX_LISTED], 'en')} and {more} more")


def _quoted(items) -> dict:
    shown = [f"“{_shown(i)}”" for i in items]
    return _listed(shown, shown)


def _channel_names(ids: list[str], labels: dict) -> dict:
    """Channels by the site's name for them when it has one: 网页聊天插件（web） / Web chat (web)."""
    zh = [f"{_shown(labels[c]['zh'])}（{_shown(c)}）" if c in labels else f"“{_shown(c)}”" for c in ids]
    en = [f"{_shown(labels[c]['en'])} ({_shown(c)})" if c in labels else f"“{_shown(c)}”" for c in ids]
    return _listed(zh, en)


def _error(
    zh: str, en: str, line: int | None = None, column: int | None = None, field: str | None = None, row: bool = False
) -> dict:
    """An input error: where it is (line and column, or a CSV row and its column's name), then what is wrong."""
    where_zh, where_en = [], []
    if line is not None:
        where_zh.append(f"第 {line} 行")
        where_en.append(f"{'row' if row else 'line'} {line}")
    if column is not None:
        where_zh.append(f"第 {column} 列")
        where_en.append(f"column {column}")
    if field:
        where_zh.append(f"“{_shown(field)}”{'列' if row else ''}")
        where_en.append(f"{'column ' if row else ''}“{_shown(field)}”")
    if where_en:
        zh = "，".join(where_zh) + "：" + zh
        en = ", ".join(where_en) + ": " + (en if en[1:2].isupper() else en[0].lower() + en[1:])
        en = en[0].upper() + en[1:]
    return {"line": line, "column": column, "field": field, "message": text(zh, en)}


# Values shared by every format ----------------------------------------------------------------


def _ident(value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _channel(value) -> str | None:
    name = _ident(value)
    if name is None:
        return None
    name = name.lower()
    return "*" if name in ANY_CHANNEL else name


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _resolve_channels(model: dict, aliases: dict) -> None:
    """Channels as the site's ids: a name the site shows or a common one (aliases) becomes its id; a
    group's entry with spaces that is no name is several channels ("web app"). A rule keeps one."""

    def one(name: str) -> str:
        return aliases.get(_name_key(name), name)

    for group in model["groups"]:
        out: dict[str, None] = {}
        for name in group["channels"]:
            key = _name_key(name)
            out.update(dict.fromkeys(_channel(one(part)) for part in ([key] if key in aliases else key.split())))
        group["channels"] = list(out)
    for rule in model["rules"]:
        rule["channel"] = one(rule["channel"])


def _channel_list(value) -> list[str] | None:
    items = CHANNEL_SPLIT.split(value) if isinstance(value, str) else value
    if not isinstance(items, list):
        return None
    out: dict[str, None] = {}  # ordered, without repeats
    for item in items:
        name = _channel(item)
        if name is None and item not in ("", None):
            return None
        if name:
            out[name] = None
    return list(out)


def _status(value) -> tuple[str | None, tuple[str, str] | None]:
    if value is None or value == "":
        return None, None
    word = STATUS_WORDS.get(str(value).strip().lower())
    if word:
        return word, None
    return None, (
        f"“{_shown(value)}”不是可用的状态，请填 online、away、busy 或 offline（在线、离开、忙碌、离线）。",
        f"“{_shown(value)}” is not a status: use online, away, busy or offline.",
    )


def _limit(value) -> tuple[int | None, tuple[str, str] | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}\s*", value):
        return int(value), None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6:
        return value, None
    return None, (
        f"接待上限“{_shown(value)}”应是 0 或更大的整数。",
        f"The chat limit “{_shown(value)}” should be a whole number, 0 or more.",
    )


def _count_check(kind: str, n: int) -> None:
    limits = {"members": MAX_MEMBERS, "groups": MAX_GROUPS, "rules": MAX_RULES}
    names = {"members": ("成员", "members"), "groups": ("组", "groups"), "rules": ("规则", "rules")}
    if n > limits[kind]:
        zh, en = names[kind]
        raise _Refused(
            _error(
                f"内容太多：超过 {limits[kind]:,} 个{zh}，没有检查。请分批检查。",
                f"Too much to check: more than {limits[kind]:,} {en}. Check it in parts.",
            )
        )


# JSON and YAML: a tree of mappings and lists, read into the model --------------------------------


class _Reader:
    def __init__(self, lines: dict, errors: list) -> None:
        self.lines = lines  # path -> line number (YAML only)
        self.errors = errors
        self.members: dict[str, dict] = {}

    def err(self, path: tuple, zh: str, en: str) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in self.lines), None)
        field = ".".join(f"#{p + 1}" if isinstance(p, int) else str(p) for p in path) or None
        self.errors.append(_error(zh, en, line=line, field=field))

    def fields(self, obj, aliases: dict, path: tuple) -> dict:
        out: dict = {}
        for key, value in obj.items():
            canon = aliases.get(str(key).strip().lower())
            if canon is None:
                self.err((*path, key), "不认识这一项，已跳过。", "Unknown field, skipped.")
            elif canon in out:
                self.err((*path, key), "和前面的一项重复，已跳过。", "Repeats an earlier field, skipped.")
            else:
                out[canon] = (key, value)
        return out

    def items(self, found: dict, name: str, path: tuple) -> list[tuple[tuple, object]]:
        if name not in found:
            return []
        key, value = found[name]
        if value is None:
            return []
        if not isinstance(value, list):
            self.err((*path, key), "这里应是一个列表。", "This should be a list.")
            return []
        return [((*path, key, i), item) for i, item in enumerate(value)]

    def member(self, item, path: tuple) -> dict | None:
        if isinstance(item, dict):
            found = self.fields(item, MEMBER_KEYS, path)
            ident = _ident(found.get("id", (0, None))[1]) or _ident(found.get("name", (0, None))[1])
            if ident is None:
                self.err(path, "成员缺少 id 或名称，已跳过。", "A member with no id or name, skipped.")
                return None
            name = _ident(found.get("name", (0, None))[1]) or ident
            member = {"id": ident, "name": name, "status": None, "limit": None}
            for key, reader in (("status", _status), ("limit", _limit)):
                if key in found:
                    member[key], problem = reader(found[key][1])
                    if problem:
                        self.err((*path, found[key][0]), *problem)
            return member
        ident = _ident(item)
        if ident is None:
            self.err(path, "这里应是成员的 id 或一组成员信息。", "This should be a member id or a member's details.")
            return None
        return {"id": ident, "name": ident, "status": None, "limit": None}

    def add_member(self, member: dict, path: tuple, inline: bool) -> None:
        known = self.members.get(member["id"])
        if known is None:
            self.members[member["id"]] = member
        elif not inline:
            self.err(path, "这个成员前面已经出现过，以前面的为准。", "This member appears earlier; the first is kept.")
        else:
            for key in ("status", "limit"):
                if known[key] is None:
                    known[key] = member[key]
                elif member[key] is not None and member[key] != known[key]:
                    self.err(
                        path,
                        "和这个成员前面写的不一样，以前面的为准。",
                        "Differs from this member's earlier entry; the first is kept.",
                    )

    def model(self, data) -> dict:
        if not isinstance(data, dict):
            self.err(
                (),
                "最外层应是一组键值，包含 groups、members 和 rules。",
                "The top level should be a mapping with groups, members and rules.",
            )
            return {"groups": [], "members": [], "rules": []}
        top = self.fields(data, TOP_KEYS, ())
        member_items = self.items(top, "members", ())
        group_items = self.items(top, "groups", ())
        rule_items = self.items(top, "rules", ())
        _count_check("members", len(member_items))
        _count_check("groups", len(group_items))
        _count_check("rules", len(rule_items))
        for path, item in member_items:
            member = self.member(item, path)
            if member:
                self.add_member(member, path, inline=False)
        groups: dict[str, dict] = {}
        for path, item in group_items:
            group = self.group(item, path)
            if group is None:
                continue
            if group["id"] in groups:
                self.err(path, "这个组前面已经出现过，已跳过。", "This group appears earlier, skipped.")
                continue
            groups[group["id"]] = group
        _count_check("members", len(self.members))
        rules = [rule for path, item in rule_items if (rule := self.rule(item, path))]
        return {"groups": list(groups.values()), "members": list(self.members.values()), "rules": rules}

    def group(self, item, path: tuple) -> dict | None:
        if not isinstance(item, dict):
            self.err(path, "这里应是一组键值，描述一个组。", "This should be a mapping that describes a group.")
            return None
        found = self.fields(item, GROUP_KEYS, path)
        ident = _ident(found.get("id", (0, None))[1]) or _ident(found.get("name", (0, None))[1])
        if ident is None:
            self.err(path, "组缺少 id 或名称，已跳过。", "A group with no id or name, skipped.")
            return None
        group = {
            "id": ident,
            "name": _ident(found.get("name", (0, None))[1]) or ident,
            "members": {},  # ordered, without repeats; a list once read
            "channels": [],
        }
        for member_path, member_item in self.items(found, "members", path):
            member = self.member(member_item, member_path)
            if member is None:
                continue
            if isinstance(member_item, dict):
                self.add_member(member, member_path, inline=True)
            else:
                self.members.setdefault(member["id"], member)
            group["members"][member["id"]] = None
        group["members"] = list(group["members"])
        if "channels" in found:
            channels = _channel_list(found["channels"][1])
            if channels is None:
                self.err(
                    (*path, found["channels"][0]),
                    "渠道应是渠道 id 的列表，例如 [web, app]。",
                    "Channels should be a list of channel ids, such as [web, app].",
                )
            else:
                group["channels"] = channels
        return group

    def rule(self, item, path: tuple) -> dict | None:
        if not isinstance(item, dict):
            self.err(path, "这里应是一组键值，描述一条规则。", "This should be a mapping that describes a rule.")
            return None
        found = self.fields(item, RULE_KEYS, path)
        group = _ident(found.get("group", (0, None))[1])
        if group is None:
            self.err(path, "规则没有写分给哪个组，已跳过。", "The rule names no group, skipped.")
            return None
        channel = "*"
        if "channel" in found and found["channel"][1] is not None:
            channel = _channel(found["channel"][1])
            if channel is None:
                self.err(
                    (*path, found["channel"][0]),
                    "一条规则只写一个渠道 id，已跳过。",
                    "A rule takes one channel id; skipped.",
                )
                return None
        condition = None
        if "condition" in found and found["condition"][1] not in (None, ""):
            condition = str(found["condition"][1]).strip()
        return {"channel": channel, "condition": condition, "group": group}


# JSON -------------------------------------------------------------------------------------------


def _read_json(source: str, errors: list):
    try:
        return json.loads(source, strict=False)
    except json.JSONDecodeError as e:
        keys = re.findall(r'"((?:[^"\\\n]|\\.){1,80})"\s*:', source[max(0, e.pos - 2000) : e.pos])
        errors.append(
            _error(
                "JSON 格式有误，请检查这里前后的逗号、引号和括号。",
                f"The JSON is not valid here ({e.msg}): check the commas, quotes and brackets around it.",
                line=e.lineno,
                column=e.colno,
                field=keys[-1] if keys else None,
            )
        )
    except RecursionError:
        errors.append(_error("内容嵌套太深，没有检查。", "Nested too deeply to check."))
    return None


# YAML (the strict subset the module docstring describes) --------------------------------------


def _strip_comment(raw: str) -> str:
    quote, i = None, 0
    while i < len(raw):
        ch = raw[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or raw[i - 1] in " \t[,"):
            quote = ch
        elif ch == "#" and (i == 0 or raw[i - 1] in " \t"):
            return raw[:i]
        i += 1
    return raw


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _key_split(content: str) -> tuple[str, str] | None:
    if content[:1] and content[0] in "'\"":
        end = content.find(content[0], 1)
        if end < 0 or not re.match(r":(\s|$)", content[end + 1 :]):
            return None
        return content[1:end], content[end + 2 :].strip()
    match = re.match(r"([^\[\]{}#]+?):(?:\s+(.*))?$", content)
    if not match:
        return None
    return match.group(1).strip(), (match.group(2) or "").strip()


def _flow_items(inner: str, line: int) -> list[str]:
    items, current, quote = [], "", None
    for ch in inner:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[]{}":
            raise _YamlError(line, "方括号里不能再套括号。", "Brackets inside [ ] are not supported.")
        elif ch == ",":
            items.append(current.strip())
            current = ""
            continue
        current += ch
    items.append(current.strip())
    return items


def _scalar(s: str, line: int):
    if s[:1] == '"':
        try:
            value = json.loads(s, strict=False)
        except ValueError:
            value = None
        if not isinstance(value, str):
            raise _YamlError(line, "双引号没有正确闭合。", "A double-quoted value is not closed properly.")
        return value
    if s[:1] == "'":
        inner = s[1:-1]
        if len(s) < 2 or s[-1] != "'" or "'" in inner.replace("''", ""):
            raise _YamlError(line, "单引号没有正确闭合。", "A single-quoted value is not closed properly.")
        return inner.replace("''", "'")
    if s[:1] == "[":
        if not s.endswith("]"):
            raise _YamlError(line, "方括号没有闭合。", "A [ list ] is not closed.")
        inner = s[1:-1].strip()
        return [_scalar(item, line) for item in _flow_items(inner, line)] if inner else []
    if s[:1] and s[0] in "{&*!|>%@`":
        raise _YamlError(
            line,
            f"不支持以“{s[0]}”开头的写法，请改用普通的键值和列表，或改用 JSON。",
            f"Values starting with “{s[0]}” are not supported: use plain keys and lists, or JSON.",
        )
    if s in ("null", "~", "Null", "NULL"):
        return None
    if s in ("true", "false"):
        return s == "true"
    if re.fullmatch(r"-?\d{1,15}", s):
        return int(s)
    return s


class _Yaml:
    def __init__(self, lines: list[list]) -> None:
        self.lines = lines  # [line number, indent, content]
        self.i = 0
        self.where: dict[tuple, int] = {}

    def peek(self) -> list | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def block(self, path: tuple, depth: int):
        number, indent, content = self.lines[self.i]
        if depth > MAX_DEPTH:
            raise _YamlError(number, "嵌套太深。", "Nested too deeply.")
        if _is_item(content):
            return self.sequence(indent, path, depth)
        return self.mapping(indent, path, depth)

    def nested(self, indent: int, path: tuple, depth: int, same_level_list: bool):
        following = self.peek()
        if following and following[1] > indent:
            return self.block(path, depth + 1)
        if following and same_level_list and following[1] == indent and _is_item(following[2]):
            return self.sequence(indent, path, depth + 1)
        return None

    def sequence(self, indent: int, path: tuple, depth: int) -> list:
        out: list = []
        while (line := self.peek()) and line[1] == indent and _is_item(line[2]):
            number, _, content = line
            rest = content[1:].lstrip(" ")
            item_path = (*path, len(out))
            self.where[item_path] = number
            if not rest:
                self.i += 1
                out.append(self.nested(indent, item_path, depth, same_level_list=False))
            elif _is_item(rest):
                raise _YamlError(
                    number, "不支持“- -”这种写法。", "“- -” (a list right inside a list item) is not supported."
                )
            elif _key_split(rest):
                self.lines[self.i] = [number, indent + len(content) - len(rest), rest]
                out.append(self.block(item_path, depth + 1))
            else:
                self.i += 1
                out.append(_scalar(rest, number))
        return out

    def mapping(self, indent: int, path: tuple, depth: int) -> dict:
        out: dict = {}
        while (line := self.peek()) and line[1] == indent and not _is_item(line[2]):
            number, _, content = line
            split = _key_split(content)
            if split is None:
                raise _YamlError(
                    number,
                    "这里应是“key: value”这样的一行（冒号用英文冒号，后面加空格）。",
                    "Expected “key: value” here (an ASCII colon, then a space).",
                )
            key, rest = split
            if key in out:
                raise _YamlError(number, f"“{_shown(key)}”重复了。", f"“{_shown(key)}” appears twice.")
            key_path = (*path, key)
            self.where[key_path] = number
            self.i += 1
            out[key] = _scalar(rest, number) if rest else self.nested(indent, key_path, depth, same_level_list=True)
        return out


def _read_yaml(source: str, errors: list, where: dict):
    lines: list[list] = []
    try:
        for number, raw in enumerate(source.splitlines(), 1):
            content = _strip_comment(raw).rstrip()
            stripped = content.lstrip(" ")
            if not stripped:
                continue
            if stripped[0] == "\t":
                raise _YamlError(number, "缩进请用空格，不要用 Tab。", "Indent with spaces, not tabs.")
            if stripped in ("---", "..."):
                if lines or stripped == "...":
                    raise _YamlError(number, "只支持一个文档。", "Only one document is supported.")
                continue
            if stripped.startswith("? "):
                raise _YamlError(number, "不支持“?”开头的键。", "Keys starting with “?” are not supported.")
            lines.append([number, len(content) - len(stripped), stripped])
        if not lines:
            raise _YamlError(1, "只有注释，没有内容。", "Only comments, nothing to check.")
        parser = _Yaml(lines)
        value = parser.block((), 0)
        where.update(parser.where)
        if parser.i < len(lines):
            raise _YamlError(
                lines[parser.i][0], "缩进和上面对不齐。", "The indentation does not line up with the lines above."
            )
        return value
    except _YamlError as e:
        content = _strip_comment(source.splitlines()[e.line - 1]).strip()
        split = _key_split(content[2:] if _is_item(content) else content) if content else None
        errors.append(_error(e.zh, e.en, line=e.line, field=split[0] if split else None))
        return None


# CSV --------------------------------------------------------------------------------------------


def _read_csv(source: str, errors: list) -> dict | None:
    first = source.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    rows = csv.reader(io.StringIO(source, newline=""), delimiter=delimiter)
    try:
        table = [(n, row) for n, row in enumerate(rows, 1) if any(cell.strip() for cell in row)]
    except csv.Error as e:
        errors.append(
            _error(
                "无法读取这一行：可能是引号没有成对，或者某一格太长。",
                f"This row cannot be read ({e}).",
                line=rows.line_num,
                row=True,
            )
        )
        return None
    if not table:
        errors.append(_error("表格是空的。", "The table is empty."))
        return None
    _count_check("members", len(table) - 1)
    header_number, header = table[0]
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        canon = CSV_KEYS.get(cell.strip().lstrip("\ufeff").lower())
        if canon is None or canon in columns:
            why = (
                ("不认识这一列，已跳过。", "Unknown column, skipped.")
                if canon is None
                else ("这一列重复了，已跳过。", "This column repeats, skipped.")
            )
            errors.append(_error(*why, line=header_number, field=cell, row=True))
        else:
            columns[canon] = i
    missing = [name for name in ("group", "member") if name not in columns]
    if missing:
        errors.append(
            _error(
                "表头缺少“组”或“成员”列。表头可以写：组、成员、渠道、接待上限、状态，用英文逗号分开。",
                "The header needs a “group” and a “member” column, for example: group,member,channels,limit,status.",
                line=header_number,
                row=True,
            )
        )
        return None
    groups: dict[str, dict] = {}
    members: dict[str, dict] = {}
    for row_number, row in table[1:]:

        def cell(name: str, row=row) -> str:
            i = columns.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        def problem(name: str, zh: str, en: str, row_number=row_number) -> None:
            errors.append(_error(zh, en, line=row_number, field=header[columns[name]], row=True))

        if len(row) > len(header):
            errors.append(
                _error(
                    "这一行的格子比表头多，多出的已跳过。",
                    "This row has more cells than the header; the extra ones are skipped.",
                    line=row_number,
                    row=True,
                )
            )
        group_id = cell("group")
        if not group_id:
            problem("group", "没有写组，这一行已跳过。", "No group: this row is skipped.")
            continue
        # members and channels: ordered, without repeats; lists once read
        group = groups.setdefault(group_id, {"id": group_id, "name": group_id, "members": {}, "channels": {}})
        channels = _channel_list(cell("channels"))
        group["channels"].update(dict.fromkeys(channels))
        member_id = cell("member")
        if not member_id:
            continue
        member = {"id": member_id, "name": cell("name") or member_id, "status": None, "limit": None}
        for key, reader in (("status", _status), ("limit", _limit)):
            member[key], trouble = reader(cell(key))
            if trouble:
                problem(key, *trouble)
        known = members.setdefault(member_id, member)
        for key in ("status", "limit"):
            if known[key] is None:
                known[key] = member[key]
            elif member[key] is not None and member[key] != known[key]:
                problem(
                    key,
                    "和这个成员前面写的不一样，以前面的为准。",
                    "Differs from this member's earlier row; the first is kept.",
                )
        group["members"][member_id] = None
    _count_check("groups", len(groups))
    for group in groups.values():
        group["members"], group["channels"] = list(group["members"]), list(group["channels"])
    return {"groups": list(groups.values()), "members": list(members.values()), "rules": []}


# Reading any input ------------------------------------------------------------------------------


def _detect(source: str) -> str:
    if source.lstrip()[:1] in "{[":
        return "json"
    for raw in source.splitlines():
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if line == "---" or _is_item(line) or (_key_split(line) and "," not in line.split(":", 1)[0]):
            return "yaml"
        return "csv"
    return "yaml"  # only comments


def _read(source, fmt, errors: list) -> tuple[str, dict | None]:
    if isinstance(source, dict):
        return "form", _Reader({}, errors).model(source)
    if not isinstance(source, str):
        errors.append(_error("没有收到规则内容。", "No rules were given."))
        return "none", None
    if len(source) > MAX_CHARS:
        raise _Refused(
            _error(
                f"内容太长：超过 {MAX_CHARS:,} 个字符（约 1 MB），没有检查。请分批检查。",
                f"Too long to check: more than {MAX_CHARS:,} characters (about 1 MB). Check it in parts.",
            )
        )
    if not source.strip():
        errors.append(
            _error(
                "内容是空的。请粘贴 JSON、YAML 或 CSV 格式的规则。",
                "Nothing to check: paste the rules as JSON, YAML or CSV.",
            )
        )
        return "none", None
    fmt = {"yml": "yaml"}.get(str(fmt).lower(), str(fmt).lower()) if fmt else _detect(source)
    if fmt not in FORMATS:
        errors.append(_error("格式只能是 JSON、YAML 或 CSV。", "The format must be JSON, YAML or CSV."))
        return "none", None
    source = source.lstrip("\ufeff")
    if fmt == "csv":
        return fmt, _read_csv(source, errors)
    where: dict = {}
    data = _read_json(source, errors) if fmt == "json" else _read_yaml(source, errors, where)
    if data is None:
        return fmt, None
    return fmt, _Reader(where, errors).model(data)


# Findings ---------------------------------------------------------------------------------------


def _route_label(route: dict, groups: dict) -> dict:
    group = groups.get(route["group"], {"name": route["group"]})
    channel = route["channel"]
    channel_zh, channel_en = (
        ("所有渠道", "every channel") if channel == "*" else (f"“{_shown(channel)}”", f"“{_shown(channel)}”")
    )
    cond_zh, cond_en = (
        ("", "")
        if route["condition"] is None
        else (f"（条件“{_shown(route['condition'])}”）", f" (when “{_shown(route['condition'])}”)")
    )
    if route["source"] == "group":
        return text(
            f"“{_shown(group['name'])}”组的渠道{channel_zh}", f"channel {channel_en} of group “{_shown(group['name'])}”"
        )
    n = route["index"] + 1
    return text(
        f"第 {n} 条规则（{channel_zh}{cond_zh}→“{_shown(group['name'])}”）",
        f"rule {n} ({channel_en}{cond_en} → “{_shown(group['name'])}”)",
    )


def _analyse(model: dict, channels: list[str] | None, labels: dict, errors: list) -> tuple[list, list]:
    groups = {g["id"]: g for g in model["groups"]}
    members = {m["id"]: m for m in model["members"]}
    routes = [{**r, "source": "rule"} for r in model["rules"]]
    routes += [
        {"channel": c, "condition": None, "group": g["id"], "source": "group"}
        for g in model["groups"]
        for c in g["channels"]
    ]
    for i, route in enumerate(routes):
        route["index"] = i  # the order routes match in; for a rule, its place in the rules
    out = []

    # First match wins: a route is hidden by the first earlier one that matches all it matches.
    # Kept linear (the first route per channel and condition), as group channels can be many.
    first: dict[tuple, dict] = {}
    hidden, reachable = [], []
    for route in routes:
        channel, condition = route["channel"], route["condition"]
        keys = {(channel, condition), ("*", condition), (channel, None), ("*", None)}
        earlier = min((first[k] for k in keys if k in first), key=lambda r: r["index"], default=None)
        first.setdefault((channel, condition), route)
        if earlier is None:
            reachable.append(route)
        elif earlier["group"] != route["group"]:
            hidden.append((route, earlier))

    catch_all = first.get(("*", None))
    known = (
        channels if channels is not None else list(dict.fromkeys(r["channel"] for r in routes if r["channel"] != "*"))
    )
    routing = []
    for channel in known or ["*"]:
        candidates = [r for r in (first.get((channel, None)), catch_all) if r]
        target = min(candidates, key=lambda r: r["index"])["group"] if candidates else None
        routing.append({"channel": channel, "group": target if target in groups else None})
    unrouted = [r["channel"] for r in routing if r["group"] is None]
    if unrouted == ["*"]:
        out.append(
            finding(
                "rules-channel-unrouted",
                "fail",
                "rules-channels",
                text("没有渠道分给任何组", "No channel goes to any group"),
                text(
                    "没有规则，也没有组写明接收哪些渠道，新会话不会分给任何人。",
                    "There are no rules and no group lists the channels it receives, so new chats go to nobody.",
                ),
                text(
                    "给每个渠道加一条规则，分给有人在线的组。",
                    "Add a rule for each channel that sends it to a group with agents online.",
                ),
                {"channels": []},
            )
        )
    elif unrouted:
        names = _channel_names(unrouted, labels)
        out.append(
            finding(
                "rules-channel-unrouted",
                "fail",
                "rules-channels",
                text("有渠道没有分给任何组", "A channel goes to no group"),
                text(
                    f"这些渠道的新会话没有分给任何组：{names['zh']}。没有规则或组接收它们，或者只有带条件的规则，或者规则指向的组不存在。",
                    f"New chats from these channels go to no group: {names['en']}. No rule or group takes them, "
                    "only rules with a condition do, or the rule's group does not exist.",
                ),
                text(
                    "给每个这样的渠道加一条不带条件的规则，分给有人在线的组。",
                    "For each, add a rule without a condition that sends it to a group with agents online.",
                ),
                {"channels": unrouted},
            )
        )

    missing = list(dict.fromkeys(r["group"] for r in routes if r["group"] not in groups))
    if missing:
        names = _quoted(missing)
        out.append(
            finding(
                "rules-group-missing",
                "fail",
                "rules-channels",
                text("规则指向不存在的组", "A rule sends chats to a group that does not exist"),
                text(
                    f"这些组在规则里用到了，但组列表里没有：{names['zh']}。分到这里的会话没有人接。",
                    f"The rules use these groups, but the group list does not have them: {names['en']}. "
                    "Chats sent there reach nobody.",
                ),
                text("改正规则里的组名，或者把这个组加上。", "Correct the group in the rule, or add the group."),
                {"groups": missing},
            )
        )

    if channels is not None:
        unknown = list(
            dict.fromkeys(r["channel"] for r in routes if r["channel"] != "*" and r["channel"] not in channels)
        )
        if unknown:
            names = _quoted(unknown)
            site = _channel_names(channels, labels)
            out.append(
                finding(
                    "rules-channel-unknown",
                    "warn",
                    "rules-channels",
                    text("规则里有不认识的渠道", "The rules name an unknown channel"),
                    text(
                        f"这些渠道不在本站的渠道列表里：{names['zh']}。可能是拼写不对，这些规则不会生效。已知的渠道：{site['zh']}。",
                        f"These channels are not in this site's channel list: {names['en']}. They may be misspelt, "
                        f"so those rules never apply. Known channels: {site['en']}.",
                    ),
                    text(
                        "把渠道写成列表里的名称或括号里的代码。",
                        "Write the channel as a name in the list or the code in brackets.",
                    ),
                    {"channels": unknown},
                )
            )

    if hidden:
        lines_zh = [
            f"{_route_label(r, groups)['zh']}被前面的{_route_label(a, groups)['zh']}挡住了"
            for r, a in hidden[:MAX_LISTED]
        ]
        lines_en = [
            f"{_route_label(r, groups)['en']} is hidden by the earlier {_route_label(a, groups)['en']}"
            for r, a in hidden[:MAX_LISTED]
        ]
        more_zh, more_en = (
            ("", "") if len(hidden) <= MAX_LISTED else (f"；共 {len(hidden)} 条", f"; {len(hidden)} in all")
        )
        listed = text(
            "；".join(lines_zh) + more_zh,
            "; ".join(lines_en) + more_en,
        )
        out.append(
            finding(
                "rules-shadowed",
                "warn",
                "rules-review",
                text("有规则永远不会生效", "A rule never applies"),
                text(
                    f"规则从上到下匹配，先匹配的生效：{listed['zh']}。",
                    f"Rules match from the top and the first match wins: {listed['en']}.",
                ),
                text(
                    "把更具体的规则移到前面，或者删掉重复的规则。",
                    "Move the more specific rule above the general one, or remove the repeated rule.",
                ),
                {"hidden": [{"rule": _plain(r), "by": _plain(a)} for r, a in hidden]},
            )
        )

    receiving = [groups[g] for g in dict.fromkeys(r["group"] for r in reachable) if g in groups]
    empty = [g for g in receiving if not g["members"]]
    if empty:
        names = _quoted([g["name"] for g in empty])
        out.append(
            finding(
                "rules-group-empty",
                "fail",
                "rules-empty-group",
                text("有组没有成员", "A group has no members"),
                text(
                    f"这些组会收到新会话，但组里没有成员：{names['zh']}。分到这里的会话没有人接。",
                    f"These groups receive new chats but have no members: {names['en']}. Chats sent there reach nobody.",
                ),
                text(
                    "给组加上成员，或者把规则改到有人的组。",
                    "Add members to the group, or send the rule to a group that has them.",
                ),
                {"groups": [g["id"] for g in empty]},
            )
        )

    def available(member_id: str) -> bool:
        member = members.get(member_id, {})
        return member.get("status") == "online" and member.get("limit") != 0

    offline = [
        g
        for g in receiving
        if g["members"]
        and not any(available(m) for m in g["members"])
        and all(members.get(m, {}).get("status") for m in g["members"])
    ]
    if offline:
        names = _quoted([g["name"] for g in offline])
        statuses = {members[m]["status"] for g in offline for m in g["members"]}
        auto = statuses == {"offline"}
        out.append(
            finding(
                "rules-group-offline",
                "warn",
                "rules-auto-status" if auto else "rules-empty-group",
                text("有组没有人在线", "Nobody is online in a group"),
                text(
                    f"这些组会收到新会话，但没有成员在线（或在线的人接待上限是 0）：{names['zh']}。",
                    f"These groups receive new chats, but no member is online (or those online have a chat limit of 0): {names['en']}.",
                ),
                text(
                    "上班时间确认组里至少有一个人在线。如果成员是按工作时间被自动设为离线的，检查自动切换状态的设置。"
                    if auto
                    else "上班时间确认组里至少有一个人在线，或者把规则改到有人在线的组。",
                    "During working hours, make sure at least one member is online. If members are set offline "
                    "automatically by working hours, check that setting."
                    if auto
                    else "During working hours, make sure at least one member is online, or send the rule to a group with agents online.",
                ),
                {"groups": [g["id"] for g in offline]},
            )
        )

    agents = list(dict.fromkeys(m for g in receiving for m in g["members"]))
    if len(agents) == 1:
        name = _shown(members.get(agents[0], {}).get("name", agents[0]))
        out.append(
            finding(
                "rules-one-agent",
                "warn",
                "rules-one-agent",
                text("所有会话都分给同一个人", "Every chat goes to one agent"),
                text(
                    f"按这些规则，所有新会话都分给“{name}”。这个人离开或忙碌时，没有人接。",
                    f"With these rules, every new chat goes to “{name}”. When this agent is away or busy, nobody answers.",
                ),
                text(
                    "给接收会话的组再加至少一个成员。", "Add at least one more member to the groups that receive chats."
                ),
                {"member": agents[0]},
            )
        )

    zero = [m for m in model["members"] if m["limit"] == 0]
    if zero:
        names = _quoted([m["name"] for m in zero])
        out.append(
            finding(
                "rules-limit-zero",
                "fail",
                "rules-busy",
                text("有成员的接待上限是 0", "A member's chat limit is 0"),
                text(
                    f"这些成员的接待上限是 0，不会分到任何新会话：{names['zh']}。",
                    f"These members have a chat limit of 0, so they get no new chats: {names['en']}.",
                ),
                text("把接待上限改成 1 或更大。", "Set the chat limit to 1 or more."),
                {"members": [m["id"] for m in zero]},
            )
        )

    if not out:
        partly_zh, partly_en = (
            ("（只检查了能读取的部分）", " (in the parts that could be read)") if errors else ("", "")
        )
        out.append(
            finding(
                "rules-ok",
                "ok",
                "rules-review",
                text("分配规则没有发现问题", "No problem found in the assignment rules"),
                text(
                    f"每个渠道都分给了有人在线的组，没有被挡住的规则{partly_zh}。",
                    f"Every channel goes to a group with someone online, and no rule is hidden{partly_en}.",
                )
                if all(any(available(m) for m in g["members"]) for g in receiving)
                else text(
                    f"每个渠道都分给了有成员的组，没有被挡住的规则{partly_zh}。有的成员没有写状态，无法判断是否有人在线。",
                    f"Every channel goes to a group with members, and no rule is hidden{partly_en}. Some members "
                    "have no status, so whether someone is online was not checked.",
                ),
                None,
                {"groups": len(groups), "members": len(members), "rules": len(model["rules"])},
            )
        )
    return out, routing


def _plain(route: dict) -> dict:
    return {k: route[k] for k in ("channel", "condition", "group", "source", "index")}


def check(text, fmt=None, channels=None) -> dict:
    """JSON-friendly entry point; never raises on bad input (see the module docstring)."""
    errors: list = []
    empty = {"groups": [], "members": [], "rules": []}
    known, labels, aliases = None, {}, {}
    if isinstance(channels, list):
        known = []
        for item in channels:
            site = item if isinstance(item, dict) else {"id": item}
            channel = _channel(site.get("id"))
            if channel and channel != "*" and channel not in labels:
                known.append(channel)
                labels[channel] = {lang: site.get(lang) for lang in ("zh", "en")}
                # The site's own names for it, as its pages and the request form show them.
                aliases.update(
                    {_name_key(v): channel for v in labels[channel].values() if isinstance(v, str) and v.strip()}
                )
        for name, ids in COMMON_CHANNEL_NAMES.items():
            meant = [i for i in ids if i in known]
            if len(meant) == 1:
                aliases.setdefault(name, meant[0])
        aliases.update({c: c for c in known})
        labels = {
            c: label for c, label in labels.items() if all(isinstance(v, str) and v.strip() for v in label.values())
        }
    try:
        used, model = _read(text, fmt, errors)
    except _Refused as refused:
        return {"format": None, "findings": [], "rules": empty, "routing": [], "errors": [refused.args[0]]}
    if model is None:
        return {"format": used, "findings": [], "rules": empty, "routing": [], "errors": errors}
    if not (model["groups"] or model["members"] or model["rules"]):
        errors.append(_error("没有找到组、成员或规则。", "No groups, members or rules were found."))
        return {"format": used, "findings": [], "rules": model, "routing": [], "errors": errors}
    _resolve_channels(model, aliases)
    findings, routing = _analyse(model, known, labels, errors)
    return {
        "format": used,
        "findings": [f.to_dict() for f in findings],
        "rules": model,
        "routing": routing,
        "errors": errors,
    }
