"""RSS and Atom feed files: one document per entry.

feedparser gets the file's bytes, never a path or URL: given a string that
looks like a URL it would fetch it, and ingest must not touch the network.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.ingest.assemble import clean, make_document
from newsweave.ingest.files import read_limited, stem
from newsweave.ingest.html import html_to_text
from newsweave.model import Document, PartialDate, Skipped


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """Each entry as a document; origin `path#n` with n counted from 1."""
    yield from parse_feed(read_limited(path, max_bytes), name=stem(path), origin=str(path))


def parse_feed(data: bytes, *, name: str, origin: str) -> Iterator[Document | Skipped]:
    """Entries of a feed given as bytes; `InputError` if it has none."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = " ".join(str(parsed.get("bozo_exception", "")).split())[:160]
            raise InputError(f"feed has no entries (not well-formed XML: {problem})")
        raise InputError("feed has no entries")
    feed = parsed.get("feed") or {}
    for n, entry in enumerate(entries, start=1):
        where = f"{origin}#{n}"
        try:
            yield _document(entry, feed, parsed, default_id=f"{name}-{n}", origin=where)
        except InputError as error:
            yield Skipped(where, f"entry {n}: {error.message}")


def _document(entry: Any, feed: Any, parsed: Any, *, default_id: str, origin: str) -> Document:
    link = clean(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # Atom ids such as `tag:` URIs are copied into `link` by feedparser
    content = entry.get("content") or []
    body = content[0].get("value") if content else None
    detail = content[0] if content else entry.get("summary_detail") or {}
    body = body or entry.get("summary") or entry.get("description") or ""
    text = html_to_text(body)
    if not text:
        raise InputError("no text (neither content nor summary)")
    lang = (
        detail.get("language")
        or entry.get("language")
        or feed.get("language")
        or parsed.get("headers", {}).get("content-language")
    )
    return make_document(
        text,
        id=clean(entry.get("id")) or link or default_id,
        origin=origin,
        title=clean(html_to_text(entry.get("title") or "")),
        url=link,
        source=clean(feed.get("title")),
        author=clean(entry.get("author")),
        published=_published(entry),
        declared_lang=lang,
    )


def _published(entry: Any) -> PartialDate | None:
    """The raw string first: feedparser's parsed tuple fills a missing time with 00:00."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            value = metadata.parse_date(raw)
            if value is not None:
                return value
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return PartialDate(*parsed[:6])
    return None
