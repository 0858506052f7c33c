"""Timestamps as session-log exports write them, read as wall-clock time in the export's zone.

A time with an offset (ISO 8601 "Z" or "+08:00") or a Unix time (always UTC) is moved to the
export's offset: the one the caller gives, else the first offset the file shows. No zoneinfo:
the self-hosted runtime has no time-zone database.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

EPOCH = datetime(1970, 1, 1)
EXCEL_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug is before day 61)
DATE_TIME = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*日\s*)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:[.,](\d+))?)?\s*秒?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
YEARS = (1970, 2199)  # a session log's times; also keeps every offset sum inside datetime's range
NUMBER = re.compile(r"\d+(?:\.\d+)?$")


class Clock:
    """Reads timestamps, keeping the export's offset (minutes east of UTC) once known."""

    def __init__(self, offset_minutes: int | None = None) -> None:
        self.offset = offset_minutes
        self.assumed_utc = False  # a Unix time came before any offset was known

    def _to_wall(self, utc: datetime) -> datetime:
        if self.offset is None:
            self.assumed_utc = True
            return utc
        return utc + timedelta(minutes=self.offset)

    def parse(self, value: str) -> datetime | None:
        """A naive wall-clock datetime from 1970 to 2199, or None when the value is not one."""
        moment = self._parse(value.strip())
        return moment if moment is not None and YEARS[0] <= moment.year <= YEARS[1] else None

    def _parse(self, value: str) -> datetime | None:
        if value[4:5] == "-" and value[7:8] == "-":
            # The common case, ISO 8601 with a space or a T, read fast; anything else falls through.
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                offset = moment.utcoffset()
                if offset is None or not YEARS[0] <= moment.year <= YEARS[1]:
                    return moment
                return self._shift(moment.replace(tzinfo=None), round(offset.total_seconds() / 60))
        if NUMBER.match(value):
            return self._number(float(value))
        match = DATE_TIME.match(value)
        if not match:
            return None
        year, month, day, hour, minute, second, fraction, zone = match.groups()
        if not YEARS[0] <= int(year) <= YEARS[1]:
            return None
        try:
            wall = datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                int((fraction or "0")[:6].ljust(6, "0")),
            )
        except ValueError:
            return None
        if zone is None:
            return wall
        return self._shift(
            wall, 0 if zone.upper() == "Z" else int(zone[0] + "1") * (int(zone[1:3]) * 60 + int(zone[-2:]))
        )

    def _shift(self, wall: datetime, minutes: int) -> datetime:
        """A time at an offset of minutes, on the export's wall clock (the first offset seen, if none given)."""
        if self.offset is None:
            self.offset = minutes
        return wall - timedelta(minutes=minutes) + timedelta(minutes=self.offset)

    def _number(self, number: float) -> datetime | None:
        if 1e11 <= number < 1e14:  # Unix milliseconds (1973 to 5138)
            return self._to_wall(EPOCH + timedelta(milliseconds=number))
        if 1e8 <= number < 1e11:  # Unix seconds (1973 to 5138)
            return self._to_wall(EPOCH + timedelta(seconds=number))
        if 20000 <= number < 80000:  # Excel serial days (1954 to 2119), already wall-clock
            return EXCEL_EPOCH + timedelta(seconds=round(number * 86400))
        return None


EPOCH_DAY = EPOCH.toordinal()


def hour_of(moment: datetime) -> int:
    """Hours since 1970-01-01 00:00 on the same wall clock."""
    return (moment.toordinal() - EPOCH_DAY) * 24 + moment.hour


def hour_start(hour: int) -> datetime:
    return EPOCH + timedelta(hours=hour)


def weekday_of(hour: int) -> int:
    """Monday 0 ... Sunday 6; 1970-01-01 was a Thursday."""
    return (hour // 24 + 3) % 7


def shown(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


CLOCK_LENGTH = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})$")  # 1:02:03 or 02:03
UNIT_LENGTH = re.compile(
    r"(?:(\d+)\s*(?:小时|时|h|hours?)\s*)?(?:(\d+)\s*(?:分钟|分|m|min|minutes?)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:秒|s|sec|seconds?))?$",
    re.IGNORECASE,
)


def parse_duration(value: str) -> float | None:
    """Seconds from "75", "00:01:15", "1:15", "1分15秒" or "1m 15s"; None when it is none of these."""
    value = value.strip()
    if NUMBER.match(value):
        return float(value)
    match = CLOCK_LENGTH.match(value) or UNIT_LENGTH.match(value)
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (float(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
