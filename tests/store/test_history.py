"""Ids a later ingest changes are recorded: old -> new, why, which article, when.

A later article can merge an entity stored earlier into another (its stored
mentions, quotes and events are re-pointed) and fold a stored statement into
another (its quotes follow). Each change is one `id_changes` row written with
the batch that made it; `history.follow` leads a saved id to the one that
survived, and `show`, `quotes --entity` and `quotes --statement` take old ids.
Real SQLite, the real canonicaliser and statement grouper; the documents are
built in code.
"""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.config import EntitySettings, StatementSettings
from newsweave.entities.canonical import Canonicaliser
from newsweave.entities.link import local_key
from newsweave.entities.report import get_entity
from newsweave.export import build_export, export_schema
from newsweave.history import follow, list_changes
from newsweave.model import Mention, Quote
from newsweave.statements.group import StatementGrouper
from newsweave.statements.report import list_quotes
from newsweave.store import Store

from .builders import make_doc, save


def _person(text: str) -> Mention:
    return Mention(text, 0, len(text), "PER", "ner", local_key("PER", text, "en"))


def _article(doc_id: str, name: str, words: str, day: int):
    """An article in which `name` says `words` (one mention, one quote)."""
    doc = make_doc(doc_id, f"{name} said: “{words}”", published=f"2023-03-{day:02d}", lang="en")
    doc.mentions = [_person(name)]
    start = doc.text.index(words)
    doc.quotes = [Quote(words, start, start + len(words), speaker_text=name, speaker_mention=0)]
    return doc


def _ingest(store: Store, canon: Canonicaliser, grouper: StatementGrouper, *docs) -> None:
    """What the pipeline's main process does with a batch: entities, statements, store."""
    entities = canon.resolve(docs)
    statements = grouper.assign(docs)
    save(store, docs, entities=entities, statements=statements)


def test_an_entity_merged_by_a_later_article_is_recorded_and_still_resolves(store: Store):
    canon = Canonicaliser(store, EntitySettings())
    grouper = StatementGrouper(store, StatementSettings())
    _ingest(store, canon, grouper, _article("a", "Prigozhin", "Our fighters hold the east", 6))
    assert [q["speaker"] for q in store.quote_rows()] == ["per:prigozhin"]
    # A later ingest learns the full name: the surname-only entity is merged into it.
    later = _article("b", "Yevgeny Prigozhin", "We are short of shells again", 8)
    _ingest(store, canon, grouper, later)

    (change,) = list_changes(store)
    print(f"\nrecorded: {change}")
    assert (change.kind, change.old, change.new) == (
        "entity", "per:prigozhin", "per:yevgeny-prigozhin",
    )  # fmt: skip
    assert "surname" in change.reason and change.doc == "b" and change.moved == 1
    assert change.at.startswith("20")
    # The earlier article's mention and quote now name the survivor...
    assert {q["speaker"] for q in store.quote_rows()} == {"per:yevgeny-prigozhin"}
    # ...and the saved id still leads to them.
    assert follow(store, "entity", "per:prigozhin")[0] == "per:yevgeny-prigozhin"
    quoted = list_quotes(store, entity="per:prigozhin")
    assert [q.doc for q in quoted] == ["a", "b"]
    detail = get_entity(store, "per:prigozhin")
    assert detail.summary.id == "per:yevgeny-prigozhin"
    assert detail.redirects[0]["reason"] == change.reason
    assert follow(store, "entity", "per:yevgeny-prigozhin") == ("per:yevgeny-prigozhin", [])

    runner = CliRunner()
    shown = runner.invoke(cli, ["show", "per:prigozhin", "--db", store.url])
    assert shown.exit_code == 0, shown.output
    assert "per:prigozhin was merged into per:yevgeny-prigozhin" in shown.output
    listed = runner.invoke(cli, ["quotes", "--entity", "per:prigozhin", "--db", store.url,
                                 "--json"])  # fmt: skip
    assert [q["doc"] for q in json.loads(listed.output)] == ["a", "b"]


def test_a_merge_inside_one_batch_changes_no_id_anyone_saw(store: Store):
    canon = Canonicaliser(store, EntitySettings())
    grouper = StatementGrouper(store, StatementSettings())
    _ingest(store, canon, grouper,
            _article("a", "Prigozhin", "Our fighters hold the east", 6),
            _article("b", "Yevgeny Prigozhin", "We are short of shells again", 8))  # fmt: skip
    assert canon.batch.merges  # merged, but the surname entity was never stored alone
    assert list_changes(store) == []


def test_a_statement_folded_by_a_later_quote_is_recorded_and_still_resolves(store: Store):
    canon = Canonicaliser(store, EntitySettings())
    grouper = StatementGrouper(store, StatementSettings())
    who = "Jens Stoltenberg"
    fragment = _article("a", who, "in the next few days", 6)
    first_half = _article("b", who, "We cannot rule out that Bakhmut will finally fall", 7)
    _ingest(store, canon, grouper, fragment)
    _ingest(store, canon, grouper, first_half)
    before = {q["doc_id"]: q["statement_id"] for q in store.quote_rows()}
    assert before["a"] != before["b"]  # two statements so far
    # The whole quote shows both are one thing said: one of them is folded away.
    whole = _article("c", who, "We cannot rule out that Bakhmut will finally fall in the "
                     "next few days", 8)  # fmt: skip
    _ingest(store, canon, grouper, whole)

    (change,) = list_changes(store, "statement")
    print(f"\nrecorded: {change}")
    assert {change.old, change.new} == set(before.values())
    assert change.doc == "c" and "c#q0" in change.reason and change.moved == 1
    assert store.statement_rows([change.old]) == []  # the old id is gone from the table
    assert follow(store, "statement", change.old)[0] == change.new
    assert follow(store, "statement", str(change.old))[0] == change.new  # as typed
    assert len(list_quotes(store, statement=change.old)) == 3

    export = build_export(store)
    jsonschema.validate(export, export_schema())
    assert [(c["kind"], c["old"], c["new"]) for c in export["changes"]] == [
        ("statement", change.old, change.new)
    ]
    runner = CliRunner()
    listed = runner.invoke(cli, ["quotes", "--statement", str(change.old), "--db", store.url,
                                 "--json"])  # fmt: skip
    assert listed.exit_code == 0, listed.output
    assert sorted(q["doc"] for q in json.loads(listed.output)) == ["a", "b", "c"]


def test_a_chain_of_changes_is_followed_to_its_end(store: Store):
    """A surname entity merged, then (a later release) that survivor merged again:
    the first id still leads to the last."""
    with store.transaction():
        store._record_change("entity", "per:a", "per:b", "first", "d1", 1)  # type: ignore[attr-defined]
        store._record_change("entity", "per:b", "per:c", "second", "d2", 2)  # type: ignore[attr-defined]
        store._record_change("entity", "per:c", "per:b", "a cycle", "d3", 0)  # type: ignore[attr-defined]
    current, path = follow(store, "entity", "per:a")
    assert [c.reason for c in path] == ["first", "second", "a cycle"]
    assert current == "per:b"  # a cycle ends the walk instead of looping
