"""Statement tables of the SQLite store: time expressions, quotes, statements, events.

Mixed into `SQLiteStore`; a batch's rows are written inside the batch's
transaction (`save_batch`), after its entities, so every speaker, actor and
place id points at an entity that exists.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..model import Document, Statement, StatementBatch
from .base import Row

_CHUNK = 500
_MAX_SHARED = 500  # statements loaded per batch for sharing word trigrams


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _statement(r: sqlite3.Row, keys: set[int]) -> Statement:
    vector = None
    if r["vector"] is not None:
        vector = np.frombuffer(r["vector"], dtype=np.float16).astype(np.float32)
    return Statement(
        id=r["id"], speaker=r["speaker"], text=r["text"], lang=r["lang"], vector=vector,
        keys=keys, first_day=r["first_day"], last_day=r["last_day"],
        first_published=r["first_published"], last_published=r["last_published"],
        quotes=r["quotes"], documents=r["documents"], languages=set(json.loads(r["languages"])),
        sources=set(json.loads(r["sources"])),
    )  # fmt: skip


def _in_batch(docs: Sequence[Document], statement_id: int) -> int:
    """Quotes of this batch's own articles that were assigned the statement before it
    was folded (they are written first, then re-pointed with the stored ones)."""
    return sum(q.statement_id == statement_id for d in docs for q in d.quotes)


class StatementTablesMixin:
    conn: sqlite3.Connection

    # -- write side --------------------------------------------------------
    def max_statement_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]

    def _save_statements(self, docs: Sequence[Document], batch: StatementBatch | None) -> None:
        c = self.conn
        for doc in docs:
            ids = [m.entity_id for m in doc.mentions]

            def entity(i: int | None, ids: list[str | None] = ids) -> str | None:
                return ids[i] if i is not None and 0 <= i < len(ids) else None

            c.executemany(
                "INSERT OR REPLACE INTO timexes VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc.id, i, t.start, t.end, t.text, t.type, t.value, int(t.resolved), t.anchor)
                 for i, t in enumerate(doc.timexes)],
            )  # fmt: skip
            c.executemany(
                "INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(f"{doc.id}#q{i}", doc.id, i, q.start, q.end, q.text, q.speaker, q.speaker_text,
                  q.speaker_start, q.speaker_end, q.cue, q.how, q.statement_id)
                 for i, q in enumerate(doc.quotes)],
            )  # fmt: skip
            for i, e in enumerate(doc.events):
                event_id = f"{doc.id}#e{i}"
                actors = [a for a in (entity(j) for j in e.actors) if a]
                targets = [a for a in (entity(j) for j in e.targets) if a]
                place, claimant = entity(e.place), entity(e.claimed_by)
                c.execute(
                    "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (event_id, doc.id, i, e.type, e.action, e.sentence_start, e.sentence_end,
                     e.action_start, e.action_end, _dump(actors), _dump(targets), place, e.date,
                     e.date_text, claimant, e.claimed_by_text, int(e.negated)),
                )  # fmt: skip
                roles = {(a, "actor") for a in actors} | {(t, "target") for t in targets}
                roles |= {(place, "place"), (claimant, "claimed_by")}
                c.executemany(
                    "INSERT OR IGNORE INTO event_entities VALUES (?,?,?)",
                    [(event_id, ent, role) for ent, role in roles if ent],
                )
        for absorbed, kept in batch.merges if batch else ():
            moved = c.execute(
                "UPDATE quotes SET statement_id = ? WHERE statement_id = ?", (kept, absorbed)
            ).rowcount
            if c.execute("DELETE FROM statements WHERE id = ?", (absorbed,)).rowcount:
                # A stored statement went away (not one opened and folded in this batch).
                why, doc_id = batch.merge_notes.get(absorbed, ("folded into another", None))
                self._record_change(  # type: ignore[attr-defined]
                    "statement", absorbed, kept, why, doc_id, moved - _in_batch(docs, absorbed)
                )
        for s in batch.statements if batch else ():
            vector = s.vector.astype(np.float16).tobytes() if s.vector is not None else None
            c.execute(
                "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO "
                "UPDATE SET speaker=excluded.speaker, text=excluded.text, lang=excluded.lang, first_published=excluded.first_published, "
                "last_published=excluded.last_published, first_day=excluded.first_day, "
                "last_day=excluded.last_day, quotes=excluded.quotes, "
                "documents=excluded.documents, languages=excluded.languages, "
                "sources=excluded.sources, vector=coalesce(excluded.vector, vector)",
                (s.id, s.speaker, s.text, s.lang, s.first_published, s.last_published,
                 s.first_day, s.last_day, s.quotes, s.documents, _dump(sorted(s.languages)),
                 _dump(sorted(s.sources)[:50]), vector),
            )  # fmt: skip
            c.executemany(
                "INSERT OR IGNORE INTO statement_keys VALUES (?, ?)", [(k, s.id) for k in s.keys]
            )
        for _, kept in batch.merges if batch else ():
            c.execute(
                "UPDATE statements SET documents = (SELECT count(DISTINCT doc_id) FROM quotes "
                "WHERE statement_id = ?) WHERE id = ?",
                (kept, kept),
            )

    def _merge_statement_entities(self, source: str, target: str) -> None:
        """An entity merged into another: its quotes, statements and events follow."""
        c = self.conn
        c.execute("UPDATE quotes SET speaker = ? WHERE speaker = ?", (target, source))
        c.execute("UPDATE statements SET speaker = ? WHERE speaker = ?", (target, source))
        c.execute("UPDATE events SET place = ? WHERE place = ?", (target, source))
        c.execute("UPDATE events SET claimed_by = ? WHERE claimed_by = ?", (target, source))
        c.execute(
            "UPDATE OR IGNORE event_entities SET entity_id = ? WHERE entity_id = ?",
            (target, source),
        )
        c.execute("DELETE FROM event_entities WHERE entity_id = ?", (source,))
        # Actor and target lists are JSON: rewrite the few events that name the entity.
        quoted = json.dumps(source)
        for r in c.execute(
            "SELECT id, actors, targets FROM events WHERE actors LIKE ? OR targets LIKE ?",
            (f"%{quoted}%", f"%{quoted}%"),
        ).fetchall():
            fix = [[target if x == source else x for x in json.loads(r[k])] for k in (1, 2)]
            c.execute(
                "UPDATE events SET actors = ?, targets = ? WHERE id = ?",
                (_dump(fix[0]), _dump(fix[1]), r[0]),
            )

    # -- read side ---------------------------------------------------------
    def statement_candidates(
        self, speakers: Sequence[str], keys: Sequence[int], per_speaker: int
    ) -> list[Statement]:
        """The recent statements of these speakers, and those sharing two word trigrams."""
        ids: set[int] = set()
        for speaker in speakers:
            ids.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM statements WHERE speaker = ? ORDER BY id DESC LIMIT ?",
                    (speaker, per_speaker),
                )
            )
        shared: dict[int, int] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT statement_id, count(*) FROM statement_keys WHERE key IN ({marks}) "
                "GROUP BY statement_id",
                list(chunk),
            ):
                shared[r[0]] = shared.get(r[0], 0) + r[1]
        # Common phrases ("in the coming days") are shared by many statements: the ones
        # sharing the most words are enough to find a reuse of the same quote.
        best = sorted((i for i, n in shared.items() if n >= 2), key=lambda i: -shared[i])
        ids.update(best[:_MAX_SHARED])
        return self._statements(sorted(ids))

    def _statements(self, ids: Sequence[int]) -> list[Statement]:
        out: list[Statement] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            keys: dict[int, set[int]] = {}
            for r in self.conn.execute(
                f"SELECT statement_id, key FROM statement_keys WHERE statement_id IN ({marks})",
                list(chunk),
            ):
                keys.setdefault(r[0], set()).add(r[1])
            out.extend(
                _statement(r, keys.get(r["id"], set()))
                for r in self.conn.execute(
                    f"SELECT * FROM statements WHERE id IN ({marks}) ORDER BY id", list(chunk)
                )
            )
        return out

    def quote_rows(
        self,
        speakers: Sequence[str] | None = None,
        story_id: int | None = None,
        doc_id: str | None = None,
        statement_id: int | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        """Quotes with their article's date, language, source and story, oldest first."""
        where, args = self._filters(speakers, story_id, doc_id, "q.speaker")
        if statement_id is not None:
            where.append("q.statement_id = ?")
            args.append(statement_id)
        sql = (
            "SELECT q.*, d.published, d.lang, d.source, d.title, d.story_id FROM quotes q "
            "JOIN documents d ON d.id = q.doc_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.published_ord, d.seq, q.idx"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        return self.conn.execute(sql, args).fetchall()

    def event_rows(
        self,
        entities: Sequence[str] | None = None,
        story_id: int | None = None,
        doc_id: str | None = None,
        type: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        """Events with their sentence and article metadata, by date then arrival."""
        where, args = [], []
        if entities is not None:
            marks = ",".join("?" * len(entities)) or "NULL"
            where.append(
                f"e.id IN (SELECT event_id FROM event_entities WHERE entity_id IN ({marks}))"
            )
            args.extend(entities)
        more, more_args = self._filters(None, story_id, doc_id, None)
        where += [w.replace("q.", "e.") for w in more]
        args += more_args
        if type is not None:
            where.append("e.type = ?")
            args.append(type)
        sql = (
            "SELECT e.*, substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"
            " AS sentence, d.published, d.lang, d.source, d.title, d.story_id FROM events e "
            "JOIN documents d ON d.id = e.doc_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(e.date, d.published), d.seq, e.idx"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        return self.conn.execute(sql, args).fetchall()

    def timex_rows(self, doc_id: str) -> list[Row]:
        return self.conn.execute(
            "SELECT * FROM timexes WHERE doc_id = ? ORDER BY idx", (doc_id,)
        ).fetchall()

    def statement_rows(self, ids: Sequence[int]) -> list[Row]:
        out: list[Row] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out += self.conn.execute(
                "SELECT id, speaker, text, lang, first_published, last_published, quotes, "
                f"documents, languages, sources FROM statements WHERE id IN ({marks}) ORDER BY id",
                list(chunk),
            ).fetchall()
        return out

    @staticmethod
    def _filters(
        speakers: Sequence[str] | None, story_id: int | None, doc_id: str | None, column: str | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if speakers is not None and column:
            where.append(f"{column} IN ({','.join('?' * len(speakers)) or 'NULL'})")
            args.extend(speakers)
        if story_id is not None:
            where.append("d.story_id = ?")
            args.append(story_id)
        if doc_id is not None:
            where.append("q.doc_id = ?")
            args.append(doc_id)
        return where, args
