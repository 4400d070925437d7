"""What every store backend must do: the `Store` protocol, tested through it only.

Each test takes the `store` fixture (conftest.py), parametrised over every
backend, and uses nothing but the protocol's methods, `open_store` and the
model types: no SQL, no connection. A new backend passes this file unchanged.
"""

from __future__ import annotations

import inspect
import json
from collections import Counter

import numpy as np
import pytest

from newsweave.errors import EmbedderMismatch, NotFound, StoreError
from newsweave.model import (
    EntityBatch,
    EntityRecord,
    Event,
    Evidence,
    KBEntry,
    Mention,
    PartialDate,
    Quote,
    Skipped,
    Statement,
    StatementBatch,
    Timex,
    content_hash,
)
from newsweave.store import Store, check_embedder, open_store

from .builders import make_doc, make_group, save


def test_the_backend_implements_the_whole_protocol(store: Store) -> None:
    assert isinstance(store, Store)
    for name in (n for n in dir(Store) if not n.startswith("_")):
        wanted = inspect.signature(getattr(Store, name))
        given = inspect.signature(getattr(type(store), name))
        shape = [(p.name, p.kind, p.default) for p in wanted.parameters.values()]
        assert [(p.name, p.kind, p.default) for p in given.parameters.values()] == shape, name


# -- life cycle and metadata ---------------------------------------------------


def test_reopening_the_url_finds_what_was_stored(store: Store) -> None:
    save(store, [make_doc("a")])
    again = open_store(store.url)
    try:
        assert again.existing_ids(["a"]) == {"a"}
    finally:
        again.close()


def test_a_read_only_handle_reads_and_refuses_writes(store: Store) -> None:
    save(store, [make_doc("a")])
    reader = open_store(store.url, readonly=True)
    try:
        assert reader.count("documents") == 1
        with pytest.raises(StoreError):
            save(reader, [make_doc("b")])
    finally:
        reader.close()
    assert store.count("documents") == 1


def test_meta_values_are_kept_and_replaced(store: Store) -> None:
    assert store.get_meta("kb.curated.version") is None
    with store.transaction():
        store.set_meta("kb.curated.version", "one")
    with store.transaction():
        store.set_meta("kb.curated.version", "two")
    assert store.get_meta("kb.curated.version") == "two"


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.set_meta("note", "half done")
        raise RuntimeError("interrupted")
    assert store.get_meta("note") is None
    with store.transaction():  # and the next one works
        store.set_meta("note", "done")
    assert store.get_meta("note") == "done"


def test_the_first_embedder_is_recorded_and_another_is_refused(store: Store) -> None:
    check_embedder(store, "use-multilingual-v3")
    check_embedder(store, "use-multilingual-v3", 512)
    check_embedder(store, "use-multilingual-v3", 512)  # same again: fine
    with pytest.raises(EmbedderMismatch) as info:
        check_embedder(store, "sentence-transformers:paraphrase-mini")
    message = str(info.value)
    assert message.startswith("[E007]")
    assert "use-multilingual-v3" in message and "512" in message
    assert "new database" in message and "recluster" in message
    with pytest.raises(EmbedderMismatch, match="384 dimensions"):
        check_embedder(store, "use-multilingual-v3", 384)


# -- documents and dedup -------------------------------------------------------


def test_documents_round_trip(store: Store) -> None:
    doc = make_doc("a", published="2023-02", lang="fr", url="https://example.org/a")
    doc.story_id, doc.thread_id = 4, 2
    doc.evidence = Evidence(story_id=4, score=0.8, cosine=0.75, names=["Bakhmut"])
    doc.extra["agency"] = "AFP"
    save(store, [doc])
    back = store.document("a")
    assert back.text == doc.text and back.title == "Title a" and back.lang == "fr"
    assert back.url == "https://example.org/a"
    assert back.published == PartialDate(2023, 2)  # partial dates stay partial
    assert back.hash == content_hash(doc.text)
    assert (back.story_id, back.thread_id) == (4, 2)
    assert back.extra["evidence"]["shared_names"] == ["Bakhmut"]
    assert back.extra["agency"] == "AFP"
    with pytest.raises(NotFound):
        store.document("missing")

    [[again]] = list(store.iter_for_clustering())
    assert np.allclose(again.embedding, doc.embedding, atol=1e-3)  # may be stored as float16
    assert again.features.names == {"bahmut": "Bakhmut"}
    assert again.features.numbers == {"6000"} and again.features.quotes == {7, 9}


def test_known_hashes_and_existing_ids(store: Store) -> None:
    docs = [make_doc(f"d{i}") for i in range(3)]
    save(store, docs)
    stored = [d.hash for d in docs]
    asked = [content_hash(f"other {i}") for i in range(1200)] + stored  # a long list
    assert store.known_hashes(asked) == set(stored)
    assert store.known_hashes([]) == set()
    assert store.existing_ids(["d0", "d2", "nope"]) == {"d0", "d2"}


def test_lsh_candidates_return_each_document_once(store: Store) -> None:
    save(store, [make_doc("a"), make_doc("b")], keys={"a": [1, 2, 3], "b": [3, 4]})
    assert sorted(store.lsh_candidates([3])) == ["a", "b"]
    assert sorted(store.lsh_candidates([1, 2, 3])) == ["a", "b"]
    assert store.lsh_candidates([2]) == ["a"]
    assert store.lsh_candidates([99]) == []
    assert store.texts(["a", "zzz"]) == {"a": make_doc("a").text}


@pytest.mark.parametrize("failure", ["duplicate id", "no embedding"])
def test_save_batch_is_atomic(store: Store, failure: str) -> None:
    save(store, [make_doc("kept")], keys={"kept": [1]}, name_df=Counter({"bahmut": 1}))
    broken = make_doc("dup", text="Another text, so another hash.")
    if failure == "duplicate id":
        broken.id = "new1"
    else:
        broken.embedding = None
    batch = [make_doc("new1"), make_doc("new2"), broken]
    with pytest.raises(StoreError) as info:
        save(
            store,
            batch,
            stories=[make_group(1, "2023-01-01", "2023-01-02", parent=1)],
            threads=[make_group(1, "2023-01-01", "2023-01-02")],
            skipped=[Skipped("bad.html", "empty")],
            name_df=Counter({"bahmut": 5}),
            keys={"new1": [2], "new2": [3]},
        )
    assert str(info.value).startswith("[E004]")
    assert [d.id for d in store.documents()] == ["kept"]
    assert store.known_hashes([d.ensure_hash() for d in batch]) == set()
    assert store.lsh_candidates([1, 2, 3]) == ["kept"]
    assert [len(docs) for docs in store.iter_for_clustering()] == [1]
    assert store.count("stories") == store.count("threads") == store.count("skipped") == 0
    assert store.name_frequencies() == (1, Counter({"bahmut": 1}))
    # The failed transaction was closed: the next batch is written normally.
    save(store, [make_doc("next")])
    assert store.existing_ids(["kept", "next"]) == {"kept", "next"}


def test_skipped_items_are_recorded(store: Store) -> None:
    save(store, skipped=[Skipped("a.bin", "binary")])
    store.record_skipped([Skipped("b.html", "empty")])
    assert store.skipped() == [Skipped("a.bin", "binary"), Skipped("b.html", "empty")]
    assert store.count("skipped") == 2


def test_an_item_skipped_again_for_the_same_reason_is_recorded_once(store: Store) -> None:
    for _ in range(2):  # a rerun over the same input
        save(store, skipped=[Skipped("a.bin", "binary"), Skipped("c.txt", "empty")])
        store.record_skipped([Skipped("b.html", "empty")])
    store.record_skipped([Skipped("a.bin", "too large")])  # another reason is another row
    assert store.skipped() == [
        Skipped("a.bin", "binary"), Skipped("c.txt", "empty"), Skipped("b.html", "empty"),
        Skipped("a.bin", "too large"),
    ]  # fmt: skip


def test_count_refuses_unknown_tables(store: Store) -> None:
    with pytest.raises(ValueError):
        store.count("documents; DROP TABLE documents")


# -- groups --------------------------------------------------------------------


@pytest.fixture
def grouped(store: Store) -> Store:
    """Three stories saved in three batches (so three update sequences), two threads."""
    save(store, [make_doc("a")], stories=[make_group(1, "2023-01-10", "2023-01-12", 10)],
         threads=[make_group(10, "2023-01-10", "2023-01-12")],
         name_df=Counter({"bahmut": 1}))  # fmt: skip
    save(store, [make_doc("b")], stories=[make_group(2, "2023-03-01", "2023-03-05", 10)],
         threads=[make_group(10, "2023-01-10", "2023-03-05")],
         name_df=Counter({"bahmut": 1, "putin": 1}))  # fmt: skip
    save(store, [make_doc("c")], stories=[make_group(3, None, None, 11)],
         threads=[make_group(11, None, None)])  # fmt: skip
    return store


def test_groups_round_trip(grouped: Store) -> None:
    [loaded] = grouped.load_groups("story", None, None, {1, 3}, 10)
    original = make_group(2, "2023-03-01", "2023-03-05", 10)
    assert np.array_equal(loaded.vector_sum, original.vector_sum)
    for field in ("id", "size", "names", "numbers", "quotes", "languages", "first", "last",
                  "title", "parent", "members", "date_sum", "dated"):  # fmt: skip
        assert getattr(loaded, field) == getattr(original, field), field
    assert not loaded.dirty
    loaded.vector_sum += 1  # writable: the clusterer adds to it in place
    assert grouped.max_group_id("story") == 3 and grouped.max_group_id("thread") == 11


def test_load_groups_by_window(grouped: Store) -> None:
    def window(lo: str, hi: str, exclude: set[int] | None = None) -> list[int]:
        lo_ord, hi_ord = PartialDate.parse(lo).ordinal(), PartialDate.parse(hi).ordinal()
        return sorted(
            g.id for g in grouped.load_groups("story", lo_ord, hi_ord, exclude or set(), 0)
        )

    assert window("2023-02-25", "2023-03-02") == [2]  # overlaps the start of story 2
    assert window("2023-03-04", "2023-03-20") == [2]  # overlaps its end
    assert window("2023-01-01", "2023-12-31") == [1, 2]  # undated story 3 has no window
    assert window("2023-01-20", "2023-02-20") == []  # between the two
    assert window("2023-01-01", "2023-12-31", exclude={1}) == [2]
    threads = grouped.load_groups("thread", *(PartialDate(2023, 2, 1).ordinal(),) * 2, set(), 0)
    assert [t.id for t in threads] == [10]  # the thread spans January to March


def test_load_groups_by_recent_update(grouped: Store) -> None:
    assert [g.id for g in grouped.load_groups("story", None, None, set(), 2)] == [3, 2]
    assert [g.id for g in grouped.load_groups("story", None, None, set(), 10)] == [3, 2, 1]
    assert [g.id for g in grouped.load_groups("story", None, None, {3}, 2)] == [2]
    assert [g.id for g in grouped.load_groups("thread", None, None, set(), 10)] == [11, 10]


def test_name_frequencies_accumulate(grouped: Store) -> None:
    assert grouped.name_frequencies() == (3, Counter({"bahmut": 2, "putin": 1}))


def test_group_reads(grouped: Store) -> None:
    rows = grouped.group_rows("story")
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert [r["thread_id"] for r in rows] == [10, 10, 11]
    row = grouped.group_row("thread", 10)
    assert row["title"] == "Story 10" and row["size"] == 2
    assert row["first_published"] == "2023-01-10" and row["last_published"] == "2023-03-05"
    assert dict(row)["members"] == 1
    with pytest.raises(NotFound):
        grouped.group_row("story", 99)


def test_documents_members_and_order(store: Store) -> None:
    late = make_doc("late", published="2023-03-09")
    early = make_doc("early", published="2023-03-07")
    undated = make_doc("undated")
    other = make_doc("other", published="2023-03-08")
    for doc in (late, early, undated):
        doc.story_id, doc.thread_id = 1, 5
    other.story_id, other.thread_id = 2, 5
    save(store, [late, undated, early, other])
    assert [d.id for d in store.documents()] == ["late", "undated", "early", "other"]
    assert [d.id for d in store.documents(1)] == ["early", "late", "undated"]  # by date
    assert store.members("story") == {1: ["early", "late", "undated"], 2: ["other"]}
    assert store.members("thread") == {5: ["early", "other", "late", "undated"]}


def test_reset_clustering_keeps_documents_and_forgets_groups(grouped: Store) -> None:
    doc = make_doc("assigned")
    doc.story_id, doc.thread_id = 1, 10
    doc.evidence = Evidence(story_id=1, score=1.0, cosine=1.0, opened=True)
    save(grouped, [doc])
    grouped.reset_clustering()
    assert grouped.count("documents") == 4
    assert grouped.count("stories") == grouped.count("threads") == 0
    assert grouped.name_frequencies() == (4, Counter())
    back = grouped.document("assigned")
    assert back.story_id is None and back.thread_id is None and "evidence" not in back.extra
    assert grouped.max_group_id("story") == 0


def test_update_assignments_rewrites_what_recluster_decided(grouped: Store) -> None:
    grouped.reset_clustering()
    docs = [d for batch in grouped.iter_for_clustering(batch_size=2) for d in batch]
    assert [d.id for d in docs] == ["a", "b", "c"]  # arrival order, across pages
    for doc in docs:
        doc.story_id, doc.thread_id = 7, 70
        doc.evidence = Evidence(story_id=7, score=0.9, cosine=0.9)
    grouped.update_assignments(
        docs, [make_group(7, "2023-01-10", "2023-03-05", 70)],
        [make_group(70, "2023-01-10", "2023-03-05")], Counter({"bahmut": 3}),
    )  # fmt: skip
    assert grouped.members("story") == {7: ["a", "b", "c"]}
    assert grouped.document("b").extra["evidence"]["story_id"] == 7
    assert [g.id for g in grouped.load_groups("story", None, None, set(), 10)] == [7]
    assert grouped.name_frequencies() == (3, Counter({"bahmut": 3}))


# -- knowledge base ------------------------------------------------------------

ZELENSKY = KBEntry("Q1", "PER", "Volodymyr Zelensky", "Q1", labels={"fr": "Volodymyr Zelensky"},
                   aliases=["Zelensky"], country="UA")  # fmt: skip
BAKHMUT = KBEntry("gn:1", "LOC", "Bakhmut", labels={"fr": "Bakhmout"}, country="UA", lat=48.6,
                  lon=38.0, geonames=1, population=70000)  # fmt: skip


def test_knowledge_base_import_and_lookups(store: Store) -> None:
    written = store.import_kb(
        [
            (ZELENSKY, {("volodymyr zelensky", "fold"), ("zelensky", "fold")}),
            (BAKHMUT, {("bakhmut", "fold"), ("bakhmout", "fold"), ("bakhmut", "key")}),
        ],
        chunk=1,  # one transaction per entry: the chunks add up
    )
    assert written == 2 and store.kb_count() == 2 and store.kb_count("curated") == 2
    assert store.kb_lookup(["zelensky", "bakhmout", "kyiv"]) == {
        "zelensky": ["Q1"],
        "bakhmout": ["gn:1"],
    }
    assert store.kb_lookup(["bakhmut"], "key") == {"bakhmut": ["gn:1"]}
    entry = store.kb_entries(["gn:1", "nope"])["gn:1"]
    assert entry == BAKHMUT
    assert store.kb_by_geonames([1, 2]) == {1: "gn:1"}
    assert store.kb_stats() == [("curated", "LOC", 1, 0), ("curated", "PER", 1, 1)]
    # Importing an entry again replaces it, aliases included.
    store.import_kb([(ZELENSKY, {("zelenskyy", "fold")})])
    assert store.kb_lookup(["zelensky", "zelenskyy"]) == {"zelenskyy": ["Q1"]}
    assert store.kb_count() == 2


def test_replacing_a_source_keeps_what_another_source_wrote(store: Store) -> None:
    mine = KBEntry("kb:wagner", "ORG", "Wagner Group", source="user")
    store.import_kb([(ZELENSKY, {("zelensky", "fold")}), (mine, {("wagner", "fold")})])
    shipped = KBEntry("kb:wagner", "ORG", "Wagner PMC")  # same id in the new shipped base
    written = store.replace_kb_source("curated", [(BAKHMUT, {("bakhmut", "fold")}),
                                                  (shipped, {("wagner pmc", "fold")})])  # fmt: skip
    assert written == 1
    assert sorted(store.kb_entries(["Q1", "gn:1", "kb:wagner"])) == ["gn:1", "kb:wagner"]
    assert store.kb_entries(["kb:wagner"])["kb:wagner"].name == "Wagner Group"
    assert store.kb_lookup(["zelensky", "wagner", "wagner pmc"]) == {"wagner": ["kb:wagner"]}


# -- canonical entities and the reports on them --------------------------------

TEXT_EN = (
    "Zelensky said Bakhmut would hold. Wagner fighters claimed they took the east of Bakhmut. "
    '"We will not give up Bakhmut," Zelensky said on Wednesday.'
)
TEXT_FR = (
    "Selon Zelensky, Bakhmout tient toujours. Wagner a bombardé Bakhmout mardi. "
    "« Nous n'abandonnerons pas Bakhmout », a dit Zelensky."
)


def _mention(text: str, name: str, type_: str, entity: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(name, start, start + len(name), type_, "ner", entity_id=entity,
                   evidence="alias")  # fmt: skip


def _sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _reported_docs():
    en = make_doc("kyiv-1", text=TEXT_EN, published="2023-03-08", lang="en", source="wire-a")
    en.story_id = 1
    en.mentions = [
        _mention(TEXT_EN, "Zelensky", "PER", "Q1"),
        _mention(TEXT_EN, "Bakhmut", "LOC", "gn:1"),
        _mention(TEXT_EN, "Wagner", "ORG", "org:wagner-fighters"),
        _mention(TEXT_EN, "Bakhmut", "LOC", "gn:1", nth=1),
    ]
    en.timexes = [Timex("Wednesday", TEXT_EN.index("Wednesday"), TEXT_EN.index("Wednesday") + 9,
                        "DATE", "2023-03-08", anchor="dct")]  # fmt: skip
    qs, qe = _sentence(TEXT_EN, "We will not give up Bakhmut,")
    en.quotes = [Quote(TEXT_EN[qs:qe], qs, qe, "Zelensky", speaker="Q1", cue="said", how="name",
                       statement_id=1)]  # fmt: skip
    s0, s1 = _sentence(TEXT_EN, "Wagner fighters claimed they took the east of Bakhmut.")
    a0, a1 = _sentence(TEXT_EN, "took")
    en.events = [Event("capture", "took", s0, s1, a0, a1, actors=[2], place=3,
                       date="2023-03-07", claimed_by=2)]  # fmt: skip

    fr = make_doc("paris-1", text=TEXT_FR, published="2023-03-09", lang="fr", source="wire-b")
    fr.story_id = 1
    fr.mentions = [
        _mention(TEXT_FR, "Zelensky", "PER", "Q1"),
        _mention(TEXT_FR, "Wagner", "ORG", "org:wagner-fighters"),
        _mention(TEXT_FR, "Bakhmout", "LOC", "gn:1", nth=1),
    ]
    qs, qe = _sentence(TEXT_FR, "Nous n'abandonnerons pas Bakhmout")
    fr.quotes = [Quote(TEXT_FR[qs:qe], qs, qe, "Zelensky", speaker="Q1", cue="a dit", how="name",
                       statement_id=2)]  # fmt: skip
    s0, s1 = _sentence(TEXT_FR, "Wagner a bombardé Bakhmout mardi.")
    a0, a1 = _sentence(TEXT_FR, "a bombardé")
    fr.events = [Event("attack", "a bombardé", s0, s1, a0, a1, actors=[1], targets=[2],
                       date="2023-03-07", date_text="mardi")]  # fmt: skip
    return en, fr


def _entities() -> EntityBatch:
    return EntityBatch(
        new=[
            EntityRecord("Q1", "PER", "Volodymyr Zelensky", kb_id="Q1", wikidata="Q1"),
            EntityRecord("gn:1", "LOC", "Bakhmut", kb_id="gn:1", country="UA", lat=48.6, lon=38.0),
            EntityRecord("org:wagner-fighters", "ORG", "Wagner fighters"),
        ],
        keys=[("volodymyr-zelensky", "key", "Q1"), ("per:zelensky", "surname", "Q1"),
              ("bakhmut", "key", "gn:1"), ("wagner-fighters", "key", "org:wagner-fighters")],
        aliases={("Q1", "Zelensky", "en"): (2, "alias"), ("Q1", "Zelensky", "fr"): (1, "alias"),
                 ("gn:1", "Bakhmut", "en"): (2, "alias"), ("gn:1", "Bakhmout", "fr"): (1, "alias"),
                 ("org:wagner-fighters", "Wagner", "en"): (2, "new")},
        counts={"Q1": (2, 2), "gn:1": (3, 2), "org:wagner-fighters": (2, 2)},
        context={"Q1": {"gn:1": 2}, "gn:1": {"Q1": 2, "org:wagner-fighters": 2}},
    )  # fmt: skip


def _statements() -> StatementBatch:
    vector = np.ones(8, dtype=np.float32) / np.sqrt(8)
    return StatementBatch(
        statements=[
            Statement(1, "Q1", "We will not give up Bakhmut,", "en", vector=vector,
                      keys={11, 12, 13}, first_day=738587.0, last_day=738587.0,
                      first_published="2023-03-08", last_published="2023-03-08", quotes=1,
                      documents=1, languages={"en"}, sources={"wire-a"}),
            Statement(2, "Q1", "Nous n'abandonnerons pas Bakhmout", "fr", keys={21, 22},
                      first_published="2023-03-09", last_published="2023-03-09", quotes=1,
                      documents=1, languages={"fr"}, sources={"wire-b"}),
            Statement(3, None, "Untraced words", "en", keys={12, 31}),
        ]
    )  # fmt: skip


@pytest.fixture
def reported(store: Store) -> Store:
    """Two articles in two languages with entities, time expressions, quotes and events."""
    en, fr = _reported_docs()
    save(store, [en, fr], entities=_entities(), statements=_statements())
    return store


def test_entity_records_and_lookups(reported: Store) -> None:
    records = reported.entity_records(["Q1", "gn:1", "nope"])
    assert sorted(records) == ["Q1", "gn:1"]
    assert records["gn:1"].mentions == 3 and records["gn:1"].documents == 2
    assert records["gn:1"].lat == 48.6 and records["gn:1"].context == {
        "Q1": 2,
        "org:wagner-fighters": 2,
    }
    assert reported.entity_lookup([("per:zelensky", "surname"), ("nothing", "key")]) == {
        ("per:zelensky", "surname"): ["Q1"]
    }
    assert reported.entity_keys_of("Q1", "key") == ["volodymyr-zelensky"]


def test_a_later_batch_adds_to_counts_and_context(reported: Store) -> None:
    save(reported, entities=EntityBatch(counts={"Q1": (3, 1)}, context={"Q1": {"gn:1": 1}}))
    record = reported.entity_records(["Q1"])["Q1"]
    assert (record.mentions, record.documents) == (5, 3)
    assert record.context == {"gn:1": 3}


def test_entity_reads(reported: Store) -> None:
    rows = reported.entity_rows()
    assert [r["id"] for r in rows] == ["gn:1", "Q1", "org:wagner-fighters"]  # by mentions
    assert [r["id"] for r in reported.entity_rows(type="LOC")] == ["gn:1"]
    assert len(reported.entity_rows(limit=1)) == 1
    assert reported.entity_rows(min_mentions=3)[0]["name"] == "Bakhmut"
    assert reported.entity_row("Q1")["wikidata"] == "Q1"
    assert reported.entity_row("nope") is None
    assert reported.entities_named("zelensky") == ["Q1"]  # an alias, any case
    assert reported.entities_named("Volodymyr Zelensky") == ["Q1"]
    assert reported.entities_named("Q1") == ["Q1"]
    assert reported.entities_named("Kyiv") == []
    aliases = [(r["alias"], r["lang"], r["count"]) for r in reported.entity_aliases("gn:1")]
    assert aliases == [("Bakhmut", "en", 2), ("Bakhmout", "fr", 1)]
    assert list(reported.all_entity_aliases())[:2] == [("Q1", "Zelensky"), ("Q1", "Zelensky")]
    mentions = [(r["doc_id"], r["text"], r["story_id"], r["lang"])
                for r in reported.entity_mentions("gn:1")]  # fmt: skip
    assert mentions == [("kyiv-1", "Bakhmut", 1, "en"), ("kyiv-1", "Bakhmut", 1, "en"),
                        ("paris-1", "Bakhmout", 1, "fr")]  # fmt: skip
    assert len(list(reported.entity_mentions())) == 7
    spread = sorted(reported.mention_spread())
    assert ("gn:1", "en", 1, 2) in spread and ("gn:1", "fr", 1, 1) in spread
    assert reported.merged_into("Q1") == []


def test_a_merge_redirects_mentions_quotes_and_events(reported: Store) -> None:
    wagner = EntityRecord("org:wagner", "ORG", "Wagner Group")
    save(reported, entities=EntityBatch(
        new=[wagner], keys=[("wagner-group", "key", "org:wagner")], counts={"org:wagner": (1, 1)},
        merges=[("org:wagner-fighters", "org:wagner", "same organisation")],
    ))  # fmt: skip
    records = reported.entity_records(["org:wagner-fighters", "org:wagner"])
    assert records["org:wagner-fighters"].merged_into == "org:wagner"
    assert (records["org:wagner"].mentions, records["org:wagner"].documents) == (3, 3)
    assert reported.merged_into("org:wagner") == ["org:wagner-fighters"]
    assert reported.entity_lookup([("wagner-fighters", "key")]) == {
        ("wagner-fighters", "key"): ["org:wagner"]
    }
    assert reported.entities_named("Wagner") == ["org:wagner"]
    assert [r["id"] for r in reported.entity_rows(type="ORG")] == ["org:wagner"]
    assert {r["doc_id"] for r in reported.entity_mentions("org:wagner")} == {"kyiv-1", "paris-1"}
    events = reported.event_rows(entities=["org:wagner"])
    assert [e["type"] for e in events] == ["capture", "attack"]
    assert events[0]["claimed_by"] == "org:wagner"
    assert reported.event_rows(entities=["org:wagner-fighters"]) == []


# -- statements, quotes, time expressions, events ------------------------------


def test_quote_and_statement_reads(reported: Store) -> None:
    quotes = reported.quote_rows()
    assert [(q["doc_id"], q["speaker"], q["statement_id"]) for q in quotes] == [
        ("kyiv-1", "Q1", 1), ("paris-1", "Q1", 2)]  # fmt: skip
    first = quotes[0]
    assert first["text"] == "We will not give up Bakhmut," and first["cue"] == "said"
    assert (first["lang"], first["source"], first["published"]) == ("en", "wire-a", "2023-03-08")
    assert [q["doc_id"] for q in reported.quote_rows(doc_id="paris-1")] == ["paris-1"]
    assert len(reported.quote_rows(speakers=["Q1"], story_id=1)) == 2
    assert reported.quote_rows(speakers=[]) == []
    assert len(reported.quote_rows(statement_id=2)) == 1
    assert len(reported.quote_rows(limit=1)) == 1
    rows = reported.statement_rows([2, 1, 99])
    assert [r["id"] for r in rows] == [1, 2]
    assert rows[0]["speaker"] == "Q1" and rows[0]["documents"] == 1


def test_statement_candidates_by_speaker_and_shared_words(reported: Store) -> None:
    assert reported.max_statement_id() == 3
    by_speaker = reported.statement_candidates(["Q1"], [], per_speaker=1)
    assert [s.id for s in by_speaker] == [2]  # the speaker's latest
    shared = reported.statement_candidates([], [11, 12, 99], per_speaker=5)
    assert [s.id for s in shared] == [1]  # two shared keys; statement 3 shares only one
    [found] = shared
    assert found.keys == {11, 12, 13} and found.languages == {"en"}
    assert found.sources == {"wire-a"} and found.first_day == 738587.0
    assert np.allclose(found.vector, np.ones(8) / np.sqrt(8), atol=1e-3)
    assert [s.id for s in reported.statement_candidates(["Q1"], [21, 22], per_speaker=5)] == [1, 2]


def test_a_statement_merge_moves_its_quotes(reported: Store) -> None:
    kept = Statement(1, "Q1", "We will not give up Bakhmut,", "en", keys={11, 12, 13, 21},
                     quotes=2, documents=2, languages={"en", "fr"}, sources={"wire-a", "wire-b"})  # fmt: skip
    save(reported, statements=StatementBatch(statements=[kept], merges=[(2, 1)]))
    assert [q["statement_id"] for q in reported.quote_rows()] == [1, 1]
    [row] = reported.statement_rows([1, 2])
    assert row["documents"] == 2 and row["quotes"] == 2
    [again] = reported.statement_candidates([], [11, 21], per_speaker=0)
    assert again.languages == {"en", "fr"}
    assert again.vector is not None  # a batch without a vector keeps the stored one


def test_event_and_timex_reads(reported: Store) -> None:
    events = reported.event_rows()
    assert [(e["doc_id"], e["type"]) for e in events] == [("kyiv-1", "capture"),
                                                          ("paris-1", "attack")]  # fmt: skip
    capture, attack = events
    assert capture["sentence"] == "Wagner fighters claimed they took the east of Bakhmut."
    assert capture["place"] == "gn:1" and capture["claimed_by"] == "org:wagner-fighters"
    assert json.loads(capture["actors"]) == ["org:wagner-fighters"]  # list columns: JSON text
    assert json.loads(attack["targets"]) == ["gn:1"]
    assert attack["date_text"] == "mardi" and attack["lang"] == "fr"
    assert [e["type"] for e in reported.event_rows(type="attack")] == ["attack"]
    assert [e["type"] for e in reported.event_rows(entities=["gn:1"])] == ["capture", "attack"]
    assert reported.event_rows(entities=["Q1"]) == []
    assert [e["doc_id"] for e in reported.event_rows(doc_id="paris-1")] == ["paris-1"]
    assert len(reported.event_rows(story_id=1, limit=1)) == 1
    [timex] = reported.timex_rows("kyiv-1")
    assert (timex["text"], timex["type"], timex["value"]) == ("Wednesday", "DATE", "2023-03-08")
    assert timex["anchor"] == "dct" and timex["resolved"]
    assert reported.timex_rows("paris-1") == []


def test_boilerplate_counts_accumulate_per_source(store: Store) -> None:
    assert store.boilerplate_counts("courier.example", [1, 2]) == (0, {})
    save(store, [make_doc("a")], boilerplate={"courier.example": (2, Counter({1: 2, 2: 1}))})
    save(store, [make_doc("b")], boilerplate={"courier.example": (1, Counter({1: 1, 3: 1}))})
    save(store, [make_doc("c")], boilerplate={"other.example": (1, Counter({1: 1}))})
    assert store.boilerplate_counts("courier.example", [1, 2, 3, 4]) == (3, {1: 3, 2: 1, 3: 1})
    assert store.boilerplate_counts("other.example", [1]) == (1, {1: 1})
    url = make_doc("d", url="https://courier.example/d")
    save(store, [url])
    assert store.url_and_source(["d", "missing"]) == {"d": ("https://courier.example/d", None)}
