"""Session-log analysis: a CSV export of the chat system's session log, streamed.

    reader = SessionLogReader(options)        # options: see OPTIONS; a dict, JSON-friendly
    while reader.feed(chunk): ...             # bytes; False once the reader has stopped
    reader.progress()                         # {bytes, rows, stopped, headers, columns} so far
    result = reader.finish()                  # a plain dict (see below)

or analyse(source, options) with bytes, a binary file object or an iterable of byte chunks.
Options also take "columns" ({field: header text | column index | null}, see columns.FIELDS),
"lang" ("zh" or "en", for the chart) and "where" ("page", the default, or "terminal": how a fix says
to choose a column, in the page's column mapping or with --columns). Nothing raises out; the result is
    {"ok", "error", "encoding", "delimiter", "bytes", "headers",
     "columns": {field: {label, index, header}}, "rows", "sessions",
     "malformed": {count, examples: [{line, field, reason}]}, "offset_minutes", "assumed_utc",
     "span": {from, to, hours}, "hourly": {from, counts}, "gaps": [{start, end, hours, expected,
     last_before, first_after, from_hour, to_hour}], "agents", "channels", "statuses" ([name, count]),
     "chart" (SVG text), "findings" (Finding.to_dict(), scope "team")}
where "error" is null or {"code", "message": {zh, en}, "detail"} with code options, columns,
empty, not-text, too-large, no-start-column or read (then the one finding says why).
"""

from __future__ import annotations

import contextlib
import csv
import os

from ...findings import finding_maker, text
from ...wording import plural
from . import chart, columns, judge
from .decode import NotText, StreamDecoder
from .timestamps import Clock, hour_of, parse_duration, shown
from .totals import Totals, gaps

OPTIONS = {
    # name: (default, minimum, maximum); all numbers
    "limit_bytes": (100 * 1024 * 1024, 1, None),  # refuse a larger file
    "size": (None, 0, None),  # the file's size, when known: refused at once if over the limit
    "utc_offset_minutes": (None, -14 * 60, 14 * 60),  # the export's zone, minutes east of UTC
    "gap_min_sessions": (3, 0.1, None),  # an empty hour is a gap when it usually has this many
    "instant_seconds": (10, 0, 86400),  # a session this short with no agent reply closed "at once"
    "one_agent_share": (0.6, 0.01, 1),  # one agent with this share of the sessions -> warn
    "gap_days": (92, 1, 3660),  # gaps looked for in the last this many days of the log
    "chart_days": (14, 1, 366),  # the chart shows the last this many days
}
MAX_RECORD = 64 * 1024  # a record this long has an unclosed quote: dropped, not kept growing
NOT_TEXT = {
    "zip": text(
        "这是 Excel（.xlsx）或压缩文件，不是 CSV。请在表格软件里“另存为”CSV 后再试。",
        "This is an Excel (.xlsx) or zip file, not CSV. Save it as CSV in a spreadsheet program and try again.",
    ),
    "xls": text(
        "这是旧版 Excel（.xls）文件，不是 CSV。请在表格软件里“另存为”CSV 后再试。",
        "This is an old Excel (.xls) file, not CSV. Save it as CSV in a spreadsheet program and try again.",
    ),
    "pdf": text(
        "这是 PDF 文件，不是 CSV。请导出 CSV 格式的会话记录。", "This is a PDF, not CSV. Export the session log as CSV."
    ),
    "gzip": text(
        "这是压缩文件。请先解压，再选择里面的 CSV 文件。",
        "This is a compressed file. Unpack it, then choose the CSV inside.",
    ),
    "nul": text(
        "这不是文本文件（里面有二进制数据）。请选择导出的 CSV 文件。",
        "This is not a text file (it holds binary data). Choose the exported CSV file.",
    ),
}
finding = finding_maker(judge.CHECK, "team")


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f}".removesuffix(".0")


def _options(options) -> tuple[dict, dict | None]:
    values = {name: default for name, (default, _minimum, _maximum) in OPTIONS.items()}
    values.update(columns=None, lang="zh", where="page")
    if options is None:
        return values, None
    if not isinstance(options, dict):
        return values, text("分析选项的格式不对。", "The analysis options are not in the right form.")
    for name, (_default, minimum, maximum) in OPTIONS.items():
        value = options.get(name)
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not minimum <= value <= (value if maximum is None else maximum)
        ):
            return values, text(
                f"选项 {name} 的值无效：{value!r}。", f"The option {name} has an invalid value: {value!r}."
            )
        values[name] = value
    values["columns"] = options.get("columns")
    values["lang"] = options.get("lang") if options.get("lang") in ("zh", "en") else "zh"
    values["where"] = options.get("where") if options.get("where") in judge.WHERE else "page"
    return values, None


class SessionLogReader:
    def __init__(self, options: dict | None = None) -> None:
        self.options, problem = _options(options)
        self.error: dict | None = None
        self.bytes = 0
        self._decoder = StreamDecoder()
        self._clock = Clock(self.options["utc_offset_minutes"])
        self._totals = Totals(self.options["instant_seconds"])
        self._text = ""  # text after the last complete line
        self._line = 0  # physical lines seen
        self._record: list[str] = []
        self._record_line = 0
        self._record_size = 0
        self._quotes = 0
        self.headers: list[str] | None = None
        self._preamble = ""  # a title line before the header row
        self.delimiter = ","
        self.mapping: dict[str, int] = {}
        if problem:
            self._fail("options", problem)
        elif self.options["size"] is not None and self.options["size"] > self.options["limit_bytes"]:
            self._too_large(self.options["size"])

    def _fail(self, code: str, message: dict, detail: str = "") -> None:
        self.error = {"code": code, "message": message, "detail": detail}

    def _too_large(self, size: float) -> None:
        limit = self.options["limit_bytes"]
        self._fail(
            "too-large",
            text(
                f"文件超过 {_mb(limit)} MB，没有读取。请导出较短时间段的会话记录再试。",
                f"The file is over {_mb(limit)} MB and was not read. Export a shorter time range and try again.",
            ),
            f"{size:.0f} bytes > {limit} bytes",
        )

    def feed(self, chunk) -> bool:
        """Reads the next bytes; False once stopped (an error), when the caller should stop sending."""
        if self.error:
            return False
        if not isinstance(chunk, (bytes, bytearray, memoryview)):
            self._fail(
                "read",
                text("读取文件时出错，请重新选择文件。", "The file could not be read. Choose it again."),
                f"expected bytes, got {type(chunk).__name__}",
            )
            return False
        chunk = bytes(chunk)
        self.bytes += len(chunk)
        if self.bytes > self.options["limit_bytes"]:
            self._too_large(self.bytes)
            return False
        self._decode(chunk, final=False)
        return self.error is None

    def _decode(self, chunk: bytes, final: bool) -> None:
        try:
            self._lines(self._decoder.finish() if final else self._decoder.feed(chunk), final)
        except NotText as exc:
            self._fail("not-text", NOT_TEXT[exc.kind], exc.kind)

    def _lines(self, new: str, final: bool) -> None:
        data = self._text + new
        if not final and data.endswith("\r"):  # its "\n" may start the next chunk
            data, self._text = data[:-1], "\r"
        else:
            self._text = ""
        lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._text = lines.pop() + self._text
        if final and self._text:
            lines.append(self._text)
            self._text = ""
        for line in lines:
            if self.error:
                return
            self._line += 1
            if self.headers is not None and not self._record and '"' not in line:
                # The common row: no quotes, so splitting is what csv would do (and much faster).
                if line.replace(self.delimiter, "").strip():
                    self._row(self._line, line.split(self.delimiter))
                continue
            if not self._record:
                self._record_line = self._line
            self._record.append(line)
            self._record_size += len(line)
            self._quotes += line.count('"')
            if self._quotes % 2 == 0:
                self._take()
            elif self._record_size > MAX_RECORD:
                self._totals.bad(
                    self._record_line,
                    None,
                    text(
                        "引号没有闭合，后面的内容读不懂。", "A quote is never closed, so what follows cannot be read."
                    ),
                )
                self._reset()
        if final and self._record:
            self._take()

    def _reset(self) -> None:
        self._record, self._record_size, self._quotes = [], 0, 0

    def _take(self) -> None:
        record, line = "\n".join(self._record), self._record_line
        self._reset()
        if self.headers is None:
            if record.strip():
                self._header(record)
            return
        try:
            fields = next(csv.reader([record], delimiter=self.delimiter))
        except csv.Error:
            self._totals.bad(line, None, text("这一行不是有效的 CSV。", "This line is not valid CSV."))
            return
        if not any(f.strip() for f in fields):
            return
        self._row(line, fields)

    def _header(self, record: str, last: bool = False) -> None:
        first_line = record.split("\n", 1)[0]
        delimiter = max(("\t", ";", ","), key=first_line.count) if first_line.count(",") == 0 else ","
        try:
            headers = next(csv.reader([record], delimiter=delimiter))
        except csv.Error:  # a stray quote: take the first line as it stands
            headers = first_line.split(delimiter)
        headers = [h.strip().lstrip("\ufeff") for h in headers]
        guessed = columns.guess(headers)
        title = sum(1 for h in headers if h) == 1 and "start" not in guessed and not self.options["columns"]
        if title and not last:  # a title line above the table ("会话记录 2026-11-25"): the header comes later
            self._preamble = self._preamble or record
            return
        self.delimiter, self.headers = delimiter, headers
        self.mapping, problem = columns.apply_override(guessed, headers, self.options["columns"])
        if problem:
            self._fail("columns", problem)
        elif "start" not in self.mapping:
            found = "、".join(self.headers)
            how = (
                text(
                    "请用 --columns start=表头 写出哪一列是开始时间。",
                    "Name the header that holds the start time with --columns start=HEADER.",
                )
                if self.options["where"] == "terminal"
                else text(
                    "请在“列对应”里指定哪一列是开始时间。",
                    "Choose which column holds the start time in the column mapping.",
                )
            )
            self._fail(
                "no-start-column",
                text(
                    f"找不到“开始时间”列。表头是：{found}。{how['zh']}",
                    f"No Start time column was found. The headers are: {', '.join(self.headers)}. {how['en']}",
                ),
            )

    def _row(self, line: int, fields: list[str]) -> None:
        totals = self._totals
        totals.rows += 1
        count = len(fields)
        values = {field: fields[i] for field, i in self.mapping.items() if i < count}
        raw = values.get("start", "").strip()
        label = columns.FIELDS["start"][0]
        if "start" not in values:
            totals.bad(
                line,
                "start",
                text(
                    f"这一行只有 {len(fields)} 列，缺少“{label['zh']}”。",
                    f"This row has only {len(fields)} columns, with no {label['en']}.",
                ),
            )
            return
        if not raw:
            totals.bad(line, "start", text(f"“{label['zh']}”是空的。", f"The {label['en']} is empty."))
            return
        start = self._clock.parse(raw)
        if start is None:
            totals.bad(
                line,
                "start",
                text(f"读不懂“{label['zh']}”：{raw[:40]}", f"The {label['en']} cannot be read: {raw[:40]}"),
            )
            return
        totals.add(line, start, self._length(line, start, values), values)

    def _length(self, line: int, start, values: dict[str, str]) -> float | None:
        """The session's length in seconds, from its end time or else its duration; None if neither reads."""
        for field, read in (("end", self._clock.parse), ("duration", parse_duration)):
            raw = values.get(field, "").strip()
            if not raw:
                continue
            value = read(raw)
            if value is None:
                label = columns.FIELDS[field][0]
                self._totals.bad(
                    line,
                    field,
                    text(f"读不懂“{label['zh']}”：{raw[:40]}", f"The {label['en']} cannot be read: {raw[:40]}"),
                )
                continue
            return (value - start).total_seconds() if field == "end" else value
        return None

    def progress(self) -> dict:
        """While the file streams: bytes and data rows so far, whether the reader has stopped (finish()
        says why), and the header row with the column mapping once it has been read (else None)."""
        return {
            "bytes": self.bytes,
            "rows": self._totals.rows,
            "stopped": self.error is not None,
            "headers": self.headers,
            "columns": None if self.headers is None else columns.describe(self.mapping, self.headers),
        }

    def finish(self) -> dict:
        if self.error is None:
            self._decode(b"", final=True)
        if self.error is None and self.headers is None and self._preamble:
            self._header(self._preamble, last=True)  # only title lines: say what was found
        if self.error is None and self.headers is None:
            self._fail(
                "empty",
                text("文件是空的。请重新导出会话记录。", "The file is empty. Export the session log again."),
            )
        return self._result()

    def _result(self) -> dict:
        totals, o = self._totals, self.options
        result = {
            "ok": self.error is None,
            "error": self.error,
            "encoding": self._decoder.encoding,
            "delimiter": self.delimiter,
            "bytes": self.bytes,
            "headers": self.headers or [],
            "columns": columns.describe(self.mapping, self.headers or []),
            "rows": totals.rows,
            "sessions": totals.sessions,
            "malformed": {"count": totals.malformed, "examples": totals.malformed_examples},
            "offset_minutes": self._clock.offset,
            "assumed_utc": self._clock.assumed_utc,
            "span": None,
            "hourly": None,
            "gaps": [],
            "agents": judge._top(totals.agents),
            "channels": judge._top(totals.channels),
            "statuses": judge._top(totals.statuses),
            "chart": "",
            "findings": [],
        }
        if self.error:
            read = finding(
                "session-log-read",
                "unknown",
                "persist-session-logs",
                text("无法分析这个文件", "This file cannot be analysed"),
                self.error["message"],
                data={"code": self.error["code"]},
            )
            result["findings"] = [read.to_dict()]
            return result
        found, span = gaps(totals.hourly, o["gap_min_sessions"], round(o["gap_days"] * 24), totals.bounds)
        result["gaps"], result["span"] = found, span
        findings = [self._read_finding(span)]
        findings.append(judge.malformed(totals))
        if totals.sessions:
            findings.append(judge.gap_finding(found, span, o["gap_min_sessions"]))
            findings.append(judge.instant(totals, self.mapping, o["instant_seconds"], o["where"]))
            findings.extend(judge.stuck(totals, self.mapping, o["where"]))
            findings.append(judge.spread(totals, self.mapping, o["one_agent_share"], o["where"]))
            last = hour_of(totals.last)
            first = max(hour_of(totals.first), last - round(o["chart_days"] * 24) + 1)
            result["hourly"] = {
                "from": shown(chart.hour_start(first)),
                "counts": [totals.hourly.get(h, 0) for h in range(first, last + 1)],
            }
            result["chart"] = chart.svg(totals.hourly, found, first, last, o["lang"])
        result["findings"] = [f.to_dict() for f in findings if f is not None]
        return result

    def _read_finding(self, span: dict):
        totals = self._totals
        data = {"encoding": self._decoder.encoding, "rows": totals.rows, "sessions": totals.sessions}
        if not totals.sessions:
            return finding(
                "session-log-read",
                "unknown",
                "persist-session-logs",
                text("文件里没有可分析的会话", "No sessions to analyse in the file"),
                text(
                    f"读到了表头，但没有一行有可读的开始时间（共 {totals.rows} 行）。",
                    f"The header was read, but no row has a start time that can be read ({totals.rows} rows).",
                ),
                text("检查导出的时间段和列对应。", "Check the exported time range and the column mapping.")
                if self.options["where"] == "page"
                else text(
                    "检查导出的时间段，以及 --columns start= 指定的是不是开始时间那一列。",
                    "Check the exported time range, and that --columns start= names the start-time column.",
                ),
                data,
            )
        utc = (
            text(
                "Unix 时间按 UTC 显示（没有给出导出文件的时区）。",
                " Unix times are shown in UTC (no time zone was given for the export).",
            )
            if self._clock.assumed_utc
            else text("", "")
        )
        return finding(
            "session-log-read",
            "ok",
            "persist-session-logs",
            text(f"读取了 {totals.sessions} 个会话", f"Read {plural(totals.sessions, 'session', 'sessions')}"),
            text(
                f"时间从 {span['from']} 到 {span['to']}（编码 {self._decoder.encoding}）。{utc['zh']}",
                f"From {span['from']} to {span['to']} (encoding {self._decoder.encoding}).{utc['en']}",
            ),
            data=data,
        )


def analyse(source, options: dict | None = None) -> dict:
    """source: bytes, a binary file object (read in 1 MB chunks) or an iterable of byte chunks."""
    options = {} if options is None else dict(options) if isinstance(options, dict) else options
    if isinstance(options, dict) and options.get("size") is None and hasattr(source, "fileno"):
        with contextlib.suppress(OSError, ValueError):  # a pipe or a file-like object without a file
            options["size"] = os.fstat(source.fileno()).st_size
    reader = SessionLogReader(options)
    if isinstance(source, (bytes, bytearray, memoryview)):
        chunks = iter([source])
    elif hasattr(source, "read"):
        chunks = iter(lambda: source.read(1 << 20), b"")
    else:
        try:
            chunks = iter(source)
        except TypeError:
            chunks = iter([source])  # feed() refuses it with a clear error
    try:
        while reader.error is None:  # refused before the first read when the size is over the limit
            chunk = next(chunks, None)
            if chunk is None or not reader.feed(chunk):
                break
    except OSError as exc:
        reader._fail(
            "read", text("读取文件时出错，请重新选择文件。", "The file could not be read. Choose it again."), str(exc)
        )
    return reader.finish()


__all__ = ["OPTIONS", "SessionLogReader", "analyse"]
