"""Entity tables of the SQLite store: knowledge base, canonical entities, mentions.

Kept apart from the document tables so each file does one job; `SQLiteStore`
mixes this in. Writes of a batch's entities happen inside the batch's
transaction (see `SQLiteStore.save_batch`), so an interrupted ingest never
leaves mentions pointing at entities that were not written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..model import EntityBatch, EntityRecord, KBEntry
from .base import AliasedEntry, Row

_CONTEXT_KEEP = 30  # co-mentioned entities kept per entity: enough to tell namesakes apart


class EntityTablesMixin:
    conn: sqlite3.Connection

    # -- knowledge base ----------------------------------------------------
    def import_kb(self, entries: Iterable[AliasedEntry], chunk: int = 2000) -> int:
        """Insert or replace entries (and their alias rows); returns how many were written."""
        n = 0
        batch: list[AliasedEntry] = []
        for entry in entries:
            batch.append(entry)
            if len(batch) >= chunk:
                n += self._import_chunk(batch)
                batch = []
        if batch:
            n += self._import_chunk(batch)
        return n

    def _import_chunk(self, entries: list[AliasedEntry]) -> int:
        with self.transaction():  # type: ignore[attr-defined]
            for e, aliases in entries:
                self.conn.execute("DELETE FROM kb_aliases WHERE kb_id = ?", (e.id,))
                self.conn.execute(
                    "INSERT OR REPLACE INTO kb_entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        e.id, e.type, e.name, e.wikidata, _dump(e.labels), _dump(e.aliases),
                        e.description, e.country, e.lat, e.lon, e.geonames, e.population,
                        e.source,
                    ),
                )  # fmt: skip
                self.conn.executemany(
                    "INSERT OR IGNORE INTO kb_aliases VALUES (?, ?, ?)",
                    [(alias, kind, e.id) for alias, kind in aliases],
                )
        return len(entries)

    def replace_kb_source(self, source: str, entries: Iterable[AliasedEntry]) -> int:
        """Swap every entry of one source (the shipped base on upgrade) for `entries`,
        leaving alone ids a user imported from another source."""
        with self.transaction():  # type: ignore[attr-defined]
            self.conn.execute(
                "DELETE FROM kb_aliases WHERE kb_id IN (SELECT id FROM kb_entities WHERE source = ?)",
                (source,),
            )
            self.conn.execute("DELETE FROM kb_entities WHERE source = ?", (source,))
            theirs = {r[0] for r in self.conn.execute("SELECT id FROM kb_entities")}
        return self.import_kb(item for item in entries if item[0].id not in theirs)

    def kb_stats(self) -> list[tuple[str, str, int, int]]:
        """(source, type, entries, entries with a Wikidata id)."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self.conn.execute(
                "SELECT source, type, count(*), count(wikidata) FROM kb_entities "
                "GROUP BY source, type ORDER BY source, type"
            )
        ]

    def kb_lookup(self, aliases: Sequence[str], kind: str = "fold") -> dict[str, list[str]]:
        """Alias -> knowledge-base ids, for folded names (kind 'fold') or translit keys ('key')."""
        out: dict[str, list[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(aliases)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT alias, kb_id FROM kb_aliases WHERE kind = ? AND alias IN ({marks})",
                [kind, *chunk],
            )
            for alias, kb_id in rows:
                out.setdefault(alias, []).append(kb_id)
        return out

    def kb_entries(self, ids: Sequence[str]) -> dict[str, KBEntry]:
        out: dict[str, KBEntry] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT * FROM kb_entities WHERE id IN ({marks})", chunk):
                out[r["id"]] = _kb_entry(r)
        return out

    def kb_by_geonames(self, geonames: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for chunk in _chunks(list(dict.fromkeys(geonames)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT geonames, id FROM kb_entities WHERE geonames IN ({marks})", chunk
            )
            for gid, kb_id in rows:
                out.setdefault(gid, kb_id)
        return out

    def kb_count(self, source: str | None = None) -> int:
        if source is None:
            return self.conn.execute("SELECT count(*) FROM kb_entities").fetchone()[0]
        return self.conn.execute(
            "SELECT count(*) FROM kb_entities WHERE source = ?", (source,)
        ).fetchone()[0]

    # -- canonical entities -------------------------------------------------
    def entity_lookup(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
        """(key, kind) -> live entity ids (redirects of merged entities followed)."""
        out: dict[tuple[str, str], list[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(keys)), 400):
            where = " OR ".join("(k.key = ? AND k.kind = ?)" for _ in chunk)
            rows = self.conn.execute(
                "SELECT k.key, k.kind, coalesce(e.merged_into, e.id) FROM entity_keys k "
                f"JOIN entities e ON e.id = k.entity_id WHERE {where}",
                [v for pair in chunk for v in pair],
            )
            for key, kind, eid in rows:
                ids = out.setdefault((key, kind), [])
                if eid not in ids:
                    ids.append(eid)
        return out

    def entity_keys_of(self, entity_id: str, kind: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT key FROM entity_keys WHERE entity_id = ? AND kind = ?", (entity_id, kind)
        )
        return [r[0] for r in rows]

    def entity_records(self, ids: Sequence[str]) -> dict[str, EntityRecord]:
        out: dict[str, EntityRecord] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT * FROM entities WHERE id IN ({marks})", chunk):
                out[r["id"]] = _record(r)
        return out

    def _save_entities(self, batch: EntityBatch, docs: Sequence[Any]) -> None:
        c = self.conn
        c.executemany(
            "INSERT OR IGNORE INTO entities (id, type, name, kb_id, wikidata, description, "
            "country, lat, lon) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (e.id, e.type, e.name, e.kb_id, e.wikidata, e.description, e.country, e.lat, e.lon)
                for e in batch.new
            ],
        )
        c.executemany("INSERT OR IGNORE INTO entity_keys VALUES (?, ?, ?)", batch.keys)
        c.executemany(
            "INSERT INTO entity_aliases VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
            "SET count = count + excluded.count",
            [(eid, alias, lang, n, ev) for (eid, alias, lang), (n, ev) in batch.aliases.items()],
        )
        c.executemany(
            "UPDATE entities SET mentions = mentions + ?, documents = documents + ? WHERE id = ?",
            [(m, d, eid) for eid, (m, d) in batch.counts.items()],
        )
        for eid, ctx in batch.context.items():
            row = c.execute("SELECT context FROM entities WHERE id = ?", (eid,)).fetchone()
            if row is None:
                continue
            merged = json.loads(row[0])
            for other, n in ctx.items():
                merged[other] = merged.get(other, 0) + n
            top = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:_CONTEXT_KEEP])
            c.execute("UPDATE entities SET context = ? WHERE id = ?", (_dump(top), eid))
        made_now = {e.id for e in batch.new}
        for source, target, evidence in batch.merges:
            moved = self._merge_entity(source, target, evidence)
            if moved is not None and source not in made_now:  # an id a reader may have seen
                self._record_change(  # type: ignore[attr-defined]
                    "entity", source, target, evidence, batch.merge_docs.get(source), moved
                )
        for doc in docs:
            c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.id,))
            c.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (doc.id, i, m.start, m.end, m.text, m.type, m.entity_id, m.source, m.evidence)
                    for i, m in enumerate(doc.mentions)
                ],
            )

    def _merge_entity(self, source: str, target: str, evidence: str) -> int | None:
        """Fold one entity into another: mentions, aliases, counts and keys follow.
        Returns how many stored mentions were re-pointed (None: nothing to merge)."""
        c = self.conn
        row = c.execute("SELECT mentions, documents FROM entities WHERE id = ?", (source,))
        counts = row.fetchone()
        if counts is None or source == target:
            return None
        moved = c.execute(
            "UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target, source)
        ).rowcount
        c.execute(
            "INSERT INTO entity_aliases SELECT ?, alias, lang, count, ? FROM entity_aliases "
            "WHERE entity_id = ? ON CONFLICT DO UPDATE SET count = count + excluded.count",
            (target, evidence, source),
        )
        c.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (source,))
        c.execute(
            "UPDATE entities SET mentions = mentions + ?, documents = documents + ? WHERE id = ?",
            (counts[0], counts[1], target),
        )
        c.execute(
            "UPDATE entities SET merged_into = ?, mentions = 0, documents = 0 WHERE id = ?",
            (target, source),
        )
        c.execute("UPDATE entities SET merged_into = ? WHERE merged_into = ?", (target, source))
        return moved

    # -- read side ---------------------------------------------------------
    def entity_rows(
        self, type: str | None = None, limit: int | None = None, min_mentions: int = 1
    ) -> list[Row]:
        sql = "SELECT * FROM entities WHERE merged_into IS NULL AND mentions >= ?"
        args: list[Any] = [min_mentions]
        if type:
            sql += " AND type = ?"
            args.append(type)
        sql += " ORDER BY mentions DESC, id"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return self.conn.execute(sql, args).fetchall()

    def entities_named(self, name: str) -> list[str]:
        """Live entity ids whose id, Wikidata id, name or an alias is `name` (any case)."""
        rows = self.conn.execute(
            "SELECT DISTINCT coalesce(e.merged_into, e.id) FROM entities e "
            "LEFT JOIN entity_aliases a ON a.entity_id = e.id "
            "WHERE e.id = ? OR e.wikidata = ? OR lower(e.name) = lower(?) OR lower(a.alias) = lower(?)",
            (name, name, name, name),
        ).fetchall()
        return [r[0] for r in rows]

    def entity_row(self, entity_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()

    def merged_into(self, entity_id: str) -> list[str]:
        """Ids of the entities that were folded into this one."""
        rows = self.conn.execute("SELECT id FROM entities WHERE merged_into = ?", (entity_id,))
        return [r[0] for r in rows]

    def mention_spread(self) -> Iterator[tuple[str, str | None, int | None, int]]:
        """(entity id, language, story id, mentions) over all stored mentions."""
        for r in self.conn.execute(
            "SELECT m.entity_id, d.lang, d.story_id, count(*) FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id WHERE m.entity_id IS NOT NULL "
            "GROUP BY m.entity_id, d.lang, d.story_id"
        ):
            yield r[0], r[1], r[2], r[3]

    def all_entity_aliases(self) -> Iterator[tuple[str, str]]:
        """(entity id, alias), most used first per entity."""
        for r in self.conn.execute(
            "SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, count DESC, alias"
        ):
            yield r[0], r[1]

    def entity_aliases(self, entity_id: str) -> list[Row]:
        return self.conn.execute(
            "SELECT alias, lang, count, evidence FROM entity_aliases WHERE entity_id = ? "
            "ORDER BY count DESC, alias",
            (entity_id,),
        ).fetchall()

    def entity_mentions(self, entity_id: str | None = None) -> Iterator[Row]:
        """Mentions with their document's story, language and date, in document order."""
        sql = (
            "SELECT m.*, d.story_id, d.lang, d.published FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id"
        )
        args: tuple[Any, ...] = ()
        if entity_id is not None:
            sql += " WHERE m.entity_id = ?"
            args = (entity_id,)
        yield from self.conn.execute(sql + " ORDER BY d.seq, m.idx", args)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _kb_entry(r: sqlite3.Row) -> KBEntry:
    return KBEntry(
        id=r["id"], type=r["type"], name=r["name"], wikidata=r["wikidata"],
        labels=json.loads(r["labels"]), aliases=json.loads(r["aliases"]),
        description=r["description"], country=r["country"], lat=r["lat"], lon=r["lon"],
        geonames=r["geonames"], population=r["population"], source=r["source"],
    )  # fmt: skip


def _record(r: sqlite3.Row) -> EntityRecord:
    return EntityRecord(
        id=r["id"], type=r["type"], name=r["name"], kb_id=r["kb_id"], wikidata=r["wikidata"],
        description=r["description"], country=r["country"], lat=r["lat"], lon=r["lon"],
        mentions=r["mentions"], documents=r["documents"], merged_into=r["merged_into"],
        context=json.loads(r["context"]),
    )  # fmt: skip
