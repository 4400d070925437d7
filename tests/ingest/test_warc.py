import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.ingest import read
from newsweave.model import Document, Skipped


def _page(n: int) -> bytes:
    return (
        f"<html lang='en'><head><title>Story {n}</title></head><body><article>"
        f"<p>LONDON (Reuters) - Story {n} opens with a paragraph long enough for the "
        "extractor to keep it as the main text of the page.</p>"
        f"<p>Story {n} goes on with a second paragraph about the same events.</p>"
        "</article></body></html>"
    ).encode()


def _write(path, *, gzip: bool, pages: int = 3) -> None:
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        html = [("Content-Type", "text/html; charset=utf-8")]
        for n in range(pages):
            uri = f"https://news.example/{n}"
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET /")))
            headers = StatusAndHeaders("200 OK", html, protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    uri, "response", payload=io.BytesIO(_page(n)), http_headers=headers
                )
            )
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://news.example/a.png",
                "response",
                payload=io.BytesIO(b"\x89PNG"),
                http_headers=png,
            )
        )
        moved = StatusAndHeaders("301 Moved", html, protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://news.example/old",
                "response",
                payload=io.BytesIO(_page(9)),
                http_headers=moved,
            )
        )
        note = "PARIS (AFP) - Une dépêche archivée comme ressource texte.".encode()
        w.write_record(
            w.create_warc_record(
                "urn:note:1",
                "resource",
                payload=io.BytesIO(note),
                warc_content_type="text/plain; charset=utf-8",
            )
        )


def test_warc_and_warc_gz(tmp_path):
    for name, gzip in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        _write(path, gzip=gzip)
        items = list(read([path]))
        assert all(isinstance(i, Document) for i in items)
        assert [d.id for d in items] == [f"https://news.example/{n}" for n in range(3)] + [
            "urn:note:1"
        ]
        doc = items[0]
        assert doc.url == doc.id and doc.origin == f"{path}#https://news.example/0"
        assert doc.title == "Story 0" and doc.declared_lang == "en"
        assert doc.text.startswith("Story 0 opens") and (doc.dateline, doc.source) == (
            "London",
            "Reuters",
        )
        assert items[3].text == "Une dépêche archivée comme ressource texte."


def test_truncated_record(tmp_path):
    path = tmp_path / "cut.warc"
    _write(path, gzip=False)
    data = path.read_bytes()
    start = data.index(
        b"WARC-Target-URI: https://news.example/1", data.index(b"WARC-Type: response")
    )
    start = data.index(b"WARC-Type: response", start - 300)  # the response for page 1
    path.write_bytes(data[: data.index(b"<article>", start) + 20])
    items = list(read([path]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Skipped)
    assert items[1].origin == f"{path}#https://news.example/1"
    assert items[1].reason.startswith("truncated WARC record: ")
    read_bytes, declared = items[1].reason.removeprefix("truncated WARC record: ").split(" of ")
    assert int(read_bytes) < int(declared.removesuffix(" bytes"))
    assert len(items) == 2  # reading stopped cleanly at the end of the file


def test_truncated_gzip_member(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _write(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    items = list(read([path]))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Skipped) and "truncated WARC" in items[-1].reason


def test_record_limit(tmp_path):
    path = tmp_path / "big.warc"
    _write(path, gzip=False, pages=1)
    items = list(read([path], max_bytes=200))
    assert items[0].reason.startswith("record is ") and items[0].reason.endswith(
        "over the 200 bytes limit"
    )
