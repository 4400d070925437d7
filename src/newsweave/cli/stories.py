"""`newsweave stories` and `newsweave show`."""

from __future__ import annotations

import click

from ..errors import NotFound
from ..export import to_json
from ..store import open_store
from ..stories import get_story, list_stories, list_threads
from .common import echo, make_settings, one_line, settings_options
from .entities import show_entity


def _span(first, last) -> str:
    if first is None:
        return "undated"
    return str(first) if str(first) == str(last) else f"{first} .. {last}"


def _story_id(what: str) -> int:
    """A story number as SQLite stores it; "²" (a digit, not a number) or a number
    past 64 bits is no story."""
    if not (what.isascii() and what.isdecimal()) or int(what) >= 2**63:
        raise NotFound(f"no story {what}; list them with `newsweave stories`")
    return int(what)


@click.command()
@settings_options
@click.option("--threads", "by_thread", is_flag=True, help="Group the list by thread.")
def stories(config_path, db, by_thread) -> None:
    """List stories: id, size, languages, date span, title."""
    store = open_store(make_settings(config_path, db).db, create=False)
    found = list_stories(store)
    if not found:
        click.echo("no stories yet: run `newsweave ingest PATH` first")
        return
    line = "{id:>5}  {size:>3}  {langs:<11} {span:<25} {title}"
    if by_thread:
        by_id = {s.id: s for s in found}
        for thread in list_threads(store, found):
            echo(f"thread {thread.id}: {one_line(thread.title)}")
            for sid in thread.stories:
                s = by_id[sid]
                echo("  " + line.format(id=s.id, size=s.size, langs=one_line(",".join(s.languages)),
                                        span=_span(s.first_published, s.last_published),
                                        title=one_line(s.title)))  # fmt: skip
        return
    echo(line.format(id="story", size="n", langs="languages", span="dates", title="title"))
    for s in found:
        echo(line.format(id=s.id, size=s.size, langs=one_line(",".join(s.languages)),
                         span=_span(s.first_published, s.last_published),
                         title=one_line(s.title)))  # fmt: skip


@click.command()
@click.argument("what")
@settings_options
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show(what, config_path, db, as_json) -> None:
    """Show a story (by number) or an entity (by name, alias, id or Wikidata id).

    A story comes with its articles and why each joined it; an entity with its
    names in every language, why each was merged, and its stories.
    """
    store = open_store(make_settings(config_path, db).db, create=False)
    if not what.isdigit():
        show_entity(store, what, as_json)
        return
    story, docs = get_story(store, _story_id(what))
    if as_json:
        data = {
            "id": story.id, "title": story.title, "thread_id": story.thread_id,
            "languages": story.languages,
            "documents": [{"id": d.id, "title": d.title, "lang": d.lang,
                           "published": str(d.published) if d.published else None,
                           "source": d.source, "duplicate_of": d.duplicate_of,
                           "truncated_at": d.truncated_at,
                           "evidence": d.extra.get("evidence")} for d in docs],
        }  # fmt: skip
        click.echo(to_json(data))
        return
    echo(f"story {story.id} (thread {story.thread_id}): {one_line(story.title)}")
    echo(f"  {story.size} articles, {one_line(', '.join(story.languages))}, "
         f"{_span(story.first_published, story.last_published)}")  # fmt: skip
    for d in docs:
        ev = d.extra.get("evidence") or {}
        why = (
            "opened the story"
            if ev.get("opened_story")
            else (
                f"score {ev.get('score')} (cosine {ev.get('cosine')}"
                + (
                    f", names {one_line(', '.join(ev['shared_names'][:6]))}"
                    if ev.get("shared_names")
                    else ""
                )
                + ")"
            )
        )
        dup = f" duplicate of {one_line(d.duplicate_of)}" if d.duplicate_of else ""
        echo(
            f"  - {one_line(d.id)} [{one_line(d.lang)}] {d.published or 'undated'} "
            f"{one_line(d.source)}{dup}"
        )
        echo(f"      {one_line(d.title or d.text[:100]).strip()}")
        echo(f"      {why}")
        if d.truncated_at is not None:
            echo(f"      truncated: analysed up to character {d.truncated_at} "
                 f"of {len(d.text)} (max_model_chars)")  # fmt: skip
