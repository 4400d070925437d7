"""Options shared by commands, settings from the one place that reads them, and the
edge where library errors and untrusted text meet the terminal."""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import click

from ..config import Settings, config_path_from_env, load_settings
from ..errors import NewsweaveError


def settings_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False),
        help="TOML settings file (default: $NEWSWEAVE_CONFIG).",
    )(func)
    func = click.option("--db", default=None, help="Database path or URL [default: newsweave.db].")(
        func
    )
    return func


def make_settings(config_path: str | None, db: str | None, **overrides: Any) -> Settings:
    return load_settings(config_path or config_path_from_env(), db=db, **overrides)


# Story and thread ids are SQLite integers: a larger number is no id at all.
STORY_ID = click.IntRange(min=0, max=2**63 - 1)
LIMIT = click.IntRange(min=0, max=2**63 - 1)


# -- untrusted text on the terminal ---------------------------------------------------
# Titles, names, file names and skip reasons come from the input: an ESC or BEL in
# them must not drive the terminal, and a newline must not forge an output line.
# Runs of whitespace controls (and the Unicode line breaks) become one space; every
# other C0 or C1 control, DEL, and a lone surrogate (a byte of a file name that is not
# UTF-8) is shown as an escape (`\x1b`), so a file name stays recognisable.
_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    if 0xDC80 <= point <= 0xDCFF:  # surrogateescape: the byte the file name really has
        return f"\\x{point - 0xDC00:02x}"
    return f"\\u{point:04x}" if point > 0xFF else f"\\x{point:02x}"


def one_line(value: object) -> str:
    """`value` as one printable line (see above); None is the empty string."""
    if value is None:
        return ""
    return _CONTROLS.sub(_escape, _BREAKS.sub(" ", str(value)))


def paragraph(value: object, width: int = 100, indent: str = "    ") -> str:
    """A longer text (a quote, a sentence) wrapped as an indented paragraph."""
    return textwrap.fill(one_line(value), width, initial_indent=indent, subsequent_indent=indent)


def echo(line: str = "", err: bool = False) -> None:
    """`click.echo`, with any control character a field brought in escaped: the
    commands build their lines from `one_line` fields, this is the net under them."""
    click.echo(_CONTROLS_BUT_NEWLINE.sub(_escape, line), err=err)


# -- library errors at the edge ---------------------------------------------------------
class CodedError(click.ClickException):
    """A `NewsweaveError` as the command line shows it: `Error: [E002] ...`, exit 2."""

    exit_code = 2

    def __init__(self, error: NewsweaveError) -> None:
        super().__init__(one_line(str(error)))
        self.error = error


class Commands(click.Group):
    """A group whose commands turn library errors into one line and exit code 2, the
    same through `newsweave` and through click's test runner."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        # `newsweave --help | head -1`: the help is printed while the options are read.
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            quiet_stdout()
            raise click.exceptions.Exit(0) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except NewsweaveError as exc:
            raise CodedError(exc) from exc
        except BrokenPipeError:
            # The reader of stdout closed it (`| head`): what it read is what it wanted,
            # so the command ends quietly and successfully.
            quiet_stdout()
            ctx.exit(0)


def quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null, so the buffered rest that
    Python flushes at exit goes nowhere instead of failing a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        # Not a real file (a test runner's buffer): nothing will be flushed to a pipe.
        pass
