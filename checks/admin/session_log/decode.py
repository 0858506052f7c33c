"""Bytes to text, streamed. The first bytes tell a byte-order mark, UTF-16 without one (NULs
on every other byte) or a file that is not text at all; the first non-ASCII bytes tell UTF-8
from GB18030 (which also reads GBK and GB2312)."""

from __future__ import annotations

import codecs
import re

SNIFF = 1024  # bytes looked at before deciding on a BOM, UTF-16 or a binary file
DECIDE = 64  # bytes after the first non-ASCII one before choosing UTF-8 or GB18030
MAGIC = (
    (b"PK\x03\x04", "zip"),  # also .xlsx
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0", "xls"),
    (b"\x1f\x8b", "gzip"),
)
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
NON_ASCII = re.compile(rb"[\x80-\xff]")


class NotText(Exception):
    """The file is a spreadsheet, a PDF, an archive or other binary data."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def sniff(head: bytes) -> tuple[str | None, str | None]:
    """(encoding name, codec) from the first bytes; (None, None) while only UTF-8 or GB18030 fit."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            raise NotText(kind)
    for bom, name, codec in BOMS:
        if head.startswith(bom):
            return name, codec
    half = len(head) // 2
    even, odd = head[0 : 2 * half : 2].count(0), head[1 : 2 * half : 2].count(0)
    # ASCII in UTF-16 puts a NUL beside every character: after it (LE) or before it (BE).
    if half and odd > 0.2 * half and even < 0.05 * half:
        return "utf-16-le", "utf-16-le"
    if half and even > 0.2 * half and odd < 0.05 * half:
        return "utf-16-be", "utf-16-be"
    if b"\x00" in head:
        raise NotText("nul")
    return None, None


def _utf8_fits(data: bytes, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError:
        return False
    return True


class StreamDecoder:
    """feed(bytes) -> text decoded so far; finish() -> the rest. Raises NotText."""

    def __init__(self) -> None:
        self.encoding: str | None = None
        self._head = b""  # bytes before sniffing
        self._sniffed = False
        self._pending = b""  # bytes from the first non-ASCII one, before choosing UTF-8 or GB18030
        self._decoder = None

    def _use(self, name: str, codec: str) -> None:
        self.encoding = name
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")

    def feed(self, chunk: bytes, final: bool = False) -> str:
        if not self._sniffed:
            self._head += chunk
            if len(self._head) < SNIFF and not final:
                return ""
            chunk, self._head, self._sniffed = self._head, b"", True
            name, codec = sniff(chunk)
            if name:
                self._use(name, codec)
        if self._decoder is not None:
            return self._decoder.decode(chunk, final)
        data = self._pending + chunk
        first = NON_ASCII.search(data)
        if first is None:
            self._pending = b""
            return data.decode("ascii")
        ascii_part, self._pending = data[: first.start()].decode("ascii"), data[first.start() :]
        if len(self._pending) < DECIDE and not final:
            return ascii_part
        if _utf8_fits(self._pending, final):
            self._use("utf-8", "utf-8")
        else:
            self._use("gb18030", "gb18030")
        rest, self._pending = self._pending, b""
        return ascii_part + self._decoder.decode(rest, final)

    def finish(self) -> str:
        text = self.feed(b"", final=True)
        if self.encoding is None:  # ASCII only, which UTF-8 reads
            self.encoding = "utf-8"
        return text
