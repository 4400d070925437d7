"""Untrusted text on the terminal: control characters in titles, names, quotes and file
names never reach it raw, and one record stays one line (issue 10).

The database is written through the store's own interface with text written for
these tests (an ESC that clears the screen, a BEL, a C1 CSI, a newline that would
forge a line), then read back through the real commands.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.cli.common import one_line, paragraph
from newsweave.model import (
    BatchResult,
    Document,
    EntityBatch,
    EntityRecord,
    Event,
    Features,
    Group,
    Mention,
    PartialDate,
    Quote,
    Skipped,
)
from newsweave.store import open_store

ESC, BEL, CSI = "\x1b", "\x07", "\x9b"
TITLE = f"Floods{ESC}[2J{BEL} cut off\nvillages{CSI}31m near the river"
DOC_ID = f"flood{ESC}]0;pwned{BEL}\nstored"
SPEAKER = f"Mayor{ESC}[31m Anna\rPetrova"
# The canonical name as the knowledge of an entity may hold it: a line break inside
# (a name copied from a page's two-line byline broke the `entities` table).
ENTITY_NAME = f"Mayor{ESC}[31m Anna\nPetrova"
QUOTED = f"We will{BEL} rebuild{ESC}[0m every\nbridge"
SENTENCE = f"The river{ESC}[5m flooded{CSI}2J the old town on Monday, the mayor said."
TEXT = f"{TITLE}. {SPEAKER} said: “{QUOTED}”. {SENTENCE}"
SKIP_ORIGIN = f"feeds/bad{ESC}[31m\nname.xml"
# What a terminal must never receive: every C0 control but the newline, DEL, C1.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _group(gid: int, title: str) -> Group:
    day = PartialDate.parse("2024-05-13")
    return Group(
        id=gid, vector_sum=np.ones(8, dtype=np.float32), size=1, names=Counter(),
        numbers=Counter(), quotes=set(), languages=Counter({"en": 1}), first=day, last=day,
        title=title, parent=None if gid > 100 else 101, members=1 if gid > 100 else 0,
        date_sum=day.ordinal(), dated=1,
    )  # fmt: skip


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("terminal") / "hostile.db")
    store = open_store(path)
    speaker = TEXT.index(SPEAKER)
    quote = TEXT.index(QUOTED)
    sentence = TEXT.index(SENTENCE)
    action = TEXT.index("flooded")
    doc = Document(
        id=DOC_ID, text=TEXT, title=TITLE, source=f"wire{ESC}[8m", lang="en",
        published=PartialDate.parse("2024-05-13"), embedding=np.ones(8, dtype=np.float32),
        features=Features(names={}, numbers=set(), quotes=set()), story_id=1, thread_id=101,
    )  # fmt: skip
    doc.ensure_hash()
    doc.mentions = [Mention(SPEAKER, speaker, speaker + len(SPEAKER), "PER", "ner",
                            entity_id="per:petrova", evidence=f"alias{BEL}\nforged")]  # fmt: skip
    doc.quotes = [Quote(QUOTED, quote, quote + len(QUOTED), SPEAKER, speaker,
                        speaker + len(SPEAKER), 0, "per:petrova", "said", "name")]  # fmt: skip
    doc.events = [Event("attack", "flooded", sentence, sentence + len(SENTENCE), action,
                        action + len("flooded"), actors=[0], date="2024-05-13",
                        claimed_by_text=f"the{ESC}[1m mayor\nsaid")]  # fmt: skip
    entities = EntityBatch(
        new=[EntityRecord("per:petrova", "PER", ENTITY_NAME, description=f"mayor{BEL}\nof town")],
        keys=[("anna-petrova", "key", "per:petrova")],
        aliases={("per:petrova", SPEAKER, "en"): (1, f"alias{ESC}[31m\nforged")},
        counts={"per:petrova": (1, 1)},
    )
    store.save_batch(BatchResult(
        docs=[doc], stories=[_group(1, TITLE)], threads=[_group(101, TITLE)],
        skipped=[Skipped(SKIP_ORIGIN, f"not a feed{BEL}\nsecond line")], name_df=Counter(),
        entities=entities,
    ))  # fmt: skip
    store.close()
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "lines", "expected"),
    [
        (["stories"], 2, "Floods\\x1b[2J\\x07 cut off villages\\x9b31m near the river"),
        (["stories", "--threads"], 2, "thread 101: Floods\\x1b[2J"),
        (["show", "1"], 5, "flood\\x1b]0;pwned\\x07 stored"),
        (["entities"], 2, "Mayor\\x1b[31m Anna Petrova"),
        (["show", "per:petrova"], 6, "alias\\x1b[31m forged"),
        (["quotes"], 2, "We will\\x07 rebuild\\x1b[0m every bridge"),
        (["events"], 2, "[claimed by the\\x1b[1m mayor said]"),
    ],
)
def test_commands_print_control_characters_as_escapes(hostile_db, args, lines, expected):
    out = _run(*args, "--db", hostile_db)
    assert not RAW.search(out), repr(out)
    assert expected in out, out
    assert len(out.splitlines()) == lines, out  # a newline in a field forged no line
    print(f"{' '.join(args)}: {len(out.splitlines())} lines, no raw control character")


@pytest.mark.parametrize("args", [["show", "1"], ["entities"], ["quotes"], ["events"],
                                  ["show", "per:petrova"]])  # fmt: skip
def test_json_output_escapes_controls_and_keeps_the_text(hostile_db, args):
    out = _run(*args, "--db", hostile_db, "--json")
    assert not RAW.search(out), repr(out)
    strings = set(_strings(json.loads(out)))
    assert strings & {TITLE, SPEAKER, ENTITY_NAME, QUOTED, SENTENCE, DOC_ID}  # unchanged


def _strings(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_export_escapes_controls_and_round_trips(hostile_db, tmp_path):
    out = _run("export", "--db", hostile_db)
    assert not RAW.search(out)
    data = json.loads(out)
    assert data["documents"][0]["title"] == TITLE  # the same text, only escaped
    assert data["skipped"][0]["origin"] == SKIP_ORIGIN
    lines = _run("export", "--db", hostile_db, "--format", "jsonl").splitlines()
    assert [json.loads(line)["type"] for line in lines].count("document") == 1


def test_real_terminal_process_gets_no_control_characters(hostile_db):
    """Through `python -m newsweave`, the way a shell runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["stories"], ["show", "1"], ["quotes"]):
        run = subprocess.run([sys.executable, "-m", "newsweave", *args, "--db", hostile_db],
                             capture_output=True, env=env, timeout=120)  # fmt: skip
        assert run.returncode == 0, run.stderr
        out = run.stdout.decode("utf-8")
        assert not RAW.search(out) and "Traceback" not in run.stderr.decode()
        assert "\\x1b" in out


def _bad_names(folder: Path) -> list[bytes]:
    """Files no reader accepts (empty), named with what a terminal must not get raw."""
    names = [b"esc\x1b[31mred.txt", b"bel\x07ring.txt", b"new\nline.txt", b"cr\rreturn.txt",
             b"csi\xc2\x9b2J.txt", b"tab\there.txt"]  # fmt: skip
    for name in names:
        fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o644)
        os.close(fd)
    return names


def test_ingest_prints_one_line_per_skipped_file(tmp_path):
    """A newline in a file name cannot split its skip line; an ESC in it cannot colour
    the terminal; a name that is not UTF-8 cannot crash the printing."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = _bad_names(folder)
    run = subprocess.run(
        [sys.executable, "-m", "newsweave", "ingest", str(folder), "--workers", "0",
         "--db", str(tmp_path / "t.db")],
        capture_output=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    err = run.stderr.decode("utf-8")  # strict: every byte printed is UTF-8
    assert "Traceback" not in err, err
    assert not RAW.search(err), repr(err)
    skip_lines = [line for line in err.splitlines() if line.startswith("  skipped ")]
    assert len(skip_lines) == len(names), err
    assert len(err.splitlines()) == len(names), err  # nothing but the skip lines
    assert any("esc\\x1b[31mred.txt" in line for line in skip_lines)
    # the reader escapes a newline in a name ("new\\nline.txt"); either way, one line
    assert any("new line.txt" in line or "new\\nline.txt" in line for line in skip_lines)
    print(f"{len(names)} hostile file names, {len(skip_lines)} skip lines, no raw control")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain title", "plain title"),
        ("two\nlines\r\nand\ttabs", "two lines and tabs"),
        ("bell\x07 esc\x1b[2J del\x7f nul\x00", "bell\\x07 esc\\x1b[2J del\\x7f nul\\x00"),
        ("c1 csi\x9b31m nel\x85next", "c1 csi\\x9b31m nel next"),
        ("line\u2028separator", "line separator"),
        ("latin\udcff1.txt", "latin\\xff1.txt"),  # a file name byte that is not UTF-8
        ("lone\ud800", "lone\\ud800"),
        ("Zürich – Київ «citation» 東京", "Zürich – Київ «citation» 東京"),
        (None, ""),
    ],
)
def test_one_line(raw, shown):
    assert one_line(raw) == shown
    assert one_line(shown) == shown  # printing twice changes nothing more
    shown.encode("utf-8")  # always printable on a UTF-8 terminal


def test_paragraph_wraps_one_line_text():
    text = paragraph("word\x1b[31m " * 40 + "\nend")
    assert not RAW.search(text) and all(len(line) <= 100 for line in text.splitlines())
