"""Feeds never resolve external entities nor expand entity bombs, and their cost is bounded.

Every feed here is written for the test; the external ones point at a file
and at a local socket the test owns, so a resolved entity would show.
"""

import socket
import threading
import time

import pytest

from newsweave.errors import InputError
from newsweave.ingest import read
from newsweave.ingest.feeds import MAX_PROLOG_BYTES, parse_feed, without_doctype
from newsweave.model import Document, Skipped

SECRET = "kestrel-7f3a-not-for-articles"
ITEM = (
    "<item><title>Talks</title><description>Negotiators met again on Wednesday in "
    "Geneva. {body}</description></item>"
)


def _rss(doctype: str, body: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<rss version="2.0"><channel>'
        f"<title>Wire</title>{ITEM.format(body=body)}</channel></rss>"
    ).encode()


def _texts(items) -> str:
    return " ".join(f"{i.title} {i.text}" if isinstance(i, Document) else i.reason for i in items)


@pytest.fixture
def listener():
    """A local TCP port that counts the connections made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(1)
    server.close()


def test_external_entities_are_never_resolved(tmp_path, listener):
    url, hits = listener
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    cases = {
        "file": f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        "relative": '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "secret.txt">]>',
        "url": f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url}/entity">]>',
        "parameter": (
            f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{url}/evil.dtd"> %p;'
            f'<!ENTITY % f SYSTEM "file://{secret}">]>'
        ),
        "external dtd": f'<!DOCTYPE rss SYSTEM "{url}/rss.dtd">',
        "public dtd": f'<!DOCTYPE rss PUBLIC "-//Example//DTD RSS//EN" "{url}/rss.dtd">',
    }
    for name, doctype in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.rss"
        path.write_bytes(_rss(doctype, body="&xxe;"))
        items = list(read([path]))
        assert items, name
        assert SECRET not in _texts(items), name
        docs = [i for i in items if isinstance(i, Document)]
        assert docs and docs[0].text.startswith("Negotiators met again"), name
        if "ENTITY xxe" in doctype:  # a declared entity's references go with it
            assert "xxe" not in docs[0].text, name
    time.sleep(0.3)  # let a connection, if one were made, be counted
    print(f"external entities: {len(cases)} feeds, {len(hits)} connections, secret never read")
    assert hits == []


def _laughs(levels: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)]
    return "<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>"


@pytest.mark.parametrize(
    ("name", "doctype", "body"),
    [
        ("billion laughs", _laughs(), "&lol9;"),
        # one long entity used many times: 50 kB x 20,000 = 1 GB if expanded
        ("quadratic", f'<!DOCTYPE rss [<!ENTITY big "{"x" * 50_000}">]>', "&big;" * 20_000),
        # the same, declared so that a lenient parser's "safe entity" rule accepts it
        ("safe-looking", f'<!DOCTYPE rss [\n<!ENTITY big "{"y" * 50_000}">\n]>', "&big;" * 20_000),
    ],
)
def test_entity_expansion_never_happens(tmp_path, name, doctype, body):
    path = tmp_path / "bomb.rss"
    path.write_bytes(_rss(doctype, body=body))
    start = time.perf_counter()
    items = list(read([path]))
    elapsed = time.perf_counter() - start
    text = _texts(items)
    print(f"{name}: {path.stat().st_size} bytes read in {elapsed:.2f} s, {len(text)} chars out")
    assert elapsed < 2.0
    assert "lollol" not in text and "x" * 1000 not in text and "y" * 1000 not in text
    assert "&lol" not in text and "&big" not in text and "Geneva." in text
    assert len(text) < 1_000


def test_utf16_feed_loses_its_doctype_too():
    data = _rss(_laughs(), body="&lol9;").decode().replace("utf-8", "utf-16").encode("utf-16")
    items = list(parse_feed(data, name="u", origin="u.rss"))
    assert "lollol" not in _texts(items)
    assert any(isinstance(i, Document) for i in items)


def test_without_doctype_keeps_the_rest():
    doctype = '<!DOCTYPE rss [<!ENTITY a "x > y ]"> <!-- "note" -->]>'
    data = f'\ufeff<?xml version="1.0"?>\n<!-- c -->\n{doctype}\n<rss/>'.encode()
    assert without_doctype(data) == '\ufeff<?xml version="1.0"?>\n<!-- c -->\n\n<rss/>'.encode()
    assert without_doctype(b"<rss><!DOCTYPE x></rss>") == b"<rss><!DOCTYPE x></rss>"
    with pytest.raises(InputError, match="not closed"):
        without_doctype(b'<!DOCTYPE rss [<!ENTITY a "never closed>]>')
    # references to the entities it declared go with it; HTML entity names stay
    data = b'<!DOCTYPE rss [<!ENTITY a "x"><!ENTITY eacute "&#233;">]><rss>&a;&eacute;&b;</rss>'
    assert without_doctype(data) == b"<rss>&eacute;&b;</rss>"
    with pytest.raises(InputError, match="prolog"):
        without_doctype(b"<!--" + b"-" * (MAX_PROLOG_BYTES + 10))


def test_ordinary_feeds_still_read(data):
    netscape = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    )
    [doc] = parse_feed(_rss(netscape, body="Caf&eacute; owners &amp; unions"), name="n", origin="n")
    assert doc.text.endswith("Café owners & unions")
    assert len(list(read([data / "wires.rss"]))) == 2


def test_a_feed_of_a_million_entries_is_bounded(tmp_path, monkeypatch):
    from newsweave.ingest import feeds

    # 7 bytes an entry: a million of them in 7 MB, each a dict in feedparser if parsed
    path = tmp_path / "many.rss"
    path.write_bytes(
        b"<rss><channel><title>W</title>" + b"<item/>" * 1_000_000 + b"</channel></rss>"
    )
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 300)
    start = time.perf_counter()
    out = list(read([path]))
    elapsed = time.perf_counter() - start
    print(f"many entries: {len(out)} items from {path.stat().st_size} bytes in {elapsed:.2f} s")
    assert out[0].reason == "feed has over 300 entries: read the first 300"
    assert all(isinstance(i, Skipped) for i in out)
    # 300 empty entries: the first ones named, the rest summarised in one line with a count
    assert len(out) <= 25 and any("more" in i.reason for i in out[1:]), [i.reason for i in out]
    assert elapsed < 3.0
