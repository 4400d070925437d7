"""Property tests: the parsers meet arbitrary input without raising."""

import contextlib
import io
import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.ingest.decode import decode
from newsweave.ingest.jsonl import parse_line
from newsweave.ingest.metadata import extract, parse_date
from newsweave.model import Document, PartialDate, Skipped

FAST = settings(max_examples=150, deadline=None)

# Text decode() returns unchanged: NFC, no controls but tab/newline, no CR, no leading BOM.
clean_text = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
        | st.sampled_from("\n\t"),
    )
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: not s.startswith("\ufeff"))
)

date_like = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}( \d{1,2}:\d{2}(:\d{2})?)?", fullmatch=True),
    st.builds(
        lambda d, m, y: f"{d} {m} {y}",
        st.integers(0, 40),
        st.sampled_from(["March", "mars", "März", "marzo", "dez.", "Feb", "août"]),
        st.integers(1700, 2300),
    ),
)


@FAST
@given(st.binary(max_size=300))
def test_decode_raises_only_input_error(data):
    with contextlib.suppress(InputError):
        assert isinstance(decode(data), str)


@FAST
@given(clean_text, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_decode_round_trips(text, encoding):
    assert decode(text.encode(encoding)) == text


@FAST
@given(st.text(max_size=300))
def test_extract_never_raises_and_never_grows(text):
    body, meta = extract(text)
    assert len(body) <= len(text)
    assert set(meta) <= {"published", "dateline", "source", "month_day"}


@FAST
@given(date_like)
def test_parse_date_round_trips(value):
    result = parse_date(value)
    if result is not None:
        assert PartialDate.parse(str(result)) == result


@FAST
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_jsonl_line_never_raises(line):
    item = parse_line(line, number=1, name="p", origin="p.jsonl")
    assert item is None or isinstance(item, Document | Skipped)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["id", "title", "text", "body", "url", "published", "date", "lang"]),
        st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=40), st.booleans()),
    )
)
def test_jsonl_records_never_raise(record):
    import json

    item = parse_line(json.dumps(record), number=2, name="p", origin="p.jsonl")
    assert isinstance(item, Document | Skipped)


# -- issue 10: readers over whole files, decoding by the evidence ---------------

ARTICLES = [
    "Dockworkers in Hamburg ended a three-day strike on Tuesday after the port raised wages.",
    "Les dockers du Havre ont repris le travail mardi après trois jours de grève.",
    "Die Hafenarbeiter in Bremen beendeten am Dienstag ihren dreitägigen Streik.",
]
_MAGIC = (b"%PDF-", b"GIF8")


def _encodable(value):
    if isinstance(value, str):
        value.encode("utf-8")  # raises on a lone surrogate


def _check_item(item):
    assert isinstance(item, Document | Skipped)
    if isinstance(item, Skipped):
        _encodable(item.origin)
        _encodable(item.reason)
        assert "\n" not in item.reason and "\n" not in item.origin
    else:
        for value in (item.id, item.text, item.title, item.origin, item.url, item.source):
            _encodable(value)


@FAST
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "utf-16", "cp1252", "koi8-r"]))
def test_decode_output_is_always_storable(data, declared):
    try:
        text = decode(data, declared=declared)
    except InputError:
        return
    text.encode("utf-8")
    assert "\r" not in text and "\x00" not in text


@FAST
@given(clean_text, clean_text, st.sampled_from([b"\xff", b"\xe9", b"\x93", b"\xc3"]))
def test_one_invalid_byte_is_repaired_in_place(before, after, bad):
    data = before.encode() + bad + after.encode()
    if data.startswith(_MAGIC):
        return
    expected = unicodedata.normalize("NFC", before + bad.decode("cp1252") + after)
    assert decode(data) == expected


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
surrogate_escape = st.integers(0xD800, 0xDFFF).map(lambda c: f"\\u{c:04x}")
good_line = st.builds(
    lambda text, sur, title: json.dumps({"text": text, "title": title}).replace("TITLE", sur),
    st.sampled_from(ARTICLES),
    surrogate_escape,
    st.sampled_from(["TITLE", "plain"]),
)
bad_line = st.one_of(
    json_value.map(json.dumps),
    st.text(max_size=60).filter(lambda s: "\n" not in s and "\r" not in s),
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b),
)


@FAST
@given(
    st.lists(st.tuples(st.booleans(), good_line, bad_line), max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.integers(0, 3),
    st.booleans(),
)
def test_jsonl_files_never_raise_and_keep_every_good_line(rows, newline, blanks, compress):
    import gzip
    import tempfile
    from pathlib import Path

    from newsweave.ingest import read

    chunks, good_numbers, number = [], [], 0
    for is_good, good, bad in rows:
        for _ in range(blanks):
            chunks.append(newline.encode())
            number += 1
        line = good if is_good else bad
        data = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
        chunks.append(data + newline.encode())
        number += 1
        if is_good:
            good_numbers.append(number)
    raw = b"".join(chunks)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("f.jsonl.gz" if compress else "f.jsonl")
        path.write_bytes(gzip.compress(raw) if compress else raw)
        items = list(read([path]))
    for item in items:
        _check_item(item)
    assert items, "a file always yields an item or says why it did not"
    docs = {int(i.origin.rsplit(":", 1)[1]) for i in items if isinstance(i, Document)}
    assert set(good_numbers) <= docs


def _sample_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    w.write_record(w.create_warcinfo_record("p.warc", {"software": "test"}))
    for n, text in enumerate(ARTICLES):
        uri = f"https://news.example/{n}"
        w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET /")))
        page = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                uri, "response", payload=io.BytesIO(page.encode()), http_headers=headers
            )
        )
    return out.getvalue()


SAMPLE_WARC = _sample_warc()
WARC_SETTINGS = settings(max_examples=60, deadline=None)


def _read_warc(data: bytes, name: str = "p.warc"):
    import tempfile
    from pathlib import Path

    from newsweave.ingest import read

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read([path]))


@WARC_SETTINGS
@given(st.integers(0, len(SAMPLE_WARC)), st.booleans())
def test_warc_cut_anywhere_reports_at_most_once(cut, compress):
    import gzip

    data = SAMPLE_WARC[:cut]
    items = _read_warc(gzip.compress(data) if compress and data else data)
    for item in items:
        _check_item(item)
    assert items, "a WARC always yields a document or says why it did not"
    assert sum(isinstance(i, Skipped) for i in items) <= 1
    ids = [i.id for i in items if isinstance(i, Document)]
    assert ids == [f"https://news.example/{n}" for n in range(len(ids))]


@WARC_SETTINGS
@given(st.integers(0, len(SAMPLE_WARC)), st.binary(min_size=1, max_size=80))
def test_warc_with_garbage_spliced_in_never_raises(at, garbage):
    items = _read_warc(SAMPLE_WARC[:at] + garbage + SAMPLE_WARC[at:])
    for item in items:
        _check_item(item)
    assert items
