"""Command line: thin commands that parse options and call one library function.

Library errors (`NewsweaveError`) become a one-line message and exit code 2
here (see `common.Commands`), and nowhere else.
"""

from __future__ import annotations

import sys

import click

from ..errors import NewsweaveError
from .common import Commands, one_line, quiet_stdout
from .entities import entities, kb
from .export import analyze, export
from .ingest import ingest, recluster
from .statements import events, quotes
from .stories import show, stories


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsweave")
def cli() -> None:
    """newsweave: weave multilingual news into stories and threads."""


for command in (ingest, recluster, stories, show, entities, quotes, events, kb, export,
                analyze):  # fmt: skip
    cli.add_command(command)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        # Text no UTF-8 can hold (a lone surrogate) is printed as an escape, never a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        cli(standalone_mode=False)
        sys.stdout.flush()  # a reader that left shows here, not at interpreter exit
    except BrokenPipeError:
        # `newsweave stories | head`: the reader has what it wanted; that is success.
        quiet_stdout()
        raise SystemExit(0) from None
    except (click.exceptions.Abort, KeyboardInterrupt):
        raise SystemExit(130) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except NewsweaveError as exc:
        click.echo(f"Error: {one_line(exc)}", err=True)
        raise SystemExit(2) from None
    except OSError as exc:
        # A file system error outside the library's own checks (a full disk, a file that
        # went away): its one-line reason, not a traceback.
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"Error: {one_line(exc.strerror or exc)}{one_line(where)}", err=True)
        raise SystemExit(2) from None
    except SystemExit:
        raise


__all__ = ["cli", "main"]
