"""Finding input files and telling their format, before any reader runs."""

from __future__ import annotations

import codecs
import errno
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

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
# Enough for a licence comment or a stylesheet instruction before a feed's root.
_SNIFF_BYTES = 65536


def walk(
    paths: Iterable[str | os.PathLike[str]], *, follow_symlinks: bool = False
) -> Iterator[Path | Skipped]:
    """Regular files under `paths` in sorted order, skipping hidden entries and `__pycache__`.

    A path given explicitly is read even if hidden or a symlink: the user asked for
    it. Inside a folder, a symlink is read only when it leads to a regular file in
    the same folder tree, unless `follow_symlinks` (then it may lead anywhere, and
    symlinked folders are walked too, once each). FIFOs, devices and sockets are
    never opened: each is checked with `lstat`/`stat` first and reported instead.
    """
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError as error:
            yield Skipped(str(path), _missing(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk_dir(path, follow_symlinks)
        elif stat.S_ISREG(info.st_mode):
            yield path
        else:
            yield Skipped(str(path), not_regular(info.st_mode))


def _walk_dir(root: Path, follow: bool) -> Iterator[Path | Skipped]:
    """Depth first, a folder's files before its subfolders (an explicit stack: a
    folder tree thousands deep must not exhaust the recursion limit)."""
    top = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                yield Skipped(str(folder), "folder already read (a symlink loop): not read again")
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            yield Skipped(str(error.filename or folder), error.strerror or str(error))
            continue
        subfolders: list[Path] = []
        for entry in listing:
            if _hidden(entry.name):
                continue
            path = Path(entry.path)
            verdict = _classify(entry, top, follow)
            if verdict == "file":
                yield path
            elif verdict == "folder":
                subfolders.append(path)
            else:
                yield Skipped(str(path), verdict)
        stack.extend(reversed(subfolders))


def _classify(entry: os.DirEntry[str], top: str, follow: bool) -> str:
    """ "file", "folder", or the reason the entry is not read."""
    try:
        own = entry.stat(follow_symlinks=False)  # lstat: the entry itself
    except OSError as error:
        return error.strerror or str(error)
    if not stat.S_ISLNK(own.st_mode):
        if stat.S_ISDIR(own.st_mode):
            return "folder"
        return "file" if stat.S_ISREG(own.st_mode) else not_regular(own.st_mode)
    target = os.path.realpath(entry.path)
    inside = target == top or target.startswith(top.rstrip(os.sep) + os.sep)
    if not follow and not inside:
        return "symlink out of the input folder: not followed (setting follow_symlinks reads it)"
    try:
        info = os.stat(entry.path)  # stat: what the link leads to
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink loop"
        if error.errno == errno.ENOENT:
            return "broken symlink: its target does not exist"
        return error.strerror or str(error)
    if stat.S_ISDIR(info.st_mode):
        if not follow:
            return "symlink to a folder: not followed (setting follow_symlinks walks it)"
        return "folder"
    return "file" if stat.S_ISREG(info.st_mode) else not_regular(info.st_mode)


def not_regular(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return f"not a regular file but {name}: not read"
    return "not a regular file: not read"


def _missing(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return (
            "broken symlink: its target does not exist"
            if path.is_symlink()
            else ("no such file or directory")
        )
    if error.errno == errno.ELOOP:
        return "symlink loop"
    return error.strerror or str(error)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def open_regular(path: Path) -> IO[bytes]:
    """`path` opened for reading, or `InputError` if it is not a regular file.

    Checked on the open descriptor, without blocking: a FIFO or a device swapped in
    after the walk looked (or named on the command line) is refused, never read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(not_regular(mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def safe_name(name: str) -> str:
    """`name` fit for the store and a terminal line: a byte of a non-UTF-8 file name
    (a surrogate escape) becomes `\\xe9`, a control character `\\n` or `\\x1b`, any
    other lone surrogate U+FFFD. Names without them come back unchanged."""
    return _UNSAFE.sub(_escape, name) if _UNSAFE.search(name) else name


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code >= 0xD800:
        return "\ufffd"
    return _NAMED.get(char, f"\\x{code:02x}")


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
    """`text`, `jsonl`, `json`, `html`, `feed` or `warc` by extension, else by content;
    None if unknown."""
    ext = suffix(path)
    if ext in KINDS:
        return KINDS[ext]
    if ext not in SNIFFED:
        return None
    kind = sniff(_head(path))
    # A file with no extension and no marker is most likely plain text; a `.json`
    # file that is no JSON is told so by the JSON reader, with where it fails.
    return kind or {"": "text", ".json": "json"}.get(ext)


def sniff(head: bytes) -> str | None:
    """Format from the first bytes (already decompressed)."""
    head = _as_utf8(head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"warc/1."):
        return "warc"
    root = _root_element(text)
    if root in _FEED_ROOTS:
        return "feed"
    if root == b"html":
        return "html"
    if text.startswith(b"<?xml") and any(tag in text for tag in _FEED_TAGS):
        return "feed"
    if text.startswith(b"<") and b"<html" in text:  # after a long comment
        return "html"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        return "jsonl" if _json_lines(head.lstrip(b"\xef\xbb\xbf \t\r\n")) else "json"
    return None


def _json_lines(head: bytes) -> bool:
    """Whether a head starting with `{` is JSON Lines (an object per line) rather than
    a pretty-printed object (news-please's files, `jq` output). A first line cut by
    the head is a long JSON line; a first line that is not an object is JSON Lines
    still when the second one is (a bad line among good ones)."""
    lines = [line.strip() for line in head.split(b"\n")[:-1] if line.strip()]
    if not lines:
        return True  # no line ends inside the head: one long line
    return any(_is_object(line) for line in lines[:2])


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})
_FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf")
_ELEMENT = re.compile(rb"<([a-z_][\w.:-]*)")
# The end of each markup a prolog may hold before the first element.
_PROLOG_ENDS = ((b"<?", b"?>"), (b"<!--", b"-->"))
_DOCTYPE_END = re.compile(rb"\[.*?\]\s*>|>", re.S)


def _root_element(text: bytes) -> bytes | None:
    """Name of the first element of lowercased markup, past the XML declaration,
    processing instructions, comments and a document type declaration in any
    order; `html` for `<!doctype html>`. None if the head holds no element."""
    pos = 0
    while True:
        pos = _skip_spaces(text, pos)
        for start, end in _PROLOG_ENDS:
            if text.startswith(start, pos):
                close = text.find(end, pos + len(start))
                if close < 0:
                    return None  # the head ends inside it
                pos = close + len(end)
                break
        else:
            if text.startswith(b"<!doctype", pos):
                name = _skip_spaces(text, pos + 9)
                if text.startswith(b"html", name):
                    return b"html"
                m = _DOCTYPE_END.search(text, pos)
                if m is None:
                    return None
                pos = m.end()
                continue
            m = _ELEMENT.match(text, pos)
            return m.group(1) if m else None


def _skip_spaces(text: bytes, pos: int) -> int:
    while pos < len(text) and text[pos] in b" \t\r\n":
        pos += 1
    return pos


def _as_utf8(head: bytes) -> bytes:
    """A UTF-16 head (with its BOM) as UTF-8, so its markup can be sniffed."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head[len(bom) :].decode(encoding, errors="replace").encode("utf-8")
    return head


def _head(path: Path) -> bytes:
    try:
        with open_regular(path) as f:
            head = f.read(_SNIFF_BYTES)
            if head.startswith(_GZIP_MAGIC):
                f.seek(0)
                with gzip.GzipFile(fileobj=f) as z:
                    return z.read(_SNIFF_BYTES)
            return head
    except (OSError, EOFError, zlib.error, InputError):
        return b""


def is_gzip(path: Path) -> bool:
    with open_regular(path) as f:
        return f.read(2) == _GZIP_MAGIC


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The whole file, or `InputError` if it is empty, over `max_bytes` or not a
    regular file. Reads at most `max_bytes + 1` bytes whatever the size claims."""
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise InputError(over_limit("file", size, max_bytes))
        data = f.read(max_bytes + 1)
    if not data:
        raise InputError("empty file")
    if len(data) > max_bytes:  # grew since it was measured
        raise InputError(over_limit("file", len(data), max_bytes))
    return data


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
