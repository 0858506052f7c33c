"""Findings from the totals: gaps, instant closes, stuck, missed and queued sessions, the spread.

where: "page" (the checks page, with its column mapping) or "terminal" (python -m checks, with
--columns): the only thing that differs is how a missing column is chosen."""

from __future__ import annotations

from ...findings import Finding, finding_maker, text
from ...wording import cjk_gap, plural
from .columns import FIELDS
from .totals import Totals

CHECK = "session_log"
finding = finding_maker(CHECK, "team")
INSTANT_WARN = 3  # a visitor may leave at once; a few such closes in a row are worth a look
ONE_AGENT_MIN = 10  # sessions with an agent before the spread is judged
SHOWN = 3  # gaps and examples named in a message
WHERE = ("page", "terminal")


def choose_columns(fields: list[str], where: str) -> dict:
    """The fix for missing columns: tick them in the export, or say which column holds them, the way
    the page (its column mapping) or the terminal (--columns field=header) does it."""
    names = [FIELDS[f][0] for f in fields]
    zh_names = "和".join(f"“{n['zh']}”" for n in names) + "列"
    en_names = " and ".join(n["en"] for n in names) + (" column" if len(names) == 1 else " columns")
    it_zh, it_en = ("它", "it") if len(names) == 1 else ("它们", "them")
    if where == "terminal":
        example = " ".join(f"{f}={n['zh']}" for f, n in zip(fields, names, strict=True))
        example_en = " ".join(
            f'{f}="{n["en"]}"' if " " in n["en"] else f"{f}={n['en']}" for f, n in zip(fields, names, strict=True)
        )
        return text(
            f"导出时勾选{zh_names}，或用 --columns 指定{it_zh}在哪一列，例如 --columns {example}（等号后面写文件里的表头）。",
            f"Include the {en_names} in the export, or name the header that holds {it_en} with --columns, e.g. "
            f"--columns {example_en} (after the = goes the header as written in the file).",
        )
    return text(
        f"导出时勾选{zh_names}，或在“列对应”里指定{it_zh}，再点“按这些列重新分析”。",
        f"Include the {en_names} in the export, or choose {it_en} in the column mapping, then choose “Analyse "
        "again with these columns”.",
    )


def _lines(examples: list[dict]) -> str:
    return "、".join(str(e["line"]) for e in examples), ", ".join(str(e["line"]) for e in examples)


def malformed(totals: Totals) -> Finding | None:
    if not totals.malformed:
        return None
    zh_lines, en_lines = _lines(totals.malformed_examples)
    first = totals.malformed_examples[0]
    return finding(
        "session-log-malformed",
        "warn",
        "persist-session-logs",
        text(f"有 {totals.malformed} 行读不懂", f"{plural(totals.malformed, 'row', 'rows')} could not be read"),
        text(
            f"这些行被跳过或只用了一部分，其他行照常分析。前几行的行号：{zh_lines}。"
            f"第 {first['line']} 行：{first['reason']['zh']}",
            f"These rows were skipped or only partly used; the rest were analysed. The first ones are on "
            f"lines {en_lines}. Line {first['line']}: {first['reason']['en']}",
        ),
        text(
            "在表格软件里打开导出文件，看看这些行是否缺了字段或时间写法不同。",
            "Open the export in a spreadsheet and check whether these rows miss a field or write the time differently.",
        ),
        {"count": totals.malformed, "examples": totals.malformed_examples},
    )


def _short(moment: str, day: str) -> str:
    """ "2026-11-18 13:00" as "13:00" on the day already named."""
    return moment[11:] if moment[:10] == day[:10] else moment


def _gap_text(gap: dict, lang: str) -> str:
    """One gap, its end shortened to the time on the same day, then when the sessions just before and
    after it started (the quiet time to look into), in brackets: the message says once what they are."""
    start = gap["start"]
    span = f"{start} 至 {_short(gap['end'], start)}" if lang == "zh" else f"{start} to {_short(gap['end'], start)}"
    if not (gap.get("last_before") and gap.get("first_after")):
        return span
    before, after = _short(gap["last_before"], start), _short(gap["first_after"], start)
    return f"{span}（{before}、{after}）" if lang == "zh" else f"{span} ({before}, {after})"


def gap_finding(found: list[dict], span: dict, min_expected: float) -> Finding:
    data = {"gaps": found[:20], "count": len(found), "span": span, "min_expected": min_expected}
    if span["hours"] < 24:
        return finding(
            "session-log-gaps",
            "unknown",
            "persist-session-logs",
            text("记录太短，无法判断空档", "Too short a log to find gaps"),
            text(
                f"导出的会话只覆盖 {span['hours']} 小时，不够和平时的同一时段比较。",
                f"The exported sessions cover only {span['hours']} hours, too few to compare with the usual "
                "rate at the same time.",
            ),
            text(
                "导出至少一天（最好两周以上）的会话记录后再试。",
                "Export at least a day of sessions (two weeks or more is better) and try again.",
            ),
            data,
        )
    if not found:
        return finding(
            "session-log-gaps",
            "ok",
            "persist-session-logs",
            text("没有发现新会话的空档", "No gaps in new sessions"),
            text(
                f"从 {span['from']} 到 {span['to']}，平时有新会话的时段都有新会话。",
                f"From {span['from']} to {span['to']}, every hour that usually has new sessions had some.",
            ),
            data=data,
        )
    zh = "；".join(_gap_text(g, "zh") for g in found[:SHOWN])
    en = "; ".join(_gap_text(g, "en") for g in found[:SHOWN])
    around = any(g.get("last_before") and g.get("first_after") for g in found[:SHOWN])
    note = (
        text(
            "括号里是空档前最后一个、空档后第一个新会话的时间。",
            " In brackets: the last new session before the gap and the first after it.",
        )
        if around
        else text("", "")
    )
    more = len(found) - SHOWN
    return finding(
        "session-log-gaps",
        "warn",
        "persist-session-logs",
        text(f"有 {len(found)} 段时间没有新会话", f"{plural(len(found), 'gap', 'gaps')} with no new sessions"),
        text(
            f"这些时段平时每小时至少有 {min_expected:g} 个新会话，这次一个也没有：{zh}"
            + (f"；另有 {more} 段。" if more > 0 else "。")
            + note["zh"],
            f"These hours usually have at least {min_expected:g} new sessions each, but had none: {en}"
            + (f"; and {more} more." if more > 0 else ".")
            + note["en"],
        ),
        text(
            "对照这些时段：客服是否在线、工作台是否开着、分配规则或工作时间是否改过。"
            "如果访客在那时找过你们，可能是消息没有进来，请联系服务商。",
            "For these hours, check whether agents were online, the workstation was open, and whether the "
            "assignment rules or working hours changed. If visitors tried to reach you then, messages may not "
            "have come in: contact the vendor.",
        ),
        data,
    )


def instant(totals: Totals, mapping: dict, seconds: float, where: str = "page") -> Finding:
    data = {"count": totals.instant, "seconds": seconds, "examples": totals.instant_examples}
    missing = [] if "end" in mapping or "duration" in mapping else ["end"]
    if not any(k in mapping for k in ("first_response", "agent_messages", "messages")):
        missing.append("first_response")
    if missing:
        return finding(
            "session-log-instant-closes",
            "unknown",
            "persist-session-state",
            text(
                "无法判断是否有几秒内就结束、客服没回复的会话",
                "Cannot tell whether sessions closed within seconds with no reply",
            ),
            text(
                "需要“结束时间”或“会话时长”列，以及“首次响应时间”或“消息数”列，文件里缺少其中一项。",
                "This needs an End time or Duration column, and a First response or Messages column; the file "
                "lacks one of them.",
            ),
            choose_columns(missing, where),
            data,
        )
    if totals.instant < INSTANT_WARN:
        return finding(
            "session-log-instant-closes",
            "ok",
            "persist-session-state",
            text("没有成批几秒内就结束、客服没回复的会话", "No run of sessions closed within seconds with no reply"),
            text(
                f"{seconds:g} 秒内结束且客服没有回复的会话有 {totals.instant} 个。",
                f"{plural(totals.instant, 'session', 'sessions')} ended within {seconds:g} seconds with no agent reply.",
            ),
            data=data,
        )
    zh_lines, en_lines = _lines(totals.instant_examples)
    return finding(
        "session-log-instant-closes",
        "warn",
        "persist-session-state",
        text(
            f"有 {totals.instant} 个会话几秒内就结束，客服没有回复",
            f"{totals.instant} sessions closed within seconds with no agent reply",
        ),
        text(
            f"这些会话在 {seconds:g} 秒内结束，客服一条也没有回。例如第 {zh_lines} 行。",
            f"These sessions ended within {seconds:g} seconds without a single agent reply. For example, "
            f"lines {en_lines}.",
        ),
        text(
            "查看是否有自动关闭、超时结束或机器人规则把会话提前关掉，以及客服是否真的收到了这些会话。",
            "Check for auto-close, timeout or bot rules that end sessions early, and whether agents actually "
            "received these sessions.",
        ),
        data,
    )


def _no_status(finding_id: str, step: str, where: str) -> Finding:
    return finding(
        finding_id,
        "unknown",
        step,
        text("文件里没有“状态”列", "No Status column in the file"),
        text("没有会话状态，无法判断是否有会话卡住。", "Without session states, stuck sessions cannot be found."),
        choose_columns(["status"], where),
    )


def stuck(totals: Totals, mapping: dict, where: str = "page") -> list[Finding]:
    """Sessions left in transfer or still queued when exported, and (with an end time or duration
    column) pending sessions that ended all the same: chats no agent ever took."""
    if "status" not in mapping:
        return [
            _no_status("session-log-stuck", "persist-session-state", where),
            _no_status("session-log-queued", "persist-monitor", where),
        ]
    examples = [e for e in totals.stuck_examples]
    data = {"transferring": totals.transferring, "queued": totals.queued, "examples": examples}
    ends = "end" in mapping or "duration" in mapping
    out = []
    if totals.transferring:
        out.append(
            finding(
                "session-log-stuck",
                "warn",
                "persist-session-state",
                text(
                    f"有 {totals.transferring} 个会话停在转接中",
                    f"{plural(totals.transferring, 'session', 'sessions')} left in transfer",
                ),
                text(
                    "导出时这些会话还在转接，没有客服接下。转接的目标组可能没人在线，或转接规则有误。",
                    "When exported, these sessions were still being transferred and no agent had taken them. The "
                    "target group may have no one online, or the transfer rules may be wrong.",
                ),
                text(
                    "在会话列表里找到这些会话，手动接入或重新分配，再检查转接的目标组。",
                    "Find these sessions in the session list, take or reassign them, then check the transfer "
                    "target group.",
                ),
                data,
            )
        )
    else:
        out.append(
            finding(
                "session-log-stuck",
                "ok",
                "persist-session-state",
                text("没有停在转接中的会话", "No sessions left in transfer"),
                text("导出时没有会话处于转接中。", "No session was in transfer when exported."),
                data=data,
            )
        )
    if totals.queued:
        out.append(
            finding(
                "session-log-queued",
                "warn",
                "persist-monitor",
                text(
                    f"有 {totals.queued} 个会话在排队或待接入",
                    f"{plural(totals.queued, 'session', 'sessions')} queued or pending",
                ),
                text(
                    "这些会话没有结束时间，导出时还在排队，没有分给客服。可能没有客服在线，或客服的接待上限已满。",
                    "These sessions have no end time: when exported, they were still queued, not given to any agent. "
                    "No agent may be online, or the agents may be at their chat limit.",
                )
                if ends
                else text(
                    "这些会话的状态是排队或待接入。文件里没有结束时间，所以分不清它们导出时还在排队，还是没等到客服就结束了；"
                    "两种情况都说明会话没有分给客服。可能没有客服在线，或客服的接待上限已满。",
                    "Their status is queued or pending. The file has no end time, so it cannot tell whether they were "
                    "still waiting when exported or ended before an agent took them; either way no agent got them. "
                    "No agent may be online, or the agents may be at their chat limit.",
                ),
                text(
                    "在实时监控里看排队数是否还在增加，再检查客服的在线状态和接待上限。",
                    "In the real-time monitor, see whether the queue is still growing, then check the agents' "
                    "online status and chat limits.",
                ),
                data,
            )
        )
    else:
        out.append(
            finding(
                "session-log-queued",
                "ok",
                "persist-monitor",
                text("没有排队中的会话", "No queued sessions"),
                text("导出时没有会话在排队或待接入。", "No session was queued or pending when exported."),
                data=data,
            )
        )
    if ends:
        out.append(missed(totals))
    return out


def missed(totals: Totals) -> Finding:
    """Pending ("未接入", "排队中") yet with an end: the visitor's chat ended and no agent ever had it."""
    data = {"missed": totals.missed, "examples": totals.missed_examples}
    if not totals.missed:
        return finding(
            "session-log-missed",
            "ok",
            "rules-busy",
            text("没有未接入就结束的会话", "No chat ended without an agent"),
            text(
                "有结束时间的会话都不是“排队”“未接入”之类的状态。",
                "No session with an end time has a status such as queued or not taken.",
            ),
            data=data,
        )
    zh_lines, en_lines = _lines(totals.missed_examples)
    first = totals.missed_examples[0]
    return finding(
        "session-log-missed",
        "warn",
        "rules-busy",
        text(
            f"有 {totals.missed} 个会话没有客服接入就结束了",
            f"{plural(totals.missed, 'chat', 'chats')} ended without reaching an agent",
        ),
        text(
            f"这些会话已经结束，状态却还是排队或未接入（例如“{first['status']}”）：访客发起了会话，"
            f"直到会话结束也没有客服接入，这些访客的消息客服没有看到。例如第 {zh_lines} 行。",
            f"These sessions ended, yet their status is still queued or not taken (such as “{first['status']}”): "
            f"the visitor started a chat and no agent took it before it ended, so no agent saw these messages. "
            f"For example, lines {en_lines}.",
        ),
        text(
            "对照这些会话的时间：当时是否有客服在线、是否在工作时间内、客服是否已达接待上限或设成了忙碌，"
            "以及分配规则能否把这个渠道的会话分给在线的客服。如果当时有客服在线却没有收到，请联系服务商。",
            "For these sessions' times, check whether any agent was online, whether it was within working hours, "
            "whether the agents were at their chat limit or set to Busy, and whether the assignment rules can give "
            "this channel's chats to an online agent. If agents were online and got nothing, contact the vendor.",
        ),
        data,
    )


def _top(counter, n: int = 20) -> list[list]:
    return [[name, count] for name, count in counter.most_common(n)]


def spread(totals: Totals, mapping: dict, share: float, where: str = "page") -> Finding:
    assigned = sum(totals.agents.values())
    data = {
        "agents": _top(totals.agents),
        "agent_count": len(totals.agents),
        "unassigned": totals.unassigned,
        "channels": _top(totals.channels),
        "share": share,
    }
    if "agent" not in mapping:
        return finding(
            "session-log-spread",
            "unknown",
            "rules-one-agent",
            text("文件里没有“客服”列", "No Agent column in the file"),
            text(
                "不知道会话分给了谁，无法判断分配是否均匀。", "Without agents, the spread of sessions cannot be judged."
            ),
            choose_columns(["agent"], where),
            data,
        )
    if assigned < ONE_AGENT_MIN:
        return finding(
            "session-log-spread",
            "unknown",
            "rules-one-agent",
            text("分给客服的会话太少，无法判断", "Too few assigned sessions to judge the spread"),
            text(
                f"只有 {assigned} 个会话有客服，至少需要 {ONE_AGENT_MIN} 个。",
                f"Only {plural(assigned, 'session has', 'sessions have')} an agent; at least {ONE_AGENT_MIN} are needed.",
            ),
            data=data,
        )
    ((top, count),) = totals.agents.most_common(1)
    percent = round(100 * count / assigned)
    data["top"] = {"agent": top, "sessions": count, "percent": percent}
    if len(totals.agents) == 1 or count / assigned >= share:
        return finding(
            "session-log-spread",
            "warn",
            "rules-one-agent",
            text(f"大部分会话都分给了{cjk_gap(top)}", f"Most sessions went to {top}"),
            text(
                f"{assigned} 个有客服的会话里，{count} 个（{percent}%）分给了{cjk_gap(top)}，"
                f"共 {len(totals.agents)} 位客服。其他客服可能收不到新会话。",
                f"Of {assigned} sessions with an agent, {count} ({percent}%) went to {top}, out of "
                f"{len(totals.agents)} agents. The others may not be getting new sessions.",
            ),
            text(
                "检查分配规则：是否指定了某位客服、其他客服是否在组里并且在线、接待上限是否为 0。",
                "Check the assignment rules: whether one agent is named, whether the others are in the group "
                "and online, and whether their chat limit is 0.",
            ),
            data,
        )
    return finding(
        "session-log-spread",
        "ok",
        "rules-one-agent",
        text("会话分配比较均匀", "Sessions are spread across agents"),
        text(
            f"{assigned} 个有客服的会话分给了 {len(totals.agents)} 位客服，最多的是{cjk_gap(top)}（{percent}%）。",
            f"{assigned} sessions with an agent went to {len(totals.agents)} agents; the most to {top} ({percent}%).",
        ),
        data=data,
    )
