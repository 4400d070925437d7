"""Real web pages through the real readers: title, publication date and main text,
beside bare trafilatura and htmldate on the same bytes.

    python eval/ingest.py                      # the three dev sets in ../shared/eval/html
    python eval/ingest.py --set mediacloud     # one set: trafilatura | bbaw | mediacloud
    python eval/ingest.py --limit 50 --errors 10   # + 10 misses of each kind, peers beside
    python eval/ingest.py --json

Each page is written back to the bytes it came as (its `html` encoded in its
`html_encoding`) and wrapped in a WARC response record carrying its URL and no
charset, so newsweave reads it the way it reads a crawl: `newsweave.ingest.read`
sniffs the charset, extracts the article, its title and its date. The peers
get the same bytes and the same URL: `trafilatura.bare_extraction(...,
with_metadata=True)` and `htmldate.find_date(...)` with their defaults,
which is what a user would otherwise call.

Scored as the set's README says:
- title: exact (after collapsing spaces) and partial (one contains the other,
  case folded), over pages with a gold title;
- date: same-day accuracy over pages with a gold date; "invented" is the share
  of pages whose gold says they have no date that got one anyway;
- with: share of `with` snippets found in the main text (spaces collapsed);
  without: share of `without` snippets found there (boilerplate leakage);
- pages/s: wall time of each tool over the set, one process.

The pages are third-party: they are read from ../shared/eval/html at run time
and nothing of them is written into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "html"
SETS = {
    "trafilatura": "trafilatura.jsonl.gz",
    "bbaw": "htmldate_bbaw.jsonl.gz",
    "mediacloud": "htmldate_mediacloud.jsonl.gz",
}


def load(name: str, limit: int | None = None) -> list[dict[str, Any]]:
    with gzip.open(DATA / SETS[name], "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    return pages[:limit] if limit else pages


def page_bytes(page: dict[str, Any]) -> bytes:
    """The page as it came: its text in its own encoding (unencodable characters as
    character references, which every HTML parser reads back)."""
    encoding = page.get("html_encoding") or "utf-8"
    try:
        return page["html"].encode(encoding, errors="xmlcharrefreplace")
    except LookupError:
        return page["html"].encode("utf-8")


def _uris(pages: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, page in enumerate(pages):
        uri = page.get("url") or f"https://example.invalid/page/{i}"
        n = seen.get(uri, 0)
        seen[uri] = n + 1
        out.append(uri if n == 0 else f"{uri}#dup{n}")
    return out


def write_warc(pages: list[dict[str, Any]], uris: list[str], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for page, uri in zip(pages, uris, strict=True):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(page_bytes(page)), http_headers=headers
            )
            writer.write_record(record)


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


class Tally:
    def __init__(self) -> None:
        self.n: dict[str, float] = {}

    def add(self, key: str, value: float = 1.0) -> None:
        self.n[key] = self.n.get(key, 0.0) + value

    def share(self, hit: str, total: str) -> float | None:
        return self.n.get(hit, 0.0) / self.n[total] if self.n.get(total) else None


def score(pages: list[dict[str, Any]], found: list[dict[str, Any] | None], t: Tally) -> None:
    for page, got in zip(pages, found, strict=True):
        got = got or {}
        title, date, text = got.get("title"), got.get("date"), _collapse(got.get("text"))
        if page.get("title"):
            t.add("titles")
            gold, mine = _collapse(page["title"]), _collapse(title)
            t.add("title_exact", gold == mine)
            g, m = gold.casefold(), mine.casefold()
            t.add("title_partial", bool(m) and (g in m or m in g))
        if "date" in page:
            if page["date"]:
                t.add("dated")
                t.add("date_same_day", (date or "")[:10] == page["date"][:10])
            else:
                t.add("undated")
                t.add("date_invented", bool(date))
        for snippet in page.get("with") or []:
            t.add("with")
            t.add("with_found", _collapse(snippet) in text)
        for snippet in page.get("without") or []:
            t.add("without")
            t.add("without_found", _collapse(snippet) in text)


def run_newsweave(pages: list[dict[str, Any]], uris: list[str]) -> list[dict[str, Any] | None]:
    from newsweave.ingest import read
    from newsweave.model import Document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.warc"
        write_warc(pages, uris, path)
        by_uri: dict[str, dict[str, Any]] = {}
        for item in read([path]):
            if isinstance(item, Document) and item.url:
                by_uri[item.url] = {
                    "title": item.title,
                    "date": item.published.isoformat() if item.published else None,
                    "text": item.text,
                }
    # The WARC writer percent-encodes spaces in an address: look pages up the same way.
    return [by_uri.get(uri) or by_uri.get(uri.replace(" ", "%20")) for uri in uris]


def run_trafilatura(pages: list[dict[str, Any]], uris: list[str]) -> list[dict[str, Any] | None]:
    import trafilatura

    out: list[dict[str, Any] | None] = []
    for page, uri in zip(pages, uris, strict=True):
        result = trafilatura.bare_extraction(page_bytes(page), url=uri, with_metadata=True)
        out.append(result.as_dict() if result is not None else None)
    return out


def run_htmldate(pages: list[dict[str, Any]], uris: list[str]) -> list[dict[str, Any] | None]:
    from htmldate import find_date

    return [
        {"date": find_date(page_bytes(page), url=uri)}
        for page, uri in zip(pages, uris, strict=True)
    ]


TOOLS = {"newsweave": run_newsweave, "trafilatura": run_trafilatura, "htmldate": run_htmldate}
FIGURES = (
    ("title exact", "title_exact", "titles"),
    ("title partial", "title_partial", "titles"),
    ("date same day", "date_same_day", "dated"),
    ("date invented", "date_invented", "undated"),
    ("with recall", "with_found", "with"),
    ("without leakage", "without_found", "without"),
)


def evaluate(names: list[str], limit: int | None, errors: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in names:
        pages = load(name, limit)
        uris = _uris(pages)
        result[name] = {"pages": len(pages)}
        by_tool: dict[str, list[dict[str, Any] | None]] = {}
        for tool, run in TOOLS.items():
            started = time.perf_counter()
            found = by_tool[tool] = run(pages, uris)
            seconds = time.perf_counter() - started
            tally = Tally()
            score(pages, found, tally)
            figures = {label: tally.share(hit, total) for label, hit, total in FIGURES}
            if tool == "htmldate":  # dates only
                figures = {k: v if k.startswith("date") else None for k, v in figures.items()}
            figures["pages/s"] = len(pages) / seconds if seconds else None
            result[name][tool] = figures
        if errors:
            print(f"\n{name}: newsweave's misses (peers beside)", file=sys.stderr)
            _print_errors(pages, by_tool, errors)
    return result


def _title_right(gold: str, title: str | None) -> bool:
    g, m = _collapse(gold).casefold(), _collapse(title).casefold()
    return bool(m) and (g in m or m in g)


def _print_errors(
    pages: list[dict[str, Any]], by_tool: dict[str, list[dict[str, Any] | None]], n: int
) -> None:
    """Up to `n` misses of each kind (date, title, `with` missed, `without` leaked),
    with what the peers read for the same page."""
    shown = {"date": 0, "title": 0, "with": 0, "without": 0}
    for i, page in enumerate(pages):
        got = {tool: found[i] or {} for tool, found in by_tool.items()}
        mine = got["newsweave"]
        misses: list[tuple[str, str, str]] = []
        if "date" in page and (mine.get("date") or "")[:10] != (page["date"] or "")[:10]:
            misses.append(("date", str(page["date"]), "date"))
        if page.get("title") and not _title_right(page["title"], mine.get("title")):
            misses.append(("title", page["title"], "title"))
        text = _collapse(mine.get("text"))
        misses += [("with", s, "text") for s in page.get("with") or [] if _collapse(s) not in text]
        misses += [("without", s, "text") for s in page.get("without") or []
                   if _collapse(s) in text]  # fmt: skip
        for kind, gold, field in misses:
            if shown[kind] >= n:
                continue
            shown[kind] += 1
            if field == "text":
                verdicts = [f"{tool} {'has' if _collapse(gold) in _collapse(g.get('text')) else 'no'}"
                            for tool, g in got.items() if tool != "htmldate"]  # fmt: skip
                print(f"  {page['id']}: {kind} {gold[:70]!r}  [{', '.join(verdicts)}]",
                      file=sys.stderr)  # fmt: skip
                continue
            peers = "; ".join(
                f"{tool} {str(g.get(field))[:60]!r}" for tool, g in got.items()
                if field == "date" or tool != "htmldate"
            )  # fmt: skip
            print(f"  {page['id']}: {kind} gold {gold[:60]!r}  [{peers}]", file=sys.stderr)


def _cell(value: float | None, pct: bool = True) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}" if pct else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="default: all")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument(
        "--errors", type=int, default=0,
        help="print N misses of each kind (date, title, with, without) per set, peers beside",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"no evaluation data at {DATA}", file=sys.stderr)
        return 2
    result = evaluate(args.set or list(SETS), args.limit, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name, by_tool in result.items():
        print(f"\n{name} ({by_tool['pages']} pages)   newsweave / trafilatura / htmldate, in %")
        for label, _, _ in FIGURES:
            cells = [_cell(by_tool[tool][label]) for tool in TOOLS]
            if all(c == "-" for c in cells):
                continue
            print(f"  {label:16} {' / '.join(cells)}")
        speeds = [_cell(by_tool[tool]["pages/s"], pct=False) for tool in TOOLS]
        print(f"  {'pages/s':16} {' / '.join(speeds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
