"""What only the SQLite backend has: its file, its schema migrations, WAL, its URLs.

Behaviour every backend shares is in test_contract.py.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.errors import ConfigError, EmbedderMismatch, StoreError
from newsweave.pipeline import Pipeline
from newsweave.store import SQLiteStore, Store, check_embedder, open_store
from newsweave.store.sqlite import _migrations

from .builders import make_doc, save

MIGRATIONS = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "store" / "migrations"


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(tmp_path / "news.db")
    yield opened
    opened.close()


def test_migrations_run_once_and_the_schema_is_current(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    shipped = sorted(int(f.name.split("_")[0]) for f in MIGRATIONS.glob("*.sql"))
    assert shipped[:4] == [1, 2, 3, 4] and 6 in shipped  # 0006: truncated_at, id_changes
    for _ in range(2):
        store = SQLiteStore(path)
        shipped = [version for version, _ in _migrations()]
        assert store.schema_version() == shipped[-1]
        rows = store.conn.execute("SELECT version FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == shipped
        store.close()
    reopened = open_store(f"sqlite:///{path}")
    assert isinstance(reopened, SQLiteStore) and reopened.url == str(path)
    assert reopened.count("documents") == 0
    reopened.close()


def test_journal_mode_is_wal(sqlite_store: SQLiteStore) -> None:
    assert sqlite_store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(info.value).startswith("[E004]")
    assert "notes.db" in str(info.value)
    assert path.read_bytes() == content  # left untouched


def test_a_database_from_a_newer_newsweave_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = SQLiteStore(path)
    store.conn.execute("INSERT INTO schema_migrations VALUES (99, 'later')")
    store.close()
    with pytest.raises(StoreError, match="schema v99, newer than this newsweave"):
        open_store(path)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://localhost/news", "PostgreSQL is not supported yet"),
        ("postgres://localhost/news", "PostgreSQL is not supported yet"),
        ("mysql://localhost/news", "unknown store URL scheme 'mysql://'"),
        ("sqlite://news.db", "write sqlite:///path/to/news.db"),
    ],
)
def test_urls_without_a_backend_are_refused_with_a_config_error(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        open_store(url)
    assert str(info.value).startswith("[E002]")


def test_a_read_only_store_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"missing\.db"):
        open_store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_the_public_methods_are_the_protocol(sqlite_store: SQLiteStore) -> None:
    """No backend-only API for callers to come to depend on (SQLite's own checks aside)."""
    protocol = {n for n in dir(Store) if not n.startswith("_")} | {"url"}
    public = {n for n, _ in inspect.getmembers(SQLiteStore) if not n.startswith("_")}
    assert public - protocol == {"schema_version"}
    assert protocol - public == {"url"}  # an attribute, set per instance
    assert isinstance(sqlite_store.url, str)


def test_a_database_from_before_the_embedder_record_keeps_its_dimension(tmp_path: Path) -> None:
    """Migration 4 reads the size of the stored vectors of an older database."""
    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    save(store, [make_doc("a")])  # 16-dimensional vectors
    with store.transaction():
        store.conn.execute("DELETE FROM meta")
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 4")
    store.close()
    store = SQLiteStore(path)
    assert store.get_meta("embedder.dimension") == "16"
    with pytest.raises(EmbedderMismatch, match="16 dimensions"):
        check_embedder(store, "use-multilingual-v3", 512)
    store.close()


def test_an_ingest_with_another_embedder_is_refused_before_any_work(
    tmp_path: Path, settings
) -> None:
    store = open_store(tmp_path / "built.db")
    check_embedder(store, "use-multilingual-v3", 512)
    other = settings.replace(embedder="sentence-transformers", embedder_model_path="/m/minilm")
    with pytest.raises(EmbedderMismatch, match="sentence-transformers:minilm"):
        Pipeline(store, other)
    assert store.get_meta("embedder.name") == "use-multilingual-v3"
    store.close()
