"""`newsweave export` and `newsweave analyze`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .. import pipeline
from ..export import FORMATS, build_export, build_geojson, check_output, render, write_output
from ..store import open_store
from .common import make_settings, settings_options


def _output_path(value: str | None) -> str | None:
    """`-o` is checked as the options are read, before the database is opened and the
    export built: a missing folder costs nothing (the database itself is checked when
    the file is written, once its path is known)."""
    if value:
        check_output(value)
    return value


_TEXT_OPTION = click.option(
    "--with-text/--without-text",
    "with_text",
    default=None,
    help="Put each article's text in the export [default: with text for jsonl, "
    "without for json and csv].",
)


def _text(with_text: bool | None, fmt: str) -> bool:
    """Text is on by default for JSON Lines, the format other tools stream from."""
    return fmt == "jsonl" if with_text is None else with_text


@click.command()
@settings_options
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="json", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    callback=lambda _ctx, _param, value: _output_path(value),
    help="File to write [stdout].",
)
@_TEXT_OPTION
def export(config_path, db, fmt, output, with_text) -> None:
    """Write documents, stories, threads and entities as JSON, JSON Lines or CSV,
    or the geocoded places with their stories as GeoJSON.

    Each document carries its article text (`text`) with --with-text, the default
    for JSON Lines (`-f jsonl`); --without-text leaves it out."""
    store = open_store(make_settings(config_path, db).db, create=False)
    data = build_geojson(store) if fmt == "geojson" else build_export(store, _text(with_text, fmt))
    text = render(data, fmt)
    if output:
        write_output(text, output, keep=_database_files(store.url))
    else:
        click.echo(text, nl=False)


def _database_files(url: str) -> list[str]:
    """The database and its journal files, which an export must never overwrite."""
    path = url.removeprefix("sqlite:///")
    return [path] + [path + suffix for suffix in ("-wal", "-shm", "-journal")]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON export (default).")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="json", show_default=True
)
@_TEXT_OPTION
def analyze(paths, config_path, as_json, fmt, with_text) -> None:
    """Ingest and cluster PATHS in a temporary database; print the export. Leaves no files."""
    with tempfile.TemporaryDirectory(prefix="newsweave-") as tmp:
        settings = make_settings(config_path, str(Path(tmp) / "analyze.db"))
        store = open_store(settings.db)
        pipeline.ingest_paths(paths, store, settings)
        fmt = "json" if as_json else fmt
        data = (
            build_geojson(store) if fmt == "geojson" else build_export(store, _text(with_text, fmt))
        )
        text = render(data, fmt)
        store.close()
    click.echo(text, nl=False)
