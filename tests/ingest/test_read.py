import gzip

from newsweave.ingest import read
from newsweave.model import Document, Skipped


def _reasons(items):
    return [(type(i).__name__, getattr(i, "reason", None)) for i in items]


def test_folder_walk_is_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "b.txt").write_text("Zweiter Artikel über den Streik in Hamburg.")
    (tmp_path / "a.md").write_text("# Premier\n\nUn article sur la grève à Lyon.")
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "Third article, in a subfolder."}\n')
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "__pycache__" / "y.txt").write_text("cache")
    items = list(read([tmp_path]))
    assert [i.id for i in items] == ["a", "b", "c-1"]
    assert list(read([tmp_path])) == items  # deterministic


def test_sniffing_unknown_extensions(tmp_path):
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><item>'
        "<title>T</title><description>Body of a sniffed feed item.</description></item>"
        "</channel></rss>"
    )
    (tmp_path / "lines.json").write_text('{"text": "A JSON line found by sniffing."}\n')
    (tmp_path / "page").write_text(
        "<!doctype html><html><body><p>A page without an extension, long enough to be kept "
        "as the main text of the page by the extractor.</p></body></html>"
    )
    (tmp_path / "story").write_text("A plain text file without any extension.")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    with gzip.open(tmp_path / "more.gz", "wt") as f:
        f.write('{"text": "A gzipped JSON line."}\n')
    items = {i.origin.rsplit("/", 1)[-1]: i for i in read([tmp_path])}
    assert items["feed.xml#1"].text == "Body of a sniffed feed item."
    assert items["lines.json:1"].text == "A JSON line found by sniffing."
    assert items["more.gz:1"].text == "A gzipped JSON line."
    assert items["page"].text.startswith("A page without")
    assert items["story"].text == "A plain text file without any extension."
    assert items["table.csv"].reason.startswith("unsupported file type .csv")


def test_bad_files_become_skipped(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "huge.txt").write_text("word " * 300)
    (tmp_path / "spaces.txt").write_text("   \n\n  ")
    items = list(read([tmp_path, tmp_path / "missing.txt"], max_bytes=1000))
    assert _reasons(items) == [
        ("Skipped", "binary content (NUL bytes)"),
        ("Skipped", "empty file"),
        ("Skipped", "file is 1.5 kB, over the 1 kB limit"),
        ("Skipped", "no text"),
        ("Skipped", "no such file or directory"),
    ]
    assert items[-1].origin == str(tmp_path / "missing.txt")


def test_default_limit_message(tmp_path):
    path = tmp_path / "big.html"
    with path.open("wb") as f:
        f.truncate(30_000_000)  # sparse: no 30 MB written
    [item] = read([path])
    assert item.reason == "file is 30 MB, over the 20 MB limit"


def test_encodings_through_read(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Grève générale à Nîmes.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Streik in Köln.".encode("utf-16"))
    texts = [i.text for i in read([tmp_path]) if isinstance(i, Document)]
    assert texts == ["Grève générale à Nîmes.", "Streik in Köln."]


def test_reader_crash_becomes_skipped(tmp_path, monkeypatch):
    from newsweave import ingest

    def boom(path, *, max_bytes):
        yield Skipped(str(path), "first")
        raise RuntimeError("library choked\non this")

    monkeypatch.setitem(ingest.READERS, "text", boom)
    (tmp_path / "x.txt").write_text("text")
    assert _reasons(read([tmp_path])) == [
        ("Skipped", "first"),
        ("Skipped", "unexpected RuntimeError: library choked on this"),
    ]
