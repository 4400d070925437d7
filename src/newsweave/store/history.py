"""The id-change table of the SQLite store: what a later ingest did to earlier ids.

An entity merged into another (a surname seen alone, then the full name) takes
its stored mentions, quotes and events with it; a statement folded into
another takes its quotes. Both are by design, but an analyst who saved the old
id, or compares two exports, needs to know: each such change is one row (old
id, new id, why, the article that caused it, how many rows moved, when),
written in the transaction of the batch that made it. Mixed into `SQLiteStore`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from .base import Row


class HistoryTablesMixin:
    conn: sqlite3.Connection

    def _record_change(
        self, kind: str, old: str | int, new: str | int, reason: str, doc_id: str | None,
        moved: int,
    ) -> None:  # fmt: skip
        self.conn.execute(
            "INSERT INTO id_changes (kind, old_id, new_id, reason, doc_id, moved, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, old, new, reason, doc_id, moved,
             datetime.now(UTC).isoformat(timespec="seconds")),
        )  # fmt: skip

    def id_changes(self, kind: str | None = None, old_id: str | int | None = None) -> list[Row]:
        """Changes in the order they were made; of one kind, or of one old id."""
        sql, args = "SELECT * FROM id_changes", []
        where = []
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        if old_id is not None:
            where.append("old_id = ?")
            args.append(old_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        try:
            return self.conn.execute(sql + " ORDER BY id", args).fetchall()
        except sqlite3.OperationalError as exc:
            # A database from before migration 0006 opened read-only: no change recorded.
            if "no such table" in str(exc):
                return []
            raise
