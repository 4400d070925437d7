"""Each source's repeated lines, learned as its articles arrive.

A scraped page keeps some of its site around the article: menus, cookie
notices, "lire aussi" links, subscription blurbs. Five unrelated articles of
one site then share those lines, so their embeddings and features look alike
(cosine 1.0 on real pages) and two different articles become near-duplicates.
Lists of such phrases never end; counting does not need one. A line that many
articles of the same source hold is the source's, not the article's.

The learner runs in the main process before the worker stages: it counts each
article's short lines per source (host of the URL, else the source name), adds
the counts of the batch to what the store already holds and to the batches
still in flight, and marks in each document the spans whose line is now
boilerplate (`Document.boilerplate`). Workers then read `Document.content()`,
the text without them; the stored text keeps everything. Counts reach the
store with the batch that produced them, in its transaction, so an interrupted
ingest neither loses nor double-counts them.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Protocol
from urllib.parse import urlsplit

from ..config import BoilerplateSettings
from ..model import Document
from ..textcut import drop_spans

Delta = dict[str, tuple[int, Counter[int]]]  # source -> (articles, line key -> articles)
_DIGITS = re.compile(r"\d+")


class CountSource(Protocol):
    """What the learner reads from the store."""

    def boilerplate_counts(self, source: str, keys: Sequence[int]) -> tuple[int, dict[int, int]]:
        """(articles of `source` counted so far, line key -> articles holding it)."""
        ...


def source_key(url: str | None, source: str | None) -> str | None:
    """Whose boilerplate a document carries: the URL's host, else the source name."""
    if url:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host:
            return host
    if source and source.strip():
        return " ".join(source.casefold().split())
    return None


def line_key(line: str) -> int:
    """A 63-bit key of a line, blind to case, spacing and numbers ("12 comments")."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = _DIGITS.sub("0", " ".join(folded.split()))
    digest = hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # SQLite integers are signed 64-bit


def lines(text: str, max_chars: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, key) of each non-empty line of at most `max_chars` characters."""
    at = 0
    for raw in text.split("\n"):
        start, end = at, at + len(raw)
        at = end + 1
        stripped = raw.strip()
        if stripped and len(stripped) <= max_chars and any(c.isalpha() for c in stripped):
            yield start, end, line_key(stripped)


class BoilerplateLearner:
    """Counts lines per source and marks the ones that have become boilerplate."""

    def __init__(self, store: CountSource, settings: BoilerplateSettings) -> None:
        self.store = store
        self.settings = settings
        self._pending: list[Delta] = []  # batches marked but not yet saved, oldest first

    def threshold(self, articles: int) -> int:
        """Articles of a source that must hold a line for it to be boilerplate."""
        return max(self.settings.min_docs, math.ceil(self.settings.min_share * articles))

    def mark(self, docs: list[Document]) -> Delta:
        """Fill `boilerplate` in each document; returns this batch's counts for the store."""
        if not self.settings.enabled:
            return {}
        found: list[tuple[Document, str, list[tuple[int, int, int]]]] = []
        delta: Delta = {}
        for doc in docs:
            source = source_key(doc.url, doc.source)
            if source is None:
                continue
            spans = list(lines(doc.text, self.settings.max_chars))
            found.append((doc, source, spans))
            n, counts = delta.setdefault(source, (0, Counter()))
            counts.update({key for _, _, key in spans})  # once per article
            delta[source] = (n + 1, counts)
        for source, (n, counts) in delta.items():
            articles, known = self._known(source, list(counts))
            limit = self.threshold(articles + n)
            marked = {k for k, c in counts.items() if c + known.get(k, 0) >= limit}
            for doc, src, spans in found:
                if src == source:
                    doc.boilerplate = [(s, e) for s, e, k in spans if k in marked]
        self._pending.append(delta)
        return delta

    def saved(self, delta: Delta) -> None:
        """The batch whose counts are `delta` is in the store: stop counting it twice."""
        for i, pending in enumerate(self._pending):
            if pending is delta:
                del self._pending[i]
                return

    def strip(self, text: str, url: str | None, source: str | None) -> str:
        """`text` without the lines its source's boilerplate holds now (for stored texts)."""
        key = source_key(url, source)
        if key is None or not self.settings.enabled:
            return text
        spans = list(lines(text, self.settings.max_chars))
        articles, known = self._known(key, [k for _, _, k in spans])
        limit = self.threshold(articles)
        return drop_spans(text, [(s, e) for s, e, k in spans if known.get(k, 0) >= limit])

    def _known(self, source: str, keys: list[int]) -> tuple[int, dict[int, int]]:
        """Counts in the store plus those of batches in flight."""
        articles, known = self.store.boilerplate_counts(source, keys)
        known = dict(known)
        wanted = set(keys)
        for pending in self._pending:
            if source in pending:
                n, counts = pending[source]
                articles += n
                for k in wanted & counts.keys():
                    known[k] = known.get(k, 0) + counts[k]
        return articles, known
