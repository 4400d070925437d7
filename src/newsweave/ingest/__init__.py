"""Readers: files and folders in, `Document`s (or `Skipped` records) out.

`read` walks the paths, picks a reader by extension or by the first bytes,
and never raises for a bad item: each unreadable file, line, entry or
record becomes a `Skipped` with a one-line reason, so one broken file does
not stop an ingest of thousands. Readers only read: language detection,
hashing and deduplication are later stages.

What one file may cost is bounded (`limits.Limits`): bytes, decompressed
bytes, lines, header bytes, and the skip lines it may report (the rest are
counted in one summary line). A file that yields nothing says why. Every
string handed on is safe to hash and store: a non-UTF-8 file name keeps its
odd bytes as `\\xe9` escapes and a lone surrogate becomes U+FFFD.
"""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsweave.errors import InputError
from newsweave.ingest import feeds, html, jsonfile, jsonl, text, warc
from newsweave.ingest.decode import repair
from newsweave.ingest.files import kind_of, safe_name, suffix, walk
from newsweave.ingest.limits import Limits
from newsweave.ingest.metadata import extract, parse_date
from newsweave.model import Document, Skipped

__all__ = ["DEFAULT_MAX_BYTES", "Limits", "extract", "parse_date", "read"]

DEFAULT_MAX_BYTES = 20_000_000
Reader = Callable[..., Iterator[Document | Skipped]]
READERS: dict[str, Reader] = {
    "text": text.read,
    "jsonl": jsonl.read,
    "json": jsonfile.read,
    "html": html.read,
    "feed": feeds.read,
    "warc": warc.read,
}
# Readers that stream a file item by item and take the other bounds too.
STREAMING = frozenset({"jsonl", "json", "warc"})
_ITEM_NUMBER = re.compile(r"^(?:line|entry) \d+: ")


def read(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    follow_symlinks: bool = False,
    limits: Limits | None = None,
) -> Iterator[Document | Skipped]:
    """Every article under `paths`, in sorted path order.

    `max_bytes` bounds a file; JSONL and WARC stream, so for them it bounds a
    line or a record instead (`limits` holds the other bounds). Symlinks in a
    folder that lead out of it are not followed unless `follow_symlinks`.
    """
    limits = limits or Limits(max_bytes=max_bytes)
    for item in walk(paths, follow_symlinks=follow_symlinks):
        if isinstance(item, Skipped):
            yield safe(item)
        else:
            for found in _read_file(item, limits):
                yield safe(found)


def _read_file(path: Path, limits: Limits) -> Iterator[Document | Skipped]:
    origin = str(path)
    produced = reported = 0
    unlisted: Counter[str] = Counter()
    try:
        kind = kind_of(path)
        if kind is None:
            ext = suffix(path) or "(none)"
            yield Skipped(
                origin, f"unsupported file type {ext}: not text, JSONL, JSON, HTML, feed or WARC"
            )
            return
        options = {"limits": limits} if kind in STREAMING else {}
        # Items are yielded as read: a reader failing late keeps what it gave.
        for item in READERS[kind](path, max_bytes=limits.max_bytes, **options):
            produced += 1
            # A line, entry or record skipped is listed up to a cap; what the file as
            # a whole says (cut short, abandoned, over a bound) is always listed.
            if isinstance(item, Skipped) and item.origin != origin:
                if reported >= limits.max_skip_reports:
                    unlisted[_ITEM_NUMBER.sub("", item.reason)] += 1
                    continue
                reported += 1
            yield item
    except InputError as error:
        produced += 1
        yield Skipped(origin, error.message)
    except OSError as error:
        produced += 1
        yield Skipped(origin, error.strerror or str(error))
    except (EOFError, zlib.error) as error:
        produced += 1
        yield Skipped(origin, f"corrupt compressed data: {error}")
    except Exception as error:
        # A reader bug or a library choking on odd input must not end an ingest of
        # thousands of files; the reason names the exception so it can be reported.
        produced += 1
        message = " ".join(str(error).split())[:160]
        yield Skipped(origin, f"unexpected {type(error).__name__}: {message}")
    if unlisted:
        total = sum(unlisted.values())
        reason, count = unlisted.most_common(1)[0]
        yield Skipped(
            origin,
            f"{total:,} more items skipped in this file, not listed one by one "
            f"(most often, {count:,} times: {reason})",
        )
    elif produced == 0:
        yield Skipped(origin, "nothing to read: the file holds no article")


def safe(item: Document | Skipped) -> Document | Skipped:
    """`item` with every string fit for the store and the content hash (see
    `files.safe_name` for names, `decode.repair` for text)."""
    if isinstance(item, Skipped):
        origin, reason = safe_name(item.origin), safe_name(item.reason)
        if origin is item.origin and reason is item.reason:
            return item
        return Skipped(origin, reason)
    item.id = safe_name(item.id)
    if item.origin is not None:
        item.origin = safe_name(item.origin)
    item.text = repair(item.text)
    for name in ("title", "url", "source", "author", "dateline", "declared_lang"):
        value = getattr(item, name)
        if isinstance(value, str):
            setattr(item, name, repair(value))
    for key, value in list(item.extra.items()):
        if isinstance(value, str):
            item.extra[key] = repair(value)
    return item
