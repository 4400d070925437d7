import gzip
import json

from newsweave.ingest import read
from newsweave.ingest.jsonl import parse_line
from newsweave.model import Document, PartialDate, Skipped


def test_mixed_file(data):
    path = data / "mixed.jsonl"
    items = list(read([path]))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.id for d in docs] == ["a1", "mixed-2", "mixed-6"]
    first, german, spanish = docs
    assert (first.title, first.url, first.source) == (
        "Port reopens",
        "https://ex.example/a1",
        "Example Times",
    )
    assert first.published == PartialDate(2023, 3, 7)
    assert first.declared_lang == "en" and first.lang is None
    assert first.origin == f"{path}:1"
    assert german.published == PartialDate(2023, 3, 7)
    assert german.declared_lang == "de"
    # the text's more precise date agrees with the record's month and refines it
    assert spanish.published == PartialDate(2023, 3, 8)
    assert spanish.text == "El puerto reabrió el martes."
    assert (spanish.dateline, spanish.source) == ("Madrid", "EFE")
    assert [(s.origin, s.reason) for s in skipped] == [
        (f"{path}:4", "line 4: no 'text' field"),
        (f"{path}:5", "line 5: invalid JSON: Expecting ',' delimiter"),
    ]


def test_gzip_jsonl(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Ein kurzer Artikel."}) + "\n")
    [doc] = read([path])
    assert doc.id == "wire-1" and doc.origin == f"{path}:1"


def test_line_limit_applies_per_line(tmp_path):
    path = tmp_path / "big.ndjson"
    lines = [{"text": "short"}, {"text": "x" * 500}, {"text": "short again"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    items = list(read([path], max_bytes=100))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    size = len(json.dumps(lines[1])) + 1
    assert items[1].reason == f"line 2: line is {size} bytes, over the 100 bytes limit"


def test_utf16_jsonl(tmp_path):
    path = tmp_path / "u.jsonl"
    path.write_bytes(json.dumps({"text": "Grève à Lyon"}, ensure_ascii=False).encode("utf-16"))
    [doc] = read([path])
    assert doc.text == "Grève à Lyon"


def test_odd_lines():
    def reason(line):
        item = parse_line(line, number=3, name="f", origin="f.jsonl")
        return item.reason if isinstance(item, Skipped) else item

    assert reason("") is None
    assert reason("[1, 2]") == "line 3: not a JSON object but list"
    assert reason('{"text": 5}') == "line 3: 'text' is int, not a string"
    assert reason('{"text": "   "}') == "line 3: no text"
    assert reason("[" * 100_000).startswith("line 3: invalid JSON")
    assert reason(b'{"text": "\x00\x01"}\x00') == "line 3: binary content (NUL bytes)"
    doc = parse_line(
        '{"text": "Talks", "id": 7, "published": 1678300000}', number=1, name="f", origin="f"
    )
    assert doc.id == "7" and doc.published == PartialDate(2023, 3, 8, 18, 26, 40)


# -- issue 10: surrogates, encodings, empty files -------------------------------


def test_lone_surrogates_are_repaired(tmp_path):
    from newsweave.model import content_hash

    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a\\ud800", "title": "T\\udfff", "text": "Port \\ud800 reopens after the strike."}\n'
        '{"text": "Le port \\udc00 rouvre apr\\u00e8s la gr\\u00e8ve.", "source": "\\ud83d"}\n'
    )
    first, second = read([path])
    assert (first.id, first.title, first.text) == (
        "a\ufffd",
        "T\ufffd",
        "Port \ufffd reopens after the strike.",
    )
    assert second.text == "Le port \ufffd rouvre après la grève." and second.source == "\ufffd"
    for doc in (first, second):
        content_hash(doc.text)
        doc.text.encode("utf-8")


def test_control_characters_in_strings(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"title": "Bell\\u0007 \\u001b[2Jtitle", "text": "Body\\u0000 text\\r\\nhere."}\n'
    )
    [doc] = read([path])
    assert doc.title == "Bell [2Jtitle" and doc.text == "Body text\nhere."


def test_utf16_and_utf32_jsonl_without_bom(tmp_path):
    lines = [{"text": "Grève à Lyon"}, {"text": "Streik in Köln"}]
    raw = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        path = tmp_path / f"{encoding}.jsonl"
        path.write_bytes(raw.encode(encoding))
        assert [d.text for d in read([path])] == ["Grève à Lyon", "Streik in Köln"], encoding


def test_files_that_yield_nothing_say_why(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.jsonl.gz").write_bytes(b"")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b""))
    (tmp_path / "d.ndjson").write_bytes(b"\n\n   \n\r\n")
    line = b'{"text": "Le port du Havre rouvre apres trois jours de greve."}\n'
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress(line * 3)[:40])  # cut in line 1
    (tmp_path / "f.jsonl").write_bytes(b"\x00" * 5000)
    assert [(i.origin.rsplit("/", 1)[1], i.reason) for i in read([tmp_path])] == [
        ("a.jsonl", "empty file"),
        ("b.jsonl.gz", "empty file"),
        ("c.jsonl.gz", "empty after decompression"),
        ("d.ndjson", "no JSON lines, only blank space (4 newlines)"),
        (
            "e.jsonl.gz",
            "corrupt or cut compressed data: Compressed file ended before the "
            "end-of-stream marker was reached",
        ),
        ("f.jsonl", "binary content (NUL bytes)"),
    ]


def test_one_invalid_byte_in_a_line(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_bytes('{"text": "Zürich und Genf'.encode() + b" \xe9t\xe9" + b'"}\n')
    [doc] = read([path])
    assert doc.text == "Zürich und Genf été"


def test_line_numbers_across_blank_runs_and_crlf(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_bytes(b'\r\n\r\n  {"text": "Three"}\r\n\n\n{"text": "Six"}')
    assert [d.origin.rsplit(":", 1)[1] for d in read([path])] == ["3", "6"]


def test_plain_lines_starting_with_gzip_magic_are_read_as_lines(tmp_path):
    """A junk first line that happens to begin with gzip's two magic bytes does not make
    a .jsonl file compressed: the good line after it is kept (found by Hypothesis)."""
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "kept", "text": "The ferry resumed service on Tuesday morning."})
    path.write_bytes(b"\x1f\x8b\x00junk\n" + good.encode() + b"\n")
    items = list(read([path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["kept"]
    assert any(isinstance(i, Skipped) and ":1" in i.origin for i in items)


def test_a_corrupt_file_named_gz_is_reported_as_corrupt(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate at all" * 4)
    items = list(read([path]))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "corrupt" in items[0].reason
