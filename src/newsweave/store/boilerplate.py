"""SQLite tables of the boilerplate learner: per-source line counts."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence


class BoilerplateTablesMixin:
    conn: sqlite3.Connection

    def boilerplate_counts(self, source: str, keys: Sequence[int]) -> tuple[int, dict[int, int]]:
        row = self.conn.execute(
            "SELECT id, articles FROM boilerplate_sources WHERE source = ?", (source,)
        ).fetchone()
        if row is None:
            return 0, {}
        source_id, articles = row[0], row[1]
        found: dict[int, int] = {}
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, n in self.conn.execute(
                f"SELECT key, articles FROM boilerplate_lines WHERE source_id = ? "
                f"AND key IN ({marks})",
                [source_id, *chunk],
            ):
                found[key] = n
        return articles, found

    def _save_boilerplate(self, delta: dict[str, tuple[int, Counter[int]]]) -> None:
        for source, (articles, counts) in delta.items():
            self.conn.execute(
                "INSERT INTO boilerplate_sources (source, articles) VALUES (?, ?) "
                "ON CONFLICT(source) DO UPDATE SET articles = articles + excluded.articles",
                (source, articles),
            )
            source_id = self.conn.execute(
                "SELECT id FROM boilerplate_sources WHERE source = ?", (source,)
            ).fetchone()[0]
            self.conn.executemany(
                "INSERT INTO boilerplate_lines VALUES (?, ?, ?) ON CONFLICT(source_id, key) "
                "DO UPDATE SET articles = articles + excluded.articles",
                [(source_id, key, n) for key, n in counts.items()],
            )

    def url_and_source(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        out: dict[str, tuple[str | None, str | None]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT id, url, source FROM documents WHERE id IN ({marks})", chunk
            ):
                out[r[0]] = (r[1], r[2])
        return out
