"""Concurrent writers: two or three `newsweave ingest` processes on one database.

The second and third wait on the writer lock (and say so on stderr) instead of
handing out the same story ids; every article is stored once, every story's
size is its number of articles, nobody sees a traceback or an IntegrityError,
and a reader keeps reading while they write. A new database created by
several processes at once gets its schema exactly once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.store import open_store
from newsweave.store.lock import writer_lock

from . import corpus

WAITING = "waiting for another ingest on"


def _inputs(root: Path) -> dict[str, Path]:
    """A; B repeating half of A's articles under other names; C with A's file names
    but other articles; E, what an existing database already holds."""
    a = corpus.articles(8, seed=1, prefix="a")
    b = [(f"b-copy-{name}", text) for name, text in a[:4]] + corpus.articles(4, seed=2, prefix="b")
    c = corpus.articles(8, seed=3, prefix="a")
    e = corpus.articles(4, seed=4, prefix="e")
    return {
        name: corpus.write(root / name, items)
        for name, items in (("A", a), ("B", b), ("C", c), ("E", e))
    }


def _ingest_here(folder: Path, db: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--workers", "0"])
    assert result.exit_code == 0, result.output


def _hashes(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT hash FROM documents"))
    finally:
        conn.close()


def _check_consistent(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n, distinct = conn.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchone()
        assert n == distinct
        wrong = conn.execute(
            "SELECT s.id, s.size, (SELECT count(*) FROM documents d WHERE d.story_id = s.id) n "
            "FROM stories s WHERE s.size != n"
        ).fetchall()
        assert not wrong, f"stories whose size is not their number of articles: {wrong}"
        orphans = conn.execute(
            "SELECT count(*) FROM documents d WHERE d.story_id IS NOT NULL "
            "AND d.story_id NOT IN (SELECT id FROM stories)"
        ).fetchone()[0]
        assert orphans == 0
        return n
    finally:
        conn.close()


def _wait_for(paths: list[Path], text: str, timeout: float, db: Path) -> int:
    """Until every file holds `text`; meanwhile read the database as a user would."""
    deadline = time.monotonic() + timeout
    reads = 0
    while time.monotonic() < deadline:
        if db.exists():
            store = open_store(db, create=False)
            store.count("documents")
            store.close()
            reads += 1
        if all(text in p.read_text(errors="replace") for p in paths):
            return reads
        time.sleep(0.2)
    raise AssertionError(f"not every writer said {text!r}: " + " | ".join(
        p.read_text(errors="replace")[-500:] for p in paths))  # fmt: skip


@pytest.mark.parametrize(
    ("folders", "existing"),
    [(("A", "C"), False), (("A", "B", "C"), True)],
    ids=["two-writers-new-db-same-names", "three-writers-existing-db-overlapping"],
)
def test_concurrent_ingests_store_every_article_once(
    tmp_path: Path, folders: tuple[str, ...], existing: bool
) -> None:
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference.db"  # the same inputs, one after the other
    for name in (("E",) if existing else ()) + folders:
        _ingest_here(inputs[name], reference)
    expected = _check_consistent(reference)

    db = tmp_path / "news.db"
    if existing:
        _ingest_here(inputs["E"], db)
    logs = [tmp_path / f"writer-{name}.log" for name in folders]
    t = time.perf_counter()
    # Hold the lock while they start, so each must wait for it: then they all go at once.
    with writer_lock(str(db)):
        procs = []
        for name, log in zip(folders, logs, strict=True):
            with open(log, "wb") as err:
                procs.append(subprocess.Popen(
                    [sys.executable, "-m", "newsweave", "ingest", str(inputs[name]), "--db",
                     str(db), "--workers", "0", "--batch-size", "3"],
                    stdout=subprocess.DEVNULL, stderr=err, env=os.environ.copy(),
                ))  # fmt: skip
        reads = _wait_for(logs, WAITING, 180, db)
    for proc in procs:
        assert proc.wait(timeout=300) == 0
    seconds = time.perf_counter() - t
    for log in logs:
        text = log.read_text(errors="replace")
        assert "Traceback" not in text and "IntegrityError" not in text, text
        assert text.count(WAITING) >= 1
    stored = _check_consistent(db)
    assert stored == expected
    assert _hashes(db) == _hashes(reference)
    print(
        f"{len(folders)} concurrent writers ({'existing' if existing else 'new'} database): "
        f"{stored} articles stored once each, every story's size right, {reads} reads while "
        f"they waited and wrote, {seconds:.1f} s"
    )


OPEN = "from newsweave.store import open_store; import sys, time; "
OPEN += "time.sleep(max(0, float(sys.argv[2]) - time.time())); open_store(sys.argv[1]).close()"


def test_a_new_database_opened_by_several_processes_at_once_gets_one_schema(
    tmp_path: Path,
) -> None:
    rounds, width = 3, 4
    for i in range(rounds):
        db = tmp_path / f"new-{i}.db"
        start = time.time() + 1.5  # all import first, then open at the same instant
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN, str(db), str(start)],
                stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            for _ in range(width)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        conn = sqlite3.connect(db)
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
        conn.close()
        assert versions == sorted(set(versions)) and len(versions) >= 5
    print(f"{rounds} new databases each opened by {width} processes at once: one schema each")


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    heard: list[str] = []
    code = (
        "import sys; from newsweave.store.lock import writer_lock\n"
        "with writer_lock(sys.argv[1], lambda m: print(m, file=sys.stderr, flush=True)):\n"
        "    print('got it', flush=True)\n"
    )
    with writer_lock(db, heard.append):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, db],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        line = proc.stderr.readline()  # type: ignore[union-attr]
        assert line.startswith(f"{WAITING} {db} (process {os.getpid()})")
        time.sleep(0.3)
        assert proc.poll() is None  # still waiting
    out, _ = proc.communicate(timeout=60)
    assert out == "got it\n" and proc.returncode == 0
    assert heard == []  # the first never waited
