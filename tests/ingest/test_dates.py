"""One date check on every path: impossible and absurd dates never reach a Document.

Each case names the path it comes by (JSONL field, page meta, feed element,
header line, dateline, wire line) and what is kept of it, at its true precision.
"""

import json
from datetime import date

import pytest

from newsweave.ingest import read
from newsweave.ingest.assemble import make_document
from newsweave.ingest.feeds import parse_feed
from newsweave.ingest.html import parse_html
from newsweave.ingest.metadata import extract, parse_date, valid_date, valid_month_day
from newsweave.model import Document, PartialDate

BODY = "The council met on Tuesday and approved the budget after a long debate."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # an impossible part drops that part and what follows it
        ("2023-00-10", "2023"),
        ("2023-05-00", "2023-05"),
        ("2023-00-00", "2023"),
        ("2023-00", "2023"),
        ("2023-02-30", "2023-02"),
        ("2023-13-01", "2023"),
        ("2023-02-29", "2023-02"),  # not a leap year
        ("2024-02-29", "2024-02-29"),
        ("2023-02-30T10:00:00Z", "2023-02"),
        ("2023-03-08T25:00", "2023-03-08"),
        ("2023-03-08T10:61:00+01:00", "2023-03-08"),
        ("Thu, 30 Feb 2023 10:00:00 GMT", "2023-02"),
        ("30 février 2023", "2023-02"),
        ("0 March 2023", "2023-03"),
        ("31.04.2023", "2023-04"),
        # ISO week dates: the day they name, never 2023-09-03
        ("2023-W09-3", "2023-03-01"),
        ("2023W093", "2023-03-01"),
        ("2020-W53-5", "2021-01-01"),
        ("2023-W10", "2023-03"),  # 6 to 12 March
        ("2023-W09", "2023"),  # 27 February to 5 March
        ("2023-W54-1", "2023"),
        ("2023-W09-8", "2023"),
        # ordinal dates
        ("2023-060", "2023-03-01"),
        ("2024-366", "2024-12-31"),
        ("2023-366", "2023"),
        # what stays as it was
        ("2023-03-08T10:00:00+01:00", "2023-03-08T10:00:00+01:00"),
        ("2023-03-08T10:00:00+01", "2023-03-08T10:00:00+01:00"),
        ("2023-03-08T10:00:00.250Z", "2023-03-08T10:00:00+00:00"),
    ],
)
def test_impossible_parts_are_dropped(value, expected):
    assert str(parse_date(value)) == expected


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "9999-12-31T23:59:59Z",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "0001-01-01",
        "0000-00-00",
        "1066-10-14",
        "1799-12-31",
        "2150-06-01",
        "8 March 2199",
        "2199-W10-1",
        "2099-060",
    ],
)
def test_absurd_years_drop_the_date(value):
    assert parse_date(value) is None


def test_the_window_follows_the_calendar():
    today = date(2026, 12, 3)
    assert valid_date(PartialDate(2027, 12, 31), today=today) == PartialDate(2027, 12, 31)
    assert valid_date(PartialDate(2028, 1, 1), today=today) is None
    assert valid_date(PartialDate(1800, 1, 1), today=today) == PartialDate(1800, 1, 1)
    assert valid_date(PartialDate(1799, 12, 31), today=today) is None


def test_valid_date_keeps_a_prefix():
    assert valid_date(PartialDate(2023, 3, 8, 10, 0, 0)) == PartialDate(2023, 3, 8, 10, 0, 0)
    assert valid_date(PartialDate(2023, 3, 8, 24, 0, 0)) == PartialDate(2023, 3, 8)
    assert valid_date(PartialDate(2023, 3, 8, 10, 0, 60)) == PartialDate(2023, 3, 8)
    assert valid_date(PartialDate(2023, None, 8)) == PartialDate(2023)
    assert valid_date(PartialDate(2023, 4, 31)) == PartialDate(2023, 4)
    assert valid_date(None) is None
    assert valid_month_day((2, 29)) == (2, 29)
    assert valid_month_day((2, 30)) is None and valid_month_day((0, 5)) is None


def test_partial_date_parse_refuses_zero_parts():
    # the store reads dates back through PartialDate.parse: 00 is no month
    assert PartialDate.parse("2023-00-10") is None
    assert PartialDate.parse("2023-05-00") is None
    assert PartialDate.parse("2023-05") == PartialDate(2023, 5)


# -- every path -----------------------------------------------------------------


def _jsonl(tmp_path, records):
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return [item for item in read([path]) if isinstance(item, Document)]


def test_jsonl_fields(tmp_path):
    values = ["2023-00-10", "2023-05-00", "9999-12-31", "2023-W09-3", "2023-02-30"]
    docs = _jsonl(tmp_path, [{"id": v, "text": BODY, "published": v} for v in values])
    assert [str(d.published) for d in docs] == ["2023", "2023-05", "None", "2023-03-01", "2023-02"]


def test_container_dates_are_checked_in_make_document():
    doc = make_document(BODY, id="x", origin="x", published=PartialDate(2023, 0, 10))
    assert doc.published == PartialDate(2023)
    doc = make_document(BODY, id="x", origin="x", published=PartialDate(9999, 12, 31))
    assert doc.published is None
    doc = make_document(BODY, id="x", origin="x", month_day=(2, 30))
    assert doc.published is None and "dateline_month_day" not in doc.extra


def _page(meta: str) -> str:
    return (
        f'<html><head><meta property="article:published_time" content="{meta}">'
        "<title>Budget</title></head><body><article>"
        f"<p>{BODY} The vote was close, and the opposition said it would appeal.</p>"
        f"<p>{BODY}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("meta", "expected"),
    [("2023-00-10", "2023"), ("2023-05-00T10:00:00Z", "2023-05"), ("9999-12-31", "None")],
)
def test_html_meta(meta, expected):
    assert str(parse_html(_page(meta), id="p", origin="p.html").published) == expected


def _rss(date_element: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Budget</title><description>{BODY}</description>{date_element}"
        "</item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ("<pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate>", "None"),
        ("<pubDate>9999-12-31T00:00:00Z</pubDate>", "None"),
        ("<pubDate>Thu, 30 Feb 2023 10:00:00 GMT</pubDate>", "2023-02"),
        ("<pubDate>2023-00-10</pubDate>", "2023"),
        ("<pubDate>2023-W09-3</pubDate>", "2023-03-01"),
        ("<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate>", "None"),
        ("<pubDate>Wed, 08 Mar 2023 10:15:00 +0100</pubDate>", "2023-03-08T10:15:00+01:00"),
    ],
)
def test_feed_dates(element, expected):
    [doc] = parse_feed(_rss(element), name="w", origin="w.rss")
    assert str(doc.published) == expected


def test_atom_updated_far_in_the_future():
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        "<entry><id>tag:x,2023:1</id><title>T</title><updated>9999-12-31T23:59:59Z</updated>"
        f'<content type="text">{BODY}</content></entry></feed>'
    ).encode()
    [doc] = parse_feed(atom, name="f", origin="f.atom")
    assert doc.published is None


def test_header_lines():
    assert extract(f"date: 2023-W09-3\n{BODY}")[1]["published"] == PartialDate(2023, 3, 1)
    assert extract(f"date: 2023-05-00\n{BODY}")[1]["published"] == PartialDate(2023, 5)
    # a header with an absurd date is still a header: the line goes, the date too
    assert extract(f"date: 9999-12-31\n{BODY}") == (BODY, {})
    assert extract(f"Date: 2023-02-30T10:00:00Z\n{BODY}")[1]["published"] == PartialDate(2023, 2)


def test_datelines():
    body, meta = extract(f"KYIV, February 30, 2023 (Reuters) - {BODY}")
    assert body == BODY and meta["published"] == PartialDate(2023, 2)
    body, meta = extract(f"KYIV, February 30 (Reuters) - {BODY}")
    assert body == BODY and "month_day" not in meta and meta["dateline"] == "Kyiv"
    body, meta = extract(f"KYIV, March 8, 2150 (Reuters) - {BODY}")
    assert body == BODY and "published" not in meta and meta["dateline"] == "Kyiv"
    # a year-less dateline dated by a header: 29 February only in a leap year
    assert extract(f"date: 2024\nKYIV, February 29 (Reuters) - {BODY}")[1][
        "published"
    ] == PartialDate(2024, 2, 29)
    assert extract(f"date: 2023\nKYIV, February 29 (Reuters) - {BODY}")[1][
        "published"
    ] == PartialDate(2023, 2)


def test_wire_lines():
    _, meta = extract(f"{BODY}\n02/30/2023 – New York (AP)")
    assert meta["published"] == PartialDate(2023, 2)
    _, meta = extract(f"{BODY}\n13/13/2023 – New York (AP)")
    assert meta["published"] == PartialDate(2023)


def test_warc_page_meta(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "dates.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://news.example/budget",
            "response",
            payload=BytesIO(_page("2023-00-10").encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    [doc] = read([path])
    assert doc.published == PartialDate(2023)
