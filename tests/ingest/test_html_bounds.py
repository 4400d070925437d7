"""The work on one HTML page is bounded: a 4 MB page of 500,000 <p> costs little."""

import json
import subprocess
import sys
import time

from newsweave.ingest import read
from newsweave.ingest.html import MAX_PAGE_CHARS, MAX_PAGE_ELEMENTS, bound, html_to_text
from newsweave.model import Document, Skipped

ARTICLE = (
    "<p>The river burst its banks overnight and flooded the lower town, the mayor said on "
    "Tuesday, and more than two hundred families spent the night in the sports hall.</p>"
    "<p>Firefighters pumped water out of the hospital basement until dawn, while volunteers "
    "filled sandbags along the quay to protect the old market.</p>"
    "<p>The regional council will meet on Thursday to discuss emergency aid for the shops "
    "and farms that lost their stock.</p>"
)

# Runs in a fresh interpreter so that its peak memory is the page's, not the suite's.
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from newsweave.ingest import read
from newsweave.ingest.html import parse_html

page = "<html><body><article>" + sys.argv[2] + "</article></body></html>"
parse_html(page, id="warm", origin="warm")  # imports and first-call costs
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
items = list(read([Path(sys.argv[1])]))
elapsed = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "seconds": elapsed,
    "rss_mib": (after - before) / 1024,
    "items": [[type(i).__name__, getattr(i, "reason", None)] for i in items],
}))
"""


def _measure(path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), ARTICLE],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_page_of_500k_paragraphs_is_cheap(tmp_path):
    path = tmp_path / "bomb.html"
    path.write_text("<html><body>" + "<p>x</p>" * 500_000 + "</body></html>")
    figures = _measure(path)
    size = path.stat().st_size
    print(
        f"HTML bomb: {size / 1e6:.1f} MB, 500000 <p>: {figures['seconds']:.2f} s, "
        f"+{figures['rss_mib']:.0f} MiB peak RSS, {figures['items']}"
    )
    assert figures["seconds"] < 4.0  # about 1 s on an idle core
    assert figures["rss_mib"] < 128
    assert [kind for kind, _ in figures["items"]] == ["Skipped"]


def test_deep_nesting_is_cheap(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "deep" + "</div>" * 200_000)
    start = time.perf_counter()
    items = list(read([path]))
    elapsed = time.perf_counter() - start
    print(f"nested HTML: 200000 <div> deep in {elapsed:.2f} s: {items[0]}")
    assert elapsed < 3.0
    assert len(items) == 1


def test_an_article_before_a_flood_of_tags_is_kept(tmp_path):
    path = tmp_path / "flood.html"
    path.write_text(
        "<html><head><title>Flood</title></head><body><article>"
        + ARTICLE
        + "</article>"
        + "<span></span>" * 100_000
        + "</body></html>"
    )
    [doc] = read([path])
    assert isinstance(doc, Document)
    assert doc.text.startswith("The river burst its banks")
    cut = doc.extra["html_truncated"]
    assert cut["limit"] == "elements" and cut["page_chars"] == len(path.read_text())
    assert cut["read_chars"] < 20 * MAX_PAGE_ELEMENTS


def test_an_ordinary_page_is_not_cut(tmp_path):
    path = tmp_path / "long.html"
    path.write_text("<html><body><article>" + ARTICLE * 300 + "</article></body></html>")
    [doc] = read([path])
    assert "html_truncated" not in doc.extra
    assert doc.text.count("The river burst its banks") == 300


def test_bound():
    assert bound("<p>a</p>") == ("<p>a</p>", None)
    page = "<p>a</p>" * 10
    kept, cut = bound(page, max_elements=3)
    assert kept == "<p>a</p>" * 3
    assert cut == {"read_chars": 24, "page_chars": 80, "limit": "elements"}
    kept, cut = bound(page, max_chars=30)
    assert kept == "<p>a</p>" * 3 + "<p>a" and cut["limit"] == "characters"
    kept, cut = bound("x" * 50, max_chars=10)
    assert kept == "x" * 10
    assert MAX_PAGE_CHARS >= 1_000_000


def test_a_huge_feed_summary_is_bounded():
    start = time.perf_counter()
    text = html_to_text("<p>Talks resumed.</p>" + "<b></b>" * 400_000)
    elapsed = time.perf_counter() - start
    print(f"feed summary of 400000 tags: {elapsed:.2f} s")
    assert text == "Talks resumed." and elapsed < 1.5


def test_skip_reason_is_one_line(tmp_path):
    path = tmp_path / "empty_paras.html"
    path.write_text("<html><body>" + "<p></p>" * 50_000 + "</body></html>")
    [item] = read([path])
    assert isinstance(item, Skipped) and "\n" not in item.reason
