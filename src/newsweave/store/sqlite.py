"""SQLite store: the default, no server to run.

WAL mode lets readers (the CLI, a future API) read while an ingest writes;
every batch is written in one transaction, so an interrupted ingest loses at
most the batch in flight and a re-run skips what is stored (content hashes).
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import NotFound, StoreError
from ..model import BatchResult, Document, Features, Group, PartialDate, Skipped
from .access import readonly_uri, unwritable
from .base import Row
from .boilerplate import BoilerplateTablesMixin
from .entities import EntityTablesMixin
from .faults import error_kind, guard, store_error
from .history import HistoryTablesMixin
from .lock import writer_lock
from .statements import StatementTablesMixin

_KINDS = {"story": "stories", "thread": "threads"}


@functools.cache
def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsweave.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@guard
class SQLiteStore(
    EntityTablesMixin, StatementTablesMixin, BoilerplateTablesMixin, HistoryTablesMixin
):
    """One database file; safe for one writer and many readers.

    `readonly=True` is how worker processes open it: they look names up in
    the knowledge base while the main process writes. `create=False` is how
    the read commands open it: a missing file is an error, not a new empty
    database, and a file they cannot write (a read-only file system, no write
    permission) is opened read-only instead of failing.

    Every public method raises `StoreError` (never a raw `sqlite3` error) when
    SQLite fails: see `faults.py`.
    """

    def __init__(self, path: str | Path, readonly: bool = False, create: bool = True) -> None:
        self.path = str(path)
        self.url = self.path  # a plain path is a SQLite URL to `open_store`
        memory = self.path == ":memory:"
        file = Path(self.path)
        if (readonly or not create) and not memory and not file.exists():
            raise StoreError(
                f"no database at {self.path}: check the --db path, or run "
                f"`newsweave ingest PATH --db {self.path}` to create it"
            )
        if not readonly and not memory:
            problem = unwritable(file)
            if problem and create:
                raise StoreError(
                    f"cannot write database {self.path}: {problem}. Ingest, recluster and "
                    "kb import need a writable database: use --db in a folder you can write "
                    "to (copy the database there first to add to it)"
                )
            readonly = bool(problem)  # a read command still reads
        self.readonly = readonly
        try:
            if readonly:
                self.conn = sqlite3.connect(readonly_uri(file), uri=True, timeout=30,
                                            isolation_level=None, check_same_thread=False)  # fmt: skip
                self.conn.row_factory = sqlite3.Row
                self._check_schema(self._schema_state(), writable=False)
                return
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            # Refuse another program's database before changing anything in it.
            self._check_schema(self._schema_state(), writable=True)
            self._use_wal()
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            raise store_error(exc, self.path, f"cannot open database {self.path}") from exc
        except StoreError:
            if getattr(self, "conn", None) is not None:
                self.conn.close()
            raise

    def _use_wal(self, patience: float = 30.0) -> None:
        """Switch a new database to WAL (persistent: set once, on creation). The switch
        needs the file to itself and SQLite reports "locked" at once, without waiting,
        while another process opening the same new database holds it: try again."""
        deadline = time.monotonic() + patience
        while self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as exc:
                if (
                    error_kind(exc) not in {"SQLITE_BUSY", "SQLITE_LOCKED"}
                    or time.monotonic() > deadline
                ):
                    raise
                time.sleep(0.02)

    # -- schema ----------------------------------------------------------
    def _schema_state(self) -> tuple[set[int], int, list[str]]:
        """(migrations applied, PRAGMA user_version, the database's own tables)."""
        tables = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        done: set[int] = set()
        if "schema_migrations" in tables:
            done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return done, version, tables

    def _check_schema(self, state: tuple[set[int], int, list[str]], writable: bool) -> None:
        """Refuse a database of another program, of a newer newsweave, or (read-only)
        one that needs an upgrade it cannot be given."""
        done, version, tables = state
        latest = _migrations()[-1][0]
        if not done and tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"{self.path} is a SQLite database of another program (tables {shown}), not "
                "a newsweave database: leave it alone and use --db with another path"
            )
        if not done and version:
            raise StoreError(
                f"{self.path} declares schema v{version} (PRAGMA user_version) but holds no "
                "newsweave tables: it is not a newsweave database; use --db with another path"
            )
        newest = max([version, *done])
        if newest > latest:
            raise StoreError(
                f"database {self.path} has schema v{newest}, newer than this newsweave "
                f"(v{latest}): upgrade newsweave (pip install -U newsweave), or use --db "
                "with another path"
            )
        missing = sorted({v for v, _ in _migrations()} - done)
        if missing and not writable:
            if not done:
                raise StoreError(
                    f"database {self.path} is empty and cannot be written here: run "
                    f"`newsweave ingest PATH --db {self.path}` somewhere writable first"
                )
            raise StoreError(
                f"database {self.path} lacks schema upgrade(s) "
                f"{', '.join(f'v{v}' for v in missing)} of this newsweave, and it is opened "
                "read-only here: run any command that writes it once (it upgrades itself), "
                "or copy it to a writable folder and use the copy"
            )

    def _migrate(self) -> None:
        state = self._schema_state()
        self._check_schema(state, writable=True)
        known = _migrations()
        if {v for v, _ in known} <= state[0]:
            return  # current: no write, no lock
        # All migrations in one transaction, decided again under the write lock: two
        # processes opening a new database at once must not both create its tables.
        with self.transaction():
            state = self._schema_state()
            self._check_schema(state, writable=True)
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)"
            )
            for version, sql in known:
                if version in state[0]:
                    continue
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, _now()))
            # Also in the header, where any SQLite tool (and an older newsweave) reads it.
            self.conn.execute(f"PRAGMA user_version = {int(known[-1][0])}")

    def schema_version(self) -> int:
        return self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn, self.path)

    def writer_lock(
        self, waiting: Callable[[str], None] | None = None
    ) -> AbstractContextManager[None]:
        """The one-writer lock of this database (see `lock.py`): an ingest holds it from
        before it reads any state until it ends; a second one waits, telling `waiting`."""
        if self.readonly:
            raise StoreError(
                f"database {self.path} can only be read here (a read-only file system or "
                "no write permission): ingest and recluster need a writable database; copy "
                "it to a writable folder and use --db with the copy"
            )
        return writer_lock(self.path, waiting)

    def close(self) -> None:
        self.conn.close()

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- ingest side -----------------------------------------------------
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(hashes), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT hash FROM documents WHERE hash IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def lsh_candidates(self, keys: Sequence[int]) -> list[str]:
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT DISTINCT doc_id FROM lsh WHERE key IN ({marks})", list(keys)
        )
        return [r[0] for r in rows]

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk
            ):
                out[r[0]] = r[1]
        return out

    def save_batch(self, batch: BatchResult) -> None:
        """Write one batch atomically: documents, features, buckets, groups, skips,
        entities, then quotes, statements, time expressions and events."""
        doing = f"batch not written to {self.path}, nothing of it was stored"
        try:
            with _Transaction(self.conn, self.path, doing):
                self._save_batch(batch)
        except UnicodeEncodeError as exc:  # readers repair text; a caller's own may not be
            raise StoreError(
                f"{doing}: a document holds text that is not valid Unicode ({exc.reason}, "
                "e.g. a lone surrogate); repair it (str.encode('utf-8', 'replace')) first"
            ) from exc

    def _save_batch(self, batch: BatchResult) -> None:
        docs = batch.docs
        seq = self.conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        now = _now()
        for doc in docs:
            seq += 1
            self.conn.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id, seq, doc.ensure_hash(), doc.title, doc.text, doc.url, doc.source,
                    doc.author, doc.published.isoformat() if doc.published else None,
                    doc.published.ordinal() if doc.published else None, doc.dateline,
                    doc.declared_lang, doc.lang, doc.lang_score, doc.origin, doc.duplicate_of,
                    doc.duplicate_score, doc.story_id, doc.thread_id,
                    _json(doc.evidence.as_dict()) if doc.evidence else None, now,
                    _json({k: v for k, v in doc.extra.items() if k != "evidence"}) or None,
                    doc.truncated_at,
                ),
            )  # fmt: skip
            self._save_features(doc)
            self.conn.executemany(
                "INSERT INTO lsh VALUES (?, ?)",
                [(k, doc.id) for k in batch.lsh_keys.get(doc.id, ())],
            )
        for kind, groups in (("story", batch.stories), ("thread", batch.threads)):
            for group in groups:
                self._save_group(kind, group, seq)
        self._save_skipped(batch.skipped, now)
        if batch.name_df:
            self.conn.executemany(
                "INSERT INTO name_df VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET df = df + ?",
                [(k, v, v) for k, v in batch.name_df.items()],
            )
        if batch.entities is not None:
            self._save_entities(batch.entities, docs)
            for source, target, _ in batch.entities.merges:
                self._merge_statement_entities(source, target)
        self._save_statements(docs, batch.statements)
        if batch.boilerplate:
            self._save_boilerplate(batch.boilerplate)

    def _save_features(self, doc: Document) -> None:
        if doc.embedding is None:
            raise StoreError(
                f"document '{doc.id}' has no embedding: store documents the pipeline enriched"
            )
        f = doc.features or Features()
        self.conn.execute(
            "INSERT OR REPLACE INTO doc_features VALUES (?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.embedding.astype(np.float16).tobytes(),
                _json(f.names),
                _json(sorted(f.numbers)),
                np.array(sorted(f.quotes), dtype=np.uint32).tobytes(),
            ),
        )

    def _save_group(self, kind: str, g: Group, seq: int) -> None:
        table = _KINDS[kind]
        self.conn.execute(
            f"INSERT OR REPLACE INTO {table} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                g.id, g.parent, g.title, g.size, _json(dict(g.languages)),
                g.first.isoformat() if g.first else None, g.last.isoformat() if g.last else None,
                g.first.ordinal() if g.first else None, g.last.ordinal() if g.last else None,
                g.vector_sum.astype(np.float32).tobytes(), _json(dict(g.names)),
                _json(dict(g.numbers)), np.array(sorted(g.quotes), dtype=np.uint32).tobytes(),
                g.members, seq, g.date_sum, g.dated,
            ),
        )  # fmt: skip

    def record_skipped(self, skipped: Iterable[Skipped]) -> None:
        with self.transaction():
            self._save_skipped(skipped, _now())

    def _save_skipped(self, skipped: Iterable[Skipped], now: str) -> None:
        """Once per item and reason (a unique index, migration 5): a rerun over the same
        input adds no rows; `at` stays the time it was first skipped."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO skipped (origin, reason, at) VALUES (?, ?, ?)",
            [(s.origin, s.reason, now) for s in skipped],
        )

    # -- what the clusterer pages in ---------------------------------------
    def load_groups(
        self, kind: str, lo: float | None, hi: float | None, exclude: set[int], recent: int
    ) -> list[Group]:
        table = _KINDS[kind]
        if lo is None or hi is None:
            rows = self.conn.execute(
                f"SELECT * FROM {table} ORDER BY updated_seq DESC LIMIT ?", (recent,)
            )
        else:
            rows = self.conn.execute(
                f"SELECT * FROM {table} WHERE last_ord >= ? AND first_ord <= ?", (lo, hi)
            )
        return [_group(r) for r in rows if r["id"] not in exclude]

    def max_group_id(self, kind: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {_KINDS[kind]}").fetchone()[0]

    def name_frequencies(self) -> tuple[int, Counter[str]]:
        n = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        return n, Counter({r[0]: r[1] for r in self.conn.execute("SELECT key, df FROM name_df")})

    # -- recluster -------------------------------------------------------
    def reset_clustering(self) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM stories")
            self.conn.execute("DELETE FROM threads")
            self.conn.execute("DELETE FROM name_df")
            self.conn.execute(
                "UPDATE documents SET story_id = NULL, thread_id = NULL, evidence = NULL"
            )

    def iter_for_clustering(self, batch_size: int = 1000) -> Iterator[list[Document]]:
        """Stored documents with embeddings and features, in arrival order."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT d.*, f.embedding, f.names, f.numbers, f.quotes FROM documents d "
                "JOIN doc_features f ON f.doc_id = d.id WHERE d.seq > ? ORDER BY d.seq LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["seq"]
            docs = []
            for r in rows:
                doc = _document(r)
                doc.embedding = np.frombuffer(r["embedding"], dtype=np.float16).astype(np.float32)
                doc.features = Features(
                    names=json.loads(r["names"]),
                    numbers=set(json.loads(r["numbers"])),
                    quotes=set(np.frombuffer(r["quotes"], dtype=np.uint32).tolist()),
                )
                docs.append(doc)
            yield docs

    def update_assignments(self, docs: Sequence[Document], stories: Sequence[Group],
                           threads: Sequence[Group], name_df: Counter[str]) -> None:  # fmt: skip
        with self.transaction():
            self.conn.executemany(
                "UPDATE documents SET story_id = ?, thread_id = ?, evidence = ? WHERE id = ?",
                [
                    (
                        d.story_id,
                        d.thread_id,
                        _json(d.evidence.as_dict()) if d.evidence else None,
                        d.id,
                    )
                    for d in docs
                ],
            )
            seq = self.conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
            for kind, groups in (("story", stories), ("thread", threads)):
                for group in groups:
                    self._save_group(kind, group, seq)
            self.conn.executemany(
                "INSERT INTO name_df VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET df = df + ?",
                [(k, v, v) for k, v in name_df.items()],
            )

    # -- read side -------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {"documents", "stories", "threads", "skipped"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def documents(self, story_id: int | None = None) -> list[Document]:
        if story_id is None:
            rows = self.conn.execute("SELECT * FROM documents ORDER BY seq")
        else:
            rows = self.conn.execute(
                "SELECT * FROM documents WHERE story_id = ? "
                "ORDER BY published_ord IS NULL, published_ord, seq",
                (story_id,),
            )
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document '{doc_id}'; list them with `newsweave export`")
        return _document(row)

    def group_rows(self, kind: str) -> list[Row]:
        return self.conn.execute(
            f"SELECT id, thread_id, title, size, languages, first_published, last_published, "
            f"members FROM {_KINDS[kind]} ORDER BY id"
        ).fetchall()

    def group_row(self, kind: str, gid: int) -> Row:
        row = self.conn.execute(
            f"SELECT id, thread_id, title, size, languages, first_published, last_published, "
            f"members FROM {_KINDS[kind]} WHERE id = ?",
            (gid,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no {kind} {gid}; list them with `newsweave stories`")
        return row

    def members(self, kind: str) -> dict[int, list[str]]:
        """Group id -> document ids (ordered by date) for stories or threads."""
        column = "story_id" if kind == "story" else "thread_id"
        out: dict[int, list[str]] = {}
        rows = self.conn.execute(
            f"SELECT id, {column} FROM documents WHERE {column} IS NOT NULL "
            "ORDER BY published_ord IS NULL, published_ord, seq"
        )
        for doc_id, gid in rows:
            out.setdefault(gid, []).append(doc_id)
        return out

    def skipped(self) -> list[Skipped]:
        return [
            Skipped(r[0], r[1])
            for r in self.conn.execute("SELECT origin, reason FROM skipped ORDER BY id")
        ]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

    A failed COMMIT (a full disk is often only met there, when the pages reach the
    WAL) is rolled back too. SQLite may already have rolled back on its own after a
    full disk or an I/O error, so ROLLBACK runs only while a transaction is open.
    SQLite's errors leave as `StoreError`s."""

    def __init__(self, conn: sqlite3.Connection, path: str, doing: str = "") -> None:
        self.conn = conn
        self.path = path
        self.doing = doing or "nothing of the transaction was stored"

    def __enter__(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.path, self.doing) from exc

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.DatabaseError as failed:
                self._rollback()
                raise store_error(failed, self.path, self.doing) from failed
        self._rollback()
        if isinstance(exc, sqlite3.DatabaseError):
            raise store_error(exc, self.path, self.doing) from exc

    def _rollback(self) -> None:
        # SQLite rolls back on close what it could not roll back now.
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.DatabaseError):
                self.conn.execute("ROLLBACK")


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def _document(r: sqlite3.Row) -> Document:
    doc = Document(
        id=r["id"], text=r["text"], title=r["title"], url=r["url"], source=r["source"],
        author=r["author"], published=_date(r["published"]), dateline=r["dateline"],
        declared_lang=r["declared_lang"], origin=r["origin"], lang=r["lang"],
        lang_score=r["lang_score"], hash=r["hash"], duplicate_of=r["duplicate_of"],
        duplicate_score=r["duplicate_score"], story_id=r["story_id"], thread_id=r["thread_id"],
    )  # fmt: skip
    # A database before migration 0006 opened read-only has no such column. (`in` on a
    # sqlite3.Row tests its values, not its column names.)
    if "truncated_at" in r.keys():  # noqa: SIM118
        doc.truncated_at = r["truncated_at"]
    if r["extra"]:
        doc.extra.update(json.loads(r["extra"]))
    if r["evidence"]:
        doc.extra["evidence"] = json.loads(r["evidence"])
    return doc


def _group(r: sqlite3.Row) -> Group:
    return Group(
        id=r["id"],
        vector_sum=np.frombuffer(r["vector_sum"], dtype=np.float32).copy(),
        size=r["size"],
        names=Counter(json.loads(r["names"])),
        numbers=Counter(json.loads(r["numbers"])),
        quotes=set(np.frombuffer(r["quotes"], dtype=np.uint32).tolist()),
        languages=Counter(json.loads(r["languages"])),
        first=_date(r["first_published"]),
        last=_date(r["last_published"]),
        title=r["title"],
        parent=r["thread_id"],
        members=r["members"],
        date_sum=r["date_sum"],
        dated=r["dated"],
    )
