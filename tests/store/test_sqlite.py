"""The SQLite store on a temporary file: schema, atomic batches, paging groups in."""

import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsweave.clustering.online import Group
from newsweave.errors import ConfigError, NotFound, StoreError
from newsweave.model import Document, Evidence, Features, PartialDate, Skipped, content_hash
from newsweave.store import SQLiteStore, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(tmp_path / "news.db")
    yield opened
    opened.close()


def make_doc(doc_id: str, text: str | None = None, published: str | None = None, **kw) -> Document:
    rng = np.random.default_rng(zlib.crc32(doc_id.encode()))
    vector = rng.normal(size=16).astype(np.float32)
    return Document(
        id=doc_id,
        text=text or f"Body of {doc_id}: troops, talks and figures.",
        title=f"Title {doc_id}",
        published=PartialDate.parse(published) if published else None,
        embedding=vector / np.linalg.norm(vector),
        features=Features(names={"bahmut": "Bakhmut"}, numbers={"6000"}, quotes={7, 9}),
        **kw,
    )


def make_group(gid: int, first: str | None, last: str | None, parent: int | None = None) -> Group:
    start = PartialDate.parse(first) if first else None
    end = PartialDate.parse(last) if last else None
    dated = [d for d in (start, end) if d is not None]
    return Group(
        id=gid,
        vector_sum=np.arange(16, dtype=np.float32) + gid,
        size=2,
        names=Counter({"bahmut": 2, "putin": 1}),
        numbers=Counter({"6000": 1}),
        quotes={3, 5, 8},
        languages=Counter({"en": 1, "fr": 1}),
        first=start,
        last=end,
        title=f"Story {gid}",
        parent=parent,
        members=0 if parent else 1,
        date_sum=sum(d.ordinal() for d in dated),
        dated=len(dated),
    )


def save(store: SQLiteStore, docs=(), stories=(), threads=(), skipped=(), name_df=None, keys=None):
    store.save_batch(list(docs), keys or {}, list(stories), list(threads), list(skipped), name_df)


# -- schema --------------------------------------------------------------------


def test_migrations_run_once_and_the_schema_is_current(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    for _ in range(2):
        store = open_store(path)
        assert store.schema_version() == 3
        rows = store.conn.execute("SELECT version FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == [1, 2, 3]
        store.close()
    reopened = open_store(f"sqlite:///{path}")
    assert reopened.count("documents") == 0
    reopened.close()


def test_journal_mode_is_wal(store: SQLiteStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(info.value).startswith("[E004]")
    assert "notes.db" in str(info.value)
    assert path.read_bytes() == content  # left untouched


def test_a_database_from_a_newer_newsweave_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    store.conn.execute("INSERT INTO schema_migrations VALUES (99, 'later')")
    store.close()
    with pytest.raises(StoreError, match="schema v99, newer than this newsweave"):
        open_store(path)


def test_postgres_urls_are_refused_with_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PostgreSQL"):
        open_store("postgresql://localhost/news")


# -- documents -----------------------------------------------------------------


def test_documents_round_trip(store: SQLiteStore) -> None:
    doc = make_doc("a", published="2023-02", lang="fr", url="https://example.org/a")
    doc.story_id, doc.thread_id = 4, 2
    doc.evidence = Evidence(story_id=4, score=0.8, cosine=0.75, names=["Bakhmut"])
    save(store, [doc])
    back = store.document("a")
    assert back.text == doc.text and back.title == "Title a" and back.lang == "fr"
    assert back.published == PartialDate(2023, 2)  # partial dates stay partial
    assert back.hash == content_hash(doc.text)
    assert (back.story_id, back.thread_id) == (4, 2)
    assert back.extra["evidence"]["shared_names"] == ["Bakhmut"]
    with pytest.raises(NotFound):
        store.document("missing")

    [[again]] = list(store.iter_for_clustering())
    assert np.allclose(again.embedding, doc.embedding, atol=1e-3)  # stored as float16
    assert again.features.names == {"bahmut": "Bakhmut"}
    assert again.features.numbers == {"6000"} and again.features.quotes == {7, 9}


def test_known_hashes_and_existing_ids(store: SQLiteStore) -> None:
    docs = [make_doc(f"d{i}") for i in range(3)]
    save(store, docs)
    stored = [d.hash for d in docs]
    asked = [content_hash(f"other {i}") for i in range(1200)] + stored  # more than one chunk
    assert store.known_hashes(asked) == set(stored)
    assert store.known_hashes([]) == set()
    assert store.existing_ids(["d0", "d2", "nope"]) == {"d0", "d2"}


def test_lsh_candidates_return_each_document_once(store: SQLiteStore) -> None:
    save(store, [make_doc("a"), make_doc("b")], keys={"a": [1, 2, 3], "b": [3, 4]})
    assert sorted(store.lsh_candidates([3])) == ["a", "b"]
    assert sorted(store.lsh_candidates([1, 2, 3])) == ["a", "b"]
    assert store.lsh_candidates([2]) == ["a"]
    assert store.lsh_candidates([99]) == []
    assert store.texts(["a", "zzz"]) == {"a": make_doc("a").text}


@pytest.mark.parametrize("failure", ["duplicate id", "no embedding"])
def test_save_batch_is_atomic(store: SQLiteStore, failure: str) -> None:
    save(store, [make_doc("kept")], keys={"kept": [1]}, name_df=Counter({"bahmut": 1}))
    broken = make_doc("dup", text="Another text, so another hash.")
    if failure == "duplicate id":
        broken.id = "new1"
    else:
        broken.embedding = None
    batch = [make_doc("new1"), make_doc("new2"), broken]
    with pytest.raises((sqlite3.IntegrityError, AssertionError)):
        save(
            store,
            batch,
            stories=[make_group(1, "2023-01-01", "2023-01-02", parent=1)],
            threads=[make_group(1, "2023-01-01", "2023-01-02")],
            skipped=[Skipped("bad.html", "empty")],
            name_df=Counter({"bahmut": 5}),
            keys={"new1": [2], "new2": [3]},
        )
    assert [d.id for d in store.documents()] == ["kept"]
    assert store.known_hashes([d.ensure_hash() for d in batch]) == set()
    assert store.lsh_candidates([1, 2, 3]) == ["kept"]
    assert store.conn.execute("SELECT count(*) FROM doc_features").fetchone()[0] == 1
    assert store.count("stories") == store.count("threads") == store.count("skipped") == 0
    assert store.name_frequencies() == (1, Counter({"bahmut": 1}))
    # The failed transaction was closed: the next batch is written normally.
    save(store, [make_doc("next")])
    assert store.existing_ids(["kept", "next"]) == {"kept", "next"}


def test_skipped_items_are_recorded(store: SQLiteStore) -> None:
    save(store, skipped=[Skipped("a.bin", "binary")])
    store.record_skipped([Skipped("b.html", "empty")])
    assert store.skipped() == [Skipped("a.bin", "binary"), Skipped("b.html", "empty")]


# -- groups --------------------------------------------------------------------


@pytest.fixture
def grouped(store: SQLiteStore) -> SQLiteStore:
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


def test_groups_round_trip(grouped: SQLiteStore) -> None:
    [loaded] = grouped.load_groups("story", None, None, {1, 3}, 10)
    original = make_group(2, "2023-03-01", "2023-03-05", 10)
    assert np.array_equal(loaded.vector_sum, original.vector_sum)
    for field in ("id", "size", "names", "numbers", "quotes", "languages", "first", "last",
                  "title", "parent", "members", "date_sum", "dated"):  # fmt: skip
        assert getattr(loaded, field) == getattr(original, field), field
    assert not loaded.dirty
    loaded.vector_sum += 1  # writable: the clusterer adds to it in place
    assert grouped.max_group_id("story") == 3 and grouped.max_group_id("thread") == 11


def test_load_groups_by_window(grouped: SQLiteStore) -> None:
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


def test_load_groups_by_recent_update(grouped: SQLiteStore) -> None:
    assert [g.id for g in grouped.load_groups("story", None, None, set(), 2)] == [3, 2]
    assert [g.id for g in grouped.load_groups("story", None, None, set(), 10)] == [3, 2, 1]
    assert [g.id for g in grouped.load_groups("story", None, None, {3}, 2)] == [2]
    assert [g.id for g in grouped.load_groups("thread", None, None, set(), 10)] == [11, 10]


def test_name_frequencies_accumulate(grouped: SQLiteStore) -> None:
    assert grouped.name_frequencies() == (3, Counter({"bahmut": 2, "putin": 1}))


def test_reset_clustering_keeps_documents_and_forgets_groups(grouped: SQLiteStore) -> None:
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
