"""`newsweave quotes` and `newsweave events`: who said what, who did what, when."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

import click

from ..model import EVENT_TYPES
from ..statements.report import EventRecord, list_events, list_quotes
from ..store import open_store
from .common import make_settings, settings_options


@click.command()
@settings_options
@click.option("--entity", help="Only quotes of this speaker (a name, any alias, or an id).")
@click.option("--story", type=int, help="Only quotes in this story.")
@click.option(
    "--statement",
    type=int,
    help="Only quotes of this statement (an id merged away since: its successor's).",
)
@click.option("--limit", type=int, default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def quotes(config_path, db, entity, story, statement, limit, as_json) -> None:
    """List direct quotes with their speakers, oldest first."""
    store = open_store(make_settings(config_path, db).db)
    found = list_quotes(store, entity=entity, story=story, limit=limit or None,
                        statement=statement)  # fmt: skip
    if as_json:
        click.echo(json.dumps([asdict(q) for q in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no quotes found")
        return
    for q in found:
        who = q.speaker_name or "(speaker unknown)"
        said = f' as "{q.speaker_text}"' if q.speaker_text and q.speaker_text != who else ""
        also = ""
        if q.statement_documents > 1:
            langs = ",".join(q.statement_languages)
            also = f"  [statement {q.statement_id}: {q.statement_documents} articles, {langs}]"
        click.echo(f"{q.published or 'undated'} {q.doc} ({q.lang}) {who}{said}{also}")
        click.echo(textwrap.fill(f"“{q.text}”", 100, initial_indent="    ",
                                 subsequent_indent="    "))  # fmt: skip


@click.command()
@settings_options
@click.option("--story", type=int, help="Only events in this story.")
@click.option(
    "--entity", help="Only events involving this entity (actor, target, place, claimant)."
)
@click.option("--type", "type_", type=click.Choice(EVENT_TYPES), help="Only this type.")
@click.option("--limit", type=int, default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def events(config_path, db, story, entity, type_, limit, as_json) -> None:
    """List dated events and claims: who did what to whom, where and when."""
    store = open_store(make_settings(config_path, db).db)
    found = list_events(store, story=story, entity=entity, type=type_, limit=limit or None)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no events found")
        return
    for e in found:
        click.echo(_event_line(e))
        click.echo(textwrap.fill(e.sentence, 100, initial_indent="    ", subsequent_indent="    "))


def _event_line(e: EventRecord) -> str:
    """DATE TYPE ACTORS ACTION TARGETS in PLACE [claimed by X] (doc)."""

    def name(i: str | None) -> str:
        return e.names.get(i, i) if i else "?"

    when = e.date or f"({e.published or 'undated'})"
    parts = [f"{when:<12} {e.type:<10}", ", ".join(map(name, e.actors)) or "?",
             ("NOT " if e.negated else "") + e.action]  # fmt: skip
    if e.targets:
        parts.append(", ".join(map(name, e.targets)))
    if e.place and e.place not in e.targets:
        parts.append(f"in {name(e.place)}")
    if e.claimed_by or e.claimed_by_text:
        parts.append(f"[claimed by {name(e.claimed_by) if e.claimed_by else e.claimed_by_text}]")
    return " ".join(parts) + f"  ({e.doc})"
