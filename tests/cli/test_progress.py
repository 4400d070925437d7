"""Progress during `newsweave ingest`: shown on a terminal (articles read, stored,
skipped, articles/s, an ETA from the input's bytes), quiet when stderr is not a
terminal, and the one-line summary at the end either way."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.cli.progress import IngestProgress, read_position
from newsweave.model import Document, IngestReport, Skipped

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
SUMMARY = "read 4, stored 4, duplicates 0, near-duplicates 0, skipped 3, new stories 2"


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def three_files(tmp_path: Path) -> list[Path]:
    sizes = {"a.txt": 1000, "b.jsonl": 3000, "c.txt": 6000}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size)
    return sorted(tmp_path.iterdir())


def test_bytes_read_follow_the_files_in_reading_order(three_files, tmp_path):
    clock = _Clock()
    stream = io.StringIO()
    progress = IngestProgress([tmp_path], stream=stream, clock=clock, position=lambda _p: None)
    assert progress.total == 10_000
    a, b, c = (str(p) for p in three_files)
    progress.item(Document(id="a", text="one", origin=a))
    assert progress.done_bytes() == 3  # the text handed on so far
    clock.now = 2.0
    progress.item(Document(id="b1", text="two", origin=f"{b}:1"))
    progress.item(Skipped(f"{b}:2", "line 2: invalid JSON"))
    assert progress.done_bytes() == 1000 + 3  # a.txt is done; b.jsonl just begun
    progress.item(Document(id="c", text="three", origin=c))
    assert progress.done_bytes() == 4000 + 5
    report = IngestReport(read=3, stored=3)
    clock.now = 4.0
    progress.batch(report)
    assert (progress.read, progress.stored, progress.skipped) == (3, 3, 1)
    assert progress.summary() == "read 3, stored 3, skipped 1, 0.8 articles/s"
    progress.close(finished=True)
    shown = stream.getvalue()
    assert "100%" in shown and "9.77kB/9.77kB" in shown and "read 3, stored 3, skipped 1" in shown
    assert "ETA" in shown


def test_position_inside_the_file_being_read(three_files, tmp_path):
    """Within a file the ETA moves as the reader does: the text handed on from it,
    never past the offset of the file's open descriptor (from /proc) nor its size."""
    offset = {"at": 2500}
    progress = IngestProgress([tmp_path], stream=io.StringIO(), position=lambda _p: offset["at"])
    progress.item(Document(id="b1", text="x" * 800, origin=f"{three_files[1]}:1"))
    assert progress.done_bytes() == 1000 + 800
    progress.item(Document(id="b2", text="y" * 2000, origin=f"{three_files[1]}:2"))
    assert progress.done_bytes() == 1000 + 2500  # capped at the offset
    progress.item(Document(id="a", text="late", origin=str(three_files[0])))  # never back
    assert progress.done_bytes() == 1000 + 2500
    offset["at"] = 6000
    progress.item(Document(id="c", text="three", origin=str(three_files[2])))
    assert progress.done_bytes() == 4000 + 5  # the next file: its text so far


def test_a_large_file_counts_its_offset_less_the_read_ahead(tmp_path):
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as handle:
        handle.truncate(5 << 20)  # 5 MiB (sparse)
    progress = IngestProgress([big], stream=io.StringIO(), position=lambda _p: 4 << 20)
    progress.item(Document(id="one", text="short", origin=f"{big}:1"))
    assert progress.done_bytes() == 3 << 20


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="needs Linux /proc")
def test_read_position_is_the_open_descriptors_offset(three_files):
    path = str(three_files[2])
    assert read_position(path) is None  # not open
    fd = os.open(path, os.O_RDONLY)
    try:
        os.read(fd, 1234)
        assert read_position(path) == 1234
    finally:
        os.close(fd)


def test_no_input_size_is_a_counter_without_eta(tmp_path):
    stream = io.StringIO()
    progress = IngestProgress([tmp_path / "missing"], stream=stream)
    assert progress.total is None
    progress.item(Skipped(str(tmp_path / "missing"), "no such file"))
    progress.close(finished=True)
    assert "skipped 1" in stream.getvalue() and "ETA" not in stream.getvalue()


@pytest.mark.slow
def test_ingest_progress_through_the_runner(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "p.db")
    shown = runner.invoke(cli, ["ingest", str(MINI), "--db", db, "--workers", "0", "--progress"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines() == [SUMMARY]  # the summary stays, alone on stdout
    assert "read 4, stored 4, skipped 3" in shown.stderr and "articles/s" in shown.stderr
    assert "100%" in shown.stderr and "ETA" in shown.stderr
    # The runner's stderr is not a terminal: no progress unless asked for.
    quiet = runner.invoke(cli, ["ingest", str(MINI), "--db", str(tmp_path / "q.db"),
                                "--workers", "0"])  # fmt: skip
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout.splitlines() == [SUMMARY]
    assert "articles/s" not in quiet.stderr and "ETA" not in quiet.stderr


@pytest.mark.slow
def test_progress_on_a_real_terminal_and_not_in_a_pipe(tmp_path):
    """A real process: stderr on a pseudo-terminal shows progress; stderr on a pipe
    (a log, a script) gets only the skip lines."""
    args = [sys.executable, "-m", "newsweave", "ingest", str(MINI), "--workers", "0"]
    main, secondary = pty.openpty()
    try:
        proc = subprocess.Popen([*args, "--db", str(tmp_path / "tty.db")],
                                stdout=subprocess.PIPE, stderr=secondary, text=True)  # fmt: skip
        os.close(secondary)
        seen = b""
        while True:
            ready, _, _ = select.select([main], [], [], 300)
            if not ready:
                break
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        out, _ = proc.communicate(timeout=300)
    finally:
        os.close(main)
    assert proc.returncode == 0
    assert out.splitlines() == [SUMMARY]
    terminal = seen.decode("utf-8", "replace")
    assert "articles/s" in terminal and "read 4, stored 4, skipped 3" in terminal
    piped = subprocess.run([*args, "--db", str(tmp_path / "pipe.db")],
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert piped.returncode == 0 and piped.stdout.splitlines() == [SUMMARY]
    assert "articles/s" not in piped.stderr and "ETA" not in piped.stderr
    assert all(line.startswith("  skipped ") for line in piped.stderr.splitlines())
