"""The stage registry: names from the settings, null variants, order, a user's own stage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.config import EntitySettings, Settings, StatementSettings
from newsweave.errors import ConfigError
from newsweave.model import Document, PartialDate
from newsweave.pipeline import enrich, ingest_documents
from newsweave.stages import (
    Enriched,
    FunctionStage,
    NullStage,
    build_stages,
    known_stages,
    register_stage,
    run_stages,
    unregister_stage,
)
from newsweave.store import open_store

SHIPPED = ["language", "entities", "features", "embed", "timex", "quotes", "events"]


def _docs() -> list[Document]:
    return [
        Document("a", "Heavy rain flooded the old harbour of Ravenna on Tuesday.", lang="en"),
        Document("b", "Le maire a rouvert le pont mardi après les crues.", lang="fr"),
    ]


@pytest.fixture
def marks() -> Iterator[list[tuple[str, str]]]:
    """Two test stages, "first" and "second", that record (stage, document id) as they run."""
    seen: list[tuple[str, str]] = []

    def recorder(name: str):
        def factory(settings: Settings) -> FunctionStage:
            def run(docs: list[Document]) -> None:
                seen.extend((name, d.id) for d in docs)

            return FunctionStage(name, run)

        return factory

    register_stage("first")(recorder("first"))
    register_stage("second")(recorder("second"))
    yield seen
    unregister_stage("first")
    unregister_stage("second")


def test_default_stages_are_the_shipped_ones_in_order() -> None:
    assert list(Settings().stages) == SHIPPED
    assert [s.name for s in build_stages(Settings())] == SHIPPED
    assert set(SHIPPED) | {"null"} <= set(known_stages())


def test_unknown_stage_is_a_coded_error_listing_the_known_names() -> None:
    with pytest.raises(ConfigError) as err:
        build_stages(Settings(stages=("language", "sumarise")))
    message = str(err.value)
    assert message.startswith("[E002]") and "'sumarise'" in message
    for name in [*SHIPPED, "null"]:
        assert name in message


def test_unknown_stage_fails_before_any_document_is_read(tmp_path) -> None:
    settings = Settings(db=str(tmp_path / "s.db"), workers=0, stages=("features", "nope"))
    with pytest.raises(ConfigError, match="unknown stage 'nope'"):
        ingest_documents(_docs(), open_store(settings.db), settings)


def test_a_stage_listed_twice_is_rejected() -> None:
    with pytest.raises(ConfigError, match="features more than once"):
        Settings(stages=("features", "embed", "features"))


def test_null_stage_leaves_documents_as_they_are() -> None:
    docs = _docs()
    out = enrich(docs, Settings(stages=("null",)))
    assert out.docs is docs and out.timings == {}
    assert all(d.features is None and d.embedding is None and d.mentions == [] for d in docs)


def test_switched_off_settings_build_null_variants() -> None:
    off = Settings(
        entities=EntitySettings(enabled=False), statements=StatementSettings(enabled=False)
    )
    stages = {s.name: s for s in build_stages(off)}
    assert list(stages) == SHIPPED
    for name in ("entities", "timex", "quotes", "events"):
        assert isinstance(stages[name], NullStage), name
    for name in ("language", "features", "embed"):
        assert not isinstance(stages[name], NullStage), name


def test_switched_off_statement_stages_leave_fields_empty() -> None:
    no_kb = EntitySettings(enabled=False)
    off = StatementSettings(enabled=False)
    doc = Document(
        "q", "“We will rebuild the bridge by May,” the mayor said on Tuesday.", lang="en"
    )
    doc.published = PartialDate(2023, 5, 16)
    enrich([doc], Settings(statements=off, entities=no_kb, stages=("timex", "quotes")))
    assert doc.timexes == [] and doc.quotes == []
    # The same stages switched on fill both fields; the quote stage embeds the quote.
    enrich([doc], Settings(entities=no_kb, stages=("timex", "quotes")))
    assert [t.text for t in doc.timexes] == ["May", "Tuesday"]
    assert [q.text for q in doc.quotes] == ["We will rebuild the bridge by May"]
    assert doc.quotes[0].vector is not None and doc.quotes[0].vector.shape == (512,)


def test_configured_order_is_respected(marks) -> None:
    enrich(_docs(), Settings(stages=("second", "null", "first")))
    assert marks == [("second", "a"), ("second", "b"), ("first", "a"), ("first", "b")]
    marks.clear()
    enrich(_docs(), Settings(stages=("first", "second")))
    assert [name for name, _ in marks] == ["first", "first", "second", "second"]


def test_stage_timings_add_up_per_step() -> None:
    class Twice:
        name = "twice"

        def run(self, docs: list[Document]) -> Enriched:
            return Enriched(docs, {"step": 1.5})

    out = run_stages(_docs(), [Twice(), NullStage(), Twice()])
    assert out.timings == {"step": 3.0}


def test_a_function_stage_without_timings_is_timed_under_its_name() -> None:
    out = FunctionStage("tag", lambda docs: None).run(_docs())
    assert list(out.timings) == ["tag"] and out.timings["tag"] >= 0.0


def test_null_is_a_reserved_name() -> None:
    with pytest.raises(ConfigError, match="reserved"):
        register_stage("null")(lambda settings: NullStage())


def test_missing_stage_module_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"cannot import stage module 'newsweave\.nowhere'"):
        build_stages(Settings(stage_modules=("newsweave.nowhere",)))


def test_the_store_needs_features_and_embeddings(tmp_path) -> None:
    settings = Settings(
        db=str(tmp_path / "s.db"),
        workers=0,
        stages=("language",),
        entities=EntitySettings(enabled=False),
        statements=StatementSettings(enabled=False),
    )
    with pytest.raises(ConfigError, match="must include 'features' and 'embed'"):
        ingest_documents(_docs(), open_store(settings.db), settings)


@pytest.mark.slow
def test_a_custom_stage_runs_in_the_pipeline(tmp_path) -> None:
    """A stage a user registers runs between the shipped ones, over every batch."""
    tagged: list[str] = []

    def tagger(settings: Settings) -> FunctionStage:
        def tag(docs: list[Document]) -> None:
            for doc in docs:
                assert doc.lang in ("en", "fr")  # the language stage ran before it
                doc.extra["tag"] = f"{doc.lang}:{len(doc.text.split())}"
                tagged.append(doc.id)

        return FunctionStage("tagger", tag)

    register_stage("tagger")(tagger)
    try:
        settings = Settings(
            db=str(tmp_path / "s.db"),
            workers=0,
            batch_size=1,
            stages=("language", "tagger", "features", "embed"),
            entities=EntitySettings(enabled=False),
            statements=StatementSettings(enabled=False),
        )
        store = open_store(settings.db)
        report = ingest_documents(_docs(), store, settings)
    finally:
        unregister_stage("tagger")
    assert report.stored == 2 and sorted(tagged) == ["a", "b"]
    assert "tagger" in report.timings and "ner" not in report.timings
    assert {d.id: d.extra.get("tag") for d in store.documents()} == {"a": "en:10", "b": "fr:10"}
