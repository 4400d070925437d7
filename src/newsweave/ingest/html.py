"""HTML pages: main text and metadata through trafilatura.

trafilatura finds the article among menus and comments; we read the few
head fields it does not give precisely (`<html lang>`, the full publication
time) from the page's own meta tags, which state them rather than infer them.

The work on one page is bounded: trafilatura and the head parser see at most
MAX_PAGE_CHARS characters and MAX_PAGE_ELEMENTS tags of it (a 4 MB page of
500,000 empty `<p>` took 44 s and 773 MB whole). A longer page is cut at a
tag and its first part read, where any real page has its headline and
article; the document records the cut in `extra["html_truncated"]`. Feed
summaries (`html_to_text`) are bounded the same way.
"""

from __future__ import annotations

import html as htmllib
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from newsweave.errors import InputError
from newsweave.ingest import metadata, pagedate
from newsweave.ingest.assemble import clean, make_document
from newsweave.ingest.decode import decode, sniff_charset
from newsweave.ingest.files import read_limited, stem
from newsweave.ingest.headline import choose_title
from newsweave.ingest.htmlbody import complete
from newsweave.model import Document, Skipped

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_LANG_META = ("content-language", "language", "dc.language", "og:locale")
_TITLE_META = ("og:title", "twitter:title", "title")
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "pre", "tr", "table", "section", "article", "header", "footer", "figure", "figcaption",
     "dd", "dt", "hr"}
)  # fmt: skip
_TAGS = re.compile(r"<[^>]*>")
# A page is cut after this many characters or tags (elements, comments, declarations).
# Real article pages are far smaller: of 578 news pages in ../shared/eval/html, 99% hold
# under 3,100 tags and 830 kB, one over 5,000 tags. trafilatura costs 100-250 us a tag
# on one core, so a page at the limit costs about a second.
MAX_PAGE_CHARS = 2_000_000
MAX_PAGE_ELEMENTS = 5_000
_OPEN_TAG = re.compile(r"<[A-Za-z!?]")
# Characters lxml refuses in text (C0 controls but tab and newlines, lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """The page as one document; id is the file name without its extension."""
    data = read_limited(path, max_bytes)
    text = decode(data, declared=sniff_charset(data))
    yield parse_html(text, id=stem(path), origin=str(path))


def parse_html(html: str, *, id: str, origin: str, url: str | None = None) -> Document:
    """One page as a Document; `InputError` when it has no main text.

    `url` (the address it was fetched from) wins over the page's canonical link.
    """
    import trafilatura  # heavy import, paid only when a page is read

    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        raise InputError("empty page")
    html, cut = bound(html)
    # One parse serves both: our head reading first, then trafilatura, which prunes
    # a copy of the tree it is given.
    root = _parse(html)
    page = _page_meta(root) if root is not None else {}
    result = trafilatura.bare_extraction(
        root if root is not None else html,
        url=url,
        with_metadata=True,
        include_comments=False,
        # The text is searched when the head states no date; pagedate.choose sets
        # aside a reading from the text that contradicts what the head states.
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    found = result.as_dict() if result is not None else {}
    body = found.get("text") or ""
    title = choose_title(page, clean(found.get("title")), url or page.get("url"))
    lines = [line for line in body.split("\n") if line.strip()]
    if lines and title and clean(lines[0]) == title:
        lines = lines[1:]  # the headline repeated as the first block
    if root is not None:
        lines = complete(root, lines, page.get("description"))
    if not lines:
        raise InputError("no main text found in the page")
    published, stated = pagedate.choose(
        page.get("dates"),
        extracted=found.get("date"),
        url=url or page.get("url"),
        lang=page.get("lang") or found.get("language"),
    )
    doc = make_document(
        "\n\n".join(lines),
        id=id,
        origin=origin,
        title=title,
        url=url or page.get("url") or clean(found.get("url")),
        source=page.get("site") or _sitename(found),
        author=clean(found.get("author")),
        published=published,
        declared_lang=page.get("lang") or found.get("language"),
    )
    if cut is not None:
        doc.extra["html_truncated"] = cut
    if stated is not None:  # the time as the page wrote it, before moving it to its zone
        doc.extra["published_stated"] = stated.isoformat()
    return doc


def bound(
    html: str, *, max_chars: int = MAX_PAGE_CHARS, max_elements: int = MAX_PAGE_ELEMENTS
) -> tuple[str, dict[str, Any] | None]:
    """(the part of `html` to parse, what was cut or None): at most `max_chars`
    characters and `max_elements` tags, cut before a tag. Costs one scan of at most
    `max_chars` characters, whatever the page."""
    end, limit = len(html), None
    if end > max_chars:
        tag = html.rfind("<", 0, max_chars)
        end, limit = (tag if tag > 0 else max_chars), "characters"
    past = next(itertools.islice(_OPEN_TAG.finditer(html, 0, end), max_elements, None), None)
    if past is not None:
        end, limit = past.start(), "elements"
    if limit is None:
        return html, None
    cut = {"read_chars": end, "page_chars": len(html), "limit": limit}
    return html[:end], cut


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary), with paragraph breaks kept."""
    if "<" not in fragment:
        return metadata.tidy(htmllib.unescape(fragment))
    fragment, _ = bound(_NOT_XML.sub("", fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return metadata.tidy(htmllib.unescape(_TAGS.sub(" ", fragment)))
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style") or not tag:  # not tag: a comment or instruction
            element.drop_tree()  # keeps the tail text
        elif tag.lower() in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return metadata.tidy(root.text_content())


def _parse(html: str) -> Any:
    """The page's tree, parsed as trafilatura parses it (None when it is not HTML)."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return None


def _page_meta(root: Any) -> dict[str, Any]:
    """What the page's head states: language, canonical URL, site name, publication time,
    and the places that name its headline."""
    out: dict[str, Any] = {}
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        key = key or (meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content.strip()
    lang = lang or next((metas[k] for k in _LANG_META if k in metas), None)
    if lang:
        out["lang"] = lang.split(",")[0].strip()
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and _absolute(link.get("href")):
            out["url"] = link.get("href").strip()
            break
    if "url" not in out and _absolute(metas.get("og:url")):
        out["url"] = metas["og:url"]
    out["description"] = metas.get("og:description") or metas.get("description")
    if metas.get("og:site_name"):
        out["site"] = clean(metas["og:site_name"])
    # Some sites escape twice ("&amp;#8211;"): one more unescape is harmless on the rest.
    stated = (clean(htmllib.unescape(metas.get(k) or "")) for k in _TITLE_META)
    out["stated"] = [t for t in stated if t]
    out["html_title"] = clean(root.findtext(".//title"))
    out["h1"] = [t for h in itertools.islice(root.iter("h1"), 5) if (t := _text(h))]
    ld = pagedate.json_ld(root)
    out["ld_headline"] = clean(htmllib.unescape(ld.get("headline") or ""))
    titles = [*out["stated"], out["html_title"], out["ld_headline"]]
    out["dates"] = pagedate.read_page(root, metas, ld, [t for t in titles if t])
    return out


def _text(element: Any) -> str | None:
    """An element's text on one line (inline tags joined as they are shown)."""
    return clean("".join(element.itertext()).replace("\u00ad", ""))  # soft hyphens


def _absolute(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


def _sitename(found: dict[str, Any]) -> str | None:
    # trafilatura falls back to the host name; a host name is not a source name.
    name = clean(found.get("sitename"))
    if not name or (" " not in name and "." in name):
        return None
    return name
