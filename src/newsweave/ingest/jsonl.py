"""JSON Lines: one article object per line, streamed.

Files run to gigabytes, so lines are read one at a time and `max_bytes`
bounds a line, not the file. A bad line is reported and the rest still reads.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.ingest.assemble import clean, make_document
from newsweave.ingest.decode import decode
from newsweave.ingest.files import is_gzip, over_limit, stem
from newsweave.model import Document, PartialDate, Skipped

# Accepted names for each field, first found wins.
TEXT_KEYS = ("text", "body", "content")
PUBLISHED_KEYS = ("published", "date", "published_at")
LANG_KEYS = ("lang", "language")
_EPOCH_MAX = 4_102_444_800  # 2100-01-01: larger numbers are not epoch seconds


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """Documents from each line; `<stem>-<line>` ids when a line has no `id`."""
    opener = gzip.open if is_gzip(path) else open
    with opener(path, "rb") as raw:
        try:
            yield from read_lines(_lines(raw, max_bytes), name=stem(path), origin=str(path))
        except (OSError, EOFError, zlib.error) as error:
            # A cut gzip stream: what was read stands, the rest is reported once.
            yield Skipped(str(path), f"unreadable after the last line read: {error}")


def read_lines(
    lines: Iterator[tuple[int, bytes | str, str | None]], *, name: str, origin: str
) -> Iterator[Document | Skipped]:
    """Parse (line number, content, problem) triples; blank lines yield nothing."""
    for number, line, problem in lines:
        if problem:
            yield Skipped(f"{origin}:{number}", f"line {number}: {problem}")
            continue
        item = parse_line(line, number=number, name=name, origin=origin)
        if item is not None:
            yield item


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


def _lines(raw: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | str, str | None]]:
    head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
    encoding = _utf16_or_32(head)
    if encoding:
        # UTF-16/32 puts NULs inside lines: read it as text instead of as bytes.
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        for number, line in enumerate(text, start=1):
            yield number, line, None
        return
    number = 0
    while True:
        line = raw.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = raw.readline(1 << 20)
                size += len(line)
            yield number, b"", over_limit("line", size, max_bytes)
            continue
        yield number, line, None


def _utf16_or_32(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _record(line: bytes | str) -> dict[str, Any] | None:
    text = decode(line) if isinstance(line, bytes) else line.removeprefix("\ufeff")
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


def _document(record: dict[str, Any], *, default_id: str, origin: str) -> Document:
    key = next((k for k in TEXT_KEYS if k in record), None)
    if key is None:
        raise InputError("no 'text' field")
    text = record[key]
    if not isinstance(text, str):
        raise InputError(f"'{key}' is {type(text).__name__}, not a string")
    raw_id = record.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else default_id
    return make_document(
        text,
        id=doc_id.strip(),
        origin=origin,
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
        author=clean(record.get("author")),
        published=_published(_first(record, PUBLISHED_KEYS)),
        declared_lang=_first(record, LANG_KEYS),
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def _published(value: Any) -> PartialDate | None:
    if isinstance(value, str):
        return metadata.parse_date(value)
    # Numbers are Unix epoch seconds, the only numeric date convention JSON exports share.
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < _EPOCH_MAX:
        stamp = datetime.fromtimestamp(int(value), UTC).replace(tzinfo=None)
        return PartialDate.from_datetime(stamp)
    return None
