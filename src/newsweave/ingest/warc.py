"""WARC web archives: each archived HTML page becomes a document.

Crawls are large and often cut short, so records stream one at a time,
`max_bytes` bounds a record, and a record shorter than its declared
Content-Length is reported with both byte counts instead of being parsed
as if it were whole.

We decompress `.warc.gz` ourselves and hand warcio plain bytes through a
`Bounded` stream: the file may not expand past `limits.max_ratio` times its
size, and warcio may not read more than `limits.max_header_bytes` past the end
of the record it last gave us, so a header line of 1 GiB (or a bomb of NUL
bytes) stops after a megabyte instead of growing in memory. warcio writes its
warnings to stderr and its logger: a stderr warning becomes one skip line
naming the record it is about, a log message one sanitised log line; neither
is printed raw.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsweave.errors import InputError
from newsweave.ingest.decode import decode, sniff_charset
from newsweave.ingest.files import human_size, open_regular, over_limit, safe_name
from newsweave.ingest.html import parse_html
from newsweave.ingest.limits import Bounded, Limits, open_bounded
from newsweave.model import Document, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
_PROTOCOL = re.compile(r"HTTP/\d(?:\.\d)?", re.I)
_STATUS = re.compile(r"\d{3}")
_LENGTH = re.compile(r"\s*\d+\s*")
log = logging.getLogger(__name__)


class _Relay(logging.Handler):
    """warcio's log records (raw URIs with spaces) as one sanitised line of ours."""

    def emit(self, record: logging.LogRecord) -> None:
        log.info("warcio: %s", safe_name(" ".join(record.getMessage().split()))[:300])


# warcio logs through its own logger; the relay keeps those lines out of stderr.
logging.getLogger("warcio").addHandler(_Relay())
logging.getLogger("warcio").propagate = False


def read(
    path: Path, *, max_bytes: int, limits: Limits | None = None
) -> Iterator[Document | Skipped]:
    """Documents from HTML `response` records (status 2xx) and HTML `resource` records;
    id and url are the WARC-Target-URI, origin `path#uri`. Every other record is not
    an article and passes silently: `warcinfo`, `request`, `metadata` (wget's
    manifest), `resource` records that are not HTML (wget's log and arguments),
    images, redirects and errors. A file that holds no article says so in one line
    with a tally of what it held."""
    limits = limits or Limits(max_bytes=max_bytes)
    origin = str(path)
    with open_regular(path) as raw:
        if os.fstat(raw.fileno()).st_size == 0:
            raise InputError("empty file")
        guard = open_bounded(raw, path, limits)
        try:
            head = guard.peek(2)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(f"corrupt compressed data: {error}") from None
        if not head:
            raise InputError("empty after decompression")
        if head == _GZIP_MAGIC:
            raise InputError("compressed twice (gzip inside gzip): not read")
        yield from _records(guard, origin, limits)


def _records(guard: Bounded, origin: str, limits: Limits) -> Iterator[Document | Skipped]:
    records = ArchiveIterator(guard)
    seen: Counter[str] = Counter()
    produced = False
    last = origin  # where the record read last came from: warcio's warnings are about it
    guard.allow = limits.max_header_bytes
    guard.allow_reason = _run_past(0, limits)
    while True:
        record, error, warnings = _quietly(partial(next, records))
        for warning in warnings:
            produced = True
            yield Skipped(last, warning)
        if isinstance(error, StopIteration):
            # A record cut inside its headers (or a cut gzip member) ends the
            # iteration silently; bytes left past the last record tell.
            cut = f" (compressed data ends early: {guard.cut})" if guard.cut else ""
            if records.offset < guard.pos:
                produced = True
                yield Skipped(
                    origin,
                    f"truncated WARC: file ends {guard.pos - records.offset} bytes "
                    f"into an incomplete record{cut}",
                )
            elif guard.cut:
                produced = True
                yield Skipped(origin, f"truncated WARC{cut}")
            break
        if guard.cut and (error is not None or _broken(record)):
            # Whatever warcio made of the last bytes, they are the end of a cut stream.
            yield Skipped(
                origin,
                f"truncated WARC at byte {records.offset:,}: compressed data ends early "
                f"({guard.cut})",
            )
            return
        if isinstance(error, InputError):
            yield Skipped(origin, error.message)
            return
        if isinstance(error, EOFError):
            yield Skipped(origin, f"truncated WARC: compressed data ends early ({error})")
            return
        if isinstance(error, AttributeError | TypeError | IndexError | KeyError):
            # warcio assumes headers it did not find (a URI, a length): cut or garbled.
            yield Skipped(
                origin,
                f"broken WARC record at byte {records.offset:,}: headers cut short or "
                f"garbled ({_gist(error)}); the rest of the file is not read",
            )
            return
        if error is not None:
            # warcio's parse errors (ArchiveLoadFailed, a bad first line), gzip errors
            # and library bugs alike end this file, with the record's offset.
            yield Skipped(
                origin,
                f"unreadable WARC record at byte {records.offset:,}: {_gist(error)}; "
                "the rest of the file is not read",
            )
            return
        problem = _broken(record)
        if problem:
            yield Skipped(
                origin,
                f"broken WARC record at byte {records.offset:,}: {problem}; "
                "the rest of the file is not read",
            )
            return
        guard.allow = guard.pos + int(record.length) + limits.max_header_bytes
        guard.allow_reason = _run_past(records.offset, limits)
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        last = f"{origin}#{uri}"
        room = guard.limit - records.offset
        found, error, warnings = _quietly(partial(_item, record, last, limits.max_bytes, room))
        if error is not None:
            raise error
        item, note, stop = found
        seen[note] += 1
        for message in ([item] if item is not None else []) + [Skipped(last, w) for w in warnings]:
            produced = True
            yield message
        if stop:
            return
    if not produced:
        held = ", ".join(f"{note} {n}" for note, n in sorted(seen.items()))
        yield Skipped(
            origin,
            "no article in the WARC: no HTML response or HTML resource record "
            f"({held or 'no records'})",
        )


def _run_past(offset: int, limits: Limits) -> str:
    room = human_size(limits.max_header_bytes)
    return (
        f"WARC headers after byte {offset:,} run past {room} without a record: "
        "the rest of the file is not read"
    )


def _broken(record: Any) -> str | None:
    """Why a record's WARC headers cannot be trusted to find the next record."""
    if record.format != "warc":
        return f"an {record.format.upper()} record, not WARC"
    if not record.rec_type:
        return "no WARC-Type header (headers cut short or garbled)"
    length = record.rec_headers.get_header("Content-Length")
    if length is None:
        return "no Content-Length header (headers cut short or garbled)"
    if not _LENGTH.fullmatch(length):
        return f"Content-Length is not a number: {safe_name(length)[:40]!r}"
    return None


def _item(
    record: Any, where: str, max_bytes: int, room: int
) -> tuple[Document | Skipped | None, str, bool]:
    """(the record's document or skip, what kind of record it was, stop reading).

    `room` is what the file may still expand to: a record declared larger than
    that ends the file at once rather than after reading up to the bound."""
    uri = where.partition("#")[2]
    kind, note = _kind(record)
    declared = record.length
    if declared is not None and declared > max(room, max_bytes):
        reason = f"{over_limit('record', declared, max_bytes)}; the rest of the file is not read"
        return Skipped(where, reason), note, True
    if kind is None:
        return None, note, False
    if kind == "broken":
        return Skipped(where, note), "broken response", False
    if declared is not None and declared > max_bytes:
        return Skipped(where, over_limit("record", declared, max_bytes)), note, False
    try:
        payload = _read_all(record.content_stream(), max_bytes)
    except (OSError, ValueError, zlib.error, EOFError) as error:
        return Skipped(where, f"unreadable record: {_gist(error)}"), note, False
    if payload is None:
        return (
            Skipped(where, f"record decompresses to more than {human_size(max_bytes)}"),
            note,
            False,
        )
    remaining = getattr(record.raw_stream, "limit", 0)
    if declared and remaining > 0:
        cut = f"truncated WARC record: {declared - remaining} of {declared} bytes"
        return Skipped(where, cut), note, True
    if not payload.strip():
        return Skipped(where, "record has no content"), note, False
    try:
        text = decode(payload, declared=_charset(record) or sniff_charset(payload))
        return parse_html(text, id=uri or where, origin=where, url=uri or None), note, False
    except InputError as error:
        return Skipped(where, error.message), note, False


def _kind(record: Any) -> tuple[str | None, str]:
    """("html", "broken" or None, a few words on the record for the tally)."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None, "response without HTTP headers"
        status = headers.get_statuscode() or ""
        if not _PROTOCOL.fullmatch(headers.protocol or "") or not _STATUS.fullmatch(status):
            line = safe_name(f"{headers.protocol} {headers.statusline}".strip())[:80]
            return "broken", f"broken HTTP status line: {line!r}"
        if not status.startswith("2"):
            return None, f"response {status}"  # redirects and error pages are not articles
        ctype = (headers.get_header("Content-Type") or "").lower()
        return (
            ("html", "HTML response")
            if ctype.startswith(HTML_TYPES)
            else (None, "non-HTML response")
        )
    if record.rec_type == "resource":
        # wget stores its log and its arguments as text/plain resources (and its
        # manifest as metadata): crawl bookkeeping, never an article.
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        if ctype.startswith(HTML_TYPES):
            return "html", "HTML resource"
        return None, "non-HTML resource"
    # warcinfo, request, metadata, revisit, conversion, continuation: not articles.
    return None, safe_name(str(record.rec_type))[:40]


def _charset(record: Any) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    ctype = headers.get_header("Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read_all(stream: Any, max_bytes: int) -> bytes | None:
    """The payload, or None when it (decompressed by its Content-Encoding) is over
    `max_bytes`: the declared length bounds the bytes stored, not what they expand to."""
    parts = []
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _gist(error: BaseException) -> str:
    return safe_name(" ".join(str(error).split()))[:160] or type(error).__name__


def _quietly(call: Callable[[], Any]) -> tuple[Any, BaseException | None, list[str]]:
    """(result, exception, warnings) of a warcio call, its stderr captured: warcio
    prints three raw lines per warning; we report each as one line."""
    buffer = io.StringIO()
    result: Any = None
    error: BaseException | None = None
    with contextlib.redirect_stderr(buffer):
        try:
            result = call()
        except Exception as exc:  # StopIteration included: the caller sorts them
            error = exc
    return (
        result,
        error,
        [_warning(w) for w in _WARNING_START.split(buffer.getvalue()) if w.strip()],
    )


_WARNING_START = re.compile(r"(?=WARNING:)")
_NO_NEWLINE = re.compile(r"Record not followed by newline.*?Offset: (\d+)", re.S)


def _warning(text: str) -> str:
    m = _NO_NEWLINE.search(text)
    if m:
        return (
            f"record not followed by a blank line at byte {int(m.group(1)):,} (its "
            "Content-Length may be wrong): bytes up to the next record were skipped"
        )
    return "warcio: " + safe_name(" ".join(text.split()))[:200]
