"""`newsweave export` and `newsweave analyze`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .. import pipeline
from ..export import FORMATS, build_export, build_geojson, render
from ..store import open_store
from .common import make_settings, settings_options


@click.command()
@settings_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write [stdout].")
def export(config_path, db, fmt, output) -> None:
    """Write documents, stories, threads and entities as JSON, JSON Lines or CSV,
    or the geocoded places with their stories as GeoJSON."""
    store = open_store(make_settings(config_path, db).db, create=False)
    data = build_geojson(store) if fmt == "geojson" else build_export(store)
    text = render(data, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON export (default).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
def analyze(paths, config_path, as_json, fmt) -> None:
    """Ingest and cluster PATHS in a temporary database; print the export. Leaves no files."""
    with tempfile.TemporaryDirectory(prefix="newsweave-") as tmp:
        settings = make_settings(config_path, str(Path(tmp) / "analyze.db"))
        store = open_store(settings.db)
        pipeline.ingest_paths(paths, store, settings)
        data = build_geojson(store) if fmt == "geojson" and not as_json else build_export(store)
        text = render(data, "json" if as_json else fmt)
        store.close()
    click.echo(text, nl=False)
