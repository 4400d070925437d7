"""The worker side: time expressions, quotes and events of a batch, after entities.

Each step is gated by a cheap test inside its library (a time word or a
year, a quotation mark, an event trigger), so an article with none of them
costs a few regex scans. Quotes long enough to be compared across articles
are embedded here, in one batch, with the document embedder: the main
process only compares vectors.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from functools import cache

from ..clustering.embedders import Embedder
from ..config import Settings
from ..entities.knowledge import KnowledgeBase
from ..events import extract_events, find_timexes
from ..language.registry import find_language
from ..model import Document, Mention
from ..quotes import extract_quotes


@cache
def _article(lang: str) -> re.Pattern[str] | None:
    """Articles before an institution's name ("le département d'Etat", "the Pentagon"),
    from the language's `function_words.txt` [articles]; an elided one ends in "'"."""
    language = find_language(lang)
    words = language.sections("function_words.txt").get("articles", []) if language else []
    if not words:
        return None
    whole = "|".join(re.escape(w) for w in words if not w.endswith("'"))
    elided = "|".join(re.escape(w[:-1]) for w in words if w.endswith("'"))
    parts = [f"(?:{whole})\\s+" if whole else "", f"(?:{elided})['’]" if elided else ""]
    return re.compile("^(?:" + "|".join(p for p in parts if p) + ")", re.IGNORECASE)


def _knowledge_base(settings: Settings) -> KnowledgeBase | None:
    if not settings.entities.enabled:
        return None
    from ..entities.extract import knowledge_base

    return knowledge_base(settings)


def _describer(kb: KnowledgeBase | None) -> Callable[[str], str | None] | None:
    """Role descriptions from the knowledge base ("Secretary General of NATO")."""
    if kb is None:
        return None

    def describe(key: str) -> str | None:
        entry = kb.entry(key)
        return entry.description if entry is not None else None

    return describe


def name_institutions(doc: Document, kb: KnowledgeBase) -> None:
    """An institution speaker no mention covers becomes a mention when the knowledge
    base knows its name: NER sees "Etat" in "le département d'Etat américain", the
    knowledge base knows the whole phrase as the US State Department."""
    for quote in doc.quotes:
        if quote.how != "institution" or quote.speaker_start is None:
            continue
        current = doc.mentions[quote.speaker_mention] if quote.speaker_mention is not None else None
        phrase = quote.speaker_text or ""
        if current is not None and current.end - current.start >= len(phrase) - 4:
            continue  # the mention already is the institution's name
        article = _article(doc_lang(doc))
        name = article.sub("", phrase) if article is not None else phrase
        entries, _ = kb.candidates(name, doc.lang)
        orgs = [e for e in entries if e.type == "ORG"]
        if len(orgs) != 1:
            continue
        start = quote.speaker_start + len(phrase) - len(name)
        doc.mentions.append(
            Mention(name, start, start + len(name), "ORG", source="kb", key=orgs[0].id,
                    evidence="speaker", label=orgs[0].name, country=orgs[0].country)
        )  # fmt: skip
        quote.speaker_mention = len(doc.mentions) - 1


def doc_lang(doc: Document) -> str:
    lang = doc.lang if doc.lang and doc.lang != "unknown" else doc.declared_lang
    return (lang or "").lower()


def extract_statements(
    docs: Sequence[Document], settings: Settings, embedder: Embedder | None = None
) -> dict[str, float]:
    """Fill `timexes`, `quotes` (with vectors) and `events` of each document."""
    timings = {"timex": 0.0, "quotes": 0.0, "events": 0.0}
    if not settings.statements.enabled or not docs:
        return timings
    kb = _knowledge_base(settings)
    describe = _describer(kb)
    for doc in docs:
        lang = doc_lang(doc)
        t = time.perf_counter()
        doc.timexes = find_timexes(doc.text, lang, doc.published)
        t2 = time.perf_counter()
        doc.quotes = extract_quotes(doc.text, lang, doc.mentions, describe)
        if kb is not None and doc.quotes:
            name_institutions(doc, kb)
        t3 = time.perf_counter()
        doc.events = extract_events(doc.text, lang, doc.mentions, doc.timexes, doc.quotes)
        t4 = time.perf_counter()
        timings["timex"] += t2 - t
        timings["quotes"] += t3 - t2
        timings["events"] += t4 - t3
    if embedder is not None:
        t = time.perf_counter()
        quotes = [
            q
            for d in docs
            for q in d.quotes
            if len(q.text.split()) >= settings.statements.min_quote_words
        ]
        if quotes:
            vectors = embedder.embed([q.text for q in quotes])
            for quote, vector in zip(quotes, vectors, strict=True):
                quote.vector = vector
        timings["quotes"] += time.perf_counter() - t
    return timings
