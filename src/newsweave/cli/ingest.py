"""`newsweave ingest` and `newsweave recluster`."""

from __future__ import annotations

import json

import click

from .. import pipeline
from ..store import open_store
from .common import make_settings, settings_options


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--workers", type=int, default=None, help="Worker processes [default: 2].")
@click.option("--batch-size", type=int, default=None, help="Articles per batch [default: 256].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def ingest(paths, config_path, db, workers, batch_size, as_json) -> None:
    """Read files and folders (text, JSONL, HTML, RSS/Atom, WARC) into the database.

    Exits non-zero only when nothing at all could be read.
    """
    settings = make_settings(config_path, db, workers=workers, batch_size=batch_size)
    store = open_store(settings.db)
    report = pipeline.ingest_paths(paths, store, settings)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"read {report.read}, stored {report.stored}, duplicates {report.duplicates}, "
            f"near-duplicates {report.near_duplicates}, skipped {report.skipped}, "
            f"new stories {report.stories_opened}"
        )
        for item in report.skipped_items:
            click.echo(f"  skipped {item.origin}: {item.reason}", err=True)
        if report.truncated:
            click.echo(f"  {report.truncated} long articles analysed up to max_model_chars "
                       f"({settings.max_model_chars:,} characters); stored whole", err=True)  # fmt: skip
    if report.read == 0 and report.duplicates == 0:
        raise SystemExit(1)


@click.command()
@settings_options
def recluster(config_path, db) -> None:
    """Rebuild all stories and threads from stored data with the current settings."""
    settings = make_settings(config_path, db)
    count = pipeline.recluster(open_store(settings.db), settings)
    click.echo(f"{count} stories")
