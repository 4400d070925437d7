"""RSS and Atom feed files: one document per entry.

feedparser gets the file's bytes, never a path or URL: given a string that
looks like a URL it would fetch it, and ingest must not touch the network.

Nor does a feed's document type declaration reach a parser. Its internal
subset is where external entities (`<!ENTITY x SYSTEM "file:///etc/passwd">`)
and entity expansion bombs (a billion laughs, or one long entity used
thousands of times) live, and RSS and Atom need none of it: the declaration
is removed from the prolog before parsing, so no entity it declares is ever
resolved or expanded, whatever the XML library's own defences. HTML entity
names (`&eacute;`) still read, through feedparser's lenient parser. The
prolog is read for at most MAX_PROLOG_BYTES, a feed for at most MAX_ENTRIES
entries.

An entry's body is its fullest text: `content:encoded` (or Atom `content`)
over the summary or description, and never a `media:description` caption,
which feedparser may file as content. The feed's tails ("Continue
reading...", "Lire la suite", "[…]") are taken off (`feedtails`), and a body
that is cut short is marked `extra["feed_truncated"] = True` so that a follow
mode can fetch the page: it ended with a "read more" or an ellipsis, or it is
a summary under half the usual length of the feed's full texts.
"""

from __future__ import annotations

import codecs
import html.entities
import itertools
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsweave.errors import InputError
from newsweave.ingest import metadata
from newsweave.ingest.assemble import clean, make_document
from newsweave.ingest.feedtails import strip_tail, trailing_link
from newsweave.ingest.files import read_limited, stem
from newsweave.ingest.html import html_to_text
from newsweave.model import Document, PartialDate, Skipped

# Comments, processing instructions and the declaration before the first element.
MAX_PROLOG_BYTES = 1_000_000
MAX_ENTRIES = 10_000
_UNICODE_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
_SPACE = re.compile(rb"[ \t\r\n]*")
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+([A-Za-z_:][\w.:-]*)")  # general entities, not %
_ENTITY_REF = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
_HTML_ENTITIES = frozenset(name.encode() for name in html.entities.name2codepoint)
_ENTRY_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")
_ENCODING_ATTR = re.compile(rb"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", re.I)
_TAGS = re.compile(r"<[^>]*>")
# Full text: what `content:encoded`, `xhtml:body` and Atom `content` give. feedparser files
# a second description (`media:description` after `description`) as text/plain content.
_FULL_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
# A summary under this share of the feed's usual full text is cut short.
SHORT_SHARE = 0.5


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """Each entry as a document; origin `path#n` with n counted from 1."""
    yield from parse_feed(read_limited(path, max_bytes), name=stem(path), origin=str(path))


def parse_feed(data: bytes, *, name: str, origin: str) -> Iterator[Document | Skipped]:
    """Entries of a feed given as bytes; `InputError` if it has none."""
    data, cut = _first_entries(without_doctype(data))
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = " ".join(str(parsed.get("bozo_exception", "")).split())[:160]
            raise InputError(f"feed has no entries (not well-formed XML: {problem})")
        raise InputError("feed has no entries")
    feed = parsed.get("feed") or {}
    if cut or len(entries) > MAX_ENTRIES:
        yield Skipped(origin, f"feed has over {MAX_ENTRIES} entries: read the first {MAX_ENTRIES}")
        entries = entries[:MAX_ENTRIES]
    bodies = [_body(entry) for entry in entries]
    full = sorted(_visible(body) for body, is_full in bodies if is_full)
    usual = full[len(full) // 2] if full else None  # the feed's median full text
    for n, (entry, (body, is_full)) in enumerate(zip(entries, bodies, strict=True), start=1):
        where = f"{origin}#{n}"
        short = not is_full and usual is not None and _visible(body) < SHORT_SHARE * usual
        try:
            yield _document(
                entry, feed, parsed, body, short=short, default_id=f"{name}-{n}", origin=where
            )
        except InputError as error:
            yield Skipped(where, f"entry {n}: {error.message}")


def without_doctype(data: bytes) -> bytes:
    """`data` with the document type declaration removed from its prolog.

    References to the entities it declared are removed too (`&lol9;`), so that
    they do not reach the text as they are; HTML entity names stay for the parser.
    UTF-16 and UTF-32 feeds come back as UTF-8, their XML declaration saying so.
    `InputError` when the prolog runs past MAX_PROLOG_BYTES.
    """
    data = _as_utf8(data)
    pos = 3 if data.startswith(codecs.BOM_UTF8) else 0
    kept = [data[:pos]]
    declared: set[bytes] = set()
    while True:
        space = pos
        pos = _SPACE.match(data, pos).end()
        kept.append(data[space:pos])
        if pos > MAX_PROLOG_BYTES:
            raise InputError(f"feed prolog over {MAX_PROLOG_BYTES} bytes before the first element")
        if data.startswith(b"<?", pos):
            end = _find_end(data, b"?>", pos)
        elif data.startswith(b"<!--", pos):
            end = _find_end(data, b"-->", pos)
        elif data[pos : pos + 9].upper() == b"<!DOCTYPE":
            end = _doctype_end(data, pos)
            declared.update(_ENTITY_DECL.findall(data, pos, end))
            pos = end
            continue
        else:
            break  # the first element, or text the parser will refuse
        kept.append(data[pos:end])
        pos = end
    kept.append(data[pos:])
    out = b"".join(kept)
    declared -= _HTML_ENTITIES
    if declared:
        out = _ENTITY_REF.sub(lambda m: b"" if m.group(1) in declared else m.group(0), out)
    return out


def _first_entries(data: bytes) -> tuple[bytes, bool]:
    """(`data` cut before its entry number MAX_ENTRIES + 1, whether it was cut): the
    parser's work is bounded before it starts. The lenient parser reads a cut feed."""
    past = next(itertools.islice(_ENTRY_TAG.finditer(data), MAX_ENTRIES, None), None)
    return (data, False) if past is None else (data[: past.start()], True)


def _find_end(data: bytes, marker: bytes, pos: int) -> int:
    end = data.find(marker, pos, pos + MAX_PROLOG_BYTES)
    if end < 0:
        raise InputError(f"feed prolog: {marker.decode()} missing within {MAX_PROLOG_BYTES} bytes")
    return end + len(marker)


def _doctype_end(data: bytes, pos: int) -> int:
    """Just past the `>` that closes the declaration at `pos`: the first one outside
    quotes and outside the `[...]` internal subset."""
    quote, depth = 0, 0
    stop = min(len(data), pos + MAX_PROLOG_BYTES)
    for i in range(pos + 9, stop):
        c = data[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in b"\"'":
            quote = c
        elif c == ord("["):
            depth += 1
        elif c == ord("]"):
            depth = max(0, depth - 1)
        elif c == ord(">") and depth == 0:
            return i + 1
    raise InputError(f"feed document type declaration not closed within {MAX_PROLOG_BYTES} bytes")


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 and UTF-32 feeds as UTF-8, so the prolog can be read byte by byte."""
    for mark, encoding in _UNICODE_WIDE:
        if data.startswith(mark):
            text = data.decode(encoding, errors="replace").removeprefix("\ufeff")
            out = text.encode("utf-8")
            return _ENCODING_ATTR.sub(rb"\1\2utf-8\2", out, count=1)
    return data


def _body(entry: Any) -> tuple[str, bool]:
    """(the entry's fullest text as HTML, whether it is full content, not a summary).

    The longest of its content parts and its summary; a tie goes to content, which
    feedparser also copies into the summary when the entry has no summary of its own.
    """
    summary = entry.get("summary") or entry.get("description") or ""
    best, is_full = summary, False
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value and _visible(value) >= _visible(best):
            kind = (part.get("type") or "").lower()
            best, is_full = value, kind in _FULL_TYPES or value == summary
    return best, is_full


def _visible(fragment: str) -> int:
    """About how many characters of text an HTML fragment shows (cheap: no parsing)."""
    return len("".join(_TAGS.sub(" ", fragment).split()))


def _document(
    entry: Any, feed: Any, parsed: Any, body: str, *, short: bool, default_id: str, origin: str
) -> Document:
    link = clean(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # Atom ids such as `tag:` URIs are copied into `link` by feedparser
    content = entry.get("content") or []
    detail = content[0] if content else entry.get("summary_detail") or {}
    text = html_to_text(body)
    if not text:
        raise InputError("no text (neither content nor summary)")
    text, cut = strip_tail(text, link=trailing_link(body), url=link)
    if not text:
        raise InputError("no text but a feed's link to the page")
    lang = (
        detail.get("language")
        or entry.get("language")
        or feed.get("language")
        or parsed.get("headers", {}).get("content-language")
    )
    doc = make_document(
        text,
        id=clean(entry.get("id")) or link or default_id,
        origin=origin,
        title=clean(html_to_text(entry.get("title") or "")),
        url=link,
        source=clean(feed.get("title")),
        author=clean(entry.get("author")),
        published=_published(entry),
        declared_lang=lang,
    )
    if cut or short:
        doc.extra["feed_truncated"] = True
    return doc


def _published(entry: Any) -> PartialDate | None:
    """The raw string first: feedparser's parsed tuple fills a missing time with 00:00."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            value = metadata.parse_date(raw)
            if value is not None:
                return value
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            # feedparser's own reading of a spelling ours does not know; checked the same
            # way (it turns 9999-12-31 into a tuple as readily as any date).
            return metadata.valid_date(PartialDate(*parsed[:6]))
    return None
