"""The folder walk: only regular files, no symlinks out of the folder, odd names made safe."""

import os
import socket
import sqlite3
import threading

import pytest

from newsweave.ingest import read, safe
from newsweave.ingest.files import open_regular, safe_name, walk
from newsweave.model import Document, Skipped, content_hash

ARTICLE = "Dockworkers in Hamburg ended a three-day strike on Tuesday after the port raised wages."


def _by_name(items):
    return {os.path.basename(i.origin): i for i in items}


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random").symlink_to("/dev/urandom")
    (folder / "etc").symlink_to("/etc")
    (folder / "same.txt").symlink_to(folder / "a.txt")  # inside: read
    items = _by_name(read([folder]))
    assert isinstance(items["a.txt"], Document) and isinstance(items["same.txt"], Document)
    for name in ("passwd.txt", "secret.txt", "zero.txt", "random", "etc"):
        assert isinstance(items[name], Skipped), name
        assert items[name].reason.startswith("symlink out of the input folder: not followed")
    assert not any("root:" in getattr(i, "text", "") for i in items.values())


def test_follow_symlinks_reads_files_but_never_devices(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "wire.txt").write_text(ARTICLE)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").symlink_to(outside / "wire.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "null.txt").symlink_to("/dev/null")
    (folder / "more").symlink_to(outside)
    (folder / "loop").symlink_to(folder)  # a folder that contains itself
    items = list(read([folder], follow_symlinks=True))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.origin for d in docs] == [str(folder / "wire.txt"), str(folder / "more" / "wire.txt")]
    reasons = {os.path.basename(i.origin): i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["zero.txt"] == "not a regular file but a character device: not read"
    assert reasons["null.txt"] == "not a regular file but a character device: not read"
    assert reasons["loop"].startswith("folder already read (a symlink loop)")


def test_fifo_and_socket_are_skipped_without_opening(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    sock = socket.socket(socket.AF_UNIX)
    short = tmp_path / "s.txt"
    try:
        sock.bind(str(short))
    except OSError:
        short = None  # path too long for a socket on this machine
    # If the walk opened a FIFO it would block forever: a timer fails the test instead.
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(read([tmp_path])), daemon=True)
    worker.start()
    worker.join(10)
    sock.close()
    assert not worker.is_alive(), "reading a folder with a FIFO hung"
    reasons = {os.path.basename(i.origin): getattr(i, "reason", None) for i in result}
    assert reasons["pipe.txt"] == "not a regular file but a FIFO: not read"
    assert reasons["pipe.jsonl"] == "not a regular file but a FIFO: not read"
    if short is not None:
        assert reasons["s.txt"] == "not a regular file but a socket: not read"
    assert reasons["a.txt"] is None


def test_explicit_special_paths(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    items = list(read(["/dev/zero", tmp_path / "pipe", tmp_path / "gone.txt"]))
    assert [i.reason for i in items] == [
        "not a regular file but a character device: not read",
        "not a regular file but a FIFO: not read",
        "no such file or directory",
    ]


def test_open_regular_refuses_what_the_walk_did_not_see(tmp_path):
    os.mkfifo(tmp_path / "late.txt")  # as if swapped in after the walk looked
    from newsweave.errors import InputError

    with pytest.raises(InputError, match="FIFO"):
        open_regular(tmp_path / "late.txt")
    assert next(walk([tmp_path / "late.txt"])).reason.endswith("a FIFO: not read")


def test_non_utf8_and_control_names_are_safe_to_store(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as f:
        f.write(ARTICLE.encode())
    with open(folder + b"/bad\xff\xfe.txt", "wb") as f:
        f.write(b"")
    (tmp_path / "line\nbreak\x1b[31m.txt").write_text(ARTICLE.replace("Hamburg", "Kiel"))
    items = list(read([tmp_path]))
    assert [i.origin for i in items] == [
        str(tmp_path / "bad\\xff\\xfe.txt"),
        str(tmp_path / "caf\\xe9.txt"),
        str(tmp_path / "line\\nbreak\\x1b[31m.txt"),
    ]
    assert items[0].reason == "empty file"
    assert [i.id for i in items[1:]] == ["caf\\xe9", "line\\nbreak\\x1b[31m"]
    # What the store and the content hash do with these strings must not raise.
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (origin TEXT, id TEXT)")
    for item in items:
        db.execute("INSERT INTO t VALUES (?, ?)", (item.origin, getattr(item, "id", None)))
        if isinstance(item, Document):
            content_hash(item.text)


def test_safe_name_and_safe():
    assert safe_name("plain/name.txt") == "plain/name.txt"
    assert safe_name("a\udce9b") == "a\\xe9b"
    assert safe_name("a\ud800b") == "a\ufffdb"
    assert safe_name("a\tb\x07") == "a\\tb\\x07"
    doc = safe(Document(id="x\ud800", text="t\udc00ext\x1b", title="T\ud83d", origin="o\udcff"))
    assert (doc.id, doc.text, doc.title, doc.origin) == (
        "x\ufffd",
        "t\ufffdext",
        "T\ufffd",
        "o\\xff",
    )
    skipped = safe(Skipped("p\udce9", "why\nnot"))
    assert (skipped.origin, skipped.reason) == ("p\\xe9", "why\\nnot")


def test_deep_folders_do_not_exhaust_recursion(tmp_path):
    folder = tmp_path
    for _ in range(300):
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text(ARTICLE)
    [doc] = read([tmp_path])
    assert doc.id == "deep"
