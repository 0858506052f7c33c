"""Numbers, durations and lists worded the same way in every finding."""

from __future__ import annotations


def ms(value: float) -> str:
    return f"{value:.0f}"


def seconds_from_ms(value: float) -> str:
    """8000 -> "8", 2500 -> "2.5"."""
    return f"{value / 1000:g}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def duration(seconds: float) -> dict[str, str]:
    """A rounded, readable length of time: seconds, then minutes, hours, days."""
    s = abs(seconds)
    if s < 1:
        return {"zh": "不到 1 秒", "en": "less than a second"}
    if s < 120:
        n = round(s)
        return {"zh": f"{n} 秒", "en": plural(n, "second", "seconds")}
    if s < 2 * 3600:
        n = round(s / 60)
        return {"zh": f"约 {n} 分钟", "en": f"about {n} minutes"}
    if s < 2 * 86400:
        h = f"{s / 3600:.1f}".removesuffix(".0")
        return {"zh": f"约 {h} 小时", "en": f"about {h} hours"}
    n = round(s / 86400)
    return {"zh": f"约 {n} 天", "en": f"about {n} days"}


def join(items: list[str], lang: str) -> str:
    """A list inside a sentence: 、 in Chinese, commas in English."""
    return ("、" if lang == "zh" else ", ").join(items)


def join_and(items: list[str]) -> dict[str, str]:
    """["a", "b", "c"] -> "a、b 和 c" / "a, b and c"."""
    if len(items) < 2:
        return {"zh": "".join(items), "en": "".join(items)}
    return {"zh": f"{'、'.join(items[:-1])} 和 {items[-1]}", "en": f"{', '.join(items[:-1])} and {items[-1]}"}


def cjk_gap(text: str) -> str:
    """A space before text that starts with a Latin letter or digit, as Chinese typesetting wants."""
    return f" {text}" if text[:1].isascii() and text[:1].isalnum() else text


def utc_offset(minutes: float) -> str:
    """480 -> "UTC+08:00" (minutes east of UTC, the ISO 8601 sign)."""
    sign = "+" if minutes >= 0 else "-"
    m = round(abs(minutes))
    return f"UTC{sign}{m // 60:02d}:{m % 60:02d}"
