"""Shared number and duration wording."""

from __future__ import annotations

import pytest

from checks.wording import cjk_gap, duration, join, join_and, ms, seconds_from_ms, utc_offset


@pytest.mark.parametrize(
    ("seconds", "zh", "en"),
    [
        (0.4, "不到 1 秒", "less than a second"),
        (1.2, "1 秒", "1 second"),
        (-45, "45 秒", "45 seconds"),
        (119, "119 秒", "119 seconds"),
        (300, "约 5 分钟", "about 5 minutes"),
        (-3 * 3600, "约 3 小时", "about 3 hours"),
        (5400 * 3, "约 4.5 小时", "about 4.5 hours"),
        (3 * 86400, "约 3 天", "about 3 days"),
    ],
)
def test_duration(seconds, zh, en):
    assert duration(seconds) == {"zh": zh, "en": en}


def test_small_formatters():
    assert ms(1499.6) == "1500"
    assert seconds_from_ms(8000) == "8" and seconds_from_ms(2500) == "2.5"
    assert join(["a", "b"], "zh") == "a、b" and join(["a", "b"], "en") == "a, b"
    assert utc_offset(480) == "UTC+08:00" and utc_offset(-210) == "UTC-03:30" and utc_offset(0) == "UTC+00:00"
    assert join_and(["a"]) == {"zh": "a", "en": "a"}
    assert join_and(["a", "b", "c"]) == {"zh": "a、b 和 c", "en": "a, b and c"}
    assert cjk_gap("5 秒") == " 5 秒" and cjk_gap("约 5 分钟") == "约 5 分钟" and cjk_gap("") == ""
