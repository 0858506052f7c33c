"""Which column holds what: headers in Chinese or English, with the common synonyms."""

from __future__ import annotations

import re

from ...findings import text

FIELDS = {
    "session_id": (
        text("会话 ID", "Session ID"),
        ("会话id", "会话编号", "会话标识", "对话id", "sessionid", "session", "conversationid", "chatid", "id"),
    ),
    "start": (
        text("开始时间", "Start time"),
        (
            "开始时间",
            "会话开始时间",
            "接入时间",
            "创建时间",
            "发起时间",
            "进入时间",
            "starttime",
            "start",
            "startedat",
            "createdat",
            "created",
            "createtime",
            "begintime",
        ),
    ),
    "end": (
        text("结束时间", "End time"),
        ("结束时间", "会话结束时间", "关闭时间", "endtime", "end", "endedat", "closedat", "closetime"),
    ),
    "duration": (
        text("会话时长", "Duration"),
        ("会话时长", "时长", "持续时间", "会话持续时间", "duration", "sessionduration", "length"),
    ),
    "agent": (
        text("客服", "Agent"),
        (
            "客服",
            "客服名称",
            "客服昵称",
            "客服姓名",
            "接待客服",
            "负责客服",
            "坐席",
            "坐席名称",
            "agent",
            "agentname",
            "assignee",
            "operator",
        ),
    ),
    "status": (text("状态", "Status"), ("状态", "会话状态", "status", "state", "sessionstatus")),
    "channel": (
        text("渠道", "Channel"),
        ("渠道", "渠道名称", "来源", "来源渠道", "接入渠道", "channel", "source", "origin"),
    ),
    "first_response": (
        text("首次响应时间", "First response"),
        (
            "首次响应时间",
            "首次响应",
            "首响时间",
            "首次回复时间",
            "firstresponse",
            "firstresponsetime",
            "firstreply",
            "firstreplytime",
        ),
    ),
    "messages": (
        text("消息数", "Messages"),
        ("消息数", "消息总数", "消息条数", "messages", "messagecount", "totalmessages"),
    ),
    "agent_messages": (
        text("客服消息数", "Agent messages"),
        ("客服消息数", "坐席消息数", "客服回复数", "agentmessages", "agentmessagecount", "agentreplies"),
    ),
}
_BRACKETS = re.compile(r"[（(\[【].*?[）)\]】]")
_SEPARATORS = re.compile(r"[\s_\-./:：]+")


def normalise(header: str) -> str:
    """ "Start Time (UTC+8)" -> "starttime"; "开始时间（北京时间）" -> "开始时间"."""
    return _SEPARATORS.sub("", _BRACKETS.sub("", header.strip().lstrip("\ufeff"))).lower()


def guess(headers: list[str]) -> dict[str, int]:
    """{field: column index} for each field one header names (the first one that does)."""
    names = [normalise(h) for h in headers]
    found: dict[str, int] = {}
    for field, (_label, synonyms) in FIELDS.items():
        # The first synonym wins: 开始时间 over 接入时间 when a file has both. (No synonym
        # belongs to two fields, so no column is taken twice.)
        index = next((i for synonym in synonyms for i, name in enumerate(names) if name == synonym), None)
        if index is not None:
            found[field] = index
    return found


def apply_override(mapping: dict[str, int], headers: list[str], override) -> tuple[dict[str, int], dict | None]:
    """The guessed mapping changed by {field: header text | column index (0-based) | None}.
    Returns (mapping, error) where error is a bilingual message naming the field."""
    if override is None:
        return mapping, None
    if not isinstance(override, dict):
        return mapping, text("列的对应关系格式不对。", "The column mapping is not in the right form.")
    result = dict(mapping)
    names = [normalise(h) for h in headers]
    for field, value in override.items():
        if field not in FIELDS:
            known = "、".join(FIELDS)
            return mapping, text(
                f"没有叫“{field}”的字段。可用的字段：{known}。",
                f"There is no field called “{field}”. The fields are: {', '.join(FIELDS)}.",
            )
        label = FIELDS[field][0]
        if value is None or value == "":
            result.pop(field, None)
            continue
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            index = None
        elif isinstance(value, int):
            index = value if 0 <= value < len(headers) else None
        else:
            wanted = normalise(value)
            index = names.index(wanted) if wanted in names else None
        if index is None:
            return mapping, text(
                f"“{label['zh']}”对应的列“{value}”在表头里找不到。",
                f"The column “{value}” chosen for “{label['en']}” is not in the header row.",
            )
        result[field] = index
    return result, None


def describe(mapping: dict[str, int], headers: list[str]) -> dict:
    """What the page shows: each field with its label, and the column it was read from (or null)."""
    return {
        field: {
            "label": dict(label),
            "index": mapping.get(field),
            "header": headers[mapping[field]] if field in mapping else None,
        }
        for field, (label, _synonyms) in FIELDS.items()
    }
