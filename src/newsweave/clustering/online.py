"""The online story and thread clusterer.

Each new article joins the most similar open story or opens a new one; each
new story joins a thread (a longer-running topic) or opens one. Similarity
is the embedding cosine to the story centroid plus lexical evidence
(shared rare names, figures, quoted words) minus a penalty for days apart.

Scale: the clusterer keeps in memory only the stories near the dates it is
seeing (a time window; undated articles meet the most recent stories), loads
more from the store when an article falls outside what is loaded, and scores
a whole batch against all loaded centroids with one matrix product before
the exact per-candidate score. Nothing scans every stored story.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np

from ..config import ClusterSettings
from ..model import Document, Evidence, Group, PartialDate


class GroupSource(Protocol):
    """What the clusterer needs from a store to page stories and threads in."""

    def load_groups(
        self, kind: str, lo: float | None, hi: float | None, exclude: set[int], recent: int
    ) -> list[Group]: ...

    def max_group_id(self, kind: str) -> int: ...

    def name_frequencies(self) -> tuple[int, Counter[str]]: ...


class _Index:
    """Groups of one kind that are in memory, with a lazily rebuilt centroid matrix."""

    def __init__(self, kind: str, window: float, recent: int) -> None:
        self.kind = kind
        self.window = window
        self.recent = recent
        self.groups: dict[int, Group] = {}
        self.loaded: list[tuple[float, float]] = []
        self.undated_loaded = False
        self._ids: list[int] = []
        self._matrix: np.ndarray | None = None

    def ensure(self, source: GroupSource | None, dates: Iterable[PartialDate | None]) -> None:
        if source is None:
            return
        ordinals = sorted(d.ordinal() for d in dates if d is not None)
        if not self.undated_loaded:
            self._merge(source.load_groups(self.kind, None, None, set(self.groups), self.recent))
            self.undated_loaded = True
        if not ordinals:
            return
        lo, hi = ordinals[0] - self.window - 16, ordinals[-1] + self.window + 16
        if any(a <= lo and hi <= b for a, b in self.loaded):
            return
        self._merge(source.load_groups(self.kind, lo, hi, set(self.groups), 0))
        self.loaded.append((lo, hi))

    def _merge(self, groups: list[Group]) -> None:
        for g in groups:
            self.groups.setdefault(g.id, g)
        self._matrix = None

    def add(self, group: Group) -> None:
        self.groups[group.id] = group
        self._matrix = None

    def candidates(self, vectors: np.ndarray, k: int) -> list[list[int]]:
        """Top-k group ids by centroid cosine for each row of `vectors` (one matrix product)."""
        if not self.groups or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        if self._matrix is None:
            self._ids = list(self.groups)
            self._matrix = np.stack([self.groups[i].centroid for i in self._ids]).astype(np.float32)
        sims = vectors @ self._matrix.T
        k = min(k, sims.shape[1])
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        return [[self._ids[j] for j in row] for row in top]

    def evict(self, keep_after: float | None) -> None:
        """Drop dated groups that ended long before what is being read now (they stay stored)."""
        if keep_after is None:
            return
        stale = [
            gid
            for gid, g in self.groups.items()
            if g.last is not None and g.last.ordinal() < keep_after and not g.dirty
        ]
        for gid in stale:
            del self.groups[gid]
        if stale:
            self._matrix = None
            self.loaded = [(max(a, keep_after), b) for a, b in self.loaded if b > keep_after]


class OnlineClusterer:
    """Assigns documents to stories and stories to threads, one batch at a time."""

    def __init__(self, settings: ClusterSettings, source: GroupSource | None = None) -> None:
        self.settings = settings
        self.source = source
        self.stories = _Index("story", settings.story_window_days, settings.undated_pool)
        self.threads = _Index("thread", settings.thread_window_days, settings.undated_pool)
        if source is not None:
            self._next_story = source.max_group_id("story") + 1
            self._next_thread = source.max_group_id("thread") + 1
            self.doc_count, self.name_df = source.name_frequencies()
        else:
            self._next_story = self._next_thread = 1
            self.doc_count, self.name_df = 0, Counter()
        self.opened_stories = 0

    # -- scoring ---------------------------------------------------------
    def _idf(self, key: str) -> float:
        return math.log((self.doc_count + 2) / (self.name_df.get(key, 0) + 1))

    def score(
        self, doc: Document, group: Group, window: float, thread: bool = False
    ) -> Evidence | None:
        """Similarity of a document to a story or thread, with its reasons; None if out of window."""
        assert doc.embedding is not None and doc.features is not None
        s = self.settings
        days = group.days_from(doc.published, doc.extra.get("dateline_month_day"))
        if days is not None and days > window:
            return None
        cosine = float(doc.embedding @ group.centroid)
        names = doc.features.names
        shared = [k for k in names if k in group.names]
        name_mass = sum(self._idf(k) for k in names)
        name_sim = sum(self._idf(k) for k in shared) / name_mass if name_mass else 0.0
        numbers = sorted(n for n in doc.features.numbers if n in group.numbers)
        number_sim = min(1.0, len(numbers) / s.numbers_for_full_match)
        quotes = len(doc.features.quotes & group.quotes)
        quote_sim = min(1.0, quotes / s.quotes_for_full_match)
        per_day = s.thread_penalty_per_day if thread else s.time_penalty_per_day
        penalty = per_day * max(0.0, (days or 0.0) - 0.5)
        if (
            not thread
            and days is None
            and not (
                quotes >= s.undated_min_quotes
                or len(numbers) >= s.undated_min_numbers
                or cosine >= s.undated_cosine
            )
        ):
            # Without dates "same days" cannot be checked: topical closeness is
            # not enough to claim the same happening, so ask for shared facts.
            penalty += s.undated_penalty
        if doc.lang and group.size and doc.lang not in group.languages:
            # The encoder places translations further apart than same-language
            # rewrites; calibrate so both meet one threshold.
            cosine_bonus = s.cross_lingual_bonus
        else:
            cosine_bonus = 0.0
        total = (
            cosine
            + cosine_bonus
            + s.name_weight * name_sim
            + s.number_weight * number_sim
            + s.quote_weight * quote_sim
            - penalty
        )
        return Evidence(
            story_id=group.id,
            score=total,
            cosine=cosine,
            names=sorted(names[k] for k in shared),
            numbers=numbers,
            quotes=quotes,
            days=days,
        )

    # -- assignment ------------------------------------------------------
    def assign(self, docs: Sequence[Document]) -> list[Document]:
        """Fill story_id, thread_id and evidence on each document, in date order.

        Documents must carry `embedding` and `features`. Returns them sorted
        as they were assigned (dated first, oldest first; undated after, in
        arrival order) — the order the clustering is reproducible in.
        """
        ordered = sorted(
            docs, key=lambda d: (d.published is None, d.published.ordinal() if d.published else 0)
        )
        dates = [d.published for d in ordered]
        self.stories.ensure(self.source, dates)
        self.threads.ensure(self.source, dates)
        if not ordered:
            return []
        vectors = np.stack([d.embedding for d in ordered]).astype(np.float32)
        prefetched = self.stories.candidates(vectors, self.settings.candidates_per_doc)
        opened: list[int] = []
        for doc, candidates in zip(ordered, prefetched, strict=True):
            best = self._best(
                doc, [*candidates, *opened], self.stories, self.settings.story_window_days
            )
            if best is not None and best.score >= self.settings.story_threshold:
                story = self.stories.groups[best.story_id]
            else:
                story = self._open_story(doc)
                opened.append(story.id)
                # Keep the closest story that was not joined: it says why not.
                best = Evidence(story.id, 1.0, 1.0, opened=True, nearest=best)
            story.add(doc)
            thread = self.threads.groups[story.parent] if story.parent else None
            if thread is not None:
                thread.add(doc)
            doc.story_id, doc.thread_id, doc.evidence = story.id, story.parent, best
            self.doc_count += 1
            self.name_df.update(doc.features.names.keys() if doc.features else ())
        newest = max((d.ordinal() for d in dates if d is not None), default=None)
        if newest is not None:
            s = self.settings
            self.stories.evict(
                newest - s.story_keep_windows * s.story_window_days - s.story_keep_days
            )
            self.threads.evict(newest - s.thread_keep_windows * s.thread_window_days)
        return list(ordered)

    def _best(
        self, doc: Document, ids: Iterable[int], index: _Index, window: float
    ) -> Evidence | None:
        best: Evidence | None = None
        for gid in dict.fromkeys(ids):
            group = index.groups.get(gid)
            if group is None:
                continue
            ev = self.score(doc, group, window, thread=index is self.threads)
            if ev is not None and (best is None or ev.score > best.score):
                best = ev
        return best

    def _open_story(self, doc: Document) -> Group:
        assert doc.embedding is not None
        story = Group(self._next_story, np.zeros_like(doc.embedding, dtype=np.float32))
        self._next_story += 1
        self.opened_stories += 1
        vectors = doc.embedding[None, :].astype(np.float32)
        candidates = self.threads.candidates(vectors, self.settings.candidates_per_doc)[0]
        best = self._best(doc, candidates, self.threads, self.settings.thread_window_days)
        if best is not None and best.score >= self.settings.thread_threshold:
            thread = self.threads.groups[best.story_id]
        else:
            thread = Group(self._next_thread, np.zeros_like(doc.embedding, dtype=np.float32))
            self._next_thread += 1
            self.threads.add(thread)
        thread.members += 1
        thread.dirty = True
        story.parent = thread.id
        self.stories.add(story)
        return story

    def dirty_groups(self) -> tuple[list[Group], list[Group]]:
        """Stories and threads changed since the last `mark_clean` (to persist)."""
        return (
            [g for g in self.stories.groups.values() if g.dirty],
            [g for g in self.threads.groups.values() if g.dirty],
        )

    def mark_clean(self) -> None:
        for index in (self.stories, self.threads):
            for g in index.groups.values():
                g.dirty = False
            index._matrix = None  # centroids moved
