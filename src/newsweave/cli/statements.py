"""`newsweave quotes` and `newsweave events`: who said what, who did what, when."""

from __future__ import annotations

from dataclasses import asdict

import click

from ..export import to_json
from ..model import EVENT_TYPES
from ..statements.report import EventRecord, list_events, list_quotes
from ..store import open_store
from .common import LIMIT, STORY_ID, echo, make_settings, one_line, paragraph, settings_options


@click.command()
@settings_options
@click.option("--entity", help="Only quotes of this speaker (a name, any alias, or an id).")
@click.option("--story", type=STORY_ID, help="Only quotes in this story.")
@click.option(
    "--statement",
    type=STORY_ID,
    help="Only quotes of this statement (an id merged away since: its successor's).",
)
@click.option("--limit", type=LIMIT, default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def quotes(config_path, db, entity, story, statement, limit, as_json) -> None:
    """List direct quotes with their speakers, oldest first."""
    store = open_store(make_settings(config_path, db).db, create=False)
    found = list_quotes(store, entity=entity, story=story, limit=limit or None,
                        statement=statement)  # fmt: skip
    if as_json:
        click.echo(to_json([asdict(q) for q in found]))
        return
    if not found:
        click.echo("no quotes found")
        return
    for q in found:
        who = one_line(q.speaker_name) or "(speaker unknown)"
        said = one_line(q.speaker_text)
        said = f' as "{said}"' if said and said != who else ""
        also = ""
        if q.statement_documents > 1:
            langs = one_line(",".join(q.statement_languages))
            also = f"  [statement {q.statement_id}: {q.statement_documents} articles, {langs}]"
        echo(f"{q.published or 'undated'} {one_line(q.doc)} ({one_line(q.lang)}) "
             f"{who}{said}{also}")  # fmt: skip
        echo(paragraph(f"“{q.text}”"))


@click.command()
@settings_options
@click.option("--story", type=STORY_ID, help="Only events in this story.")
@click.option(
    "--entity", help="Only events involving this entity (actor, target, place, claimant)."
)
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), help="Only this type.")
@click.option("--limit", type=LIMIT, default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def events(config_path, db, story, entity, type_, limit, as_json) -> None:
    """List dated events and claims: who did what to whom, where and when."""
    store = open_store(make_settings(config_path, db).db, create=False)
    found = list_events(store, story=story, entity=entity, type=type_, limit=limit or None)
    if as_json:
        click.echo(to_json([asdict(e) for e in found]))
        return
    if not found:
        click.echo("no events found")
        return
    for e in found:
        echo(_event_line(e))
        echo(paragraph(e.sentence))


def _event_line(e: EventRecord) -> str:
    """DATE TYPE ACTORS ACTION TARGETS in PLACE [claimed by X] (doc)."""

    def name(i: str | None) -> str:
        return one_line(e.names.get(i, i)) if i else "?"

    when = e.date or f"({e.published or 'undated'})"
    parts = [f"{one_line(when):<12} {one_line(e.type):<10}", ", ".join(map(name, e.actors)) or "?",
             ("NOT " if e.negated else "") + one_line(e.action)]  # fmt: skip
    if e.targets:
        parts.append(", ".join(map(name, e.targets)))
    if e.place and e.place not in e.targets:
        parts.append(f"in {name(e.place)}")
    if e.claimed_by or e.claimed_by_text:
        by = name(e.claimed_by) if e.claimed_by else one_line(e.claimed_by_text)
        parts.append(f"[claimed by {by}]")
    return " ".join(parts) + f"  ({one_line(e.doc)})"
