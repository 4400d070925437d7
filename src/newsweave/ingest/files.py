"""Finding input files and telling their format, before any reader runs."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsweave.errors import InputError
from newsweave.model import Skipped

# Compound suffixes first: `a.jsonl.gz` is JSONL, not "gz".
KINDS = {
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".warc.gz": "warc",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
# Suffixes that say nothing reliable about the content: look inside.
SNIFFED = frozenset({"", ".xml", ".gz", ".json", ".dat"})
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Files under `paths` in sorted order, skipping hidden entries and `__pycache__`.

    A path given explicitly is read even if hidden: the user asked for it.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk_dir(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        else:
            yield Skipped(str(path), "no such file or directory")


def _walk_dir(root: Path) -> Iterator[Path | Skipped]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield Path(folder) / name
        while errors:
            error = errors.pop(0)
            yield Skipped(str(error.filename or folder), error.strerror or str(error))
    for error in errors:  # the root itself was unreadable
        yield Skipped(str(error.filename or root), error.strerror or str(error))


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def suffix(path: Path) -> str:
    name = path.name.lower()
    for known in KINDS:
        if known.count(".") == 2 and name.endswith(known):
            return known
    return path.suffix.lower()


def stem(path: Path) -> str:
    """File name without its (possibly compound) extension: the default document id."""
    ext = suffix(path)
    return path.name[: len(path.name) - len(ext)] if ext else path.name


def kind_of(path: Path) -> str | None:
    """`text`, `jsonl`, `html`, `feed` or `warc` by extension, else by content; None if unknown."""
    ext = suffix(path)
    if ext in KINDS:
        return KINDS[ext]
    if ext not in SNIFFED:
        return None
    kind = sniff(_head(path))
    # A file with no extension and no marker is most likely plain text.
    return kind or ("text" if ext == "" else None)


def sniff(head: bytes) -> str | None:
    """Format from the first bytes (already decompressed)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"warc/1."):
        return "warc"
    if text.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if text.startswith(b"<?xml") and any(tag in text for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    if text.startswith(b"<") and b"<html" in text:  # after a comment or an XML declaration
        return "html"
    first_line = text.split(b"\n", 1)[0].strip()
    if first_line.startswith(b"{"):
        return "jsonl"
    return None


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
            if head.startswith(_GZIP_MAGIC):
                f.seek(0)
                with gzip.GzipFile(fileobj=f) as z:
                    return z.read(_SNIFF_BYTES)
            return head
    except (OSError, EOFError, zlib.error):
        return b""


def is_gzip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(2) == _GZIP_MAGIC


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The whole file, or `InputError` if it is empty or over `max_bytes`."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    if size > max_bytes:
        raise InputError(over_limit("file", size, max_bytes))
    return path.read_bytes()


def over_limit(what: str, size: int, max_bytes: int) -> str:
    return f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit"


def human_size(n: int) -> str:
    """20_000_000 -> "20 MB", 812 -> "812 bytes" (decimal units, as `ls -h --si`)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            value = n / scale
            shown = f"{value:.0f}" if value >= 100 else f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
    return f"{n} bytes"
