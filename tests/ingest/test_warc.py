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
        # The text/plain resource is not an article (issue 11): only HTML is.
        assert [d.id for d in items] == [f"https://news.example/{n}" for n in range(3)]
        doc = items[0]
        assert doc.url == doc.id and doc.origin == f"{path}#https://news.example/0"
        assert doc.title == "Story 0" and doc.declared_lang == "en"
        assert doc.text.startswith("Story 0 opens") and (doc.dateline, doc.source) == (
            "London",
            "Reuters",
        )


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


# -- issue 10: every WARC that yields nothing says why; warcio stays quiet ------


def _response(uri: str, status: str = "200 OK", body: bytes | None = None) -> bytes:
    """One uncompressed response record, written by hand so it can be broken."""
    body = _page(1) if body is None else body
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def test_warcs_that_yield_nothing_say_why(tmp_path):
    import gzip as gz

    good = _response("https://news.example/1")
    cases = {
        "a-empty.warc": b"",
        "b-empty.warc.gz": b"",
        "c-gzip-of-nothing.warc.gz": gz.compress(b""),
        "d-cut-in-headers.warc": good[:40],
        "e-garbage.warc": b"WARC/1.0\r\n\x01\x02 garbage garbage\r\n\r\nmore",
        "f-bad-status.warc": _response("https://news.example/2", status="").replace(
            b"HTTP/1.1 \r\n", b"garbage\r\n"
        ),
        "g-no-article.warc": _response("https://news.example/3", status="301 Moved"),
        "h-not-warc.warc": b"just some text\nthat is not an archive\n",
        "i-bad-length.warc": good.replace(b"Content-Length: ", b"Content-Length: -"),
        "j-double.warc.gz": gz.compress(gz.compress(good)),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    got = {i.origin.removeprefix(f"{tmp_path}/"): i.reason for i in read([tmp_path])}
    assert got == {
        "a-empty.warc": "empty file",
        "b-empty.warc.gz": "empty file",
        "c-gzip-of-nothing.warc.gz": "empty after decompression",
        "d-cut-in-headers.warc": "broken WARC record at byte 0: headers cut short or garbled "
        "('NoneType' object has no attribute 'startswith'); the rest of the file is not read",
        "e-garbage.warc": "broken WARC record at byte 0: no WARC-Type header (headers cut "
        "short or garbled); the rest of the file is not read",
        "f-bad-status.warc#https://news.example/2": "broken HTTP status line: 'garbage'",
        "g-no-article.warc": "no article in the WARC: no HTML response or HTML resource "
        "record (response 301 1)",
        "h-not-warc.warc": "unreadable WARC record at byte 0: Unknown archive format, first "
        "line: ['just', 'some', 'text']; the rest of the file is not read",
        "i-bad-length.warc": "broken WARC record at byte 0: Content-Length is not a number: "
        f"'-{len(good) - good.index(b'HTTP/1.1') - 4}'; the rest of the file is not read",
        "j-double.warc.gz": "compressed twice (gzip inside gzip): not read",
    }


def test_good_records_before_a_break_are_kept(tmp_path):
    path = tmp_path / "tail.warc"
    path.write_bytes(_response("https://news.example/1") + b"WARC/1.0\r\nWARC-Type: resp")
    doc, skipped = read([path])
    assert doc.id == "https://news.example/1"
    assert skipped.origin == str(path) and skipped.reason.startswith("broken WARC record at byte ")


def test_warcio_warnings_are_not_printed(tmp_path, capfd, caplog):
    import logging

    record = _response("https://news.example/1")
    # A Content-Length one short: warcio prints a three-line warning to stderr.
    length = int(record.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    short = record.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 1))
    path = tmp_path / "odd.warc"
    spaced = _response("https://news.example/a b").replace(b"urn:uuid:", b"urn:uuid:f", 1)
    path.write_bytes(short + spaced)
    with caplog.at_level(logging.INFO, logger="newsweave"):
        items = list(read([path]))
    assert capfd.readouterr().err == ""
    first, warning, second = items
    assert (first.id, second.id) == ("https://news.example/1", "https://news.example/a%20b")
    assert warning.origin == f"{path}#https://news.example/1"
    assert warning.reason.startswith("record not followed by a blank line at byte ")
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_cut_gzip_warc_reports_once(tmp_path):
    for cut in (0.3, 0.5, 0.7, 0.9):
        path = tmp_path / f"cut{cut}.warc.gz"
        _write(path, gzip=True)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * cut)])
        items = list(read([path]))
        skipped = [i for i in items if isinstance(i, Skipped)]
        assert len(skipped) == 1, (cut, skipped)
        assert "truncated WARC" in skipped[0].reason or "compressed" in skipped[0].reason


# -- issue 11: crawl bookkeeping (wget's shapes) is never an article -----------

_WGET_LOG = (
    "Opening WARC file 'crawl.warc.gz'.\n\n"
    "--2026-03-02 10:15:01--  https://news.example/2026/03/strike\n"
    "Resolving news.example (news.example)... 192.0.2.7\n"
    "HTTP request sent, awaiting response... 200 OK\n"
    "Length: unspecified [text/html]\n"
    "Saving to: 'news.example/2026/03/strike'\n\n"
    "FINISHED --2026-03-02 10:15:03--\nDownloaded: 1 files, 12K in 0.02s\n"
)


def _bookkeeping(w: WARCWriter) -> None:
    """The records wget writes around the pages: a manifest, its arguments, its log."""
    w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "Wget/1.21"}))
    for rec_type, uri, payload in (
        ("metadata", "metadata://gnu.org/software/wget/warc/MANIFEST.txt", "crawl.warc.gz\n"),
        (
            "resource",
            "metadata://gnu.org/software/wget/warc/wget_arguments.txt",
            '"wget" "--warc-file=crawl" "https://news.example/2026/03/strike"\n',
        ),
        ("resource", "metadata://gnu.org/software/wget/warc/wget.log", _WGET_LOG),
    ):
        w.write_record(
            w.create_warc_record(
                uri,
                rec_type,
                payload=io.BytesIO(payload.encode()),
                warc_content_type="text/plain",
            )
        )


def test_wget_logs_and_manifests_are_not_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        uri = "https://news.example/2026/03/strike"
        w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET /")))
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        w.write_record(
            w.create_warc_record(
                uri, "response", payload=io.BytesIO(_page(1)), http_headers=headers
            )
        )
        w.write_record(
            w.create_warc_record(
                "https://news.example/saved.html",
                "resource",
                payload=io.BytesIO(_page(2)),
                warc_content_type="text/html",
            )
        )
        w.write_record(
            w.create_warc_record(
                "https://news.example/wire.txt",
                "resource",
                payload=io.BytesIO(b"PARIS (AFP) - A plain text resource is not a page."),
                warc_content_type="text/plain; charset=utf-8",
            )
        )
        _bookkeeping(w)
    items = list(read([path]))
    # Passed over silently: no skip line for the log, the manifest or the request.
    assert all(isinstance(i, Document) for i in items)
    assert [d.id for d in items] == [uri, "https://news.example/saved.html"]
    assert items[1].title == "Story 2"


def test_a_warc_of_bookkeeping_only_says_so_once(tmp_path):
    path = tmp_path / "log-only.warc"
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=False)
        w.write_record(
            w.create_warc_record("https://news.example/", "request", payload=io.BytesIO(b"GET /"))
        )
        _bookkeeping(w)
    [item] = read([path])
    assert isinstance(item, Skipped) and item.origin == str(path)
    assert item.reason == (
        "no article in the WARC: no HTML response or HTML resource record "
        "(metadata 1, non-HTML resource 2, request 1, warcinfo 1)"
    )
