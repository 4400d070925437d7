"""One writer at a time: the lock a second `newsweave ingest` on the same database waits on.

An ingest keeps state between its batches (the clusterer's open stories, the
next story, thread and statement ids, the hashes it has seen), so two ingests
writing one database would hand out the same ids and overwrite each other's
stories even though every batch is its own transaction. The writer lock makes
the second wait until the first ends, then start from what the first stored.
Readers (`stories`, `show`, `export`, worker processes) never take it: WAL
lets them read while the writer writes.

The lock is an advisory `flock` on a file beside the database (`news.db.lock`),
not on the database file itself: SQLite holds POSIX locks on that file, and
closing any other descriptor of it would silently drop them. The kernel frees
a `flock` when its holder dies, so a killed ingest (kill -9, power cut) never
leaves a stale lock behind; the file itself stays, empty but for the holder's
process id, and is harmless. Where `fcntl` does not exist (Windows) there is no
lock, and one ingest at a time is the user's to ensure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: str) -> str:
    return f"{db_path}.lock"


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""


@contextmanager
def writer_lock(db_path: str, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the writer lock of the database at `db_path` for the duration.

    When another process holds it, `waiting` is called once with a message saying
    so, then this blocks until the other ends (Ctrl-C interrupts the wait)."""
    if fcntl is None or db_path == ":memory:" or not db_path:
        yield
        return
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(
            f"cannot create the writer lock {path} ({exc.strerror}): ingest and recluster "
            "need to write beside the database; use --db in a folder you can write to"
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(
                    f"waiting for another ingest on {db_path}{_holder(fd)} to finish "
                    f"(one writer at a time; the lock is {path})"
                )
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass  # the holder's id only makes the waiting message friendlier
        yield
    finally:
        os.close(fd)  # releases the lock
