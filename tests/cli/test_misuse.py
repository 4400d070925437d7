"""Misuse of the command line: every bad option, setting or output path is one coded
line and exit code 2, never a traceback (issue 10).

Through click's runner (the same `Commands` group the installed script runs) and,
for a few, through a real `python -m newsweave` process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsweave.cli import cli
from newsweave.model import BatchResult, Skipped
from newsweave.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    """An existing, empty newsweave database."""
    path = str(tmp_path / "empty.db")
    open_store(path).close()
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Settings files and a folder written for these tests."""
    out = {
        "utf16": tmp_path / "utf16.toml",
        "binary": tmp_path / "binary.toml",
        "workers": tmp_path / "workers.toml",
        "bands": tmp_path / "bands.toml",
        "a_file": tmp_path / "a-file",
        "article": tmp_path / "article.txt",
    }
    out["utf16"].write_bytes("workers = 0\n".encode("utf-16"))
    out["binary"].write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    out["workers"].write_text("workers = 1.5\n", encoding="utf-8")
    out["bands"].write_text("[dedup]\nbands = 7\n", encoding="utf-8")
    out["a_file"].write_text("not a folder", encoding="utf-8")
    out["article"].write_text("Floods cut off three villages near the river.", encoding="utf-8")
    return out


def _coded(result: Result, code: str, words: str) -> None:
    """One line naming the error code, exit code 2, and no Python error behind it."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert f"Error: [{code}]" in result.output, result.output
    assert words in result.output, result.output


def _usage(result: Result, words: str) -> None:
    """Click's own usage error: exit code 2, the option named, no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and words in result.output, result.output


# (arguments, environment, error code or None for a usage error, words in the message)
CASES = [
    (["ingest", "{article}", "--db", "{db}", "--batch-size", "0"], {}, "E002",
     "'batch_size' must be at least 1, got 0"),
    (["ingest", "{article}", "--db", "{db}", "--batch-size", "-3"], {}, "E002",
     "'batch_size' must be at least 1, got -3"),
    (["ingest", "{article}", "--db", "{db}", "--workers", "-1"], {}, "E002",
     "'workers' must not be negative"),
    (["ingest", "{article}", "--db", "{db}", "--workers", "1.5"], {}, None,
     "'1.5' is not a valid integer"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_WORKERS": "1.5"}, "E002",
     "'workers' needs a whole number, got '1.5'"),
    (["ingest", "{article}", "--db", "{db}", "--config", "{workers}"], {}, "E002",
     "'workers' needs a whole number, got 1.5"),
    (["ingest", "{article}", "--db", "{db}", "--config", "{bands}"], {}, "E002",
     "'dedup.bands' (7) must divide 'dedup.num_perm' (128)"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_DEDUP__NUM_PERM": "0"}, "E002",
     "'dedup.num_perm' must be at least 1"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_LANGUAGES": "xx"}, "E002",
     "'languages' names 'xx'"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_LANGUAGES": ""}, "E002",
     "'languages' is empty"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_ENTITIES__ENABLED": "maybe"}, "E002",
     "'entities.enabled' needs true or false"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_CLUSTER__STORY_THRESHOLD": "nan"},
     "E002", "'cluster.story_threshold' needs a finite number"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_CACHE_DIR": "{a_file}"}, "E002",
     "is not a folder"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_CACHE_DIR": "{a_file}/cache"}, "E002",
     "cannot be created"),
    (["ingest", "{article}", "--db", ""], {}, "E002", "setting 'db' is empty"),
    (["stories", "--db", "{db}", "--config", "{utf16}"], {}, "E002", "it is UTF-16 text"),
    (["stories", "--db", "{db}", "--config", "{binary}"], {}, "E002", "it is a binary file"),
    (["stories", "--db", "{db}"], {"NEWSWEAVE_CONFIG": "{utf16}"}, "E002", "UTF-16"),
    (["stories", "--db", "{db}"], {"NEWSWEAVE_CONFIG": "/dev/zero"}, "E002",
     "it is not a regular file"),
    (["recluster", "--db", "{db}"], {"NEWSWEAVE_BATCH_SIZE": "0"}, "E002",
     "'batch_size' must be at least 1"),
    (["export", "--db", "{db}", "-o", "{tmp}/missing/folder/out.json"], {}, "E011",
     "missing/folder does not exist; create it first"),
    (["export", "--db", "{db}", "-o", "{a_file}/out.json"], {}, "E011", "is not a folder"),
    (["export", "--db", "{db}", "-o", "{db}"], {}, "E011", "it is the database being exported"),
    (["export", "--db", "{db}", "--format", "csv", "-o", "{db}-wal"], {}, "E011",
     "it is the database being exported"),
    (["show", "99999999999999999999999", "--db", "{db}"], {}, "E005",
     "no story 99999999999999999999999"),
    (["show", "42", "--db", "{db}"], {}, "E005", "no story 42"),
    (["show", "²", "--db", "{db}"], {}, "E005", "no story ²"),  # a digit, not a number
    (["show", "nobody", "--db", "{db}"], {}, "E005", "no entity named 'nobody'"),
    (["quotes", "--story", "99999999999999999999999", "--db", "{db}"], {}, None, "--story"),
    (["quotes", "--limit", "-1", "--db", "{db}"], {}, None, "--limit"),
    (["events", "--story", "-1", "--db", "{db}"], {}, None, "--story"),
    (["entities", "--limit", "-5", "--db", "{db}"], {}, None, "--limit"),
    (["entities", "--limit", "999999999999999999999999", "--db", "{db}"], {}, None, "--limit"),
    (["events", "--limit", "99999999999999999999", "--db", "{db}"], {}, None, "--limit"),
    (["quotes", "--limit", "99999999999999999999", "--db", "{db}"], {}, None, "--limit"),
    (["ingest", "{article}", "--db", "{db}"], {"NEWSWEAVE_ENTITIES__NER_MODELS": "en"}, "E002",
     "'entities.ner_models' entry 'en' must look like 'en=package'"),
    (["export", "--db", "{db}", "-o", "/dev/full"], {}, "E011",
     "No space left on device; nothing was written: free some space"),
    (["analyze", "{article}"], {"NEWSWEAVE_WORKERS": "two"}, "E002",
     "'workers' needs a whole number, got 'two'"),
]  # fmt: skip


def _fill(value: str, where: dict[str, str]) -> str:
    return value.format(**where)


@pytest.mark.parametrize(("args", "env", "code", "words"), CASES)
def test_misuse_is_one_coded_line(args, env, code, words, db, files, tmp_path):
    where = {"db": db, "tmp": str(tmp_path), **{k: str(v) for k, v in files.items()}}
    argv = [_fill(a, where) for a in args]
    environ = {k: _fill(v, where) for k, v in env.items()}
    result = CliRunner().invoke(cli, argv, env=environ)
    if code is None:
        _usage(result, words)
    else:
        _coded(result, code, words)


def test_all_misuse_cases_counted():
    coded = sum(1 for case in CASES if case[2])
    print(f"{len(CASES)} misuse cases: {coded} coded errors, {len(CASES) - coded} usage errors")
    assert len(CASES) >= 30


def test_export_into_a_missing_folder_writes_nothing(db, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", db, "-o", str(tmp_path / "no/out.json")])
    _coded(result, "E011", "does not exist")
    assert not (tmp_path / "no").exists()


def test_export_replaces_a_file_whole(db, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("earlier export", encoding="utf-8")
    out.chmod(0o640)
    result = CliRunner().invoke(cli, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["documents"] == []
    assert out.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 256 KiB tmpfs, where the test may mount one (root); skipped elsewhere."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_export_onto_a_full_disk_keeps_the_earlier_file(tmp_path, small_disk):
    path = str(tmp_path / "many.db")
    store = open_store(path)
    skipped = [Skipped(f"input/file-{i:05d}.bin", "binary file") for i in range(8_000)]
    store.save_batch(BatchResult(skipped=skipped))  # ~0.6 MB of JSON: more than the disk
    store.close()
    out = small_disk / "export.json"
    out.write_text('{"earlier": true}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--db", path, "-o", str(out)])
    _coded(result, "E011", "No space left on device; nothing was written: free some space")
    assert json.loads(out.read_text(encoding="utf-8")) == {"earlier": True}
    assert [p.name for p in small_disk.iterdir()] == ["export.json"]  # no temporary file left
    small = CliRunner().invoke(cli, ["export", "--db", path, "--format", "csv", "-o", str(out)])
    assert small.exit_code == 0, small.output  # the CSV (documents only) fits
    print("export onto a full 256 KiB disk: coded error, earlier file intact, no leftovers")


def _newsweave(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "env", "code", "words"),
    [
        (["stories", "--db", "{db}"], {"NEWSWEAVE_WORKERS": "1.5"}, "E002", "whole number"),
        (["stories", "--db", "{db}", "--config", "{utf16}"], {}, "E002", "UTF-16"),
        (["stories", "--db", "{db}"], {"NEWSWEAVE_LANGUAGES": ""}, "E002", "is empty"),
        (["export", "--db", "{db}", "-o", "{tmp}/none/x.csv"], {}, "E011", "does not exist"),
        (["show", "99999999999999999999999", "--db", "{db}"], {}, "E005", "no story"),
        (["quotes", "--story", "99999999999999999999999", "--db", "{db}"], {}, None, "--story"),
    ],
)  # fmt: skip
def test_misuse_through_a_real_process(args, env, code, words, db, files, tmp_path):
    where = {"db": db, "tmp": str(tmp_path), **{k: str(v) for k, v in files.items()}}
    run = _newsweave(*[_fill(a, where) for a in args],
                     env={k: _fill(v, where) for k, v in env.items()})  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and words in run.stderr, run.stderr
    if code:
        assert run.stderr.startswith(f"Error: [{code}]"), run.stderr
        assert len(run.stderr.splitlines()) == 1, run.stderr


def test_export_into_a_closed_pipe_is_quiet(db):
    """`newsweave export | head -c 10`: the reader has gone; no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        writer = subprocess.run(
            [sys.executable, "-m", "newsweave", "export", "--db", db, "--format", "jsonl"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert writer.returncode == 0, writer.stderr  # the reader leaving is no failure
    assert writer.stderr == "", writer.stderr


def test_cache_dir_that_cannot_be_written_is_a_coded_error_at_run_time():
    """A folder the settings check cannot judge (root may "write" anywhere, until the
    kernel says no): building the gazetteer there is a coded error too."""
    from newsweave.entities.gazetteer import Gazetteer
    from newsweave.errors import ConfigError

    with pytest.raises(ConfigError, match=r"^\[E002\] cannot build the gazetteer index in"):
        Gazetteer.open(Path("/proc/newsweave-cache"))
