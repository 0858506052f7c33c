"""Working hours: are new chats assigned right now, and when does that change.

check(schedule, now_utc_iso, settings, admin_zone=None) -> {"open", "time_zone", "admin_zone", "now",
"closes", "next_open", "holiday_today", "until", "upcoming", "windows", "findings"}
(until: when that changes, in words, as the "working-hours" finding says it; null when no window is set)

schedule (every key optional except windows):
- weekdays: 1 (Monday) to 7 (Sunday), or names: mon..sun, monday..sunday, 一..日 (周一, 星期一,
  礼拜天...), ranges ("1-5", "mon-fri", "周一至周五"), 工作日/workdays, 周末/weekend,
  每天/daily; a list or one string. Absent: every day.
- windows: "09:00-18:00", several per day (a list, or lines, or separated by commas); 24:00
  ends a day; an end before the start ("22:00-06:00") crosses midnight into the next day.
- holidays: ISO dates ("2026-10-01"), or ranges ("2026-10-01..2026-10-07", also ~ or 至).
- time_zone: an IANA name (Asia/Shanghai) or a fixed offset (UTC+8); default: the settings'
  service_timezone.

Rules, all in the schedule's time zone:
- a window belongs to the day it starts on: the weekdays and holidays decide whether it runs,
  and an overnight window that started the day before a holiday still runs into it;
- a window edge happens at the first moment the local clock shows that time or later. So on a
  spring-forward day an edge in the skipped hour happens when the clocks jump (02:30 in New
  York on 8 March 2026 happens at 03:00 EDT; a window wholly inside the skipped hour does not
  happen), and on a fall-back day an edge in the repeated hour happens the first time
  (01:30 on 1 November 2026 is 01:30 EDT, not EST);
- windows that touch or overlap count as one (Monday 22:00-24:00 and Tuesday 00:00-06:00).

Time zones need tzdata, which the browser runtime loads only for this check: zoneinfo is
imported inside _zone (tests/unit/test_stdlib_only.py allows it here and only there).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from .. import site_settings
from ..findings import Finding, finding_maker, text
from ..wording import duration, plural, utc_offset

CHECK = "working-hours"
STEP = "rules-off-hours"
LOOK_AHEAD_DAYS = 8  # what the page draws: today and the next week
MAX_DAYS = 400  # how far to look for the next window (a long holiday list)
MAX_ERRORS = 5

# The fields as the form labels them (strings.toml [admin] hours_*, up to the example in brackets;
# a unit test keeps them equal). "schedule" and "now" are set by the page, not typed.
FIELDS = {
    "schedule": text("工作时间", "Schedule"),
    "weekdays": text("工作日", "Working days"),
    "windows": text("工作时段", "Working hours"),
    "holidays": text("节假日", "Holidays"),
    "time_zone": text("服务时区", "Service time zone"),
    "now": text("当前时间", "Current time"),
    "admin_zone": text("你的时区", "Your time zone"),
}
DAY_NAMES = {
    1: text("周一", "Mon"),
    2: text("周二", "Tue"),
    3: text("周三", "Wed"),
    4: text("周四", "Thu"),
    5: text("周五", "Fri"),
    6: text("周六", "Sat"),
    7: text("周日", "Sun"),
}
_DAYS = {
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), 1)},
    **{name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday"), 1)},
    "sunday": 7,
    "tues": 2,
    "thur": 4,
    "thurs": 4,
    **{name: n for n, name in enumerate("一二三四五六", 1)},
    "日": 7,
    "天": 7,
    "七": 7,
    **{str(n): n for n in range(1, 8)},
}
_DAY_GROUPS = {
    "工作日": range(1, 6),
    "workdays": range(1, 6),
    "weekdays": range(1, 6),
    "周末": range(6, 8),
    "weekend": range(6, 8),
    "weekends": range(6, 8),
    "每天": range(1, 8),
    "每日": range(1, 8),
    "daily": range(1, 8),
    "everyday": range(1, 8),
    "all": range(1, 8),
}
_RANGE_WORDS = re.compile(r"\s*(?:至|到|~|～|–|—|-)\s*")
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_TIME = re.compile(r"^(\d{1,2})(?:[:：.](\d{2}))?$")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)

finding = finding_maker(CHECK, "team")


class _Errors(list):
    def add(self, field: str, line: int | None, value, zh: str, en: str, nth: int | None = None) -> None:
        """line: the item's line (or list item); nth: the window's place among all windows, which
        names it instead, since the page types them on one line."""
        label = FIELDS[field]
        if nth:
            where_zh, where_en = f"{label['zh']}里第 {nth} 个时段", f"{label['en']}, time window {nth}"
        elif line:
            where_zh, where_en = f"{label['zh']}第 {line} 行", f"{label['en']}, line {line}"
        else:
            where_zh, where_en = label["zh"], label["en"]
        shown = str(value)[:40]
        self.append(
            {
                "field": field,
                "line": line,
                "item": nth,
                "value": shown,
                "message": text(f"{where_zh}“{shown}”：{zh}", f"{where_en} (“{shown}”): {en}"),
            }
        )


def _lines(value) -> list[tuple[int, str]]:
    """(line number, text) from a list of items or a text with one item a line."""
    if value is None:
        return []
    if isinstance(value, str):
        return [(n, line.strip()) for n, line in enumerate(value.splitlines(), 1) if line.strip()]
    if isinstance(value, (list, tuple)):
        return [(n, item if isinstance(item, str) else repr(item)) for n, item in enumerate(value, 1)]
    return [(1, repr(value))]


def parse_weekdays(value, errors: _Errors) -> set[int]:
    if value is None:
        return set(range(1, 8))
    days: set[int] = set()
    if isinstance(value, (list, tuple)):
        items = [(n, str(v) if isinstance(v, int) and not isinstance(v, bool) else v) for n, v in enumerate(value, 1)]
    else:
        items = [(None, value)]
    for line, item in items:
        if not isinstance(item, str):
            errors.add("weekdays", line, repr(item), "应为 1 到 7 或星期的名称。", "expected 1 to 7 or a day name.")
            continue
        for token in _SEPARATORS.split(_RANGE_WORDS.sub("-", item.strip().lower())):
            if not token:
                continue
            if token in _DAY_GROUPS:
                days.update(_DAY_GROUPS[token])
                continue
            ends = [_day(t) for t in token.split("-")]
            if len(ends) > 2 or None in ends:
                errors.add(
                    "weekdays",
                    line,
                    token,
                    "不是星期几。请写 1 到 7（1 是周一），或周一到周日、mon 到 sun。",
                    "not a day. Write 1 to 7 (1 is Monday), or mon to sun.",
                )
                continue
            first, last = ends[0], ends[-1]
            # A range may wrap around the week: fri-mon is Friday to Monday.
            days.update(((first - 1 + k) % 7) + 1 for k in range((last - first) % 7 + 1))
    return days


def _day(token: str) -> int | None:
    for prefix in ("星期", "礼拜", "周"):
        if token.startswith(prefix) and len(token) > len(prefix):
            token = token[len(prefix) :]
            break
    return _DAYS.get(token.rstrip("."))


def _minutes(value: str, end: bool) -> tuple[int | None, tuple[str, str] | None]:
    m = _TIME.match(value)
    if not m:
        return None, ("不是时间，请写成 09:00 这样。", "not a time: write it like 09:00.")
    hours, minutes = int(m.group(1)), int(m.group(2) or 0)
    if minutes > 59:
        return None, ("分钟应在 00 到 59 之间。", "minutes must be 00 to 59.")
    if hours > 24 or (hours == 24 and minutes):
        return None, (
            "小时应在 0 到 24 之间（24:00 只能作为结束时间）。",
            "hours must be 0 to 24 (24:00 only as an end).",
        )
    if hours == 24 and not end:
        return None, ("24:00 只能作为结束时间，开始请写 00:00。", "24:00 can only end a window: start at 00:00.")
    return hours * 60 + minutes, None


def parse_windows(value, errors: _Errors) -> list[tuple[int, int]]:
    """[(start, end)] in minutes after midnight; end <= start crosses midnight."""
    windows = []
    nth = 0
    for line, item in _lines(value):
        for token in _SEPARATORS.split(_RANGE_WORDS.sub("-", item)):
            if not token:
                continue
            nth += 1
            ends = token.split("-")
            if len(ends) != 2:
                errors.add(
                    "windows",
                    line,
                    token,
                    "不是时段，请写成 09:00-18:00 这样。",
                    "not a window: write it like 09:00-18:00.",
                    nth,
                )
                continue
            start, problem = _minutes(ends[0], end=False)
            stop, stop_problem = (None, None) if problem else _minutes(ends[1], end=True)
            problem = problem or stop_problem
            if problem:
                errors.add("windows", line, token, *problem, nth)
            elif start == stop % 1440 and stop != 1440:
                errors.add(
                    "windows",
                    line,
                    token,
                    "开始和结束是同一时间。全天请写 00:00-24:00。",
                    "starts and ends at the same time. For the whole day write 00:00-24:00.",
                    nth,
                )
            else:
                windows.append((start, stop if stop > start else stop + 1440))
    return windows


def _date(value: str) -> date | None:
    m = _DATE.match(value.strip())
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def parse_holidays(value, errors: _Errors) -> set[date]:
    days: set[date] = set()
    for line, item in _lines(value):
        for token in _SEPARATORS.split(re.sub(r"\s*(?:\.\.|至|到|~|～)\s*", "..", item)):
            if not token:
                continue
            ends = [_date(t) for t in token.split("..")]
            if len(ends) > 2 or None in ends:
                errors.add(
                    "holidays",
                    line,
                    token,
                    "不是日期，请写成 2026-10-01 这样（连续几天写成 2026-10-01..2026-10-07）。",
                    "not a date: write it like 2026-10-01 (several days: 2026-10-01..2026-10-07).",
                )
            elif not 0 <= (ends[-1] - ends[0]).days <= 366:
                errors.add(
                    "holidays",
                    line,
                    token,
                    "结束日期应在开始之后，而且不超过一年。",
                    "the last day must follow the first, within a year.",
                )
            else:
                days.update(ends[0] + timedelta(days=k) for k in range((ends[-1] - ends[0]).days + 1))
    return days


def parse_now(value, errors: _Errors) -> datetime | None:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    errors.add("now", None, value, "不是 ISO 8601 时间。", "not an ISO 8601 time.")
    return None


def _zone(name):
    """(zone, None), or (None, "unknown") for a name it does not know, (None, "no-data") without tzdata."""
    m = _OFFSET.match(name.strip())
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        if minutes <= 14 * 60:
            sign = 1 if m.group(1) == "+" else -1
            return timezone(timedelta(minutes=sign * minutes), f"{utc_offset(sign * minutes)}"), None
        return None, "unknown"
    try:
        import zoneinfo  # tzdata is loaded only for this check (see the module's docstring)
    except ImportError:
        return None, "no-data"
    try:
        return zoneinfo.ZoneInfo(name.strip()), None
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        try:
            zoneinfo.ZoneInfo("UTC")
        except (KeyError, ValueError, OSError):
            return None, "no-data"
        return None, "unknown"


def _zone_name(zone) -> str:
    return str(getattr(zone, "key", None) or zone.tzname(None))


def _to_utc(day: date, minute: int, zone) -> tuple[datetime, str | None]:
    """The first moment the local clock shows this time or later, and "skipped" or "repeated"."""
    naive = datetime.combine(day, time()) + timedelta(minutes=minute)
    early = naive.replace(tzinfo=zone, fold=0)
    moment = early.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != naive:
        # In the skipped hour: fold=0 reads it with the offset before the jump (too late) and
        # fold=1 with the offset after (too early); the jump itself lies between.
        low, high = naive.replace(tzinfo=zone, fold=1).astimezone(UTC), moment
        while high - low > timedelta(seconds=1):
            mid = low + (high - low) / 2
            if mid.astimezone(zone).utcoffset() == early.utcoffset():
                low = mid
            else:
                high = mid
        return high.replace(microsecond=0), "skipped"
    if naive.replace(tzinfo=zone, fold=1).utcoffset() != early.utcoffset():
        return moment, "repeated"
    return moment, None


def _intervals(first: date, last: date, weekdays, windows, holidays, zone) -> list[dict]:
    out = []
    day = first
    while day <= last:
        if day.isoweekday() in weekdays and day not in holidays:
            for start, stop in windows:
                begin, begin_note = _to_utc(day, start, zone)
                end, end_note = _to_utc(day, stop, zone)
                if begin < end:
                    out.append({"start": begin, "end": end, "start_note": begin_note, "end_note": end_note})
        day += timedelta(days=1)
    return _merge(out)


def _merge(intervals: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for item in sorted(intervals, key=lambda i: i["start"]):
        if merged and item["start"] <= merged[-1]["end"]:
            last = merged[-1]
            if item["end"] > last["end"]:
                last["end"], last["end_note"] = item["end"], item["end_note"]
        else:
            merged.append(dict(item))
    return merged


def _moment(utc: datetime, zone, admin) -> dict:
    def local(z) -> dict:
        t = utc.astimezone(z)
        day = DAY_NAMES[t.isoweekday()]
        name = _zone_name(z)
        stamp = f"{t:%Y-%m-%d}"
        clock = f"{t:%H:%M}"
        return {
            "zone": name,
            "iso": t.isoformat(),
            "offset": utc_offset(t.utcoffset().total_seconds() / 60),
            "text": text(f"{name} 时间 {stamp}（{day['zh']}）{clock}", f"{day['en']} {stamp} {clock} ({name})"),
        }

    return {"utc": utc.strftime("%Y-%m-%dT%H:%M:%SZ"), "service": local(zone), "admin": local(admin) if admin else None}


def _both(moment: dict) -> dict:
    """The moment in the service zone, then in the admin's zone when that is another zone."""
    service, admin = moment["service"], moment["admin"]
    if not admin or (admin["zone"] == service["zone"]):
        return dict(service["text"])
    return text(
        f"{service['text']['zh']}，也就是你的 {admin['text']['zh']}",
        f"{service['text']['en']}, which is {admin['text']['en']} for you",
    )


DST_NOTE = text(
    "那天时钟因夏令时调整，显示的时间已经按调整后计算。",
    "The clocks change that day (daylight saving time); the time shown allows for it.",
)


def _input_finding(errors: list[dict]) -> Finding:
    shown = errors[:MAX_ERRORS]
    more = len(errors) - len(shown)
    zh = "；".join(e["message"]["zh"].rstrip("。") for e in shown) + (f"；另有 {more} 处。" if more else "。")
    en = " ".join(e["message"]["en"] for e in shown) + (f" And {more} more." if more else "")
    return finding(
        "working-hours-input",
        "unknown",
        STEP,
        text("无法检查工作时间：输入有误", "Cannot check the working hours: the input is wrong"),
        text(zh, en),
        text(
            "改正后再检查。时段写成 09:00-18:00，日期写成 2026-10-01，时区写成 Asia/Shanghai 这样的名称。",
            "Correct it and check again. Write windows like 09:00-18:00, dates like 2026-10-01 and time "
            "zones as names such as Asia/Shanghai.",
        ),
        {"errors": errors},
    )


def check(schedule, now_utc_iso, settings: dict, admin_zone=None) -> dict:
    """Check a working-hours schedule against the time now. Never raises on bad input."""
    result = {
        "open": None,
        "time_zone": None,
        "admin_zone": None,
        "now": None,
        "closes": None,
        "next_open": None,
        "holiday_today": False,
        "until": None,
        "upcoming": [],
        "windows": [],
        "findings": [],
    }
    errors = _Errors()
    if not isinstance(schedule, dict):
        errors.add("schedule", None, type(schedule).__name__, "应为一组设置。", "expected an object of settings.")
        schedule = {}
    weekdays = parse_weekdays(schedule.get("weekdays"), errors)
    windows = parse_windows(schedule.get("windows"), errors)
    holidays = parse_holidays(schedule.get("holidays"), errors)
    now = parse_now(now_utc_iso, errors)
    zone_name = schedule.get("time_zone") or site_settings.service_timezone(settings)
    zone = admin = None
    if not zone_name or (isinstance(zone_name, str) and not zone_name.strip()):
        errors.add(
            "time_zone",
            None,
            "",
            "没有设置时区（这个帮助网站的设置里也没有）。",
            "no time zone is set (nor in this help site's settings).",
        )
    else:
        zone, problem = _zone(zone_name) if isinstance(zone_name, str) else (None, "unknown")
        if problem == "no-data":
            return _no_zone_data(result, settings)
        if problem:
            errors.add(
                "time_zone",
                None,
                zone_name,
                "不认识这个时区。请写 Asia/Shanghai 这样的名称（区分大小写），或 UTC+8。",
                "unknown time zone. Write a name such as Asia/Shanghai (case matters), or UTC+8.",
            )
    if admin_zone not in (None, ""):
        admin, problem = _zone(admin_zone) if isinstance(admin_zone, str) else (None, "unknown")
        if problem == "no-data":
            return _no_zone_data(result, settings)
        if problem:
            errors.add(
                "admin_zone",
                None,
                admin_zone,
                "不认识这个时区。请写 Europe/Berlin 这样的名称，或 UTC+1。",
                "unknown time zone. Write a name such as Europe/Berlin, or UTC+1.",
            )
    if errors:
        result["findings"] = [_input_finding(list(errors)).to_dict()]
        return result
    result["time_zone"] = _zone_name(zone)
    result["admin_zone"] = _zone_name(admin) if admin else None
    result["windows"] = [{"start": s, "end": e} for s, e in windows]
    result["now"] = _moment(now, zone, admin)
    if not windows or not weekdays:
        result["open"] = False
        result["findings"] = [_empty_finding(bool(windows)).to_dict()]
        return result
    return _judge(result, now, zone, admin, weekdays, windows, holidays)


def _judge(result: dict, now: datetime, zone, admin, weekdays, windows, holidays) -> dict:
    today = now.astimezone(zone).date()
    last = today + timedelta(days=LOOK_AHEAD_DAYS)
    intervals = _intervals(today - timedelta(days=1), last, weekdays, windows, holidays, zone)
    horizon, _ = _to_utc(last + timedelta(days=1), 0, zone)
    current = next((i for i in intervals if i["start"] <= now < i["end"]), None)
    following = next((i for i in intervals if i["start"] > now), None)
    if following is None or (current and current["end"] >= horizon):
        # Long holidays, or open around the clock: look much further before saying so.
        last = today + timedelta(days=MAX_DAYS)
        intervals = _intervals(today - timedelta(days=1), last, weekdays, windows, holidays, zone)
        horizon, _ = _to_utc(last + timedelta(days=1), 0, zone)
        current = next((i for i in intervals if i["start"] <= now < i["end"]), None)
        following = next((i for i in intervals if i["start"] > now), None)
    week_end = now + timedelta(days=7)
    result["open"] = current is not None
    # A holiday matters only on a day that would have had windows.
    result["holiday_today"] = today in holidays and today.isoweekday() in weekdays
    result["upcoming"] = [
        {"start": _moment(i["start"], zone, admin), "end": _moment(i["end"], zone, admin)}
        for i in intervals
        if i["end"] > now and i["start"] < week_end
    ]
    findings = []
    if current:
        around_the_clock = current["end"] >= horizon
        result["closes"] = None if around_the_clock else _moment(current["end"], zone, admin)
        result["next_open"] = _moment(following["start"], zone, admin) if following else None
        findings.append(_open_finding(result, current, around_the_clock, now))
    else:
        result["next_open"] = _moment(following["start"], zone, admin) if following else None
        findings.append(_closed_finding(result, following, now))
    if result["holiday_today"]:
        findings.append(_holiday_finding(today))
    result["findings"] = [f.to_dict() for f in findings]
    return result


def _span(seconds: float) -> dict:
    """A wait or a time left: from an hour on in hours and minutes ("约 10 小时 48 分钟" / "about
    10 h 48 min"), since "10.8 hours" reads badly; under an hour and from two days on, as wording.duration."""
    minutes = round(seconds / 60)
    if not 60 <= minutes < 48 * 60:
        return duration(seconds)
    h, m = divmod(minutes, 60)
    if not m:
        return text(f"约 {h} 小时", f"about {plural(h, 'hour', 'hours')}")
    return text(f"约 {h} 小时 {m} 分钟", f"about {h} h {m} min")


def _open_finding(result: dict, current: dict, around_the_clock: bool, now: datetime) -> Finding:
    now_text = _both(result["now"])
    if around_the_clock:
        until = text("按这个设置，新会话全天都会分配。", "By this schedule new chats are assigned around the clock.")
    else:
        left = _span((current["end"] - now).total_seconds())
        note = DST_NOTE if current["end_note"] else text("", "")
        until = text(
            f"当前时段到 {_both(result['closes'])['zh']} 结束（还有{left['zh']}）。{note['zh']}",
            f"This window closes in {left['en']}, at {_both(result['closes'])['en']}. {note['en']}".strip(),
        )
        if result["next_open"]:
            after = _both(result["next_open"])
            until = text(
                f"{until['zh']}下一个时段从 {after['zh']} 开始。",
                f"{until['en']} The next window opens at {after['en']}.",
            )
    result["until"] = until
    return finding(
        "working-hours",
        "ok",
        STEP,
        text("现在是工作时间：新会话正常分配", "Inside working hours: new chats are assigned"),
        text(f"现在是 {now_text['zh']}。{until['zh']}", f"It is now {now_text['en']}. {until['en']}"),
        data={"open": True},
    )


def _closed_finding(result: dict, following: dict | None, now: datetime) -> Finding:
    now_text = _both(result["now"])
    if following:
        wait = _span((following["start"] - now).total_seconds())
        note = DST_NOTE if following["start_note"] else text("", "")
        opens = _both(result["next_open"])
        until = text(
            f"新会话要到 {opens['zh']} 才会分配（还要等{wait['zh']}）。{note['zh']}",
            f"New chats are not assigned for {wait['en']}, until {opens['en']}. {note['en']}".strip(),
        )
    else:
        until = text(
            f"按这个设置，未来 {MAX_DAYS} 天内都没有工作时段（可能是节假日太多）。",
            f"By this schedule no window opens in the next {MAX_DAYS} days (too many holidays?).",
        )
    result["until"] = until
    return finding(
        "working-hours",
        "warn",
        STEP,
        text("现在不在工作时间：新会话暂不分配", "Outside working hours: new chats are not assigned now"),
        text(f"现在是 {now_text['zh']}。{until['zh']}", f"It is now {now_text['en']}. {until['en']}"),
        text(
            "如果现在应该有人接待，请在管理后台核对工作时间、节假日和时区，或者关闭“非工作时段不分配”。",
            "If someone should be taking chats now, check the working hours, holidays and time zone in the "
            "admin console, or turn off “no assignment outside working hours”.",
        ),
        {"open": False},
    )


def _holiday_finding(today: date) -> Finding:
    return finding(
        "working-hours-holiday",
        "warn",
        STEP,
        text("今天是节假日", "Today is a holiday"),
        text(
            f"今天（{today.isoformat()}）在节假日名单里，这一天的工作时段都不分配新会话。",
            f"Today ({today.isoformat()}) is on the holiday list: none of its windows assign new chats.",
        ),
        text(
            "如果今天有人上班，请在管理后台把这一天从节假日名单里删掉。",
            "If people are working today, remove this day from the holiday list in the admin console.",
        ),
        {"date": today.isoformat()},
    )


def _empty_finding(has_windows: bool) -> Finding:
    what = (
        text("没有选择任何工作日", "No working day is selected")
        if has_windows
        else text("没有设置任何工作时段", "No working hours are set")
    )
    return finding(
        "working-hours-empty",
        "fail",
        STEP,
        what,
        text(
            f"{what['zh']}，按这个设置，新会话在任何时间都不会分配。",
            f"{what['en']}, so by this schedule new chats are never assigned.",
        ),
        text(
            "在管理后台添加工作时段（例如周一至周五 09:00-18:00），或者关闭“非工作时段不分配”。",
            "Add working hours in the admin console (for example Monday to Friday 09:00-18:00), or turn off "
            "“no assignment outside working hours”.",
        ),
        {"has_windows": has_windows},
    )


def _no_zone_data(result: dict, settings: dict) -> dict:
    contact = site_settings.internal_contact(settings)
    result["findings"] = [
        finding(
            "working-hours-zone",
            "unknown",
            STEP,
            text("无法加载时区数据", "Time zone data could not be loaded"),
            text(
                "检测程序没能加载时区数据，所以无法换算工作时间。",
                "The checks could not load the time zone data, so the working hours cannot be worked out.",
            ),
            text(
                f"刷新页面后再试；如果仍然不行，请对照管理后台里的工作时间手动核对，或联系{contact['zh']}。",
                "Reload the page and try again; if that does not help, compare the working hours in the admin "
                f"console by hand, or contact {contact['en']}.",
            ),
        ).to_dict()
    ]
    return result
