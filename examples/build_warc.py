#!/usr/bin/env python3
"""Build a WARC archive of HTML pages for the newsweave sample corpus.

Usage:
    python examples/build_warc.py --src examples/warc_src/quake \
        --out examples/corpus/quake/quake-pages.warc.gz

SRC must contain the HTML files plus a ``urls.json`` that maps each file
name to the page URL (which becomes WARC-Target-URI and the document id).
A value may be a plain URL string or an object
``{"url": "...", "date": "2023-02-10T08:15:00Z"}``; ``date`` is used for the
WARC-Date and the HTTP Date header (default: a fixed 2023 date, so the
output is reproducible apart from record ids).
"""
import argparse
import json
import sys
from email.utils import format_datetime
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_DATE = "2023-03-31T00:00:00Z"


def parse_entry(value):
    if isinstance(value, str):
        return value, DEFAULT_DATE
    return value["url"], value.get("date", DEFAULT_DATE)


def build(src: Path, out: Path) -> int:
    mapping = json.loads((src / "urls.json").read_text(encoding="utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name in sorted(mapping):
            url, date = parse_entry(mapping[name])
            body = (src / name).read_bytes()
            dt = datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Date", format_datetime(dt, usegmt=True)),
                    ("Server", "nginx"),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
            count += 1
    return count


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True, type=Path, help="folder with HTML files and urls.json")
    ap.add_argument("--out", required=True, type=Path, help="output .warc.gz file")
    args = ap.parse_args(argv)
    n = build(args.src, args.out)
    print(f"wrote {n} response records to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
