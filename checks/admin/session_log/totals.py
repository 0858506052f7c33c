"""What the rows add up to: kept as aggregates only (per-hour counts, counters, a few
examples), so a log of any length uses the same memory."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from .columns import normalise
from .timestamps import hour_of, hour_start, shown, weekday_of

EXAMPLES = 5  # examples kept of each kind, and malformed line numbers reported
DISTINCT = 2000  # agents, channels or statuses counted by name; the rest are counted as one
NO_REPLY = {"", "-", "--", "—", "无", "none", "null", "n/a"}  # a first response of "0" seconds is a reply
# Status values after columns.normalise (lower case, no spaces or bracketed notes).
TRANSFERRING = {"转接中", "转接", "转接等待", "transferring", "transfer", "intransfer"}
QUEUED = {"排队中", "排队", "待接入", "等待接入", "未接入", "pending", "queued", "queueing", "inqueue", "waiting"}


def _count(counter: Counter, key: str) -> None:
    if key in counter or len(counter) < DISTINCT:
        counter[key] += 1
    else:
        counter["…"] += 1


def _number(value: str) -> float | None:
    try:
        return float(value.strip())
    except ValueError:
        return None


class Totals:
    def __init__(self, instant_seconds: float) -> None:
        self.instant_seconds = instant_seconds
        self.rows = 0  # data rows read (not blank lines)
        self.sessions = 0  # rows with a readable start time
        self.hourly: dict[int, int] = defaultdict(int)
        self.bounds: dict[int, list[datetime]] = {}  # each hour's first and last start time
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.malformed = 0
        self.malformed_examples: list[dict] = []
        self.agents: Counter = Counter()
        self.unassigned = 0
        self.channels: Counter = Counter()
        self.statuses: Counter = Counter()
        self.instant = 0
        self.instant_examples: list[dict] = []
        self.transferring = 0
        self.queued = 0  # pending with no end: still waiting when exported
        self.stuck_examples: list[dict] = []
        self.missed = 0  # pending, yet ended: no agent ever took them
        self.missed_examples: list[dict] = []
        self._kinds: dict[str, str] = {}

    def bad(self, line: int, field: str | None, reason: dict) -> None:
        self.malformed += 1
        if len(self.malformed_examples) < EXAMPLES:
            self.malformed_examples.append({"line": line, "field": field, "reason": reason})

    def _example(self, line: int, start: datetime, values: dict[str, str], **more) -> dict:
        return {"line": line, "session_id": values.get("session_id", ""), "start": shown(start), **more}

    def _stuck_kind(self, status: str) -> str:
        """transferring, queued or "" for a status value not seen before; remembered (add() looks it up
        first), as a log repeats a few values."""
        name = normalise(status)
        kind = "transferring" if name in TRANSFERRING else "queued" if name in QUEUED else ""
        if len(self._kinds) < DISTINCT:
            self._kinds[status] = kind
        return kind

    def add(self, line: int, start: datetime, length: float | None, values: dict[str, str]) -> None:
        """length: the session's length in seconds, when known."""
        self.sessions += 1
        hour = hour_of(start)
        self.hourly[hour] += 1
        bounds = self.bounds.get(hour)
        if bounds is None:
            self.bounds[hour] = [start, start]
        elif start < bounds[0]:
            bounds[0] = start
        elif start > bounds[1]:
            bounds[1] = start
        if self.first is None or start < self.first:
            self.first = start
        if self.last is None or start > self.last:
            self.last = start
        agent = values.get("agent", "").strip()
        if agent:
            _count(self.agents, agent)
        elif "agent" in values:
            self.unassigned += 1
        if "channel" in values:
            _count(self.channels, values["channel"].strip() or "—")
        status = values.get("status", "").strip()
        kind = ""
        if status:
            _count(self.statuses, status)
            kind = self._kinds.get(status)
            if kind is None:
                kind = self._stuck_kind(status)
        if kind == "queued" and length is not None:
            self.missed += 1
            if len(self.missed_examples) < EXAMPLES:
                self.missed_examples.append(self._example(line, start, values, status=status, seconds=length))
        elif kind:
            self.transferring += kind == "transferring"
            self.queued += kind == "queued"
            if len(self.stuck_examples) < EXAMPLES:
                self.stuck_examples.append(self._example(line, start, values, status=status, agent=agent))
        if length is not None and 0 <= length <= self.instant_seconds and self._no_reply(values):
            self.instant += 1
            if len(self.instant_examples) < EXAMPLES:
                channel = values.get("channel", "")
                self.instant_examples.append(self._example(line, start, values, seconds=length, channel=channel))

    @staticmethod
    def _no_reply(values: dict[str, str]) -> bool:
        if "first_response" in values and values["first_response"].strip().lower() in NO_REPLY:
            return True
        return any(_number(values[k]) == 0 for k in ("agent_messages", "messages") if k in values)


def gaps(hourly: dict[int, int], min_expected: float, max_hours: int, bounds: dict | None = None):
    """Hours with no new session where that weekday's hour (or, in a log shorter than two weeks,
    that hour on other days) usually has at least min_expected; runs of them merged. With bounds
    (each hour's first and last start), each gap also says when the sessions before and after it
    started. Returns (gaps, span)."""
    bounds = bounds or {}
    if not hourly:
        return [], {"from": None, "to": None, "hours": 0}
    last = max(hourly)
    first = max(min(hourly), last - max_hours + 1)
    by_slot: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    by_hour: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for h in range(first, last + 1):
        count = hourly.get(h, 0)
        for tally in (by_slot[(weekday_of(h), h % 24)], by_hour[h % 24]):
            tally[0] += count
            tally[1] += 1
    found: list[dict] = []
    run: dict | None = None
    for h in range(first + 1, last):
        expected = 0.0
        if not hourly.get(h, 0):
            # This hour is 0, so the sum over the others is the sum over all.
            total, seen = by_slot[(weekday_of(h), h % 24)]
            if seen < 2:
                total, seen = by_hour[h % 24]
            expected = total / (seen - 1) if seen > 1 else 0.0
        if expected >= min_expected:
            if run is None:
                run = {"from_hour": h, "expected": 0.0}
                found.append(run)
            run["to_hour"] = h + 1
            run["expected"] += expected
        else:
            run = None
    for gap in found:
        hours = gap["to_hour"] - gap["from_hour"]
        gap.update(
            start=shown(hour_start(gap["from_hour"])),
            end=shown(hour_start(gap["to_hour"])),
            hours=hours,
            expected=round(gap["expected"], 1),
        )
        # The first and last hours of the span have sessions, so both searches find one.
        before = next(h for h in range(gap["from_hour"] - 1, first - 1, -1) if hourly.get(h, 0))
        after = next(h for h in range(gap["to_hour"], last + 1) if hourly.get(h, 0))
        gap["last_before"] = shown(bounds[before][1]) if before in bounds else None
        gap["first_after"] = shown(bounds[after][0]) if after in bounds else None
    span = {"from": shown(hour_start(first)), "to": shown(hour_start(last + 1)), "hours": last - first + 1}
    return found, span
