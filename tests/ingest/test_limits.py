"""Bounds on what one file may cost: bombs, floods and runaway lines end as one skip line."""

import gzip
import io
import json
import time
import tracemalloc

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.ingest import Limits, read
from newsweave.model import Document, Skipped

MiB = 1 << 20
ARTICLE = "Dockworkers in Hamburg ended a three-day strike on Tuesday after the port raised wages."


def _zeros_gz(mib: int) -> bytes:
    """`mib` MiB of NUL bytes as concatenated gzip members: about 1 kB per MiB."""
    return gzip.compress(b"\0" * MiB) * mib


def _measured(paths, **kwargs):
    """Items, seconds and peak traced memory. The time is taken apart from the memory:
    tracemalloc slows Python code several times over."""
    t = time.perf_counter()
    items = list(read(paths, **kwargs))
    seconds = time.perf_counter() - t
    tracemalloc.start()
    assert list(read(paths, **kwargs)) == items
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return items, seconds, peak


def test_nul_bombs(tmp_path):
    """2 MB of gzip holding 2 GiB of NUL bytes, as JSONL and as WARC."""
    bomb = _zeros_gz(2048)
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    (tmp_path / "bomb.warc.gz").write_bytes(bomb)
    items, seconds, peak = _measured([tmp_path])
    print(
        f"\n2 GiB NUL bombs in {len(bomb) / 1e6:.1f} MB of gzip: {seconds:.2f} s, peak {peak / MiB:.0f} MiB"
    )
    assert [(type(i), i.reason) for i in items] == [
        (Skipped, "binary content (NUL bytes)"),
        (
            Skipped,
            "WARC headers after byte 0 run past 1 MB without a record: the rest of the file "
            "is not read",
        ),
    ]
    assert seconds < 2 and peak < 64 * MiB


def test_huge_warc_header_line(tmp_path):
    path = tmp_path / "header.warc"
    with path.open("wb") as f:
        f.write(
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\nX-Pad: "
        )
        f.truncate(1 << 30)  # sparse: a 1 GiB header line costs no disk
    items, seconds, peak = _measured([path])
    print(f"\n1 GiB WARC header line: {seconds:.2f} s, peak {peak / MiB:.0f} MiB")
    [item] = items
    assert item.reason.startswith("WARC headers after byte 0 run past 1 MB")
    assert seconds < 2 and peak < 64 * MiB


def test_blank_line_flood_is_cheap(tmp_path):
    """16 kB of gzip, 16 million newlines (69 s before), and one article among them."""
    flood = b"\n" * 8_000_000
    path = tmp_path / "flood.jsonl.gz"
    path.write_bytes(gzip.compress(flood + json.dumps({"text": ARTICLE}).encode() + b"\n" + flood))
    empty = tmp_path / "empty.jsonl.gz"
    empty.write_bytes(gzip.compress(b"\n \r\n\t" * 4_000_000))
    t = time.perf_counter()
    items = list(read([tmp_path]))
    seconds = time.perf_counter() - t
    print(f"\n32 million blank lines: {seconds:.2f} s")
    assert [type(i) for i in items] == [Skipped, Document]
    assert items[0].reason == "no JSON lines, only blank space (8,000,000 newlines)"
    assert items[1].origin == f"{path}:8000001"
    assert seconds < 3


def test_bad_line_flood_is_capped_and_abandoned(tmp_path):
    """2.9 kB of gzipped `{}` lines wrote a million skip rows and stderr lines before."""
    path = tmp_path / "objects.jsonl.gz"
    path.write_bytes(gzip.compress(b"{}\n" * 1_000_000, compresslevel=9))
    items, seconds, _ = _measured([path])
    print(
        f"\n1,000,000 '{{}}' lines in {path.stat().st_size} bytes: {len(items)} skip lines, {seconds:.2f} s"
    )
    assert len(items) == 22
    assert [i.reason for i in items[:2]] == ["line 1: no 'text' field", "line 2: no 'text' field"]
    assert items[20].reason == (
        "10,000 unreadable lines in a row, up to line 10000: the rest of the file is not read"
    )
    assert items[21].reason == (
        "9,980 more items skipped in this file, not listed one by one "
        "(most often, 9,980 times: no 'text' field)"
    )
    assert seconds < 2


def test_good_lines_reset_the_bad_run(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = []
    for n in range(30):
        lines += ["{}"] * 4 + [json.dumps({"text": f"{ARTICLE} Day {n}."})]
    path.write_text("\n".join(lines) + "\n")
    items = list(read([path], limits=Limits(max_bad_run=5, max_skip_reports=3)))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(docs) == 30
    assert len(skipped) == 4 and skipped[-1].reason.startswith("117 more items skipped")


def test_line_count_limit(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"{ARTICLE} {n}"}) + "\n" for n in range(10)))
    items = list(read([path], limits=Limits(max_lines=4)))
    assert [type(i) for i in items] == [Document] * 4 + [Skipped]
    assert items[-1].reason == "over 4 lines: the rest of the file is not read"


def test_decompression_ratio_limit(tmp_path):
    """A compressed file may expand to `max_ratio` times its size (or `max_bytes`)."""
    line = json.dumps({"text": ARTICLE}).encode() + b"\n"
    path = tmp_path / "repeat.jsonl.gz"
    path.write_bytes(gzip.compress(line * 20_000))  # identical lines: ratio in the hundreds
    limits = Limits(max_bytes=10_000, max_ratio=20, max_bad_run=10**9)
    items = list(read([path], limits=limits))
    last = items[-1]
    assert isinstance(last, Skipped) and last.origin == str(path)
    assert last.reason.startswith("file decompresses to more than ")
    assert last.reason.endswith("(20 times its size or 10 kB): the rest is not read")
    read_docs = sum(isinstance(i, Document) for i in items)
    assert 0 < read_docs * len(line) <= 20 * path.stat().st_size


def test_over_long_line_is_skipped_not_held(tmp_path):
    path = tmp_path / "long.jsonl"
    with path.open("wb") as f:
        f.write(json.dumps({"text": ARTICLE}).encode() + b"\n")
        f.write(b'{"text": "' + b"x" * 30_000_000 + b'"}\n')
        f.write(json.dumps({"text": ARTICLE + " Again."}).encode() + b"\n")
    items, seconds, peak = _measured([path])
    print(f"\n30 MB JSONL line: {seconds:.2f} s, peak {peak / MiB:.0f} MiB")
    assert [type(i) for i in items] == [Document, Skipped, Document]
    assert items[1].reason == "line 2: line is 30 MB, over the 20 MB limit"
    assert items[2].origin.endswith(":3")
    assert peak < 64 * MiB


def _warc_with_gzip_bomb(path):
    """One HTML response whose body is a small gzip (Content-Encoding) of 64 MiB."""
    body = gzip.compress(b"<p>" + b" " * (64 * MiB) + b"</p>")
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            protocol="HTTP/1.1",
        )
        w.write_record(
            w.create_warc_record(
                "https://x.example/bomb", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )


def test_record_payload_bomb(tmp_path):
    path = tmp_path / "encoded.warc"
    _warc_with_gzip_bomb(path)
    items, seconds, peak = _measured([path])
    print(
        f"\n64 MiB Content-Encoding bomb in a WARC record: {seconds:.2f} s, peak {peak / MiB:.0f} MiB"
    )
    [item] = items
    assert item.reason == "record decompresses to more than 20 MB"
    # The 20 MB read, and what warcio inflates from one 16 kB block (up to 1000:1).
    assert peak < 128 * MiB
