"""Background: does this browser slow down, freeze or discard a tab left hidden.

The agent starts the background test on the help site and leaves its tab hidden for a
chosen time; a one-second timer records the largest gap between its ticks, and the page
notes freeze events and a discard. That is the browser's policy for hidden tabs, so it
holds for the workstation's tab too. Nothing is claimed that the facts do not show.
The shape of the facts: schemas/facts.schema.json, "background".
"""

from __future__ import annotations

from .. import site_settings
from ..facts import flag, number
from ..findings import Finding, finding_maker, text
from ..wording import cjk_gap, duration
from ..workstation.tab import keep_awake_fix

CHECK = "background"
SCOPE = "browser"
FIRST_STEP = "notify-tab-sleep"

# Less time hidden than this shows nothing about background tabs.
MIN_HIDDEN_MS = 10_000
# Chrome runs chained timers once a minute in a tab hidden for 5 minutes ("intensive throttling").
INTENSIVE_GAP_MS = 55_000
INTENSIVE_AFTER_MS = 5 * 60_000
# Hidden tabs' timers run at most once a second: normal, and harmless for WebSocket delivery.
SECOND_GAP_MS = 900

finding = finding_maker(CHECK, SCOPE)

HOW_TO_RUN = text(
    "在链接的步骤里找到后台测试：选择时长，点“开始后台测试”，然后切换到别的标签页或窗口，等到时间后再回来。",
    "Find the background test in the linked step: choose a length, press “Start the background test”, then switch "
    "to another tab or window and come back when the time is up.",
)


def run(facts: dict, settings: dict, areas: frozenset = frozenset()) -> list[Finding]:
    facts = facts or {}
    values = {
        "completed": flag(facts, "completed"),
        "discarded": flag(facts, "discarded"),
        "froze": flag(facts, "froze"),
        "planned_ms": number(facts, "planned_ms"),
        "hidden_ms": number(facts, "hidden_ms"),
        "hidden_ticks": number(facts, "hidden_ticks"),
        "max_gap_ms": number(facts, "max_gap_ms"),
    }
    return [_throttle(values, settings)]


def _throttle(v: dict, settings: dict) -> Finding:
    fix = keep_awake_fix(site_settings.workstation_host(settings), site_settings.product_name(settings))
    same_for_workstation = text(
        "浏览器对放在后台的工作台标签页也会这样做。",
        " The browser treats a workstation tab left in the background the same way.",
    )
    if v["discarded"]:
        return finding(
            "bg-throttle",
            "warn",
            "notify-tab-sleep",
            text("浏览器丢弃了后台的标签页", "The browser discarded the hidden tab"),
            text(
                "测试期间，浏览器为节省内存丢弃了本页，回到本页时又重新加载。被丢弃的工作台收不到任何消息。"
                + same_for_workstation["zh"],
                "During the test the browser discarded this page to save memory and loaded it again when you came "
                "back. A discarded workstation receives nothing." + same_for_workstation["en"],
            ),
            fix,
            v,
        )
    if v["froze"]:
        return finding(
            "bg-throttle",
            "warn",
            "notify-tab-sleep",
            text("浏览器冻结了后台的标签页", "The browser froze the hidden tab"),
            text(
                "测试期间，浏览器冻结了本页：它的脚本停止运行，直到你回到本页。" + same_for_workstation["zh"],
                "During the test the browser froze this page: its scripts stopped until you came back."
                + same_for_workstation["en"],
            ),
            fix,
            v,
        )
    if v["completed"] is not True:
        return finding(
            "bg-throttle",
            "unknown",
            "notify-tab-sleep",
            text("还没有做后台测试", "Background test not run yet"),
            text(
                "网页无法直接看到浏览器会不会限制、冻结或丢弃后台的标签页，需要把本页放到后台一段时间来测。",
                "A web page cannot see directly whether the browser slows down, freezes or discards hidden tabs: "
                "this page has to be left in the background for a while to find out.",
            ),
            HOW_TO_RUN,
            v,
        )
    hidden_ms = v["hidden_ms"]
    if hidden_ms is None or hidden_ms < MIN_HIDDEN_MS:
        hidden = (
            text("", "")
            if hidden_ms is None
            else text(
                f"（只在后台停留了{cjk_gap(duration(hidden_ms / 1000)['zh'])}）",
                f" (it was hidden for {duration(hidden_ms / 1000)['en']})",
            )
        )
        return finding(
            "bg-throttle",
            "unknown",
            "notify-tab-sleep",
            text("本页没有放到后台", "The tab was not left in the background"),
            text(
                f"测试期间本页基本没有在后台{hidden['zh']}，所以看不出浏览器如何对待后台标签页。",
                f"This page was hardly in the background during the test{hidden['en']}, so it shows nothing about "
                "how the browser treats hidden tabs.",
            ),
            HOW_TO_RUN,
            v,
        )
    hidden_for = duration(hidden_ms / 1000)
    gap_ms = v["max_gap_ms"]
    if v["hidden_ticks"] == 0:
        return finding(
            "bg-throttle",
            "warn",
            "notify-tab-sleep",
            text("后台的标签页停止了运行", "The hidden tab stopped running"),
            text(
                f"本页在后台停留了{cjk_gap(hidden_for['zh'])}，其间计时器一次也没有运行。" + same_for_workstation["zh"],
                f"This page was hidden for {hidden_for['en']}, and its timer did not run once meanwhile."
                + same_for_workstation["en"],
            ),
            fix,
            v,
        )
    if gap_ms is None:
        return finding(
            "bg-throttle",
            "unknown",
            "notify-tab-sleep",
            text("后台测试没有记录到结果", "The background test recorded nothing"),
            text(
                "后台测试没有记录计时器的间隔，无法判断。",
                "The background test recorded no timer gaps, so it shows nothing.",
            ),
            HOW_TO_RUN,
            v,
        )
    gap = duration(gap_ms / 1000)
    if gap_ms >= INTENSIVE_GAP_MS:
        return finding(
            "bg-throttle",
            "warn",
            "notify-tab-sleep",
            text("后台的标签页每分钟只运行一次", "Hidden tabs run only once a minute"),
            text(
                f"本页在后台停留了{cjk_gap(hidden_for['zh'])}，计时器两次运行之间最长间隔{cjk_gap(gap['zh'])}。"
                "Chrome 会把隐藏超过 5 分钟的标签页的计时器限制为每分钟一次。放在后台的工作台也一样："
                "它断线后的重连等依赖计时器的动作可能要等上一分钟。",
                f"This page was hidden for {hidden_for['en']}; the longest gap between its timer's runs was "
                f"{gap['en']}. "
                "Chrome limits the timers of a tab hidden for more than 5 minutes to once a minute. A workstation "
                "left in the background is treated the same: what it does on a timer, such as reconnecting after "
                "a drop, may wait up to a minute.",
            ),
            fix,
            {**v, "intensive": True},
        )
    note = (
        text(
            "浏览器会把后台标签页的计时器放慢到大约每秒一次，这很正常，不会耽误通过 WebSocket 到达的消息。",
            " Browsers slow the timers of hidden tabs to about once a second: that is normal, and does not delay "
            "messages that arrive over WebSocket.",
        )
        if gap_ms >= SECOND_GAP_MS
        else text("", "")
    )
    short = (
        text(
            "Chrome 在标签页隐藏 5 分钟后会进一步放慢计时器，这次测试比这短，看不到这一点：想看的话，请选 6 分钟或更长再测一次。",
            " Chrome slows timers further once a tab has been hidden for 5 minutes; this test was shorter, so it "
            "could not show that: to see it, test again with 6 minutes or more.",
        )
        if hidden_ms < INTENSIVE_AFTER_MS
        else text("", "")
    )
    return finding(
        "bg-throttle",
        "ok",
        "notify-tab-sleep",
        text("后台的标签页照常运行", "Hidden tabs keep running"),
        text(
            f"本页在后台停留了{cjk_gap(hidden_for['zh'])}，计时器两次运行之间最长间隔{cjk_gap(gap['zh'])}，本页也没有被冻结或丢弃。"
            + note["zh"]
            + short["zh"],
            f"This page was hidden for {hidden_for['en']}; the longest gap between its timer's runs was "
            f"{gap['en']}, and the tab was neither frozen nor discarded." + note["en"] + short["en"],
        ),
        data=v,
    )
