"""One repository interface; SQLite by default.

`open_store` takes a path or a URL (`sqlite:///path.db`). PostgreSQL, for
shared deployments, comes behind the same interface.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError
from .sqlite import SQLiteStore

Store = SQLiteStore  # the interface every backend implements


def open_store(url: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at `url`."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise ConfigError("PostgreSQL is not supported yet in this version; use a SQLite path")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    return SQLiteStore(text)


__all__ = ["SQLiteStore", "Store", "open_store"]
