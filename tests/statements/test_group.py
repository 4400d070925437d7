"""Quotes become statements: the same words (or their translation) across articles."""

from __future__ import annotations

import json
from functools import cache

import pytest

from newsweave.clustering.embedders import get_embedder
from newsweave.config import StatementSettings
from newsweave.model import BatchResult, Document, Mention, PartialDate, Quote
from newsweave.statements.group import StatementGrouper, word_keys
from newsweave.store import open_store


@cache
def _embedder():
    return get_embedder("use-multilingual-v3", None)


def _doc(doc_id: str, quotes: list[tuple[str, str | None]], lang="en", day=8, source=None):
    """An article whose quotes are spoken by the given entity ids (None: unknown)."""
    text = " ".join(f"“{q}” said someone." for q, _ in quotes) + f" ({doc_id})"
    doc = Document(doc_id, text, lang=lang, source=source, published=PartialDate(2023, 3, day))
    vectors = _embedder().embed([q for q, _ in quotes])
    at = 0
    for (words, speaker), vector in zip(quotes, vectors, strict=True):
        start = text.index(words, at)
        at = start + len(words)
        quote = Quote(words, start, at, vector=vector)
        if speaker is not None:
            doc.mentions.append(Mention(speaker, 0, 1, "PER", entity_id=speaker))
            quote.speaker_mention = len(doc.mentions) - 1
            quote.speaker_text = speaker
        doc.quotes.append(quote)
    return doc


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "s.db")


def _run(store, *batches, settings: StatementSettings | None = None):
    """Group and save batch by batch, as the pipeline does (documents rows included)."""
    grouper = StatementGrouper(store, settings or StatementSettings())
    for docs in batches:
        for d in docs:
            d.embedding = _embedder().embed([d.text])[0]
        store.save_batch(BatchResult(docs=docs, statements=grouper.assign(docs)))
    return {r["id"]: r["statement_id"] for r in store.quote_rows()}


def test_translation_by_same_speaker_is_one_statement(store):
    en = _doc("a", [("We cannot rule out that Bakhmut will finally fall in the next few days",
                     "stoltenberg")])  # fmt: skip
    fr = _doc("b", [("Nous ne pouvons pas exclure que Bakhmout tombe finalement dans les "
                     "prochains jours", "stoltenberg")], lang="fr", source="AFP")  # fmt: skip
    ids = _run(store, [en], [fr])
    assert len(set(ids.values())) == 1
    (row,) = store.statement_rows(list(set(ids.values())))
    assert row["documents"] == 2
    assert row["speaker"] == "stoltenberg"
    assert sorted(json.loads(row["languages"])) == ["en", "fr"]


def test_different_things_by_one_speaker_stay_apart(store):
    doc = _doc("a", [
        ("We cannot rule out that Bakhmut will finally fall in the next few days", "s"),
        ("It is now a war of attrition, which is a battle of logistics", "s"),
        ("We must continue to support Ukraine with ammunition", "s"),
    ])  # fmt: skip
    assert len(set(_run(store, [doc]).values())) == 3


def test_same_words_by_two_people_are_two_statements(store):
    a = _doc("a", [("We will never give up our land to the invaders", "zelensky")])
    b = _doc("b", [("We will never give up our land to the invaders", "maliar")])
    assert len(set(_run(store, [a], [b]).values())) == 2


def test_wire_copy_without_speaker_joins_by_its_words(store):
    a = _doc("a", [("The enemy keeps trying to capture the city, losing many men", "army")])
    b = _doc("b", [("The enemy keeps trying to capture the city, losing many men", None)])
    ids = _run(store, [a], [b])
    assert len(set(ids.values())) == 1


def test_fragment_stored_first_is_folded_into_the_full_quote(store):
    frag = _doc("a", [("in the next few days", "s")])
    other = _doc("b", [("exclude that Bakhmout finally falls in the coming days", "s")])
    full = _doc("c", [("We cannot rule out that Bakhmut will finally fall in the next few days",
                       "s")])  # fmt: skip
    _run(store, [frag], [other], [full])
    kept = store.quote_rows()
    assert len({r["statement_id"] for r in kept}) == 1  # the merge rewrote the stored quotes
    (row,) = store.statement_rows([kept[0]["statement_id"]])
    assert row["documents"] == 3
    assert row["text"].startswith("We cannot rule out")


def test_window_keeps_a_repeated_slogan_months_apart_separate(store):
    a = _doc("a", [("Glory to Ukraine, glory to the heroes of Bakhmut", "z")], day=1)
    b = _doc("b", [("Glory to Ukraine, glory to the heroes of Bakhmut", "z")], day=1)
    b.published = PartialDate(2023, 9, 1)
    assert len(set(_run(store, [a], [b]).values())) == 2


def test_word_keys_fold_case_and_accents():
    assert word_keys("Bakhmout tombe vite") == word_keys("bakhmout  TOMBE vite")
    assert len(word_keys("one two three four")) == 2
    assert len(word_keys("victory")) == 1
