"""Command line: thin commands that parse options and call one library function.

Library errors (`NewsweaveError`) become a one-line message and exit code 2
here, and nowhere else.
"""

from __future__ import annotations

import click

from ..errors import NewsweaveError
from .entities import entities, kb
from .export import analyze, export
from .ingest import ingest, recluster
from .statements import events, quotes
from .stories import show, stories


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def cli() -> None:
    """newsweave: weave multilingual news into stories and threads."""


for command in (ingest, recluster, stories, show, entities, quotes, events, kb, export,
                analyze):  # fmt: skip
    cli.add_command(command)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except NewsweaveError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(2) from None
    except SystemExit:
        raise


__all__ = ["cli", "main"]
