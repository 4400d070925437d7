"""The quote stage: direct quotes with their speakers, and the vectors statements compare.

Runs after entities (speakers resolve to mentions). Quotes long enough to be
compared across articles (`statements.min_quote_words`) are embedded here,
in one batch, with the document embedder: the main process only compares
vectors when it groups quotes into statements. Part of the statements work:
`statements.enabled = false` makes it the null stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..clustering.embedders import get_embedder
from ..config import Settings
from ..entities.knowledge import KnowledgeBase
from ..language.registry import find_language
from ..model import Document, Mention
from ..stages import FunctionStage, NullStage, Stage, doc_lang, register_stage
from ..textcut import few_words
from .names import quotes_naming_speakers


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


def embed_quotes(docs: list[Document], settings: Settings) -> None:
    """Vectors for the quotes of `statements.min_quote_words` words or more, one batch."""
    quotes = [
        q
        for d in docs
        for q in d.quotes
        if len(q.text.split()) >= settings.statements.min_quote_words
    ]
    if quotes:
        embedder = get_embedder(settings.embedder, settings.embedder_model_path)
        # A quote is a sentence or a paragraph; a "quote" of a million characters is
        # read as far as a document's head is (`few_words`), so it costs what one does.
        vectors = embedder.embed([few_words(q.text, settings.embed_words) for q in quotes])
        for quote, vector in zip(quotes, vectors, strict=True):
            quote.vector = vector


@register_stage("quotes")
def quote_stage(settings: Settings) -> Stage:
    if not settings.statements.enabled:
        return NullStage("quotes")

    def extract(docs: list[Document]) -> None:
        kb = _knowledge_base(settings)
        describe = _describer(kb)
        for doc in docs:
            text = doc.model_text(settings.max_model_chars)
            doc.quotes, doc.mentions = quotes_naming_speakers(
                text, doc_lang(doc), doc.mentions, describe, kb
            )
            if kb is not None and doc.quotes:
                name_institutions(doc, kb)
        embed_quotes(docs, settings)

    return FunctionStage("quotes", extract)
