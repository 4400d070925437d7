"""Concurrent writers: two or three `newsweave ingest` processes on one database.

The second and third wait on the writer lock (and say so on stderr) instead of
handing out the same story ids; every article is stored once, every story's
size is its number of articles, nobody sees a traceback or an IntegrityError,
and a reader keeps reading while they write. A new database created by
several processes at once gets its schema exactly once.

The writers are forked from the test process (see forked.py): real processes
running the real command line, without loading the models again.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.store import open_store
from newsweave.store.lock import writer_lock

from . import corpus, forked

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
        n, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT hash) FROM documents"
        ).fetchone()
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
        if all(text in _log(p) for p in paths):
            return reads
        time.sleep(0.2)
    raise AssertionError(f"not every writer said {text!r}: " + " | ".join(
        _log(p)[-500:] for p in paths))  # fmt: skip


def _log(path: Path) -> str:
    """A writer's log so far; a forked writer on a busy machine may not have made it yet."""
    try:
        return path.read_text(errors="replace")
    except FileNotFoundError:
        return ""


HOLD = (
    "import sys; from newsweave.store.lock import writer_lock\n"
    "with writer_lock(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.readline()\n"
)


def _wait_reading(pids: list[int], db: Path, reads: int) -> tuple[list[int], int]:
    """Exit codes of the writers; the database is read all along, as a user would."""
    codes: dict[int, int] = {}
    while len(codes) < len(pids):
        for pid in pids:
            if pid not in codes:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    codes[pid] = os.waitstatus_to_exitcode(status)
        store = open_store(db, create=False)
        store.count("documents")
        store.documents()
        store.close()
        reads += 1
        time.sleep(0.05)
    return [codes[pid] for pid in pids], reads


@pytest.mark.parametrize(
    ("folders", "existing"),
    [(("A", "C"), False), (("A", "B", "C"), True)],
    ids=["two-writers-new-db-same-names", "three-writers-existing-db-overlapping"],
)
def test_concurrent_ingests_store_every_article_once(
    tmp_path: Path, folders: tuple[str, ...], existing: bool
) -> None:
    """The writers are `newsweave ingest` processes forked from this one (see forked.py).
    Another process holds the writer lock while they start, so each must wait for
    it (and say so), then they all go at once."""
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference.db"  # the same inputs, one after the other
    for name in (("E",) if existing else ()) + folders:
        _ingest_here(inputs[name], reference)
    expected = _check_consistent(reference)

    db = tmp_path / "news.db"
    if existing:  # in a process of its own: this one must not hold the database open
        code, output = forked.run(["ingest", str(inputs["E"]), "--db", str(db), "--workers",
                                   "0"], tmp_path / "existing.log")  # fmt: skip
        assert code == 0, output
    logs = [tmp_path / f"writer-{name}.log" for name in folders]
    t = time.perf_counter()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"  # type: ignore[union-attr]
        args = ["--db", str(db), "--workers", "0", "--batch-size", "3"]
        pids = [
            forked.start(["ingest", str(inputs[name]), *args], log)
            for name, log in zip(folders, logs, strict=True)
        ]
        reads = _wait_for(logs, WAITING, 120, db)
    finally:
        # A line, not end of input: the forked writers hold copies of this pipe too.
        holder.communicate("release\n", timeout=60)
    codes, reads = _wait_reading(pids, db, reads)
    seconds = time.perf_counter() - t
    texts = [log.read_text(errors="replace") for log in logs]
    assert codes == [0] * len(folders), texts
    for text in texts:
        assert "Traceback" not in text and "IntegrityError" not in text, text
        assert text.count(WAITING) == 1 and "stored" in text
    stored = _check_consistent(db)
    assert stored == expected
    assert _hashes(db) == _hashes(reference)
    print(
        f"{len(folders)} concurrent writers ({'existing' if existing else 'new'} database): "
        f"{stored} articles stored once each, every story's size right, {reads} reads while "
        f"they waited and wrote, {seconds:.1f} s"
    )


def _open_at(db: Path, when: float) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        time.sleep(max(0.0, when - time.time()))
        open_store(db).close()
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)
    return pid


def test_a_new_database_opened_by_several_processes_at_once_gets_one_schema(
    tmp_path: Path,
) -> None:
    """It used to fail half the time: the second process created the tables again."""
    rounds, width = 10, 4
    for i in range(rounds):
        db = tmp_path / f"new-{i}.db"
        when = time.time() + 0.3
        pids = [_open_at(db, when) for _ in range(width)]
        assert [forked.wait(pid) for pid in pids] == [0] * width
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
