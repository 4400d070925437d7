"""Crash safety: an ingest killed with SIGKILL at random points loses and duplicates nothing.

Each cycle forks a process that runs the real ingest (real files, real SQLite,
one article per batch so every article is its own commit) and kills it with
SIGKILL after a random delay: while it migrates a new database, loads the
knowledge base, reads, enriches or commits. After every kill: `PRAGMA
integrity_check` is ok, every article stored before is still there, none is
stored twice, and every story's size is the number of its articles. The next
cycle resumes the same database; a run that finishes must export exactly
what an uninterrupted ingest of the same input exports.

30 kills in the normal suite; more with NEWSWEAVE_CRASH_CYCLES=300. The
embedder is a word-hashing one registered here: the test is about the store,
and the real embedder's arithmetic would only spread the kills thinner over
the writes (every other stage is the real one).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
import traceback
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsweave.clustering.embedders import register_embedder
from newsweave.config import Settings
from newsweave.export import build_export
from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

from . import corpus

CYCLES = int(os.environ.get("NEWSWEAVE_CRASH_CYCLES", "30"))
ARTICLES = 6
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


class WordHashEmbedder:
    """Each word hashed into one of 64 dimensions; L2-normalised."""

    name = "crash-test-words"
    dim = 64

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode("utf-8")) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


register_embedder(WordHashEmbedder.name)(lambda model_path: WordHashEmbedder())


def _ingest(folder: Path, db: Path, settings: Settings) -> None:
    store = open_store(db)
    try:
        one_by_one = settings.replace(db=str(db), batch_size=1, embedder=WordHashEmbedder.name)
        ingest_paths([folder], store, one_by_one, waiting=None)
    finally:
        store.close()


def _start(folder: Path, db: Path, settings: Settings) -> int:
    """A forked process running the ingest; exits 0 when it finished."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            _ingest(folder, db, settings)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def _export(db: Path) -> str:
    store = open_store(db, create=False)
    try:
        return json.dumps(build_export(store), sort_keys=True, ensure_ascii=False)
    finally:
        store.close()


def _state(db: Path) -> tuple[set[str], str]:
    """(stored document ids, integrity check) after checking what every kill must keep."""
    if not db.exists():
        return set(), "ok"
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "documents" not in tables:
            return set(), check
        n, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT hash) FROM documents"
        ).fetchone()
        assert n == distinct, "an article is stored twice"
        wrong = conn.execute(
            "SELECT s.id, s.size, (SELECT count(*) FROM documents d WHERE d.story_id = s.id) "
            "FROM stories s WHERE s.size != (SELECT count(*) FROM documents d WHERE d.story_id = s.id)"
        ).fetchall()
        assert not wrong, f"stories whose size is not their number of articles: {wrong}"
        return {r[0] for r in conn.execute("SELECT id FROM documents")}, check
    finally:
        conn.close()


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def test_kill_9_at_random_points_loses_and_duplicates_nothing(
    tmp_path: Path, settings: Settings
) -> None:
    folder = corpus.write(tmp_path / "in", corpus.articles(ARTICLES, seed=7, events=2))
    # Each round starts from a database with its schema and knowledge base (loading the
    # shipped base takes a second: kills then land in the ingest, not in that set-up).
    template = tmp_path / "template.db"
    _ingest(corpus.write(tmp_path / "nothing", []), template, settings)
    reference = tmp_path / "reference.db"
    shutil.copy(template, reference)
    _ingest(folder, reference, settings)  # also loads the models before the first fork
    expected = _export(reference)
    timing = tmp_path / "timing.db"
    shutil.copy(template, timing)
    t = time.perf_counter()
    pid = _start(folder, timing, settings)
    assert os.waitpid(pid, 0)[1] == 0
    full = time.perf_counter() - t  # one whole ingest in a fresh process, models loaded
    t = time.perf_counter()
    pid = _start(folder, timing, settings)  # again: everything is stored, nothing to do
    assert os.waitpid(pid, 0)[1] == 0
    idle = time.perf_counter() - t  # starting, reading and finding every article stored
    rng = random.Random(20261203)
    db = tmp_path / "crash.db"
    shutil.copy(template, db)
    kills = finished = attempts = 0
    stretch = 1.0
    stored: set[str] = set()
    while kills < CYCLES:
        attempts += 1
        assert attempts < CYCLES * 4, "the ingest finished before almost every kill"
        pid = _start(folder, db, settings)
        # Somewhere in what is left to do (a resumed run has fewer articles to store);
        # once all are stored, later and later until the run finishes and its export is
        # compared (a busy machine makes a run slower than the one timed).
        left = ARTICLES - len(stored)
        work = max(full - idle, 0.0) * (left + 1) / (ARTICLES + 1)
        window = (idle + work) * (stretch if not left else 1.0)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        ids, check = _state(db)
        assert check == "ok", f"integrity check after kill {kills}: {check}"
        if os.WIFSIGNALED(status):
            kills += 1
            stretch = stretch * 1.5 if not left else 1.0
            assert stored <= ids, f"articles lost by kill {kills}: {sorted(stored - ids)}"
            stored = ids
            continue
        assert os.WEXITSTATUS(status) == 0, "the ingest failed (traceback above)"
        assert _export(db) == expected, "a resumed ingest ended unlike an uninterrupted one"
        finished += 1
        stretch = 1.0
        _remove(db)  # start over
        shutil.copy(template, db)
        stored = set()
    pid = _start(folder, db, settings)  # resume after the last kill, uninterrupted
    assert os.waitpid(pid, 0)[1] == 0
    assert _state(db)[1] == "ok"
    assert _export(db) == expected
    print(
        f"kill -9 cycles survived: {kills} (plus {finished} runs that finished first), "
        f"{ARTICLES} articles, one commit each, whole ingest {full:.2f} s; every resumed "
        f"run ({finished + 1}) exported the same as an uninterrupted one"
    )
