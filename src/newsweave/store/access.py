"""Whether a database file can be written here, and how to open it when it cannot.

A read command (`stories`, `export`) on a database it cannot write (a read-only
file system, no write permission) still reads it: read-only, and `immutable`
where nothing can change the file, so SQLite needs no `-shm` file beside it.
"""

from __future__ import annotations

import os
from pathlib import Path


def unwritable(file: Path) -> str:
    """Why the database file (or, for a new one, its folder) cannot be written; "" if it can.

    WAL mode writes `-wal` and `-shm` files beside the database, so its folder must be
    writable too."""
    folder = file.parent if str(file.parent) else Path(".")
    if not folder.is_dir():
        return f"its folder {folder} does not exist"
    if _readonly_fs(folder):
        return "it is on a read-only file system"
    if file.exists() and not os.access(file, os.W_OK):
        return "the file is not writable (permissions)"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is not writable (permissions)"
    return ""


def _readonly_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def readonly_uri(file: Path) -> str:
    """Read-only, and `immutable` where nothing can change the file (a read-only file
    system, or a folder no one may write): SQLite then needs no `-shm` beside it. A WAL
    file left there (not checkpointed) still counts, so then plain read-only."""
    uri = file.resolve().as_uri() + "?mode=ro"
    wal = Path(f"{file}-wal")
    if not wal.exists() and (_readonly_fs(file.parent) or not os.access(file.parent, os.W_OK)):
        uri += "&immutable=1"
    return uri
