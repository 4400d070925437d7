"""Plain-text and Markdown articles: one file, one document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsweave.ingest import metadata
from newsweave.ingest.assemble import make_document
from newsweave.ingest.decode import decode
from newsweave.ingest.files import read_limited, stem
from newsweave.model import Document, Skipped

MARKDOWN = frozenset({".md", ".markdown"})
TITLE_MAX_CHARS = 150
_MD_TITLE = re.compile(r"#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|$)")


def read(path: Path, *, max_bytes: int) -> Iterator[Document | Skipped]:
    """The file as one document; id is the file name without its extension."""
    text = decode(read_limited(path, max_bytes))
    yield parse_text(
        text, id=stem(path), origin=str(path), markdown=path.suffix.lower() in MARKDOWN
    )


def parse_text(text: str, *, id: str, origin: str, markdown: bool = False) -> Document:
    """Headers first (they may sit above the title), then the title, then the dateline."""
    body, found = metadata.extract(text)
    title, body = split_title(body, markdown=markdown)
    return make_document(
        body,
        id=id,
        origin=origin,
        title=title,
        source=found.get("source"),
        published=found.get("published"),
        dateline=found.get("dateline"),
        month_day=found.get("month_day"),
    )


def split_title(text: str, *, markdown: bool = False) -> tuple[str | None, str]:
    """(title, rest). Markdown: a leading `# Title`. Text: a short first line without a
    final period, followed by more text. Anything else has no title: we do not invent one."""
    text = text.lstrip("\n")
    if markdown:
        m = _MD_TITLE.match(text)
        if m:
            return m.group("title").strip(), text[m.end() :]
        return None, text
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if (
        sep
        and rest.strip()
        and 0 < len(first) < TITLE_MAX_CHARS
        and first[-1] not in ".,;:"
        and any(c.isalpha() for c in first)
    ):
        return first, rest
    return None, text
