"""Progress of `newsweave ingest` on a terminal: articles read, stored and skipped,
articles per second, and an ETA from the bytes of input read so far.

A terminal-only concern, so it lives at the edge: the pipeline only calls two hooks
(`item` for every item read, `batch` for every batch stored). When stderr is not a
terminal (a pipe, a log file, a test runner) nothing is shown unless asked for, so
logs and scripts see only the one-line summary.
"""

from __future__ import annotations

import io
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from tqdm import tqdm

from ..ingest.files import walk
from ..model import IngestReport, Skipped

# How often the bar is redrawn and the read position looked up (seconds).
_INTERVAL = 0.5
# How far a reader's buffered reads may run ahead of what it has handed on.
_READ_AHEAD = 1 << 20
# tqdm puts ", " before the postfix (the article counts).
_KNOWN = "{l_bar}{bar}| {n_fmt}B/{total_fmt}B [{elapsed}, ETA {remaining}{postfix}]"
_UNKNOWN = "{desc}: [{elapsed}{postfix}]"


def is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed stream
        return False


class IngestProgress:
    """A tqdm bar over the input bytes (or, when their size is unknown, a counter),
    with the article counts beside it. Use as a context manager; `item` and `batch`
    are the hooks `pipeline.ingest_paths` takes (`watch=`, `progress=`)."""

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        stream: IO[str] | None = None,
        follow_symlinks: bool = False,
        clock: Callable[[], float] = time.monotonic,
        position: Callable[[str], int | None] | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.position = position or read_position
        self.files: dict[str, int] = {}  # path -> its index in reading order
        self.paths: list[str] = []
        self.sizes: list[int] = []
        for found in walk(paths, follow_symlinks=follow_symlinks):
            if isinstance(found, Path):
                try:
                    size = found.stat().st_size
                except OSError:
                    size = 0
                self.files.setdefault(str(found), len(self.sizes))
                self.paths.append(str(found))
                self.sizes.append(size)
        self.before = [0, *itertools.accumulate(self.sizes)]  # bytes of the files before each
        self.total: int | None = self.before[-1] or None
        self.current = -1  # index of the file being read
        self.in_file = 0  # characters of text handed on from it
        self.read = self.stored = self.skipped = self.duplicates = 0
        self.started = clock()
        self._drawn = float("-inf")
        self._bar: tqdm | None = None

    # -- the two hooks ------------------------------------------------------------
    def item(self, item: object) -> None:
        """Called for every document or skip the readers hand on."""
        if isinstance(item, Skipped):
            self.skipped += 1
        else:
            self.read += 1
        origin = getattr(item, "origin", None)
        if origin:
            index = self._file_of(origin)
            if index is not None and index > self.current:
                self.current = index
                self.in_file = 0
        text = getattr(item, "text", None)
        if isinstance(text, str):
            self.in_file += len(text)
        self._draw()

    def batch(self, report: IngestReport) -> None:
        """Called after every batch is stored."""
        self.stored = report.stored
        self.duplicates = report.duplicates
        self._draw()

    # -- figures --------------------------------------------------------------------
    def done_bytes(self) -> int:
        """Bytes of input read: the files finished, and an estimate of how far into
        the current one the reader is. The offset the operating system reports runs
        ahead by the reader's buffer (up to 1 MiB), so it counts less that; the text
        of the articles handed on from the file is a second, lower bound (a JSON
        Lines record is mostly its text). The larger of the two, capped at the
        offset and at the file's size."""
        if self.current < 0:
            return 0
        if self.current >= len(self.sizes):
            return self.before[-1]
        size = self.sizes[self.current]
        at = self.position(self.paths[self.current])
        ceiling = size if at is None else min(max(at, 0), size)
        estimate = max(ceiling - _READ_AHEAD if at is not None else 0, self.in_file)
        return self.before[self.current] + min(estimate, ceiling)

    def rate(self) -> float:
        seconds = self.clock() - self.started
        return self.read / seconds if seconds > 0 else 0.0

    def summary(self) -> str:
        return (f"read {self.read:,}, stored {self.stored:,}, skipped {self.skipped:,}, "
                f"{self.rate():.1f} articles/s")  # fmt: skip

    # -- drawing ----------------------------------------------------------------------
    def _draw(self, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._drawn < _INTERVAL:
            return
        self._drawn = now
        bar = self._bar
        if bar is None:
            # Made at the first item, not before: a message about waiting for another
            # ingest's lock prints on a line of its own.
            bar = self._bar = tqdm(
                total=self.total,
                desc="ingest",
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self.stream,
                leave=False,
                # A terminal that reports no width (a fresh pseudo-terminal) would get
                # an empty line from tqdm: give it a fixed width instead.
                dynamic_ncols=_width(self.stream) > 0,
                ncols=None if _width(self.stream) > 0 else 100,
                mininterval=0,
                bar_format=_KNOWN if self.total else _UNKNOWN,
            )
        if self.total:
            bar.n = min(self.done_bytes(), self.total)
        bar.set_postfix_str(self.summary(), refresh=False)
        bar.refresh()

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.close(finished=kind is None)

    def close(self, finished: bool = False) -> None:
        """Draw the final counts, then clear the bar: the summary line replaces it."""
        if self._bar is not None:
            try:
                if finished:
                    self.current = len(self.sizes)  # every file read
                self._draw(force=True)
                self._bar.close()
            except (OSError, ValueError):  # the terminal went away
                pass
            self._bar = None

    def _file_of(self, origin: str) -> int | None:
        """The input file an item came from: its origin is the path, or the path
        with `:line` or `#entry` after it."""
        index = self.files.get(origin)
        if index is None:
            for mark in (":", "#"):
                head, found, _ = origin.rpartition(mark)
                if found and head in self.files:
                    return self.files[head]
        return index


def _width(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return 0


def read_position(path: str) -> int | None:
    """How far this process has read into `path` (the offset of its open file
    descriptor, from /proc on Linux); None where the system does not tell or the file
    is not open. For a compressed file it is the offset in the compressed bytes,
    which is what the file's size counts too."""
    folder = "/proc/self/fd"
    try:
        target = os.path.realpath(path)
        names = os.listdir(folder)
    except OSError:
        return None
    best: int | None = None
    for name in names:
        try:
            if os.readlink(f"{folder}/{name}") != target:
                continue
            with open(f"/proc/self/fdinfo/{name}", encoding="ascii") as info:
                for line in info:
                    if line.startswith("pos:"):
                        pos = int(line.split()[1])
                        best = pos if best is None else max(best, pos)
                        break
        except (OSError, ValueError):
            continue
    return best


__all__ = ["IngestProgress", "is_terminal", "read_position"]
