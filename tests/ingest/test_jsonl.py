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
