"""`newsweave entities`, `newsweave kb import` and the entity side of `newsweave show`."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from ..entities.report import get_entity, list_entities
from ..store import open_store
from .common import make_settings, settings_options

_TYPES = click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False)


@click.command()
@settings_options
@click.option("--type", "type_", type=_TYPES, help="Only this type.")
@click.option("--limit", type=int, default=50, show_default=True, help="0 for all.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def entities(config_path, db, type_, limit, as_json) -> None:
    """List entities with mention counts by language and story."""
    store = open_store(make_settings(config_path, db).db)
    found = list_entities(store, type_.upper() if type_ else None, limit or None)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no entities yet: run `newsweave ingest PATH` first")
        return
    click.echo(
        f"{'id':<34} {'type':<4} {'n':>4} {'docs':>4}  {'languages':<18} {'stories':<12} name"
    )
    for e in found:
        langs = ",".join(f"{k}:{v}" for k, v in e.languages.items())
        stories = ",".join(str(s) for s in list(e.stories)[:6])
        click.echo(f"{e.id:<34} {e.type:<4} {e.mentions:>4} {e.documents:>4}  {langs:<18} "
                   f"{stories:<12} {e.name}")  # fmt: skip


def show_entity(store, name: str, as_json: bool) -> None:
    detail = get_entity(store, name)
    s = detail.summary
    if as_json:
        data = {**asdict(s), "description": detail.description, "kb_id": detail.kb_id,
                "aliases": detail.aliases, "merged": detail.merged, "mentions": detail.mentions,
                "redirects": detail.redirects}  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    where = f"  {s.lat:.4f}, {s.lon:.4f} {s.country or ''}" if s.lat is not None else ""
    for change in detail.redirects:
        click.echo(f"{change['old']} was merged into {change['new']} ({change['at']}): "
                   f"{change['reason']}")  # fmt: skip
    click.echo(f"{s.name} [{s.type}] {s.id}" + (f" wikidata {s.wikidata}" if s.wikidata else ""))
    if detail.description:
        click.echo(f"  {detail.description}")
    if where:
        click.echo(where)
    click.echo(f"  {s.mentions} mentions in {s.documents} articles; languages "
               + ", ".join(f"{k} {v}" for k, v in s.languages.items()))  # fmt: skip
    click.echo("  stories: " + (", ".join(f"{k} ({v})" for k, v in s.stories.items()) or "none"))
    click.echo("  names, and why they are this entity:")
    for a in detail.aliases:
        click.echo(f"    {a['alias']} [{a['lang']}] x{a['count']}: {a['evidence']}")
    if detail.merged:
        click.echo("  merged into it: " + ", ".join(detail.merged))


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
    click.echo(f"imported {written} entries from {path} ({report.format}); the knowledge base "
               f"now has {store.kb_count()} (was {before})")  # fmt: skip
    if report.filtered:
        click.echo(f"left out {report.filtered} records of other types or languages")
    if report.skipped:
        click.echo(f"skipped {report.skipped} unreadable lines:")
        for s in report.examples:
            click.echo(f"  {s.origin}: {s.reason}")


@kb.command("stats")
@settings_options
def kb_stats(config_path, db) -> None:
    """Count knowledge-base entries by source and type."""
    from ..entities.knowledge import ensure_curated

    store = open_store(make_settings(config_path, db).db)
    ensure_curated(store)
    for source, type_, n, with_qid in store.kb_stats():
        click.echo(f"{source:<12} {type_:<5} {n:>7} entries, {with_qid} with a Wikidata id")
