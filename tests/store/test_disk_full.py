"""A full disk: a coded error, an intact database, and a rerun that completes.

The database lives on a small tmpfs of its own; a filler file leaves it a few
hundred KiB, so an ingest commits some batches and then meets a full disk. It
must stop with one `[E004]` line that says what to do (no raw
`sqlite3.OperationalError`), leave a database that passes its integrity check
and keeps every committed article, and, once space is freed, the same command
must finish with every article stored once. The ingests on the small disk run
in forked processes (see forked.py) with the real command-line entry point.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import StoreError
from newsweave.model import KBEntry, Skipped
from newsweave.store import open_store

from . import corpus, forked
from .mounts import tmpfs

ROOM = 256 << 10  # bytes left free on the disk before the second ingest


def _ingest_here(folder: Path, db: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--workers", "0"])
    assert result.exit_code == 0, result.output


def _ingest(folder: Path, db: Path, log: Path) -> tuple[int, str]:
    """`newsweave ingest` in a forked process (see forked.py): (exit code, its output)."""
    args = ["ingest", str(folder), "--db", str(db), "--workers", "0", "--batch-size", "2"]
    return forked.run(args, log)


def _documents(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        wrong = conn.execute(
            "SELECT s.id FROM stories s "
            "WHERE s.size != (SELECT count(*) FROM documents d WHERE d.story_id = s.id)"
        ).fetchall()
        assert not wrong
        return sorted(r[0] for r in conn.execute("SELECT hash FROM documents"))
    finally:
        conn.close()


def _fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    stat = os.statvfs(disk)
    left = stat.f_bavail * stat.f_frsize - leave
    with open(filler, "wb") as f:
        chunk = b"\0" * (1 << 20)
        while left > 0:
            left -= f.write(chunk[: min(len(chunk), left)])
    return filler


def test_a_full_disk_is_a_coded_error_and_a_rerun_completes(tmp_path: Path) -> None:
    first = corpus.write(tmp_path / "first", corpus.articles(6, seed=5, prefix="f"))
    second = corpus.write(tmp_path / "second", corpus.articles(16, seed=6, prefix="s"))
    reference = tmp_path / "reference.db"
    _ingest_here(first, reference)
    _ingest_here(second, reference)
    expected = _documents(reference)
    with tmpfs(tmp_path / "disk", 32 << 20) as disk:
        db = disk / "news.db"
        code, output = _ingest(first, db, tmp_path / "first.log")
        assert code == 0, output
        before = _documents(db)
        filler = _fill(disk, ROOM)
        code, output = _ingest(second, db, tmp_path / "full.log")
        assert code == 2, output
        assert "Traceback" not in output and "OperationalError" not in output
        lines = output.strip().splitlines()
        assert len(lines) == 1, output
        assert lines[0].startswith("Error: [E004]") and "is full" in lines[0]
        assert "Free some space" in lines[0]
        during = _documents(db)  # intact: integrity ok, nothing lost, nothing twice
        assert set(before) <= set(during) < set(expected)
        filler.unlink()
        code, output = _ingest(second, db, tmp_path / "rerun.log")
        assert code == 0, output
        after = _documents(db)
        assert after == expected  # every article once
    print(
        f"disk full with {ROOM >> 10} KiB left: coded error after {len(during) - len(before)} "
        f"of 16 articles committed; database intact; the rerun stored the other "
        f"{len(after) - len(during)}, {len(after)} in all, none twice"
    )


def test_every_write_on_a_full_disk_is_a_coded_error(tmp_path: Path) -> None:
    """Not only a batch: skips, metadata and knowledge-base imports used to leave a full
    disk as a raw `sqlite3.OperationalError` traceback."""
    with tmpfs(tmp_path / "disk", 8 << 20) as disk:
        store = open_store(disk / "news.db")
        store.record_skipped([Skipped("kept.bin", "binary")])
        filler = _fill(disk, 64 << 10)
        many = [Skipped(f"item-{i}.bin", "binary file " + "x" * 400) for i in range(2000)]
        writes = {
            "record_skipped": lambda: store.record_skipped(many),
            "set_meta": lambda: _set_meta(store, "x" * (1 << 20)),
            "import_kb": lambda: store.import_kb(_entries(3000)),
        }
        for name, write in writes.items():
            with pytest.raises(StoreError, match="is full") as info:
                write()
            assert str(info.value).startswith("[E004]"), name
            assert isinstance(info.value.__cause__, sqlite3.OperationalError), name
        assert store.skipped() == [Skipped("kept.bin", "binary")]  # nothing half-written
        filler.unlink()
        store.record_skipped(many)  # with room again, the same store writes
        assert store.count("skipped") == 2001
        store.close()
    print(f"{len(writes)} kinds of write on a full disk: each a coded error, nothing half-written")


def _set_meta(store, value: str) -> None:
    with store.transaction():
        store.set_meta("big", value)


def _entries(n: int):
    for i in range(n):
        entry = KBEntry(id=f"kb:test-{i}", type="LOC", name=f"Place {i} " + "y" * 300)
        yield entry, [(f"place {i}", "fold")]
