"""SQLite failures as coded `StoreError`s that say what happened and what to do.

A full disk, an I/O error, a damaged page, a read-only file or a lock held
too long reach the user as one line with a remedy, never as a raw
`sqlite3.OperationalError` traceback. `guard` wraps every public method of
a store class so reads (a damaged page is only met when it is read) are
covered as well as writes; a batch that fails is rolled back by the
transaction first (see `SQLiteStore.transaction`), so the message can say
that nothing of it was stored.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import StoreError

T = TypeVar("T")


def error_kind(exc: BaseException) -> str:
    """SQLITE_FULL, SQLITE_IOERR, ... from the error's code, or from its text on
    builds that do not attach codes."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return "_".join(name.split("_")[:2])  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    text = str(exc).lower()
    for needle, kind in (
        ("disk is full", "SQLITE_FULL"),
        ("disk i/o error", "SQLITE_IOERR"),
        ("malformed", "SQLITE_CORRUPT"),
        ("not a database", "SQLITE_NOTADB"),
        ("readonly database", "SQLITE_READONLY"),
        ("read-only", "SQLITE_READONLY"),
        ("locked", "SQLITE_BUSY"),
        ("unable to open", "SQLITE_CANTOPEN"),
    ):
        if needle in text:
            return kind
    return "SQLITE_ERROR"


def store_error(exc: BaseException, path: str, doing: str = "") -> StoreError:
    """The coded error for a failed SQLite call on the database at `path`.

    `doing` says what failed and what became of it ("batch not written, nothing
    of it was stored"); the rest of the message depends on the kind of failure."""
    kind = error_kind(exc)
    what = f"{doing}: " if doing else ""
    if kind == "SQLITE_FULL":
        advice = (
            f"the disk holding {path} is full ({exc}). The database is intact: what was "
            "committed stays, the write in flight was rolled back. Free some space (or "
            "use --db on another disk) and run the same command again: articles already "
            "stored are skipped, not stored twice"
        )
    elif kind == "SQLITE_IOERR":
        advice = (
            f"input/output error on {path} ({exc}): the disk or file system failed a read "
            "or write. Check free space and the system log, then run the command again; "
            "if it persists, copy the database to another disk"
        )
    elif kind == "SQLITE_CORRUPT":
        advice = (
            f"database {path} is damaged ({exc}). Restore it from a backup, or save what "
            f"is readable with `sqlite3 {path} .recover | sqlite3 recovered.db` and use "
            "--db recovered.db; `PRAGMA integrity_check` lists the damage"
        )
    elif kind == "SQLITE_NOTADB":
        advice = f"{path} is not a SQLite database ({exc}): check the --db path"
    elif kind == "SQLITE_READONLY":
        advice = (
            f"database {path} is read-only ({exc}): reading works, but ingest, recluster "
            "and kb import need a writable database. Copy it to a writable folder and "
            "use --db with the copy"
        )
    elif kind in {"SQLITE_BUSY", "SQLITE_LOCKED"}:
        advice = (
            f"database {path} stayed locked by another process ({exc}): wait until the "
            "other ingest or command ends, then run again"
        )
    elif kind in {"SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}:
        advice = (
            f"cannot open database {path} ({exc}): check that its folder exists and that "
            "you may read (and, to ingest, write) the file and its folder"
        )
    else:
        advice = f"database {path}: {exc}"
    return StoreError(what + advice)


def _wrap(method: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                raise store_error(exc, self.path) from exc

        return generator

    @functools.wraps(method)
    def call(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.path) from exc

    return call


def guard(cls: type[T]) -> type[T]:
    """Wrap every public method of `cls` (its mixins' too) so SQLite errors leave it
    as `StoreError`s. The class needs a `path` attribute."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        method = inspect.getattr_static(cls, name)
        if inspect.isfunction(method):
            setattr(cls, name, _wrap(method))
    return cls
