"""How much one input item may cost the readers, and a stream that enforces it.

Files come from the web and from crawls: a 2 MB `.warc.gz` can hold 2 GiB of
NUL bytes, a 16 kB `.jsonl.gz` sixteen million blank lines, a WARC header a
1 GiB line. Each bound below turns such an item into one `Skipped` line
instead of the memory, the time or the skip table of the whole run.

| limit | default | bounds |
|---|---|---|
| `max_bytes` | 20 MB | a file read whole (text, HTML, feed), one JSONL line, one WARC record, after decompression |
| `max_ratio` | 100 | a compressed file decompresses to at most `max_ratio` times its size (never less than `max_bytes`) |
| `max_lines` | 5,000,000 | non-blank lines read from one JSONL file |
| `max_bad_run` | 10,000 | unreadable JSONL lines in a row, after which the rest of the file is not read |
| `max_header_bytes` | 1 MiB | the headers of one WARC record, with the blank lines before it |
| `max_skip_reports` | 20 | item-level skips reported one by one per file; the rest are one summary line with a count |

Text, JSON and HTML compress 3 to 10 times; a ratio over 100 is a bomb, not news.
"""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsweave.errors import InputError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    max_ratio: int = 100
    max_lines: int = 5_000_000
    max_bad_run: int = 10_000
    max_header_bytes: int = 1 << 20
    max_skip_reports: int = 20

    def decompressed_budget(self, compressed_size: int) -> int:
        """Bytes a compressed file of `compressed_size` bytes may expand to."""
        return max(self.max_ratio * compressed_size, self.max_bytes)


class Bounded:
    """A read-only binary stream that raises `InputError` past a byte budget.

    `limit` bounds the whole stream (decompressed bytes of one file); `allow`
    is a moving mark the owner sets (a WARC record's end plus room for the next
    headers), so one unterminated header line cannot be read to the end of a
    bomb. `peek` reads ahead without consuming, for format sniffing.
    """

    def __init__(self, raw: IO[bytes], *, limit: int, what: str) -> None:
        self.raw = raw
        self.limit = limit
        self.what = what
        self.pos = 0  # bytes handed out
        self.allow: int | None = None
        self.allow_reason = ""
        self.eof = False
        self.cut: str | None = None  # why a compressed stream ended early, if it did
        self._ahead = b""

    def _raw_read(self, n: int) -> bytes:
        """At most `n` bytes from one read of the source. A gzip stream cut short
        raises EOFError only after handing out what it could decompress (`read1`
        keeps that data, where `read` would drop it); here the cut becomes an end
        of file, and `cut` says why, so a reader keeps every record before it."""
        if self.cut is not None:
            return b""
        try:
            return self.raw.read1(n) if hasattr(self.raw, "read1") else self.raw.read(n)
        except EOFError as error:
            self.cut = str(error) or "compressed data ends early"
            return b""

    def peek(self, n: int) -> bytes:
        while len(self._ahead) < n and not self.eof:
            chunk = self._raw_read(n - len(self._ahead))
            if not chunk:
                self.eof = True
                break
            self._ahead += chunk
        return self._ahead[:n]

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            n = 1 << 16
        budget = self.limit - self.pos
        if self.allow is not None:
            if self.pos >= self.allow:
                raise InputError(self.allow_reason)
            budget = min(budget, self.allow - self.pos)
        if budget <= 0:
            if self.peek(1):
                raise InputError(f"{self.what}: the rest is not read")
            return b""
        n = min(n, budget)
        if self._ahead:
            data, self._ahead = self._ahead[:n], self._ahead[n:]
        else:
            data = self._raw_read(n)
            if not data:
                self.eof = True
        self.pos += len(data)
        return data

    def tell(self) -> int:
        return self.pos

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass


_GZIP_MAGIC = b"\x1f\x8b"
_DEFLATE = 8  # gzip's one compression method (RFC 1952)


def open_bounded(raw: IO[bytes], path: Path, limits: Limits) -> Bounded:
    """`raw` (an open regular file at its start) as a stream of its content within its
    budget: its size, or `limits.decompressed_budget` when it is gzip."""
    from newsweave.ingest.files import human_size

    size = os.fstat(raw.fileno()).st_size
    if not is_gzip(raw, named=path.name.lower().endswith(".gz")):
        return Bounded(raw, limit=size, what=f"file is over {human_size(size)}")
    budget = limits.decompressed_budget(size)
    what = (
        f"file decompresses to more than {human_size(budget)} "
        f"({limits.max_ratio} times its size or {human_size(limits.max_bytes)})"
    )
    return Bounded(gzip.GzipFile(fileobj=raw, mode="rb"), limit=budget, what=what)


def is_gzip(raw: IO[bytes], *, named: bool) -> bool:
    """Whether the file is gzip; leaves `raw` at its start.

    Two magic bytes alone do not make a gzip file: a plain file whose first line
    happens to start with them (binary junk before good lines) is read as it is. A
    file named .gz is taken at its word, so a corrupt one is reported as corrupt."""
    head = raw.read(4)
    raw.seek(0)
    if head[:2] != _GZIP_MAGIC:
        return False
    if named:
        return True
    if len(head) < 4 or head[2] != _DEFLATE or head[3] & 0xE0:  # reserved flag bits
        return False
    try:
        gzip.GzipFile(fileobj=raw, mode="rb").read(1)
    except (OSError, EOFError, zlib.error):
        return False
    finally:
        raw.seek(0)
    return True
