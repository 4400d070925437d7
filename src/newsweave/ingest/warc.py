"""WARC web archives: each archived HTML page becomes a document.

Crawls are large and often cut short, so records stream one at a time,
`max_bytes` bounds a record, and a record shorter than its declared
Content-Length is reported with both byte counts instead of being parsed
as if it were whole.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave.errors import InputError
from newsweave.ingest.assemble import make_document
from newsweave.ingest.decode import decode, sniff_charset
from newsweave.ingest.files import over_limit
from newsweave.ingest.html import parse_html
from newsweave.model import Document, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """Documents from `response` records with HTML and `resource` records of HTML or
    plain text; id and url are the WARC-Target-URI, origin `path#uri`. Other records
    (requests, metadata, images, redirects and errors) are not articles and pass silently."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                # A record cut inside its headers (or a cut gzip member) ends the
                # iteration silently; bytes left past the last record tell.
                size = path.stat().st_size
                if records.offset < size:
                    yield Skipped(
                        str(path),
                        f"truncated WARC: file ends {size - records.offset} bytes "
                        "into an incomplete record",
                    )
                return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
                problem = " ".join(str(error).split())[:160] or type(error).__name__
                yield Skipped(str(path), f"unreadable WARC after the last record: {problem}")
                return
            item = _item(record, path, max_bytes)
            if item is not None:
                yield item


def _item(record: Any, path: Path, max_bytes: int) -> Document | Skipped | None:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    kind = _kind(record)
    if kind is None:
        return None
    where = f"{path}#{uri}"
    declared = record.length
    if declared is not None and declared > max_bytes:
        return Skipped(where, over_limit("record", declared, max_bytes))
    try:
        payload = _read_all(record.content_stream())
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return Skipped(where, f"unreadable record: {error}")
    remaining = getattr(record.raw_stream, "limit", 0)
    if declared and remaining > 0:
        return Skipped(where, f"truncated WARC record: {declared - remaining} of {declared} bytes")
    if not payload.strip():
        return Skipped(where, "record has no content")
    try:
        text = decode(payload, declared=_charset(record) or sniff_charset(payload))
        if kind == "html":
            return parse_html(text, id=uri or where, origin=where, url=uri or None)
        return make_document(text, id=uri or where, origin=where, url=uri or None)
    except InputError as error:
        return Skipped(where, error.message)


def _kind(record: Any) -> str | None:
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None  # redirects and error pages are not articles
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        return "html" if ctype.startswith(HTML_TYPES) else None
    if record.rec_type == "resource":
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        if ctype.startswith(HTML_TYPES):
            return "html"
        return "text" if ctype.startswith("text/plain") else None
    return None


def _charset(record: Any) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    ctype = headers.get_header("Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read_all(stream: Any) -> bytes:
    parts = []
    while chunk := stream.read(_CHUNK):
        parts.append(chunk)
    return b"".join(parts)
