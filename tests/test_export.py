"""Export shape: the JSON Schema in the package, and a golden file for the mini corpus.

Regenerate the golden file deliberately with:
    REGENERATE_GOLDEN=1 pytest tests/test_export.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from newsweave.export import build_export, export_schema, render
from newsweave.pipeline import ingest_paths
from newsweave.store import open_store

GOLDEN = Path(__file__).parent / "golden" / "mini_export.json"
pytestmark = pytest.mark.slow


@pytest.fixture
def exported(mini, settings):
    store = open_store(settings.db)
    ingest_paths([mini], store, settings)
    return build_export(store, with_text=True)


def _stable(data: dict) -> dict:
    """Drop what legitimately varies (similarity decimals, file locations, times)."""
    out = json.loads(json.dumps(data))
    for doc in out["documents"]:
        doc.pop("evidence")
    for item in out["skipped"]:
        item["origin"] = Path(item["origin"]).name
    for change in out["changes"]:
        change.pop("at")
    return out


def test_export_matches_schema(exported):
    jsonschema.validate(exported, export_schema())


def test_export_golden(exported):
    stable = _stable(exported)
    if os.environ.get("REGENERATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(render(stable, "json"), encoding="utf-8")
    assert stable == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_unknown_values_are_null(exported):
    wire = next(d for d in exported["documents"] if d["id"] == "wire-1")
    assert wire["dateline"] is None and wire["duplicate_of"] is None
