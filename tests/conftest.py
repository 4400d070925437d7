"""Shared fixtures: small texts written for the tests, the seed folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Settings, load_settings

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
# Built indexes (the GeoNames gazetteer, ~40 s to build) are shared by every test run.
CACHE = Path.home() / ".cache" / "newsweave-test"


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run through the CLI read settings from the environment: point them at the
    test cache too, so the gazetteer is built once per machine, not once per directory."""
    monkeypatch.setenv("NEWSWEAVE_CACHE_DIR", str(CACHE))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """In-process settings (no worker start-up) on a fresh database."""
    return load_settings(environ={}, db=str(tmp_path / "test.db"), workers=0, cache_dir=str(CACHE))


@pytest.fixture
def mini() -> Path:
    return DATA / "mini"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS
