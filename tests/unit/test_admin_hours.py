"""Working hours: open or closed now, when that changes, across daylight-saving changes, with
overnight windows, holidays, day names in both languages, and bad input named."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest

from checks.admin import hours
from checks.admin.hours import _Errors, check, parse_holidays, parse_weekdays, parse_windows

from .test_branches import CJK, HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

NY = "America/New_York"
BERLIN = "Europe/Berlin"


def run(settings, now, admin=None, **schedule) -> dict:
    return check(schedule, now, settings, admin)


def by_id(result: dict) -> dict:
    return {f["id"]: f for f in result["findings"]}


def main(result: dict) -> dict:
    return by_id(result)["working-hours"]


# --- daylight saving time: America/New_York (8 March / 1 November 2026) ---


def test_new_york_spring_forward_an_opening_in_the_skipped_hour_is_at_the_jump(settings):
    # 2026-03-08 01:00 EST; the clocks jump from 02:00 to 03:00, so 02:30 never shows.
    result = run(settings, "2026-03-08T06:00:00Z", weekdays="sun", windows="02:30-10:00", time_zone=NY)
    assert result["open"] is False
    assert result["next_open"]["utc"] == "2026-03-08T07:00:00Z"
    assert result["next_open"]["service"]["iso"] == "2026-03-08T03:00:00-04:00"
    found = main(result)
    assert found["status"] == "warn" and found["step"] == "rules-off-hours" and found["scope"] == "team"
    assert "not assigned for about 1 hour, until Sun 2026-03-08 03:00 (America/New_York)" in found["message"]["en"]
    assert "daylight saving time" in found["message"]["en"] and "夏令时" in found["message"]["zh"]


def test_new_york_spring_forward_a_closing_in_the_skipped_hour_is_at_the_jump(settings):
    result = run(settings, "2026-03-08T06:30:00Z", windows="01:00-02:30", time_zone=NY)
    assert result["open"] is True
    assert result["closes"]["utc"] == "2026-03-08T07:00:00Z"
    assert result["closes"]["service"]["text"]["en"] == "Sun 2026-03-08 03:00 (America/New_York)"


def test_new_york_spring_forward_a_window_inside_the_skipped_hour_does_not_happen(settings):
    result = run(settings, "2026-03-08T06:30:00Z", windows="02:00-02:45", time_zone=NY)
    assert result["open"] is False
    # Not at the jump on 8 March: the next day's 02:00 EDT.
    assert result["next_open"]["utc"] == "2026-03-09T06:00:00Z"
    assert "daylight saving time" not in main(result)["message"]["en"]


def test_new_york_overnight_window_across_spring_forward_is_an_hour_shorter(settings):
    result = run(settings, "2026-03-08T05:00:00Z", weekdays="sat", windows="22:00-06:00", time_zone=NY)
    assert result["open"] is True
    assert result["closes"]["utc"] == "2026-03-08T10:00:00Z"  # 06:00 EDT
    # The window opened at 22:00 EST on Saturday: 03:00 UTC, seven hours earlier.
    (now_window,) = [u for u in result["upcoming"] if u["end"]["utc"] == "2026-03-08T10:00:00Z"]
    assert now_window["start"]["utc"] == "2026-03-08T03:00:00Z"


def test_new_york_fall_back_a_repeated_opening_is_the_first_one(settings):
    # 2026-11-01 01:00 EDT; 01:00-02:00 happens twice, first EDT (UTC-4), then EST (UTC-5).
    before = run(settings, "2026-11-01T05:00:00Z", weekdays="sun", windows="01:30-09:00", time_zone=NY)
    assert before["open"] is False
    assert before["next_open"]["utc"] == "2026-11-01T05:30:00Z"
    assert before["next_open"]["service"]["offset"] == "UTC-04:00"
    assert "daylight saving time" in main(before)["message"]["en"]
    # 01:15 EST, the second time the clock shows 01:15: the window opened at the first 01:30.
    second_pass = run(settings, "2026-11-01T06:15:00Z", weekdays="sun", windows="01:30-09:00", time_zone=NY)
    assert second_pass["open"] is True
    assert second_pass["closes"]["service"]["iso"] == "2026-11-01T09:00:00-05:00"


def test_new_york_fall_back_a_repeated_closing_is_the_first_one(settings):
    result = run(settings, "2026-11-01T06:00:00Z", windows="00:00-01:30", time_zone=NY)
    assert result["open"] is False  # closed at 01:30 EDT, before the clock showed 01:00 again
    assert result["next_open"]["utc"] == "2026-11-02T05:00:00Z"  # Monday 00:00 EST


def test_new_york_fall_back_a_window_across_the_change_is_an_hour_longer(settings):
    result = run(settings, "2026-11-01T05:30:00Z", windows="01:00-02:00", time_zone=NY)
    assert result["open"] is True
    assert result["closes"]["utc"] == "2026-11-01T07:00:00Z"  # 02:00 EST: two hours after 01:00 EDT


# --- daylight saving time: Europe/Berlin (29 March / 25 October 2026) ---


def test_berlin_spring_forward(settings):
    # 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    result = run(settings, "2026-03-29T00:30:00Z", weekdays="周日", windows="02:30-04:00", time_zone=BERLIN)
    assert result["next_open"]["utc"] == "2026-03-29T01:00:00Z"
    assert result["next_open"]["service"]["iso"] == "2026-03-29T03:00:00+02:00"
    inside = run(settings, "2026-03-29T01:30:00Z", weekdays="周日", windows="02:30-04:00", time_zone=BERLIN)
    assert inside["open"] is True and inside["closes"]["utc"] == "2026-03-29T02:00:00Z"


def test_berlin_fall_back(settings):
    # 03:00 CEST falls back to 02:00 CET at 01:00 UTC: 02:30 happens at 00:30 and 01:30 UTC.
    result = run(settings, "2026-10-25T00:00:00Z", weekdays="星期日", windows="02:30-08:00", time_zone=BERLIN)
    assert result["next_open"]["utc"] == "2026-10-25T00:30:00Z"
    assert result["next_open"]["service"]["offset"] == "UTC+02:00"
    closes = run(settings, "2026-10-24T22:00:00Z", weekdays="sat", windows="23:00-02:30", time_zone=BERLIN)
    assert closes["open"] is True and closes["closes"]["utc"] == "2026-10-25T00:30:00Z"


def test_the_admins_zone_is_shown_beside_the_service_zone(settings):
    result = run(settings, "2026-03-09T12:30:00Z", BERLIN, weekdays="mon-fri", windows="09:00-18:00", time_zone=NY)
    assert result["time_zone"] == NY and result["admin_zone"] == BERLIN
    # New York is already on summer time, Berlin not yet: five hours apart, not six.
    assert result["next_open"]["admin"]["iso"] == "2026-03-09T14:00:00+01:00"
    message = main(result)["message"]
    assert (
        "until Mon 2026-03-09 09:00 (America/New_York), which is Mon 2026-03-09 14:00 (Europe/Berlin) for you"
        in (message["en"])
    )
    assert "也就是你的 Europe/Berlin 时间 2026-03-09（周一）14:00" in message["zh"]


def test_the_same_zone_is_not_repeated(settings):
    result = run(settings, "2026-03-09T12:30:00Z", NY, windows="09:00-18:00", time_zone=NY)
    assert "for you" not in main(result)["message"]["en"]
    assert result["next_open"]["admin"]["zone"] == NY


# --- the default zone, fixed offsets, now ---


def test_the_service_zone_comes_from_the_settings(settings):
    settings["service_timezone"] = "Asia/Shanghai"
    result = run(settings, "2026-03-09T02:00:00Z", windows="09:00-18:00")
    assert result["time_zone"] == "Asia/Shanghai" and result["open"] is True
    assert result["closes"]["service"]["iso"] == "2026-03-09T18:00:00+08:00"
    assert (
        "This window closes in about 8 hours, at Mon 2026-03-09 18:00 (Asia/Shanghai)." in main(result)["message"]["en"]
    )
    # While open, the next window is named too.
    assert "The next window opens at Tue 2026-03-10 09:00 (Asia/Shanghai)." in main(result)["message"]["en"]
    assert "下一个时段从 Asia/Shanghai 时间 2026-03-10（周二）09:00 开始。" in main(result)["message"]["zh"]


def test_open_with_no_window_after_this_one(settings):
    result = run(
        settings,
        "2026-03-10T12:00:00Z",
        windows="09:00-18:00",
        holidays="2026-03-11..2027-03-10, 2027-03-11..2028-03-10",
        time_zone="UTC",
    )
    assert result["open"] is True and result["next_open"] is None
    assert result["closes"]["utc"] == "2026-03-10T18:00:00Z"
    assert "next window" not in main(result)["message"]["en"] and "下一个时段" not in main(result)["message"]["zh"]


@pytest.mark.parametrize(("zone", "iso"), [("UTC+8", "+08:00"), ("+05:30", "+05:30"), ("GMT-3", "-03:00")])
def test_fixed_offsets_need_no_time_zone_data(settings, zone, iso):
    result = run(settings, "2026-03-09T00:00:00Z", windows="00:00-24:00", time_zone=zone)
    assert result["now"]["service"]["iso"].endswith(iso)


@pytest.mark.parametrize(("now", "is_open"), [("2026-03-09T09:30:00", True), ("2026-03-09T09:30:00+08:00", False)])
def test_now_without_an_offset_is_utc(settings, now, is_open):
    assert run(settings, now, windows="09:00-10:00", time_zone="UTC")["open"] is is_open


# --- overnight windows, several windows a day ---


def test_an_overnight_window_belongs_to_the_day_it_starts(settings):
    settings["service_timezone"] = "Asia/Shanghai"
    # Friday 22:00 to Saturday 06:00 only.
    saturday_early = run(settings, "2026-03-13T19:00:00Z", weekdays=[5], windows="22:00-06:00")  # Sat 03:00
    assert saturday_early["open"] is True
    assert saturday_early["closes"]["service"]["iso"] == "2026-03-14T06:00:00+08:00"
    saturday_late = run(settings, "2026-03-14T14:30:00Z", weekdays=[5], windows="22:00-06:00")  # Sat 22:30
    assert saturday_late["open"] is False
    assert saturday_late["next_open"]["service"]["iso"] == "2026-03-20T22:00:00+08:00"


def test_windows_that_touch_count_as_one(settings):
    result = run(settings, "2026-03-10T23:00:00Z", windows=["22:00-24:00", "00:00-06:00"], time_zone="UTC")
    assert result["open"] is True
    assert result["closes"]["utc"] == "2026-03-11T06:00:00Z"  # not midnight
    assert result["next_open"]["utc"] == "2026-03-11T22:00:00Z"


def test_a_lunch_break_between_two_windows(settings):
    windows = "09:00-12:00，13:30-18:00"
    lunch = run(settings, "2026-03-10T12:15:00Z", windows=windows, time_zone="UTC")
    assert lunch["open"] is False and lunch["next_open"]["utc"] == "2026-03-10T13:30:00Z"
    assert [(u["start"]["utc"][11:16], u["end"]["utc"][11:16]) for u in lunch["upcoming"][:3]] == [
        ("13:30", "18:00"),
        ("09:00", "12:00"),
        ("13:30", "18:00"),
    ]
    assert len(lunch["upcoming"]) == 14  # a week ahead, two windows a day
    assert lunch["windows"] == [{"start": 540, "end": 720}, {"start": 810, "end": 1080}]


def test_around_the_clock(settings):
    result = run(settings, "2026-03-10T12:00:00Z", windows="00:00-24:00", time_zone="UTC")
    assert result["open"] is True and result["closes"] is None and result["next_open"] is None
    assert "around the clock" in main(result)["message"]["en"]


def test_around_the_clock_until_a_holiday(settings):
    result = run(settings, "2026-03-10T12:00:00Z", windows="00:00-24:00", holidays="2026-04-01", time_zone="UTC")
    assert result["closes"]["utc"] == "2026-04-01T00:00:00Z"
    assert result["next_open"]["utc"] == "2026-04-02T00:00:00Z"


# --- holidays ---


def test_a_holiday_today_warns_and_shuts_its_windows(settings):
    settings["service_timezone"] = "Asia/Shanghai"
    result = run(
        settings,
        "2026-10-01T02:00:00Z",
        weekdays="周一至周五",
        windows="09:00-18:00",
        holidays="2026-10-01..2026-10-07",
    )
    assert result["open"] is False and result["holiday_today"] is True
    assert result["next_open"]["service"]["iso"] == "2026-10-08T09:00:00+08:00"
    holiday = by_id(result)["working-hours-holiday"]
    assert holiday["status"] == "warn" and holiday["step"] == "rules-off-hours"
    assert "2026-10-01" in holiday["message"]["zh"] and holiday["data"] == {"date": "2026-10-01"}


def test_a_holiday_on_a_day_off_is_not_mentioned(settings):
    result = run(settings, "2026-10-04T02:00:00Z", weekdays="mon-fri", windows="09:00-18:00", holidays=["2026-10-04"])
    assert result["holiday_today"] is False and "working-hours-holiday" not in by_id(result)


def test_a_window_from_the_day_before_runs_into_a_holiday(settings):
    result = run(settings, "2026-10-01T03:00:00Z", windows="22:00-06:00", holidays="2026-10-01", time_zone="UTC")
    assert result["open"] is True and result["holiday_today"] is True
    assert result["next_open"]["utc"] == "2026-10-02T22:00:00Z"


def test_long_holidays_are_looked_past(settings):
    result = run(
        settings, "2026-07-01T12:00:00Z", windows="09:00-18:00", holidays="2026-07-01 至 2026-08-31", time_zone="UTC"
    )
    assert result["next_open"]["utc"] == "2026-09-01T09:00:00Z"
    assert "about 62 days" in main(result)["message"]["en"]


def test_no_window_for_a_very_long_time(settings):
    result = run(
        settings,
        "2026-07-01T12:00:00Z",
        windows="09:00-18:00",
        holidays=["2026-07-01..2027-06-30", "2027-07-01~2027-12-31"],
        time_zone="UTC",
    )
    assert result["open"] is False and result["next_open"] is None
    assert "no window opens in the next 400 days" in main(result)["message"]["en"]


def test_holiday_forms():
    errors = _Errors()
    days = parse_holidays("2026/1/1, 2026.05.01..2026-05-03\n\n2026-10-01 到 2026-10-02", errors)
    assert not errors
    assert sorted(d.isoformat() for d in days) == [
        "2026-01-01",
        "2026-05-01",
        "2026-05-02",
        "2026-05-03",
        "2026-10-01",
        "2026-10-02",
    ]


# --- weekday names in both languages ---


@pytest.mark.parametrize(
    "weekdays",
    [
        [1, 2, 3, 4, 5],
        "1-5",
        "mon-fri",
        "Monday - Friday",
        ["mon", "tue", "wed", "thu", "fri"],
        "周一至周五",
        "星期一到星期五",
        "一、二、三、四、五",
        "礼拜一~礼拜五",
        "工作日",
        "workdays",
        (1, "tues", "Wed.", "thurs", "周五"),
    ],
)
def test_monday_to_friday_in_many_forms(weekdays):
    errors = _Errors()
    assert parse_weekdays(weekdays, errors) == {1, 2, 3, 4, 5}
    assert not errors


@pytest.mark.parametrize(
    ("weekdays", "days"),
    [
        ("周末", {6, 7}),
        ("weekend", {6, 7}),
        ("礼拜天", {7}),
        ("星期日", {7}),
        ("sunday", {7}),
        ("fri-mon", {5, 6, 7, 1}),  # a range may wrap around the week
        ("周六-周一", {6, 7, 1}),
        ("每天", set(range(1, 8))),
        (None, set(range(1, 8))),  # not given: every day
        ([], set()),
        (",sat", {6}),
    ],
)
def test_other_day_sets(weekdays, days):
    errors = _Errors()
    assert parse_weekdays(weekdays, errors) == days
    assert not errors


def test_chinese_and_english_names_run_the_same_schedule(settings):
    zh = run(settings, "2026-03-14T10:00:00Z", weekdays="周一至周五", windows="09:00-18:00", time_zone="UTC")
    en = run(settings, "2026-03-14T10:00:00Z", weekdays="mon-fri", windows="09:00-18:00", time_zone="UTC")
    assert zh["open"] is en["open"] is False  # Saturday
    assert zh["next_open"] == en["next_open"] and zh["next_open"]["utc"] == "2026-03-16T09:00:00Z"


# --- no windows ---


@pytest.mark.parametrize(
    ("schedule", "title"),
    [
        ({"windows": ""}, "No working hours are set"),
        ({"windows": []}, "No working hours are set"),
        ({}, "No working hours are set"),
        ({"windows": "09:00-18:00", "weekdays": []}, "No working day is selected"),
    ],
)
def test_a_schedule_without_windows_fails(settings, schedule, title):
    result = check({**schedule, "time_zone": "UTC"}, "2026-03-10T12:00:00Z", settings)
    (found,) = result["findings"]
    assert found["id"] == "working-hours-empty" and found["status"] == "fail" and found["step"] == "rules-off-hours"
    assert found["title"]["en"] == title and "never assigned" in found["message"]["en"]
    assert result["open"] is False


# --- bad input ---


def input_errors(result: dict) -> list[dict]:
    (found,) = result["findings"]
    assert found["id"] == "working-hours-input" and found["status"] == "unknown"
    assert result["open"] is None
    return found["data"]["errors"]


@pytest.mark.parametrize(
    ("windows", "line", "words"),
    [
        ("25:00-26:00", 1, "hours must be 0 to 24"),
        ("09:00-24:30", 1, "hours must be 0 to 24"),
        ("24:00-06:00", 1, "24:00 can only end a window"),
        ("09:60-10:00", 1, "minutes must be 00 to 59"),
        ("09:00-10:75", 1, "minutes must be 00 to 59"),
        ("nine-five", 1, "not a time"),
        ("09:00", 1, "not a window"),
        ("09:00-12:00-13:00", 1, "not a window"),
        ("09:00-09:00", 1, "00:00-24:00"),
        ("00:00-00:00", 1, "00:00-24:00"),
        ("09:00-12:00\n13:00-25:00", 2, "hours must be 0 to 24"),
        (["09:00-12:00", "", "13:00-25:00"], 3, "hours must be 0 to 24"),
        ("09:00-12:00, 13:00-25:00", 1, "hours must be 0 to 24"),
        ([900], 1, "not a window"),
        (900, 1, "not a window"),
    ],
)
def test_a_bad_window_names_its_place(settings, windows, line, words):
    (error,) = input_errors(run(settings, "2026-03-10T12:00:00Z", windows=windows, time_zone="UTC"))
    assert error["field"] == "windows" and error["line"] == line
    assert words in error["message"]["en"]
    # Named by its place among the windows: the page types them on one line.
    nth = 2 if line > 1 or "," in str(windows) else 1
    assert error["item"] == nth
    assert error["message"]["zh"].startswith(f"工作时段里第 {nth} 个时段“")
    assert error["message"]["en"].startswith(f"Working hours, time window {nth} (“")


def test_the_finding_names_the_window_in_both_languages(settings):
    found = run(settings, "2026-03-10T12:00:00Z", windows="09:00-12:00, 25:00-26:00", time_zone="UTC")["findings"][0]
    assert (
        found["message"]["zh"]
        == "工作时段里第 2 个时段“25:00-26:00”：小时应在 0 到 24 之间（24:00 只能作为结束时间）。"
    )
    assert found["message"]["en"] == (
        "Working hours, time window 2 (“25:00-26:00”): hours must be 0 to 24 (24:00 only as an end)."
    )
    assert "09:00-18:00" in found["fix"]["en"]


def test_a_bad_holiday_names_its_line(settings):
    found = run(settings, "2026-03-10T12:00:00Z", windows="09:00-18:00", holidays="2026-10-01\nsoon")["findings"][0]
    assert found["message"]["zh"].startswith("节假日第 2 行“soon”：")
    assert found["message"]["en"].startswith("Holidays, line 2 (“soon”): not a date")


def test_input_errors_name_the_fields_as_the_form_labels_them():
    strings = tomllib.loads((Path(__file__).resolve().parents[2] / "strings.toml").read_text(encoding="utf-8"))
    t = strings["admin"]
    for field, key in [
        ("weekdays", "hours_days"),
        ("windows", "hours_windows"),
        ("holidays", "hours_holidays"),
        ("time_zone", "hours_zone"),
        ("admin_zone", "hours_admin_zone"),
    ]:
        assert hours.FIELDS[field]["zh"] == t[key]["zh"].split("（")[0]
        assert hours.FIELDS[field]["en"] == t[key]["en"].split(" (")[0]


@pytest.mark.parametrize(
    ("seconds", "zh", "en"),
    [
        (59 * 60, "约 59 分钟", "about 59 minutes"),
        (3600, "约 1 小时", "about 1 hour"),
        (8 * 3600, "约 8 小时", "about 8 hours"),
        (10 * 3600 + 48 * 60 + 10, "约 10 小时 48 分钟", "about 10 h 48 min"),
        (47 * 3600 + 59 * 60, "约 47 小时 59 分钟", "about 47 h 59 min"),
        (48 * 3600, "约 2 天", "about 2 days"),
    ],
)
def test_waits_read_in_hours_and_minutes(seconds, zh, en):
    assert hours._span(seconds) == {"zh": zh, "en": en}


@pytest.mark.parametrize(
    ("schedule", "field", "words"),
    [
        ({"weekdays": "周八"}, "weekdays", "not a day"),
        ({"weekdays": [0]}, "weekdays", "not a day"),
        ({"weekdays": [True]}, "weekdays", "expected 1 to 7"),
        ({"weekdays": "周"}, "weekdays", "not a day"),
        ({"weekdays": "mon-tue-wed"}, "weekdays", "not a day"),
        ({"holidays": "2026-02-30"}, "holidays", "not a date"),
        ({"holidays": "tomorrow"}, "holidays", "not a date"),
        ({"holidays": "2026-10-07..2026-10-01"}, "holidays", "the last day must follow the first"),
        ({"holidays": "2026-01-01..2027-06-01"}, "holidays", "within a year"),
        ({"time_zone": "Asia/Shangai"}, "time_zone", "unknown time zone"),
        ({"time_zone": "asia/shanghai"}, "time_zone", "case matters"),
        ({"time_zone": "../etc/passwd"}, "time_zone", "unknown time zone"),
        ({"time_zone": "America"}, "time_zone", "unknown time zone"),
        ({"time_zone": "UTC+15"}, "time_zone", "unknown time zone"),
        ({"time_zone": 8}, "time_zone", "unknown time zone"),
    ],
)
def test_bad_fields_are_named(settings, schedule, field, words):
    result = check({"windows": "09:00-18:00", "time_zone": "UTC", **schedule}, "2026-03-10T12:00:00Z", settings)
    (error,) = input_errors(result)
    assert error["field"] == field and words in error["message"]["en"]


def test_no_zone_anywhere(settings):
    settings["service_timezone"] = ""
    (error,) = input_errors(run(settings, "2026-03-10T12:00:00Z", windows="09:00-18:00"))
    assert error["field"] == "time_zone" and "no time zone is set" in error["message"]["en"]


@pytest.mark.parametrize("now", ["yesterday", "", None, 1773144000])
def test_a_bad_now_is_named(settings, now):
    (error,) = input_errors(run(settings, now, windows="09:00-18:00", time_zone="UTC"))
    assert error["field"] == "now"


@pytest.mark.parametrize("admin", ["Mars/Olympus", 5])
def test_a_bad_admin_zone_is_named(settings, admin):
    (error,) = input_errors(run(settings, "2026-03-10T12:00:00Z", admin, windows="09:00-18:00", time_zone="UTC"))
    assert error["field"] == "admin_zone" and "你的时区" in error["message"]["zh"]


@pytest.mark.parametrize("schedule", [None, "09:00-18:00", ["09:00-18:00"]])
def test_a_schedule_that_is_not_an_object(settings, schedule):
    errors = input_errors(check(schedule, "2026-03-10T12:00:00Z", settings))
    assert errors[0]["field"] == "schedule"


def test_many_errors_are_counted_not_all_listed(settings):
    windows = "\n".join(f"2{n}:00-2{n}:99" for n in range(8))
    result = run(settings, "2026-03-10T12:00:00Z", windows=windows, time_zone="UTC")
    assert len(input_errors(result)) == 8
    message = result["findings"][0]["message"]
    assert message["en"].endswith("And 3 more.") and message["zh"].endswith("；另有 3 处。")


# --- the time zone data cannot be loaded ---


def test_without_the_zoneinfo_module(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "zoneinfo", None)  # import zoneinfo now raises ImportError
    result = run(settings, "2026-03-10T12:00:00Z", windows="09:00-18:00", time_zone=NY)
    (found,) = result["findings"]
    assert found["id"] == "working-hours-zone" and found["status"] == "unknown"
    assert "time zone data" in found["message"]["en"] and "时区数据" in found["message"]["zh"]
    assert settings["support"]["internal_contact"]["en"] in found["fix"]["en"]
    # A fixed offset still works without it.
    assert run(settings, "2026-03-10T02:00:00Z", windows="09:00-18:00", time_zone="UTC+8")["open"] is True


@pytest.mark.parametrize("which", ["service", "admin"])
def test_without_tzdata(settings, monkeypatch, which):
    import zoneinfo

    real = zoneinfo.ZoneInfo
    missing = {"UTC", NY if which == "service" else BERLIN}

    def zone(key):
        if key in missing:
            raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {key}")
        return real(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", zone)
    service = NY if which == "service" else "Asia/Tokyo"
    result = run(settings, "2026-03-10T12:00:00Z", BERLIN, windows="09:00-18:00", time_zone=service)
    assert [f["id"] for f in result["findings"]] == ["working-hours-zone"]


def test_hours_imports_zoneinfo_only_when_it_runs():
    source = hours.__loader__.get_source(hours.__name__)
    assert "\nimport zoneinfo" not in source and "        import zoneinfo" in source


# --- JSON and wording ---


SAMPLES = [
    ({"weekdays": "sun", "windows": "02:30-10:00", "time_zone": NY}, "2026-03-08T06:00:00Z", BERLIN),
    ({"windows": "01:00-02:30", "time_zone": NY}, "2026-03-08T06:30:00Z", None),
    ({"windows": "00:00-24:00", "time_zone": "UTC"}, "2026-03-10T12:00:00Z", None),
    ({"windows": "09:00-18:00", "holidays": "2026-10-01", "time_zone": "Asia/Shanghai"}, "2026-10-01T02:00:00Z", NY),
    (
        {"windows": "09:00-18:00", "holidays": "2026-07-01..2027-06-30\n2027-07-01..2027-12-31"},
        "2026-07-01T12:00:00Z",
        None,
    ),
    ({"windows": ""}, "2026-03-10T12:00:00Z", None),
    ({"windows": "25:00-26:00", "weekdays": "周八", "time_zone": "Nowhere/Else"}, "x", "Mars/X"),
]


@pytest.mark.parametrize(("schedule", "now", "admin"), SAMPLES)
def test_results_are_json_and_worded_for_each_language(settings, schedule, now, admin):
    result = check(schedule, now, settings, admin)
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    assert result["findings"]
    for f in result["findings"]:
        assert f["check"] == hours.CHECK and f["scope"] == "team"
        for key in ("title", "message", "fix"):
            zh, en = f[key]["zh"], f[key]["en"]
            assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], key, zh)
            assert not UNSPACED_LATIN.search(zh), (f["id"], key, zh)
            assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], key, zh)
            assert "  " not in zh and "  " not in en and en == en.strip()
            if key != "title" and zh:
                assert zh[-1] in "。）”", (f["id"], key, zh)
            if f["id"] != "working-hours-input":  # that one quotes what was typed
                assert not CJK.search(en), (f["id"], key, en)
        if f["status"] != "ok":
            assert f["fix"]["zh"] and f["fix"]["en"]


def test_parse_windows_overnight_and_24():
    errors = _Errors()
    assert parse_windows("22:00-06:00 00:00-24:00 9-17:30 8：00～9：00", errors) == [
        (1320, 1800),
        (0, 1440),
        (540, 1050),
        (480, 540),
    ]
    assert not errors


def test_a_window_inside_another_changes_nothing(settings):
    result = run(settings, "2026-03-10T10:30:00Z", windows="09:00-18:00, 10:00-12:00", time_zone="UTC")
    assert result["closes"]["utc"] == "2026-03-10T18:00:00Z"
    assert [u["end"]["utc"][11:16] for u in result["upcoming"][:2]] == ["18:00", "18:00"]


def test_blank_holiday_items_are_skipped():
    errors = _Errors()
    assert [d.isoformat() for d in parse_holidays(["，2026-10-01"], errors)] == ["2026-10-01"]
    assert not errors


def test_the_daylight_saving_note_is_only_for_the_edge_it_moved(settings):
    schedule = {"windows": "01:00-02:30", "time_zone": NY}
    inside = check(schedule, "2026-03-08T06:30:00Z", settings)
    assert "daylight saving time" in main(inside)["message"]["en"]  # closes at the jump
    before = check(schedule, "2026-03-08T05:30:00Z", settings)
    assert before["next_open"]["service"]["iso"] == "2026-03-08T01:00:00-05:00"
    assert "daylight saving time" not in main(before)["message"]["en"]  # 01:00 is an ordinary time
