"""JSON Lines: one article object per line, streamed.

Files run to gigabytes, so lines are read one at a time and `max_bytes`
bounds a line, not the file. A bad line is reported and the rest still reads.
The other bounds are in `limits`: a compressed file may not expand past a
ratio of its size, runs of blank lines are skipped in bulk (sixteen million
newlines cost what sixteen megabytes cost to scan), and a file whose lines
stop making sense (`max_bad_run` unreadable lines in a row) is abandoned
with one line saying so.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.ingest.assemble import clean, make_document
from newsweave.ingest.decode import decode, repair
from newsweave.ingest.files import open_regular, over_limit, safe_name, stem
from newsweave.ingest.limits import Bounded, Limits, open_bounded
from newsweave.model import Document, PartialDate, Skipped

# Accepted names for each field, the first one present and not null wins. The last
# names are news-please's (`maintext`, `date_publish`, `source_domain`, `authors`,
# `title_page`, `title_rss`), so its output reads as it is written.
TEXT_KEYS = ("text", "body", "content", "maintext")
TITLE_KEYS = ("title", "title_page", "title_rss")
PUBLISHED_KEYS = ("published", "date", "published_at", "date_publish")
SOURCE_KEYS = ("source", "source_domain")
AUTHOR_KEYS = ("author", "authors")
LANG_KEYS = ("lang", "language")
_EPOCH_MAX = 4_102_444_800  # 2100-01-01: larger numbers are not epoch seconds
_CHUNK = 1 << 20
_NON_BLANK = re.compile(rb"[^ \t\r\n\f\v]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A file whose first 4 kB hold no line break and this share of NUL bytes is binary
# (a bomb of zeros is refused at once; a zero-filled line among good ones is not).
_BINARY_NULS = 0.9


def read(
    path: Path, *, max_bytes: int, limits: Limits | None = None
) -> Iterator[Document | Skipped]:
    """Documents from each line; `<stem>-<line>` ids when a line has no `id`."""
    limits = limits or Limits(max_bytes=max_bytes)
    origin = str(path)
    with open_regular(path) as raw:
        if os.fstat(raw.fileno()).st_size == 0:
            raise InputError("empty file")
        bounded = open_bounded(raw, path, limits)
        lines: Lines | str | None = None
        try:
            lines = _open_lines(bounded, max_bytes)
            if isinstance(lines, str):
                yield Skipped(origin, lines)
                return
            finished = yield from _read_records(lines, limits, name=stem(path), origin=origin)
            if finished and bounded.cut:
                # What was read stands; the cut is reported once, with the last line read.
                done = lines.number - 1
                where = f" after line {done:,}" if done else ""
                yield Skipped(origin, f"corrupt or cut compressed data{where}: {bounded.cut}")
            elif finished and lines.count == 0:
                yield Skipped(origin, f"no JSON lines, only blank space ({done_lines(lines)})")
        except InputError as error:
            yield Skipped(origin, error.message)
        except (OSError, EOFError, zlib.error) as error:
            # A cut gzip stream: what was read stands, the rest is reported once.
            done = lines.number - 1 if isinstance(lines, Lines) else 0
            where = f" after line {done:,}" if done else ""
            yield Skipped(origin, f"corrupt or cut compressed data{where}: {error}")


def _open_lines(stream: Bounded, max_bytes: int) -> Lines | str:
    """The line reader for the stream's encoding, or why the file is not JSON lines."""
    head = stream.peek(4096)
    if not head:
        return "empty after decompression"
    encoding = _utf16_or_32(head)
    if encoding:
        # UTF-16/32 puts NULs inside lines: decode to UTF-8 before splitting lines.
        return Lines(_Transcoded(stream, encoding), max_bytes)
    if b"\n" not in head and head.count(0) > _BINARY_NULS * len(head):
        return "binary content (NUL bytes)"
    return Lines(stream, max_bytes)


def done_lines(lines: Lines) -> str:
    return f"{lines.number - 1:,} newlines"


def _read_records(
    lines: Lines, limits: Limits, *, name: str, origin: str
) -> Generator[Document | Skipped, None, bool]:
    """The lines' items; True if the file was read to its end, False if abandoned."""
    bad_run = 0
    for number, line, problem in lines:
        if lines.count > limits.max_lines:
            yield Skipped(
                origin, f"over {limits.max_lines:,} lines: the rest of the file is not read"
            )
            return False
        if problem:
            item: Document | Skipped | None = Skipped(
                f"{origin}:{number}", f"line {number}: {problem}"
            )
        else:
            item = parse_line(line, number=number, name=name, origin=origin)
        if item is None:
            continue
        bad_run = bad_run + 1 if isinstance(item, Skipped) else 0
        yield item
        if bad_run >= limits.max_bad_run:
            yield Skipped(
                origin,
                f"{bad_run:,} unreadable lines in a row, up to line {number}: "
                "the rest of the file is not read",
            )
            return False
    return True


def parse_line(
    line: bytes | str, *, number: int, name: str, origin: str
) -> Document | Skipped | None:
    """One line as a Document, a Skipped with the line's problem, or None if blank."""
    where = f"{origin}:{number}"
    try:
        record = _record(line)
        if record is None:
            return None
        return _document(record, default_id=f"{name}-{number}", origin=where)
    except InputError as error:
        return Skipped(where, f"line {number}: {error.message}")


class Lines:
    """(line number, line, problem) for each non-blank line of a byte stream.

    Blank runs are skipped with one regex search and one newline count per
    buffer, not one Python step per line. A line longer than `max_bytes` is
    reported with its size and skipped through its newline, never held whole.
    `number` is one past the last line read, so at the end it counts the lines.
    """

    def __init__(self, stream: Any, max_bytes: int) -> None:
        self.stream = stream
        self.max_bytes = max_bytes
        self.number = 1  # number of the line that starts at buf[0]
        self.count = 0  # non-blank lines handed out
        self._buf = bytearray()
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def __iter__(self) -> Iterator[tuple[int, bytes, str | None]]:
        buf = self._buf
        while True:
            m = _NON_BLANK.search(buf)
            if m is None:
                self.number += buf.count(b"\n")
                buf.clear()
                if not self._fill():
                    return
                continue
            start = buf.rfind(b"\n", 0, m.start()) + 1  # keep a line's leading blanks
            self.number += buf.count(b"\n", 0, start)
            del buf[:start]
            end, scanned = buf.find(b"\n"), 0
            while end < 0 and len(buf) <= self.max_bytes:
                scanned = len(buf)
                if not self._fill():
                    break
                end = buf.find(b"\n", scanned)
            number = self.number
            self.count += 1
            if end > self.max_bytes or (end < 0 and len(buf) > self.max_bytes):
                size = self._discard_line(end)
                yield number, b"", over_limit("line", size, self.max_bytes)
                continue
            if end < 0:  # the last line, without a newline
                line = bytes(buf)
                buf.clear()
                if getattr(self.stream, "cut", None):
                    self.count -= 1
                    return  # a line cut with its compressed stream: reported as the cut
                yield number, line, None
                continue
            line = bytes(buf[: end + 1])
            del buf[: end + 1]
            self.number += 1
            yield number, line, None

    def _discard_line(self, end: int) -> int:
        """Drop the current line through its newline; its size in bytes."""
        buf = self._buf
        if end >= 0:
            del buf[: end + 1]
            self.number += 1
            return end + 1
        size = len(buf)
        buf.clear()
        while self._fill():
            end = buf.find(b"\n")
            if end >= 0:
                size += end + 1
                del buf[: end + 1]
                self.number += 1
                return size
            size += len(buf)
            buf.clear()
        return size


class _Transcoded:
    """A UTF-16/32 byte stream read as UTF-8 bytes."""

    def __init__(self, stream: Any, encoding: str) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")

    @property
    def cut(self) -> str | None:
        return self.stream.cut

    def read(self, n: int) -> bytes:
        while True:
            data = self.stream.read(n)
            text = self.decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8", errors="replace")


def _utf16_or_32(head: bytes) -> str | None:
    """UTF-16 or UTF-32 by BOM, or by where JSON's ASCII puts its NUL bytes (RFC 4627)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) < 4:
        return None
    zero = [b == 0 for b in head[:4]]
    return {
        (False, True, True, True): "utf-32-le",
        (True, True, True, False): "utf-32-be",
        (False, True, False, True): "utf-16-le",
        (True, False, True, False): "utf-16-be",
    }.get((zero[0], zero[1], zero[2], zero[3]))


def _record(line: bytes | str) -> dict[str, Any] | None:
    text = _line_text(line) if isinstance(line, bytes) else line.removeprefix("\ufeff")
    text = text.strip()
    if not text:
        return None  # blank lines separate nothing and are not items
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}") from None
    except (ValueError, RecursionError):
        raise InputError("invalid JSON: nested too deeply or number too large") from None
    if not isinstance(value, dict):
        raise InputError(f"not a JSON object but {type(value).__name__}")
    return value


def _line_text(line: bytes) -> str:
    """A line as text: plain UTF-8 lines (nearly all) skip the full `decode`."""
    try:
        text = line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        return decode(line)
    if _CONTROL.search(text) or not unicodedata.is_normalized("NFC", text):
        return decode(line)
    return text.removeprefix("\ufeff")


def _document(record: dict[str, Any], *, default_id: str, origin: str) -> Document:
    """A Document from one article object (a JSON line, or an object of a JSON file)."""
    key = next((k for k in TEXT_KEYS if record.get(k) is not None), None)
    if key is None:
        # news-please writes `"maintext": null` when it found no article text.
        nulls = [f"'{k}'" for k in TEXT_KEYS if k in record]
        if nulls:
            raise InputError(
                f"no text: {' and '.join(nulls)} {'are' if len(nulls) > 1 else 'is'} null"
            )
        raise InputError("no 'text' field")
    text = record[key]
    if not isinstance(text, str):
        raise InputError(f"'{key}' is {type(text).__name__}, not a string")
    # JSON escapes can spell lone surrogates ("\ud800") and control characters:
    # repaired here, so hashing and storing never meet them.
    raw_id = record.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else default_id
    doc = make_document(
        repair(text),
        id=safe_name(doc_id.strip()),
        origin=origin,
        title=_text(_first(record, TITLE_KEYS)),
        url=_text(record.get("url")),
        source=_text(_first(record, SOURCE_KEYS)),
        author=clean(_text(_authors(_first(record, AUTHOR_KEYS)))),
        published=_published(_first(record, PUBLISHED_KEYS)),
        declared_lang=_text(_first(record, LANG_KEYS)),
    )
    description = record.get("description")
    if isinstance(description, str) and description.strip():
        doc.extra["description"] = repair(description.strip())
    return doc


def _authors(value: Any) -> Any:
    """news-please's `authors` list as one "A, B" string; other values unchanged."""
    if isinstance(value, list):
        names = [name.strip() for name in value if isinstance(name, str) and name.strip()]
        return ", ".join(names) or None
    return value


def _text(value: Any) -> Any:
    return repair(value) if isinstance(value, str) else value


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def _published(value: Any) -> PartialDate | None:
    if isinstance(value, str):
        return metadata.parse_date(repair(value))
    # Numbers are Unix epoch seconds, the only numeric date convention JSON exports share.
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < _EPOCH_MAX:
        stamp = datetime.fromtimestamp(int(value), UTC).replace(tzinfo=None)
        return PartialDate.from_datetime(stamp)
    return None
