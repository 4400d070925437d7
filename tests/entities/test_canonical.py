"""Canonicalisation across articles, on a real SQLite store."""

from __future__ import annotations

import pytest

from newsweave.config import EntitySettings
from newsweave.entities.canonical import Canonicaliser, deletion_variants, edit_distance
from newsweave.entities.knowledge import import_entries
from newsweave.entities.link import local_key
from newsweave.entities.report import find_entities
from newsweave.model import BatchResult, Document, KBEntry, Mention
from newsweave.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "c.db")
    import_entries(
        s,
        [
            KBEntry("Q3874799", "PER", "Volodymyr Zelensky", "Q3874799", aliases=["Zelensky"]),
            KBEntry("gn:1", "LOC", "Bakhmut", country="UA", lat=48.6, lon=38.0),
        ],
    )
    yield s
    s.close()


def _m(text: str, type_: str, key: str | None = None, lang: str = "en") -> Mention:
    return Mention(text, 0, len(text), type_, "ner", key or local_key(type_, text, lang))


def _doc(doc_id: str, *mentions: Mention, lang: str = "en") -> Document:
    doc = Document(doc_id, "text", lang=lang)
    doc.mentions = list(mentions)
    return doc


def _run(store, canon, *docs):
    batch = canon.resolve(docs)
    store.save_batch(BatchResult(entities=batch))
    return batch


def test_edit_distance_counts_transpositions_as_one():
    assert edit_distance("zelensky", "zelenksy") == 1
    assert edit_distance("putin", "zelenski") == 3  # cut off at the limit
    assert "zelensy" in deletion_variants("zelensky") & deletion_variants("zelenksy")


def test_kb_ids_are_shared_and_aliases_keep_their_language(store):
    canon = Canonicaliser(store, EntitySettings())
    _run(
        store,
        canon,
        _doc("a", _m("Zelensky", "PER", "Q3874799"), _m("Bakhmut", "LOC", "gn:1")),
        _doc("b", _m("Zelenskiy", "PER", "Q3874799"), _m("Bakhmout", "LOC", "gn:1"), lang="fr"),
    )
    rows = {r["id"]: r for r in store.entity_rows()}
    assert rows["Q3874799"]["documents"] == 2 and rows["gn:1"]["mentions"] == 2
    aliases = {(r["alias"], r["lang"]) for r in store.entity_aliases("gn:1")}
    assert aliases == {("Bakhmut", "en"), ("Bakhmout", "fr")}


def test_a_lone_surname_joins_the_only_person_with_that_name(store):
    canon = Canonicaliser(store, EntitySettings())
    _run(store, canon, _doc("a", _m("Jens Stoltenberg", "PER"), _m("Bakhmut", "LOC", "gn:1")))
    lone = _m("Stoltenberg", "PER")
    _run(store, canon, _doc("b", lone))
    assert lone.entity_id == "per:jens-stoltenberg"
    assert "surname" in (lone.evidence or "")


def test_a_full_name_absorbs_the_surname_entity_seen_before_it(store):
    canon = Canonicaliser(store, EntitySettings())
    first = _m("Prigozhin", "PER")
    _run(store, canon, _doc("a", first))
    assert first.entity_id == "per:prigozhin"
    batch = _run(store, canon, _doc("b", _m("Yevgeny Prigozhin", "PER")))
    assert batch.merges and batch.merges[0][:2] == ("per:prigozhin", "per:yevgeny-prigozhin")
    later = _m("Prigojine", "PER", lang="fr")
    _run(store, Canonicaliser(store, EntitySettings()), _doc("c", later, lang="fr"))
    assert later.entity_id == "per:yevgeny-prigozhin"
    assert find_entities(store, "Prigozhin") == ["per:yevgeny-prigozhin"]


def test_a_shared_surname_is_not_guessed(store):
    canon = Canonicaliser(store, EntitySettings())
    _run(store, canon, _doc("a", _m("Boris Johnson", "PER")), _doc("b", _m("Mike Johnson", "PER")))
    lone = _m("Johnson", "PER")
    _run(store, canon, _doc("c", lone))
    assert lone.entity_id == "per:johnson"


def test_typos_merge_only_with_shared_context(store):
    canon = Canonicaliser(store, EntitySettings())
    _run(store, canon, _doc("a", _m("Oleksii Reznikov", "PER"), _m("Bakhmut", "LOC", "gn:1")))
    typo = _m("Oleksii Rezinkov", "PER")
    _run(store, canon, _doc("b", typo, _m("Bakhmut", "LOC", "gn:1")))
    assert typo.entity_id == "per:oleksii-reznikov"
    assert "edit" in (typo.evidence or "")
    stranger = _m("Oleksii Reznikav", "PER")  # one edit away, but nothing in common
    _run(store, canon, _doc("c", stranger, _m("Paris", "LOC", "gn:2")))
    assert stranger.entity_id != "per:oleksii-reznikov"


def test_different_people_never_merge(store):
    canon = Canonicaliser(store, EntitySettings())
    docs = [
        _doc("a", _m("Vladimir Putin", "PER"), _m("Bakhmut", "LOC", "gn:1")),
        _doc("b", _m("Volodymyr Zelensky", "PER", "Q3874799"), _m("Bakhmut", "LOC", "gn:1")),
        _doc("c", _m("Kramatorsk", "LOC"), _m("Kostiantynivka", "LOC")),
    ]
    _run(store, canon, *docs)
    ids = {m.entity_id for d in docs for m in d.mentions}
    assert len(ids) == 5


def test_an_acronym_joins_the_organisation_it_abbreviates(store):
    canon = Canonicaliser(store, EntitySettings())
    _run(store, canon, _doc("a", _m("Institute for the Study of War", "ORG")))
    acronym = _m("ISW", "ORG")
    _run(store, canon, _doc("b", acronym))
    assert acronym.entity_id == "org:institute-for-the-study-of-war"
    assert "acronym" in (acronym.evidence or "")
