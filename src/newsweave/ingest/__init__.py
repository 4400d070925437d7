"""Readers: files and folders in, `Document`s (or `Skipped` records) out.

`read` walks the paths, picks a reader by extension or by the first bytes,
and never raises for a bad item: each unreadable file, line, entry or
record becomes a `Skipped` with a one-line reason, so one broken file does
not stop an ingest of thousands. Readers only read: language detection,
hashing and deduplication are later stages.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsweave.errors import InputError
from newsweave.ingest import feeds, html, jsonl, text, warc
from newsweave.ingest.files import kind_of, suffix, walk
from newsweave.ingest.metadata import extract, parse_date
from newsweave.model import Document, Skipped

__all__ = ["DEFAULT_MAX_BYTES", "extract", "parse_date", "read"]

DEFAULT_MAX_BYTES = 20_000_000
Reader = Callable[..., Iterator[Document | Skipped]]
READERS: dict[str, Reader] = {
    "text": text.read,
    "jsonl": jsonl.read,
    "html": html.read,
    "feed": feeds.read,
    "warc": warc.read,
}


def read(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped]:
    """Every article under `paths`, in sorted path order.

    `max_bytes` bounds a file; JSONL and WARC stream, so for them it bounds a
    line or a record instead.
    """
    for item in walk(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from _read_file(item, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | Skipped]:
    origin = str(path)
    try:
        kind = kind_of(path)
        if kind is None:
            ext = suffix(path) or "(none)"
            yield Skipped(
                origin, f"unsupported file type {ext}: not text, JSONL, HTML, feed or WARC"
            )
            return
        # Items are yielded as read: a reader failing late keeps what it gave.
        yield from READERS[kind](path, max_bytes=max_bytes)
    except InputError as error:
        yield Skipped(origin, error.message)
    except OSError as error:
        yield Skipped(origin, error.strerror or str(error))
    except (EOFError, zlib.error) as error:
        yield Skipped(origin, f"corrupt compressed data: {error}")
    except Exception as error:
        # A reader bug or a library choking on odd input must not end an ingest of
        # thousands of files; the reason names the exception so it can be reported.
        message = " ".join(str(error).split())[:160]
        yield Skipped(origin, f"unexpected {type(error).__name__}: {message}")
