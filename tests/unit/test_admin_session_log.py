"""Session-log analysis: encodings, columns, timestamps, findings and the chart, from real bytes."""

from __future__ import annotations

import codecs
import io
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from checks.admin import session_log
from checks.admin.session_log import SessionLogReader, analyse, columns, decode
from checks.admin.session_log.timestamps import Clock

from .test_branches import HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

FIXTURES = Path(__file__).parent / "fixtures" / "session_log"
SVG = "{http://www.w3.org/2000/svg}"
HEADER = "会话ID,开始时间,结束时间,客服,状态,渠道,首次响应时间,消息数"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def by_id(result: dict) -> dict:
    return {f["id"]: f for f in result["findings"]}


def in_chunks(data: bytes, size: int):
    return [data[i : i + size] for i in range(0, len(data), size)]


def weeks_of_sessions(days: int = 21, per_hour: int = 4, skip=(), start=datetime(2026, 11, 2), agents=("张三", "李四")):
    """Sessions every working hour (9:00 to 18:00) for days days, except the (day, hour) pairs in skip."""
    rows = [HEADER]
    n = 0
    for day in range(days):
        for hour in range(9, 18):
            if (day, hour) in skip:
                continue
            for k in range(per_hour):
                n += 1
                begin = start + timedelta(days=day, hours=hour, minutes=k * 10)
                end = begin + timedelta(minutes=8)
                agent = agents[n % len(agents)]
                rows.append(
                    f"S{n},{begin:%Y-%m-%d %H:%M:%S},{end:%Y-%m-%d %H:%M:%S},{agent},已结束,网页,{begin:%H:%M:%S},6"
                )
    return rows


def encode(rows: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(rows) + "\n").encode(encoding)


# Encodings


def test_gb18030_file():
    result = analyse(fixture("gb18030.csv"))
    assert result["ok"], result["error"]
    assert result["encoding"] == "gb18030"
    assert result["headers"][:4] == ["会话ID", "开始时间", "结束时间", "客服"]
    assert dict(result["agents"]) == {"张三": 2, "李四": 1}
    assert dict(result["channels"]) == {"微信": 1, "网页": 2, "微信公众号": 1}
    assert result["sessions"] == 4
    assert result["malformed"]["count"] == 0


def test_utf8_bom_file():
    result = analyse(fixture("bom_utf8.csv"))
    assert result["encoding"] == "utf-8-sig"
    assert result["headers"][0] == "Session ID"  # no BOM left on the first header
    assert result["columns"]["session_id"]["index"] == 0
    # The first offset in the file (+08:00) is the export's zone: 01:45Z is 09:45 there.
    assert result["offset_minutes"] == 480
    assert result["span"]["from"] == "2026-11-25 09:00"
    assert by_id(result)["session-log-read"]["status"] == "ok"


def test_utf8_without_bom_and_plain_ascii():
    data = encode([*weeks_of_sessions(1, 1)])
    assert analyse(data)["encoding"] == "utf-8"
    ascii_only = encode(["Session ID,Start time", "a,2026-11-25 09:00:00"])
    assert analyse(ascii_only)["encoding"] == "utf-8"


def test_utf16_excel_text_with_bom_tabs_and_serial_dates():
    result = analyse(fixture("utf16_excel.txt"))
    assert result["ok"], result["error"]
    assert result["encoding"] == "utf-16-le"
    assert result["delimiter"] == "\t"
    assert {k: v["header"] for k, v in result["columns"].items() if v["header"]} == {
        "start": "接入时间",
        "end": "关闭时间",
        "agent": "坐席",
        "status": "会话状态",
        "channel": "来源",
        "agent_messages": "客服消息数",
    }
    # 46351.39583 is 2026-11-25 09:30 (Excel serial days); 46352 is the next midnight.
    assert result["span"] == {"from": "2026-11-25 09:00", "to": "2026-11-26 01:00", "hours": 16}
    found = by_id(result)
    assert found["session-log-queued"]["status"] == "warn"  # 待接入
    assert found["session-log-instant-closes"]["data"]["count"] == 1  # 4 seconds, 0 agent messages
    assert found["session-log-instant-closes"]["data"]["examples"][0]["start"] == "2026-11-26 00:00"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_and_without_bom(codec):
    data = encode(weeks_of_sessions(2, 2), codec)
    result = analyse(data)
    assert result["ok"], result["error"]
    assert result["encoding"] == ("utf-16-le" if codec == "utf-16" else codec)
    assert result["sessions"] == 2 * 9 * 2
    assert dict(result["agents"]) == {"张三": 18, "李四": 18}


@pytest.mark.parametrize("size", [1, 7, 1000])
def test_chunk_size_does_not_change_the_result(size):
    for data in (
        fixture("gb18030.csv"),
        fixture("utf16_excel.txt"),
        fixture("bad_rows.csv"),
        encode(weeks_of_sessions(3, 2), "gb18030").replace(b"\n", b"\r\n"),
    ):
        whole = analyse(data)
        assert analyse(in_chunks(data, size)) == whole


def test_gbk_text_after_a_long_ascii_start_is_still_gb18030():
    rows = ["Session ID,Start time,Agent"] + [f"S{i},2026-11-25 09:{i % 60:02d}:00,Bob" for i in range(200)]
    rows.append("S200,2026-11-25 10:00:00,王五")
    data = encode(rows, "gbk")
    result = analyse(in_chunks(data, 3))
    assert result["encoding"] == "gb18030"
    assert dict(result["agents"])["王五"] == 1


def test_short_non_ascii_tail_is_decided_at_the_end():
    assert analyse(b"Start time,Agent\n2026-11-25 09:00,\xe7\x8e\x8b")["encoding"] == "utf-8"
    assert analyse(b"Start time,Agent\n2026-11-25 09:00,\xcd\xf5")["encoding"] == "gb18030"


def test_decoder_directly():
    decoder = decode.StreamDecoder()
    assert decoder.feed(b"ab") == ""  # waits for enough bytes to sniff
    assert decoder.finish() == "ab"
    assert decoder.encoding == "utf-8"
    assert decode.sniff(b"abc") == (None, None)


# Files that are not a session log


def test_empty_file():
    for data in (fixture("empty.csv"), b"\n\n  \r\n", codecs.BOM_UTF8):
        result = analyse(data)
        assert not result["ok"]
        assert result["error"]["code"] == "empty"
        assert "空" in result["error"]["message"]["zh"]
        assert result["findings"][0]["id"] == "session-log-read"
        assert result["findings"][0]["status"] == "unknown"


def test_header_only():
    result = analyse(encode([HEADER]))
    assert result["ok"]
    assert result["sessions"] == 0
    assert [f["id"] for f in result["findings"]] == ["session-log-read"]
    assert result["findings"][0]["status"] == "unknown"
    assert result["chart"] == ""


@pytest.mark.parametrize(
    ("data", "kind", "word"),
    [
        (fixture("spreadsheet.xlsx"), "zip", "xlsx"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "xls", ".xls"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip", "compressed"),
        (b"Start time,Agent\n2026-11-25 09:00,\x00\x01\x02\xff\xfe" * 3, "nul", "binary"),
    ],
)
def test_binary_files(data, kind, word):
    result = analyse(data)
    assert result["error"]["code"] == "not-text"
    assert result["error"]["detail"] == kind
    assert word in result["error"]["message"]["en"]
    assert result["sessions"] == 0


def test_file_over_the_limit_with_a_known_size_is_not_read():
    def never():
        raise AssertionError("read although the size was known")
        yield b""  # pragma: no cover

    result = analyse(never(), {"size": 2_000_000, "limit_bytes": 1_000_000})
    assert result["error"]["code"] == "too-large"
    assert "1 MB" in result["error"]["message"]["zh"]
    assert result["bytes"] == 0


def test_file_over_the_limit_stops_reading_when_the_count_passes_it():
    pulled = []

    def chunks():
        for i in range(100):
            pulled.append(i)
            yield b"x" * 1000

    result = analyse(chunks(), {"limit_bytes": 10_500})
    assert result["error"]["code"] == "too-large"
    assert len(pulled) == 11  # stopped at the chunk that passed the limit
    reader = SessionLogReader({"limit_bytes": 10})
    assert reader.feed(b"12345") is True
    assert reader.feed(b"123456") is False
    assert reader.feed(b"1") is False  # stays stopped


def test_file_object_size_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(encode(weeks_of_sessions(2, 2)))
    with path.open("rb") as f:
        assert analyse(f, {"limit_bytes": 100})["error"]["code"] == "too-large"
        assert f.tell() == 0
    with path.open("rb") as f:
        assert analyse(f)["sessions"] == 36
    assert analyse(io.BytesIO(path.read_bytes()))["sessions"] == 36  # no fileno: read and counted


def test_read_errors():
    class Broken(io.RawIOBase):
        def read(self, n=-1):
            raise OSError("disk gone")

    assert analyse(Broken())["error"]["code"] == "read"
    assert analyse(["Start time\n"])["error"]["code"] == "read"  # text, not bytes
    assert analyse(12345)["error"]["code"] == "read"


def test_bad_options():
    assert SessionLogReader(None).options["limit_bytes"] == 100 * 1024 * 1024
    assert analyse(b"a", "fast")["error"]["code"] == "options"
    bad_options = (
        {"limit_bytes": -1},
        {"gap_min_sessions": True},
        {"instant_seconds": "10"},
        {"utc_offset_minutes": 10**12},
        {"one_agent_share": float("nan")},
    )
    for bad in bad_options:
        result = analyse(fixture("gb18030.csv"), bad)
        assert result["error"]["code"] == "options"
        assert next(iter(bad)) in result["error"]["message"]["en"]


# Columns


def test_header_synonyms_and_normalising():
    headers = ["会话编号", "创建时间（北京时间）", "坐席名称", "来源渠道", "Status", "First Response Time", "消息总数"]
    assert columns.guess(headers) == {
        "session_id": 0,
        "start": 1,
        "agent": 2,
        "channel": 3,
        "status": 4,
        "first_response": 5,
        "messages": 6,
    }
    assert columns.guess(["Start_Time (UTC+8)", "Agent Name", "End-Time"]) == {"start": 0, "agent": 1, "end": 2}
    # The usual name wins over a synonym, wherever it stands.
    assert columns.guess(["接入时间", "开始时间", "Start"])["start"] == 1


def test_no_synonym_names_two_fields():
    seen = [normalise for _label, synonyms in columns.FIELDS.values() for normalise in synonyms]
    assert len(seen) == len(set(seen))
    assert all(columns.normalise(s) == s for s in seen)  # written as normalise() leaves them


def test_override_by_name_index_and_removal():
    data = encode(["When,Who,开始时间", "2026-11-25 09:00,Ann,bad", "2026-11-25 10:00,Ann,bad"])
    assert analyse(data)["malformed"]["count"] == 2  # 开始时间 guessed, and it holds no times
    result = analyse(data, {"columns": {"start": "when", "agent": 1, "status": None, "channel": ""}})
    assert result["ok"]
    assert result["columns"]["start"] == {"label": {"zh": "开始时间", "en": "Start time"}, "index": 0, "header": "When"}
    assert result["columns"]["agent"]["header"] == "Who"
    assert result["malformed"]["count"] == 0
    assert result["sessions"] == 2


@pytest.mark.parametrize(
    ("override", "word"),
    [
        ({"start_time": "When"}, "start_time"),
        ({"start": "Nope"}, "Nope"),
        ({"start": 9}, "9"),
        ({"start": True}, "True"),
        ({"start": 1.5}, "1.5"),
        (["start"], "form"),
    ],
)
def test_bad_override(override, word):
    result = analyse(encode(["When,Who", "2026-11-25 09:00,Ann"]), {"columns": override})
    assert result["error"]["code"] == "columns"
    assert word in result["error"]["message"]["en"]


def test_no_start_column_names_the_headers():
    result = analyse(encode(["Name,Email", "Ann,a@example.com"]))
    assert result["error"]["code"] == "no-start-column"
    assert "Name, Email" in result["error"]["message"]["en"]
    assert "Name、Email" in result["error"]["message"]["zh"]
    assert result["headers"] == ["Name", "Email"]  # so the page can offer them


def test_semicolon_delimiter():
    result = analyse(encode(["Start time;Agent", "2026-11-25 09:00;Ann"]))
    assert result["delimiter"] == ";"
    assert dict(result["agents"]) == {"Ann": 1}


# Timestamps


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-25 09:30:00", datetime(2026, 11, 25, 9, 30)),
        ("2026/11/25 9:30", datetime(2026, 11, 25, 9, 30)),
        ("2026.11.25 09:30:15.250", datetime(2026, 11, 25, 9, 30, 15, 250000)),
        ("2026-11-25T09:30:00", datetime(2026, 11, 25, 9, 30)),
        ("2026年11月25日 09:30", datetime(2026, 11, 25, 9, 30)),
        ("2026年11月25日09时30分15秒", datetime(2026, 11, 25, 9, 30, 15)),
        ("2026-11-25", datetime(2026, 11, 25)),
        ("46351.39583", datetime(2026, 11, 25, 9, 30)),
        ("46351", datetime(2026, 11, 25)),
        ("not a date", None),
        ("2026-02-30 10:00", None),
        ("12", None),
        ("1969-12-31 23:00", None),
        ("2200-01-01 00:00", None),
        ("9999/12/31 23:00-05:00", None),
        ("25568", None),  # Excel's 1969-12-31
    ],
)
def test_wall_clock_formats(value, expected):
    assert Clock().parse(value) == expected


def test_offsets_and_unix_times():
    clock = Clock(480)  # the export is in UTC+08:00
    assert clock.parse("2026-11-25T01:30:00Z") == datetime(2026, 11, 25, 9, 30)
    assert clock.parse("2026-11-25T09:30:00-0500") == datetime(2026, 11, 25, 22, 30)
    assert clock.parse("2026-11-25 9:30+00:00") == datetime(2026, 11, 25, 17, 30)  # not ISO: the slower reading
    assert clock.parse("2026/11/25 09:30:00Z") == datetime(2026, 11, 25, 17, 30)
    assert clock.parse("1795570200") == datetime(2026, 11, 25, 9, 30)  # Unix seconds, UTC 01:30
    assert clock.parse("1795570200000") == datetime(2026, 11, 25, 9, 30)  # milliseconds
    assert not clock.assumed_utc
    first = Clock()
    assert first.parse("1795570200") == datetime(2026, 11, 25, 1, 30)
    assert first.assumed_utc
    later = Clock()
    assert later.parse("2026-11-25T09:30:00+05:30") == datetime(2026, 11, 25, 9, 30)
    assert later.offset == 330
    assert later.parse("2026-11-25T04:00:00Z") == datetime(2026, 11, 25, 9, 30)


def test_unix_times_without_a_zone_are_said_to_be_utc():
    rows = ["Start time,Agent", "1795570200,Ann", "1795573800,Ann"]
    result = analyse(encode(rows))
    assert result["assumed_utc"]
    assert "UTC" in by_id(result)["session-log-read"]["message"]["en"]
    result = analyse(encode(rows), {"utc_offset_minutes": 480})
    assert not result["assumed_utc"]
    assert result["span"]["from"] == "2026-11-25 09:00"


def test_excel_serial_dates_in_a_file():
    rows = ["开始时间,结束时间,客服,消息数"] + [
        f"{46351 + d / 24:.5f},{46351 + d / 24 + 0.00005:.5f},王五,0" for d in range(5)
    ]
    result = analyse(encode(rows))
    assert result["span"]["from"] == "2026-11-25 00:00"
    assert result["hourly"]["counts"] == [1, 1, 1, 1, 1]
    assert by_id(result)["session-log-instant-closes"]["status"] == "warn"


# Malformed rows


def test_bad_rows_are_counted_with_their_lines():
    result = analyse(fixture("bad_rows.csv"))
    assert result["ok"]
    bad = result["malformed"]
    assert bad["count"] == 5
    assert [e["line"] for e in bad["examples"]] == [3, 4, 7, 9, 10]
    assert [e["field"] for e in bad["examples"]] == ["start", "start", "end", "start", "start"]
    assert "yesterday" in bad["examples"][0]["reason"]["en"]
    assert "only 1 columns" in bad["examples"][3]["reason"]["en"]
    # B1, B4 (a quoted field over two lines), B5 (its start still counts) and B8 on line 11.
    assert result["sessions"] == 4
    assert dict(result["agents"]) == {"Alice": 2, "Carol\nwith a line break": 1, "Bob": 1}
    finding = by_id(result)["session-log-malformed"]
    assert finding["status"] == "warn"
    assert "3, 4, 7, 9, 10" in finding["message"]["en"]
    assert "3、4、7、9、10" in finding["message"]["zh"]


def test_only_the_first_five_bad_lines_are_kept():
    rows = ["Start time,Agent"] + [f"bad{i},Ann" for i in range(50)] + ["2026-11-25 09:00,Ann"]
    result = analyse(encode(rows))
    assert result["malformed"]["count"] == 50
    assert [e["line"] for e in result["malformed"]["examples"]] == [2, 3, 4, 5, 6]
    assert result["sessions"] == 1


def test_invalid_csv_and_unclosed_quotes(monkeypatch):
    data = encode(["Start time,Agent", 'x"y,Ann', "2026-11-25 09:00,Ann", '"2026-11-25 10:00,Bob'])
    result = analyse(data)
    # Line 2's stray quote pulls line 3 into its record, which is not valid CSV.
    assert result["malformed"]["examples"][0]["line"] == 2
    assert result["malformed"]["examples"][0]["field"] is None
    monkeypatch.setattr(session_log, "MAX_RECORD", 30)
    rows = ["Start time,Agent", '"2026-11-25 09:00,Ann'] + ["2026-11-25 10:00,Bob"] * 5 + ['2026-11-25 11:00,"Cy"']
    result = analyse(encode(rows))
    assert result["malformed"]["examples"][0]["line"] == 2
    assert "quote" in result["malformed"]["examples"][0]["reason"]["en"]
    assert result["sessions"] >= 1
    # A quote still open at the end of the file: the last record is read as it stands.
    result = analyse(encode(["Start time,Agent", '2026-11-25 10:00,"Bob']))
    assert dict(result["agents"]) == {"Bob": 1}


# Findings


def test_gap_against_the_same_weekday_and_hour():
    # Three weeks of 4 sessions an hour, 9:00 to 18:00; none on day 16 from 10:00 to 13:00.
    data = encode(weeks_of_sessions(21, 4, skip={(16, 10), (16, 11), (16, 12)}))
    result = analyse(data)
    assert [(g["start"], g["end"], g["hours"]) for g in result["gaps"]] == [("2026-11-18 10:00", "2026-11-18 13:00", 3)]
    assert result["gaps"][0]["expected"] == 12  # 4 an hour, usually
    gap = by_id(result)["session-log-gaps"]
    assert gap["status"] == "warn"
    assert gap["step"] == "persist-session-logs"
    assert gap["scope"] == "team"
    # The gap's end on the same day as its start is shortened; the bracket is explained once.
    assert gap["message"]["zh"] == (
        "这些时段平时每小时至少有 3 个新会话，这次一个也没有：2026-11-18 10:00 至 13:00（09:30、13:00）。"
        "括号里是空档前最后一个、空档后第一个新会话的时间。"
    )
    assert gap["message"]["en"].endswith(
        "had none: 2026-11-18 10:00 to 13:00 (09:30, 13:00). In brackets: the last new session before the gap "
        "and the first after it."
    )
    assert result["gaps"][0]["last_before"] == "2026-11-18 09:30"
    assert result["gaps"][0]["first_after"] == "2026-11-18 13:00"
    # Nights and the quiet hours are not gaps: they usually have no sessions.
    assert result["span"]["hours"] == 20 * 24 + 9


def test_gap_against_the_same_hour_on_other_days_in_a_short_log():
    result = analyse(encode(weeks_of_sessions(4, 3, skip={(2, 15)})))
    assert [g["start"] for g in result["gaps"]] == ["2026-11-04 15:00"]
    assert analyse(encode(weeks_of_sessions(4, 3, skip={(2, 15)})), {"gap_min_sessions": 5})["gaps"] == []


def test_many_gaps_are_summarised():
    skip = {(d, 12) for d in range(1, 20, 2)}
    # Some weekdays lose two of their three noons, so their usual rate is 2, not 4.
    found = by_id(analyse(encode(weeks_of_sessions(21, 4, skip=skip)), {"gap_min_sessions": 2}))["session-log-gaps"]
    assert found["data"]["count"] == 10
    assert "另有 7 段" in found["message"]["zh"]
    assert "7 more" in found["message"]["en"]
    # Each gap with its own times; what the times in brackets are is said once.
    zh = found["message"]["zh"]
    assert "2026-11-03 12:00 至 13:00（11:30、13:00）；2026-11-05 12:00 至 13:00（11:30、13:00）" in zh
    assert zh.count("括号里") == 1 and "前一个" not in zh
    assert found["message"]["en"].count("In brackets") == 1


def test_no_gaps_and_too_short_to_judge():
    found = by_id(analyse(encode(weeks_of_sessions(8, 2))))
    assert found["session-log-gaps"]["status"] == "ok"
    short = by_id(analyse(fixture("gb18030.csv")))
    assert short["session-log-gaps"]["status"] == "unknown"


def test_gap_search_is_limited_to_the_last_days():
    rows = weeks_of_sessions(21, 4, skip={(3, 10)})
    assert analyse(encode(rows))["gaps"]
    assert analyse(encode(rows), {"gap_days": 10})["gaps"] == []


def test_instant_closes():
    rows = weeks_of_sessions(1, 1)
    for i in range(4):
        rows.append(f"Q{i},2026-11-02 20:0{i}:00,2026-11-02 20:0{i}:05,李四,已结束,微信,,1")
    rows.append("R1,2026-11-02 20:10:00,2026-11-02 20:10:05,李四,已结束,微信,20:10:02,1")  # replied
    rows.append("R2,2026-11-02 20:20:00,2026-11-02 20:19:00,李四,已结束,微信,,1")  # ends before it starts
    rows.append("R3,2026-11-02 20:30:00,2026-11-02 20:30:05,李四,已结束,微信,0,2")  # answered in 0 seconds
    found = by_id(analyse(encode(rows)))["session-log-instant-closes"]
    assert found["status"] == "warn"
    assert found["step"] == "persist-session-state"
    assert found["data"]["count"] == 4
    assert [e["session_id"] for e in found["data"]["examples"]] == ["Q0", "Q1", "Q2", "Q3"]
    assert found["data"]["examples"][0]["seconds"] == 5
    fewer = by_id(analyse(encode(rows), {"instant_seconds": 3}))["session-log-instant-closes"]
    assert fewer["status"] == "ok"
    assert fewer["data"]["count"] == 0


def test_instant_closes_by_message_counts_and_missing_columns():
    rows = ["Start,End,Agent messages"] + [f"2026-11-25 09:0{i}:00,2026-11-25 09:0{i}:03,{i % 2}" for i in range(8)]
    rows += ["2026-11-25 09:10:00,2026-11-25 09:10:01,n/a"]  # not a count: not taken for 0
    found = by_id(analyse(encode(rows)))["session-log-instant-closes"]
    assert found["data"]["count"] == 4
    rows = ["Start,End,Messages"] + [f"2026-11-25 09:0{i}:00,2026-11-25 09:0{i}:03,0" for i in range(8)]
    found = by_id(analyse(encode(rows)))["session-log-instant-closes"]
    assert found["data"]["count"] == 8
    assert len(found["data"]["examples"]) == 5
    no_reply_column = ["Start,End"] + [f"2026-11-25 09:0{i}:00,2026-11-25 09:0{i}:03" for i in range(8)]
    assert by_id(analyse(encode(no_reply_column)))["session-log-instant-closes"]["status"] == "unknown"


def test_stuck_and_queued_sessions():
    rows = weeks_of_sessions(1, 1)
    rows += [
        "T1,2026-11-02 20:00:00,,张三,转接中,网页,,1",
        "T2,2026-11-02 20:05:00,,张三,Transferring,网页,,1",
        "P1,2026-11-02 20:10:00,,,Pending,网页,,1",
        "P2,2026-11-02 20:15:00,,,排队中,网页,,1",
        "P3,2026-11-02 20:20:00,,,queued,网页,,1",
        "P4,2026-11-02 20:25:00,,,In Queue,网页,,1",
        "P5,2026-11-02 20:30:00,,,排队中（VIP）,网页,,1",
    ]
    result = analyse(encode(rows))
    found = by_id(result)
    assert found["session-log-stuck"]["status"] == "warn"
    assert found["session-log-stuck"]["step"] == "persist-session-state"
    assert found["session-log-stuck"]["data"]["transferring"] == 2
    assert found["session-log-queued"]["status"] == "warn"
    assert found["session-log-queued"]["step"] == "persist-monitor"
    assert found["session-log-queued"]["data"]["queued"] == 5
    assert [e["session_id"] for e in found["session-log-queued"]["data"]["examples"]] == ["T1", "T2", "P1", "P2", "P3"]
    assert dict(result["statuses"])["已结束"] == 9


def test_pending_sessions_with_an_end_were_missed_not_queued():
    rows = weeks_of_sessions(1, 1)
    rows += [
        "M1,2026-11-02 20:00:00,2026-11-02 20:03:00,,未接入,网页,,1",
        "M2,2026-11-02 20:10:00,2026-11-02 20:12:00,,排队中,微信,,0",
        "P1,2026-11-02 20:20:00,,,未接入,网页,,1",
    ]
    found = by_id(analyse(encode(rows)))
    assert found["session-log-queued"]["data"]["queued"] == 1
    assert [e["session_id"] for e in found["session-log-queued"]["data"]["examples"]] == ["P1"]
    assert "没有结束时间，导出时还在排队" in found["session-log-queued"]["message"]["zh"]
    missed = found["session-log-missed"]
    assert (missed["status"], missed["step"], missed["scope"]) == ("warn", "rules-busy", "team")
    assert missed["data"]["missed"] == 2
    assert [(e["session_id"], e["seconds"]) for e in missed["data"]["examples"]] == [("M1", 180), ("M2", 120)]
    assert missed["title"] == {"zh": "有 2 个会话没有客服接入就结束了", "en": "2 chats ended without reaching an agent"}
    assert "“未接入”" in missed["message"]["zh"] and "第 " in missed["message"]["zh"]
    assert missed["message"]["en"].endswith("lines 11, 12.")
    many = weeks_of_sessions(1, 1) + [
        f"M{i},2026-11-02 20:{i:02}:00,2026-11-02 20:{i:02}:30,,未接入,网页,,0" for i in range(7)
    ]
    missed = by_id(analyse(encode(many)))["session-log-missed"]["data"]
    assert missed["missed"] == 7 and len(missed["examples"]) == session_log.totals.EXAMPLES
    # A duration column tells an ended session too.
    rows = ["Start time,Duration,Status", "2026-11-25 09:00,00:03:00,未接入", "2026-11-25 09:10,,未接入"]
    found = by_id(analyse(encode(rows)))
    assert (found["session-log-missed"]["data"]["missed"], found["session-log-queued"]["data"]["queued"]) == (1, 1)


def test_pending_sessions_without_an_end_column_are_not_called_still_queued():
    found = by_id(analyse(encode(["Start time,Status", "2026-11-25 09:00,未接入"])))
    assert "session-log-missed" not in found  # cannot tell ended from waiting
    queued = found["session-log-queued"]
    assert queued["status"] == "warn" and queued["data"]["queued"] == 1
    assert "分不清" in queued["message"]["zh"] and "cannot tell" in queued["message"]["en"]


def test_no_stuck_sessions_and_no_status_column():
    found = by_id(analyse(encode(weeks_of_sessions(1, 1))))
    assert found["session-log-stuck"]["status"] == "ok"
    assert found["session-log-queued"]["status"] == "ok"
    assert found["session-log-missed"]["status"] == "ok" and found["session-log-missed"]["data"]["missed"] == 0
    none = by_id(analyse(encode(["Start time,Agent", "2026-11-25 09:00,Ann"])))
    assert none["session-log-stuck"]["status"] == "unknown"
    assert none["session-log-queued"]["status"] == "unknown"


def test_one_agent_gets_most_sessions():
    rows = weeks_of_sessions(1, 4, agents=("张三", "张三", "张三", "李四"))
    found = by_id(analyse(encode(rows)))["session-log-spread"]
    assert found["status"] == "warn"
    assert found["step"] == "rules-one-agent"
    assert found["data"]["top"] == {"agent": "张三", "sessions": 27, "percent": 75}
    assert "分给了张三" in found["title"]["zh"]
    assert found["data"]["channels"] == [["网页", 36]]


def test_a_single_agent_and_an_even_spread():
    single = by_id(analyse(encode(weeks_of_sessions(1, 2, agents=("Ann",)))))["session-log-spread"]
    assert single["status"] == "warn"
    assert "went to Ann" in single["title"]["en"]
    assert "分给了 Ann" in single["title"]["zh"]
    even = by_id(analyse(encode(weeks_of_sessions(1, 2))))["session-log-spread"]
    assert even["status"] == "ok"
    assert even["data"]["agent_count"] == 2


def test_spread_needs_an_agent_column_and_enough_sessions():
    rows = ["Start time,Agent"] + ["2026-11-25 09:00,"] * 20 + ["2026-11-25 09:00,Ann"]
    result = analyse(encode(rows))
    found = by_id(result)["session-log-spread"]
    assert found["status"] == "unknown"
    assert found["data"]["unassigned"] == 20
    assert "1 session has an agent" in found["message"]["en"]
    none = by_id(analyse(encode(["Start time", "2026-11-25 09:00"])))["session-log-spread"]
    assert none["status"] == "unknown"
    assert "Agent" in none["title"]["en"]


def test_counters_stay_bounded(monkeypatch):
    monkeypatch.setattr(session_log.totals, "DISTINCT", 3)
    rows = ["Start time,Agent,Channel,Status"]
    rows += [f"2026-11-25 09:00,A{i},C{i},S{i}" for i in range(10)] + ["2026-11-25 09:00,A0,C0,转接中"]
    result = analyse(encode(rows))
    assert dict(result["agents"]) == {"A0": 2, "A1": 1, "A2": 1, "…": 7}
    assert sum(dict(result["channels"]).values()) == 11
    assert dict(result["statuses"]) == {"S0": 1, "S1": 1, "S2": 1, "…": 8}
    assert by_id(result)["session-log-stuck"]["data"]["transferring"] == 1  # still recognised


def test_a_large_log_keeps_only_aggregates(tmp_path):
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        start = datetime(2026, 1, 5)
        for i in range(60_000):
            moment = start + timedelta(minutes=5 * i)
            status = "转接中" if i % 1000 == 0 else "已结束"
            f.write(f"S{i},{moment:%Y-%m-%d %H:%M:%S},,A{i % 7},{status},网页,,3\n")
    reader = SessionLogReader({"chart_days": 14})
    with path.open("rb") as f:
        while chunk := f.read(65536):
            assert reader.feed(chunk)
    result = reader.finish()
    assert result["sessions"] == 60_000
    assert by_id(result)["session-log-stuck"]["data"]["transferring"] == 60
    assert len(by_id(result)["session-log-stuck"]["data"]["examples"]) == 5
    assert len(result["hourly"]["counts"]) == 14 * 24
    assert len(reader._record) == 0 and reader._text == ""
    json.dumps(result, allow_nan=False)


# The chart


def test_chart_is_well_formed_and_marks_the_gap():
    result = analyse(encode(weeks_of_sessions(21, 4, skip={(16, 10), (16, 11), (16, 12)})), {"lang": "en"})
    root = ET.fromstring(result["chart"])
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("lang") == "en"
    title = root.find(SVG + "title")
    assert title.text == "New sessions per hour"
    assert root.get("aria-labelledby") == f"{title.get('id')} {root.find(SVG + 'desc').get('id')}"
    gaps = [r for r in root.iter(SVG + "rect") if r.get("class") == "gap"]
    assert len(gaps) == 1
    assert "2026-11-18 10:00 to 2026-11-18 13:00" in gaps[0].find(SVG + "title").text
    bars = [r for r in root.iter(SVG + "rect") if r.get("class") == "bar"]
    assert len(bars) == 14 * 9 - 3 - 0  # the last 14 days' working hours, less the gap
    gap_x = float(gaps[0].get("x"))
    assert any(abs(float(b.get("x")) - gap_x) < 200 for b in bars)
    # Colours come from the page (currentColor), never a fixed black or white.
    assert "#000" not in result["chart"] and "#fff" not in result["chart"].lower()
    assert "currentColor" in result["chart"]


def test_chart_in_chinese_without_gaps():
    result = analyse(encode(weeks_of_sessions(2, 1)))
    root = ET.fromstring(result["chart"])
    assert root.get("lang") == "zh"
    assert root.find(SVG + "title").text == "每小时新会话数"
    assert "没有发现空档" in root.find(SVG + "desc").text
    assert not [r for r in root.iter(SVG + "rect") if r.get("class") == "gap"]
    assert [t.text for t in root.iter(SVG + "text")][2:] == ["11-03"]  # one date label per day, midnights only
    three_weeks = ET.fromstring(analyse(encode(weeks_of_sessions(21, 1)))["chart"])
    dates = [t.text for t in three_weeks.iter(SVG + "text")][2:]
    assert len(dates) == 7  # 14 midnights in the last 14 days, every second one labelled
    short = ET.fromstring(analyse(fixture("gb18030.csv"))["chart"])
    assert [t.text for t in short.iter(SVG + "text")][2:] == ["2026-11-25 09:00"]  # under a day: the start


def test_chart_escapes_text_and_clips_gaps():
    svg = session_log.chart.svg(
        {10: 2, 40: 1},
        [{"from_hour": 5, "to_hour": 15, "start": "<a&b>", "end": "x", "hours": 10, "expected": 30}],
        10,
        40,
        "en",
        "id<1",
    )
    root = ET.fromstring(svg)
    gap = next(r for r in root.iter(SVG + "rect") if r.get("class") == "gap")
    assert "<a&b>" in gap.find(SVG + "title").text
    assert float(gap.get("x")) == session_log.chart.LEFT  # clipped to the first hour drawn


# What every result holds


def test_results_are_plain_json_and_findings_are_worded_well():
    for data in (
        fixture("gb18030.csv"),
        fixture("bad_rows.csv"),
        fixture("spreadsheet.xlsx"),
        encode(weeks_of_sessions(21, 4, skip={(16, 10)})),
        encode(weeks_of_sessions(1, 4, agents=("Ann", "Ann", "Bo"))),
        encode(["Start time,Agent,Status", "2026-11-25 09:00,Ann,未接入"]),
        encode(["会话ID,开始时间,结束时间,状态", "C1,2026-11-25 09:00,2026-11-25 09:01,未接入"]),
    ):
        for where in ("page", "terminal"):
            check_result_and_wording(analyse(data, {"where": where}))


def check_result_and_wording(result: dict) -> None:
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    for f in result["findings"]:
        assert f["check"] == "session_log"
        assert f["scope"] == "team"
        for key in ("title", "message", "fix"):
            zh = f[key]["zh"]
            assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], zh)
            assert not UNSPACED_LATIN.search(zh), (f["id"], zh)
            assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], zh)
            assert "秒关" not in zh
        assert f["title"]["zh"] and f["title"]["en"]


def test_findings_link_real_steps(steps):
    ids = {s["id"] for s in steps}
    used = set()
    for data in (
        fixture("gb18030.csv"),
        fixture("bad_rows.csv"),
        fixture("empty.csv"),
        encode(weeks_of_sessions(21, 4, skip={(16, 10)})),
    ):
        used |= {f["step"] for f in analyse(data)["findings"]}
    assert used == {"persist-session-logs", "persist-session-state", "persist-monitor", "rules-one-agent", "rules-busy"}
    assert used <= ids


def test_stuck_status_words_are_normalised():
    for word in session_log.totals.TRANSFERRING | session_log.totals.QUEUED:
        assert columns.normalise(word) == word


def test_gaps_without_bounds_and_unsorted_rows():
    hourly = {h: 3 for h in range(0, 24 * 3) if h != 30}
    found, span = session_log.totals.gaps(hourly, 3, 1000)
    assert [(g["from_hour"], g["to_hour"]) for g in found] == [(30, 31)]
    assert found[0]["last_before"] is None and found[0]["first_after"] is None
    message = session_log.judge.gap_finding(found, span, 3).message
    assert message["zh"].endswith("1970-01-02 06:00 至 07:00。")  # nothing said about the sessions around it
    assert message["en"].endswith("1970-01-02 06:00 to 07:00.") and "brackets" not in message["en"]
    assert span["hours"] == 72
    rows = ["Start time", "2026-11-25 09:30", "2026-11-25 09:10", "2026-11-25 09:50", "2026-11-25 09:20"]
    reader = SessionLogReader()
    reader.feed(encode(rows))
    reader.finish()
    (bounds,) = reader._totals.bounds.values()
    assert bounds == [datetime(2026, 11, 25, 9, 10), datetime(2026, 11, 25, 9, 50)]


def test_title_lines_above_the_header():
    data = "会话记录导出 2026-11-25\n\n会话ID,开始时间\nA,2026-11-25 09:00\n".encode()
    result = analyse(data)
    assert result["headers"] == ["会话ID", "开始时间"]
    assert result["sessions"] == 1
    only_title = analyse("会话记录导出 2026-11-25\n".encode())
    assert only_title["error"]["code"] == "no-start-column"
    assert "会话记录导出" in only_title["error"]["message"]["zh"]


def test_stray_quote_in_the_header():
    # The odd quote pulls the next line into the header record, which is then not valid CSV.
    result = analyse(b'a"b,Start time\nx,2026-11-25 09:00\n')
    assert result["headers"] == ['a"b', "Start time"]
    assert result["columns"]["start"]["index"] == 1


def test_times_at_the_edge_of_the_calendar_are_malformed_not_errors():
    rows = ["Start time", "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", "2199-12-31T23:30:00-14:00"]
    rows += ["1970-01-01T00:00:00+14:00", "2026-11-25 09:00"]
    result = analyse(encode(rows))
    assert result["ok"]
    # 2199-12-31 23:30 at -14:00 sets the export's offset; 1970-01-01 00:00 at +14:00 is then 1969.
    assert [e["line"] for e in result["malformed"]["examples"]] == [2, 3, 5]
    assert result["sessions"] == 2


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("75", 75),
        ("00:01:15", 75),
        ("1:15", 75),
        ("1:02:03", 3723),
        ("1分15秒", 75),
        ("15秒", 15),
        ("1小时2分3秒", 3723),
        ("1m 15s", 75),
        ("5 sec", 5),
        ("2 minutes", 120),
        ("soon", None),
        ("", None),
    ],
)
def test_durations(value, seconds):
    assert session_log.timestamps.parse_duration(value) == seconds


def test_instant_closes_from_a_duration_column():
    rows = ["开始时间,会话时长,客服消息数"]
    rows += [f"2026-11-25 09:0{i}:00,{d},0" for i, d in enumerate(["3秒", "00:00:04", "2", "1分5秒", "later"])]
    rows += ["2026-11-25 09:10:00,2026-11-25 09:10:00,0"]  # a time where a length belongs
    result = analyse(encode(rows))
    assert result["columns"]["duration"]["header"] == "会话时长"
    found = by_id(result)["session-log-instant-closes"]
    assert found["status"] == "warn"
    assert [e["seconds"] for e in found["data"]["examples"]] == [3, 4, 2]
    assert [(e["line"], e["field"]) for e in result["malformed"]["examples"]] == [(6, "duration"), (7, "duration")]


def test_an_unreadable_end_falls_back_to_the_duration():
    rows = ["Start time,End time,Duration,Messages", "2026-11-25 09:00:00,soon,4,0"]
    result = analyse(encode(rows))
    assert result["malformed"]["examples"][0]["field"] == "end"
    assert by_id(result)["session-log-instant-closes"]["data"]["examples"][0]["seconds"] == 4


# Streaming from the page: progress while reading, and the worker's entry points (checks.api)


def test_progress_shows_the_mapping_once_the_header_is_read():
    reader = SessionLogReader({"lang": "en"})
    assert reader.progress() == {"bytes": 0, "rows": 0, "stopped": False, "headers": None, "columns": None}
    data = encode(weeks_of_sessions(1, 4), "gb18030")
    assert reader.feed(data[:2000])  # the sniffing needs 1 KB before any line comes out
    seen = reader.progress()
    assert seen["headers"][:2] == ["会话ID", "开始时间"]
    assert seen["columns"]["start"] == {
        "label": {"zh": "开始时间", "en": "Start time"},
        "index": 1,
        "header": "开始时间",
    }
    assert seen["bytes"] == 2000 and not seen["stopped"] and 0 < seen["rows"] < 36
    reader.feed(data[2000:])
    assert reader.finish()["rows"] == reader.progress()["rows"] == 36
    stopped = SessionLogReader({"limit_bytes": 10})
    assert not stopped.feed(b"Start time,Agent\n2026-11-25 09:00,Ann\n")
    assert stopped.progress()["stopped"]


def test_quoted_and_unquoted_rows_read_alike():
    plain = ["Start time,Agent,Channel", "2026-11-25 09:00,Ann,web", " , ,", "2026-11-25 10:00,Bob,"]
    quoted = ["Start time,Agent,Channel", '"2026-11-25 09:00","Ann",web', '" ",,', '2026-11-25 10:00,"Bob",""']
    one, two = analyse(encode(plain)), analyse(encode(quoted))
    assert one["rows"] == two["rows"] == 2  # the blank rows are skipped either way
    assert one["agents"] == two["agents"] and one["channels"] == two["channels"] == [["web", 1], ["—", 1]]


def test_worker_entry_points_stream_a_file():
    from checks import api

    def call(fn, **args):
        return json.loads(api.call_json(fn, json.dumps(args)))

    data = encode(weeks_of_sessions(21, 4, skip={(16, h) for h in range(10, 13)}), "gb18030")
    opened = call("session_log.start", options={"lang": "en", "size": len(data)})["result"]
    assert opened["progress"]["bytes"] == 0
    handle = opened["handle"]
    progress = None
    for chunk in in_chunks(data, 4096):
        progress = json.loads(api.log_feed(handle, memoryview(chunk)))["result"]
    assert progress["bytes"] == len(data) and progress["headers"][1] == "开始时间"
    result = call("session_log.finish", handle=handle)["result"]
    assert result == json.loads(json.dumps(analyse(data, {"lang": "en"})))
    assert by_id(result)["session-log-gaps"]["status"] == "warn"
    # Finished: the handle is closed; so is one that never was.
    for fn in (
        lambda: api.log_feed(handle, b"x"),
        lambda: api.call_json("session_log.finish", f'{{"handle": {handle}}}'),
    ):
        error = json.loads(fn())["error"]
        assert error["code"] == "log-closed"
        assert "Choose the file again" in error["message"]["en"]
    assert json.loads(api.log_feed("1", b"x"))["error"]["code"] == "log-closed"
    assert call("session_log.finish", handle="1")["error"]["code"] == "log-closed"


def test_worker_keeps_a_few_open_logs_and_survives_a_failing_reader(monkeypatch):
    from checks import api

    handles = [
        json.loads(api.call_json("session_log.start", "{}"))["result"]["handle"] for _ in range(api.OPEN_LOGS + 1)
    ]
    assert json.loads(api.log_feed(handles[0], b"a"))["error"]["code"] == "log-closed"  # the oldest was dropped
    assert "result" in json.loads(api.log_feed(handles[-1], b"Start time\n"))

    def broken(self, chunk):
        raise RuntimeError("boom")

    monkeypatch.setattr(SessionLogReader, "feed", broken)
    error = json.loads(api.log_feed(handles[-1], b"x"))["error"]
    assert error["code"] == "failed" and "boom" in error["detail"]
    assert json.loads(api.log_feed(handles[-1], b"x"))["error"]["code"] == "log-closed"


# How a missing column is chosen: the page's column mapping, or --columns in a terminal.


def test_missing_columns_are_chosen_the_way_the_page_or_terminal_does():
    rows = encode(["Start time,Agent", "2026-11-25 09:00,Ann"])
    page = by_id(analyse(rows))
    assert page["session-log-stuck"]["fix"] == {
        "zh": "导出时勾选“状态”列，或在“列对应”里指定它，再点“按这些列重新分析”。",
        "en": "Include the Status column in the export, or choose it in the column mapping, then choose “Analyse "
        "again with these columns”.",
    }
    assert "“结束时间”和“首次响应时间”列" in page["session-log-instant-closes"]["fix"]["zh"]
    assert "choose them in the column mapping" in page["session-log-instant-closes"]["fix"]["en"]
    terminal = by_id(analyse(rows, {"where": "terminal"}))
    assert "--columns status=状态（" in terminal["session-log-queued"]["fix"]["zh"]
    assert "with --columns, e.g. --columns status=Status (" in terminal["session-log-queued"]["fix"]["en"]
    instant = terminal["session-log-instant-closes"]["fix"]
    assert "--columns end=结束时间 first_response=首次响应时间" in instant["zh"]
    assert '--columns end="End time" first_response="First response"' in instant["en"]
    no_agent = by_id(
        analyse(encode(["Start time,End time,Messages", "2026-11-25 09:00,2026-11-25 09:10,3"]), {"where": "terminal"})
    )
    assert no_agent["session-log-spread"]["fix"]["en"].startswith("Include the Agent column in the export, or name")
    assert "session-log-instant-closes" in no_agent and no_agent["session-log-instant-closes"]["status"] == "ok"
    for found in (*page.values(), *terminal.values()):
        assert "上面" not in found["fix"]["zh"] and "above" not in found["fix"]["en"]
    assert by_id(analyse(rows, {"where": "elsewhere"})) == page  # anything else: the page's words


def test_no_start_column_and_no_sessions_say_how_in_the_terminal():
    header_only = encode(["会话ID,客服", "C1,张三"])
    page = analyse(header_only)["error"]["message"]
    assert page["zh"].endswith("请在“列对应”里指定哪一列是开始时间。")
    terminal = analyse(header_only, {"where": "terminal"})["error"]["message"]
    assert terminal["zh"].endswith("请用 --columns start=表头 写出哪一列是开始时间。")
    assert terminal["en"].endswith("with --columns start=HEADER.")
    unreadable = encode(["Start time,Agent", "yesterday,Ann"])
    assert by_id(analyse(unreadable))["session-log-read"]["fix"]["en"] == (
        "Check the exported time range and the column mapping."
    )
    assert "--columns start=" in by_id(analyse(unreadable, {"where": "terminal"}))["session-log-read"]["fix"]["en"]
