"""`newsweave stories | head`: a reader that closes the pipe early is normal use. Every
command ends with exit code 0 and prints nothing (no traceback, no "Broken pipe")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.config import load_settings
from newsweave.model import Document
from newsweave.pipeline import ingest_documents
from newsweave.store import open_store

CACHE = Path.home() / ".cache" / "newsweave-test"  # as in tests/conftest.py
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of a few long articles written here, through the real pipeline: its
    JSON Lines export (with text) is larger than a pipe's 64 KiB buffer."""
    folder = tmp_path_factory.mktemp("pipes")
    path = str(folder / "pipes.db")
    settings = load_settings(environ={}, db=path, workers=0, cache_dir=str(CACHE))
    docs = [Document(id=f"strike-{n}", title=f"Harbour strike, day {n}",
                     text=f"Dockers in Rotterdam stopped work for the {n}th day on Monday.\n"
                     * 400) for n in range(4)]  # fmt: skip
    ingest_documents(docs, open_store(path), settings)
    return path


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run newsweave with stdout on a pipe whose reader has already gone: every write
    fails with EPIPE, the harshest form of `| head`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "newsweave", *args],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["stories", "--db", "{db}"],
        ["stories", "--threads", "--db", "{db}"],
        ["export", "--db", "{db}"],
        ["export", "-f", "jsonl", "--db", "{db}"],
        ["export", "-f", "csv", "--with-text", "--db", "{db}"],
        ["entities", "--db", "{db}"],
        ["quotes", "--db", "{db}"],
        ["events", "--db", "{db}"],
        ["--help"],
        ["export", "--help"],
        ["--version"],
    ],
)
def test_a_pipe_closed_early_is_success(args, db):
    run = _into_closed_pipe(*[a.replace("{db}", db) for a in args])
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", run.stderr


def test_stories_into_head_exits_0(db):
    """The shell pipeline itself, with pipefail: `head` leaves after one line of an
    export larger than the pipe's buffer."""
    command = f"{sys.executable} -m newsweave export -f jsonl --db {db} | head -n 1"
    run = subprocess.run(["bash", "-o", "pipefail", "-c", command],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 1 and run.stderr == ""
