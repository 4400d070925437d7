"""One repository interface (`base.Store`); SQLite by default.

`open_store` takes a path or a URL (`sqlite:///path.db`) and is the only place
that picks a backend: the CLI, the pipeline and worker processes all open
their store through it. PostgreSQL, for shared deployments, comes behind the
same interface.
"""

from __future__ import annotations

from .base import Store, open_store
from .meta import check_embedder, embedder_label
from .sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "check_embedder", "embedder_label", "open_store"]
