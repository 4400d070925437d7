"""Junk is not an article: too little language-bearing text is skipped with a reason."""

import json

import pytest

from newsweave.errors import InputError
from newsweave.ingest import read
from newsweave.ingest.assemble import junk, make_document
from newsweave.ingest.feeds import parse_feed
from newsweave.model import Document, Skipped


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("x", "not an article: 1 letter, too little text"),
        ("ok", "not an article: 2 letters, too little text"),
        ("<<<<>>>>", "not an article: no letters, only symbols, digits or emoji"),
        ("🔥🔥🔥 👍👍", "not an article: no letters, only symbols, digits or emoji"),
        ("12345 678 90", "not an article: no letters, only symbols, digits or emoji"),
        ("a b c d e f", "not an article: no word of two letters or more"),
        ("🔥" * 200 + " Breaking", "not an article: 8 letters in 208 characters, mostly "
         "symbols, digits or emoji"),
    ],
    ids=["one", "two", "brackets", "emoji", "digits", "letters", "mostly-emoji"],
)  # fmt: skip
def test_junk_is_named(text, reason):
    assert junk(text) == reason
    with pytest.raises(InputError, match="not an article: "):
        make_document(text, id="j", origin="j")


@pytest.mark.parametrize(
    "text",
    [
        "Talks resumed.",
        "short",
        "Streik.",
        "Grève à Lyon",
        "Киев",
        "محادثات",
        "DAX 15.234,56 +0,3%; CAC 7.123,45 -0,1%; FTSE 7.801,22 +0,2%; Dow 33.456,78 -0,4%",
        "🔥 Breaking: the bridge is closed after the storm.",
    ],
)
def test_short_real_text_is_an_article(text):
    assert junk(text) is None
    assert make_document(text, id="a", origin="a").text


def test_junk_files_are_skipped_with_one_reason_each(tmp_path):
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "brackets.txt").write_text("<<<<>>>>")
    (tmp_path / "emoji.md").write_text("😀😀😀😀\n\n🎉🎉")
    (tmp_path / "real.txt").write_text("Talks resumed in Geneva on Monday.")
    (tmp_path / "lines.jsonl").write_text(
        "".join(json.dumps({"text": t}) + "\n" for t in ("•", "Talks resumed.", "✓✓✓"))
    )
    items = list(read([tmp_path]))
    docs = sorted(i.origin for i in items if isinstance(i, Document))
    skipped = sorted((i.origin, i.reason) for i in items if isinstance(i, Skipped))
    print(f"junk: {len(skipped)} skipped, {len(docs)} stored")
    assert docs == [f"{tmp_path}/lines.jsonl:2", f"{tmp_path}/real.txt"]
    assert [origin for origin, _ in skipped] == [
        f"{tmp_path}/brackets.txt",
        f"{tmp_path}/emoji.md",
        f"{tmp_path}/lines.jsonl:1",
        f"{tmp_path}/lines.jsonl:3",
        f"{tmp_path}/one.txt",
    ]
    assert all("not an article: " in reason for _, reason in skipped)


def test_a_feed_entry_of_emoji_is_skipped():
    feed = (
        "<rss><channel><title>W</title>"
        "<item><title>Mood</title><description>👍👍👍</description></item>"
        "<item><title>News</title><description>Talks resumed in Geneva.</description></item>"
        "</channel></rss>"
    ).encode()
    first, second = parse_feed(feed, name="w", origin="w.rss")
    assert isinstance(first, Skipped) and first.reason.startswith("entry 1: not an article: ")
    assert isinstance(second, Document)
