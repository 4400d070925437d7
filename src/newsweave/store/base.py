"""The store interface: what the pipeline, the stages and the readers ask of a database.

Split by role so a component names only what it uses: the dedup stage a
`DocumentStore`, the clusterer a `GroupStore`, a worker process a read-only
`KnowledgeBaseStore`, the CLI and API a `ReadStore`. `Store` is all of them;
every backend (`sqlite.py` today, PostgreSQL later) implements it and passes
`tests/store/test_contract.py` unchanged.

Signatures use the plain types of `newsweave.model`. Report reads return
`Row`s: one result row read by column name (`row["title"]`, `dict(row)`),
which a database cursor gives without copying.

`open_store(url)` is the one factory: it picks the backend from the URL
scheme and imports it only then. This module imports no stage and no
database driver, so a stage may import it: a worker process opens its
read-only handle with `open_store(settings.db, readonly=True)`.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable

from ..errors import ConfigError
from ..model import (
    BatchResult,
    Document,
    EntityRecord,
    Group,
    KBEntry,
    Skipped,
    Statement,
)

# A knowledge-base entry with the (alias, kind) pairs it is found under; kind is
# "fold" (folded name) or "key" (transliteration key). The entities stage computes them.
AliasedEntry = tuple[KBEntry, Collection[tuple[str, str]]]


class Row(Protocol):
    """One result row of a report read, by column name."""

    def __getitem__(self, key: str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class MetaStore(Protocol):
    """Connection life cycle and the key/value metadata of a database."""

    url: str  # what `open_store` opens again, e.g. in a worker process

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        ...

    def writer_lock(
        self, waiting: Callable[[str], None] | None = None
    ) -> AbstractContextManager[None]:
        """Hold the database's one writer lock for the duration. An ingest keeps state
        between its transactions (open stories, next ids), so a second ingest on the
        same database waits here, telling `waiting` once, until the first ends.
        Readers never take it."""
        ...

    def close(self) -> None: ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


class DocumentStore(Protocol):
    """Documents and deduplication: what the ingest side writes and checks."""

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """The content hashes among `hashes` that are already stored."""
        ...

    def existing_ids(self, ids: Sequence[str]) -> set[str]: ...

    def lsh_candidates(self, keys: Sequence[int]) -> list[str]:
        """Ids of stored documents sharing any LSH band key, each once."""
        ...

    def texts(self, ids: Sequence[str]) -> dict[str, str]: ...

    def url_and_source(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """(url, source) of stored documents: whose boilerplate their text carries."""
        ...

    def boilerplate_counts(self, source: str, keys: Sequence[int]) -> tuple[int, dict[int, int]]:
        """(articles of `source` counted, line key -> articles holding it); see
        `clustering.boilerplate`. Counts are written by `save_batch`."""
        ...

    def record_skipped(self, skipped: Iterable[Skipped]) -> None:
        """Record input that could not be read, once per (origin, reason): a rerun
        over the same input adds no rows."""
        ...

    def save_batch(self, batch: BatchResult) -> None:
        """Write one batch atomically: documents, features, LSH keys, groups, skips,
        name frequencies, entities, then quotes, statements, time expressions and events,
        and the boilerplate line counts.
        Raises `StoreError` (and writes nothing) when any part cannot be written."""
        ...


class GroupStore(Protocol):
    """Stories and threads: what the online clusterer pages in, and `recluster`."""

    def load_groups(
        self, kind: str, lo: float | None, hi: float | None, exclude: set[int], recent: int
    ) -> list[Group]:
        """Groups of `kind` ("story" or "thread") whose date span meets [lo, hi]; with no
        window, the `recent` most recently updated. Ids in `exclude` are left out."""
        ...

    def max_group_id(self, kind: str) -> int: ...

    def name_frequencies(self) -> tuple[int, Counter[str]]:
        """(documents stored, name key -> documents naming it)."""
        ...

    def reset_clustering(self) -> None:
        """Forget every story, thread and name frequency; documents stay."""
        ...

    def iter_for_clustering(self, batch_size: int = 1000) -> Iterator[list[Document]]:
        """Stored documents with embeddings and features, in arrival order."""
        ...

    def update_assignments(
        self,
        docs: Sequence[Document],
        stories: Sequence[Group],
        threads: Sequence[Group],
        name_df: Counter[str],
    ) -> None: ...


class KnowledgeBaseStore(Protocol):
    """The knowledge base: curated and imported entries and their aliases.

    A worker process opens it read-only (`open_store(url, readonly=True)`)."""

    def import_kb(self, entries: Iterable[AliasedEntry], chunk: int = 2000) -> int:
        """Insert or replace entries and their alias rows; returns how many were written."""
        ...

    def replace_kb_source(self, source: str, entries: Iterable[AliasedEntry]) -> int:
        """Swap every entry of one source for `entries`, leaving alone ids that another
        source wrote."""
        ...

    def kb_stats(self) -> list[tuple[str, str, int, int]]:
        """(source, type, entries, entries with a Wikidata id)."""
        ...

    def kb_lookup(self, aliases: Sequence[str], kind: str = "fold") -> dict[str, list[str]]: ...

    def kb_entries(self, ids: Sequence[str]) -> dict[str, KBEntry]: ...

    def kb_by_geonames(self, geonames: Sequence[int]) -> dict[int, str]: ...

    def kb_count(self, source: str | None = None) -> int: ...


class EntityStore(Protocol):
    """Canonical entities as the canonicaliser looks them up."""

    def entity_lookup(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
        """(key, kind) -> live entity ids (redirects of merged entities followed)."""
        ...

    def entity_keys_of(self, entity_id: str, kind: str) -> list[str]: ...

    def entity_records(self, ids: Sequence[str]) -> dict[str, EntityRecord]: ...


class StatementStore(Protocol):
    """Statements as the statement grouper looks them up."""

    def max_statement_id(self) -> int: ...

    def statement_candidates(
        self, speakers: Sequence[str], keys: Sequence[int], per_speaker: int
    ) -> list[Statement]:
        """The `per_speaker` latest statements of each speaker, and those sharing at
        least two word-trigram keys."""
        ...


class ReadStore(Protocol):
    """Reads for the CLI, the API and exports."""

    def count(self, table: str) -> int:
        """Rows of "documents", "stories", "threads" or "skipped"."""
        ...

    def documents(self, story_id: int | None = None) -> list[Document]:
        """All documents in arrival order, or one story's by date."""
        ...

    def document(self, doc_id: str) -> Document:
        """Raises `NotFound` for an unknown id."""
        ...

    def group_rows(self, kind: str) -> list[Row]: ...

    def group_row(self, kind: str, gid: int) -> Row:
        """Raises `NotFound` for an unknown id."""
        ...

    def members(self, kind: str) -> dict[int, list[str]]:
        """Group id -> document ids (ordered by date) for stories or threads."""
        ...

    def skipped(self) -> list[Skipped]: ...

    def entity_rows(
        self, type: str | None = None, limit: int | None = None, min_mentions: int = 1
    ) -> list[Row]: ...

    def entity_row(self, entity_id: str) -> Row | None: ...

    def entities_named(self, name: str) -> list[str]:
        """Live entity ids whose id, Wikidata id, name or an alias is `name` (any case)."""
        ...

    def merged_into(self, entity_id: str) -> list[str]:
        """Ids of the entities that were folded into this one."""
        ...

    def mention_spread(self) -> Iterator[tuple[str, str | None, int | None, int]]:
        """(entity id, language, story id, mentions) over all stored mentions."""
        ...

    def all_entity_aliases(self) -> Iterator[tuple[str, str]]:
        """(entity id, alias), most used first per entity."""
        ...

    def entity_aliases(self, entity_id: str) -> list[Row]: ...

    def entity_mentions(self, entity_id: str | None = None) -> Iterator[Row]: ...

    def quote_rows(
        self,
        speakers: Sequence[str] | None = None,
        story_id: int | None = None,
        doc_id: str | None = None,
        statement_id: int | None = None,
        limit: int | None = None,
    ) -> list[Row]: ...

    def event_rows(
        self,
        entities: Sequence[str] | None = None,
        story_id: int | None = None,
        doc_id: str | None = None,
        type: str | None = None,
        limit: int | None = None,
    ) -> list[Row]: ...

    def timex_rows(self, doc_id: str) -> list[Row]: ...

    def statement_rows(self, ids: Sequence[int]) -> list[Row]: ...

    def id_changes(self, kind: str | None = None, old_id: str | int | None = None) -> list[Row]:
        """Ids later ingests changed, oldest first: kind ("entity" or "statement"),
        old_id, new_id, reason, doc_id (the article that caused it), moved (stored
        rows re-pointed), at (UTC). Of one kind, or of one old id, when given."""
        ...


@runtime_checkable
class Store(
    MetaStore,
    DocumentStore,
    GroupStore,
    KnowledgeBaseStore,
    EntityStore,
    StatementStore,
    ReadStore,
    Protocol,
):
    """Everything a backend implements."""


# URL scheme -> "module:class" of its backend, imported on first use.
BACKENDS = {"sqlite": "newsweave.store.sqlite:SQLiteStore"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(url: str | Path, readonly: bool = False, create: bool = True) -> Store:
    """Open the store at `url`: a SQLite path or `sqlite:///path`.

    A writable store is created and migrated if needed; `readonly=True` opens an
    existing one for lookups only (how worker processes read the knowledge base
    while the main process writes). `create=False` is for commands that only read
    (`stories`, `show`, `export`): a missing database is a `StoreError` instead of
    a new empty file, and one that cannot be written here (a read-only file
    system) is opened read-only. Every failure is a coded `StoreError` or
    `ConfigError` that says what to do.
    """
    text = str(url)
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else "sqlite"
    if scheme == "sqlite" and match:
        if not text.startswith("sqlite:///"):
            raise ConfigError(f"'{text}' is not a SQLite URL: write sqlite:///path/to/news.db")
        text = text[len("sqlite:///") :]
    if scheme in {"postgresql", "postgres"}:
        raise ConfigError(
            "PostgreSQL is not supported yet in this version; use a SQLite path or sqlite:/// URL"
        )
    if scheme not in BACKENDS:
        raise ConfigError(
            f"unknown store URL scheme '{scheme}://'; use a SQLite path or sqlite:/// URL"
        )
    module, name = BACKENDS[scheme].split(":")
    backend = getattr(importlib.import_module(module), name)
    return cast(Store, backend(text, readonly=readonly, create=create))


__all__ = [
    "BACKENDS",
    "AliasedEntry",
    "DocumentStore",
    "EntityStore",
    "GroupStore",
    "KnowledgeBaseStore",
    "MetaStore",
    "ReadStore",
    "Row",
    "StatementStore",
    "Store",
    "open_store",
]
