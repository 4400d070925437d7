"""`newsweave entities`, `newsweave kb import` and the entity side of `newsweave show`."""

from __future__ import annotations

from dataclasses import asdict

import click

from ..entities.report import get_entity, list_entities
from ..export import to_json
from ..store import open_store
from .common import LIMIT, echo, make_settings, one_line, settings_options

_TYPES = click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False)


@click.command()
@settings_options
@click.option("--type", "type_", type=_TYPES, help="Only this type.")
@click.option("--limit", type=LIMIT, default=50, show_default=True, help="0 for all.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def entities(config_path, db, type_, limit, as_json) -> None:
    """List entities with mention counts by language and story."""
    store = open_store(make_settings(config_path, db).db, create=False)
    found = list_entities(store, type_.upper() if type_ else None, limit or None)
    if as_json:
        click.echo(to_json([asdict(e) for e in found]))
        return
    if not found:
        click.echo("no entities yet: run `newsweave ingest PATH` first")
        return
    click.echo(
        f"{'id':<34} {'type':<4} {'n':>4} {'docs':>4}  {'languages':<18} {'stories':<12} name"
    )
    for e in found:
        langs = one_line(",".join(f"{k}:{v}" for k, v in e.languages.items()))
        stories = ",".join(str(s) for s in list(e.stories)[:6])
        echo(f"{one_line(e.id):<34} {one_line(e.type):<4} {e.mentions:>4} {e.documents:>4}  "
             f"{langs:<18} {stories:<12} {one_line(e.name)}")  # fmt: skip


def show_entity(store, name: str, as_json: bool) -> None:
    detail = get_entity(store, name)
    s = detail.summary
    if as_json:
        data = {**asdict(s), "description": detail.description, "kb_id": detail.kb_id,
                "aliases": detail.aliases, "merged": detail.merged, "mentions": detail.mentions,
                "redirects": detail.redirects}  # fmt: skip
        click.echo(to_json(data))
        return
    where = f"  {s.lat:.4f}, {s.lon:.4f} {one_line(s.country)}" if s.lat is not None else ""
    for change in detail.redirects:
        echo(f"{one_line(change['old'])} was merged into {one_line(change['new'])} "
             f"({one_line(change['at'])}): {one_line(change['reason'])}")  # fmt: skip
    echo(f"{one_line(s.name)} [{one_line(s.type)}] {one_line(s.id)}"
         + (f" wikidata {one_line(s.wikidata)}" if s.wikidata else ""))  # fmt: skip
    if detail.description:
        echo(f"  {one_line(detail.description)}")
    if where:
        echo(where)
    echo(f"  {s.mentions} mentions in {s.documents} articles; languages "
         + one_line(", ".join(f"{k} {v}" for k, v in s.languages.items())))  # fmt: skip
    echo("  stories: " + (", ".join(f"{k} ({v})" for k, v in s.stories.items()) or "none"))
    echo("  names, and why they are this entity:")
    for a in detail.aliases:
        echo(f"    {one_line(a['alias'])} [{one_line(a['lang'])}] x{a['count']}: "
             f"{one_line(a['evidence'])}")  # fmt: skip
    if detail.merged:
        echo("  merged into it: " + one_line(", ".join(detail.merged)))


@click.group()
def kb() -> None:
    """The knowledge base entities are linked to."""


@kb.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@settings_options
@click.option(
    "--langs",
    default="en,fr,de,es,it,pt,ru,uk",
    show_default=True,
    help="Labels and aliases to keep from a Wikidata dump (comma-separated).",
)
def kb_import(path, config_path, db, langs) -> None:
    """Load a Wikidata JSON dump (one entity per line; plain, gzip or bzip2), a CSV file or
    knowledge-base JSON lines. Entries with an id already present replace it."""
    from ..entities.kb import KBReadReport, read_kb
    from ..entities.knowledge import import_entries

    store = open_store(make_settings(config_path, db).db)
    report = KBReadReport()
    before = store.kb_count()
    languages = [code.strip() for code in langs.split(",") if code.strip()]
    written = import_entries(store, read_kb(path, report=report, langs=languages))
    echo(f"imported {written} entries from {one_line(path)} ({report.format}); the knowledge "
         f"base now has {store.kb_count()} (was {before})")  # fmt: skip
    if report.filtered:
        click.echo(f"left out {report.filtered} records of other types or languages")
    if report.skipped:
        click.echo(f"skipped {report.skipped} unreadable lines:")
        for s in report.examples:
            echo(f"  {one_line(s.origin)}: {one_line(s.reason)}")


@kb.command("stats")
@settings_options
def kb_stats(config_path, db) -> None:
    """Count knowledge-base entries by source and type."""
    from ..entities.knowledge import ensure_curated

    store = open_store(make_settings(config_path, db).db, create=False)
    ensure_curated(store)
    for source, type_, n, with_qid in store.kb_stats():
        echo(
            f"{one_line(source):<12} {one_line(type_):<5} {n:>7} entries, "
            f"{with_qid} with a Wikidata id"
        )
