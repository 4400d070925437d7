"""A hostile corpus: bad input of every kind issue 10 names, beside good articles.

`build(root)` writes the corpus under `root` and returns its manifest, one
`Item` per file (or folder entry) with what `newsweave ingest` must do with it:

- `skip`: exactly `lines` skip lines name it, and nothing from it is stored;
- `store`: `docs` documents from it are stored, with no skip line (the issue
  says keep these: odd encodings, odd names, stray bytes), and their text holds
  every string of `contains` and none of `absent`;
- `mixed`: `docs` documents stored and `lines` skip lines;
- `dup`: nothing stored and nothing skipped (the same text was stored already);

Every text is written for this corpus. Run `python tests/hostile/corpus.py DIR`
to write one and print its counts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import socket
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

MiB = 1 << 20
CITIES = [
    ("Hamburg", "en"), ("Rotterdam", "en"), ("Antwerp", "en"), ("Genoa", "en"),
    ("Le Havre", "fr"), ("Marseille", "fr"), ("Bordeaux", "fr"), ("Nantes", "fr"),
    ("Bremen", "de"), ("Kiel", "de"), ("Rostock", "de"), ("Lübeck", "de"),
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
TAGE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


def article(n: int, *, city: str | None = None, lang: str | None = None) -> str:
    """A short, unique news text: the n-th of its kind (numbers make each one distinct)."""
    place, code = CITIES[n % len(CITIES)]
    place, code = city or place, lang or code
    days, pay, ships = 2 + n % 9, 3 + n % 7, 10 + n
    if code == "fr":
        jour = JOURS[n % 7]
        return (
            f"Les dockers de {place} ont mis fin {jour} à une grève de {days} jours après "
            f"une hausse de salaire de {pay} pour cent, selon le syndicat. Les {ships} navires "
            "qui attendaient au large ont commencé à décharger leur cargaison dans la soirée."
        )
    if code == "de":
        tag = TAGE[n % 7]
        return (
            f"Die Hafenarbeiter in {place} haben am {tag} ihren {days}-tägigen Streik beendet, "
            f"nachdem die Hafenbehörde eine Lohnerhöhung um {pay} Prozent zugesagt hatte. "
            f"Die {ships} wartenden Schiffe wurden noch am Abend entladen, teilte die Gewerkschaft mit."
        )
    day = DAYS[n % 7]
    return (
        f"Dockworkers in {place} ended a {days}-day strike on {day} after the port authority "
        f"agreed to raise wages by {pay} percent, union officials said. The {ships} ships that "
        "had waited off the coast began to unload their cargo in the evening."
    )


def page(text: str, *, title: str = "Port strike ends", head: str = "") -> str:
    """An HTML page whose main text the extractor keeps: two paragraphs in an article."""
    first, _, second = text.partition(". ")
    return (
        f"<!doctype html><html><head>{head}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{first}.</p>"
        f"<p>{second}</p></article><footer>Contact us</footer></body></html>"
    )


@dataclass
class Item:
    name: str  # path relative to the corpus root
    category: str
    expect: str  # skip, store, mixed, dup
    lines: int = 0
    docs: int = 0
    contains: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    undated: bool = False  # stored without a publication date


class Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[Item] = []
        self.n = 1000  # article numbers of the corpus; the "earlier" set uses 0..999
        self.rng = random.Random(10)

    # -- writing ---------------------------------------------------------
    def text(self, **kwargs) -> str:
        self.n += 1
        return article(self.n, **kwargs)

    def write(self, name: str | bytes, data: bytes) -> Path:
        path = os.path.join(os.fsencode(self.root), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return Path(os.fsdecode(path))

    def add(self, name: str | bytes, category: str, expect: str, **kwargs) -> None:
        self.items.append(Item(os.fsdecode(name), category, expect, **kwargs))

    def skip(self, name: str | bytes, category: str, data: bytes | None, lines: int = 1) -> None:
        if data is not None:
            self.write(name, data)
        self.add(name, category, "skip", lines=lines)

    def store(
        self, name: str | bytes, category: str, data: bytes | None, docs: int = 1, **kwargs
    ) -> None:
        if data is not None:
            self.write(name, data)
        self.add(name, category, "store", docs=docs, **kwargs)

    def sparse(self, name: str, prefix: bytes, size: int) -> None:
        path = self.write(name, prefix)
        with open(path, "r+b") as f:
            f.truncate(size)


def _binary(rng: random.Random, size: int = 3000) -> bytes:
    data = bytearray(rng.randbytes(size))
    for i in range(0, size, 7):
        data[i] = 0  # plenty of NUL bytes, as in any binary format
    return bytes(data).replace(b"\n", b"\x00")


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


# -- categories ------------------------------------------------------------
def binary(c: Corpus) -> None:
    for ext in (".txt", ".md", ".html", ".htm", ".xhtml", ".text", ".markdown", ".rss", ".atom",
                ".xml", ".json", ".dat", "", ".csv", ".jsonl", ".ndjson", ".warc"):  # fmt: skip
        c.skip(f"binary/random{ext}", "binary", _binary(c.rng))
    c.skip("binary/image.txt", "binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _binary(c.rng))
    c.skip("binary/paper.md", "binary", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    c.skip("binary/photo.html", "binary", b"\xff\xd8\xff\xe0\x00\x10JFIF" + _binary(c.rng))
    c.skip("binary/archive.txt", "binary", b"PK\x03\x04\x14\x00\x00\x00" + _binary(c.rng))
    c.skip("binary/program", "binary", b"\x7fELF\x02\x01\x01" + _binary(c.rng))
    c.skip("binary/random.jsonl.gz", "binary", gzip.compress(_binary(c.rng)))
    c.skip("binary/random.warc.gz", "binary", gzip.compress(_binary(c.rng)))
    c.skip("binary/random.txt.gz", "binary", gzip.compress(_binary(c.rng)))
    c.skip("binary/gzip-named.txt", "binary", gzip.compress(c.text().encode()))


def empty(c: Corpus) -> None:
    for ext in (".txt", ".md", ".html", ".htm", ".rss", ".atom", ".xml", ".jsonl", ".ndjson",
                ".jsonl.gz", ".ndjson.gz", ".warc", ".warc.gz", "", ".json"):  # fmt: skip
        c.skip(f"empty/zero{ext}", "empty", b"")
    for ext in (".jsonl.gz", ".ndjson.gz", ".warc.gz"):
        c.skip(f"empty/gzip-of-nothing{ext}", "empty", gzip.compress(b""))
    c.skip("empty/spaces.txt", "empty", b"  \n\t\n   \r\n")
    c.skip("empty/spaces.md", "empty", b"\n\n\n")
    c.skip("empty/spaces.html", "empty", b"   \n  ")
    c.skip("empty/bom-only.txt", "empty", b"\xef\xbb\xbf")
    c.skip("empty/blank-lines.jsonl", "empty", b"\n" * 5000)
    c.skip("empty/blank-lines.jsonl.gz", "empty", gzip.compress(b"\r\n  \n" * 5000))
    c.skip(
        "empty/no-body.html",
        "empty",
        b"<html><head><title>Nothing</title></head><body></body></html>",
    )
    c.skip("empty/markup-only.html", "empty", b"<html><body><div><span></span></div></body></html>")
    c.skip(
        "empty/empty-feed.rss",
        "empty",
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>",
    )
    c.skip(
        "empty/empty-feed.atom",
        "empty",
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title></feed>",
    )


def huge(c: Corpus) -> None:
    for ext in (".txt", ".md", ".html", ".rss"):
        c.sparse(f"huge/sparse{ext}", b"", 30_000_000)
        c.add(f"huge/sparse{ext}", "huge", "skip", lines=1)
    c.sparse("huge/sparse.jsonl", b"", 30_000_000)
    c.add("huge/sparse.jsonl", "huge", "skip", lines=1)
    c.sparse("huge/header.warc", b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", 1 << 30)
    c.add("huge/header.warc", "huge", "skip", lines=1)
    long_line = b'{"text": "' + b"word " * 5_000_000 + b'"}\n'
    c.write(
        "huge/long-line.jsonl", _jsonl({"text": c.text()}) + long_line + _jsonl({"text": c.text()})
    )
    c.add("huge/long-line.jsonl", "huge", "mixed", docs=2, lines=1)
    big = c.text() + "\n\n" + " ".join(["Filler words about the harbour."] * 10)
    c.store("huge/fine.txt", "huge", big.encode())


def encodings(c: Corpus) -> None:
    c.store("enc/latin1.txt", "encodings", c.text(lang="fr").encode("latin-1"), contains=["à"])
    quoted = "“" + c.text() + "” – €"
    c.store("enc/cp1252.txt", "encodings", quoted.encode("cp1252"), contains=["“", "€"])
    c.store("enc/utf16le-bom.txt", "encodings", b"\xff\xfe" + c.text(lang="de").encode("utf-16-le"))
    c.store("enc/utf16be-bom.txt", "encodings", b"\xfe\xff" + c.text(lang="de").encode("utf-16-be"))
    c.store("enc/utf16le-nobom.txt", "encodings", c.text(lang="fr").encode("utf-16-le"))
    c.store("enc/utf32-bom.txt", "encodings", c.text().encode("utf-32"))
    c.store("enc/utf8-bom.md", "encodings", b"\xef\xbb\xbf# Strike\n\n" + c.text().encode())
    zurich = c.text(city="Zürich", lang="de").encode()
    c.store("enc/one-bad-byte.txt", "encodings", zurich + b" Caf\xe9 geschlossen.",
            contains=["Zürich", "Café"], absent=["Ã¼"])  # fmt: skip
    text = c.text().encode()
    c.store("enc/one-nul.txt", "encodings", text[:50] + b"\x00" + text[50:])
    c.store("enc/meta-utf16.html", "encodings",
            page(c.text(), head='<meta charset="utf-16">').encode())  # fmt: skip
    c.store("enc/meta-latin1-but-utf8.html", "encodings",
            page(c.text(city="Genève", lang="fr"), head='<meta charset="iso-8859-1">').encode(),
            contains=["Genève"])  # fmt: skip
    c.store("enc/latin1-page.html", "encodings",
            page(c.text(lang="fr"), head='<meta charset="iso-8859-1">').encode("latin-1"))  # fmt: skip
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-16"):
        lines = _jsonl({"text": c.text(lang="fr")}, {"text": c.text(lang="de")}).decode()
        c.store(f"enc/jsonl-{enc}.jsonl", "encodings", lines.encode(enc), docs=2)
    c.store("enc/surrogate.jsonl", "encodings",
            b'{"text": "' + c.text().encode() + b' \\ud800", "title": "T\\udfff", "id": "s\\udc80"}\n',
            contains=["\ufffd"])  # fmt: skip
    c.store("enc/controls.jsonl", "encodings",
            b'{"title": "Ring\\u0007 \\u001b[2J", "text": "' + c.text().encode() + b'\\u0000"}\n')  # fmt: skip
    c.store("enc/crlf.txt", "encodings", c.text().replace(". ", ".\r\n").encode())
    c.store("enc/cr-only.txt", "encodings", c.text().replace(". ", ".\r").encode())
    mixed = c.text(lang="fr").encode() + b"\n" + c.text(lang="fr").encode("latin-1")
    c.store("enc/mixed-utf8-latin1.txt", "encodings", mixed, absent=["Ã©"])
    import unicodedata

    c.store("enc/nfd.txt", "encodings", unicodedata.normalize("NFD", c.text(lang="fr")).encode())
    c.store("enc/utf8-in-latin1-label.jsonl", "encodings",
            _jsonl({"text": c.text(lang="de"), "lang": "de"}))  # fmt: skip


BROKEN_LINES = [
    b"not json at all",
    b'{"text": "unterminated',
    b"[1, 2, 3]",
    b'"just a string"',
    b"42",
    b"null",
    b"true",
    b"{}",
    b'{"title": "a title and no text"}',
    b'{"article": "the text under another key"}',
    b'{"text": 5}',
    b'{"text": null}',
    b'{"text": ["a", "list"]}',
    b'{"text": {"nested": "object"}}',
    b'{"text": ""}',
    b'{"text": "   \\t  "}',
    b'{"text": "trailing"} garbage',
    b'{"text": "comma",}',
    b"{'text': 'single quotes'}",
    b'{"text": NaN}',
    b'{"text": Infinity}',
    b'{"text": "bad escape \\x41"}',
    b'{"text": "short escape \\u12"}',
    b'{"body": 7}',
    b'{"content": false}',
    b"[" * 100_000,
    b'{"a":' * 50_000,
    b'{"text": "deep", "x": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b"1" * 5000,
    b'{"text": "big", "n": 1' + b"0" * 5000 + b"}",
    b'\x00\x00\x00{"text": "nul"}',
    b'{"text": "tab\tinside"',
    b"\xef\xbb\xbf\xef\xbb\xbf[]",
    b"{" + b'"k": 1, ' * 20_000 + b'"z": 0}',
    b"}{",
    b"]",
    b'{"text": "a"}{"text": "b"}',
    b'{"text": "unpaired \\"quote}',
    b"-",
    b"0x1F",
    b'{"text"}',
    b'{:"text"}',
    b'{"text": tru}',
    b"\x1b[31m{}\x1b[0m",
    b'{"text": "\xff\xfe binary \x00\x00\x00\x00 bytes"}',
]


def broken_jsonl(c: Corpus) -> None:
    for n, line in enumerate(BROKEN_LINES):
        c.skip(f"jsonl/broken-{n:02d}.jsonl", "broken-jsonl", line + b"\n")
    mixed = _jsonl({"text": c.text()}) + b"oops\n\n[]\n" + _jsonl({"text": c.text()}) + b"{}\n"
    c.write("jsonl/mixed.jsonl", mixed)
    c.add("jsonl/mixed.jsonl", "broken-jsonl", "mixed", docs=2, lines=3)
    whole = gzip.compress(_jsonl(*({"text": c.text()} for _ in range(8))))
    cut = whole[: len(whole) * 2 // 3]
    complete = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")  # lines before the cut
    c.write("jsonl/cut.jsonl.gz", cut)
    c.add("jsonl/cut.jsonl.gz", "broken-jsonl", "mixed", docs=complete, lines=1)
    c.store("jsonl/no-final-newline.jsonl", "broken-jsonl", _jsonl({"text": c.text()})[:-1])
    c.store("jsonl/leading-blanks.jsonl", "broken-jsonl", b"\n" * 1000 + _jsonl({"text": c.text()}))


def json_files(c: Corpus) -> None:
    """Issue 11: `.json` files (news-please's objects, arrays) read whole or per value."""
    one = {"maintext": c.text(), "title": "Port strike ends", "date_publish": "2023-02-07 09:00:00"}
    c.store("json/news-please.json", "json", json.dumps(one, indent=4).encode())
    array = [{"maintext": c.text()}, {"maintext": None}, {"maintext": c.text()}]
    c.write("json/array.json", json.dumps(array, indent=2).encode())
    c.add("json/array.json", "json", "mixed", docs=2, lines=1)
    c.skip("json/cut.json", "json", json.dumps(one, indent=4).encode()[:120])
    c.skip("json/empty-array.json", "json", b"[]")
    c.skip("json/not-json.json", "json", b"just words, not JSON")
    c.skip("json/nested.json", "json", b"[" * 1_000_000)
    c.skip("json/spaces.json.gz", "json", gzip.compress(b"[" + b" " * (64 * MiB) + b"]", 9))
    c.skip("json/long-string.json", "json", b'["' + b"x" * (21 * MiB))


def bombs(c: Corpus) -> None:
    zeros = gzip.compress(b"\0" * MiB) * 2048  # 2 GiB of NUL bytes in 2 MB
    c.skip("bombs/zeros.jsonl.gz", "bombs", zeros)
    c.skip("bombs/zeros.warc.gz", "bombs", zeros)
    c.skip("bombs/newlines.jsonl.gz", "bombs", gzip.compress(b"\n" * MiB, 9) * 16)
    c.skip("bombs/objects.jsonl.gz", "bombs", gzip.compress(b"{}\n" * 1_000_000, 9), lines=22)
    c.skip("bombs/one-line.jsonl.gz", "bombs", gzip.compress(b"a" * MiB) * 200)
    record = _warc_response("https://bomb.example/encoded", b"<p>" + b" " * (24 * MiB) + b"</p>",
                            encoding="gzip")  # fmt: skip
    c.skip("bombs/encoded.warc", "bombs", record)
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/big\r\n"
        b"Content-Length: 2147483648\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    )
    c.skip("bombs/declared.warc.gz", "bombs", gzip.compress(header) + zeros)
    c.skip("bombs/zeros.txt.gz", "bombs", zeros[: 4096 * 4])


def nested(c: Corpus) -> None:
    # Bounded to the first tags of the page: nothing in them is an article.
    c.skip("nested/divs.html", "html-bomb", b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000)
    c.skip(
        "nested/paragraphs.html",
        "html-bomb",
        b"<html><body>" + b"<p>x</p>" * 500_000 + b"</body></html>",
    )
    c.skip(
        "nested/json.jsonl",
        "nested",
        b'{"text": ' + b'{"a": ' * 30_000 + b"1" + b"}" * 30_001 + b"\n",
    )
    c.skip("nested/json-list.jsonl", "nested", b"[" * 1_000_000 + b"\n")


def _warc_response(uri: str, body: bytes, *, status: str = "HTTP/1.1 200 OK",
                   ctype: str = "text/html", encoding: str | None = None) -> bytes:  # fmt: skip
    """One response record written by hand, so that any part of it can be broken."""
    if encoding == "gzip":
        body = gzip.compress(body, 1)
    extra = f"Content-Encoding: {encoding}\r\n" if encoding else ""
    http = f"{status}\r\nContent-Type: {ctype}\r\n{extra}\r\n".encode() + body
    return _warc_record("response", uri, http, "application/http; msgtype=response")


def _warc_record(kind: str, uri: str, block: bytes, ctype: str) -> bytes:
    record_id = hashlib.md5(f"{kind} {uri}".encode()).hexdigest()
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2023-03-08T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def broken_warc(c: Corpus) -> None:
    record = _warc_response("https://w.example/cut", page(c.text()).encode())
    body_at = record.index(b"HTTP/1.1")
    # Cut inside the WARC headers, the HTTP headers and the payload: one line each.
    for cut in [
        *range(3, body_at, 9),
        body_at + 5,
        body_at + 30,
        len(record) - 200,
        len(record) - 60,
    ]:
        c.skip(f"warc/cut-{cut:04d}.warc", "broken-warc", record[:cut])
    for cut in (60, body_at + 10, len(record) - 100):
        c.skip(f"warc/cut-{cut:04d}.warc.gz", "broken-warc", gzip.compress(record[:cut]))
    whole = gzip.compress(record)
    for share in (3, 5, 7):
        c.skip(f"warc/cut-gzip-{share}.warc.gz", "broken-warc", whole[: len(whole) * share // 10])
    c.skip("warc/garbage-after-version.warc", "broken-warc", b"WARC/1.0\r\n\x01\x02garbage\r\n\r\n")
    c.skip("warc/binary-after-version.warc", "broken-warc", b"WARC/1.0\r\n" + _binary(c.rng, 500))
    c.skip("warc/text.warc", "broken-warc", b"This is not a web archive.\nJust text.\n")
    for n, status in enumerate(["garbage", "", "HTTP/1.1", "HTTP/1.1 abc", "HTP/1.1 200 OK"]):
        record = _warc_response(
            f"https://w.example/status{n}", page(c.text()).encode(), status=status
        )
        c.skip(f"warc/status-{n}.warc", "broken-warc", record)
    for n, length in enumerate([None, b"-12", b"12abc", b""]):
        record = _warc_response(f"https://w.example/len{n}", page(c.text()).encode())
        start = record.index(b"Content-Length: ", record.index(b"msgtype"))
        end = record.index(b"\r\n", start)
        changed = (
            record[:start]
            + (b"Content-Length: " + length if length is not None else b"X-No: 1")
            + record[end:]
        )
        c.skip(f"warc/length-{n}.warc", "broken-warc", changed)
    c.skip("warc/requests-only.warc", "broken-warc",
           _warc_record("request", "https://w.example/r", b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request"))  # fmt: skip
    c.skip("warc/image-only.warc", "broken-warc",
           _warc_response("https://w.example/i.png", b"\x89PNG\r\n", ctype="image/png"))  # fmt: skip
    c.skip("warc/redirect-only.warc", "broken-warc",
           _warc_response("https://w.example/old", b"", status="HTTP/1.1 301 Moved Permanently"))  # fmt: skip
    c.skip("warc/info-only.warc", "broken-warc",
           _warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields"))  # fmt: skip
    c.skip(
        "warc/empty-page.warc",
        "broken-warc",
        _warc_response("https://w.example/e", b"<html></html>"),
    )
    c.skip("warc/no-body.warc", "broken-warc", _warc_response("https://w.example/n", b""))
    c.skip("warc/huge-record.warc", "broken-warc",
           _warc_response("https://w.example/h", b"x").replace(b"Content-Length: ", b"Content-Length: 99999", 1))  # fmt: skip
    # Kept: good records before and beside odd ones.
    tail = _warc_response("https://w.example/tail", page(c.text()).encode())
    c.write("warc/trailing-garbage.warc", tail + b"\x00\x01 trailing garbage\r\n")
    c.add("warc/trailing-garbage.warc", "broken-warc", "mixed", docs=1, lines=1)
    first = _warc_response("https://w.example/short1", page(c.text()).encode())
    second = _warc_response("https://w.example/short2", page(c.text()).encode())
    length = int(first.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    short = first.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 1))
    c.write("warc/short-length.warc", short + second)  # warcio prints a three-line warning
    c.add("warc/short-length.warc", "broken-warc", "mixed", docs=2, lines=1)
    c.store("warc/space-in-uri.warc", "broken-warc",
            _warc_response("https://w.example/a b", page(c.text()).encode()))  # fmt: skip
    many = _warc_response("https://w.example/many", page(c.text()).encode())
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(5000))
    c.store(
        "warc/many-headers.warc",
        "broken-warc",
        many.replace(b"WARC-Date", headers + b"WARC-Date", 1),
    )
    c.store("warc/gzip-one-member.warc.gz", "broken-warc",
            gzip.compress(_warc_response("https://w.example/gz", page(c.text()).encode())))  # fmt: skip


def feeds(c: Corpus) -> None:
    c.skip("feeds/malformed.rss", "feeds", b"<rss><channel><item><title>T</title>")
    c.skip("feeds/not-xml.rss", "feeds", b"<<<>>> this is not a feed &&& at all")
    c.skip("feeds/no-text.rss", "feeds",
           b"<rss version='2.0'><channel><title>S</title><item><title>T</title>"
           b"<link>https://f.example/1</link></item></channel></rss>")  # fmt: skip
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10)
            for i in range(9)
        )
        + b"]><rss version='2.0'><channel><title>S</title><item><title>&j;</title>"
        b"<description>" + c.text().encode() + b" &j;</description></item></channel></rss>"
    )
    c.store("feeds/billion-laughs.rss", "feed-entities", laughs, absent=["lollol", "&j;"])
    for n, target in enumerate(["file:///etc/passwd", "file:///dev/zero", "http://127.0.0.1:9/x"]):
        xxe = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{target}">]>'
            "<rss version='2.0'><channel><title>S</title><item><title>&x;</title>"
            f"<description>{c.text()} &x;</description></item></channel></rss>"
        ).encode()
        c.store(f"feeds/xxe-{n}.rss", "feed-entities", xxe, absent=["root:", "&x;"])
    item = (
        "<item><title>Strike {n}</title><description>{t}</description><pubDate>{d}</pubDate></item>"
    )
    for n, date in enumerate(
        ["Fri, 31 Dec 9999 23:59:59 GMT", "2023-00-10", "2023-02-30", "0000-00-00"]
    ):
        body = item.format(n=n, t=c.text(), d=date)
        c.store(f"feeds/date-{n}.rss", "feed-dates",
                f"<rss version='2.0'><channel><title>S</title>{body}</channel></rss>".encode(),
                undated=n in (0, 3))  # fmt: skip


def names(c: Corpus) -> None:
    for raw in (b"caf\xe9.txt", b"bad\xff\xfe.txt", b"line\nbreak.txt", b"esc\x1b[31mred.txt",
                b"bell\x07.txt", b"tab\there.txt", b"cr\rname.txt", b"-rf.txt", b"x" * 200 + b".txt",
                b"   .txt", "e\u0301te\u0301.txt".encode(), "rtl\u202etxt.exe.txt".encode(),
                "emoji\U0001f600.md".encode(), b"back\\slash.txt", b"hash#colon:name.txt",
                b"quote'\"name.txt"):  # fmt: skip
        c.store(b"names/" + raw, "names", c.text().encode())
    c.skip(b"names/empty\xe9\n.txt", "names", b"")
    c.skip(b"names/empty\x1b]0;title\x07.txt", "names", b"")
    for sub in ("a", "b", "c"):
        c.store(f"names/{sub}/same.txt", "names", c.text().encode())
    deep = "/".join(["d"] * 100)
    c.store(f"names/{deep}/deep.txt", "names", c.text().encode())


def special(c: Corpus) -> None:
    folder = c.root / "special"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("fifo.txt", "fifo.jsonl", "fifo"):
        os.mkfifo(folder / name)
        c.add(f"special/{name}", "special", "skip", lines=1)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.txt"))
        c.add("special/sock.txt", "special", "skip", lines=1)
    except OSError:
        pass  # a socket path too long for this machine
    finally:
        sock.close()  # the socket file stays
    for name, target in (("zero.txt", "/dev/zero"), ("urandom.jsonl", "/dev/urandom"),
                         ("null.txt", "/dev/null"), ("passwd.txt", "/etc/passwd"),
                         ("shadow.txt", "/etc/shadow"), ("etc", "/etc"), ("mem.txt", "/proc/self/mem"),
                         ("dangling.txt", str(c.root / "no-such-file")),
                         ("parent", str(c.root.parent)), ("root", str(c.root))):  # fmt: skip
        os.symlink(target, folder / name)
        c.add(f"special/{name}", "special", "skip", lines=1)
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    c.add("special/loop-a", "special", "skip", lines=1)
    c.add("special/loop-b", "special", "skip", lines=1)
    text = c.text().encode()
    c.store("special/real.txt", "special", text)
    os.symlink(folder / "real.txt", folder / "same.txt")
    c.add("special/same.txt", "special", "dup")
    try:
        os.mknod(folder / "device.txt", 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
        c.add("special/device.txt", "special", "skip", lines=1)
    except (OSError, AttributeError):
        pass  # not root, or no mknod here


def dates(c: Corpus) -> None:
    # Numeric dates in JSONL are read here: absurd ones are dropped, the article kept.
    for n, value in enumerate([1e20, -1, 1e308, 4_102_444_800, True, [2023], {"y": 2023}]):
        record = {"text": c.text(), "published": value}
        c.store(f"dates/epoch-{n}.jsonl", "epoch", _jsonl(record), undated=True)
    for n, value in enumerate(["2023-00-10", "2023-05-00", "2023-02-30", "9999-12-31", "2023-W09-3",
                               "0000-00-00", "20230-01-01", "-2023-01-01", "2023-13-45"]):  # fmt: skip
        # Kept at the precision that is true (2023-05-00 is May 2023); no year, no date.
        c.store(f"dates/string-{n}.jsonl", "dates", _jsonl({"text": c.text(), "published": value}),
                undated=value in ("9999-12-31", "0000-00-00", "20230-01-01"))  # fmt: skip
    c.store(
        "dates/header.txt",
        "dates",
        ("date 2023-13-45\n\n" + c.text()).encode(),
        absent=["2023-13-45"],
    )
    meta = '<meta property="article:published_time" content="2023-02-30T10:00:00">'
    c.store("dates/meta.html", "dates", page(c.text(), head=meta).encode())


def junk(c: Corpus) -> None:
    for n, text in enumerate(["x", "<<<<>>>>", "😀😀😀🎉🎉", ".", "1", "!!!???...", "\u200b\u200b", "a b",
                              "-- -- --", "<><><>"]):  # fmt: skip
        c.skip(f"junk/junk-{n}.txt", "junk", text.encode())


def good(c: Corpus, count: int = 8) -> None:
    """Good articles in every format, beside the hostile items."""
    for n in range(count):
        text = c.text()
        kind = n % 4
        if kind == 0:
            c.store(f"good/good-{n}.txt", "good", f"Port strike {n}\n\n{text}".encode())
        elif kind == 1:
            c.store(f"good/good-{n}.html", "good", page(text, title=f"Strike {n}").encode())
        elif kind == 2:
            c.store(f"good/good-{n}.jsonl", "good", _jsonl({"id": f"good-{n}", "text": text}))
        else:
            data = _warc_response(f"https://good.example/{n}", page(text).encode())
            c.store(f"good/good-{n}.warc.gz", "good", gzip.compress(data))


CATEGORIES = (good, binary, empty, huge, encodings, broken_jsonl, json_files, bombs, nested,
              broken_warc, feeds, names, special, dates, junk)  # fmt: skip


def build(root: Path) -> list[Item]:
    """Write the corpus under `root` (which must not exist yet); its manifest."""
    root.mkdir(parents=True)
    corpus = Corpus(root)
    for category in CATEGORIES:
        category(corpus)
    return corpus.items


def earlier(root: Path, count: int) -> list[str]:
    """`count` good articles, ingested before the corpus: they must not change."""
    root.mkdir(parents=True)
    texts = []
    for n in range(count):
        text = article(n)
        (root / f"earlier-{n:03d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


if __name__ == "__main__":
    items = build(Path(sys.argv[1]))
    from collections import Counter

    print(Counter(i.category for i in items))
    print(Counter(i.expect for i in items), len(items))
