"""JSON files: one article object (news-please writes one pretty-printed object
per `.json` file), a JSON array of article objects, or objects one after another
(what `jq '.[]'` prints). Fields are read as JSON Lines reads them
(`jsonl.TEXT_KEYS` and the others, news-please's names included).

A file holding one object gives a document with the file name as its default
id, like a text or HTML file; a file holding several gives `<file>-<n>` ids, n
counted from 1, and origins `path#n`. Arrays run to gigabytes, so values are
decoded one at a time and `max_bytes` bounds one value, not the file; a
compressed file may not expand past `limits.max_ratio` times its size. An
element that is not an article is reported and the rest still reads; JSON that
stops parsing ends the file with one line saying where.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.ingest.files import open_regular, over_limit, stem
from newsweave.ingest.jsonl import _document, _utf16_or_32
from newsweave.ingest.limits import Bounded, Limits, open_bounded
from newsweave.model import Document, Skipped

_CHUNK = 1 << 16  # small reads: what precedes a bomb is parsed before the budget runs out
_NON_BLANK = re.compile(r"[^ \t\r\n]")  # JSON's white space is these four
_DECODER = json.JSONDecoder()


def read(
    path: Path, *, max_bytes: int, limits: Limits | None = None
) -> Iterator[Document | Skipped]:
    """Documents from the file's article objects (see the module docstring)."""
    limits = limits or Limits(max_bytes=max_bytes)
    origin = str(path)
    with open_regular(path) as raw:
        if os.fstat(raw.fileno()).st_size == 0:
            raise InputError("empty file")
        bounded = open_bounded(raw, path, limits)
        try:
            values = Values(bounded, max_bytes)
            yield from _articles(values, name=stem(path), origin=origin, limits=limits)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(f"corrupt or cut compressed data: {error}") from None
        if bounded.cut:
            yield Skipped(origin, f"corrupt or cut compressed data: {bounded.cut}")


def _articles(
    values: Values, *, name: str, origin: str, limits: Limits
) -> Iterator[Document | Skipped]:
    first = values.next_char()
    if first is None:
        raise InputError("no JSON, only blank space")
    if first == "[":
        values.advance(1)
        count = yield from _numbered(values.elements(), 1, name, origin, limits)
        if count == 0:
            yield Skipped(origin, "empty JSON array: no article")
        return
    value = values.value()
    try:
        more = not isinstance(value, _Problem) and values.next_char() is not None
    except InputError:
        yield _item(value, 1, name, origin, single=True)  # kept before the file's skip
        raise
    if not more:
        # One object is the file's article (news-please's shape), named after it.
        yield _item(value, 1, name, origin, single=True)
        return
    yield _item(value, 1, f"{name}-1", origin)
    yield from _numbered(values.sequence(), 2, name, origin, limits)


def _numbered(
    items: Iterator[Any], start: int, name: str, origin: str, limits: Limits
) -> Generator[Document | Skipped, None, int]:
    """Items numbered from `start`: `<name>-<n>` ids, `path#n` origins; how many."""
    count = 0
    for n, value in enumerate(items, start):
        if isinstance(value, _Problem) and value.whole_file:
            yield Skipped(origin, value.message)
            break
        if n > limits.max_lines:
            yield Skipped(
                origin, f"over {limits.max_lines:,} articles: the rest of the file is not read"
            )
            break
        count += 1
        yield _item(value, n, f"{name}-{n}", origin)
    return count


def _item(
    value: Any, n: int, default_id: str, origin: str, *, single: bool = False
) -> Document | Skipped:
    where = origin if single else f"{origin}#{n}"
    prefix = "" if single else f"entry {n}: "
    if isinstance(value, _Problem):
        return Skipped(where, prefix + value.message)
    if not isinstance(value, dict):
        return Skipped(where, f"{prefix}not a JSON object but {type(value).__name__}")
    try:
        return _document(value, default_id=default_id, origin=where)
    except InputError as error:
        return Skipped(where, prefix + error.message)


class _Problem:
    """An element that could not be decoded (reported as a skip, in its place)."""

    def __init__(self, message: str, *, whole_file: bool = False) -> None:
        self.message = message
        self.whole_file = whole_file  # about the file, not about an element


class Values:
    """JSON values decoded one at a time from a byte stream, never the whole file.

    Text is decoded incrementally (UTF-8, or UTF-16/32 told by a BOM or by where
    JSON's ASCII puts its NUL bytes). A value is retried with more text when it
    does not parse yet, up to `max_bytes` of text, so a value is bounded, not the file.
    """

    def __init__(self, stream: Bounded, max_bytes: int) -> None:
        self.stream = stream
        self.max_bytes = max_bytes
        encoding = _utf16_or_32(stream.peek(4)) or "utf-8-sig"
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._consumed = 0  # characters dropped from the front of the buffer

    def _fill(self, at_least: int = _CHUNK) -> bool:
        if self._eof:
            return False
        if self._pos > len(self._buf) // 2:
            self._consumed += self._pos
            self._buf = self._buf[self._pos :]
            self._pos = 0
        parts = [self._buf]
        added = 0
        while added < at_least:
            data = self.stream.read(_CHUNK)
            parts.append(self._decoder.decode(data, final=not data))
            added += len(parts[-1])
            if not data:
                self._eof = True
                break
        self._buf = "".join(parts)  # joined once: `+=` per chunk would copy the buffer each time
        return True

    def advance(self, n: int) -> None:
        self._pos += n

    def next_char(self) -> str | None:
        """The next character that is not white space (not consumed), None at the end."""
        while True:
            # One search, not a Python step per character: a bomb can be all spaces.
            m = _NON_BLANK.search(self._buf, self._pos)
            if m is not None:
                self._pos = m.start()
                return m.group()
            self._pos = len(self._buf)
            if not self._fill():
                return None

    def value(self) -> Any:
        """The value at the cursor; `_Problem` when it does not parse (the caller stops)."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                pending = len(self._buf) - self._pos
                if pending > self.max_bytes:
                    return _Problem(over_limit("JSON value", pending, self.max_bytes))
                if self._eof:
                    return _Problem(f"invalid JSON: {error.msg} ({self._where(error.pos)})")
                self._fill(max(_CHUNK, pending))  # doubles: a long value parses in log steps
                continue
            except (ValueError, RecursionError):
                return _Problem("invalid JSON: nested too deeply or number too large")
            # A number or literal cut at the buffer's end parses short: make sure it ended.
            if end == len(self._buf) and not self._eof and not isinstance(value, dict | list):
                self._fill()
                continue
            if end - self._pos > self.max_bytes:
                return _Problem(over_limit("JSON value", end - self._pos, self.max_bytes))
            self._pos = end
            return value

    def _where(self, pos: int) -> str:
        before = self._buf[:pos]
        if self._consumed:
            return f"character {self._consumed + pos:,}"
        return f"line {before.count(chr(10)) + 1:,}"

    def sequence(self) -> Iterator[Any]:
        """Top-level values one after another, until the end or one that does not parse."""
        while self.next_char() is not None:
            value = self.value()
            yield value
            if isinstance(value, _Problem):
                value.message += "; the rest of the file is not read"
                return

    def elements(self) -> Iterator[Any]:
        """The elements of an array whose `[` was consumed."""
        if self.next_char() == "]":
            self.advance(1)
            yield from self._trailing()
            return
        while True:
            if self.next_char() is None:
                yield _Problem("JSON array not closed: the file ends inside it")
                return
            value = self.value()
            if isinstance(value, _Problem):
                value.message += "; the rest of the file is not read"
                yield value
                return
            yield value
            sep = self.next_char()
            if sep == ",":
                self.advance(1)
            elif sep == "]":
                self.advance(1)
                yield from self._trailing()
                return
            else:
                found = "the end of the file" if sep is None else repr(sep)
                yield _Problem(f"invalid JSON: expected ',' or ']' after an element, found {found}")
                return

    def _trailing(self) -> Iterator[Any]:
        if self.next_char() is not None:
            yield _Problem("data after the JSON array: not read", whole_file=True)
