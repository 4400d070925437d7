"""The backends every store test runs against.

`BACKENDS` maps a name to a function that gives the URL of a fresh, empty
database under a temporary folder. A new backend adds one entry here (its
server or its skip condition too) and must pass `test_contract.py` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsweave.store import Store, open_store

BACKENDS: dict[str, Callable[[Path], str]] = {
    "sqlite": lambda folder: f"sqlite:///{folder / 'news.db'}",
}


@pytest.fixture(params=sorted(BACKENDS))
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return BACKENDS[request.param](tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()
