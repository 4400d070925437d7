"""`newsweave ingest` and `newsweave recluster`."""

from __future__ import annotations

import click

from .. import pipeline
from ..export import to_json
from ..store import open_store
from .common import echo, make_settings, one_line, settings_options
from .progress import IngestProgress, is_terminal


def _say(message: str) -> None:
    """What the writer lock says while another ingest holds the database."""
    click.echo(message, err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--workers", type=int, default=None, help="Worker processes [default: 2].")
@click.option("--batch-size", type=int, default=None, help="Articles per batch [default: 256].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Show progress on stderr: articles read, stored, skipped, articles/s and an ETA "
    "[default: when stderr is a terminal].",
)
def ingest(paths, config_path, db, workers, batch_size, as_json, show_progress) -> None:
    """Read files and folders (text, JSONL, HTML, RSS/Atom, WARC) into the database.

    On a terminal a progress bar shows articles read, stored and skipped, articles
    per second and the time left; the one-line summary follows at the end.
    Exits non-zero only when nothing at all could be read.
    """
    settings = make_settings(config_path, db, workers=workers, batch_size=batch_size)
    store = open_store(settings.db)
    stderr = click.get_text_stream("stderr")
    if show_progress is None:
        show_progress = is_terminal(stderr)
    if show_progress:
        with IngestProgress(paths, stream=stderr, follow_symlinks=settings.follow_symlinks) as bar:
            report = pipeline.ingest_paths(
                paths, store, settings, progress=bar.batch, waiting=_say, watch=bar.item
            )
    else:
        report = pipeline.ingest_paths(paths, store, settings, waiting=_say)
    if as_json:
        click.echo(to_json(report.as_dict()))
    else:
        click.echo(
            f"read {report.read}, stored {report.stored}, duplicates {report.duplicates}, "
            f"near-duplicates {report.near_duplicates}, skipped {report.skipped}, "
            f"new stories {report.stories_opened}"
        )
        for item in report.skipped_items:  # one skip, one line, whatever the file is called
            echo(f"  skipped {one_line(item.origin)}: {one_line(item.reason)}", err=True)
        if report.truncated:
            echo(f"  {report.truncated} long articles analysed up to max_model_chars "
                 f"({settings.max_model_chars:,} characters); stored whole", err=True)  # fmt: skip
    if report.read == 0 and report.duplicates == 0:
        raise SystemExit(1)


@click.command()
@settings_options
def recluster(config_path, db) -> None:
    """Rebuild all stories and threads from stored data with the current settings."""
    settings = make_settings(config_path, db)
    count = pipeline.recluster(open_store(settings.db, create=False), settings, waiting=_say)
    click.echo(f"{count} stories")
