"""Assemble stories and threads from stored rows for listing, showing and export."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..model import Document, PartialDate, Story, Thread
from ..store.base import ReadStore

_SENTENCE = re.compile(r"(.+?[.!?…])(?:\s|$)", re.S)


def story_title(docs: Sequence[Document], stored: str | None = None) -> str | None:
    """A headline if any article has one, else the opening sentence of the earliest."""
    for doc in docs:
        if doc.title:
            return doc.title
    if stored:
        return stored
    for doc in docs:
        text = " ".join(doc.text.split())
        m = _SENTENCE.match(text)
        sentence = m.group(1) if m else text
        return sentence if len(sentence) <= 140 else sentence[:137].rsplit(" ", 1)[0] + "…"
    return None


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def list_stories(store: ReadStore) -> list[Story]:
    """All stories, largest first, then newest."""
    members = store.members("story")
    rows = store.group_rows("story")
    titles = _titles(store, rows, members)
    stories = [
        Story(
            id=r["id"],
            title=r["title"] or titles.get(r["id"]),
            thread_id=r["thread_id"],
            size=r["size"],
            languages=sorted(json.loads(r["languages"])),
            first_published=_date(r["first_published"]),
            last_published=_date(r["last_published"]),
            documents=members.get(r["id"], []),
        )
        for r in rows
    ]
    stories.sort(key=lambda s: (-s.size, -(s.last_published.ordinal() if s.last_published else 0)))
    return stories


def _titles(store: ReadStore, rows, members: dict[int, list[str]]) -> dict[int, str | None]:
    """Opening sentences for stories none of whose articles has a headline.

    Only those stories' earliest articles are read: listing stories must not
    load every stored text.
    """
    return {
        r["id"]: story_title([store.document(members[r["id"]][0])])
        for r in rows
        if not r["title"] and members.get(r["id"])
    }


def get_story(store: ReadStore, story_id: int) -> tuple[Story, list[Document]]:
    row = store.group_row("story", story_id)
    docs = store.documents(story_id)
    story = Story(
        id=row["id"],
        title=story_title(docs, row["title"]),
        thread_id=row["thread_id"],
        size=row["size"],
        languages=sorted(json.loads(row["languages"])),
        first_published=_date(row["first_published"]),
        last_published=_date(row["last_published"]),
        documents=[d.id for d in docs],
    )
    return story, docs


def list_threads(store: ReadStore, stories: Sequence[Story] | None = None) -> list[Thread]:
    """Threads with their stories; a thread is titled by its largest story."""
    stories = list(stories) if stories is not None else list_stories(store)
    by_thread: dict[int, list[Story]] = {}
    for story in stories:
        if story.thread_id is not None:
            by_thread.setdefault(story.thread_id, []).append(story)
    threads = []
    for r in store.group_rows("thread"):
        members = by_thread.get(r["id"], [])
        largest = max(members, key=lambda s: s.size, default=None)
        threads.append(
            Thread(
                id=r["id"],
                title=largest.title if largest else r["title"],
                stories=sorted(s.id for s in members),
                first_published=_date(r["first_published"]),
                last_published=_date(r["last_published"]),
            )
        )
    return threads
