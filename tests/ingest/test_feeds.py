import pytest

from newsweave.errors import InputError
from newsweave.ingest import read
from newsweave.ingest.feeds import parse_feed
from newsweave.model import Document, PartialDate, Skipped


def test_rss_file(data):
    path = data / "wires.rss"
    first, second = read([path])
    assert first.id == "https://wire.example/talks#1"
    assert (first.title, first.url, first.source) == (
        "Talks resume in capital",
        "https://wire.example/talks",
        "Example Wire",
    )
    assert first.published == PartialDate(2023, 3, 8, 10, 15, 0, offset=60)
    assert first.text == "Negotiators met again on Wednesday.\n\nNo statement was issued."
    assert (first.dateline, first.declared_lang, first.origin) == ("Kyiv", "en", f"{path}#1")
    assert second.id == "wires-2" and second.origin == f"{path}#2"
    assert second.published is None and second.url is None


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>Nachrichten</title><id>tag:example,2023:feed</id>
<entry><id>tag:example,2023:1</id><title>Streik</title><updated>2023-03-08</updated>
<content type="html">&lt;p&gt;Heute wird an den Flughäfen gestreikt.&lt;/p&gt;</content></entry>
<entry><id>tag:example,2023:2</id><title>Leer</title><updated>2023-03</updated></entry>
</feed>""".encode()


def test_atom_entries_and_partial_dates():
    doc, empty = parse_feed(ATOM, name="n", origin="n.atom")
    assert isinstance(doc, Document) and isinstance(empty, Skipped)
    assert doc.id == "tag:example,2023:1" and doc.url is None  # a tag: URI is not a link
    assert doc.published == PartialDate(2023, 3, 8)  # not 00:00:00: the feed gave a day
    assert doc.declared_lang == "de"
    assert empty.reason == "entry 2: no text (neither content nor summary)"


def test_malformed_feed(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b'<?xml version="1.0"?><rss><channel><title>x</ti')
    [item] = read([path])
    assert isinstance(item, Skipped)
    assert item.reason.startswith("feed has no entries (not well-formed XML: ")


def test_feed_without_entries():
    with pytest.raises(InputError, match=r"feed has no entries$"):
        list(parse_feed(b"<rss><channel><title>x</title></channel></rss>", name="e", origin="e"))


def test_url_string_is_never_fetched(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    with pytest.raises(InputError):
        list(parse_feed(b"http://example.com/feed.xml", name="u", origin="u"))
