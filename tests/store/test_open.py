"""Opening databases that are missing, damaged, foreign, from the future or read-only.

Each is a coded `StoreError` that says what to do (never a traceback, never a new
empty file), and a database that can only be read is still read.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import StoreError
from newsweave.model import Skipped
from newsweave.store import SQLiteStore, open_store

from .builders import make_doc, make_group, save
from .mounts import remount_readonly, tmpfs

READ_COMMANDS = [
    ["stories"],
    ["stories", "--threads"],
    ["show", "1"],
    ["show", "Bakhmut"],
    ["export"],
    ["entities"],
    ["quotes"],
    ["events"],
    ["kb", "stats"],
    ["recluster"],
]


def _built(path: Path, docs: int = 3) -> Path:
    store = SQLiteStore(path)
    save(store, [make_doc(f"d{i}", published="2023-05-04", story_id=1) for i in range(docs)],
         stories=[make_group(1, "2023-05-04", "2023-05-04")])  # fmt: skip
    store.close()
    return path


def _latest() -> int:
    folder = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "store" / "migrations"
    return max(int(p.name.split("_")[0]) for p in folder.glob("*.sql"))


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_missing_database_does_not_create_it(
    tmp_path: Path, args: list[str]
) -> None:
    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, [*args, "--db", str(typo)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: [E004] no database at")
    assert "newsweave ingest PATH --db" in result.output
    assert not typo.exists() and list(tmp_path.iterdir()) == []


def test_open_store_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_a_database_claiming_a_newer_schema_in_user_version_is_refused(tmp_path: Path) -> None:
    path = _built(tmp_path / "news.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    for kwargs in ({}, {"create": False}, {"readonly": True}):
        with pytest.raises(StoreError, match="schema v99, newer than this newsweave") as info:
            open_store(path, **kwargs)
        assert "upgrade newsweave" in str(info.value)


def test_a_new_database_records_its_schema_in_user_version(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "news.db").close()
    conn = sqlite3.connect(tmp_path / "news.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == _latest()


def test_an_empty_sqlite_file_with_a_user_version_is_not_a_newsweave_database(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(StoreError, match="not a newsweave database"):
        open_store(path)


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO albums VALUES (1, 'Holidays')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"another program \(tables albums\)"):
        open_store(path)
    assert path.read_bytes() == before


def _corrupt_root_page(path: Path, table: str) -> None:
    """Overwrite the b-tree page type of `table`'s root page: one damaged page."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff\xff\xff\xff")


def test_a_damaged_page_is_a_coded_error_on_every_path(tmp_path: Path) -> None:
    path = _built(tmp_path / "news.db", docs=40)
    _corrupt_root_page(path, "documents")
    store = open_store(path, create=False)
    for read in (store.documents, lambda: store.document("d1"), lambda: store.texts(["d2"])):
        with pytest.raises(StoreError, match="is damaged") as info:
            read()
        assert str(info.value).startswith("[E004]")
        assert ".recover" in str(info.value)
    with pytest.raises(StoreError, match=r"batch not written.*is damaged"):
        save(store, [make_doc("new")])
    store.close()
    runner = CliRunner()
    for args in (["export"], ["show", "1"]):
        result = runner.invoke(cli, [*args, "--db", str(path)])
        assert result.exit_code == 2 and "[E004]" in result.output, (args, result.output)


def test_a_damaged_page_through_the_real_command_line(tmp_path: Path) -> None:
    path = _built(tmp_path / "news.db", docs=40)
    _corrupt_root_page(path, "documents")
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", "export", "--db", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: [E004]") and "damaged" in lines[0]


def test_a_database_on_a_read_only_file_system_is_still_read(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 8 << 20) as disk:
        path = _built(disk / "news.db")
        remount_readonly(disk)
        store = open_store(path, create=False)
        assert store.count("documents") == 3
        assert [d.id for d in store.documents()] == ["d0", "d1", "d2"]
        with pytest.raises(StoreError, match="read-only"):
            save(store, [make_doc("new")])
        store.close()
        runner = CliRunner()
        listing = runner.invoke(cli, ["stories", "--db", str(path)])
        assert listing.exit_code == 0, listing.output
        assert "Story 1" in listing.output
        exported = runner.invoke(cli, ["export", "--db", str(path)])
        assert exported.exit_code == 0 and '"d2"' in exported.output
        for args in (["ingest", str(tmp_path)], ["recluster"]):
            refused = runner.invoke(cli, [*args, "--db", str(path)])
            assert refused.exit_code == 2 and "[E004]" in refused.output, refused.output
            assert "read-only" in refused.output
        assert sorted(p.name for p in disk.iterdir()) == ["news.db"]  # nothing written


def test_an_old_database_on_a_read_only_file_system_says_how_to_upgrade(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 8 << 20) as disk:
        path = _built(disk / "news.db")
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM schema_migrations WHERE version = ?", (_latest(),))
        conn.execute("PRAGMA user_version = 0")
        conn.commit()
        conn.close()
        remount_readonly(disk)
        with pytest.raises(StoreError, match="copy it to a writable folder"):
            open_store(path, create=False)


def test_ingest_into_a_missing_folder_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "news.db")


def test_skips_are_recorded_once_per_item_and_reason(tmp_path: Path, mini: Path) -> None:
    """A rerun over the same input used to add every skip row again (3, then 6)."""
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    counts = []
    for _ in range(3):
        result = runner.invoke(cli, ["ingest", str(mini), "--db", db, "--workers", "0"])
        assert result.exit_code == 0, result.output
        store = open_store(db, create=False)
        counts.append(store.count("skipped"))
        store.close()
    print(f"skip rows after 3 runs over the same input: {counts}")
    assert counts == [3, 3, 3]


def test_the_migration_keeps_one_row_per_skipped_item(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    with store.transaction():  # a database from before migration 5, skipped twice
        store.conn.execute("DROP INDEX skipped_item")
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 5")
        store.conn.execute("PRAGMA user_version = 4")
    for _ in range(2):
        store.conn.executemany(
            "INSERT INTO skipped (origin, reason, at) VALUES (?, ?, 'then')",
            [("a.txt", "empty file"), ("b.bin", "binary"), ("a.txt", "other reason")],
        )
    store.close()
    store = SQLiteStore(path)
    assert store.count("skipped") == 3
    store.record_skipped([Skipped("a.txt", "empty file"), Skipped("c.txt", "empty file")])
    assert [(s.origin, s.reason) for s in store.skipped()] == [
        ("a.txt", "empty file"), ("b.bin", "binary"), ("a.txt", "other reason"),
        ("c.txt", "empty file"),
    ]  # fmt: skip
    store.close()
