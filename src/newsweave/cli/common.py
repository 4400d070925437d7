"""Options shared by commands, and settings from the one place that reads them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..config import Settings, config_path_from_env, load_settings


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
